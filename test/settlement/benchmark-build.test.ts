/**
 * The MSSP benchmark built from its parts (language/settlement/benchmark-build.ts), checked
 * against CMS's complete financial reconciliation report for ACO A1540, PY2022
 * (test/data/a1540-py2022.json, converted from the report's .xlsx beside it by
 * scripts/convert-a1540.mjs). The benchmark is built from the report's inputs only; every
 * intermediate of Tables 1–3 and appendix tables A1 and A3 is then compared with the report's
 * figure. No figure is copied into this file: all come from the JSON. The program's own
 * parameters (the 5% regional cap, the 3% risk-ratio cap, BASIC's 10% savings cap and 2%
 * sequestration) come from SETTLEMENT.md and are checked against the rows that show them.
 */
import { describe, expect, it } from 'vitest';
import { Dec, ZERO } from '../../language/decimal.js';
import {
    buildMsspBenchmark,
    ENROLLMENT_TYPES,
    EQUAL_WEIGHTS,
    FIRST_AGREEMENT_WEIGHTS,
    historicalBenchmark,
    proportionsFromPersonYears,
    regionalAdjustment,
    regionalAdjustmentWeight,
    regionalAverage,
    riskRatio,
    trendedBaseCost,
    trendFactor,
    updatedBenchmark,
    updateFactor,
    weightedBenchmark,
    withPriorSavingsAdjustment,
    type RegionalAdjustmentRule
} from '../../language/settlement/benchmark-build.js';

import {
    BASIC_SAVINGS_CAP_RATE, SEQUESTRATION_RATE, benchmarkComparisons, cents, failures, report, reportInputs, t1, t2, t3, a1, a3, worst,
    type Comparison, type Figure
} from './a1540-report.js';
// ---------------------------------------------------------------------------------------------

