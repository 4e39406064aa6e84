/**
 * Human-readable contract summaries: pure "compute the text" renderers from a contract's analysis
 * (model and settlements, plus an optional Monte Carlo run, the validator's findings and the
 * sign-off facts) to Markdown and HTML with SVG charts, and HTML to PDF through Chromium (pdf.ts,
 * the one part that runs a program). Nothing else here writes to disk: the caller (the
 * `aco summary` command) writes the text and the chart files.
 */
import type { ContractModel } from '../model/contract-model.js';
import { runMonteCarlo, type MonteCarloResult } from '../settlement/index.js';
import { renderHtml } from './html.js';
import { renderMarkdown, type MarkdownOptions, type MarkdownSummary } from './markdown.js';
import { buildSummary, type SummaryInput } from './summary-content.js';

export { monteCarloChartSvg, payoutChartSvg, qualityChartSvg, termChartSvg, type PayoutChartInput, type PayoutSeries } from './charts.js';
export { cellText, plainText, type Block, type Cell, type ChartBlock, type Inline, type SummaryDocument, type TableColumn } from './document.js';
export { escapeHtml, escapeMarkdown } from './escape.js';
export { renderHtml } from './html.js';
export { contractLimits, termYears, type ContractLimits, type TermYear, type YearLimits } from './limits.js';
export { renderMarkdown, safeFileName, type MarkdownOptions, type MarkdownSummary, type SummaryFile } from './markdown.js';
export { bannerOf, noticesOf, type SummaryNotice } from './notices.js';
export { findChromium, htmlToPdf, paperFor, PdfError, requireChromium, type Paper, type PdfOptions } from './pdf.js';
export {
    breakEvens, CURVE_FROM, CURVE_STEP, CURVE_TO, minimumRates, payoutCurve, probeScenario, settleAt, settleAtQuality,
    type BreakEven, type CurvePoint, type MinimumRates, type PayoutCurve
} from './probe.js';
export { contentHash, generatedInWords, generationDate, GenerationDateError, type SignOff } from './sign-off.js';
export { buildSummary, summaryInputOf, type SummaryInput } from './summary-content.js';
export { vocabularyOf, type Vocabulary } from './vocabulary.js';

/** The summary as Markdown, with the chart files it refers to (or inline data-URI charts). */
export function summaryMarkdown(input: SummaryInput, options: MarkdownOptions = {}): MarkdownSummary {
    return renderMarkdown(buildSummary(input), options);
}

/** The summary as one self-contained HTML page. */
export function summaryHtml(input: SummaryInput): string {
    return renderHtml(buildSummary(input));
}

/** The contract's `uncertainty` run with its own trials and seed, or undefined when it has none (or cannot run). */
export function summaryMonteCarlo(model: ContractModel): MonteCarloResult | undefined {
    if (!model.uncertainty) {
        return undefined;
    }
    try {
        return runMonteCarlo(model);
    } catch {
        return undefined;
    }
}
