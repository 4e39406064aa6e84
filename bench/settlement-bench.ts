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
const TARGET_RATIO = 1.5;

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
function handWrittenExample(trials: number, seed: number): MonteCarloResult {
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
    return summarize(results, seed, payerNet);
}

/** Best of `runs` wall-clock times in milliseconds, and the last result. */
function best<T>(runs: number, work: () => T): { ms: number; result: T } {
    let ms = Infinity;
    let result!: T;
    for (let run = 0; run < runs; run++) {
        const start = now();
        result = work();
        ms = Math.min(ms, now() - start);
    }
    return { ms, result };
}

export async function runSettlementBench(model: ContractModel = exampleModel()): Promise<Record<string, number | string>> {
    const perSecond = settlementsPerSecond(model);
    const seed = model.uncertainty?.seed ?? 7;
    // Alternate the two so neither enjoys a warmer JIT or a quieter machine.
    handWrittenExample(100_000, seed);
    runMonteCarlo(model, { trials: 100_000, seed });
    const engine = best(3, () => runMonteCarlo(model, { trials: MONTE_CARLO_TRIALS, seed }));
    const hand = best(3, () => handWrittenExample(MONTE_CARLO_TRIALS, seed));
    const ratio = engine.ms / hand.ms;
    return {
        contract: model.name,
        settlementsPerSecond: Math.round(perSecond),
        monteCarloTrials: MONTE_CARLO_TRIALS,
        monteCarloMs: Number(engine.ms.toFixed(1)),
        handWrittenMs: Number(hand.ms.toFixed(1)),
        monteCarloRatio: Number(ratio.toFixed(3)),
        monteCarloTarget: `within ${TARGET_RATIO}×`,
        monteCarloWithinTarget: ratio <= TARGET_RATIO ? 'yes' : 'no',
        /** The two loops draw the same numbers, so their means agree (to float summation). */
        meanDifference: Math.abs(engine.result.mean - hand.result.mean)
    };
}
