/**
 * Questions the summary asks the settlement engine by settling synthetic scenarios: the payout
 * curve (earned at each savings rate), the minimum savings and loss rates in force, and the
 * break-even expenditures. Nothing here re-implements a sharing rule: every figure is read from a
 * `Settlement` that `settle` produced.
 */
import { Dec, ZERO } from '../decimal.js';
import type { ContractModel, ScenarioTerms } from '../model/contract-model.js';
import { modelForYear, scenarioYear } from '../model/year-models.js';
import { settle } from '../settlement/index.js';
import type { Settlement } from '../settlement/settlement-types.js';

/** The savings rates the payout curve covers, and its step. */
export const CURVE_FROM = new Dec('-0.15');
export const CURVE_TO = new Dec('0.25');
export const CURVE_STEP = new Dec('0.005');

export interface CurvePoint {
    /** The savings rate r = G / B of the synthetic year. */
    rate: Dec;
    earned: Dec;
}

export interface PayoutCurve {
    /** The scenario whose quality, verdict and year the curve holds fixed (undefined: a quality score of 100%). */
    basis?: string;
    points: CurvePoint[];
}

/**
 * The scenario the curve and the probes vary: the contract's first scenario with its expenditure
 * replaced (its quality, standard verdict and year kept; its loss adjustments and expectations
 * dropped), or, without scenarios, a year-1 scenario with a quality score of 100%.
 */
export function probeScenario(model: ContractModel, savingsRate: Dec, base: ScenarioTerms | undefined = model.scenarios[0]): ScenarioTerms {
    const line = base?.line ?? 0;
    const scenario: ScenarioTerms = {
        name: base ? base.name : 'probe',
        line,
        expenditure: { kind: 'savings', rate: savingsRate, line },
        results: base ? base.results : new Map(),
        expectations: []
    };
    if (base?.qualityScore) {
        scenario.qualityScore = base.qualityScore;
    } else if (!base) {
        scenario.qualityScore = { rate: new Dec(1), line };
    }
    if (base?.standardVerdict) {
        scenario.standardVerdict = base.standardVerdict;
    }
    if (base?.year) {
        scenario.year = base.year;
    }
    return scenario;
}

/** Settles a synthetic year at `savingsRate`; undefined when the contract cannot settle. */
export function settleAt(model: ContractModel, savingsRate: Dec, base?: ScenarioTerms): Settlement | undefined {
    try {
        return settle(model, probeScenario(model, savingsRate, base), { capitation: false, distribution: false });
    } catch {
        return undefined;
    }
}

/**
 * A synthetic year at `savingsRate` with a stated quality score (no measure results, no stated
 * verdict: the standard is met or missed by the score) in performance year `year` (stated, so the
 * agreement's default year never stands in for it).
 */
export function qualityProbe(savingsRate: Dec, quality: Dec, year: number): ScenarioTerms {
    return {
        name: 'probe',
        line: 0,
        expenditure: { kind: 'savings', rate: savingsRate, line: 0 },
        results: new Map(),
        qualityScore: { rate: quality, line: 0 },
        year: { year, line: 0 },
        expectations: []
    };
}

/** The performance year the summary's curves settle: the first scenario's, else the agreement's default. */
export function curveYear(model: ContractModel): number {
    return model.scenarios[0]?.year?.year ?? model.agreement?.defaultYear ?? 1;
}

/** Settles `qualityProbe`; undefined when the contract cannot settle. */
export function settleAtQuality(model: ContractModel, savingsRate: Dec, quality: Dec, year: number): Settlement | undefined {
    try {
        return settle(model, qualityProbe(savingsRate, quality, year), { capitation: false, distribution: false });
    } catch {
        return undefined;
    }
}

/** The savings rates of the payout curve: −15% to +25% in 0.5% steps. */
export function curveRates(): Dec[] {
    const rates: Dec[] = [];
    for (let rate = CURVE_FROM; rate.lessThanOrEqualTo(CURVE_TO); rate = rate.plus(CURVE_STEP)) {
        rates.push(rate);
    }
    return rates;
}

/** Earned from −15% to +25% savings in 0.5% steps, each point a real settlement; undefined when it cannot settle. */
export function payoutCurve(model: ContractModel, base: ScenarioTerms | undefined = model.scenarios[0]): PayoutCurve | undefined {
    const points: CurvePoint[] = [];
    for (const rate of curveRates()) {
        const settlement = settleAt(model, rate, base);
        if (!settlement) {
            return undefined;
        }
        points.push({ rate, earned: settlement.earned });
    }
    return { basis: base?.name, points };
}

