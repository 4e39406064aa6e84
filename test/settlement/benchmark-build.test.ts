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
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Dec, ZERO } from '../../language/decimal.js';
import {
    BENCHMARK_YEARS,
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
    type BuiltBenchmark,
    type EnrollmentType,
    type MsspBenchmarkInputs,
    type PerBenchmarkYear,
    type PerEnrollmentType,
    type RegionalAdjustmentRule
} from '../../language/settlement/benchmark-build.js';

// ---------------------------------------------------------------------------------------------
// The report, as scripts/convert-a1540.mjs writes it (only the parts read here are typed).

type Figure = string;
type ByType<T> = PerEnrollmentType<T>;
type ByYear = PerBenchmarkYear<Figure>;
type ByYearPy = ByYear & { py: Figure };

interface A1540Report {
    parameters: {
        benchmarkYearWeights: ByYear;
        regionalAdjustmentWeights: { higherSpending: Figure; lowerSpending: Figure };
    };
    table1: {
        perCapitaExpenditures: ByType<ByYear>;
        riskScores: ByType<ByYear>;
        riskRatios: ByType<ByYear>;
        blendedTrendFactors: ByType<ByYear>;
        trendedPerCapitaExpenditures: ByType<ByYear>;
        weightedTrendedExpenditures: ByType<ByYear>;
        historicalBenchmarkExpenditures: ByType<Figure>;
        assignedBeneficiaryProportions: ByType<Figure>;
        historicalBenchmarkBeforeRegionalAdjustment: Figure;
        riskAdjustedRegionalExpenditures: ByType<Figure>;
        regionalAverageExpenditures: ByType<Figure>;
        regionalDifference: ByType<Figure>;
        weightedAverageRegionalDifference: Figure;
        regionalAdjustmentWeight: Figure;
        regionalAdjustmentBeforeCap: ByType<Figure>;
        regionalAdjustmentCap: ByType<Figure>;
        regionalAdjustmentAfterCap: ByType<Figure>;
        regionallyAdjustedHistoricalBenchmarkExpenditures: ByType<Figure>;
        regionallyAdjustedHistoricalBenchmark: Figure;
    };
    tableA3: {
        nationalPerCapitaExpenditures: ByType<ByYearPy>;
        nationalTrendAndUpdateFactors: ByType<ByYearPy>;
        riskAdjustedRegionalExpenditures: ByType<ByYearPy>;
        regionalTrendAndUpdateFactors: ByType<ByYearPy>;
        nationalComponentWeights: ByType<ByYearPy>;
        regionalComponentWeights: ByType<ByYearPy>;
        blendedTrendAndUpdateFactors: ByType<ByYearPy>;
    };
    table2: {
        regionallyAdjustedHistoricalBenchmarkExpenditures: ByType<Figure>;
        regionallyAdjustedHistoricalBenchmark: Figure;
        riskScores: ByType<{ by3: Figure; py: Figure }>;
        riskRatiosCapped: ByType<Figure>;
        riskAdjustedHistoricalBenchmark: ByType<Figure>;
        updateFactors: ByType<Figure>;
        updatedBenchmarkExpenditures: ByType<Figure>;
        assignedBeneficiaryProportions: ByType<Figure>;
        updatedBenchmark: Figure;
    };
    table3: {
        assignedBeneficiaries: Figure;
        personYears: Figure;
        perCapitaExpendituresByType: ByType<Figure>;
        assignedBeneficiaryProportions: ByType<Figure>;
        perCapitaExpenditures: Figure;
        perCapitaBenchmarkExpenditures: Figure;
        totalExpenditures: Figure;
        totalBenchmarkExpenditures: Figure;
        benchmarkMinusExpenditures: Figure;
        totalSavings: Figure;
        totalLosses: Figure;
        minimumSavingsRate: Figure;
        minimumSavingsAmount: Figure;
        savingsOrLossesRealized: string;
        maximumSharingRate: Figure;
        metQualityPerformanceStandard: boolean;
        finalSharingRate: Figure;
        sharedSavings: Figure;
        sharedSavingsCap: Figure;
        sequestrationAdjustment: Figure;
        earnedPerformancePayment: Figure;
    };
    tableA1: {
        by3RiskScores: ByType<Figure>;
        pyRiskScores: ByType<Figure>;
        uncappedRiskRatios: ByType<Figure>;
        riskRatioCaps: ByType<Figure>;
        finalRiskRatios: ByType<Figure>;
    };
    tableA4: { bands: { low: string; high: string; msrLow: string; msrHigh: string }[] };
}

const report = JSON.parse(readFileSync(fileURLToPath(new URL('../data/a1540-py2022.json', import.meta.url)), 'utf-8')) as A1540Report;
const { table1: t1, table2: t2, table3: t3, tableA1: a1, tableA3: a3 } = report;

