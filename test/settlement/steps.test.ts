/** Hand-checked cases for each step of SETTLEMENT.md. Figures in comments are worked by hand. */
import { describe, expect, it } from 'vitest';
import { Dec } from '../../language/decimal.js';
import type { ContractModel, ProviderTerm, Rounding, ScenarioTerms } from '../../language/model/contract-model.js';
import { SettlementError, roundMoney, settle, splitByLargestRemainder } from '../../language/settlement/index.js';
import { contract, corridor, d, pct, scenario } from './model-builder.js';
import { buildModel } from '../../language/model/build-model.js';
import { parseContract } from './parse-contract.js';

/** A plain contract around a $1,000,000 total benchmark. */
function simple(overrides: Parameters<typeof contract>[0] = {}): ContractModel {
    return contract({
        population: { benchmark: { amount: d(1_000_000), basis: 'total', line: 5 }, ...overrides.population },
        ...overrides,
        savings: { sharing: { kind: 'rate', rate: pct(50), line: 10 }, ...overrides.savings }
    });
}

function spending(amount: string | number, extra: Partial<ScenarioTerms> = {}): ScenarioTerms {
    return scenario({ expenditure: { kind: 'total', amount: d(amount), line: 101 }, ...extra });
}

function earned(model: ContractModel, which: ScenarioTerms): string {
    return settle(model, which).earned.toFixed(2);
}

function exact(model: ContractModel, which: ScenarioTerms): string {
    return settle(model, which).earnedExact.toString();
}

function stepOf(model: ContractModel, which: ScenarioTerms, key: string) {
    return settle(model, which).steps.find((step) => step.step === key);
}

const halfUp: Rounding = { mode: 'half-up', unit: 'cents' };
const halfEven: Rounding = { mode: 'half-even', unit: 'cents' };
const wholeUp: Rounding = { mode: 'half-up', unit: 'whole units' };
const wholeEven: Rounding = { mode: 'half-even', unit: 'whole units' };

describe('rounding', () => {
    it('rounds half away from zero or half to even, to cents or whole units', () => {
        const cases: Array<[string, Rounding, string]> = [
            ['2.345', halfUp, '2.35'],
            ['2.345', halfEven, '2.34'],
            ['2.355', halfEven, '2.36'],
            ['-2.345', halfUp, '-2.35'],
            ['-2.345', halfEven, '-2.34'],
            ['2.3449999', halfUp, '2.34'],
            ['2.5', wholeUp, '3'],
            ['2.5', wholeEven, '2'],
            ['3.5', wholeEven, '4'],
            ['-2.5', wholeUp, '-3'],
            ['-0.004', halfUp, '0']
        ];
        for (const [amount, rounding, expected] of cases) {
            expect(roundMoney(d(amount), rounding).toString(), `${amount} ${rounding.mode} ${rounding.unit}`).toBe(expected);
        }
        expect(roundMoney(d('-0.004'), halfUp).isNegative()).toBe(false);
    });

    it('rounds earned at half a cent by the contract rule', () => {
        // B $1,000.01, E $0: G $1,000.01 × 50% = $500.005.
        const model = (rounding: Rounding) =>
            simple({ rounding, population: { benchmark: { amount: d('1000.01'), basis: 'total', line: 5 } } });
        expect(exact(model(halfUp), spending(0))).toBe('500.005');
        expect(earned(model(halfUp), spending(0))).toBe('500.01');
        expect(earned(model(halfEven), spending(0))).toBe('500.00');
        // Owed losses −$500.005 round away from zero (half-up) or to the even cent.
        const losses = (rounding: Rounding) => {
            const two = model(rounding);
            two.losses = { line: 20, sharing: { kind: 'rate', rate: pct(50), line: 21 } };
            return two;
        };
        expect(earned(losses(halfUp), spending('2000.02'))).toBe('-500.01');
        expect(earned(losses(halfEven), spending('2000.02'))).toBe('-500.00');
    });

    it('rounds to whole units', () => {
        const model = (rounding: Rounding, benchmark: number) =>
            simple({ rounding, population: { benchmark: { amount: d(benchmark), basis: 'total', line: 5 } } });
        expect(settle(model(wholeUp, 1001), spending(0)).earned.toString()).toBe('501'); // 500.5
        expect(settle(model(wholeEven, 1001), spending(0)).earned.toString()).toBe('500');
        expect(settle(model(wholeEven, 1003), spending(0)).earned.toString()).toBe('502'); // 501.5
        const step = stepOf(model(wholeEven, 1001), spending(0), 'earned')!;
        expect(step.explanation).toBe('Earned $500.00 (shared savings): $500.50 rounded half-even to whole units.');
    });
});

