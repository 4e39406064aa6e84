/**
 * The benchmark built from its parts: CMS's method for the Medicare Shared Savings Program
 * (SETTLEMENT.md, "Building the benchmark (the MSSP method)"; Shared Savings and Losses
 * Methodology Specifications). Each step is one small function, and `buildMsspBenchmark` runs them
 * all per Medicare enrollment type (ESRD, disabled, aged/dual, aged/non-dual) and keeps every
 * intermediate, so a waterfall can print each line beside the report row it reproduces.
 *
 * The names of inputs and results follow CMS's financial reconciliation report (Tables 1–3 and
 * appendix tables A1 and A3; the row letters are in the doc comments). Checked against the whole
 * report of ACO A1540 for PY2022 (test/settlement/benchmark-build.test.ts): from the report's
 * inputs alone, every intermediate agrees with the report's figure to 2e-14 relative (the
 * workbook stores 15 significant digits; the regional differences, Table 1 [L], [O] and [Q],
 * to 5e-13, since they subtract figures ~100 times larger), down to the benchmark of
 * $98,947,416.93 and, through SETTLEMENT.md step 7, the payment of $2,883,145.53.
 *
 * What CMS does that SETTLEMENT.md's summary leaves implicit (all confirmed by that report):
 * - No intermediate is rounded and no risk score truncated: CMS computes in full precision ("all
 *   calculations and formulas use additional precision"); only the payment is rounded, to cents,
 *   by the settlement (SETTLEMENT.md step 9), not here.
 * - Risk scores are the renormalized CMS-HCC scores: each year's raw score divided by that year's
 *   national mean for the enrollment type (Table A2). The report gives them renormalized; no
 *   further normalization or coding-intensity factor enters the PY2022 benchmark.
 * - The trend to BY3 blends a national and a regional factor with a national weight (the ACO's
 *   share of its region's assignable person years, BY3 share for all three BY columns); the
 *   update factor is the same blend from BY3 to the performance year, with the PY share
 *   (Table A3 [G]).
 * - "Regional" in the regional adjustment is the ACO's risk-adjusted regional average: the
 *   region's risk-adjusted expenditure per capita × the ACO's own BY3 risk score (Table 1 [K]),
 *   not the regional figure itself.
 * - One regional weight serves all four enrollment types, chosen by the sign of the BY3
 *   person-year-weighted mean difference (regional − historical) (Table 1 [M], [N]): the
 *   "higher spending" weight when it is negative (15% in A1540's first agreement period subject
 *   to regional adjustment), else the "lower spending" weight (35%). SETTLEMENT.md's "35–50%"
 *   names only lower-spending weights.
 * - The cap is per type, symmetric, 5% of the BY3 national assignable per capita expenditure of
 *   that type (Table 1 [P]).
 * - Per capita totals weight the types by person-year proportions: BY3 proportions for the
 *   historical benchmark (Table 1 [I], [S]), PY proportions for the updated benchmark (Table 2
 *   [H]); the benchmark is the PY per capita × PY person years (Table 3 [H]), which is
 *   SETTLEMENT.md's Σ U(t) × person years(t).
 * The prior savings adjustment and the "no negative regional adjustment" rule do not occur in the
 * A1540 report (its agreement began in 2019): they follow SETTLEMENT.md as written.
 *
 * Pure functions of decimals: no binary floats, nothing rounded.
 */
import { Dec, ONE, ZERO } from '../decimal.js';
import { SettlementError } from './errors.js';

/** The four Medicare enrollment types, in the report's order. */
export const ENROLLMENT_TYPES = ['esrd', 'disabled', 'agedDual', 'agedNonDual'] as const;
export type EnrollmentType = (typeof ENROLLMENT_TYPES)[number];
export type PerEnrollmentType<T> = Record<EnrollmentType, T>;

/** The three benchmark years, BY3 the most recent. */
export const BENCHMARK_YEARS = ['by1', 'by2', 'by3'] as const;
export type BenchmarkYear = (typeof BENCHMARK_YEARS)[number];
export type PerBenchmarkYear<T> = Record<BenchmarkYear, T>;
/** The benchmark years and the performance year, as the report's BY1, BY2, BY3 and PY columns. */
export type PerYear<T> = PerBenchmarkYear<T> & { py: T };