/** The program's parameters (SETTLEMENT.md), not figures of the report. */
const REGIONAL_CAP_RATE = new Dec('0.05');
const RISK_RATIO_CAP_RATE = new Dec('0.03');
const BASIC_SAVINGS_CAP_RATE = new Dec('0.1');
const SEQUESTRATION_RATE = new Dec('0.02');

/** "1/3" or a decimal, as the report's Parameters write a weight. */
function parseWeight(text: string): Dec {
    const fraction = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
    return fraction ? new Dec(fraction[1]).dividedBy(fraction[2]) : new Dec(text.replace('%', '')).dividedBy(text.includes('%') ? 100 : 1);
}

function perType<T>(make: (type: EnrollmentType) => T): PerEnrollmentType<T> {
    return { esrd: make('esrd'), disabled: make('disabled'), agedDual: make('agedDual'), agedNonDual: make('agedNonDual') };
}

function years(figures: ByYear): PerBenchmarkYear<Dec> {
    return { by1: new Dec(figures.by1), by2: new Dec(figures.by2), by3: new Dec(figures.by3) };
}

function yearsPy(figures: ByYearPy): PerBenchmarkYear<Dec> & { py: Dec } {
    return { ...years(figures), py: new Dec(figures.py) };
}

/** The report's inputs, and nothing else: no intermediate of the report enters the build. */
function reportInputs(): MsspBenchmarkInputs {
    return {
        types: perType((type) => ({
            perCapitaExpenditures: years(t1.perCapitaExpenditures[type]),                       // Table 1 [B]
            riskScores: { ...years(t1.riskScores[type]), py: new Dec(t2.riskScores[type].py) }, // Table 1 [C], Table 2 [B] PY
            nationalPerCapitaExpenditures: yearsPy(a3.nationalPerCapitaExpenditures[type]),     // Table A3 [A]
            regionalExpenditures: yearsPy(a3.riskAdjustedRegionalExpenditures[type]),           // Table A3 [C]
            nationalWeights: yearsPy(a3.nationalComponentWeights[type]),                        // Table A3 [E]
            baseYearProportion: new Dec(t1.assignedBeneficiaryProportions[type]),               // Table 1 [H]
            performanceYearProportion: new Dec(t2.assignedBeneficiaryProportions[type])         // Table 2 [G]
        })),
        benchmarkYearWeights: {                                                                 // Parameters
            by1: parseWeight(report.parameters.benchmarkYearWeights.by1),
            by2: parseWeight(report.parameters.benchmarkYearWeights.by2),
            by3: parseWeight(report.parameters.benchmarkYearWeights.by3)
        },
        regionalAdjustment: {                                                                   // Parameters
            higherSpendingWeight: new Dec(report.parameters.regionalAdjustmentWeights.higherSpending),
            lowerSpendingWeight: new Dec(report.parameters.regionalAdjustmentWeights.lowerSpending),
            capRate: REGIONAL_CAP_RATE
        },
        riskRatioCapRate: RISK_RATIO_CAP_RATE,
        performanceYearPersonYears: new Dec(t3.personYears)                                     // Table 3 [B]
    };
}

// ---------------------------------------------------------------------------------------------
// Comparing figures.

/** How close a built figure must be to the report's: the workbook keeps 15 significant digits. */
const RELATIVE_TOLERANCE = new Dec('1e-12');

interface Comparison {
    row: string;
    built: Dec;
    reported: Figure;
}

/** |built − reported| / |reported| (or the absolute difference when the report shows 0). */
function relativeError({ built, reported }: Comparison): Dec {
    const expected = new Dec(reported);
    const difference = built.minus(expected).abs();
    return expected.isZero() ? difference : difference.dividedBy(expected.abs());
}

function failures(comparisons: Comparison[]): string[] {
    return comparisons
        .filter((comparison) => relativeError(comparison).greaterThan(RELATIVE_TOLERANCE))
        .map((comparison) => `${comparison.row}: built ${comparison.built.toSignificantDigits(20).toString()}, report ${comparison.reported} (relative error ${relativeError(comparison).toSignificantDigits(3).toString()})`);
}

function worst(comparisons: Comparison[]): Dec {
    return comparisons.reduce((max, comparison) => Dec.max(max, relativeError(comparison)), ZERO);
}

