/**
 * The requests the VS Code client sends to the language server beyond LSP, shared by both sides.
 * Types only and constants: importing this does not pull the server into the client bundle.
 */
import type { MonteCarloResult } from '../settlement/monte-carlo.js';

export const AcoRequests = {
    /** `{ uri, scenario? }` → ExplainResult */
    explainScenario: 'aco/explainScenario',
    /** `{ uri }` → SummaryResult */
    summary: 'aco/summary',
    /** `{ uri, trials?, workDoneToken? }` → MonteCarloResponse; reports `$/progress`, honours cancellation */
    monteCarlo: 'aco/monteCarlo'
} as const;

/** The most trials `aco/monteCarlo` runs, as for `aco simulate --trials`. */
export const MAX_MONTE_CARLO_TRIALS = 100_000_000;

export interface ExplainResult {
    title: string;
    /** The waterfall as a Markdown table. */
    markdown: string;
}

export interface SummaryResult {
    title: string;
    /** A complete, self-contained HTML document (no scripts). */
    html: string;
}

export interface MonteCarloResponse {
    contract: string;
    currency: string;
    result: Omit<MonteCarloResult, 'sorted'>;
    /** The statistics in the contract's money. */
    formatted: Record<'mean' | 'sd' | 'p5' | 'p25' | 'p50' | 'p75' | 'p95' | 'payerMeanNet', string>;
    /** The distribution of earned as an SVG histogram. */
    chartSvg: string;
}