/** The weights of BY1–BY3 for a first agreement period (10/30/60%). */
export const FIRST_AGREEMENT_WEIGHTS: PerBenchmarkYear<Dec> = { by1: new Dec('0.1'), by2: new Dec('0.3'), by3: new Dec('0.6') };
/** The weights for a renewing ACO (⅓ each, exactly). */
export const EQUAL_WEIGHTS: PerBenchmarkYear<Dec> = { by1: ONE.dividedBy(3), by2: ONE.dividedBy(3), by3: ONE.dividedBy(3) };

/** The report's inputs for one enrollment type. */
export interface EnrollmentTypeInputs {
    /** Table 1 [B]: the ACO's per capita expenditures, BY1–BY3. */
    perCapitaExpenditures: PerBenchmarkYear<Dec>;
    /** Table 1 [C] and Table 2 [B]: the ACO's renormalized CMS-HCC risk scores, BY1–BY3 and PY. */
    riskScores: PerYear<Dec>;
    /** Table A3 [A]: national assignable FFS per capita expenditures. */
    nationalPerCapitaExpenditures: PerYear<Dec>;
    /** Table A3 [C]: the region's risk-adjusted per capita expenditures (for a risk score of 1). */
    regionalExpenditures: PerYear<Dec>;
    /** Table A3 [E]: the national component weight of each year's blend (CMS: the BY3 share in every BY column). */
    nationalWeights: PerYear<Dec>;
    /** Table 1 [H]: the type's share of BY3 assigned person years. */
    baseYearProportion: Dec;
    /** Table 2 [G]: the type's share of PY assigned person years. */
    performanceYearProportion: Dec;
    /** A prior savings adjustment per capita, where the agreement has one. */
    priorSavingsAdjustment?: Dec;
}

/** How the regional adjustment is weighted and bounded (Parameters; Table 1 [N], [P]). */
export interface RegionalAdjustmentRule {
    /** The weight when the ACO spends more than its region (weighted mean difference < 0). */
    higherSpendingWeight: Dec;
    /** The weight otherwise. */
    lowerSpendingWeight: Dec;
    /** The cap as a share of BY3 national per capita expenditure: 5%. */
    capRate: Dec;
    /** A different cap for negative adjustments, where the agreement's rules set one (default: `capRate`). */
    negativeCapRate?: Dec;
    /** No negative adjustment at all (agreements from 2024, SETTLEMENT.md): a negative one becomes 0. */
    noNegativeAdjustment?: boolean;
}

export interface MsspBenchmarkInputs {
    types: PerEnrollmentType<EnrollmentTypeInputs>;
    /** Parameters: BY1–BY3 weights (`FIRST_AGREEMENT_WEIGHTS` or `EQUAL_WEIGHTS`). */
    benchmarkYearWeights: PerBenchmarkYear<Dec>;
    regionalAdjustment: RegionalAdjustmentRule;
    /** How far the PY risk score may rise over BY3: 3% (the cap of Table A1 [D] is 1 + this). */
    riskRatioCapRate: Dec;
    /** Table 3 [B]: the PY assigned person years. */
    performanceYearPersonYears: Dec;
}