describe('the MSSP benchmark built from its parts, against CMS\'s A1540 PY2022 report', () => {
    const built = buildMsspBenchmark(reportInputs());

    it('reproduces every intermediate of Tables 1, 2, A1 and A3 to 1e-12 relative', () => {
        const comparisons = benchmarkComparisons(built);
        // 4 types × (3 years × 8 rows + 20 rows) + 8 totals.
        expect(comparisons).toHaveLength(4 * (3 * 8 + 20) + 8);
        expect(failures(comparisons)).toEqual([]);
        // As close as 15 stored digits allow: ~1e-14, except where a row is a difference of two
        // figures ~100 times larger (Table 1 [L], and [O], [Q] made from it: disabled
        // 12,780 − 12,635 = 145), which carries their last-digit error: up to ~5e-13.
        const differences = /^T1 \[[LOQ]\]/;
        expect(worst(comparisons.filter((c) => !differences.test(c.row))).lessThan('2e-14')).toBe(true);
        expect(worst(comparisons.filter((c) => differences.test(c.row))).lessThan('1e-12')).toBe(true);
    });

    it('builds the report\'s benchmark, to the cent', () => {
        expect(cents(built.benchmark)).toBe(cents(new Dec(t3.totalBenchmarkExpenditures)));
        expect(cents(built.updatedBenchmarkPerCapita)).toBe(cents(new Dec(t2.updatedBenchmark)));
    });

    it('chooses the lower-spending weight, as the report does, and caps the aged/non-dual risk ratio', () => {
        expect(built.spending).toBe('lower');
        expect(built.weightedRegionalDifference.isPositive()).toBe(true);
        expect(built.types.agedNonDual.riskRatio.equals(built.types.agedNonDual.riskRatioCap)).toBe(true);
        expect(built.types.agedNonDual.riskRatioUncapped.greaterThan(built.types.agedNonDual.riskRatioCap)).toBe(true);
        for (const type of ENROLLMENT_TYPES) {
            expect(built.types[type].appliedAdjustmentSource).toBe('regional');
        }
    });

    it('has inputs that the report repeats consistently (Table 1 [J], Table 2 [B], Table A1 [A]/[B])', () => {
        const repeats: Comparison[] = ENROLLMENT_TYPES.flatMap((type) => [
            { row: `T1 [J] = A3 [C] BY3 ${type}`, built: new Dec(a3.riskAdjustedRegionalExpenditures[type].by3), reported: t1.riskAdjustedRegionalExpenditures[type] },
            { row: `T2 [B] BY3 = T1 [C] BY3 ${type}`, built: new Dec(t1.riskScores[type].by3), reported: t2.riskScores[type].by3 },
            { row: `A1 [A] ${type}`, built: new Dec(t1.riskScores[type].by3), reported: a1.by3RiskScores[type] },
            { row: `A1 [B] ${type}`, built: new Dec(t2.riskScores[type].py), reported: a1.pyRiskScores[type] },
            { row: `T3 [D] = T2 [G] ${type}`, built: new Dec(t2.assignedBeneficiaryProportions[type]), reported: t3.assignedBeneficiaryProportions[type] }
        ]);
        expect(failures(repeats)).toEqual([]);
    });

    it('reproduces Table 3 and the payment of the report, to the cent, by SETTLEMENT.md step 7', () => {
        // TODO(engine integration): once a contract can build its benchmark, settle
        // `program MSSP BASIC B year 2022` with this built benchmark and the report's expenditure
        // through settle(), and check `earned` there. Until then, step 7's plain arithmetic:
        const rows: Comparison[] = [];
        const add = (row: string, value: Dec, reported: Figure) => rows.push({ row, built: value, reported });
        const benchmark = built.benchmark;
        const personYears = new Dec(t3.personYears);
        // [E] and [G]: PY per capita expenditure, weighted by the PY proportions, × person years.
        const perCapitaExpenditure = ENROLLMENT_TYPES.reduce((sum, type) => sum.plus(new Dec(t3.perCapitaExpendituresByType[type]).times(t3.assignedBeneficiaryProportions[type])), ZERO);
        const expenditure = perCapitaExpenditure.times(personYears);
        add('T3 [E]', perCapitaExpenditure, t3.perCapitaExpenditures);
        add('T3 [G]', expenditure, t3.totalExpenditures);
        // Step 6: G = B − E, r = G / B.
        const gross = benchmark.minus(expenditure);
        add('T3 [I]', gross, t3.benchmarkMinusExpenditures);
        add('T3 [J]', Dec.max(gross, ZERO), t3.totalSavings);
        add('T3 [K]', Dec.min(gross, ZERO), t3.totalLosses);
        // The variable MSR at N (SETTLEMENT.md's table, the bands as Table A4 prints them).
        const n = new Dec(t3.assignedBeneficiaries);
        const band = report.tableA4.bands.find((b) => n.greaterThanOrEqualTo(b.low) && /^\d+$/.test(b.high) && n.lessThanOrEqualTo(b.high))!;
        const low = new Dec(band.msrLow);
        const msr = low.minus(low.minus(band.msrHigh).times(n.minus(band.low)).dividedBy(new Dec(band.high).minus(band.low)));
        add('T3 [L]', msr, t3.minimumSavingsRate);
        add('T3 [N]', msr.times(benchmark), t3.minimumSavingsAmount);
        expect(gross.dividedBy(benchmark).greaterThanOrEqualTo(msr)).toBe(t3.savingsOrLossesRealized === 'Savings');
        // Step 7: from 2021 the quality standard gates the full rate; first-dollar sharing.
        expect(t3.metQualityPerformanceStandard).toBe(true);
        const rate = new Dec(t3.maximumSharingRate);
        add('T3 [T]', rate, t3.finalSharingRate);
        const shared = gross.times(rate);
        add('T3 [V]', shared, t3.sharedSavings);
        const cap = benchmark.times(BASIC_SAVINGS_CAP_RATE);
        add('T3 [W]', cap, t3.sharedSavingsCap);
        const sequestration = shared.times(SEQUESTRATION_RATE);
        add('T3 [X]', sequestration, t3.sequestrationAdjustment);
        const earned = Dec.min(shared.minus(sequestration), cap);
        add('T3 [Y]', earned, t3.earnedPerformancePayment);
        expect(failures(rows)).toEqual([]);
        // Step 9: earned, rounded half-up to cents, is the report's payment.
        expect(cents(earned)).toBe(cents(new Dec(t3.earnedPerformancePayment)));
    });

    it('applies the no-negative rule and a larger prior savings adjustment only to the types they change', () => {
        const inputs = reportInputs();
        const noNegative = buildMsspBenchmark({ ...inputs, regionalAdjustment: { ...inputs.regionalAdjustment, noNegativeAdjustment: true } });
        // ESRD's adjustment is the only negative one in the report.
        expect(built.types.esrd.regionalAdjustment.isNegative()).toBe(true);
        expect(noNegative.types.esrd.regionalAdjustment.isZero()).toBe(true);
        expect(noNegative.types.esrd.adjustedHistoricalBenchmark.equals(built.types.esrd.historicalBenchmark)).toBe(true);
        for (const type of ['disabled', 'agedDual', 'agedNonDual'] as const) {
            expect(noNegative.types[type].updatedBenchmark.equals(built.types[type].updatedBenchmark)).toBe(true);
        }
        // The benchmark rises by ESRD's lost adjustment × risk ratio × update × PY share × person years.
        const esrd = built.types.esrd;
        const rise = esrd.regionalAdjustment.negated().times(esrd.riskRatio).times(esrd.updateFactor)
            .times(inputs.types.esrd.performanceYearProportion).times(inputs.performanceYearPersonYears);
        expect(noNegative.benchmark.minus(built.benchmark).minus(rise).abs().lessThan('1e-40')).toBe(true);

        const withPrior = buildMsspBenchmark({ ...inputs, types: { ...inputs.types, esrd: { ...inputs.types.esrd, priorSavingsAdjustment: new Dec(100) } } });
        expect(withPrior.types.esrd.appliedAdjustmentSource).toBe('prior savings');
        expect(withPrior.types.esrd.adjustedHistoricalBenchmark.equals(esrd.historicalBenchmark.plus(100))).toBe(true);
        // A prior savings adjustment smaller than a positive regional adjustment changes nothing.
        const smallPrior = buildMsspBenchmark({ ...inputs, types: { ...inputs.types, agedDual: { ...inputs.types.agedDual, priorSavingsAdjustment: new Dec(1) } } });
        expect(smallPrior.types.agedDual.appliedAdjustmentSource).toBe('regional');
        expect(smallPrior.benchmark.equals(built.benchmark)).toBe(true);
    });
});