/** A probe far enough from zero to pass any minimum rate the engine reports. */
const PROBE_RATE = new Dec('0.5');

export interface MinimumRates {
    /** The minimum savings rate the engine applied (undefined: none, savings shared from the first dollar). */
    savings?: Dec;
    /** The minimum loss rate the engine applied (undefined: none, or a one-sided contract). */
    losses?: Dec;
}

/** The terms in force in the year a scenario settles (a `year N` block can make a contract two-sided). */
function termsIn(model: ContractModel, scenario: ScenarioTerms | undefined): ContractModel {
    return modelForYear(model, scenarioYear(model, scenario));
}

/** The minimum savings and loss rates in force, as the engine resolves them (the variable table included). */
export function minimumRates(model: ContractModel, base: ScenarioTerms | undefined = model.scenarios[0]): MinimumRates {
    const result: MinimumRates = {};
    const savings = settleAt(model, PROBE_RATE, base);
    if (savings?.minimumRate !== undefined) {
        result.savings = savings.minimumRate;
    }
    if (termsIn(model, base).losses) {
        const losses = settleAt(model, PROBE_RATE.negated(), base);
        if (losses?.minimumRate !== undefined) {
            result.losses = losses.minimumRate;
        }
    }
    return result;
}

/** The base benchmark B0 of performance year 1 (the `benchmark` step of a probe settlement). */
export function yearOneBenchmark(model: ContractModel): Dec | undefined {
    const base = model.scenarios[0];
    const probe = settleAt(model, ZERO, base ? { ...base, year: undefined } : undefined);
    return probe?.steps.find((step) => step.step === 'benchmark')?.amount;
}

/** Where sharing starts for one scenario: the expenditures at the minimum savings and loss rates. */
export interface BreakEven {
    scenario: string;
    /** B of the scenario's settlement. */
    benchmark: Dec;
    /** Savings are shared when spending is at or below this (below it when `savingsInclusive` is false). */
    savingsAt: Dec;
    savingsRate: Dec;
    savingsInclusive: boolean;
    /** False when the scenario's quality (or a missing sharing rate) means no savings are shared anyway. */
    savingsShared: boolean;
    /** Losses are owed when spending is at or above this; undefined in a one-sided contract. */
    lossesAt?: Dec;
    lossesRate?: Dec;
    lossesInclusive?: boolean;
    /** False when the contract owes no losses even beyond the minimum loss rate (e.g. no loss sharing rate). */
    lossesOwed?: boolean;
}

/** How far past a threshold the confirming probe settles (0.1% of the benchmark). */
const CONFIRM_STEP = new Dec('0.001');

/**
 * The break-even expenditures of each settled scenario: B × (1 − MSR) and B × (1 + MLR), with B
 * and the minimum rates read from the engine's settlements, and each confirmed by settling just
 * past the threshold (so a scenario whose quality misses the standard says that savings are not
 * shared at all).
 */
export function breakEvens(model: ContractModel, settlements: ReadonlyArray<Settlement | undefined>): BreakEven[] {
    const result: BreakEven[] = [];
    settlements.forEach((settlement, index) => {
        const scenario = model.scenarios[index];
        if (!settlement || !scenario) {
            return;
        }
        const rates = minimumRates(model, scenario);
        const benchmark = settlement.benchmark;
        const savingsRate = rates.savings ?? ZERO;
        const savingsProbe = settleAt(model, savingsRate.plus(CONFIRM_STEP), scenario);
        const entry: BreakEven = {
            scenario: settlement.scenario,
            benchmark,
            savingsAt: benchmark.times(new Dec(1).minus(savingsRate)),
            savingsRate,
            savingsInclusive: rates.savings !== undefined,
            savingsShared: savingsProbe !== undefined && savingsProbe.earned.greaterThan(0)
        };
        if (termsIn(model, scenario).losses) {
            const lossesRate = rates.losses ?? ZERO;
            const lossProbe = settleAt(model, lossesRate.plus(CONFIRM_STEP).negated(), scenario);
            entry.lossesAt = benchmark.times(new Dec(1).plus(lossesRate));
            entry.lossesRate = lossesRate;
            entry.lossesInclusive = rates.losses !== undefined;
            entry.lossesOwed = lossProbe !== undefined && lossProbe.earned.lessThan(0);
        }
        result.push(entry);
    });
    return result;
}