/** Every intermediate for one enrollment type, each named for its report row. */
export interface EnrollmentTypeBenchmark {
    /** Table A3 [B]: nat(BY3) / nat(BYk). */
    nationalTrendFactors: PerBenchmarkYear<Dec>;
    /** Table A3 [D]: reg(BY3) / reg(BYk). */
    regionalTrendFactors: PerBenchmarkYear<Dec>;
    /** Table A3 [F]: 1 − the national weight, BY columns and PY. */
    regionalWeights: PerYear<Dec>;
    /** Table A3 [G] = Table 1 [E]: the blended trend factors to BY3. */
    trendFactors: PerBenchmarkYear<Dec>;
    /** Table 1 [D]: risk(BY3) / risk(BYk). */
    riskRatios: PerBenchmarkYear<Dec>;
    /** Table 1 [F]: cost × risk ratio × trend factor. */
    trendedCosts: PerBenchmarkYear<Dec>;
    /** Table 1 [G], BY columns: each trended cost × its year's weight. */
    weightedTrendedCosts: PerBenchmarkYear<Dec>;
    /** Table 1 [G], Benchmark column: the historical benchmark before regional adjustment, H. */
    historicalBenchmark: Dec;
    /** Table 1 [J]: the region's BY3 risk-adjusted expenditure. */
    regionalExpenditure: Dec;
    /** Table 1 [K]: the ACO's risk-adjusted regional average ([J] × BY3 risk score). */
    regionalAverage: Dec;
    /** Table 1 [L]: regional average − H. */
    regionalDifference: Dec;
    /** Table 1 [O]: weight × difference. */
    regionalAdjustmentBeforeCap: Dec;
    /** Table 1 [P]: cap rate × BY3 national per capita (an absolute value; the positive side). */
    regionalAdjustmentCap: Dec;
    /** The bound on a negative adjustment (equal to the cap unless the rule sets another). */
    negativeRegionalAdjustmentCap: Dec;
    /** Table 1 [Q]: the adjustment after the cap (and the no-negative rule). */
    regionalAdjustment: Dec;
    /** The prior savings adjustment offered, when the inputs have one. */
    priorSavingsAdjustment?: Dec;
    /** Which adjustment the benchmark takes. */
    appliedAdjustmentSource: 'regional' | 'prior savings';
    /** The adjustment applied: the larger of the two. */
    appliedAdjustment: Dec;
    /** Table 1 [R] = Table 2 [A]: H + the applied adjustment, S. */
    adjustedHistoricalBenchmark: Dec;
    /** Table A1 [C]: risk(PY) / risk(BY3). */
    riskRatioUncapped: Dec;
    /** Table A1 [D]: 1 + the cap rate. */
    riskRatioCap: Dec;
    /** Table A1 [E] = Table 2 [C]. */
    riskRatio: Dec;
    /** Table 2 [D]: S × risk ratio. */
    riskAdjustedBenchmark: Dec;
    /** Table A3 [B], PY column: nat(PY) / nat(BY3). */
    nationalUpdateFactor: Dec;
    /** Table A3 [D], PY column: reg(PY) / reg(BY3). */
    regionalUpdateFactor: Dec;
    /** Table A3 [G], PY column = Table 2 [E]. */
    updateFactor: Dec;
    /** Table 2 [F]: the updated benchmark per capita, U. */
    updatedBenchmark: Dec;
}

export interface BuiltBenchmark {
    types: PerEnrollmentType<EnrollmentTypeBenchmark>;
    /** Table 1 [I]: Σ H × BY3 proportion. */
    historicalBenchmarkPerCapita: Dec;
    /** Table 1 [M]: Σ regional difference × BY3 proportion. */
    weightedRegionalDifference: Dec;
    /** Which weight [M] selects. */
    spending: 'higher' | 'lower';
    /** Table 1 [N]. */
    regionalAdjustmentWeight: Dec;
    /** Table 1 [S] = Table 2 [A] total: Σ S × BY3 proportion. */
    adjustedHistoricalBenchmarkPerCapita: Dec;
    /** Table 2 [H] = Table 3 [F]: Σ U × PY proportion. */
    updatedBenchmarkPerCapita: Dec;
    /** Table 3 [B]. */
    personYears: Dec;
    /** Table 3 [H]: the benchmark, updated per capita × person years. */
    benchmark: Dec;
}

/** One year's expenditure over another's: a trend (BY3 over BYk) or an update (PY over BY3). */
export function expenditureRatio(from: Dec, to: Dec): Dec {
    if (from.isZero()) {
        throw new SettlementError('An expenditure trend needs a non-zero base-year expenditure.');
    }
    return to.dividedBy(from);
}

export interface BlendedFactor {
    national: Dec;
    regional: Dec;
    regionalWeight: Dec;
    factor: Dec;
}

/**
 * Step 1, the trend factor to BY3: `T = w × nat(to)/nat(from) + (1 − w) × reg(to)/reg(from)`.
 * CMS blends national and regional growth because an ACO that is much of its region would
 * otherwise be trended by its own spending; w is its share of the region's assignable person
 * years (Table A3 [E]).
 */
export function trendFactor(nationalWeight: Dec, national: { from: Dec; to: Dec }, regional: { from: Dec; to: Dec }): BlendedFactor {
    const nationalFactor = expenditureRatio(national.from, national.to);
    const regionalFactor = expenditureRatio(regional.from, regional.to);
    const regionalWeight = ONE.minus(nationalWeight);
    return {
        national: nationalFactor,
        regional: regionalFactor,
        regionalWeight,
        factor: nationalWeight.times(nationalFactor).plus(regionalWeight.times(regionalFactor))
    };
}

