/**
 * The quality chart: what the ACO earns or owes against its quality score, at a fixed savings
 * rate (and, in a two-sided contract, at the same rate over the benchmark), with the quality
 * standard marked, so the cliff at the standard is a vertical drop a reader cannot miss.
 * Structure: `<svg class="aco-chart quality-chart" data-series="2">`, each line a
 * `<path class="curve series-N" data-points="…">`, the standard as `<g class="standard-marker">`.
 */
import type { Dec } from '../decimal.js';
import type { ContractModel } from '../model/contract-model.js';
import { HEIGHT, legend, legendHeight, linear, MARGIN, MUTED, n, niceTicks, percentTick, PLOT_H, PLOT_W, RED, seriesStyle, svgOpen, verticalMarker, xAxis, yAxis } from './chart-kit.js';
import { escapeHtml } from './escape.js';
import { compactMoney, fixedRate } from './figures.js';

export interface QualityPoint {
    quality: Dec;
    earned: Dec;
}

export interface QualitySeries {
    label: string;
    /** The savings rate the line holds fixed. */
    savingsRate: Dec;
    points: QualityPoint[];
}

export function qualityChartSvg(series: readonly QualitySeries[], standard: Dec | undefined, model: ContractModel): string {
    const numeric = series.map((s) => s.points.map((p) => ({ q: p.quality.toNumber(), earned: p.earned.toNumber() })));
    const earned = numeric.flat().map((p) => p.earned);
    const yDomain = niceTicks(Math.min(0, ...earned), Math.max(0, ...earned), 6);
    const x = linear(0, 1, MARGIN.left, MARGIN.left + PLOT_W);
    const y = linear(yDomain.low, yDomain.high, MARGIN.top + PLOT_H, MARGIN.top);
    const xTicks = Array.from({ length: 11 }, (_, i) => i / 10);
    const description = `Earned (negative: owed) against the quality score from 0% to 100%, ${series.map((s) => s.label).join('; ')}${standard ? `; the quality standard at ${fixedRate(standard, 2)} is marked` : ''}.`;
    const parts = [svgOpen('quality', 'quality-chart', 'Payout against the quality score', description, `data-series="${series.length}"`, HEIGHT + legendHeight(Math.max(2, series.length)))];
    parts.push(xAxis(xTicks, x, percentTick, 'Quality score'));
    parts.push(yAxis(yDomain.ticks, y, (v) => compactMoney(v, model), 'Earned (negative: owed)'));
    parts.push(`<line class="zero-line" x1="${MARGIN.left}" y1="${n(y(0))}" x2="${MARGIN.left + PLOT_W}" y2="${n(y(0))}" stroke="${MUTED}" stroke-width="1.2"/>`);
    if (standard) {
        parts.push(verticalMarker('standard-marker', x(standard.toNumber()), `quality standard ${fixedRate(standard, 2).replace(/\.00%$/, '%')}`, standard.toNumber() > 0.7 ? 'end' : 'start', RED));
    }
    numeric.forEach((points, index) => {
        const { colour, dash } = seriesStyle(index);
        // A vertical segment where the score crosses the standard: the cliff is drawn, not interpolated.
        const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${n(x(p.q))},${n(y(p.earned))}`).join(' ');
        parts.push(`<path class="curve series-${index + 1}" data-points="${points.length}" data-rate="${series[index].savingsRate.toFixed()}" d="${path}" fill="none" stroke="${colour}" stroke-width="2.4" stroke-linejoin="round"${dash ? ` stroke-dasharray="${dash}"` : ''}><title>${escapeHtml(series[index].label)}</title></path>`);
    });
    parts.push(legend(series.map((s, index) => ({ label: s.label, index }))));
    parts.push('</svg>');
    return parts.join('\n') + '\n';
}
