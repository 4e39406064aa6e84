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
    kind: 'earned' | 'provider';
    providerId?: string;
    expected: Dec;
    actual: Dec;
    tolerance: Dec;
    passed: boolean;
    line: number;
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
    /** Earned, rounded by the contract's rounding rule. */
    earned: Dec;
    capitation: CapitationResult[];
    distribution?: DistributionResult;
    steps: SettlementStep[];
    expectations: ExpectationResult[];
}
