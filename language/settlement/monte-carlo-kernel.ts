/**
 * The float kernel Monte Carlo settles its trials with. SETTLEMENT.md: Monte Carlo runs are
 * statistics, not settlements, so they may use floating point; a million exact decimal
 * settlements would take minutes, a million float ones a few tens of milliseconds.
 *
 * The kernel holds no rule of its own choosing. Everything that does not vary between trials is
 * resolved once by the exact engine's own functions (the benchmark before the withhold, the
 * minimum rates from the variable table, the savings and loss rules, the revenue cap) and only
 * then turned into numbers. What remains per trial is the arithmetic of steps 4 and 7–8 in the
 * same order as benchmark.ts, savings.ts and losses.ts, without rounding. The tests
 * (test/settlement/monte-carlo.test.ts, "float kernel") settle thousands of random contracts both
 * ways and require agreement within 1e-12 of the benchmark; a change to those modules must keep
 * that test green.
 *
 * The trial loop also draws each trial's savings rate and quality score, so that the loop's
 * constants and draw parameters all sit in locals (registers) for the whole batch.
 */
import type { ContractModel, Corridor, ScenarioTerms } from '../model/contract-model.js';
import { benchmarkBeforeWithhold } from './benchmark.js';
import { lossRules } from './losses.js';
import { Random } from './random.js';
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
 * What one trial draws: the savings rate r = savingsA + savingsB × z (z standard normal; for an
 * expenditure share s = mean + sd × z of B, savingsA = 1 − mean and savingsB = −sd; savingsB = 0
 * means fixed, no draw), then the quality score: `uniform` qualityA + qualityB × u, `normal`
 * qualityA + qualityB × z clamped to [0, 1], or `fixed` qualityA.
 */
export interface TrialDraws {
    savingsA: number;
    savingsB: number;
    /** 0 uniform, 1 normal, 2 fixed. */
    qualityKind: 0 | 1 | 2;
    qualityA: number;
    qualityB: number;
}

/**
 * One contract's settlement rules as numbers. `settleTrials` draws and settles a batch of trials;
 * `earned` settles one. The constants (and the draw parameters) are copied into locals at the top
 * of the batch loop, where the JIT keeps them in registers, so a batch costs about what a loop
 * written by hand for one contract would. A batch never allocates.
 */
export class SettlementKernel {
    // Steps 1–4: B1, the withhold, the standard.
    private readonly discountedBenchmark: number;
    /** W = B1 × withhold rate (0 without a withhold). */
    private readonly withheld: number;
    /** The quality standard; −Infinity when there is none (always met). */
    private readonly standard: number;
    /** 1 met, 0 not met, −1 decided by the score. */
    private readonly verdict: number;

    // Step 7.
    private readonly minimumSavingsRate: number;
    private readonly sharing: Sharing;
    private readonly sharingRate: number;
    private readonly scaled: boolean;
    private readonly aboveMinimum: boolean;
    private readonly savingsLower: Float64Array;
    private readonly savingsUpper: Float64Array;
    private readonly savingsShare: Float64Array;
    /** 1 − sequestration. */
    private readonly keptAfterSequestration: number;
    /** Savings cap as a share of B; Infinity without a cap. */
    private readonly savingsCap: number;

    // Step 8.
    private readonly twoSided: boolean;
    private readonly minimumLossRate: number;
    private readonly lossSharing: LossSharingKind;
    private readonly lossRate: number;
    private readonly lossFloor: number;
    private readonly lossCeiling: number;
    /** R, which the complement loss rate uses. */
    private readonly complementRate: number;
    /** `quality adjustment none`: LQ = 1. */
    private readonly lossQualityIgnored: boolean;
    private readonly lossLower: Float64Array;
    private readonly lossUpper: Float64Array;
    private readonly lossShare: Float64Array;
    /** Loss cap as a share of B; Infinity without one. */
    private readonly lossCap: number;
    /** Revenue cap in money; Infinity without one. */
    private readonly revenueCap: number;
    /** `losses reduced by`, ≥ 0. */
    private readonly lossesReducedBy: number;
    /** 1 − forgiven share. */
    private readonly keptAfterForgiveness: number;

