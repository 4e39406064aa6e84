/**
 * The benchmark built from its parts (`benchmark { … }`): base-year weights that sum to 100%,
 * three figures per base-year line, positive risk scores, each enrollment type once and complete,
 * shares of person years that sum to 100%, person years that agree with assigned beneficiaries,
 * one benchmark (stated or built, not both), and scenario expenditure by enrollment type.
 */
import type { AstNode, ValidationAcceptor } from 'langium';
import * as ast from '../generated/ast.js';
import { Dec } from '../decimal.js';
import { formatCount, formatPercent } from '../format.js';
import { enrollmentTypeOf } from '../model/build-model.js';
import type { ContractModel } from '../model/contract-model.js';
import { ENROLLMENT_TYPES, type EnrollmentType } from '../settlement/benchmark-build.js';
import { ENROLLMENT_TYPE_NAMES } from '../settlement/built-benchmark.js';
import { IssueCodes } from './issue-codes.js';
import { scenarioName, sentence } from './node-names.js';

/** Shares are published to 15 digits: they may miss 100% by rounding, not by more than this. */
const SHARE_TOLERANCE = new Dec('0.000001');

/** Performance-year person years below this share of assigned beneficiaries look like a different population. */
export const PERSON_YEARS_LOWEST_SHARE = new Dec('0.85');

export function checkBaseYearWeights(line: ast.BaseYearWeightsLine, accept: ValidationAcceptor): void {
    if (line.equal) {
        return;
    }
    if (line.weights.length !== 3) {
        accept('error', `Give three base-year weights (base years 1, 2 and 3), such as \`10% 30% 60%\`, or \`equal\`; this line gives ${line.weights.length}.`,
            { node: line, property: 'weights', code: IssueCodes.BaseYearWeights });
        return;
    }
    const sum = line.weights.reduce((total, weight) => total.plus(weight), new Dec(0));
    if (!sum.equals(1)) {
        accept('error', `Base-year weights sum to ${formatPercent(sum)}, not 100%.`, { node: line, property: 'weights', code: IssueCodes.BaseYearWeights });
    }
}

type BaseYearLine = ast.BaseCostsLine | ast.RiskScoresLine | ast.NationalCostsLine | ast.RegionalCostsLine | ast.NationalWeightsLine;

export function checkBaseYearFigures(line: BaseYearLine, accept: ValidationAcceptor): void {
    if (line.values.length !== 3) {
        const which = line.values.length < 3 ? `a base year is missing (${line.values.length} given)` : `${line.values.length} are given`;
        accept('error', `Give one figure for each of base years 1, 2 and 3: ${which}.`, { node: line, property: 'values', code: IssueCodes.BaseYearsCount });
    }
    const negative = line.values.some(value => value.startsWith('-'));
    if (ast.isRiskScoresLine(line)) {
        const scores = [...line.values, line.performanceYear].filter((value): value is string => value !== undefined);
        if (scores.some(score => !new Dec(score).greaterThan(0))) {
            accept('error', 'Risk scores must be above zero.', { node: line, property: 'values', code: IssueCodes.RiskScoreNotPositive });
        }
    } else if (ast.isNationalWeightsLine(line)) {
        if (line.values.some(value => value.startsWith('-') || new Dec(value).greaterThan(1))) {
            accept('error', 'A national weight lies between 0% and 100%.', { node: line, property: 'values', code: IssueCodes.PercentRange });
        }
    } else if (negative) {
        accept('error', 'Per capita expenditure cannot be negative.', { node: line, property: 'values', code: IssueCodes.NegativeAmount });
    }
}

export function checkRiskScoreRatio(line: ast.RiskScoreRatioLine, accept: ValidationAcceptor): void {
    for (const property of ['score', 'base'] as const) {
        const value = line[property];
        if (value !== undefined && !new Dec(value).greaterThan(0)) {
            accept('error', 'Risk scores must be above zero.', { node: line, property, code: IssueCodes.RiskScoreNotPositive });
        }
    }
}

const TYPE_LINES: ReadonlyArray<[(node: unknown) => boolean, string]> = [
    [ast.isBaseCostsLine, '`expenditure per capita` (base years 1–3)'],
    [ast.isRiskScoresLine, '`risk scores … performance year …`'],
    [ast.isNationalCostsLine, '`national per capita … performance year …`'],
    [ast.isRegionalCostsLine, '`regional per capita … performance year …`'],
    [ast.isNationalWeightsLine, '`national weight … performance year …`'],
    [ast.isPersonYearsShareLine, '`share of person years … base year … performance year`']
];