describe('each step of the MSSP method, on small hand-computed cases', () => {
    it('trendFactor: w × nat(to)/nat(from) + (1 − w) × reg(to)/reg(from)', () => {
        // w = 0.25; national 100 → 110 (1.1); regional 200 → 180 (0.9):
        // 0.25 × 1.1 + 0.75 × 0.9 = 0.275 + 0.675 = 0.95
        const t = trendFactor(new Dec('0.25'), { from: new Dec(100), to: new Dec(110) }, { from: new Dec(200), to: new Dec(180) });
        expect(t.national.toString()).toBe('1.1');
        expect(t.regional.toString()).toBe('0.9');
        expect(t.regionalWeight.toString()).toBe('0.75');
        expect(t.factor.toString()).toBe('0.95');
        // BY3 to itself: 1.
        expect(trendFactor(new Dec('0.25'), { from: new Dec(110), to: new Dec(110) }, { from: new Dec(180), to: new Dec(180) }).factor.toString()).toBe('1');
    });

    it('updateFactor: the same blend from BY3 to the performance year', () => {
        // w = 0.1; national 1000 → 1200 (1.2); regional 500 → 550 (1.1):
        // 0.1 × 1.2 + 0.9 × 1.1 = 0.12 + 0.99 = 1.11
        const u = updateFactor(new Dec('0.1'), { by3: new Dec(1000), py: new Dec(1200) }, { by3: new Dec(500), py: new Dec(550) });
        expect(u.factor.toString()).toBe('1.11');
    });

    it('trendedBaseCost: cost × risk(BY3)/risk(BYk) × T', () => {
        // cost 1,000, risk 1.25 in BYk and 1.0 in BY3 (ratio 0.8), trend 1.1:
        // 1,000 × 0.8 × 1.1 = 880
        const f = trendedBaseCost(new Dec(1000), new Dec('1.25'), new Dec(1), new Dec('1.1'));
        expect(f.riskRatio.toString()).toBe('0.8');
        expect(f.trended.toString()).toBe('880');
    });

    it('historicalBenchmark: Σ weight × F, 10/30/60% or ⅓ each', () => {
        // F = 900, 1,000, 1,100. 10/30/60%: 90 + 300 + 660 = 1,050.
        const trended = { by1: new Dec(900), by2: new Dec(1000), by3: new Dec(1100) };
        const first = historicalBenchmark(trended, FIRST_AGREEMENT_WEIGHTS);
        expect(first.weighted.by1.toString()).toBe('90');
        expect(first.weighted.by2.toString()).toBe('300');
        expect(first.weighted.by3.toString()).toBe('660');
        expect(first.total.toString()).toBe('1050');
        // ⅓ each: 300 + 333.33… + 366.66… = 1,000 (to the 60 digits ⅓ is held to).
        expect(historicalBenchmark(trended, EQUAL_WEIGHTS).total.minus(1000).abs().lessThan('1e-50')).toBe(true);
        // Weights must sum to 1.
        expect(() => historicalBenchmark(trended, { by1: new Dec('0.1'), by2: new Dec('0.3'), by3: new Dec('0.5') })).toThrow(/sum to 0.9/);
    });

    it('regionalAverage: the region\'s risk-adjusted cost at the ACO\'s BY3 risk', () => {
        // 10,000 × 1.1 = 11,000
        expect(regionalAverage(new Dec(10000), new Dec('1.1')).toString()).toBe('11000');
    });

    it('regionalAdjustmentWeight: the higher-spending weight only when the weighted difference is negative', () => {
        const rule: RegionalAdjustmentRule = { higherSpendingWeight: new Dec('0.15'), lowerSpendingWeight: new Dec('0.35'), capRate: new Dec('0.05') };
        expect(regionalAdjustmentWeight(new Dec(-1), rule)).toEqual({ spending: 'higher', weight: rule.higherSpendingWeight });
        expect(regionalAdjustmentWeight(ZERO, rule)).toEqual({ spending: 'lower', weight: rule.lowerSpendingWeight });
        expect(regionalAdjustmentWeight(new Dec(5), rule)).toEqual({ spending: 'lower', weight: rule.lowerSpendingWeight });
    });

    it('regionalAdjustment: weight × (regional − H), clamped to ± cap × national(BY3)', () => {
        const cap = { capRate: new Dec('0.05') };
        // H 10,000, regional 11,000, weight 35%: difference 1,000, 350 before the cap;
        // cap 5% × 6,000 = 300, so 300.
        const up = regionalAdjustment(new Dec(10000), new Dec(11000), new Dec('0.35'), new Dec(6000), cap);
        expect(up.difference.toString()).toBe('1000');
        expect(up.beforeCap.toString()).toBe('350');
        expect(up.cap.toString()).toBe('300');
        expect(up.adjustment.toString()).toBe('300');
        // H 12,000, regional 10,000, weight 15%: −2,000 × 0.15 = −300; cap 5% × 10,000 = 500: −300 stands.
        const down = regionalAdjustment(new Dec(12000), new Dec(10000), new Dec('0.15'), new Dec(10000), cap);
        expect(down.adjustment.toString()).toBe('-300');
        // The same with a 2% cap: 200, so −200.
        expect(regionalAdjustment(new Dec(12000), new Dec(10000), new Dec('0.15'), new Dec(10000), { capRate: new Dec('0.02') }).adjustment.toString()).toBe('-200');
        // A lower cap on negative adjustments only: 1.5% × 10,000 = 150, so −150; the positive side keeps 5%.
        const lowerNegative = { capRate: new Dec('0.05'), negativeCapRate: new Dec('0.015') };
        expect(regionalAdjustment(new Dec(12000), new Dec(10000), new Dec('0.15'), new Dec(10000), lowerNegative).adjustment.toString()).toBe('-150');
        expect(regionalAdjustment(new Dec(10000), new Dec(11000), new Dec('0.35'), new Dec(6000), lowerNegative).adjustment.toString()).toBe('300');
        // No negative adjustment (agreements from 2024): −300 becomes 0; +300 stays.
        const noNegative = { capRate: new Dec('0.05'), noNegativeAdjustment: true };
        expect(regionalAdjustment(new Dec(12000), new Dec(10000), new Dec('0.15'), new Dec(10000), noNegative).adjustment.toString()).toBe('0');
        expect(regionalAdjustment(new Dec(10000), new Dec(11000), new Dec('0.35'), new Dec(6000), noNegative).adjustment.toString()).toBe('300');
    });

    it('withPriorSavingsAdjustment: the larger of the regional and the prior savings adjustment', () => {
        // H 1,000; regional −30, prior savings 20: 20 applies, S = 1,020.
        expect(withPriorSavingsAdjustment(new Dec(1000), new Dec(-30), new Dec(20))).toEqual({ source: 'prior savings', adjustment: new Dec(20), adjusted: new Dec(1020) });
        // Regional 50, prior savings 20: 50 applies, S = 1,050.
        expect(withPriorSavingsAdjustment(new Dec(1000), new Dec(50), new Dec(20))).toEqual({ source: 'regional', adjustment: new Dec(50), adjusted: new Dec(1050) });
        // No prior savings adjustment: the regional one, S = 970.
        expect(withPriorSavingsAdjustment(new Dec(1000), new Dec(-30))).toEqual({ source: 'regional', adjustment: new Dec(-30), adjusted: new Dec(970) });
    });

    it('riskRatio: risk(PY)/risk(BY3), at most 1 + 3%, unbounded below', () => {
        // 1.2 / 1.1 = 1.0909… > 1.03: capped at 1.03.
        const up = riskRatio(new Dec('1.2'), new Dec('1.1'), new Dec('0.03'));
        expect(up.uncapped.toSignificantDigits(6).toString()).toBe('1.09091');
        expect(up.cap.toString()).toBe('1.03');
        expect(up.capped.toString()).toBe('1.03');
        // 0.88 / 1.1 = 0.8: no floor.
        expect(riskRatio(new Dec('0.88'), new Dec('1.1'), new Dec('0.03')).capped.toString()).toBe('0.8');
    });

    it('updatedBenchmark: S × risk ratio × update factor', () => {
        // 1,000 × 1.03 = 1,030; × 1.05 = 1,081.5
        const u = updatedBenchmark(new Dec(1000), new Dec('1.03'), new Dec('1.05'));
        expect(u.riskAdjusted.toString()).toBe('1030');
        expect(u.updated.toString()).toBe('1081.5');
    });

    it('weightedBenchmark: Σ U × proportion, × person years (= Σ U × person years by type)', () => {
        // Person years 50, 950, 500, 3,500: total 5,000; proportions 0.01, 0.19, 0.1, 0.7.
        const { total, proportions } = proportionsFromPersonYears({ esrd: new Dec(50), disabled: new Dec(950), agedDual: new Dec(500), agedNonDual: new Dec(3500) });
        expect(total.toString()).toBe('5000');
        expect([proportions.esrd, proportions.disabled, proportions.agedDual, proportions.agedNonDual].map(String)).toEqual(['0.01', '0.19', '0.1', '0.7']);
        // U = 80,000, 12,000, 20,000, 11,000: 800 + 2,280 + 2,000 + 7,700 = 12,780 per capita;
        // × 5,000 = 63,900,000 = 80,000 × 50 + 12,000 × 950 + 20,000 × 500 + 11,000 × 3,500.
        const b = weightedBenchmark({ esrd: new Dec(80000), disabled: new Dec(12000), agedDual: new Dec(20000), agedNonDual: new Dec(11000) }, proportions, total);
        expect(b.perCapita.toString()).toBe('12780');
        expect(b.total.toString()).toBe('63900000');
        // Proportions must sum to 1.
        expect(() => weightedBenchmark({ esrd: ZERO, disabled: ZERO, agedDual: ZERO, agedNonDual: ZERO }, { ...proportions, esrd: new Dec('0.02') }, total)).toThrow(/sum to 1.01/);
    });

    it('buildMsspBenchmark: all steps on a one-type-at-a-time hand case', () => {
        // Every type alike: cost 1,000 in each BY, risk 1 throughout (PY 1.1, capped at 1.03),
        // national and regional flat (all trends 1; update: national 100 → 110, regional 100 → 105,
        // w_PY 0.2 → 0.2 × 1.1 + 0.8 × 1.05 = 1.06), regional 1,100 (difference +100 > 0: weight 35%,
        // +35; cap 5% × 100 = 5, so +5): S = 1,005; U = 1,005 × 1.03 × 1.06 = 1,097.259;
        // benchmark over 1,000 person years = 1,097,259.
        const type = {
            perCapitaExpenditures: { by1: new Dec(1000), by2: new Dec(1000), by3: new Dec(1000) },
            riskScores: { by1: new Dec(1), by2: new Dec(1), by3: new Dec(1), py: new Dec('1.1') },
            nationalPerCapitaExpenditures: { by1: new Dec(100), by2: new Dec(100), by3: new Dec(100), py: new Dec(110) },
            regionalExpenditures: { by1: new Dec(1100), by2: new Dec(1100), by3: new Dec(1100), py: new Dec(1155) },
            nationalWeights: { by1: new Dec('0.2'), by2: new Dec('0.2'), by3: new Dec('0.2'), py: new Dec('0.2') },
            baseYearProportion: new Dec('0.25'),
            performanceYearProportion: new Dec('0.25')
        };
        const result = buildMsspBenchmark({
            types: { esrd: type, disabled: type, agedDual: type, agedNonDual: type },
            benchmarkYearWeights: FIRST_AGREEMENT_WEIGHTS,
            regionalAdjustment: { higherSpendingWeight: new Dec('0.15'), lowerSpendingWeight: new Dec('0.35'), capRate: new Dec('0.05') },
            riskRatioCapRate: new Dec('0.03'),
            performanceYearPersonYears: new Dec(1000)
        });
        const esrd = result.types.esrd;
        expect(esrd.historicalBenchmark.toString()).toBe('1000');
        expect(esrd.regionalAdjustmentBeforeCap.toString()).toBe('35');
        expect(esrd.regionalAdjustment.toString()).toBe('5');
        expect(esrd.adjustedHistoricalBenchmark.toString()).toBe('1005');
        expect(esrd.riskRatio.toString()).toBe('1.03');
        expect(esrd.updateFactor.toString()).toBe('1.06');
        expect(esrd.updatedBenchmark.toString()).toBe('1097.259');
        expect(result.spending).toBe('lower');
        expect(result.updatedBenchmarkPerCapita.toString()).toBe('1097.259');
        expect(result.benchmark.toString()).toBe('1097259');
    });
});