/** The update factor from BY3 to the performance year: the same blend, with the PY national weight (Table A3 [G] PY). */
export function updateFactor(nationalWeight: Dec, national: { by3: Dec; py: Dec }, regional: { by3: Dec; py: Dec }): BlendedFactor {
    return trendFactor(nationalWeight, { from: national.by3, to: national.py }, { from: regional.by3, to: regional.py });
}

/** Table 1 [D]: risk(BY3) / risk(BYk), which restates a base year's cost at BY3's health status. */
export function riskRatioToBy3(riskScore: Dec, by3RiskScore: Dec): Dec {
    if (riskScore.isZero()) {
        throw new SettlementError('A risk ratio needs a non-zero risk score.');
    }
    return by3RiskScore.dividedBy(riskScore);
}

/** Step 2: `F(k) = cost(k) × risk(BY3)/risk(BYk) × T(k)`, a base year's cost in BY3 dollars and BY3 risk. */
export function trendedBaseCost(cost: Dec, riskScore: Dec, by3RiskScore: Dec, trend: Dec): { riskRatio: Dec; trended: Dec } {
    const ratio = riskRatioToBy3(riskScore, by3RiskScore);
    return { riskRatio: ratio, trended: cost.times(ratio).times(trend) };
}

/**
 * Step 3: `H = Σ weight(k) × F(k)`. Recent years weigh more for a first agreement (10/30/60%);
 * a renewing ACO's years weigh ⅓ each. The weights must sum to 1.
 */
export function historicalBenchmark(trended: PerBenchmarkYear<Dec>, weights: PerBenchmarkYear<Dec>): { weighted: PerBenchmarkYear<Dec>; total: Dec } {
    const sum = BENCHMARK_YEARS.reduce((acc, year) => acc.plus(weights[year]), ZERO);
    if (sum.minus(1).abs().greaterThan('1e-12')) {
        throw new SettlementError(`The benchmark-year weights sum to ${sum.toString()}, not 1.`);
    }
    const weighted = perYear((year) => trended[year].times(weights[year]));
    return { weighted, total: BENCHMARK_YEARS.reduce((acc, year) => acc.plus(weighted[year]), ZERO) };
}

/** Table 1 [K]: the region's risk-adjusted expenditure at the ACO's own BY3 risk, what the ACO "should" cost by its region. */
export function regionalAverage(regionalExpenditure: Dec, by3RiskScore: Dec): Dec {
    return regionalExpenditure.times(by3RiskScore);
}

/**
 * Table 1 [N]: one weight for all types, by the sign of the BY3-weighted mean difference
 * (regional − historical): an ACO that spends more than its region ([M] < 0) gets the smaller,
 * higher-spending weight, so a negative adjustment bites less.
 */
export function regionalAdjustmentWeight(weightedDifference: Dec, rule: RegionalAdjustmentRule): { spending: 'higher' | 'lower'; weight: Dec } {
    return weightedDifference.isNegative() && !weightedDifference.isZero()
        ? { spending: 'higher', weight: rule.higherSpendingWeight }
        : { spending: 'lower', weight: rule.lowerSpendingWeight };
}

export interface RegionalAdjustment {
    difference: Dec;
    beforeCap: Dec;
    cap: Dec;
    negativeCap: Dec;
    adjustment: Dec;
}

/**
 * Step 4: `adj = clamp(rw × (regional − H), −cap × national(BY3), +cap × national(BY3))`. The
 * adjustment moves the benchmark part of the way toward the region's cost; the cap keeps it within
 * a few percent of national spending. With `noNegativeAdjustment` a negative result is 0.
 */
export function regionalAdjustment(
    historical: Dec,
    regional: Dec,
    weight: Dec,
    nationalBy3: Dec,
    rule: Pick<RegionalAdjustmentRule, 'capRate' | 'negativeCapRate' | 'noNegativeAdjustment'>
): RegionalAdjustment {
    const difference = regional.minus(historical);
    const beforeCap = difference.times(weight);
    const cap = nationalBy3.times(rule.capRate);
    const negativeCap = nationalBy3.times(rule.negativeCapRate ?? rule.capRate);
    let adjustment = Dec.min(Dec.max(beforeCap, negativeCap.negated()), cap);
    if (rule.noNegativeAdjustment && adjustment.isNegative()) {
        adjustment = ZERO;
    }
    return { difference, beforeCap, cap, negativeCap, adjustment: adjustment.isZero() ? ZERO : adjustment };
}

