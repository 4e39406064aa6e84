/**
 * Step 1 for a benchmark built from its parts (the `benchmark { … }` section): the MSSP method of
 * benchmark-build.ts, or a commercial budget (base cost × trend × risk ratio × member months),
 * each step a waterfall line with its figure and its clause. Also the expenditure given per
 * enrollment type, weighted by the same performance-year shares and person years.
 */
import { Dec, ONE } from '../decimal.js';
import type { BuiltBenchmarkTerms, ContractModel } from '../model/contract-model.js';
import {
    ENROLLMENT_TYPES, buildMsspBenchmark, riskRatio, weightedBenchmark, type BuiltBenchmark, type EnrollmentType, type PerEnrollmentType
} from './benchmark-build.js';
import { SettlementError } from './errors.js';
import { countText, moneyText, percentText } from './explain.js';
import { addStep, type Steps } from './waterfall.js';

type MsspTerms = Extract<BuiltBenchmarkTerms, { kind: 'mssp' }>;
type CommercialTerms = Extract<BuiltBenchmarkTerms, { kind: 'commercial' }>;

/** How the report names each enrollment type. */
export const ENROLLMENT_TYPE_NAMES: Readonly<Record<EnrollmentType, string>> = {
    esrd: 'ESRD',
    disabled: 'disabled',
    agedDual: 'aged/dual',
    agedNonDual: 'aged/non-dual'
};

/** The build is pure and its inputs immutable: each contract model builds its benchmark once. */
const builtCache = new WeakMap<MsspTerms, BuiltBenchmark>();

export function msspBuild(terms: MsspTerms): BuiltBenchmark {
    let built = builtCache.get(terms);
    if (!built) {
        built = buildMsspBenchmark(terms.inputs);
        builtCache.set(terms, built);
    }
    return built;
}

/** A ratio or factor for explanations: `1.0392319`. */
function factorText(value: Dec): string {
    return value.toDecimalPlaces(7).toString();
}

/** B0 from the MSSP method, with one waterfall line per enrollment type and step. */
function msspBenchmark(model: ContractModel, terms: MsspTerms, steps: Steps): Dec {
    const built = msspBuild(terms);
    const money = (amount: Dec) => moneyText(amount, model.currency);
    const { inputs } = terms;
    const weights = inputs.benchmarkYearWeights;
    const weightText = weights.by1.equals(weights.by2) && weights.by2.equals(weights.by3)
        ? '⅓ each'
        : `${percentText(weights.by1)}, ${percentText(weights.by2)} and ${percentText(weights.by3)}`;
    for (const type of ENROLLMENT_TYPES) {
        const name = ENROLLMENT_TYPE_NAMES[type];
        const t = built.types[type];
        const line = terms.typeLines[type];
        const costs = inputs.types[type].perCapitaExpenditures;
        addStep(
            steps,
            'historical benchmark',
            () => `Historical benchmark for ${name}: base-year costs ${money(costs.by1)}, ${money(costs.by2)} and ${money(costs.by3)}, trended to base year 3 (× ${factorText(t.trendFactors.by1)}, ${factorText(t.trendFactors.by2)}, 1) and risk-adjusted (× ${factorText(t.riskRatios.by1)}, ${factorText(t.riskRatios.by2)}, 1), weighted ${weightText} = ${money(t.historicalBenchmark)}.`,
            line ?? terms.weightsLine,
            { amount: t.historicalBenchmark }
        );
        const capped = !t.regionalAdjustmentBeforeCap.equals(t.regionalAdjustment);
        const capText = capped
            ? `limited to the ${percentText(inputs.regionalAdjustment.capRate)} cap of ${money(t.regionalAdjustment.abs())}`
            : `within the ${percentText(inputs.regionalAdjustment.capRate)} cap of ${money(t.regionalAdjustmentCap)}`;
        const source = t.appliedAdjustmentSource === 'prior savings'
            ? `; the prior savings adjustment of ${money(t.appliedAdjustment)} is larger and applies instead`
            : '';
        addStep(
            steps,
            'regional adjustment',
            () => `Regional adjustment for ${name}: ${percentText(built.regionalAdjustmentWeight)} × (${money(t.regionalAverage)} − ${money(t.historicalBenchmark)}) = ${money(t.regionalAdjustmentBeforeCap)}, ${capText}${source}: ${money(t.adjustedHistoricalBenchmark)}.`,
            terms.regionalLine ?? line,
            { amount: t.adjustedHistoricalBenchmark, rate: built.regionalAdjustmentWeight }
        );
        const riskCapped = t.riskRatioUncapped.greaterThan(t.riskRatio);
        addStep(
            steps,
            'updated benchmark',
            () => `Updated benchmark for ${name}: ${money(t.adjustedHistoricalBenchmark)} × risk ratio ${factorText(t.riskRatio)}${riskCapped ? ` (${factorText(t.riskRatioUncapped)} capped at ${percentText(inputs.riskRatioCapRate)} above 1)` : ''} × update factor ${factorText(t.updateFactor)} = ${money(t.updatedBenchmark)} per capita.`,
            line ?? terms.riskCapLine,
            { amount: t.updatedBenchmark, rate: t.riskRatio }
        );
    }
    addStep(
        steps,
        'benchmark',
        () => `Benchmark ${money(built.updatedBenchmarkPerCapita)} per capita (the enrollment types weighted by their performance-year shares) × ${countText(built.personYears)} person years = ${money(built.benchmark)}.`,
        terms.personYearsLine ?? terms.line,
        { amount: built.benchmark }
    );
    return built.benchmark;
}

