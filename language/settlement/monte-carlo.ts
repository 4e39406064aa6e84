/**
 * Monte Carlo over a contract's `uncertainty` block (SETTLEMENT.md, last section). Each trial
 * draws the savings rate (from an expenditure share of B, or directly) and the quality score,
 * settles the year without rounding through the float kernel (monte-carlo-kernel.ts: the same
 * rules as `settle`, resolved once from the model) and records earned in a Float64Array. Floats
 * are allowed here because a Monte Carlo run is statistics, not a settlement.
 *
 * Determinism: one seed gives one answer. Trial i draws, in this order, the expenditure (one
 * normal, none when its sd is 0) and then the quality score (one uniform, or one normal), from
 * one xoshiro128** stream (random.ts); normals come in Box–Muller pairs shared across draws.
 * Chunking changes nothing in the answer: draws and sums follow the trial order however the
 * trials are split.
 *
 * Responsiveness: the loop runs in chunks; between chunks it reports progress and checks for
 * cancellation (an AbortSignal or a callback). `runMonteCarloAsync` also yields to the event loop
 * between chunks, so a language server keeps answering while a run is under way.
 */
import type { ContractModel, ScenarioTerms, UncertaintyTerms } from '../model/contract-model.js';
import { SettlementError } from './errors.js';
import { SettlementKernel, type TrialDraws } from './monte-carlo-kernel.js';
import { qualityScore } from './quality-score.js';
import { Random } from './random.js';
import { settle } from './settle.js';

export interface MonteCarloOptions {
    /** Default: the contract's `trials`, else 10,000. */
    trials?: number;
    /** Default: the contract's `seed`, else 1. */
    seed?: number;
    /**
     * A scenario to settle around: its year (trend), quality standard verdict and loss adjustments
     * apply to every trial, and it supplies the quality score (or savings rate) when the
     * uncertainty block draws none. Without it, trials are year 1 with no adjustments and a
     * quality score of 100% unless drawn.
     */
    scenario?: ScenarioTerms;
    /** Cancels the run: an AbortSignal, or a callback that returns true to stop. */
    signal?: AbortSignal | (() => boolean);
    /** Called after each chunk with trials done and the total. */
    onProgress?: (done: number, total: number) => void;
    /** Trials between progress reports, cancellation checks and (async) yields. Default 65,536. */
    chunkSize?: number;
    /** Histogram bins. Default 40. */
    bins?: number;
}

export interface MonteCarloHistogram {
    /** Lower edge of the first bin. */
    min: number;
    /** Upper edge of the last bin. */
    max: number;
    binWidth: number;
    /** Trials per bin; the last bin includes `max`. */
    counts: number[];
}

export interface MonteCarloResult {
    trials: number;
    seed: number;
    /** Mean earned. */
    mean: number;
    /** Sample standard deviation of earned (n − 1). */
    sd: number;
    /** P(earned > 0). */
    pGain: number;
    /** P(earned < 0). */
    pLoss: number;
    /** Percentiles of earned, linear between order statistics (the common "type 7" definition). */
    percentiles: { p5: number; p25: number; p50: number; p75: number; p95: number };
    /** The payer's mean net savings, mean(G − earned). */
    payerMeanNet: number;
    /** Every trial's earned, ascending (for charts). */
    sorted: Float64Array;
    histogram: MonteCarloHistogram;
}

/** Thrown when a run is cancelled; `name` is 'AbortError' as for fetch and other cancellable work. */
export class MonteCarloCancelledError extends Error {
    constructor(readonly done: number) {
        super(`Monte Carlo cancelled after ${done} trials`);
        this.name = 'AbortError';
    }
}

const DEFAULT_TRIALS = 10_000;
const DEFAULT_SEED = 1;
const DEFAULT_CHUNK = 65_536;

/**
 * What each trial draws, from the uncertainty block (or, where it draws nothing, the scenario):
 * the savings rate r = savingsA + savingsB × z, and the quality score.
 */
