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
    monteCarlo: 'aco/monteCarlo',
    /** `{ uri, position? }` (the cursor; null when the editor closes) → FocusResult; figures follow the cursor's scenario */
    focus: 'aco/focus',
    /** `{ uri, scenario? }` (empty: back to the default) → FocusResult; the driving scenario for that document */
    pickScenario: 'aco/pickScenario'
} as const;

/** A scenario the status bar can pick. */
export interface ScenarioChoice {
    name: string;
    /** 1-based line of `scenario "…" {`. */
    line: number;
    /** "Earned $2,135,818.13", "Owes $…", or why it cannot settle. */
    result: string;
    settles: boolean;
}

/** Which scenario drives a document's figures now, and the ones it could be. */
export interface FocusResult {
    scenarios: ScenarioChoice[];
    /** The driving source: `scenario "Loss year"` or `projection "Base", year 2`; absent when nothing settles. */
    driving?: { label: string; scenario?: string; reason: 'cursor' | 'picked' | 'setting' | 'first'; why: string };
    /** The picked scenario for this document, if any. */
    picked?: string;
    /** True while the figures are the last valid version's (the contract has errors). */
    stale: boolean;
    /** Errors in the contract now. */
    errors: number;
}

/** The `data` of the error `aco/summary` answers while the contract has errors: what to fix. */
export interface ContractProblems {
    problems: Array<{ line: number; column: number; message: string; code?: string }>;
}

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
    /** What was drawn, and the year and benchmark the trials were settled against. */
    inputs?: Array<{ what: string; value: string }>;
    /** The chance each cap binds: P(earned reaches the most the contract pays, or owes). */
    caps?: Array<{ cap: string; amount: string; probability: number }>;
    /** The tails: expected shortfall, the mean of the worst 5% of trials (and of the best 5%). */
    tails?: { worst5Mean: string; best5Mean: string };
    /** Every percentile from 1 to 99, in the contract's money, for the CSV export. */
    percentileTable?: Array<{ percentile: number; earned: number }>;
}
