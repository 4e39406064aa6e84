/**
 * The summary's SVG charts, one module each: the payout against the savings rate at several
 * quality levels, the payout against the quality score (the cliff at the standard), the Monte
 * Carlo distribution with P(loss) and the caps, and the term year by year. chart-kit.ts holds
 * what they are drawn with.
 */
export { monteCarloChartSvg, type MonteCarloMarks } from './monte-carlo-chart.js';
export { payoutChartSvg, type PayoutChartInput, type PayoutSeries } from './payout-chart.js';
export { qualityChartSvg, type QualityPoint, type QualitySeries } from './quality-chart.js';
export { termChartSvg, type TermBar } from './term-chart.js';