/** B0 of a commercial budget: base cost × (1 + trend)^years × min(score / base, 1 + cap) × MM. */
function commercialBenchmark(model: ContractModel, terms: CommercialTerms, memberMonths: Dec | undefined, steps: Steps): Dec {
    if (!memberMonths) {
        throw new SettlementError('A budget built from a base cost per member per month needs assigned beneficiaries or member months.', terms.line);
    }
    const money = (amount: Dec) => moneyText(amount, model.currency);
    let perMember = terms.baseCost;
    const trend = terms.trend;
    if (trend) {
        const trended = perMember.times(ONE.plus(trend.rate).pow(trend.years));
        const from = perMember;
        addStep(
            steps,
            'budget trend',
            () => `Base cost ${money(from)} per member per month trended ${percentText(trend.rate)} a year for ${trend.years} year${trend.years === 1 ? '' : 's'} = ${money(trended)}.`,
            trend.line,
            { amount: trended, rate: trend.rate }
        );
        perMember = trended;
    }
    const risk = terms.risk;
    if (risk) {
        const ratio = risk.cap === undefined ? { uncapped: risk.score.dividedBy(risk.base), capped: risk.score.dividedBy(risk.base) } : riskRatio(risk.score, risk.base, risk.cap);
        const adjusted = perMember.times(ratio.capped);
        const from = perMember;
        const capText = risk.cap !== undefined && ratio.uncapped.greaterThan(ratio.capped) ? `, capped at ${percentText(risk.cap)} above 1` : '';
        addStep(
            steps,
            'risk adjustment',
            () => `Risk score ${risk.score.toString()} against ${risk.base.toString()}: ratio ${factorText(ratio.capped)}${capText}; ${money(from)} × ${factorText(ratio.capped)} = ${money(adjusted)} per member per month.`,
            risk.line,
            { amount: adjusted, rate: ratio.capped }
        );
        perMember = adjusted;
    }
    const total = perMember.times(memberMonths);
    addStep(
        steps,
        'benchmark',
        () => `Budget ${money(perMember)} per member per month × ${countText(memberMonths)} member months = ${money(total)}.`,
        terms.line,
        { amount: total }
    );
    return total;
}

/** B0 from the `benchmark { … }` section. */
export function builtBenchmark(model: ContractModel, terms: BuiltBenchmarkTerms, memberMonths: Dec | undefined, steps: Steps): Dec {
    return terms.kind === 'mssp' ? msspBenchmark(model, terms, steps) : commercialBenchmark(model, terms, memberMonths, steps);
}

/**
 * E from per capita expenditure by enrollment type, weighted like the benchmark: Σ share(t) ×
 * x(t), times the performance-year person years. Needs the MSSP built benchmark's shares.
 */
export function expenditureByType(model: ContractModel, amounts: Partial<Record<EnrollmentType, Dec>>, line: number): { total: Dec; perCapita: Dec; personYears: Dec } {
    const built = model.population.builtBenchmark;
    if (built?.kind !== 'mssp') {
        throw new SettlementError('Expenditure by enrollment type needs the benchmark built by enrollment type (a `benchmark { enrollment type … }` section).', line);
    }
    const missing = ENROLLMENT_TYPES.filter((type) => amounts[type] === undefined);
    if (missing.length > 0) {
        throw new SettlementError(`Expenditure by enrollment type needs every type; missing: ${missing.map((type) => ENROLLMENT_TYPE_NAMES[type]).join(', ')}.`, line);
    }
    const values = amounts as PerEnrollmentType<Dec>;
    const shares: PerEnrollmentType<Dec> = {
        esrd: built.inputs.types.esrd.performanceYearProportion,
        disabled: built.inputs.types.disabled.performanceYearProportion,
        agedDual: built.inputs.types.agedDual.performanceYearProportion,
        agedNonDual: built.inputs.types.agedNonDual.performanceYearProportion
    };
    const personYears = built.inputs.performanceYearPersonYears;
    const { perCapita, total } = weightedBenchmark(values, shares, personYears);
    return { total, perCapita, personYears };
}
