/** Monte Carlo: the float kernel agrees with the exact engine; runs are seeded, cancellable and fast. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec } from '../../language/decimal.js';
import {
    MonteCarloCancelledError,
    SettlementKernel,
    runMonteCarlo,
    runMonteCarloAsync,
    settle,
    type MonteCarloResult
} from '../../language/settlement/index.js';
import { Random } from '../../language/settlement/random.js';
import { percentile } from '../../language/settlement/monte-carlo.js';
import { modelArb, qualityArb, savingsRateArb, scenarioAt, scenarioExtrasArb } from './arbitraries.js';
import { exampleModel } from './example-contract.js';
import { pct } from './model-builder.js';

describe('float kernel', () => {
    it('settles the example contract as the exact engine does', () => {
        const kernel = new SettlementKernel(exampleModel());
        expect(kernel.earned(0.03, 0.615)).toBeCloseTo(2_135_818.125, 6);
        expect(kernel.lastBenchmark).toBe(157_500_000);
        expect(kernel.lastGross).toBeCloseTo(4_725_000, 6);
    });

    it('agrees with the exact engine on random contracts and scenarios', () => {
        fc.assert(
            fc.property(modelArb(), savingsRateArb, qualityArb, scenarioExtrasArb, (model, rate, quality, extras) => {
                const which = scenarioAt(rate, quality, extras);
                const exact = settle(model, which);
                const kernel = new SettlementKernel(model, which);
                const earned = kernel.earned(rate.toNumber(), quality.toNumber());
                const scale = exact.benchmark.toNumber();
                const tolerance = 1e-12 * scale;
                expect(Math.abs(earned - exact.earnedExact.toNumber())).toBeLessThanOrEqual(tolerance);
                expect(Math.abs(kernel.lastBenchmark - exact.benchmark.toNumber())).toBeLessThanOrEqual(tolerance);
                expect(Math.abs(kernel.lastGross - exact.grossSavings.toNumber())).toBeLessThanOrEqual(tolerance);
            }),
            { numRuns: 3_000 }
        );
    });
});

describe('random numbers', () => {
    it('are deterministic per seed and look uniform and normal', () => {
        const a = new Random(7);
        const b = new Random(7);
        const c = new Random(8);
        const first = Array.from({ length: 5 }, () => a.nextUint32());
        expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(first);
        expect(Array.from({ length: 5 }, () => c.nextUint32())).not.toEqual(first);
        expect(new Random(2 ** 40).nextUint32()).not.toBe(new Random(0).nextUint32());

        const random = new Random(42);
        const n = 200_000;
        let sum = 0;
        let normalSum = 0;
        let normalSquares = 0;
        let low = 1;
        let high = 0;
        for (let index = 0; index < n; index++) {
            const u = random.uniform();
            low = Math.min(low, u);
            high = Math.max(high, u);
            sum += u;
            const z = random.normal();
            normalSum += z;
            normalSquares += z * z;
        }
        expect(low).toBeGreaterThanOrEqual(0);
        expect(high).toBeLessThan(1);
        expect(sum / n).toBeCloseTo(0.5, 2);
        expect(normalSum / n).toBeCloseTo(0, 2);
        expect(normalSquares / n).toBeCloseTo(1, 1);
    });
});

describe('runMonteCarlo', () => {
    const model = exampleModel();

    function sameResult(a: MonteCarloResult, b: MonteCarloResult): void {
        expect(a.mean).toBe(b.mean);
        expect(a.sd).toBe(b.sd);
        expect(a.percentiles).toEqual(b.percentiles);
        expect(a.payerMeanNet).toBe(b.payerMeanNet);
        expect(Buffer.from(a.sorted.buffer).equals(Buffer.from(b.sorted.buffer))).toBe(true);
    }

    it('reports the statistics of the example contract', () => {
        const result = runMonteCarlo(model, { trials: 20_000 });
        expect(result.trials).toBe(20_000);
        expect(result.seed).toBe(7);
        expect(result.sorted).toHaveLength(20_000);
        expect(result.pGain + result.pLoss).toBeLessThanOrEqual(1);
        // Mean expenditure 97% of B: r ~ N(3%, 2.5%), so savings are shared most of the time.
        expect(result.pGain).toBeGreaterThan(0.5);
        expect(result.pLoss).toBeGreaterThan(0.01);
        expect(result.percentiles.p5).toBeLessThanOrEqual(result.percentiles.p25);
        expect(result.percentiles.p25).toBeLessThanOrEqual(result.percentiles.p50);
        expect(result.percentiles.p50).toBeLessThanOrEqual(result.percentiles.p75);
        expect(result.percentiles.p75).toBeLessThanOrEqual(result.percentiles.p95);
        // mean(G − earned) + mean(earned) = mean(G) ≈ 3% of B (sd of the mean: 2.5% × B / √20,000).
        const standardError = (0.025 * 157_500_000) / Math.sqrt(20_000);
        expect(Math.abs(result.payerMeanNet + result.mean - 0.03 * 157_500_000)).toBeLessThan(4 * standardError);
        expect(result.payerMeanNet).toBeGreaterThan(0);
        expect(result.histogram.counts.reduce((sum, count) => sum + count, 0)).toBe(20_000);
        expect(result.sd).toBeGreaterThan(0);
        // Every trial is at most the 20% cap and at least −15% of B.
        expect(result.sorted[result.sorted.length - 1]).toBeLessThanOrEqual(0.2 * 157_500_000);
        expect(result.sorted[0]).toBeGreaterThanOrEqual(-0.15 * 157_500_000);
    });

    it('gives the same result for the same seed, sync or async, and another for another seed', async () => {
        fc.assert(
            fc.property(fc.integer({ min: 0, max: 2 ** 31 }), (seed) => {
                sameResult(runMonteCarlo(model, { trials: 2_000, seed }), runMonteCarlo(model, { trials: 2_000, seed, chunkSize: 333 }));
            }),
            { numRuns: 20 }
        );
        const sync = runMonteCarlo(model, { trials: 50_000 });
        const async = await runMonteCarloAsync(model, { trials: 50_000, chunkSize: 4_096 });
        sameResult(sync, async);
        expect(runMonteCarlo(model, { trials: 50_000, seed: 8 }).mean).not.toBe(sync.mean);
    });

    it('matches the mean of the exact engine over the same draws', () => {
        // Re-draw the first trials with the documented order and settle them exactly.
        const trials = 200;
        const result = runMonteCarlo(model, { trials, seed: 99 });
        const random = new Random(99);
        let sum = 0;
        for (let index = 0; index < trials; index++) {
            const share = 0.97 + 0.025 * random.normal();
            const quality = 0.7 + 0.25 * random.uniform();
            const exact = settle(model, scenarioAt(new Dec(1 - share), new Dec(quality)));
            sum += exact.earnedExact.toNumber();
        }
        expect(result.mean).toBeCloseTo(sum / trials, 3);
    });

    it('clamps a normal quality score to [0, 1] and draws savings rates directly', () => {
        const drawn = exampleModel();
        drawn.uncertainty = {
            line: 101,
            overTerm: false,
            expenditure: { kind: 'savings normal', mean: pct(5), sd: pct(1) },
            quality: { kind: 'normal', mean: pct(100), sd: pct(50) },
            trials: 10_000,
            seed: 3
        };
        const result = runMonteCarlo(drawn);
        // Savings r ~ N(5%, 1%) are almost always above the 2% MSR, so earned > 0 exactly when the
        // clamped score reaches the 40% standard: P(z ≥ −1.2) ≈ 88.5%. A score above 1 would
        // push earned past 75% × 0.98 of the savings.
        expect(result.sorted[result.sorted.length - 1]).toBeLessThanOrEqual(0.75 * 0.98 * 0.1 * 157_500_000);
        expect(result.pGain).toBeGreaterThan(0.87);
        expect(result.pGain).toBeLessThan(0.9);
        expect(result.pLoss).toBe(0);
    });

    it('can be cancelled by a callback or an AbortSignal', async () => {
        let calls = 0;
        expect(() =>
            runMonteCarlo(model, {
                trials: 1_000_000,
                chunkSize: 10_000,
                signal: () => ++calls > 3
            })
        ).toThrow(MonteCarloCancelledError);
        expect(calls).toBe(4);

        const controller = new AbortController();
        const progress: number[] = [];
        const run = runMonteCarloAsync(model, {
            trials: 1_000_000,
            chunkSize: 10_000,
            signal: controller.signal,
            onProgress: (done) => {
                progress.push(done);
                if (done >= 30_000) {
                    controller.abort();
                }
            }
        });
        await expect(run).rejects.toMatchObject({ name: 'AbortError', done: 30_000 });
        expect(progress).toEqual([10_000, 20_000, 30_000]);
    });

    it('uses a type-7 percentile', () => {
        const sorted = new Float64Array([1, 2, 3, 4, 5]);
        expect(percentile(sorted, 0.5)).toBe(3);
        expect(percentile(sorted, 0.05)).toBeCloseTo(1.2, 12);
        expect(percentile(sorted, 0.95)).toBeCloseTo(4.8, 12);
    });
});
