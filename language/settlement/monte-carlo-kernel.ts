/**
 * The float kernel Monte Carlo settles each trial with. SETTLEMENT.md: Monte Carlo runs are
 * statistics, not settlements, so they may use floating point; a million exact decimal
 * settlements would take minutes, a million float ones milliseconds.
 *
 * The kernel holds no rule of its own choosing. Everything that does not vary between trials is
 * resolved once by the exact engine's own functions (the benchmark before the withhold, the
 * minimum rates from the variable table, the savings and loss rules, the revenue cap) and only
 * then turned into numbers. What remains per trial is the arithmetic of steps 4 and 7–8 in the
 * same order as benchmark.ts, savings.ts and losses.ts, without rounding. kernel tests
 * (test/settlement/monte-carlo-kernel.test.ts) settle many random contracts both ways and require
 * agreement within a tiny relative tolerance; any change to those modules must keep that test
 * green.
 */
import type { ContractModel, Corridor, ScenarioTerms } from '../model/contract-model.js';
import { benchmarkBeforeWithhold } from './benchmark.js';
import { lossRules } from './losses.js';
import { savingsRules } from './savings.js';

/** Savings sharing: none, one rate, or corridors (small integers keep the trial loop monomorphic). */
const Sharing = { None: 0, Rate: 1, Corridors: 2 } as const;
type Sharing = (typeof Sharing)[keyof typeof Sharing];

/** Loss sharing: none, flat, `1 − R × LQ` clamped, or corridors. */
const LossSharingKind = { None: 0, Flat: 1, Complement: 2, Corridors: 3 } as const;
type LossSharingKind = (typeof LossSharingKind)[keyof typeof LossSharingKind];

function corridorArrays(corridors: readonly Corridor[]): { lower: Float64Array; upper: Float64Array; share: Float64Array } {
    const lower = new Float64Array(corridors.length);
    const upper = new Float64Array(corridors.length);
    const share = new Float64Array(corridors.length);
    corridors.forEach((corridor, index) => {
        lower[index] = corridor.lower.toNumber();
        upper[index] = corridor.upper === undefined ? Infinity : corridor.upper.toNumber();
        share[index] = corridor.share.toNumber();
    });
    return { lower, upper, share };
}

/** Σ band part × share for `amount` ≥ 0, bands as shares of `benchmark` (corridors.ts in floats). */
function corridorTotal(amount: number, benchmark: number, lower: Float64Array, upper: Float64Array, share: Float64Array): number {
    let total = 0;
    for (let index = 0; index < lower.length; index++) {
        const from = lower[index] * benchmark;
        const bandTop = upper[index] * benchmark;
        const to = amount < bandTop ? amount : bandTop;
        if (to > from) {
            total += (to - from) * share[index];
        }
    }
    return total;
}

/**
 * One contract's settlement rules as numbers. `earned(savingsRate, quality)` settles one trial;
 * after it, `benchmark` and `gross` hold that trial's B and G (fields, so a trial allocates nothing).
 */
export class SettlementKernel {
    /** B1: the benchmark after trend and discount. */
    readonly discountedBenchmark: number;
    readonly withholdRate: number;
    /** The quality standard; −Infinity when there is none (always met). */
    readonly standard: number;
    /** 1 met, 0 not met, −1 decided by the score. */
    readonly verdict: number;

    readonly minimumSavingsRate: number;
    readonly sharing: Sharing;
    readonly sharingRate: number;
    readonly scaled: boolean;
    readonly aboveMinimum: boolean;
    readonly savingsLower: Float64Array;
    readonly savingsUpper: Float64Array;
    readonly savingsShare: Float64Array;
    /** 1 − sequestration. */
    readonly keptAfterSequestration: number;
    /** Savings cap as a share of B; Infinity without a cap. */
    readonly savingsCap: number;

    readonly twoSided: boolean;
    readonly minimumLossRate: number;
    readonly lossSharing: LossSharingKind;
    readonly lossRate: number;
    readonly lossFloor: number;
    readonly lossCeiling: number;
    /** R, which the complement loss rate uses. */
    readonly complementRate: number;
    /** `quality adjustment none`: LQ = 1. */
    readonly lossQualityIgnored: boolean;
    readonly lossLower: Float64Array;
    readonly lossUpper: Float64Array;
    readonly lossShare: Float64Array;
    /** Loss cap as a share of B; Infinity without one. */
    readonly lossCap: number;
    /** Revenue cap in money; Infinity without one. */
    readonly revenueCap: number;
    /** `losses reduced by`, ≥ 0. */
    readonly lossesReducedBy: number;
    /** 1 − forgiven share. */
    readonly keptAfterForgiveness: number;

    /** The last trial's B. */
    benchmark = 0;
    /** The last trial's G. */
    gross = 0;