/**
 * Step 4, second half: a prior savings adjustment, where given, replaces the regional adjustment
 * when it is larger (`S = H + max(adj, psa)`), so that an ACO which saved before is not pulled
 * down by its region.
 */
export function withPriorSavingsAdjustment(historical: Dec, regional: Dec, priorSavings?: Dec): { source: 'regional' | 'prior savings'; adjustment: Dec; adjusted: Dec } {
    const usePrior = priorSavings !== undefined && priorSavings.greaterThan(regional);
    const adjustment = usePrior ? priorSavings : regional;
    return { source: usePrior ? 'prior savings' : 'regional', adjustment, adjusted: historical.plus(adjustment) };
}

/**
 * Step 5: `min(risk(PY)/risk(BY3), 1 + cap)`. The benchmark follows the population's health
 * status, but a rise in coded risk is credited only up to the cap (3%) over the agreement; a
 * fall is not bounded.
 */
export function riskRatio(performanceYearScore: Dec, by3Score: Dec, capRate: Dec): { uncapped: Dec; cap: Dec; capped: Dec } {
    if (by3Score.isZero()) {
        throw new SettlementError('A risk ratio needs a non-zero BY3 risk score.');
    }
    const uncapped = performanceYearScore.dividedBy(by3Score);
    const cap = ONE.plus(capRate);
    return { uncapped, cap, capped: Dec.min(uncapped, cap) };
}

/** Step 6: `U = S × risk ratio × update factor`, the historical benchmark brought to the performance year. */
export function updatedBenchmark(adjusted: Dec, ratio: Dec, update: Dec): { riskAdjusted: Dec; updated: Dec } {
    const riskAdjusted = adjusted.times(ratio);
    return { riskAdjusted, updated: riskAdjusted.times(update) };
}

/** Σ value(t) × proportion(t): a per capita figure over all enrollment types. The proportions must sum to 1 (to 1e-9: the report's are 15-digit). */
export function weightedMean(values: PerEnrollmentType<Dec>, proportions: PerEnrollmentType<Dec>): Dec {
    const sum = ENROLLMENT_TYPES.reduce((acc, type) => acc.plus(proportions[type]), ZERO);
    if (sum.minus(1).abs().greaterThan('1e-9')) {
        throw new SettlementError(`The enrollment-type proportions sum to ${sum.toString()}, not 1.`);
    }
    return ENROLLMENT_TYPES.reduce((acc, type) => acc.plus(values[type].times(proportions[type])), ZERO);
}

/** Proportions and total from person years per type, for inputs that give person years rather than shares. */
export function proportionsFromPersonYears(personYears: PerEnrollmentType<Dec>): { total: Dec; proportions: PerEnrollmentType<Dec> } {
    const total = ENROLLMENT_TYPES.reduce((acc, type) => acc.plus(personYears[type]), ZERO);
    if (!total.greaterThan(0)) {
        throw new SettlementError('Person years must add up to more than zero.');
    }
    return { total, proportions: perType((type) => personYears[type].dividedBy(total)) };
}

/**
 * Step 7: the benchmark, `Σ_t U(t) × person years(t)` = (Σ_t U(t) × proportion(t)) × person
 * years, the form of Table 2 [H] and Table 3 [H].
 */
export function weightedBenchmark(updated: PerEnrollmentType<Dec>, proportions: PerEnrollmentType<Dec>, personYears: Dec): { perCapita: Dec; total: Dec } {
    const perCapita = weightedMean(updated, proportions);
    return { perCapita, total: perCapita.times(personYears) };
}