    /** B of the last trial settled. */
    lastBenchmark = 0;
    /** G of the last trial settled. */
    lastGross = 0;

    /** A single trial: both draws fixed, so the generator is never called. */
    private readonly single: TrialDraws = { savingsA: 0, savingsB: 0, qualityKind: 2, qualityA: 0, qualityB: 0 };
    private readonly singleRandom = new Random(0);
    private readonly singleEarned = new Float64Array(1);

    /**
     * `scenario` (optional) supplies the year (for trend), the quality standard verdict and the
     * loss adjustments; Monte Carlo without one settles year 1 with none of them.
     */
    constructor(model: ContractModel, scenario?: ScenarioTerms) {
        this.discountedBenchmark = benchmarkBeforeWithhold(model, scenario?.year?.year ?? 1).toNumber();
        this.withheld = this.discountedBenchmark * (model.savings.qualityWithhold?.rate.toNumber() ?? 0);
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
        const lossTerms = losses?.sharing;
        this.lossSharing =
            lossTerms === undefined
                ? LossSharingKind.None
                : lossTerms.kind === 'rate'
                  ? LossSharingKind.Flat
                  : lossTerms.kind === 'complement'
                    ? LossSharingKind.Complement
                    : LossSharingKind.Corridors;
        this.lossRate = lossTerms?.kind === 'rate' ? lossTerms.rate.toNumber() : 0;
        this.lossFloor = lossTerms?.kind === 'complement' ? lossTerms.floor.toNumber() : 0;
        this.lossCeiling = lossTerms?.kind === 'complement' ? lossTerms.ceiling.toNumber() : 1;
        this.complementRate = losses?.savingsSharingRate?.toNumber() ?? 0;
        this.lossQualityIgnored = losses?.adjustment === 'none';
        const lossBands = corridorArrays(lossTerms?.kind === 'corridors' ? lossTerms.corridors : []);
        this.lossLower = lossBands.lower;
        this.lossUpper = lossBands.upper;
        this.lossShare = lossBands.share;
        this.lossCap = losses?.cap?.rate.toNumber() ?? Infinity;
        this.revenueCap = losses?.revenueCap?.limit.toNumber() ?? Infinity;
        this.lossesReducedBy = scenario?.lossesReducedBy?.amount.abs().toNumber() ?? 0;
        this.keptAfterForgiveness = 1 - (scenario?.lossesForgiven?.rate.toNumber() ?? 0);
    }