/** The section as a whole: complete, each type once, shares that sum to 100%, one benchmark. */
export function checkBenchmarkBuild(contract: ast.Contract, model: ContractModel, accept: ValidationAcceptor): void {
    const section = contract.sections.find(ast.isBenchmarkBuild);
    if (!section) {
        checkTypeExpenditure(contract, model, accept);
        return;
    }
    const stated = contract.sections.find(ast.isPopulation)?.lines.find(ast.isBenchmarkLine);
    if (stated) {
        accept('error', 'The benchmark is both stated here and built in the `benchmark { … }` section: keep one.',
            { node: stated, keyword: 'benchmark', code: IssueCodes.TwoBenchmarks });
    }
    const lines: readonly AstNode[] = section.lines;
    const types = lines.filter(ast.isEnrollmentType);
    const commercial = lines.some(ast.isBaseCostLine);
    if (commercial) {
        if (types.length > 0) {
            accept('error', 'A benchmark is built either by enrollment type (the MSSP method) or from a base cost (a commercial budget), not both.',
                { node: types[0], keyword: 'enrollment', code: IssueCodes.IncompleteBenchmark });
        }
        checkTypeExpenditure(contract, model, accept);
        return;
    }
    const missing: string[] = [];
    const globals: ReadonlyArray<[(node: unknown) => boolean, string]> = [
        [ast.isBaseYearWeightsLine, '`base year weights …`'],
        [ast.isRegionalAdjustmentLine, '`regional adjustment weight … cap …`'],
        [ast.isRiskRatioCapLine, '`risk ratio cap …`'],
        [ast.isPersonYearsLine, '`performance year person years …`']
    ];
    for (const [is, name] of globals) {
        if (!lines.some(is)) {
            missing.push(name);
        }
    }
    const seen = new Map<EnrollmentType, ast.EnrollmentType>();
    for (const type of types) {
        const kind = enrollmentTypeOf(type.kind);
        if (!kind) {
            continue;
        }
        if (seen.has(kind)) {
            accept('error', `Enrollment type ${ENROLLMENT_TYPE_NAMES[kind]} is written twice; each type is written once.`,
                { node: type, property: 'kind', code: IssueCodes.DuplicateEnrollmentType });
            continue;
        }
        seen.set(kind, type);
        const absent = TYPE_LINES.filter(([is]) => !type.lines.some(is)).map(([, name]) => name);
        if (absent.length > 0) {
            accept('error', `Enrollment type ${ENROLLMENT_TYPE_NAMES[kind]} needs ${absent.join(', ')}.`,
                { node: type, property: 'kind', code: IssueCodes.IncompleteBenchmark });
        }
    }
    const absentTypes = ENROLLMENT_TYPES.filter(type => !seen.has(type)).map(type => ENROLLMENT_TYPE_NAMES[type]);
    if (absentTypes.length > 0) {
        missing.push(`enrollment type ${absentTypes.join(', ')}`);
    }
    if (missing.length > 0) {
        accept('error', `The built benchmark needs ${missing.join('; ')}.`, { node: section, keyword: 'benchmark', code: IssueCodes.IncompleteBenchmark });
    }
    checkShares(types, accept);
    checkPersonYears(contract, model, accept);
    checkTypeExpenditure(contract, model, accept);
}

function checkShares(types: readonly ast.EnrollmentType[], accept: ValidationAcceptor): void {
    const shareLines = types.map(type => type.lines.find(ast.isPersonYearsShareLine)).filter((line): line is ast.PersonYearsShareLine => line !== undefined);
    if (shareLines.length !== ENROLLMENT_TYPES.length) {
        return;
    }
    for (const [property, year] of [['baseYear', 'base year 3'], ['performanceYear', 'the performance year']] as const) {
        const sum = shareLines.reduce((total, line) => total.plus(line[property] ?? 0), new Dec(0));
        if (sum.minus(1).abs().greaterThan(SHARE_TOLERANCE)) {
            for (const line of shareLines) {
                accept('error', `The enrollment types' shares of person years in ${year} sum to ${formatPercent(sum, 6)}, not 100%.`,
                    { node: line, property, code: IssueCodes.PersonYearSharesSum });
            }
        }
    }
}

function checkPersonYears(contract: ast.Contract, model: ContractModel, accept: ValidationAcceptor): void {
    const line = contract.sections.find(ast.isBenchmarkBuild)?.lines.find(ast.isPersonYearsLine);
    const beneficiaries = model.population.beneficiaries;
    if (!line?.personYears || !beneficiaries || beneficiaries.isZero()) {
        return;
    }
    const personYears = new Dec(line.personYears);
    const share = personYears.dividedBy(beneficiaries);
    if (share.greaterThan(1) || share.lessThan(PERSON_YEARS_LOWEST_SHARE)) {
        accept('warning', `${formatCount(personYears)} performance-year person years against ${formatCount(beneficiaries)} assigned beneficiaries (${formatPercent(share, 1)}): each beneficiary counts at most one person year, and a year usually keeps ${formatPercent(PERSON_YEARS_LOWEST_SHARE)} or more of them. Check both figures.`,
            { node: line, property: 'personYears', code: IssueCodes.PersonYearsMismatch });
    }
}

/** Expenditure by enrollment type: once per type, every type, and only with a benchmark built by type. */
function checkTypeExpenditure(contract: ast.Contract, model: ContractModel, accept: ValidationAcceptor): void {
    const byType = model.population.builtBenchmark?.kind === 'mssp' || contract.sections.find(ast.isBenchmarkBuild)?.lines.some(ast.isEnrollmentType);
    for (const scenario of contract.sections.filter(ast.isScenario)) {
        const lines = scenario.lines.filter(ast.isTypeExpenditureLine);
        if (lines.length === 0) {
            continue;
        }
        if (!byType) {
            accept('error', 'Expenditure by enrollment type needs a benchmark built by enrollment type (`benchmark { enrollment type … }`).',
                { node: lines[0], code: IssueCodes.ExpenditureByType });
            continue;
        }
        const seen = new Set<EnrollmentType>();
        for (const line of lines) {
            const kind = enrollmentTypeOf(line.kind);
            if (kind && seen.has(kind)) {
                accept('error', `Expenditure for ${ENROLLMENT_TYPE_NAMES[kind]} is given twice in this scenario.`, { node: line, code: IssueCodes.DuplicateLine });
            }
            if (kind) {
                seen.add(kind);
            }
        }
        const absent = ENROLLMENT_TYPES.filter(type => !seen.has(type)).map(type => ENROLLMENT_TYPE_NAMES[type]);
        if (absent.length > 0) {
            accept('error', `${sentence(scenarioName(scenario))} gives expenditure by enrollment type but not for ${absent.join(', ')}.`,
                { node: lines[0], code: IssueCodes.ExpenditureByType });
        }
    }
}