    /**
     * `scenario` (optional) supplies the year (for trend), the quality standard verdict and the
     * loss adjustments; Monte Carlo without one settles year 1 with none of them.
     */
    constructor(model: ContractModel, scenario?: ScenarioTerms) {
        this.discountedBenchmark = benchmarkBeforeWithhold(model, scenario?.year?.year ?? 1).toNumber();
        this.withholdRate = model.savings.qualityWithhold?.rate.toNumber() ?? 0;
        this.standard = model.quality.standard?.rate.toNumber() ?? -Infinity;
        this.verdict = scenario?.standardVerdict === undefined ? -1 : scenario.standardVerdict.met ? 1 : 0;

        const savings = savingsRules(model);
        this.minimumSavingsRate = savings.minimum?.rate.toNumber() ?? 0;
        this.scaled = savings.adjustment === 'scaled';
        this.aboveMinimum = savings.basis === 'above minimum';
        this.sharing = savings.sharing === undefined ? Sharing.None : savings.sharing.kind === 'rate' ? Sharing.Rate : Sharing.Corridors;
        this.sharingRate = savings.sharing?.kind === 'rate' ? savings.sharing.rate.toNumber() : 0;
        const savingsBands = corridorArrays(savings.sharing?.kind === 'corridors' ? savings.sharing.corridors : []);
        this.savingsLower = savingsBands.lower;
        this.savingsUpper = savingsBands.upper;
        this.savingsShare = savingsBands.share;
        this.keptAfterSequestration = 1 - (savings.sequestration?.rate.toNumber() ?? 0);
        this.savingsCap = savings.cap?.rate.toNumber() ?? Infinity;

        const losses = lossRules(model);
        this.twoSided = losses !== undefined;
        this.minimumLossRate = losses?.minimum?.rate.toNumber() ?? 0;
        const lossSharing = losses?.sharing;
        this.lossSharing =
            lossSharing === undefined
                ? LossSharingKind.None
                : lossSharing.kind === 'rate'
                  ? LossSharingKind.Flat
                  : lossSharing.kind === 'complement'
                    ? LossSharingKind.Complement
                    : LossSharingKind.Corridors;
        this.lossRate = lossSharing?.kind === 'rate' ? lossSharing.rate.toNumber() : 0;
        this.lossFloor = lossSharing?.kind === 'complement' ? lossSharing.floor.toNumber() : 0;
        this.lossCeiling = lossSharing?.kind === 'complement' ? lossSharing.ceiling.toNumber() : 1;
        this.complementRate = losses?.savingsSharingRate?.toNumber() ?? 0;
        this.lossQualityIgnored = losses?.adjustment === 'none';
        const lossBands = corridorArrays(lossSharing?.kind === 'corridors' ? lossSharing.corridors : []);
        this.lossLower = lossBands.lower;
        this.lossUpper = lossBands.upper;
        this.lossShare = lossBands.share;
        this.lossCap = losses?.cap?.rate.toNumber() ?? Infinity;
        this.revenueCap = losses?.revenueCap?.limit.toNumber() ?? Infinity;
        this.lossesReducedBy = scenario?.lossesReducedBy?.amount.abs().toNumber() ?? 0;
        this.keptAfterForgiveness = 1 - (scenario?.lossesForgiven?.rate.toNumber() ?? 0);
    }

    /** Earned (unrounded) for one trial with savings rate r = G / B and quality score Q. */
    earned(savingsRate: number, quality: number): number {
        // Step 3–4: the standard, then the withhold earned back.
        const met = this.verdict === -1 ? quality >= this.standard : this.verdict === 1;
        const withheld = this.discountedBenchmark * this.withholdRate;
        const benchmark = this.discountedBenchmark - withheld + (met ? withheld * quality : 0);
        const gross = savingsRate * benchmark;
        this.benchmark = benchmark;
        this.gross = gross;

        if (gross > 0) {
            // Step 7.
            if (savingsRate < this.minimumSavingsRate || !met || this.sharing === Sharing.None) {
                return 0;
            }
            const basis = this.aboveMinimum ? gross - this.minimumSavingsRate * benchmark : gross;
            let shared: number;
            if (this.sharing === Sharing.Rate) {
                shared = basis * (this.scaled ? this.sharingRate * quality : this.sharingRate);
            } else {
                shared = corridorTotal(basis, benchmark, this.savingsLower, this.savingsUpper, this.savingsShare);
                if (this.scaled) {
                    shared *= quality;
                }
            }
            shared *= this.keptAfterSequestration;
            const cap = this.savingsCap * benchmark;
            return shared > cap ? cap : shared;
        }
        if (gross < 0 && this.twoSided) {
            // Step 8.
            if (-savingsRate < this.minimumLossRate || this.lossSharing === LossSharingKind.None) {
                return 0;
            }
            let owed: number;
            if (this.lossSharing === LossSharingKind.Flat) {
                owed = gross * this.lossRate;
            } else if (this.lossSharing === LossSharingKind.Complement) {
                const lossQuality = this.lossQualityIgnored ? 1 : met ? quality : 0;
                const raw = 1 - this.complementRate * lossQuality;
                owed = gross * (raw < this.lossFloor ? this.lossFloor : raw > this.lossCeiling ? this.lossCeiling : raw);
            } else {
                owed = -corridorTotal(-gross, benchmark, this.lossLower, this.lossUpper, this.lossShare);
            }
            const benchmarkCap = this.lossCap * benchmark;
            const cap = benchmarkCap < this.revenueCap ? benchmarkCap : this.revenueCap;
            if (owed < -cap) {
                owed = -cap;
            }
            owed += this.lossesReducedBy;
            if (owed > 0) {
                owed = 0;
            }
            return owed * this.keptAfterForgiveness;
        }
        return 0;
    }
}
