/**
 * What a settlement produces: the figures of one scenario and the waterfall of steps that led to
 * them. Hover, `--explain`, the JSON output and the summaries all read this record; none of them
 * recomputes a figure.
 */
import type { Dec } from '../decimal.js';
import type { CapitationService } from '../model/contract-model.js';

/** One step of the waterfall. */
export interface SettlementStep {
    /** A stable key, e.g. `benchmark`, `gross savings`, `sequestration`, `savings cap`, `earned`. */
    step: string;
    /** The money figure after this step (a running amount, or the step's own amount). */
    amount?: Dec;
    /** The rate this step used or produced, when it is a rate (MSR, final sharing rate, …). */
    rate?: Dec;
    /** One plain-English line: what happened and why. */
    explanation: string;
    /** 1-based source line of the clause this step came from. */
    line?: number;
}

export interface CapitationResult {
    service: CapitationService;
    provider?: string;
    paid: Dec;
    withheld: Dec;
    returned: Dec;
    line: number;
}

export interface DistributionShare {
    provider: string;
    amount: Dec;
}

export interface DistributionResult {
    reserve: Dec;
    /** earned − reserve, split among providers to the cent. */
    remainder: Dec;
    providers: DistributionShare[];
}

export interface ExpectationResult {
    kind: 'earned' | 'provider' | 'bonus';
    providerId?: string;
    expected: Dec;
    actual: Dec;
    tolerance: Dec;
    passed: boolean;
    line: number;
}

/** Who receives a ledger entry: the ACO (or a provider), the payer, or nobody (the payer keeps it back). */
export type LedgerDirection = 'to ACO' | 'to payer' | 'kept by payer';
export type LedgerTiming = 'at start' | 'monthly' | 'quarterly' | 'at settlement';

/** One payment stream of a performance year. */
export interface LedgerEntry {
    /** `capitation`, `care coordination fee`, `capitation withhold`, `withhold returned`, `clawback`, `advance investment`, `shared savings`, `sequestration`, `owed losses`, `advance investment recouped`. */
    stream: string;
    provider?: string;
    direction: LedgerDirection;
    timing: LedgerTiming;
    /** Always ≥ 0; the direction gives the sign. */
    amount: Dec;
    line?: number;
    explanation: string;
}

/** The cash of one performance year, and the advance investment still to recoup after it. */
export interface Ledger {
    year: number;
    entries: LedgerEntry[];
    /** Σ to ACO − Σ to payer (amounts kept back by the payer never reached the ACO). */
    netToAco: Dec;
    /** Advance investment paid and not yet recouped, after this year's settlement. */
    advanceBalance: Dec;
}

export interface Settlement {
    scenario: string;
    scenarioLine: number;
    /** B: the benchmark after trend, discount and the quality withhold. */
    benchmark: Dec;
    expenditure: Dec;
    /** G = B − E. */
    grossSavings: Dec;
    /** r = G / B. */
    savingsRate: Dec;
    /** Q in [0, 1]. */
    qualityScore: Dec;
    qualityStandardMet: boolean;
    /** The minimum savings (or loss) rate that applied, if any. */
    minimumRate?: Dec;
    /** Final sharing rate on savings, when a single rate applies. */
    finalSharingRate?: Dec;
    /** Loss sharing rate, when losses were settled with a single rate. */
    lossSharingRate?: Dec;
    /** Earned before rounding (positive: shared savings; negative: owed losses). */
    earnedExact: Dec;
    /** What sequestration took from shared savings, unrounded (0 or absent when none). */
    sequestered?: Dec;
    /** The quality bonus paid beside the settlement (rounded), with a `quality bonus` section. */
    qualityBonus?: Dec;
    /** Earned, rounded by the contract's rounding rule. */
    earned: Dec;
    capitation: CapitationResult[];
    distribution?: DistributionResult;
    steps: SettlementStep[];
    expectations: ExpectationResult[];
    /** The performance year settled (the scenario's `year`, else the agreement's default). */
    year: number;
    /** Every payment stream of the year (present when capitation was settled). */
    ledger?: Ledger;
}

/** What an `expect term …` line checks. */
export interface TermExpectationResult {
    kind: 'earned' | 'net cash';
    expected: Dec;
    actual: Dec;
    tolerance: Dec;
    passed: boolean;
    line: number;
}

/** A projection settled: each year in order, with the advance investment balance carried, and the totals. */
export interface ProjectionSettlement {
    name: string;
    line: number;
    years: Array<{ year: number; settlement: Settlement; ledger: Ledger }>;
    /** Σ earned over the years (rounded figures). */
    totalEarned: Dec;
    /** Σ net cash to the ACO over the years. */
    totalNetCash: Dec;
    expectations: TermExpectationResult[];
}