describe('benchmark', () => {
    const population = (extra: object) => ({ beneficiaries: d(1000), ...extra });

    it('per member per month × MM, per member per year × MM / 12, or total', () => {
        const pmpm = simple({ population: population({ benchmark: { amount: d(100), basis: 'per member per month', line: 5 } }) });
        expect(settle(pmpm, spending(0)).benchmark.toString()).toBe('1200000');
        const pmpy = simple({ population: population({ benchmark: { amount: d(1200), basis: 'per member per year', line: 5 } }) });
        expect(settle(pmpy, spending(0)).benchmark.toString()).toBe('1200000');
        const stated = simple({
            population: population({ memberMonths: d(11_000), benchmark: { amount: d(100), basis: 'per member per month', line: 5 } })
        });
        expect(settle(stated, spending(0)).benchmark.toString()).toBe('1100000');
        const sixMonths = simple({
            term: { months: 6 },
            population: population({ benchmark: { amount: d(100), basis: 'per member per month', line: 5 } })
        });
        expect(settle(sixMonths, spending(0)).benchmark.toString()).toBe('600000');
    });

    it('trends from the second year, discounts, then withholds for quality', () => {
        const model = simple({
            population: population({
                benchmark: { amount: d(100), basis: 'per member per month', line: 5 },
                trend: { rate: pct(3), line: 6 },
                discount: { rate: pct(2), line: 7 }
            }),
            savings: { qualityWithhold: { rate: pct(2), line: 12 } }
        });
        const year3 = spending(0, { year: { year: 3, line: 102 }, qualityScore: { rate: pct(75), line: 103 } });
        const result = settle(model, year3);
        // B0 1,200,000 × 1.03² = 1,273,080; × 0.98 = 1,247,618.4; W = 24,952.368; back × 0.75 = 18,714.276.
        // Year 1 (no trend): 1,176,000 − 23,520 + 17,640 = 1,170,120.
        expect(result.steps.find((step) => step.step === 'trend')!.amount!.toString()).toBe('1273080');
        expect(result.steps.find((step) => step.step === 'discount')!.amount!.toString()).toBe('1247618.4');
        expect(result.benchmark.toString()).toBe('1241380.308');
        expect(settle(model, spending(0, { qualityScore: { rate: pct(75), line: 103 } })).benchmark.toString()).toBe('1170120');
        // Standard not met: nothing earned back.
        const failing = { ...model, quality: { standard: { rate: pct(80), line: 30 }, measures: [] } };
        expect(settle(failing, year3).benchmark.toString()).toBe('1222666.032');
    });
});

