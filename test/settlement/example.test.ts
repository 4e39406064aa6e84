/** The LANGUAGE.md example contract: every figure the page works out, to the cent. */
import { describe, expect, it } from 'vitest';
import { settle, settleAll } from '../../language/settlement/index.js';
import { exampleModel } from './example-contract.js';

describe('LANGUAGE.md example contract', () => {
    const model = exampleModel();
    const result = settle(model, model.scenarios[0]);

    it('settles the figures the page works out', () => {
        expect(result.benchmark.toString()).toBe('157500000');
        expect(result.expenditure.toString()).toBe('152775000');
        expect(result.grossSavings.toString()).toBe('4725000');
        expect(result.savingsRate.toString()).toBe('0.03');
        expect(result.qualityScore.toString()).toBe('0.615');
        expect(result.qualityStandardMet).toBe(true);
        expect(result.minimumRate?.toString()).toBe('0.02');
        expect(result.finalSharingRate?.toString()).toBe('0.46125');
        expect(result.earnedExact.toString()).toBe('2135818.125');
        expect(result.earned.toFixed(2)).toBe('2135818.13');
    });

    it('distributes the reserve and the remainder by attributed lives', () => {
        const distribution = result.distribution!;
        expect(distribution.reserve.toFixed(2)).toBe('533954.53');
        expect(distribution.remainder.toFixed(2)).toBe('1601863.60');
        expect(distribution.providers.map((share) => [share.provider, share.amount.toFixed(2)])).toEqual([
            ['RPC', '794524.35'],
            ['LFM', '525411.26'],
            ['SMH', '281927.99']
        ]);
    });

    it('pays capitation with the withhold returned by quality', () => {
        const rpc = result.capitation.find((line) => line.provider === 'RPC')!;
        expect(rpc.paid.toFixed(2)).toBe('3124800.00');
        expect(rpc.withheld.toFixed(2)).toBe('62496.00');
        expect(rpc.returned.toFixed(2)).toBe('38435.04');
        expect(rpc.line).toBe(41);
        const lfm = result.capitation.find((line) => line.provider === 'LFM')!;
        expect(lfm.paid.toFixed(2)).toBe('1894200.00'); // 38.50 × 4,100 × 12
    });

    it('passes both expectations', () => {
        expect(result.expectations.map((e) => [e.kind, e.passed, e.actual.toFixed(2)])).toEqual([
            ['earned', true, '2135818.13'],
            ['provider', true, '794524.35']
        ]);
    });

    it('records the waterfall with explanations and clause lines', () => {
        const keys = result.steps.map((step) => step.step);
        expect(keys.slice(0, 8)).toEqual([
            'benchmark',
            'measure credit',
            'measure credit',
            'measure credit',
            'measure credit',
            'quality score',
            'quality standard',
            'expenditure'
        ]);
        const first = result.steps[0];
        expect(first.line).toBe(21);
        expect(first.amount?.toString()).toBe('157500000');
        const minimum = result.steps.find((step) => step.step === 'minimum savings rate')!;
        expect(minimum.explanation).toBe(
            'Gross savings $4,725,000.00 are 3.00% of the benchmark, above the 2.00% minimum savings rate, so savings are shared from the first dollar.'
        );
        expect(minimum.line).toBe(47);
        const earned = result.steps.find((step) => step.step === 'earned')!;
        expect(earned.explanation).toContain('$2,135,818.13');
        expect(earned.explanation).toContain('$2,135,818.125 rounded half-up to cents');
        const rpc = result.steps.find((step) => step.step === 'provider share' && step.line === 25)!;
        expect(rpc.explanation).toContain('RPC receives $794,524.35');
        for (const step of result.steps) {
            expect(step.explanation.length).toBeGreaterThan(10);
            expect(step.explanation).not.toContain('\n');
        }
        expect(keys).toEqual(
            expect.arrayContaining(['gross savings', 'final sharing rate', 'sequestration', 'savings cap', 'earned', 'capitation', 'reserve', 'provider share'])
        );
    });

    it('settleAll settles every scenario in order', () => {
        expect(settleAll(model).map((settlement) => settlement.earned.toFixed(2))).toEqual(['2135818.13']);
    });
});