/** Steps 1–7 for all four enrollment types, every intermediate kept. */
export function buildMsspBenchmark(inputs: MsspBenchmarkInputs): BuiltBenchmark {
    const rule = inputs.regionalAdjustment;
    // Steps 1–3 and the regional average, per type.
    const historical = perType((type) => {
        const t = inputs.types[type];
        const blends = perYear((year) => trendFactor(
            t.nationalWeights[year],
            { from: t.nationalPerCapitaExpenditures[year], to: t.nationalPerCapitaExpenditures.by3 },
            { from: t.regionalExpenditures[year], to: t.regionalExpenditures.by3 }
        ));
        const trended = perYear((year) => trendedBaseCost(t.perCapitaExpenditures[year], t.riskScores[year], t.riskScores.by3, blends[year].factor));
        const benchmark = historicalBenchmark(perYear((year) => trended[year].trended), inputs.benchmarkYearWeights);
        const average = regionalAverage(t.regionalExpenditures.by3, t.riskScores.by3);
        return { blends, trended, benchmark, average };
    });
    const baseProportions = perType((type) => inputs.types[type].baseYearProportion);
    const weightedDifference = weightedMean(perType((type) => historical[type].average.minus(historical[type].benchmark.total)), baseProportions);
    const { spending, weight } = regionalAdjustmentWeight(weightedDifference, rule);

    // Steps 4–6, per type.
    const types = perType((type): EnrollmentTypeBenchmark => {
        const t = inputs.types[type];
        const { blends, trended, benchmark, average } = historical[type];
        const regional = regionalAdjustment(benchmark.total, average, weight, t.nationalPerCapitaExpenditures.by3, rule);
        const applied = withPriorSavingsAdjustment(benchmark.total, regional.adjustment, t.priorSavingsAdjustment);
        const risk = riskRatio(t.riskScores.py, t.riskScores.by3, inputs.riskRatioCapRate);
        const update = updateFactor(t.nationalWeights.py, t.nationalPerCapitaExpenditures, t.regionalExpenditures);
        const updated = updatedBenchmark(applied.adjusted, risk.capped, update.factor);
        return {
            nationalTrendFactors: perYear((year) => blends[year].national),
            regionalTrendFactors: perYear((year) => blends[year].regional),
            regionalWeights: { ...perYear((year) => blends[year].regionalWeight), py: update.regionalWeight },
            trendFactors: perYear((year) => blends[year].factor),
            riskRatios: perYear((year) => trended[year].riskRatio),
            trendedCosts: perYear((year) => trended[year].trended),
            weightedTrendedCosts: benchmark.weighted,
            historicalBenchmark: benchmark.total,
            regionalExpenditure: t.regionalExpenditures.by3,
            regionalAverage: average,
            regionalDifference: regional.difference,
            regionalAdjustmentBeforeCap: regional.beforeCap,
            regionalAdjustmentCap: regional.cap,
            negativeRegionalAdjustmentCap: regional.negativeCap,
            regionalAdjustment: regional.adjustment,
            ...(t.priorSavingsAdjustment !== undefined ? { priorSavingsAdjustment: t.priorSavingsAdjustment } : {}),
            appliedAdjustmentSource: applied.source,
            appliedAdjustment: applied.adjustment,
            adjustedHistoricalBenchmark: applied.adjusted,
            riskRatioUncapped: risk.uncapped,
            riskRatioCap: risk.cap,
            riskRatio: risk.capped,
            riskAdjustedBenchmark: updated.riskAdjusted,
            nationalUpdateFactor: update.national,
            regionalUpdateFactor: update.regional,
            updateFactor: update.factor,
            updatedBenchmark: updated.updated
        };
    });

    // Step 7 and the per capita totals.
    const performanceProportions = perType((type) => inputs.types[type].performanceYearProportion);
    const total = weightedBenchmark(perType((type) => types[type].updatedBenchmark), performanceProportions, inputs.performanceYearPersonYears);
    return {
        types,
        historicalBenchmarkPerCapita: weightedMean(perType((type) => types[type].historicalBenchmark), baseProportions),
        weightedRegionalDifference: weightedDifference,
        spending,
        regionalAdjustmentWeight: weight,
        adjustedHistoricalBenchmarkPerCapita: weightedMean(perType((type) => types[type].adjustedHistoricalBenchmark), baseProportions),
        updatedBenchmarkPerCapita: total.perCapita,
        personYears: inputs.performanceYearPersonYears,
        benchmark: total.total
    };
}

function perType<T>(make: (type: EnrollmentType) => T): PerEnrollmentType<T> {
    return { esrd: make('esrd'), disabled: make('disabled'), agedDual: make('agedDual'), agedNonDual: make('agedNonDual') };
}

function perYear<T>(make: (year: BenchmarkYear) => T): PerBenchmarkYear<T> {
    return { by1: make('by1'), by2: make('by2'), by3: make('by3') };
}