describe('quality score', () => {
    const measures = [
        { id: 'A', name: 'A', lowerIsBetter: false, threshold: pct(60), target: pct(80), weight: pct(50), line: 40 },
        { id: 'B', name: 'B', lowerIsBetter: true, target: pct(10), weight: pct(30), line: 45 },
        { id: 'C', name: 'C', lowerIsBetter: false, threshold: pct(50), target: pct(70), weight: pct(20), line: 50 }
    ];
    const model = simple({ quality: { standard: { rate: pct(50), line: 39 }, measures } });
    const results = (a: number, b: number, c: number) =>
        new Map([
            ['A', pct(a)],
            ['B', pct(b)],
            ['C', pct(c)]
        ]);

    it('scales between threshold and target, clamps, and scores a measure without threshold all or nothing', () => {
        // A 70% → 0.5; B 10% ≤ 10% → 1; C 90% → clamped 1: Q = 0.25 + 0.3 + 0.2 = 0.75.
        expect(settle(model, spending(0, { results: results(70, 10, 90) })).qualityScore.toString()).toBe('0.75');
        // A 50% → 0; B 10.5% → 0; C 40% → 0.
        expect(settle(model, spending(0, { results: results(50, 10.5, 40) })).qualityScore.toString()).toBe('0');
    });

    it('has Q = 1 without measures and score, and lets the scenario verdict override the standard', () => {
        expect(settle(simple(), spending(0)).qualityScore.toString()).toBe('1');
        const passing = spending(900_000, { results: results(70, 10, 90) });
        expect(settle(model, passing).qualityStandardMet).toBe(true);
        expect(settle(model, { ...passing, standardVerdict: { met: false, line: 104 } }).qualityStandardMet).toBe(false);
    });

    it('requires a result for each measure when no score is given', () => {
        expect(() => settle(model, spending(0, { results: new Map([['A', pct(70)]]) }))).toThrow(SettlementError);
    });
});

describe('shared savings', () => {
    it('caps after sequestration', () => {
        // G 204,000 × 50% = 102,000 × 0.98 = 99,960, under the 100,000 cap (capping first would give 98,000).
        const model = simple({ savings: { sequestration: { rate: pct(2), line: 11 }, cap: { rate: pct(10), line: 12 } } });
        expect(exact(model, spending(796_000))).toBe('99960');
        // G 300,000 × 50% × 0.98 = 147,000: the cap binds at 100,000.
        expect(exact(model, spending(700_000))).toBe('100000');
        expect(stepOf(model, spending(700_000), 'savings cap')!.explanation).toContain('binds');
    });

    it('shares nothing below the minimum savings rate and from the first dollar at or above it', () => {
        const model = simple({ savings: { minimumRate: { kind: 'fixed', rate: pct(2), line: 9 } } });
        expect(exact(model, spending(980_001))).toBe('0'); // 1.9999%
        expect(exact(model, spending(980_000))).toBe('10000'); // exactly 2%: 20,000 × 50%
    });

    it('shares only the savings above the minimum with `sharing basis above minimum`', () => {
        const model = simple({ savings: { minimumRate: { kind: 'fixed', rate: pct(2), line: 9 }, basis: 'above minimum', basisLine: 13 } });
        // (50,000 − 20,000) × 50%.
        expect(exact(model, spending(950_000))).toBe('15000');
    });

    it('uses the MSSP variable rate at N', () => {
        const model = simple({
            population: { beneficiaries: d(9139), benchmark: { amount: d(1_000_000), basis: 'total', line: 5 } },
            savings: { minimumRate: { kind: 'variable', line: 9 } }
        });
        // MSR 3.0860861%: 3.08% shares nothing, 3.09% shares from the first dollar.
        expect(exact(model, spending(969_200))).toBe('0');
        expect(exact(model, spending(969_100))).toBe('15450');
        expect(settle(model, spending(969_100)).minimumRate!.toFixed(9)).toBe('0.030860861');
        expect(stepOf(model, spending(969_100), 'minimum savings rate')!.explanation).toContain('MSSP variable rate at 9,139 beneficiaries');
        const small = { ...model, population: { ...model.population, beneficiaries: d(4999) } };
        expect(() => settle(small, spending(969_100))).toThrow(/5,000/);
    });

    it('scales the rate by Q (scaled), or applies it in full once the standard is met (gate)', () => {
        const model = (adjustment: 'scaled' | 'gate' | 'none') =>
            simple({ savings: { qualityAdjustment: adjustment }, quality: { standard: { rate: pct(50), line: 39 }, measures: [] } });
        const score = (rate: number) => spending(900_000, { qualityScore: { rate: pct(rate), line: 103 } });
        expect(exact(model('scaled'), score(80))).toBe('40000');
        expect(exact(model('gate'), score(80))).toBe('50000');
        expect(exact(model('none'), score(80))).toBe('50000');
        // The standard gates savings under every adjustment.
        for (const adjustment of ['scaled', 'gate', 'none'] as const) {
            expect(exact(model(adjustment), score(40))).toBe('0');
        }
        expect(stepOf(model('gate'), score(40), 'quality gate')!.explanation).toBe('The quality standard is not met, so no savings are shared.');
    });

    it('splits savings across corridors, crossing bands', () => {
        const corridors = [corridor(0, 25, 100), corridor(25, 35, 50), corridor(35, 50, 25), corridor(50, undefined, 10)];
        const model = (adjustment: 'scaled' | 'none') =>
            simple({ savings: { sharing: { kind: 'corridors', corridors, line: 10 }, qualityAdjustment: adjustment } });
        // 40%: 250,000 × 100% + 100,000 × 50% + 50,000 × 25%.
        expect(exact(model('none'), spending(600_000))).toBe('312500');
        expect(exact(model('scaled'), spending(600_000, { qualityScore: { rate: pct(80), line: 103 } }))).toBe('250000');
        // 70%: + 150,000 × 25% + 200,000 × 10%.
        expect(exact(model('none'), spending(300_000))).toBe('357500');
        const bands = settle(model('none'), spending(600_000)).steps.filter((step) => step.step === 'corridor');
        expect(bands.map((step) => step.amount!.toString())).toEqual(['250000', '50000', '12500', '0']);
    });

    it('gives nothing when the contract states no sharing rate', () => {
        const model = contract({ population: { benchmark: { amount: d(1000), basis: 'total', line: 5 } } });
        expect(exact(model, spending(900))).toBe('0');
    });
});