export function trialDraws(model: ContractModel, uncertainty: UncertaintyTerms | undefined, scenario: ScenarioTerms | undefined): TrialDraws {
    let savingsA: number;
    let savingsB: number;
    const spend = uncertainty?.expenditure;
    if (spend) {
        // An expenditure share s = mean + sd × z of B is the savings rate r = 1 − s.
        const expenditureShare = spend.kind === 'expenditure normal';
        savingsA = expenditureShare ? 1 - spend.mean.toNumber() : spend.mean.toNumber();
        savingsB = expenditureShare ? -spend.sd.toNumber() : spend.sd.toNumber();
    } else if (scenario) {
        savingsA = settle(model, scenario).savingsRate.toNumber();
        savingsB = 0;
    } else {
        throw new SettlementError('Monte Carlo needs an expenditure or savings line in the uncertainty block.', uncertainty?.line);
    }
    const quality = uncertainty?.quality;
    if (quality?.kind === 'uniform') {
        const low = quality.low.toNumber();
        return { savingsA, savingsB, qualityKind: 0, qualityA: low, qualityB: quality.high.toNumber() - low };
    }
    if (quality?.kind === 'normal') {
        return { savingsA, savingsB, qualityKind: 1, qualityA: quality.mean.toNumber(), qualityB: quality.sd.toNumber() };
    }
    const fixed = scenario ? qualityScore(model, scenario, []).toNumber() : 1;
    return { savingsA, savingsB, qualityKind: 2, qualityA: fixed, qualityB: 0 };
}

/** The state of one run: the kernel, the generator and draws, the results and the running payer sum. */
class MonteCarloRun {
    readonly trials: number;
    readonly seed: number;
    readonly results: Float64Array;
    done = 0;
    private readonly kernel: SettlementKernel;
    private readonly random: Random;
    private readonly draws: TrialDraws;
    private payerNetSum = 0;

    constructor(model: ContractModel, options: MonteCarloOptions) {
        const uncertainty = model.uncertainty;
        if (!uncertainty && !options.scenario) {
            throw new SettlementError('Monte Carlo needs an uncertainty block.');
        }
        this.trials = Math.max(0, Math.floor(options.trials ?? uncertainty?.trials ?? DEFAULT_TRIALS));
        this.seed = options.seed ?? uncertainty?.seed ?? DEFAULT_SEED;
        this.results = new Float64Array(this.trials);
        this.kernel = new SettlementKernel(model, options.scenario);

        this.random = new Random(this.seed);
        this.draws = trialDraws(model, uncertainty, options.scenario);
    }

    /** Draws and settles trials [done, done + count). */
    runChunk(count: number): void {
        const end = Math.min(this.trials, this.done + count);
        this.payerNetSum = this.kernel.settleTrials(this.random, this.draws, end - this.done, this.results, this.done, this.payerNetSum);
        this.done = end;
    }

    get finished(): boolean {
        return this.done >= this.trials;
    }

    /** The report; sorts `results` in place. */
    report(bins: number): MonteCarloResult {
        return summarize(this.results, this.seed, this.payerNetSum, bins);
    }
}

/**
 * The statistics of a run from its results (sorted in place). Exported so a hand-written loop
 * (the benchmark's baseline) reports the same way.
 */
