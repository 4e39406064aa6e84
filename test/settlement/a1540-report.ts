/**
 * CMS's financial reconciliation report for ACO A1540, PY2022 (test/data/a1540-py2022.json,
 * converted from the .xlsx beside it by scripts/convert-a1540.mjs), its inputs as the benchmark
 * builder takes them, and the comparison of a built benchmark with every intermediate of its
 * Tables 1, 2, A1 and A3. Shared by the builder's own test and the test of the example contract.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Dec, ZERO } from '../../language/decimal.js';
import {
    BENCHMARK_YEARS,
    ENROLLMENT_TYPES,
    type BuiltBenchmark,
    type EnrollmentType,
    type MsspBenchmarkInputs,
    type PerBenchmarkYear,
    type PerEnrollmentType
} from '../../language/settlement/benchmark-build.js';

// ---------------------------------------------------------------------------------------------
// The report, as scripts/convert-a1540.mjs writes it (only the parts read here are typed).

export type Figure = string;
export type ByType<T> = PerEnrollmentType<T>;
export type ByYear = PerBenchmarkYear<Figure>;
export type ByYearPy = ByYear & { py: Figure };

export interface A1540Report {
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

export const report = JSON.parse(readFileSync(fileURLToPath(new URL('../data/a1540-py2022.json', import.meta.url)), 'utf-8')) as A1540Report;
export const { table1: t1, table2: t2, table3: t3, tableA1: a1, tableA3: a3 } = report;

/** The program's parameters (SETTLEMENT.md), not figures of the report. */
export const REGIONAL_CAP_RATE = new Dec('0.05');
export const RISK_RATIO_CAP_RATE = new Dec('0.03');
export const BASIC_SAVINGS_CAP_RATE = new Dec('0.1');
export const SEQUESTRATION_RATE = new Dec('0.02');

/** "1/3" or a decimal, as the report's Parameters write a weight. */
export function parseWeight(text: string): Dec {
    const fraction = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
    return fraction ? new Dec(fraction[1]).dividedBy(fraction[2]) : new Dec(text.replace('%', '')).dividedBy(text.includes('%') ? 100 : 1);
}

export function perType<T>(make: (type: EnrollmentType) => T): PerEnrollmentType<T> {
    return { esrd: make('esrd'), disabled: make('disabled'), agedDual: make('agedDual'), agedNonDual: make('agedNonDual') };
}

export function years(figures: ByYear): PerBenchmarkYear<Dec> {
    return { by1: new Dec(figures.by1), by2: new Dec(figures.by2), by3: new Dec(figures.by3) };
}

export function yearsPy(figures: ByYearPy): PerBenchmarkYear<Dec> & { py: Dec } {
    return { ...years(figures), py: new Dec(figures.py) };
}

/** The report's inputs, and nothing else: no intermediate of the report enters the build. */
export function reportInputs(): MsspBenchmarkInputs {
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
export const RELATIVE_TOLERANCE = new Dec('1e-12');

export interface Comparison {
    row: string;
    built: Dec;
    reported: Figure;
}

/** |built − reported| / |reported| (or the absolute difference when the report shows 0). */
export function relativeError({ built, reported }: Comparison): Dec {
    const expected = new Dec(reported);
    const difference = built.minus(expected).abs();
    return expected.isZero() ? difference : difference.dividedBy(expected.abs());
}

export function failures(comparisons: Comparison[]): string[] {
    return comparisons
        .filter((comparison) => relativeError(comparison).greaterThan(RELATIVE_TOLERANCE))
        .map((comparison) => `${comparison.row}: built ${comparison.built.toSignificantDigits(20).toString()}, report ${comparison.reported} (relative error ${relativeError(comparison).toSignificantDigits(3).toString()})`);
}

export function worst(comparisons: Comparison[]): Dec {
    return comparisons.reduce((max, comparison) => Dec.max(max, relativeError(comparison)), ZERO);
}

/** Every per-type and total row of Tables 1, 2, A1 and A3, built vs reported. */
export function benchmarkComparisons(built: BuiltBenchmark): Comparison[] {
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

export function cents(amount: Dec): string {
    return amount.toDecimalPlaces(2, Dec.ROUND_HALF_UP).toFixed(2);
}