    /**
     * Draws and settles `count` trials into `earned[offset …]`, unrounded, each from the savings
     * rate (r = G / B) and quality score drawn from `random` as `draws` says. Returns `payerNet` plus Σ (G − earned),
     * summed in trial order so the total does not depend on how trials are batched.
     */
    settleTrials(random: Random, draws: TrialDraws, count: number, earned: Float64Array, offset: number, payerNet: number): number {
        const savingsA = draws.savingsA;
        const savingsB = draws.savingsB;
        const qualityKind = draws.qualityKind;
        const qualityA = draws.qualityA;
        const qualityB = draws.qualityB;
        const discountedBenchmark = this.discountedBenchmark;
        const withheld = this.withheld;
        const standard = this.standard;
        const verdict = this.verdict;
        const minimumSavingsRate = this.minimumSavingsRate;
        const sharing = this.sharing;
        const sharingRate = this.sharingRate;
        const scaled = this.scaled;
        const aboveMinimum = this.aboveMinimum;
        const keptAfterSequestration = this.keptAfterSequestration;
        const savingsCap = this.savingsCap;
        const twoSided = this.twoSided;
        const minimumLossRate = this.minimumLossRate;
        const lossSharing = this.lossSharing;
        const lossRate = this.lossRate;
        const lossFloor = this.lossFloor;
        const lossCeiling = this.lossCeiling;
        const complementRate = this.complementRate;
        const lossQualityIgnored = this.lossQualityIgnored;
        const lossCap = this.lossCap;
        const revenueCap = this.revenueCap;
        const lossesReducedBy = this.lossesReducedBy;
        const keptAfterForgiveness = this.keptAfterForgiveness;
        let benchmark = discountedBenchmark;
        let gross = 0;
        for (let trial = 0; trial < count; trial++) {
            // The draws, in this order: the savings rate, then the quality score.
            const savingsRate = savingsB === 0 ? savingsA : savingsA + savingsB * random.normal();
            let quality = qualityA;
            if (qualityKind === 0) {
                quality = qualityA + qualityB * random.uniform();
            } else if (qualityKind === 1) {
                quality = qualityA + qualityB * random.normal();
                quality = quality < 0 ? 0 : quality > 1 ? 1 : quality;
            }
            // Steps 3–4: the standard, then the withhold earned back.
            const met = verdict === -1 ? quality >= standard : verdict === 1;
            if (withheld !== 0) {
                benchmark = discountedBenchmark - withheld + (met ? withheld * quality : 0);
            }
            gross = savingsRate * benchmark;
            let value = 0;
            if (gross > 0) {
                // Step 7: minimum rate and quality gate, basis, rate or corridors, sequestration, cap.
                if (savingsRate >= minimumSavingsRate && met && sharing !== Sharing.None) {
                    const basis = aboveMinimum ? gross - minimumSavingsRate * benchmark : gross;
                    if (sharing === Sharing.Rate) {
                        value = basis * (scaled ? sharingRate * quality : sharingRate);
                    } else {
                        value = corridorTotal(basis, benchmark, this.savingsLower, this.savingsUpper, this.savingsShare);
                        if (scaled) {
                            value *= quality;
                        }
                    }
                    value *= keptAfterSequestration;
                    const cap = savingsCap * benchmark;
                    if (value > cap) {
                        value = cap;
                    }
                }
            } else if (gross < 0 && twoSided) {
                // Step 8: minimum rate, loss sharing rate or corridors, cap, disaster, forgiveness.
                if (-savingsRate >= minimumLossRate && lossSharing !== LossSharingKind.None) {
                    if (lossSharing === LossSharingKind.Flat) {
                        value = gross * lossRate;
                    } else if (lossSharing === LossSharingKind.Complement) {
                        const lossQuality = lossQualityIgnored ? 1 : met ? quality : 0;
                        const raw = 1 - complementRate * lossQuality;
                        value = gross * (raw < lossFloor ? lossFloor : raw > lossCeiling ? lossCeiling : raw);
                    } else {
                        value = -corridorTotal(-gross, benchmark, this.lossLower, this.lossUpper, this.lossShare);
                    }
                    const benchmarkCap = lossCap * benchmark;
                    const cap = benchmarkCap < revenueCap ? benchmarkCap : revenueCap;
                    if (value < -cap) {
                        value = -cap;
                    }
                    value += lossesReducedBy;
                    if (value > 0) {
                        value = 0;
                    }
                    value *= keptAfterForgiveness;
                }
            }
            earned[offset + trial] = value;
            payerNet += gross - value;
        }
        this.lastBenchmark = benchmark;
        this.lastGross = gross;
        return payerNet;
    }

    /** Earned (unrounded) for one trial; `lastBenchmark` and `lastGross` then hold its B and G. */
    earned(savingsRate: number, quality: number): number {
        this.single.savingsA = savingsRate;
        this.single.qualityA = quality;
        this.settleTrials(this.singleRandom, this.single, 1, this.singleEarned, 0, 0);
        return this.singleEarned[0];
    }
}
