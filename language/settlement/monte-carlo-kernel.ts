/**
 * The float kernel Monte Carlo settles its trials with. SETTLEMENT.md: Monte Carlo runs are
 * statistics, not settlements, so they may use floating point; a million exact decimal
 * settlements would take minutes, a million float ones a few tens of milliseconds.
 *
 * The kernel holds no rule of its own. Everything that does not vary between trials is resolved
 * once by the exact engine's functions (the benchmark before the withhold, the health equity
 * adjustment, the minimum rates from the variable table, the savings and loss rules) and turned
 * into float plans; each trial then runs the very rules `settle` runs (year-rules.ts: the
 * standard, the withhold earned back, shared savings, owed losses) with the float arithmetic,
 * without rounding. The tests (test/settlement/monte-carlo.test.ts) settle thousands of random
 * contracts both ways and require agreement within 1e-12 of the benchmark.
 *
 * The trial loop also draws each trial's savings rate and quality score, so that the draw
 * parameters sit in locals for the whole batch.
 */
import type { ContractModel, ScenarioTerms } from '../model/contract-model.js';
import { modelForYear, scenarioYear } from '../model/year-models.js';
import { float } from './arithmetic.js';
import { benchmarkBeforeWithhold, healthEquityAdjustment, withheldFromBenchmark } from './benchmark.js';
import { lossPlan, lossRules } from './losses.js';
import { Random } from './random.js';
import { savingsPlan, savingsRules } from './savings.js';
import { floatRules, type LossPlan, type LossTrace, type SavingsPlan, type SavingsTrace, type Year } from './year-rules.js';

const { benchmarkAfterWithhold, earnedBack, newLossTrace, newSavingsTrace, oweLosses, shareSavings, standardMet } = floatRules;

/**
 * The year one trial settles, reused from trial to trial. A class of its own (not an object
 * literal shaped like the exact engine's) so its fields stay unboxed floats.
 */
class TrialYear implements Year<number> {
    benchmark = 0;
    gross = 0;
    rate = 0;
    quality = 0;
    standardMet = true;
    alternativeMet = false;
    guardrail = false;
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
 * One contract's settlement rules as float plans. `settleTrials` draws and settles a batch of
 * trials; `earned` settles one. A batch never allocates: the year and the rules' traces are
 * reused from trial to trial.
 */
export class SettlementKernel {
    /** B0: the benchmark after trend, before the discount: what the payer would have spent. */
    private readonly baseBenchmark: number;
    /** B1: the benchmark after trend and discount. */
    private readonly discountedBenchmark: number;
    /** W = B1 × withhold rate (0 without a withhold). */
    private readonly withheld: number;
    private readonly equityAdjustment: number;
    /** The quality standard; undefined when there is none (always met). */
    private readonly standard: number | undefined;
    /** The scenario's verdict on the standard, if it gives one. */
    private readonly verdict: boolean | undefined;
    private readonly savings: SavingsPlan<number>;
    private readonly losses: LossPlan<number> | undefined;
    private readonly savingsTrace: SavingsTrace<number> = newSavingsTrace(float);
    private readonly lossTrace: LossTrace<number> = newLossTrace(float);
    private readonly year = new TrialYear();

    /** The payer's net savings of the last trial settled (B0 − E − earned). */
    lastPayerNet = 0;
    /** B of the last trial settled. */
    lastBenchmark = 0;
    /** G of the last trial settled. */
    lastGross = 0;

    /** A single trial: both draws fixed, so the generator is never called. */
    private readonly single: TrialDraws = { savingsA: 0, savingsB: 0, qualityKind: 2, qualityA: 0, qualityB: 0 };
    private readonly singleRandom = new Random(0);
    private readonly singleEarned = new Float64Array(1);

    /**
     * `scenario` (optional) supplies the year (for trend), the verdicts on the quality and
     * alternative standards, the guardrail and the loss adjustments; Monte Carlo without one
     * settles year 1 with none of them.
     */
    constructor(contract: ContractModel, scenario?: ScenarioTerms) {
        const year = scenarioYear(contract, scenario);
        const model = modelForYear(contract, year);
        const { base, discounted } = benchmarkBeforeWithhold(model, year, scenario);
        this.baseBenchmark = base.toNumber();
        this.discountedBenchmark = discounted.toNumber();
        this.withheld = withheldFromBenchmark(model, discounted).toNumber();
        this.equityAdjustment = healthEquityAdjustment(model).toNumber();
        this.standard = model.quality.standard?.rate.toNumber();
        this.verdict = scenario?.standardVerdict?.met;
        this.year.alternativeMet = scenario?.alternativeVerdict?.met === true;
        this.year.guardrail = scenario?.guardrail !== undefined;
        this.savings = savingsPlan(float, savingsRules(model));
        const losses = lossRules(model);
        this.losses = losses ? lossPlan(float, losses, scenario) : undefined;
    }

    /**
     * Draws and settles `count` trials into `earned[offset …]`, unrounded, each from the savings
     * rate (r = G / B) and quality score drawn from `random` as `draws` says. Returns `payerNet`
     * plus Σ (B0 − E − earned): what the payer keeps counts the discount, the withhold not earned
     * back and the sequestration (earned is after it), against the benchmark it would have spent.
     * Summed in trial order, so the total does not depend on how trials are batched.
     */
    settleTrials(random: Random, draws: TrialDraws, count: number, earned: Float64Array, offset: number, payerNet: number): number {
        const savingsA = draws.savingsA;
        const savingsB = draws.savingsB;
        const qualityKind = draws.qualityKind;
        const qualityA = draws.qualityA;
        const qualityB = draws.qualityB;
        const discounted = this.discountedBenchmark;
        const kept = this.baseBenchmark;
        const withheld = this.withheld;
        const equityAdjustment = this.equityAdjustment;
        const standard = this.standard;
        const verdict = this.verdict;
        const savings = this.savings;
        const losses = this.losses;
        const savingsTrace = this.savingsTrace;
        const lossTrace = this.lossTrace;
        const year = this.year;
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
            // Steps 3–4, then 6–8, by the rules `settle` uses.
            const met = standardMet(float, quality, standard, verdict);
            const benchmark = benchmarkAfterWithhold(float, discounted, withheld, earnedBack(float, withheld, quality, met), equityAdjustment);
            const gross = savingsRate * benchmark;
            year.benchmark = benchmark;
            year.gross = gross;
            year.rate = savingsRate;
            year.quality = quality;
            year.standardMet = met;
            let value = 0;
            if (gross > 0) {
                value = shareSavings(float, savings, year, savingsTrace);
            } else if (gross < 0 && losses !== undefined) {
                value = oweLosses(float, losses, year, lossTrace);
            }
            earned[offset + trial] = value;
            payerNet += kept - benchmark + gross - value;
        }
        this.lastBenchmark = year.benchmark;
        this.lastGross = year.gross;
        return payerNet;
    }

    /** Earned (unrounded) for one trial; `lastBenchmark` and `lastGross` then hold its B and G. */
    earned(savingsRate: number, quality: number): number {
        this.single.savingsA = savingsRate;
        this.single.qualityA = quality;
        this.lastPayerNet = this.settleTrials(this.singleRandom, this.single, 1, this.singleEarned, 0, 0);
        return this.singleEarned[0];
    }
}