describe('owed losses', () => {
    function twoSided(losses: Partial<NonNullable<ContractModel['losses']>>, extra: Parameters<typeof contract>[0] = {}): ContractModel {
        const model = simple(extra);
        model.losses = { line: 20, sharing: { kind: 'rate', rate: pct(30), line: 21 }, ...losses };
        return model;
    }

    it('owes nothing in a one-sided contract', () => {
        expect(exact(simple(), spending(1_200_000))).toBe('0');
        expect(stepOf(simple(), spending(1_200_000), 'no shared losses')).toBeDefined();
        expect(stepOf(simple(), spending(1_000_000), 'no savings or losses')).toBeDefined();
    });

    it('owes nothing inside the minimum loss rate, falling back to the minimum savings rate', () => {
        const model = twoSided({ minimumRate: { kind: 'fixed', rate: pct(2), line: 22 } });
        expect(exact(model, spending(1_019_999))).toBe('0');
        expect(exact(model, spending(1_020_000))).toBe('-6000');
        const fallback = twoSided({}, { savings: { minimumRate: { kind: 'fixed', rate: pct(3), line: 9 } } });
        expect(exact(fallback, spending(1_020_000))).toBe('0');
        expect(exact(fallback, spending(1_030_000))).toBe('-9000');
    });

    it('caps losses at the benchmark cap, or the revenue cap when smaller', () => {
        const capped = { cap: { rate: pct(4), line: 23 }, revenueCap: { rate: pct(8), line: 24 } };
        // G −200,000 × 30% = −60,000; 4% of B = 40,000.
        expect(exact(twoSided(capped), spending(1_200_000))).toBe('-40000');
        expect(exact(twoSided({ ...capped, participantRevenue: d(300_000) }), spending(1_200_000))).toBe('-24000');
        expect(exact(twoSided({ ...capped, participantRevenue: d(1_000_000) }), spending(1_200_000))).toBe('-40000');
        expect(stepOf(twoSided({ ...capped, participantRevenue: d(300_000) }), spending(1_200_000), 'loss cap')!.explanation).toContain(
            'the smaller of 4.00% of the benchmark ($40,000.00) and 8.00% of participant revenue ($24,000.00) binds'
        );
    });

    it('uses 1 − R × LQ between floor and ceiling; failing the standard gives the ceiling', () => {
        const model = (adjustment: 'scaled' | 'gate' | 'none') =>
            twoSided(
                { sharing: { kind: 'complement', floor: pct(40), ceiling: pct(75), line: 21 }, cap: { rate: pct(15), line: 23 } },
                {
                    savings: { sharing: { kind: 'rate', rate: pct(75), line: 10 }, qualityAdjustment: adjustment },
                    quality: { standard: { rate: pct(50), line: 39 }, measures: [] }
                }
            );
        const loss = (score: number) => spending(1_100_000, { qualityScore: { rate: pct(score), line: 103 } });
        expect(exact(model('scaled'), loss(60))).toBe('-55000'); // 1 − 0.45
        expect(exact(model('gate'), loss(60))).toBe('-55000'); // losses still use Q under gate
        expect(exact(model('scaled'), loss(90))).toBe('-40000'); // 0.325 → floor 40%
        expect(exact(model('scaled'), loss(40))).toBe('-75000'); // not met: LQ 0 → 1 → ceiling 75%
        expect(exact(model('none'), loss(40))).toBe('-40000'); // LQ 1: 0.25 → floor
        expect(settle(model('scaled'), loss(40)).lossSharingRate!.toString()).toBe('0.75');
    });

    it('splits losses across corridors on |G|', () => {
        const corridors = [corridor(0, 25, 100), corridor(25, 35, 50), corridor(35, 50, 25), corridor(50, undefined, 10)];
        const model = twoSided({ sharing: { kind: 'corridors', corridors, line: 21 } }, { savings: { qualityAdjustment: 'none' } });
        // 60% loss: 250,000 × 100% + 100,000 × 50% + 150,000 × 25% + 100,000 × 10%.
        expect(exact(model, spending(1_600_000))).toBe('-347500');
    });

    it('reduces owed losses toward zero by a disaster adjustment, never past it, then forgives', () => {
        const model = twoSided({ cap: { rate: pct(4), line: 23 } });
        const loss = (extra: Partial<ScenarioTerms>) => spending(1_200_000, extra);
        expect(exact(model, loss({ lossesReducedBy: { amount: d(10_000), line: 105 } }))).toBe('-30000');
        expect(exact(model, loss({ lossesReducedBy: { amount: d(50_000), line: 105 } }))).toBe('0');
        expect(stepOf(model, loss({ lossesReducedBy: { amount: d(50_000), line: 105 } }), 'losses reduced')!.explanation).toContain(
            'so nothing is owed'
        );
        expect(exact(model, loss({ lossesForgiven: { rate: pct(100), line: 106 } }))).toBe('0');
        expect(exact(model, loss({ lossesForgiven: { rate: pct(25), line: 106 } }))).toBe('-30000');
        expect(
            exact(model, loss({ lossesReducedBy: { amount: d(10_000), line: 105 }, lossesForgiven: { rate: pct(50), line: 106 } }))
        ).toBe('-15000');
        // Disaster adjustments never touch savings.
        expect(exact(model, spending(900_000, { lossesReducedBy: { amount: d(10_000), line: 105 } }))).toBe('50000');
    });
});

