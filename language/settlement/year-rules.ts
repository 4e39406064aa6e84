/**
 * The arithmetic of one performance year once B1, Q and the savings rate are known: SETTLEMENT.md
 * steps 3 (the standard), 4 (withhold, health equity adjustment), 7 (shared savings) and 8 (owed
 * losses). Each rule is written here once, over an `Arithmetic` (arithmetic.ts): `settle` runs it
 * with exact decimals and turns the trace into the waterfall; Monte Carlo runs the very same
 * functions with floats for each trial. A plan holds the contract's terms, resolved once and
 * converted to the arithmetic's numbers; a trace receives what a rule decided, so explanations
 * never redo a rule's arithmetic.
 */
import type { Dec } from '../decimal.js';
import type { Corridor } from '../model/contract-model.js';
import type { Arithmetic } from './arithmetic.js';

// ---- Plans: the contract's terms as numbers -----------------------------------------------------

/** Corridors as parallel arrays of edges (shares of B) and shares; `upper` undefined for `over`. */
export interface Bands<T> {
    lower: T[];
    upper: Array<T | undefined>;
    share: T[];
}

export interface SavingsPlan<T> {
    /** The minimum savings rate; undefined when none applies. */
    minimum?: T;
    /** `below minimum savings rate share half`. */
    halfBelowMinimum: boolean;
    /** `sharing basis above minimum`. */
    aboveMinimum: boolean;
    /** `quality adjustment scaled`. */
    scaled: boolean;
    /** `alternative standard scaled`. */
    alternativeScaled: boolean;
    sharing: 'none' | 'rate' | 'corridors';
    /** R, with `sharing: 'rate'`. */
    rate: T;
    bands: Bands<T>;
    /** 1 − sequestration; undefined without a sequestration term. */
    kept?: T;
    /** The savings cap as a share of B. */
    cap?: T;
    /** Quality tiers: the sharing rate by quality score (empty: one rate or corridors). */
    tiers: Bands<T>;
    /** `sharing rate floor`: the final sharing rate never below this. */
    floor?: T;
    /** `medical loss ratio floor`: expenditure below this share of B is refunded out of savings. */
    mlrFloor?: T;
}

export interface LossPlan<T> {
    minimum?: T;
    sharing: 'none' | 'rate' | 'complement' | 'corridors';
    /** The flat loss sharing rate. */
    rate: T;
    /** `1 − R × LQ` within [floor, ceiling]. */
    floor: T;
    ceiling: T;
    savingsRate: T;
    /** `quality adjustment none`: LQ = 1. */
    qualityIgnored: boolean;
    /** `alternative standard scaled`. */
    alternativeScaled: boolean;
    bands: Bands<T>;
    /** The loss cap as a share of B. */
    cap?: T;
    /** The revenue cap in money (rate × participant revenue). */
    revenueLimit?: T;
    /** Quality tiers: the loss sharing rate by quality score (empty: none). */
    tiers: Bands<T>;
    /** `sharing basis above minimum`: only the loss beyond the minimum loss rate is shared. */
    aboveMinimum: boolean;
    /** The scenario's disaster adjustment, ≥ 0. */
    reducedBy?: T;
    /** 1 − the forgiven share. */
    keptAfterForgiveness?: T;
}

export function bandsOf<T>(arithmetic: Arithmetic<T>, corridors: readonly Corridor[] | undefined): Bands<T> {
    const list = corridors ?? [];
    return {
        lower: list.map((corridor) => arithmetic.of(corridor.lower)),
        upper: list.map((corridor) => (corridor.upper === undefined ? undefined : arithmetic.of(corridor.upper))),
        share: list.map((corridor) => arithmetic.of(corridor.share))
    };
}

export function optional<T>(arithmetic: Arithmetic<T>, value: Dec | undefined): T | undefined {
    return value === undefined ? undefined : arithmetic.of(value);
}

// ---- Where the year stands ------------------------------------------------------------------

export interface Year<T> {
    /** B, after the withhold and the health equity adjustment. */
    benchmark: T;
    /** G = B − E. */
    gross: T;
    /** r = G / B. */
    rate: T;
    quality: T;
    standardMet: boolean;
    /** The scenario says `alternative standard met`. */
    alternativeMet: boolean;
    /** The scenario says `guardrail applies`. */
    guardrail: boolean;
}