/** Every per-type and total row of Tables 1, 2, A1 and A3, built vs reported. */
function benchmarkComparisons(built: BuiltBenchmark): Comparison[] {
    const rows: Comparison[] = [];
    const add = (row: string, value: Dec, reported: Figure) => rows.push({ row, built: value, reported });
    for (const type of ENROLLMENT_TYPES) {
        const b = built.types[type];
        for (const year of BENCHMARK_YEARS) {
            add(`A3 [B] ${type} ${year}`, b.nationalTrendFactors[year], a3.nationalTrendAndUpdateFactors[type][year]);
            add(`A3 [D] ${type} ${year}`, b.regionalTrendFactors[year], a3.regionalTrendAndUpdateFactors[type][year]);
            add(`A3 [F] ${type} ${year}`, b.regionalWeights[year], a3.regionalComponentWeights[type][year]);
            add(`A3 [G] ${type} ${year}`, b.trendFactors[year], a3.blendedTrendAndUpdateFactors[type][year]);
            add(`T1 [D] ${type} ${year}`, b.riskRatios[year], t1.riskRatios[type][year]);
            add(`T1 [E] ${type} ${year}`, b.trendFactors[year], t1.blendedTrendFactors[type][year]);
            add(`T1 [F] ${type} ${year}`, b.trendedCosts[year], t1.trendedPerCapitaExpenditures[type][year]);
            add(`T1 [G] ${type} ${year}`, b.weightedTrendedCosts[year], t1.weightedTrendedExpenditures[type][year]);
        }
        add(`A3 [B] ${type} py`, b.nationalUpdateFactor, a3.nationalTrendAndUpdateFactors[type].py);
        add(`A3 [D] ${type} py`, b.regionalUpdateFactor, a3.regionalTrendAndUpdateFactors[type].py);
        add(`A3 [F] ${type} py`, b.regionalWeights.py, a3.regionalComponentWeights[type].py);
        add(`A3 [G] ${type} py`, b.updateFactor, a3.blendedTrendAndUpdateFactors[type].py);
        add(`T1 [G] ${type} benchmark`, b.historicalBenchmark, t1.historicalBenchmarkExpenditures[type]);
        add(`T1 [J] ${type}`, b.regionalExpenditure, t1.riskAdjustedRegionalExpenditures[type]);
        add(`T1 [K] ${type}`, b.regionalAverage, t1.regionalAverageExpenditures[type]);
        add(`T1 [L] ${type}`, b.regionalDifference, t1.regionalDifference[type]);
        add(`T1 [O] ${type}`, b.regionalAdjustmentBeforeCap, t1.regionalAdjustmentBeforeCap[type]);
        add(`T1 [P] ${type}`, b.regionalAdjustmentCap, t1.regionalAdjustmentCap[type]);
        add(`T1 [Q] ${type}`, b.regionalAdjustment, t1.regionalAdjustmentAfterCap[type]);
        add(`T1 [R] ${type}`, b.adjustedHistoricalBenchmark, t1.regionallyAdjustedHistoricalBenchmarkExpenditures[type]);
        add(`T2 [A] ${type}`, b.adjustedHistoricalBenchmark, t2.regionallyAdjustedHistoricalBenchmarkExpenditures[type]);
        add(`A1 [C] ${type}`, b.riskRatioUncapped, a1.uncappedRiskRatios[type]);
        add(`A1 [D] ${type}`, b.riskRatioCap, a1.riskRatioCaps[type]);
        add(`A1 [E] ${type}`, b.riskRatio, a1.finalRiskRatios[type]);
        add(`T2 [C] ${type}`, b.riskRatio, t2.riskRatiosCapped[type]);
        add(`T2 [D] ${type}`, b.riskAdjustedBenchmark, t2.riskAdjustedHistoricalBenchmark[type]);
        add(`T2 [E] ${type}`, b.updateFactor, t2.updateFactors[type]);
        add(`T2 [F] ${type}`, b.updatedBenchmark, t2.updatedBenchmarkExpenditures[type]);
    }
    add('T1 [I]', built.historicalBenchmarkPerCapita, t1.historicalBenchmarkBeforeRegionalAdjustment);
    add('T1 [M]', built.weightedRegionalDifference, t1.weightedAverageRegionalDifference);
    add('T1 [N]', built.regionalAdjustmentWeight, t1.regionalAdjustmentWeight);
    add('T1 [S]', built.adjustedHistoricalBenchmarkPerCapita, t1.regionallyAdjustedHistoricalBenchmark);
    add('T2 [A] total', built.adjustedHistoricalBenchmarkPerCapita, t2.regionallyAdjustedHistoricalBenchmark);
    add('T2 [H]', built.updatedBenchmarkPerCapita, t2.updatedBenchmark);
    add('T3 [F]', built.updatedBenchmarkPerCapita, t3.perCapitaBenchmarkExpenditures);
    add('T3 [H]', built.benchmark, t3.totalBenchmarkExpenditures);
    return rows;
}

function cents(amount: Dec): string {
    return amount.toDecimalPlaces(2, Dec.ROUND_HALF_UP).toFixed(2);
}

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