describe('capitation', () => {
    it('pays rate × MM, or rate × attributed × M, withholding and returning by quality', () => {
        const model = simple({
            population: { beneficiaries: d(1000), benchmark: { amount: d(1_000_000), basis: 'total', line: 5 } },
            providers: [{ id: 'P', name: 'P', attributed: d(300), line: 30 }],
            capitation: {
                lines: [
                    { service: 'total care', rate: d('10.005'), line: 41 },
                    { service: 'primary care', rate: d('20'), providerId: 'P', line: 42 }
                ],
                withhold: { rate: pct(5), line: 43 }
            },
            quality: { standard: { rate: pct(50), line: 39 }, measures: [] }
        });
        const met = settle(model, spending(0, { qualityScore: { rate: pct('33.3'), line: 103 } }));
        // 10.005 × 12,000 = 120,060; 5% = 6,003; × 0.333 = 1,998.999 → 1,999.00.
        expect(met.capitation.map((line) => [line.paid.toFixed(2), line.withheld.toFixed(2), line.returned.toFixed(2)])).toEqual([
            ['120060.00', '6003.00', '0.00'],
            ['72000.00', '3600.00', '0.00']
        ]);
        const good = settle(model, spending(0, { qualityScore: { rate: pct('66.67'), line: 103 } }));
        // 6,003 × 0.6667 = 4,002.2001 → 4,002.20; 3,600 × 0.6667 = 2,400.12.
        expect(good.capitation.map((line) => line.returned.toFixed(2))).toEqual(['4002.20', '2400.12']);
        expect(good.capitation[1].provider).toBe('P');
    });

    it('rounds each capitation amount by the contract rule', () => {
        const model = (rounding: Rounding) =>
            simple({
                rounding,
                population: { memberMonths: d(1), benchmark: { amount: d(1000), basis: 'total', line: 5 } },
                capitation: { lines: [{ service: 'primary care', rate: d('0.125'), line: 41 }], withhold: { rate: pct(50), line: 43 } }
            });
        // paid 0.125 → 0.13 (half-up) or 0.12 (half-even); withheld 50% of the rounded paid figure.
        expect(settle(model(halfUp), spending(0)).capitation[0].paid.toString()).toBe('0.13');
        expect(settle(model(halfEven), spending(0)).capitation[0].paid.toString()).toBe('0.12');
        expect(settle(model(halfUp), spending(0)).capitation[0].withheld.toString()).toBe('0.07');
        expect(settle(model(halfEven), spending(0)).capitation[0].withheld.toString()).toBe('0.06');
    });

    it('withholds from the rounded paid amount and returns from the rounded withheld amount (SETTLEMENT.md step 10)', () => {
        // Whole units: 1,000.5 is paid as 1,001; 50% of 1,001 is 500.5 → 501 withheld (from the
        // unrounded 1,000.5 it would be 500, a unit off); 501 × 0.5 = 250.5 → 251 returned.
        const model = simple({
            rounding: wholeUp,
            population: { memberMonths: d(1), benchmark: { amount: d(100_000), basis: 'total', line: 5 } },
            capitation: { lines: [{ service: 'primary care', rate: d('1000.5'), line: 41 }], withhold: { rate: pct(50), line: 43 } },
            quality: { standard: { rate: pct(10), line: 39 }, measures: [] }
        });
        const [line] = settle(model, spending(0, { qualityScore: { rate: pct(50), line: 103 } })).capitation;
        expect([line.paid, line.withheld, line.returned].map(String)).toEqual(['1001', '501', '251']);
    });
});