// ---- Corridors ---------------------------------------------------------------------------------


// ---- Step 7: shared savings ------------------------------------------------------------------

export type SavingsOutcome = 'guardrail' | 'below minimum' | 'not met' | 'no sharing' | 'shared';

/** What step 7 decided, for the waterfall. */
export interface SavingsTrace<T> {
    outcome: SavingsOutcome;
    /** Below the minimum, shared at half the rate. */
    halfRate: boolean;
    /** The standard was missed and the alternative standard met: the sliding scale applied. */
    alternative: boolean;
    /** Whether Q scaled the rate or the corridors. */
    scaled: boolean;
    /** MSR × B. */
    threshold: T;
    basis: T;
    /** The final sharing rate, with one rate. */
    finalRate: T;
    /** Σ band part × share, with corridors (before Q and the half rate). */
    corridorTotal: T;
    /** Each band's part of the basis, and that part × the band's share, with corridors. */
    parts: T[];
    bandShared: T[];
    beforeSequestration: T;
    afterSequestration: T;
    /** cap × B, when `capped` (there is a cap). Numeric fields are never undefined, so float traces stay unboxed. */
    capLimit: T;
    capped: boolean;
    capBinds: boolean;
    /** The rate the quality tier gave, when `tiered`. */
    tierRate: T;
    tiered: boolean;
    /** The floor raised the final sharing rate. */
    floorApplied: boolean;
    /** Refunded under the medical loss ratio floor. */
    mlrRefund: T;
    shared: T;
}



// ---- Step 8: owed losses ---------------------------------------------------------------------

export type LossOutcome = 'below minimum' | 'no sharing' | 'owed';

/** What step 8 decided, for the waterfall. Amounts owed are negative. */
export interface LossTrace<T> {
    outcome: LossOutcome;
    /** LQ, with the complement rate. */
    lossQuality: T;
    /** 1 − R × LQ before the floor and ceiling. */
    rawRate: T;
    /** The loss sharing rate, flat or complement. */
    lossRate: T;
    /** Σ band part × share of |G|, with corridors. */
    corridorTotal: T;
    parts: T[];
    bandShared: T[];
    /** The loss shared: |G|, or |G| − MLR × B above the minimum. */
    basis: T;
    /** The rate the quality tier gave, when `tiered`. */
    tierRate: T;
    tiered: boolean;
    /** Owed before the cap. */
    beforeCap: T;
    /** The binding cap in money, when `capped`. */
    capLimit: T;
    capped: boolean;
    /** Which cap binds or applies: the revenue cap when it is the smaller. */
    revenueCapChosen: boolean;
    capBinds: boolean;
    afterCap: T;
    afterReduction: T;
    owed: T;
}


// ---- The rules ----------------------------------------------------------------------------------

/**
 * Every rule of the year, made by one self-contained factory (it refers to nothing outside its
 * own body, not even an import), so that the float instance below can be compiled from the same
 * source a second time: V8 then keeps separate type feedback for exact settlements and for float
 * trials, and inlines the float arithmetic into the trial loop as if the loop were written by hand.
 */
