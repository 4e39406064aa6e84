/**
 * Settlement engine benchmark, in one run:
 * - exact settlements per second of the LANGUAGE.md example contract;
 * - Monte Carlo at 1,000,000 trials through `runMonteCarlo`, against a hand-written
 *   Float64Array loop of the same arithmetic (same generator, same draws, same statistics) in the
 *   same process. The ratio says what the general kernel costs over code written for one
 *   contract; the target is within 1.5×.
 *
 * `runSettlementBench(model?)` takes the parsed example when a caller has one; by default it uses
 * the model the settlement tests build for that contract.
 */
import type { ContractModel } from '../language/model/contract-model.js';
import { runMonteCarlo, settle } from '../language/settlement/index.js';
import { summarize, type MonteCarloResult } from '../language/settlement/monte-carlo.js';
import { Random } from '../language/settlement/random.js';
import { exampleModel } from '../test/settlement/example-contract.js';

const MONTE_CARLO_TRIALS = 1_000_000;
/** Monte Carlo's whole run against the hand-written loop's (issue 3's target). */
export const MONTE_CARLO_TARGET = 1.5;

function now(): number {
    return performance.now();
}

/** Exact settlements per second, timed over at least `minimumMs`. */
function settlementsPerSecond(model: ContractModel, minimumMs = 1_000): number {
    const scenario = model.scenarios[0];
    for (let warm = 0; warm < 200; warm++) {
        settle(model, scenario);
    }
    let count = 0;
    const start = now();
    let elapsed = 0;
    while (elapsed < minimumMs) {
        for (let batch = 0; batch < 100; batch++) {
            settle(model, scenario);
        }
        count += 100;
        elapsed = now() - start;
    }
    return (count / elapsed) * 1_000;
}

/**
 * The example contract's year written out by hand for floats: B $157.5M, MSR/MLR 2%, 75% × Q,
 * 2% sequestration, 20% cap; losses 1 − 0.75 × Q in [40%, 75%], 15% cap; standard 40%;
 * expenditure N(97%, 2.5%) of B, quality U(70%, 95%).
 */
function handWrittenLoop(trials: number, seed: number): { results: Float64Array; payerNet: number } {
    const results = new Float64Array(trials);
    const random = new Random(seed);
    const benchmark = 157_500_000;
    let payerNet = 0;
    for (let trial = 0; trial < trials; trial++) {
        const rate = 1 - (0.97 + 0.025 * random.normal());
        const quality = 0.7 + 0.25 * random.uniform();
        const met = quality >= 0.4;
        const gross = rate * benchmark;
        let earned = 0;
        if (gross > 0) {
            if (rate >= 0.02 && met) {
                earned = gross * 0.75 * quality * 0.98;
                if (earned > 0.2 * benchmark) {
                    earned = 0.2 * benchmark;
                }
            }
        } else if (gross < 0 && -rate >= 0.02) {
            let lsr = 1 - 0.75 * (met ? quality : 0);
            lsr = lsr < 0.4 ? 0.4 : lsr > 0.75 ? 0.75 : lsr;
            earned = gross * lsr;
            if (earned < -0.15 * benchmark) {
                earned = -0.15 * benchmark;
            }
        }
        results[trial] = earned;
        payerNet += gross - earned;
    }
    return { results, payerNet };
}

/** The hand-written loop with the same report as `runMonteCarlo`. */
function handWrittenRun(trials: number, seed: number): MonteCarloResult {
    const { results, payerNet } = handWrittenLoop(trials, seed);
    return summarize(results, seed, payerNet);
}

/** Wall-clock milliseconds of `work`, and its result. */
function timed<T>(work: () => T): { ms: number; result: T } {
    const start = now();
    const result = work();
    return { ms: now() - start, result };
}

/** The trial loop of `runMonteCarlo` alone: the time until its last progress report, before the statistics. */
function engineLoopMs(model: ContractModel, seed: number): number {
    let loopEnd = 0;
    const start = now();
    runMonteCarlo(model, { trials: MONTE_CARLO_TRIALS, seed, chunkSize: MONTE_CARLO_TRIALS, onProgress: () => (loopEnd = now()) });
    return loopEnd - start;
}

export async function runSettlementBench(model: ContractModel = exampleModel()): Promise<Record<string, number | string>> {
    const perSecond = settlementsPerSecond(model);
    const seed = model.uncertainty?.seed ?? 7;
    // Warm both up, then take the best of several alternating runs, so neither enjoys a warmer
    // JIT or a quieter moment of the machine.
    handWrittenRun(100_000, seed);
    runMonteCarlo(model, { trials: 100_000, seed });
    let engineMs = Infinity;
    let handMs = Infinity;
    let engineLoop = Infinity;
    let handLoop = Infinity;
    let meanDifference = 0;
    for (let round = 0; round < 5; round++) {
        const engine = timed(() => runMonteCarlo(model, { trials: MONTE_CARLO_TRIALS, seed }));
        const hand = timed(() => handWrittenRun(MONTE_CARLO_TRIALS, seed));
        engineMs = Math.min(engineMs, engine.ms);
        handMs = Math.min(handMs, hand.ms);
        meanDifference = Math.abs(engine.result.mean - hand.result.mean);
        engineLoop = Math.min(engineLoop, engineLoopMs(model, seed));
        handLoop = Math.min(handLoop, timed(() => handWrittenLoop(MONTE_CARLO_TRIALS, seed)).ms);
    }
    const ratio = engineMs / handMs;
    const loopRatio = engineLoop / handLoop;
    return {
        contract: model.name,
        settlementsPerSecond: Math.round(perSecond),
        monteCarloTrials: MONTE_CARLO_TRIALS,
        /** Whole runs: draws, settlement and the report (mean, sd, sort for percentiles, histogram). */
        monteCarloMs: round1(engineMs),
        handWrittenMs: round1(handMs),
        monteCarloRatio: round3(ratio),
        /** The trial loops alone, without the report. */
        monteCarloLoopMs: round1(engineLoop),
        handWrittenLoopMs: round1(handLoop),
        monteCarloLoopRatio: round3(loopRatio),
        /** The target judges whole runs, as `npm run bench` prints it; the loops' ratio is there to explain it. */
        monteCarloTarget: `whole run within ${MONTE_CARLO_TARGET}×`,
        monteCarloWithinTarget: ratio <= MONTE_CARLO_TARGET ? 'yes' : 'no',
        /** The two loops draw the same numbers, so their means agree (to float summation). */
        meanDifference
    };
}

function round1(value: number): number {
    return Math.round(value * 10) / 10;
}

function round3(value: number): number {
    return Math.round(value * 1000) / 1000;
}