describe('distribution', () => {
    const providers = (count: number, extra: (index: number) => Partial<ProviderTerm> = () => ({})): ProviderTerm[] =>
        Array.from({ length: count }, (_, index) => ({ id: `P${index + 1}`, name: `Provider ${index + 1}`, line: 30 + index, ...extra(index) }));

    it('hands leftover cents one by one to the largest fractions, ties in declaration order', () => {
        const seven = Array.from({ length: 7 }, () => d(1));
        expect(splitByLargestRemainder(d('1.00'), seven, d('0.01')).map(String)).toEqual(['0.15', '0.15', '0.14', '0.14', '0.14', '0.14', '0.14']);
        // 7 cents by 1:2:3:4 → exact 0.7, 1.4, 2.1, 2.8 → floors 0, 1, 2, 2; leftovers to .8 and .7.
        expect(splitByLargestRemainder(d('0.07'), [d(1), d(2), d(3), d(4)], d('0.01')).map(String)).toEqual(['0.01', '0.01', '0.02', '0.03']);
        expect(splitByLargestRemainder(d(1000), [d(1), d(1), d(1)], d(1)).map(String)).toEqual(['334', '333', '333']);
        expect(splitByLargestRemainder(d('-1000.01'), [d(1), d(1), d(1)], d('0.01')).map(String)).toEqual(['-333.34', '-333.34', '-333.33']);
    });

    it('splits owed losses by their absolute value, negated, after a rounded reserve', () => {
        const model = simple({
            providers: providers(3),
            distribution: { line: 60, reserve: { rate: pct(25), line: 61 }, key: 'equally', keyLine: 62 }
        });
        model.losses = { line: 20, sharing: { kind: 'rate', rate: pct(50), line: 21 } };
        // B 1,000,000, E 1,002,000.02: G −2,000.02 × 50% = −1,000.01; reserve −250.0025 → −250.00.
        const result = settle(model, spending('1002000.02'));
        expect(result.earned.toString()).toBe('-1000.01');
        expect(result.distribution!.reserve.toString()).toBe('-250');
        expect(result.distribution!.remainder.toString()).toBe('-750.01');
        expect(result.distribution!.providers.map((share) => share.amount.toString())).toEqual(['-250.01', '-250', '-250']);
    });

    it('splits by fixed shares and in whole units', () => {
        const model = simple({
            rounding: wholeUp,
            providers: providers(3, (index) => ({ share: pct([50, 30, 20][index]) })),
            distribution: { line: 60, key: 'fixed shares', keyLine: 62 }
        });
        // G 100,001 × 50% = 50,000.5 → 50,001 split 50:30:20 → 25,000.5, 15,000.3, 10,000.2.
        const result = settle(model, spending(899_999));
        expect(result.earned.toString()).toBe('50001');
        expect(result.distribution!.providers.map((share) => share.amount.toString())).toEqual(['25001', '15000', '10000']);
    });

    it('has no distribution when earned is zero, and provider expectations then see 0', () => {
        const model = simple({ providers: providers(2), distribution: { line: 60, key: 'equally' } });
        const result = settle(
            model,
            spending(1_000_000, {
                expectations: [
                    { kind: 'provider', providerId: 'P1', amount: d(0), line: 110 },
                    { kind: 'earned', amount: d(1), tolerance: d(1), line: 111 },
                    { kind: 'earned', amount: d('0.02'), tolerance: d('0.01'), line: 112 }
                ]
            })
        );
        expect(result.distribution).toBeUndefined();
        expect(result.expectations.map((e) => e.passed)).toEqual([true, true, false]);
        expect(result.expectations[0].providerId).toBe('P1');
    });
});