function makeYearRules() {
    /** Step 3: the scenario's verdict, else Q ≥ standard, else (no standard) met. */
    function standardMet<T>(arithmetic: Arithmetic<T>, quality: T, standard: T | undefined, verdict: boolean | undefined): boolean {
        if (verdict !== undefined) {
            return verdict;
        }
        return standard === undefined || !arithmetic.lessThan(quality, standard);
    }
    /** Step 4: W × Q earned back when the standard is met. */
    function earnedBack<T>(arithmetic: Arithmetic<T>, withheld: T, quality: T, met: boolean): T {
        return met ? arithmetic.times(withheld, quality) : arithmetic.zero;
    }
    /** Step 4: B = B1 − W + earned back + HEBA. */
    function benchmarkAfterWithhold<T>(arithmetic: Arithmetic<T>, discounted: T, withheld: T, back: T, equityAdjustment: T): T {
        return arithmetic.plus(arithmetic.plus(arithmetic.minus(discounted, withheld), back), equityAdjustment);
    }
    /**
     * Σ band part × share for `amount` ≥ 0, each band between lower × B and upper × B. Each band's
     * part and part × share are written into `parts` and `shared` (the waterfall lists them).
     */
    function corridorTotal<T>(arithmetic: Arithmetic<T>, amount: T, benchmark: T, bands: Bands<T>, parts: T[], shared: T[]): T {
        let total = arithmetic.zero;
        for (let index = 0; index < bands.lower.length; index++) {
            const from = arithmetic.times(bands.lower[index], benchmark);
            const upper = bands.upper[index];
            const to = upper === undefined ? amount : arithmetic.min(amount, arithmetic.times(upper, benchmark));
            const part = arithmetic.greaterThan(to, from) ? arithmetic.minus(to, from) : arithmetic.zero;
            const bandShared = arithmetic.times(part, bands.share[index]);
            parts[index] = part;
            shared[index] = bandShared;
            total = arithmetic.plus(total, bandShared);
        }
        return total;
    }
    /** The share of the tier the quality score falls in (lower ≤ Q < upper); zero below every tier. */
    function tierShare<T>(arithmetic: Arithmetic<T>, tiers: Bands<T>, quality: T): T {
        for (let index = tiers.lower.length - 1; index >= 0; index--) {
            const upper = tiers.upper[index];
            if (!arithmetic.lessThan(quality, tiers.lower[index]) && (upper === undefined || arithmetic.lessThan(quality, upper))) {
                return tiers.share[index];
            }
        }
        return arithmetic.zero;
    }

    /**
     * Step 7 for G > 0, in SETTLEMENT.md's order: the guardrail; the minimum savings rate (below it,
     * nothing, or half the rate from the first dollar); the quality standard (missed: nothing, or the
     * sliding scale R × Q when the alternative standard is met); the basis; one rate or corridors;
     * sequestration; the cap, after sequestration.
     */
    function shareSavings<T>(arithmetic: Arithmetic<T>, plan: SavingsPlan<T>, year: Year<T>, trace: SavingsTrace<T>): T {
        const zero = arithmetic.zero;
        trace.halfRate = false;
        trace.alternative = false;
        trace.capBinds = false;
        trace.capped = false;
        trace.tiered = false;
        trace.floorApplied = false;
        trace.mlrRefund = zero;
        trace.shared = zero;
        if (year.guardrail) {
            trace.outcome = 'guardrail';
            return zero;
        }
        const minimum = plan.minimum;
        trace.threshold = minimum === undefined ? zero : arithmetic.times(year.benchmark, minimum);
        if (minimum !== undefined && arithmetic.lessThan(year.rate, minimum)) {
            if (!plan.halfBelowMinimum) {
                trace.outcome = 'below minimum';
                return zero;
            }
            trace.halfRate = true;
        }
        let scaled = plan.scaled;
        if (!year.standardMet) {
            if (!(plan.alternativeScaled && year.alternativeMet)) {
                trace.outcome = 'not met';
                return zero;
            }
            trace.alternative = true;
            scaled = true;
        }
        trace.scaled = scaled;
        const tiered = plan.tiers.lower.length > 0;
        if (plan.sharing === 'none' && !tiered) {
            trace.outcome = 'no sharing';
            return zero;
        }
        const basis = plan.aboveMinimum && !trace.halfRate ? arithmetic.minus(year.gross, trace.threshold) : year.gross;
        trace.basis = basis;
        let shared: T;
        if (plan.sharing === 'rate' || tiered) {
            // Tiers give the rate for the score's tier; one rate is scaled by Q under `scaled`.
            let finalRate: T;
            if (tiered) {
                finalRate = tierShare(arithmetic, plan.tiers, year.quality);
                trace.tierRate = finalRate;
                trace.tiered = true;
            } else {
                finalRate = scaled ? arithmetic.times(plan.rate, year.quality) : plan.rate;
            }
            if (trace.halfRate) {
                finalRate = arithmetic.times(finalRate, arithmetic.half);
            }
            if (plan.floor !== undefined && arithmetic.lessThan(finalRate, plan.floor)) {
                finalRate = plan.floor;
                trace.floorApplied = true;
            }
            trace.finalRate = finalRate;
            shared = arithmetic.times(basis, finalRate);
        } else {
            const total = corridorTotal(arithmetic, basis, year.benchmark, plan.bands, trace.parts, trace.bandShared);
            trace.corridorTotal = total;
            shared = scaled ? arithmetic.times(total, year.quality) : total;
            if (trace.halfRate) {
                shared = arithmetic.times(shared, arithmetic.half);
            }
        }
        trace.beforeSequestration = shared;
        if (plan.kept !== undefined) {
            shared = arithmetic.times(shared, plan.kept);
        }
        trace.afterSequestration = shared;
        if (plan.cap !== undefined) {
            const limit = arithmetic.times(year.benchmark, plan.cap);
            trace.capLimit = limit;
            trace.capped = true;
            if (arithmetic.greaterThan(shared, limit)) {
                trace.capBinds = true;
                shared = limit;
            }
        }
        if (plan.mlrFloor !== undefined) {
            // Medical spending must be at least floor × B: the ACO's margin is at most (1 − floor) × B,
            // and what it would keep beyond that is refunded (with 100% sharing: the shortfall below the floor).
            const allowed = arithmetic.times(year.benchmark, arithmetic.minus(arithmetic.one, plan.mlrFloor));
            if (arithmetic.greaterThan(shared, allowed)) {
                trace.mlrRefund = arithmetic.minus(shared, allowed);
                shared = allowed;
            }
        }
        trace.outcome = 'shared';
        trace.shared = shared;
        return shared;
    }
    /**
     * LQ: Q when the standard is met, or the alternative standard is met under `alternative standard
     * scaled`; else 0 (failing gives the ceiling); 1 under `quality adjustment none`.
     */
    function lossQuality<T>(arithmetic: Arithmetic<T>, plan: LossPlan<T>, year: Year<T>): T {
        if (plan.qualityIgnored) {
            return arithmetic.one;
        }
        return year.standardMet || (plan.alternativeScaled && year.alternativeMet) ? year.quality : arithmetic.zero;
    }
    /**
     * Step 8 for G < 0: the minimum loss rate; a flat rate, `1 − R × LQ` within its bounds, or
     * corridors on |G|; the cap (the smaller of the benchmark and revenue caps); the disaster
     * adjustment, toward zero and never past it; forgiveness. Losses are never sequestered.
     */
    function oweLosses<T>(arithmetic: Arithmetic<T>, plan: LossPlan<T>, year: Year<T>, trace: LossTrace<T>): T {
        const zero = arithmetic.zero;
        trace.capBinds = false;
        trace.capped = false;
        trace.revenueCapChosen = false;
        trace.tiered = false;
        trace.owed = zero;
        const gross = arithmetic.negated(year.gross);
        if (plan.minimum !== undefined && arithmetic.lessThan(arithmetic.negated(year.rate), plan.minimum)) {
            trace.outcome = 'below minimum';
            return zero;
        }
        // Above the minimum, only the loss beyond MLR × B is shared (a deadband around the benchmark).
        const loss = plan.aboveMinimum && plan.minimum !== undefined ? arithmetic.minus(gross, arithmetic.times(year.benchmark, plan.minimum)) : gross;
        trace.basis = loss;
        const shared = arithmetic.negated(loss);
        let owed: T;
        const tiered = plan.tiers.lower.length > 0;
        if (plan.sharing === 'none' && !tiered) {
            trace.outcome = 'no sharing';
            return zero;
        } else if (tiered) {
            const rate = tierShare(arithmetic, plan.tiers, year.quality);
            trace.tierRate = rate;
            trace.tiered = true;
            trace.lossRate = rate;
            owed = arithmetic.times(shared, rate);
        } else if (plan.sharing === 'rate') {
            trace.lossRate = plan.rate;
            owed = arithmetic.times(shared, plan.rate);
        } else if (plan.sharing === 'complement') {
            const quality = lossQuality(arithmetic, plan, year);
            const raw = arithmetic.minus(arithmetic.one, arithmetic.times(plan.savingsRate, quality));
            const rate = arithmetic.min(plan.ceiling, arithmetic.max(plan.floor, raw));
            trace.lossQuality = quality;
            trace.rawRate = raw;
            trace.lossRate = rate;
            owed = arithmetic.times(shared, rate);
        } else {
            const total = corridorTotal(arithmetic, loss, year.benchmark, plan.bands, trace.parts, trace.bandShared);
            trace.corridorTotal = total;
            owed = arithmetic.negated(total);
        }
        trace.beforeCap = owed;

        const benchmarkLimit = plan.cap === undefined ? undefined : arithmetic.times(year.benchmark, plan.cap);
        const revenueLimit = plan.revenueLimit;
        let limit = benchmarkLimit;
        if (revenueLimit !== undefined && (limit === undefined || arithmetic.lessThan(revenueLimit, limit))) {
            limit = revenueLimit;
            trace.revenueCapChosen = true;
        }
        if (limit !== undefined) {
            trace.capLimit = limit;
            trace.capped = true;
            if (arithmetic.greaterThan(arithmetic.negated(owed), limit)) {
                trace.capBinds = true;
                owed = arithmetic.negated(limit);
            }
        }
        trace.afterCap = owed;

        if (plan.reducedBy !== undefined && arithmetic.isNegative(owed)) {
            owed = arithmetic.min(zero, arithmetic.plus(owed, plan.reducedBy));
        }
        trace.afterReduction = owed;
        if (plan.keptAfterForgiveness !== undefined && arithmetic.isNegative(owed)) {
            owed = arithmetic.times(owed, plan.keptAfterForgiveness);
        }
        trace.outcome = 'owed';
        trace.owed = owed;
        return owed;
    }

    /*
     * Traces are class instances made here, not object literals: each compiled copy of the
     * factory then has its own object shapes, so float traces keep unboxed number fields.
     */
    class SavingsTraceRecord<T> implements SavingsTrace<T> {
        outcome: SavingsOutcome = 'shared';
        halfRate = false;
        alternative = false;
        scaled = false;
        threshold: T;
        basis: T;
        finalRate: T;
        corridorTotal: T;
        parts: T[] = [];
        bandShared: T[] = [];
        beforeSequestration: T;
        afterSequestration: T;
        capLimit: T;
        capped = false;
        capBinds = false;
        tierRate: T;
        tiered = false;
        floorApplied = false;
        mlrRefund: T;
        shared: T;
        constructor(zero: T) {
            this.capLimit = zero;
            this.tierRate = zero;
            this.mlrRefund = zero;
            this.threshold = zero;
            this.basis = zero;
            this.finalRate = zero;
            this.corridorTotal = zero;
            this.beforeSequestration = zero;
            this.afterSequestration = zero;
            this.shared = zero;
        }
    }

    class LossTraceRecord<T> implements LossTrace<T> {
        outcome: LossOutcome = 'owed';
        lossQuality: T;
        rawRate: T;
        lossRate: T;
        corridorTotal: T;
        parts: T[] = [];
        bandShared: T[] = [];
        basis: T;
        tierRate: T;
        tiered = false;
        beforeCap: T;
        capLimit: T;
        capped = false;
        revenueCapChosen = false;
        capBinds = false;
        afterCap: T;
        afterReduction: T;
        owed: T;
        constructor(zero: T) {
            this.tierRate = zero;
            this.capLimit = zero;
            this.basis = zero;
            this.lossQuality = zero;
            this.rawRate = zero;
            this.lossRate = zero;
            this.corridorTotal = zero;
            this.beforeCap = zero;
            this.afterCap = zero;
            this.afterReduction = zero;
            this.owed = zero;
        }
    }

    /** A trace for step 7, reusable from year to year. */
    function newSavingsTrace<T>(arithmetic: Arithmetic<T>): SavingsTrace<T> {
        return new SavingsTraceRecord(arithmetic.zero);
    }

    /** A trace for step 8, reusable from year to year. */
    function newLossTrace<T>(arithmetic: Arithmetic<T>): LossTrace<T> {
        return new LossTraceRecord(arithmetic.zero);
    }

    return {
        standardMet, earnedBack, benchmarkAfterWithhold, corridorTotal, shareSavings, lossQuality, oweLosses, newSavingsTrace, newLossTrace
    };
}

export type YearRules = ReturnType<typeof makeYearRules>;

/** The rules for exact settlements (`settle`). */
export const exactRules: YearRules = makeYearRules();

/**
 * The same rules for Monte Carlo's float trials: the factory's own source compiled once more
 * (see `makeYearRules`). The monte-carlo tests hold the two to agreement on thousands of random
 * contracts.
 */
export const floatRules: YearRules = (new Function(`return (${makeYearRules.toString()})();`) as () => YearRules)();

export const {
    standardMet, earnedBack, benchmarkAfterWithhold, corridorTotal, shareSavings, lossQuality, oweLosses, newSavingsTrace, newLossTrace
} = exactRules;