export function summarize(results: Float64Array, seed: number, payerNetSum: number, bins = 40): MonteCarloResult {
    const n = results.length;
    let sum = 0;
    let gains = 0;
    let losses = 0;
    for (let index = 0; index < n; index++) {
        const value = results[index];
        sum += value;
        if (value > 0) {
            gains++;
        } else if (value < 0) {
            losses++;
        }
    }
    const mean = n > 0 ? sum / n : 0;
    let squares = 0;
    for (let index = 0; index < n; index++) {
        const deviation = results[index] - mean;
        squares += deviation * deviation;
    }
    results.sort();
    return {
        trials: n,
        seed,
        mean,
        sd: n > 1 ? Math.sqrt(squares / (n - 1)) : 0,
        pGain: n > 0 ? gains / n : 0,
        pLoss: n > 0 ? losses / n : 0,
        percentiles: {
            p5: percentile(results, 0.05),
            p25: percentile(results, 0.25),
            p50: percentile(results, 0.5),
            p75: percentile(results, 0.75),
            p95: percentile(results, 0.95)
        },
        payerMeanNet: n > 0 ? payerNetSum / n : 0,
        sorted: results,
        histogram: histogram(results, bins)
    };
}

/** Type 7 percentile of ascending `sorted`: h = (n − 1) p, linear between neighbours. */
export function percentile(sorted: Float64Array, p: number): number {
    const n = sorted.length;
    if (n === 0) {
        return 0;
    }
    const h = (n - 1) * p;
    const low = Math.floor(h);
    const high = Math.min(n - 1, low + 1);
    return sorted[low] + (h - low) * (sorted[high] - sorted[low]);
}

/** Equal-width bins from the smallest to the largest result of ascending `sorted`. */
export function histogram(sorted: Float64Array, bins: number): MonteCarloHistogram {
    const count = Math.max(1, Math.floor(bins));
    const counts = new Array<number>(count).fill(0);
    const n = sorted.length;
    if (n === 0) {
        return { min: 0, max: 0, binWidth: 0, counts };
    }
    const min = sorted[0];
    const max = sorted[n - 1];
    const binWidth = (max - min) / count;
    for (let index = 0; index < n; index++) {
        const bin = binWidth > 0 ? Math.min(count - 1, Math.floor((sorted[index] - min) / binWidth)) : 0;
        counts[bin]++;
    }
    return { min, max, binWidth, counts };
}

function cancelled(signal: MonteCarloOptions['signal']): boolean {
    if (signal === undefined) {
        return false;
    }
    return typeof signal === 'function' ? signal() : signal.aborted;
}

/**
 * The simulation in chunks, checking for cancellation and reporting progress after each; it
 * yields between chunks so the async runner can let other work in. Both runners drive this one
 * loop, so the same seed gives the same result either way.
 */
function* runInChunks(model: ContractModel, options: MonteCarloOptions): Generator<void, MonteCarloResult> {
    const run = new MonteCarloRun(model, options);
    const chunk = Math.max(1, options.chunkSize ?? DEFAULT_CHUNK);
    while (!run.finished) {
        if (cancelled(options.signal)) {
            throw new MonteCarloCancelledError(run.done);
        }
        run.runChunk(chunk);
        options.onProgress?.(run.done, run.trials);
        if (!run.finished) {
            yield;
        }
    }
    return run.report(options.bins ?? 40);
}

/** Runs the whole simulation in one go (checking for cancellation between chunks). */
export function runMonteCarlo(model: ContractModel, options: MonteCarloOptions = {}): MonteCarloResult {
    const steps = runInChunks(model, options);
    for (;;) {
        const next = steps.next();
        if (next.done) {
            return next.value;
        }
    }
}

/** Lets pending I/O (editor requests) run between chunks. */
function yieldToEventLoop(): Promise<void> {
    return new Promise((resolve) => {
        if (typeof setImmediate === 'function') {
            setImmediate(resolve);
        } else {
            setTimeout(resolve, 0);
        }
    });
}

/** As `runMonteCarlo`, yielding to the event loop between chunks; the same seed gives the same result. */
export async function runMonteCarloAsync(model: ContractModel, options: MonteCarloOptions = {}): Promise<MonteCarloResult> {
    const steps = runInChunks(model, options);
    for (;;) {
        const next = steps.next();
        if (next.done) {
            return next.value;
        }
        await yieldToEventLoop();
    }
}
