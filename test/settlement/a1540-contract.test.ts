/**
 * examples/mssp-a1540-py2022.aco, the inputs of CMS's A1540 PY2022 reconciliation report written
 * as a contract, settled through the whole language (parser, validator, model builder, preset,
 * engine): every intermediate of the report's Tables 1–3 (and A1, A3) against the engine's
 * figures, the benchmark of $98,947,416.93 and the payment of $2,883,145.53, all read from the
 * report's JSON. The contract itself states neither the benchmark nor the payment.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Dec } from '../../language/decimal.js';
import { buildModel } from '../../language/model/build-model.js';
import { settle } from '../../language/settlement/index.js';
import { msspBuild } from '../../language/settlement/built-benchmark.js';
import { errorsOf, validate, warningsOf } from '../helpers.js';
import { benchmarkComparisons, cents, failures, t3, type Comparison } from './a1540-report.js';
import { parseContract } from './parse-contract.js';

const text = readFileSync(fileURLToPath(new URL('../../examples/mssp-a1540-py2022.aco', import.meta.url)), 'utf8');
const model = buildModel(parseContract(text));
const settlement = settle(model, model.scenarios[0]);

describe('examples/mssp-a1540-py2022.aco against CMS\'s A1540 report', () => {
    it('validates without errors or warnings', async () => {
        const result = await validate(text);
        expect(errorsOf(result)).toEqual([]);
        expect(warningsOf(result)).toEqual([]);
    });

    it('states neither the benchmark nor the payment', () => {
        for (const figure of [t3.totalBenchmarkExpenditures, t3.earnedPerformancePayment]) {
            const dollars = new Dec(figure).toFixed(0);
            const withCommas = Number(dollars).toLocaleString('en-US');
            expect(text.replaceAll(',', '')).not.toContain(dollars.slice(0, 6));
            expect(text).not.toContain(withCommas.slice(0, 7));
        }
    });

    it('builds every intermediate of Tables 1, 2, A1 and A3 as the report does (1e-12 relative)', () => {
        const built = model.population.builtBenchmark;
        expect(built?.kind).toBe('mssp');
        const comparisons = benchmarkComparisons(msspBuild(built as Extract<typeof built, { kind: 'mssp' }>));
        expect(comparisons.length).toBeGreaterThan(180);
        expect(failures(comparisons)).toEqual([]);
    });

    it('settles Table 3 to the report\'s figures, down to the payment to the cent', () => {
        const steps = new Map(settlement.steps.map((step) => [step.step, step]));
        const rows: Comparison[] = [
            { row: 'T3 [H] benchmark', built: settlement.benchmark, reported: t3.totalBenchmarkExpenditures },
            { row: 'T3 [G] expenditure', built: settlement.expenditure, reported: t3.totalExpenditures },
            { row: 'T3 [I] gross savings', built: settlement.grossSavings, reported: t3.benchmarkMinusExpenditures },
            { row: 'T3 [L] minimum savings rate', built: settlement.minimumRate!, reported: t3.minimumSavingsRate },
            { row: 'T3 [T] final sharing rate', built: settlement.finalSharingRate!, reported: t3.finalSharingRate },
            { row: 'T3 [V] shared savings', built: steps.get('final sharing rate')!.amount!, reported: t3.sharedSavings },
            { row: 'T3 [W] savings cap', built: settlement.benchmark.times(steps.get('savings cap')!.rate!), reported: t3.sharedSavingsCap },
            { row: 'T3 [X] sequestration', built: steps.get('final sharing rate')!.amount!.minus(steps.get('sequestration')!.amount!), reported: t3.sequestrationAdjustment },
            { row: 'T3 [Y] earned performance payment', built: settlement.earnedExact, reported: t3.earnedPerformancePayment }
        ];
        expect(failures(rows)).toEqual([]);
        expect(settlement.benchmark.toDecimalPlaces(2).toFixed(2)).toBe(cents(new Dec(t3.totalBenchmarkExpenditures)));
        expect(settlement.earned.toFixed(2)).toBe(cents(new Dec(t3.earnedPerformancePayment)));
    });

    it('names each step of the build in the waterfall, with its clause', () => {
        const regional = settlement.steps.filter((step) => step.step === 'regional adjustment');
        expect(regional).toHaveLength(4);
        expect(regional[3].explanation).toMatch(/^Regional adjustment for aged\/non-dual: 35\.00% × \(\$12,320\.\d+ − \$12,133\.\d+\) = \$65\.\d+, within the 5\.00% cap of \$526\.\d+: \$12,198\.\d+\.$/);
        const updated = settlement.steps.filter((step) => step.step === 'updated benchmark');
        expect(updated[3].explanation).toMatch(/risk ratio 1\.03 \(1\.0495385 capped at 3\.00% above 1\)/);
        const lines = text.split('\n');
        expect(lines[updated[3].line! - 1]).toContain('enrollment type aged non-dual');
    });

    it('settles under Monte Carlo and the inline figures unchanged on a built benchmark', async () => {
        const { SettlementKernel } = await import('../../language/settlement/index.js');
        const kernel = new SettlementKernel(model, model.scenarios[0]);
        const earned = kernel.earned(settlement.savingsRate.toNumber(), 0.7326);
        expect(Math.abs(earned - settlement.earnedExact.toNumber())).toBeLessThan(1e-6);
        expect(Math.abs(kernel.lastBenchmark - settlement.benchmark.toNumber())).toBeLessThan(1e-6);
    });
});