describe('REACH preset end to end', () => {
    it('discounts, withholds for quality, shares by corridors and sequesters 2% of savings, never of losses', () => {
        const model = buildModel(parseContract('contract "R" {\n    program REACH global year 2024\n    population {\n        benchmark $10,000,000 total\n    }\n}\n'));
        // B1 9,700,000; W 194,000; back × 0.9 = 174,600: B 9,680,600; savings 10% → 968,060 (band up to 25% at 100%),
        // less 2% sequestration (19,361.20) = 948,698.80.
        const result = settle(model, scenario({ expenditure: { kind: 'savings', rate: pct(10), line: 101 }, qualityScore: { rate: pct(90), line: 102 } }));
        expect(result.benchmark.toString()).toBe('9680600');
        expect(result.earned.toString()).toBe('948698.8');
        // Loss of 30%: 25% × 100% + 5% × 50% of B, not scaled by quality, not sequestered.
        const loss = settle(model, scenario({ expenditure: { kind: 'savings', rate: pct(-30), line: 101 }, qualityScore: { rate: pct(90), line: 102 } }));
        expect(loss.earned.toString()).toBe(new Dec(9_680_600).times('-0.275').toString());
    });
});

describe('what a settlement needs', () => {
    it('names the missing figure and its line', () => {
        const noBenchmark = contract({ savings: { sharing: { kind: 'rate', rate: pct(50), line: 10 } } });
        expect(() => settle(noBenchmark, spending(0))).toThrow(/no benchmark line/);
        expect(() => settle(simple(), scenario({ name: 'Empty', line: 7 }))).toThrow(expect.objectContaining({ line: 7, name: 'SettlementError' }));
        const perMember = simple({ population: { benchmark: { amount: d(100), basis: 'per member per month', line: 5 } } });
        expect(() => settle(perMember, spending(0))).toThrow(expect.objectContaining({ line: 5 }));
        const complementWithCorridors = simple({ savings: { sharing: { kind: 'corridors', corridors: [corridor(0, undefined, 50)], line: 10 } } });
        complementWithCorridors.losses = { line: 20, sharing: { kind: 'complement', floor: pct(40), ceiling: pct(60), line: 21 } };
        expect(() => settle(complementWithCorridors, spending(1_100_000))).toThrow(SettlementError);
    });
});
