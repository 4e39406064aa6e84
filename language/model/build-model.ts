/**
 * From the AST to the plain contract model: exact decimals, resolved units, the `program` preset
 * filled in where the contract is silent. Works on incomplete ASTs too (the editor builds a model
 * while the author types): whatever is missing stays undefined, and validation says why.
 */
import type { AstNode } from 'langium';
import * as ast from '../generated/ast.js';
import { Dec } from '../decimal.js';
import { presetHalfRate, presetTerms } from '../settlement/presets.js';
import {
    ENROLLMENT_TYPES, EQUAL_WEIGHTS, type EnrollmentType, type EnrollmentTypeInputs, type PerBenchmarkYear, type PerYear
} from '../settlement/benchmark-build.js';
import type {
    CapitationService, ContractModel, Corridor, ExpenditureTerm, Expectation, LossSharing, LossTerms, MeasureTerm,
    MinimumRate, ProgramPreset, ProviderRole, ProviderTerm, QualityAdjustment, Rated, SavingsSharing,
    SavingsTerms, ScenarioTerms, SharingBasis, UncertaintyTerms, BuiltBenchmarkTerms, AdvanceInvestmentTerms, Clawback,
    ProjectionTerms, TermExpectation, QualityTier, BenchmarkTerm, QualityBonusTerms
} from './contract-model.js';
import { agreementYears, sectionsForYear, yearProgram } from './agreement-years.js';
import { trackOf } from './track.js';
import { registerYearModels } from './year-models.js';

export { trackOf };

/** `ESRD`, `disabled`, `aged dual`, `aged non-dual` as the parser joins them. */
const ENROLLMENT_KINDS: Readonly<Record<string, EnrollmentType>> = {
    ESRD: 'esrd', disabled: 'disabled', ageddual: 'agedDual', 'agednon-dual': 'agedNonDual'
};

export function enrollmentTypeOf(kind: string | undefined): EnrollmentType | undefined {
    return kind === undefined ? undefined : ENROLLMENT_KINDS[kind.replace(/\s+/g, '')];
}

/** Three base-year figures, or undefined when the line does not give exactly three. */
function baseYears(values: readonly string[] | undefined): PerBenchmarkYear<Dec> | undefined {
    const figures = (values ?? []).map(dec);
    if (figures.length !== 3 || figures.some(figure => figure === undefined)) {
        return undefined;
    }
    const [by1, by2, by3] = figures as Dec[];
    return { by1, by2, by3 };
}

function withPerformanceYear(line: { values: string[]; performanceYear?: string } | undefined): PerYear<Dec> | undefined {
    const years = baseYears(line?.values);
    const py = dec(line?.performanceYear);
    return years && py ? { ...years, py } : undefined;
}

/** One enrollment type's inputs, or undefined while a line is missing or incomplete. */
function enrollmentInputs(node: ast.EnrollmentType): EnrollmentTypeInputs | undefined {
    const lines = node.lines;
    const costs = baseYears(first(lines, ast.BaseCostsLine)?.values);
    const risk = withPerformanceYear(first(lines, ast.RiskScoresLine));
    const national = withPerformanceYear(first(lines, ast.NationalCostsLine));
    const regional = withPerformanceYear(first(lines, ast.RegionalCostsLine));
    const weights = withPerformanceYear(first(lines, ast.NationalWeightsLine));
    const shares = first(lines, ast.PersonYearsShareLine);
    const baseYearProportion = dec(shares?.baseYear);
    const performanceYearProportion = dec(shares?.performanceYear);
    if (!costs || !risk || !national || !regional || !weights || !baseYearProportion || !performanceYearProportion) {
        return undefined;
    }
    const prior = dec(first(lines, ast.PriorSavingsLine)?.amount);
    return {
        perCapitaExpenditures: costs,
        riskScores: risk,
        nationalPerCapitaExpenditures: national,
        regionalExpenditures: regional,
        nationalWeights: weights,
        baseYearProportion,
        performanceYearProportion,
        ...(prior ? { priorSavingsAdjustment: prior } : {})
    };
}

/** The `benchmark { … }` section as terms, or undefined while it is incomplete (validation says what is missing). */
function builtBenchmarkOf(node: ast.BenchmarkBuild | undefined): BuiltBenchmarkTerms | undefined {
    if (!node) {
        return undefined;
    }
    const lines = node.lines;
    const baseCost = first(lines, ast.BaseCostLine);
    if (baseCost) {
        const cost = dec(baseCost.amount);
        if (!cost) {
            return undefined;
        }
        const trend = first(lines, ast.BudgetTrendLine);
        const trendRate = dec(trend?.rate);
        const years = Number(trend?.years);
        const risk = first(lines, ast.RiskScoreRatioLine);
        const score = dec(risk?.score);
        const base = dec(risk?.base);
        return {
            kind: 'commercial',
            baseCost: cost,
            trend: trend && trendRate && Number.isInteger(years) ? { rate: trendRate, years, line: lineOf(trend) } : undefined,
            risk: risk && score && base ? { score, base, cap: dec(risk.cap), line: lineOf(risk) } : undefined,
            line: lineOf(node)
        };
    }
    const types = new Map<EnrollmentType, { inputs: EnrollmentTypeInputs; line: number }>();
    for (const typeNode of allOf(lines, ast.EnrollmentType)) {
        const type = enrollmentTypeOf(typeNode.kind);
        const inputs = enrollmentInputs(typeNode);
        if (!type || !inputs || types.has(type)) {
            return undefined;
        }
        types.set(type, { inputs, line: lineOf(typeNode) });
    }
    const weightsLine = first(lines, ast.BaseYearWeightsLine);
    const regional = first(lines, ast.RegionalAdjustmentLine);
    const riskCap = first(lines, ast.RiskRatioCapLine);
    const personYears = first(lines, ast.PersonYearsLine);
    const weights = weightsLine?.equal ? EQUAL_WEIGHTS : baseYears(weightsLine?.weights);
    const lower = dec(regional?.weight);
    const cap = dec(regional?.cap);
    const riskRatioCapRate = dec(riskCap?.cap);
    const performanceYearPersonYears = dec(personYears?.personYears);
    if (types.size !== ENROLLMENT_TYPES.length || !weights || !lower || !cap || !riskRatioCapRate || !performanceYearPersonYears) {
        return undefined;
    }
    const inputsOf = (type: EnrollmentType): EnrollmentTypeInputs => types.get(type)!.inputs;
    return {
        kind: 'mssp',
        inputs: {
            types: { esrd: inputsOf('esrd'), disabled: inputsOf('disabled'), agedDual: inputsOf('agedDual'), agedNonDual: inputsOf('agedNonDual') },
            benchmarkYearWeights: weights,
            regionalAdjustment: {
                lowerSpendingWeight: lower,
                higherSpendingWeight: dec(regional?.higherWeight) ?? lower,
                capRate: cap,
                noNegativeAdjustment: lines.some(ast.isNoNegativeAdjustmentLine)
            },
            riskRatioCapRate,
            performanceYearPersonYears
        },
        typeLines: Object.fromEntries([...types].map(([type, { line }]) => [type, line])),
        weightsLine: lineOf(weightsLine),
        regionalLine: lineOf(regional),
        riskCapLine: lineOf(riskCap),
        personYearsLine: lineOf(personYears),
        line: lineOf(node)
    };
}

/** 1-based line where a node starts (0 when the node has no text, e.g. after a parse error). */
export function lineOf(node: AstNode | undefined): number {
    const start = node?.$cstNode?.range.start.line;
    return start === undefined ? 0 : start + 1;
}

function dec(value: string | undefined): Dec | undefined {
    if (value === undefined || value === '') {
        return undefined;
    }
    try {
        return new Dec(value);
    } catch {
        return undefined;
    }
}

function sourcedLine(node: AstNode | undefined): { line: number } | undefined {
    return node ? { line: lineOf(node) } : undefined;
}

function verdictOf(node: (AstNode & { verdict?: string }) | undefined): { met: boolean; line: number } | undefined {
    return node?.verdict ? { met: node.verdict === 'met', line: lineOf(node) } : undefined;
}

function rated(node: (AstNode & { rate?: string }) | undefined): Rated | undefined {
    const rate = dec(node?.rate);
    return node && rate ? { rate, line: lineOf(node) } : undefined;
}

/**
 * The names of the AST types no other type extends: for these, `node.$type === name` is exactly
 * `ast.isName(node)`, without the reflection's subtype lookup (the model reads a hundred lines
 * of each contract this way).
 */
type LeafType = { [K in keyof ast.AcoAstType]: ast.AcoAstType[K]['$type'] extends K ? K : never }[keyof ast.AcoAstType];

/** The first node of a (leaf) type in a list. */
function firstOf<K extends LeafType>(nodes: readonly AstNode[], type: { readonly $type: K }): ast.AcoAstType[K] | undefined {
    const name = type.$type;
    for (const node of nodes) {
        if (node.$type === name) {
            return node as ast.AcoAstType[K];
        }
    }
    return undefined;
}

/** Every node of a (leaf) type in a list, in order. */
function allOf<K extends LeafType>(nodes: readonly AstNode[], type: { readonly $type: K }): Array<ast.AcoAstType[K]> {
    const name = type.$type;
    return nodes.filter(node => node.$type === name) as Array<ast.AcoAstType[K]>;
}

/** The first section of a type (validation reports the others as duplicates). */
function section<K extends LeafType>(contract: ast.Contract, type: { readonly $type: K }): ast.AcoAstType[K] | undefined {
    return firstOf(contract.sections, type);
}

/** The first line of a type within a section (validation reports repeats). */
function first<K extends LeafType>(lines: readonly AstNode[], type: { readonly $type: K }): ast.AcoAstType[K] | undefined {
    return firstOf(lines, type);
}

/** Reads the `program` line into a preset, or undefined when it is incomplete or unknown. */
export function programOf(line: ast.ProgramLine | undefined): ProgramPreset | undefined {
    if (!line) {
        return undefined;
    }
    const year = Number(line.year);
    if (!Number.isInteger(year)) {
        return undefined;
    }
    if (line.program === 'REACH') {
        return line.option ? { program: 'REACH', option: line.option, year, line: lineOf(line) } : undefined;
    }
    const track = trackOf(line.track);
    return track ? { program: 'MSSP', track, year, line: lineOf(line) } : undefined;
}

function minimumRate(node: ast.MinimumSavingsRateLine | ast.MinimumLossRateLine | undefined): MinimumRate | undefined {
    if (!node) {
        return undefined;
    }
    if (node.variable) {
        return { kind: 'variable', line: lineOf(node) };
    }
    const rate = dec(node.rate);
    return rate ? { kind: 'fixed', rate, line: lineOf(node) } : undefined;
}

function corridorsOf(lines: readonly AstNode[]): Corridor[] {
    const corridors: Corridor[] = [];
    for (const line of allOf(lines, ast.CorridorLine)) {
        const share = dec(line.share);
        if (!share) {
            continue;
        }
        const lower = line.from === 'up' ? new Dec(0) : dec(line.lower);
        const upper = line.from === 'over' ? undefined : dec(line.upper);
        if (!lower || (line.from !== 'over' && !upper)) {
            continue;
        }
        corridors.push({ lower, upper, share, line: lineOf(line) });
    }
    return corridors;
}

/** One rate or corridors: the two are exclusive (validation reports a contract that gives both). */
function savingsSharing(lines: readonly AstNode[]): SavingsSharing | undefined {
    const rateLine = first(lines, ast.SharingRateLine);
    const rate = dec(rateLine?.rate);
    if (rateLine && rate) {
        return { kind: 'rate', rate, line: lineOf(rateLine) };
    }
    const corridors = corridorsOf(lines);
    return corridors.length > 0 ? { kind: 'corridors', corridors, line: corridors[0].line } : undefined;
}

function lossSharing(lines: readonly AstNode[]): LossSharing | undefined {
    const rateLine = first(lines, ast.SharingRateLine);
    if (rateLine) {
        const rate = dec(rateLine.rate);
        if (rate) {
            return { kind: 'rate', rate, line: lineOf(rateLine) };
        }
        const floor = dec(rateLine.floor);
        const ceiling = dec(rateLine.ceiling);
        if (floor && ceiling) {
            return { kind: 'complement', floor, ceiling, line: lineOf(rateLine) };
        }
    }
    const corridors = corridorsOf(lines);
    return corridors.length > 0 ? { kind: 'corridors', corridors, line: corridors[0].line } : undefined;
}

function capOf(lines: readonly AstNode[], base: 'benchmark' | 'revenue'): Rated | undefined {
    return rated(allOf(lines, ast.CapLine).find(l => l.base === base));
}

/** The savings terms written in the contract (without the preset). */
function writtenSavings(node: ast.SharedSavings | undefined): Partial<SavingsTerms> {
    const lines = node?.lines ?? [];
    const adjustment = first(lines, ast.QualityAdjustmentLine);
    const basis = first(lines, ast.SharingBasisLine);
    return {
        minimumRate: minimumRate(first(lines, ast.MinimumSavingsRateLine)),
        sharing: savingsSharing(lines),
        qualityAdjustment: adjustment?.mode,
        qualityAdjustmentLine: adjustment ? lineOf(adjustment) : undefined,
        basis: basis ? (basis.basis === 'above' ? 'above minimum' : 'first dollar') : undefined,
        basisLine: basis ? lineOf(basis) : undefined,
        cap: capOf(lines, 'benchmark'),
        sequestration: rated(first(lines, ast.SequestrationLine)),
        qualityWithhold: rated(first(lines, ast.QualityWithholdLine)),
        halfRateBelowMinimum: sourcedLine(first(lines, ast.HalfRateLine)),
        tiers: tiersOf(lines),
        floor: rated(first(lines, ast.SharingFloorLine)),
        mlrFloor: rated(first(lines, ast.MlrFloorLine))
    };
}

/** Quality tiers as written, in order; undefined without any. */
function tiersOf(lines: readonly AstNode[]): QualityTier[] | undefined {
    const tiers: QualityTier[] = [];
    for (const line of allOf(lines, ast.QualityTierLine)) {
        const share = dec(line.share);
        const lower = line.from === 'up' ? new Dec(0) : dec(line.lower);
        const upper = line.from === 'from' ? undefined : dec(line.upper);
        if (share && lower && (line.from === 'from' || upper)) {
            tiers.push({ lower, upper, share, line: lineOf(line) });
        }
    }
    return tiers.length > 0 ? tiers : undefined;
}

function writtenLosses(node: ast.SharedLosses): Partial<LossTerms> {
    const lines = node.lines;
    const revenue = first(lines, ast.ParticipantRevenueLine);
    return {
        minimumRate: minimumRate(first(lines, ast.MinimumLossRateLine)),
        sharing: lossSharing(lines),
        cap: capOf(lines, 'benchmark'),
        revenueCap: capOf(lines, 'revenue'),
        participantRevenue: dec(revenue?.amount),
        participantRevenueLine: revenue ? lineOf(revenue) : undefined,
        tiers: tiersOf(lines),
        ...(() => {
            const basis = first(lines, ast.SharingBasisLine);
            return basis ? { basis: basis.basis === 'above' ? 'above minimum' as const : 'first dollar' as const, basisLine: lineOf(basis) } : {};
        })()
    };
}

/** The benchmark line as a term: `P% of premium` becomes P × the premium per member per month. */
function benchmarkTerm(line: ast.BenchmarkLine | undefined, premium: Dec | undefined): BenchmarkTerm | undefined {
    if (!line) {
        return undefined;
    }
    if (line.basis === 'of') {
        const share = dec(line.share);
        return share && premium ? { amount: share.times(premium), basis: 'per member per month', ofPremium: { share, premium }, line: lineOf(line) } : undefined;
    }
    const amount = dec(line.amount);
    return amount ? {
        amount,
        basis: line.basis === 'total' ? 'total' : line.period === 'year' ? 'per member per year' : 'per member per month',
        line: lineOf(line)
    } : undefined;
}

/** Written terms win over the preset's, field by field. */
function merge<T extends object>(preset: Partial<T> | undefined, written: Partial<T>): Partial<T> {
    const result: Partial<T> = { ...(preset ?? {}) };
    for (const [key, value] of Object.entries(written) as Array<[keyof T, T[keyof T]]>) {
        if (value !== undefined) {
            result[key] = value;
        }
    }
    return result;
}

function providerOf(node: ast.Provider): ProviderTerm {
    const role = first(node.lines, ast.RoleLine)?.role;
    const roles: Record<string, ProviderRole> = { primary: 'primary care', specialist: 'specialist', hospital: 'hospital', other: 'other' };
    return {
        id: node.name,
        name: node.title,
        tin: first(node.lines, ast.TinLine)?.value,
        npi: first(node.lines, ast.NpiLine)?.value,
        role: role ? roles[role] : undefined,
        attributed: dec(first(node.lines, ast.AttributedLine)?.count),
        share: dec(allOf(node.lines, ast.ShareLine).find(l => l.side === undefined)?.rate),
        shareOfSavings: dec(allOf(node.lines, ast.ShareLine).find(l => l.side === 'savings')?.rate),
        shareOfLosses: dec(allOf(node.lines, ast.ShareLine).find(l => l.side === 'losses')?.rate),
        line: lineOf(node)
    };
}

function measureOf(node: ast.Measure): MeasureTerm {
    return {
        id: node.name,
        name: node.title,
        lowerIsBetter: first(node.lines, ast.DirectionLine)?.direction === 'lower',
        threshold: dec(first(node.lines, ast.ThresholdLine)?.rate),
        target: dec(first(node.lines, ast.TargetLine)?.rate),
        weight: dec(first(node.lines, ast.WeightLine)?.rate),
        line: lineOf(node)
    };
}

function expenditureOf(lines: readonly AstNode[]): ExpenditureTerm | undefined {
    const byType = allOf(lines, ast.TypeExpenditureLine);
    if (byType.length > 0) {
        const amounts: Partial<Record<EnrollmentType, Dec>> = {};
        for (const line of byType) {
            const type = enrollmentTypeOf(line.kind);
            const amount = dec(line.amount);
            if (type && amount) {
                amounts[type] = amount;
            }
        }
        return { kind: 'by enrollment type', amounts, line: lineOf(byType[0]) };
    }
    const spent = first(lines, ast.ExpenditureLine);
    const amount = dec(spent?.amount);
    if (spent && amount) {
        return { kind: spent.basis === 'total' ? 'total' : 'per member per month', amount, line: lineOf(spent) };
    }
    const savings = first(lines, ast.SavingsLine);
    const rate = dec(savings?.rate);
    return savings && rate ? { kind: 'savings', rate, line: lineOf(savings) } : undefined;
}

function scenarioOf(node: ast.Scenario | ast.ProjectionYear, name = ast.isScenario(node) ? node.name ?? '' : ''): ScenarioTerms {
    const lines = node.lines;
    const results = new Map<string, Dec>();
    for (const result of allOf(lines, ast.ResultLine)) {
        const value = dec(result.value);
        const id = result.measure?.$refText;
        if (id && value && !results.has(id)) {
            results.set(id, value);
        }
    }
    const expectations: Expectation[] = [];
    for (const line of lines) {
        if (ast.isExpectEarnedLine(line)) {
            const amount = dec(line.amount);
            if (amount) {
                expectations.push({ kind: 'earned', amount, tolerance: dec(line.tolerance), line: lineOf(line) });
            }
        } else if (ast.isExpectBonusLine(line)) {
            const amount = dec(line.amount);
            if (amount) {
                expectations.push({ kind: 'bonus', amount, tolerance: dec(line.tolerance), line: lineOf(line) });
            }
        } else if (ast.isExpectProviderLine(line)) {
            const amount = dec(line.amount);
            const providerId = line.provider?.$refText;
            if (amount && providerId) {
                expectations.push({ kind: 'provider', providerId, amount, tolerance: dec(line.tolerance), line: lineOf(line) });
            }
        }
    }
    const reduced = first(lines, ast.LossesReducedLine);
    const reducedBy = dec(reduced?.amount);
    const yearLine = first(lines, ast.YearLine);
    const year = yearLine ? Number(yearLine.year) : undefined;
    return {
        name,
        line: lineOf(node),
        expenditure: expenditureOf(lines),
        results,
        qualityScore: (() => {
            const line = first(lines, ast.QualityScoreLine);
            const rate = dec(line?.score);
            return line && rate ? { rate, line: lineOf(line) } : undefined;
        })(),
        standardVerdict: verdictOf(first(lines, ast.QualityStandardLine)),
        alternativeVerdict: verdictOf(first(lines, ast.AlternativeStandardVerdictLine)),
        guardrail: sourcedLine(first(lines, ast.GuardrailLine)),
        lossesReducedBy: reduced && reducedBy ? { amount: reducedBy, line: lineOf(reduced) } : undefined,
        lossesForgiven: rated(first(lines, ast.LossesForgivenLine)),
        excess: (() => {
            const line = first(lines, ast.ExcessLine);
            const amount = dec(line?.amount);
            return line && amount ? { amount, line: lineOf(line) } : undefined;
        })(),
        riskScore: (() => {
            const line = first(lines, ast.ScenarioRiskLine);
            const score = dec(line?.score);
            return line && score ? { score, line: lineOf(line) } : undefined;
        })(),
        year: ast.isProjectionYear(node)
            ? (Number.isInteger(Number(node.year)) ? { year: Number(node.year), line: lineOf(node) } : undefined)
            : yearLine && year !== undefined && Number.isInteger(year) ? { year, line: lineOf(yearLine) } : undefined,
        expectations
    };
}

function uncertaintyOf(node: ast.Uncertainty | undefined): UncertaintyTerms | undefined {
    if (!node) {
        return undefined;
    }
    const lines = node.lines;
    const spend = first(lines, ast.ExpenditureDistributionLine);
    const savings = first(lines, ast.SavingsDistributionLine);
    const quality = first(lines, ast.QualityDistributionLine);
    const pair = (a?: string, b?: string): [Dec, Dec] | undefined => {
        const x = dec(a);
        const y = dec(b);
        return x && y ? [x, y] : undefined;
    };
    const spendPair = pair(spend?.mean, spend?.sd);
    const savingsPair = pair(savings?.mean, savings?.sd);
    const uniform = quality?.shape === 'uniform' ? pair(quality.low, quality.high) : undefined;
    const normal = quality?.shape === 'normal' ? pair(quality.mean, quality.sd) : undefined;
    const trials = Number(first(lines, ast.TrialsLine)?.count ?? '10000');
    const seed = Number(first(lines, ast.SeedLine)?.seed ?? '1');
    return {
        expenditure: spendPair ? { kind: 'expenditure normal', mean: spendPair[0], sd: spendPair[1] }
            : savingsPair ? { kind: 'savings normal', mean: savingsPair[0], sd: savingsPair[1] } : undefined,
        quality: uniform ? { kind: 'uniform', low: uniform[0], high: uniform[1] }
            : normal ? { kind: 'normal', mean: normal[0], sd: normal[1] } : undefined,
        trials: Number.isInteger(trials) && trials > 0 ? trials : 10000,
        seed: Number.isInteger(seed) ? seed : 1,
        overTerm: lines.some(ast.isTermDrawLine),
        correlation: dec(first(lines, ast.CorrelationLine)?.rate),
        line: lineOf(node)
    };
}

function projectionOf(node: ast.Projection): ProjectionTerms {
    const name = node.name ?? '';
    return {
        name,
        line: lineOf(node),
        years: allOf(node.items, ast.ProjectionYear).map(year => scenarioOf(year, `${name}, year ${year.year}`)),
        expectations: allOf(node.items, ast.ExpectTermLine).flatMap((line): TermExpectation[] => {
            const amount = dec(line.amount);
            return amount ? [{ kind: line.what === 'net' ? 'net cash' : 'earned', amount, tolerance: dec(line.tolerance), line: lineOf(line) }] : [];
        })
    };
}

function advanceOf(node: ast.AdvanceInvestment | undefined): AdvanceInvestmentTerms | undefined {
    if (!node) {
        return undefined;
    }
    const oneTime = first(node.lines, ast.OneTimeLine);
    const oneTimeAmount = dec(oneTime?.amount);
    const quarterly = first(node.lines, ast.QuarterlyLine);
    const quarterlyAmount = dec(quarterly?.amount);
    const quarters = Number(quarterly?.quarters);
    const recoup = first(node.lines, ast.RecoupLine);
    return {
        oneTime: oneTime && oneTimeAmount ? { amount: oneTimeAmount, line: lineOf(oneTime) } : undefined,
        quarterly: quarterly && quarterlyAmount && Number.isInteger(quarters) ? { amount: quarterlyAmount, quarters, line: lineOf(quarterly) } : undefined,
        recoupShare: dec(recoup?.share) ?? new Dec(1),
        recoupLine: recoup ? lineOf(recoup) : undefined,
        line: lineOf(node)
    };
}

function qualityBonusOf(node: ast.QualityBonus | undefined): QualityBonusTerms | undefined {
    if (!node) {
        return undefined;
    }
    const pool = first(node.lines, ast.BonusPoolLine);
    const rate = dec(pool?.rate);
    const amount = dec(pool?.amount);
    const paid = first(node.lines, ast.BonusPaidLine);
    return {
        pool: pool && rate ? { kind: 'rate', rate, line: lineOf(pool) } : pool && amount ? { kind: 'amount', amount, line: lineOf(pool) } : undefined,
        byScore: paid ? paid.byScore : true,
        line: lineOf(node)
    };
}

function clawbackOf(node: ast.Clawback | undefined): Clawback | undefined {
    const rate = dec(node?.rate);
    const measureId = node?.measure?.$refText;
    return node && rate && measureId ? { rate, measureId, line: lineOf(node) } : undefined;
}

const SERVICES: Record<string, CapitationService> = { primary: 'primary care', specialty: 'specialty care', total: 'total care' };

function buildModelFor(original: ast.Contract, forYear?: number): ContractModel {
    const topProgram = programOf(section(original, ast.ProgramLine));
    const topTerm = section(original, ast.Term)?.lines ?? [];
    const termStart = first(topTerm, ast.StartLine)?.date;
    const termEnd = first(topTerm, ast.EndLine)?.date;
    const termMonths = Number(first(topTerm, ast.PerformanceYearLine)?.months ?? '12');
    const agreement = agreementYears(topProgram, termStart, termEnd, Number.isInteger(termMonths) && termMonths > 0 ? termMonths : 12);
    // For one performance year: that year's sections and that year's program rules.
    const overrides = forYear === undefined ? [] : allOf(original.sections, ast.YearTerms).filter(block => Number(block.year) <= forYear);
    const contract: ast.Contract = overrides.length === 0 ? original : { ...original, sections: sectionsForYear(original.sections, overrides) };
    let assumed: { calendarYear: number; presetYear: number } | undefined;
    const program = forYear === undefined ? topProgram : yearProgram(topProgram, agreement, forYear, overrides, (a) => (assumed = a), termMonths > 0 ? termMonths : 12)?.program;
    const preset = program ? presetTerms(program) : undefined;
    const rounding = section(contract, ast.RoundingLine);
    const currency = section(contract, ast.CurrencyLine)?.code;

    const parties = section(contract, ast.Parties)?.lines ?? [];
    const termLines = section(contract, ast.Term)?.lines ?? [];
    const months = Number(first(termLines, ast.PerformanceYearLine)?.months ?? '12');

    const population = section(contract, ast.Population)?.lines ?? [];
    const benchmark = first(population, ast.BenchmarkLine);
    const premiumLine = first(population, ast.PremiumLine);
    const premium = dec(premiumLine?.amount);
    const assigned = first(population, ast.AssignedLine);

    const capitation = section(contract, ast.Capitation)?.lines ?? [];
    const quality = section(contract, ast.Quality)?.lines ?? [];
    const savingsNode = section(contract, ast.SharedSavings);
    const lossesNode = section(contract, ast.SharedLosses);

    const savings = merge(preset?.savings, writtenSavings(savingsNode));
    const revenueLine = first(population, ast.RevenueCategoryLine);
    const revenueCategory = revenueLine?.category ? { category: revenueLine.category, line: lineOf(revenueLine) } : undefined;
    if (!savings.halfRateBelowMinimum) {
        const because = presetHalfRate(program, { revenueCategory: revenueCategory?.category, beneficiaries: dec(assigned?.count), termStart });
        if (because && program) {
            savings.halfRateBelowMinimum = { line: program.line, fromPreset: true, because };
        }
    }
    const heba = first(population, ast.HealthEquityLine);
    const hebaAmount = dec(heba?.amount);
    const alternativeLine = first(quality, ast.AlternativeStandardLine);
    let losses: LossTerms | undefined;
    if (lossesNode || preset?.losses) {
        const merged = merge<LossTerms>(preset?.losses, lossesNode ? writtenLosses(lossesNode) : {});
        losses = { ...merged, line: lossesNode ? lineOf(lossesNode) : (program?.line ?? 0), fromPreset: !lossesNode };
    }

    const distribution = section(contract, ast.Distribution);
    const keys = { attributed: 'attributed lives', equally: 'equally', fixed: 'fixed shares' } as const;
    const remainders = distribution ? allOf(distribution.lines, ast.RemainderLine) : [];
    const remainder = remainders.find(line => line.side === undefined) ?? remainders[0];
    const sideKey = (side: 'savings' | 'losses') => {
        const line = remainders.find(candidate => candidate.side === side);
        return line ? keys[line.key] : undefined;
    };

    const model: ContractModel = {
        name: contract.name ?? '',
        currency: currency ?? 'USD',
        rounding: {
            mode: rounding?.mode ?? 'half-up',
            unit: rounding?.unit === 'whole' ? 'whole units' : 'cents'
        },
        program,
        parties: {
            payer: parties.find(p => p.role === 'payer')?.name,
            aco: parties.find(p => p.role === 'aco')?.name
        },
        term: {
            start: termStart,
            end: first(termLines, ast.EndLine)?.date,
            months: Number.isInteger(months) && months > 0 ? months : 12
        },
        population: {
            attribution: first(population, ast.AttributionLine)?.method,
            beneficiaries: dec(assigned?.count),
            beneficiariesLine: assigned ? lineOf(assigned) : undefined,
            minimumBeneficiaries: dec(first(population, ast.MinimumAssignedLine)?.count) ?? preset?.minimumBeneficiaries,
            memberMonths: dec(first(population, ast.MemberMonthsLine)?.count),
            benchmark: benchmarkTerm(benchmark, premium),
            premium: premium ? { amount: premium, line: lineOf(premiumLine) } : undefined,
            attachment: (() => {
                const line = first(population, ast.AttachmentLine);
                const amount = dec(line?.amount);
                return line && amount ? { kind: line.kind, amount, premium: dec(line.premium), line: lineOf(line) } : undefined;
            })(),
            riskAdjustment: (() => {
                const line = first(population, ast.RiskAdjustmentLine);
                const base = dec(line?.base);
                return line && base ? { base, cap: dec(line.cap), line: lineOf(line) } : undefined;
            })(),
            builtBenchmark: builtBenchmarkOf(section(contract, ast.BenchmarkBuild)),
            discount: rated(first(population, ast.DiscountLine)) ?? preset?.discount,
            trend: rated(first(population, ast.TrendLine)),
            revenueCategory,
            healthEquityAdjustment: heba && hebaAmount ? {
                amount: hebaAmount,
                basis: heba.basis === 'total' ? 'total' : 'per member per month',
                line: lineOf(heba)
            } : undefined
        },
        providers: (section(contract, ast.Providers)?.providers ?? []).map(providerOf),
        capitation: {
            lines: capitation.filter(line => ast.isCapitationRateLine(line) || ast.isCareCoordinationLine(line)).flatMap(line => {
                const rate = dec(line.amount);
                const service = ast.isCareCoordinationLine(line) ? 'care coordination' : SERVICES[line.service] ?? 'primary care';
                return rate ? [{ service, rate, providerId: line.provider?.$refText, clawback: clawbackOf(line.clawback), line: lineOf(line) }] : [];
            }),
            withhold: (() => {
                const line = first(capitation, ast.CapitationWithholdLine);
                const withhold = rated(line);
                return withhold && line?.measure ? { ...withhold, measureId: line.measure.$refText } : withhold;
            })(),
            blockPayment: (() => {
                const line = first(capitation, ast.BlockPaymentLine);
                return line ? { providerId: line.provider?.$refText, line: lineOf(line) } : undefined;
            })()
        },
        savings: {
            ...savings,
            qualityAdjustment: savings.qualityAdjustment ?? ('scaled' satisfies QualityAdjustment),
            basis: savings.basis ?? ('first dollar' satisfies SharingBasis)
        },
        losses,
        quality: {
            standard: rated(first(quality, ast.StandardLine)),
            alternativeStandard: alternativeLine ? { line: lineOf(alternativeLine) } : preset?.alternativeStandard,
            measures: allOf(quality, ast.Measure).map(measureOf)
        },
        qualityBonus: qualityBonusOf(section(contract, ast.QualityBonus)),
        distribution: distribution ? {
            reserve: (() => {
                const line = first(distribution.lines, ast.ReserveLine);
                const reserve = rated(line);
                return reserve && line?.savingsOnly ? { ...reserve, savingsOnly: true } : reserve;
            })(),
            key: remainder ? keys[remainder.key] : undefined,
            keyLine: remainder ? lineOf(remainder) : undefined,
            savingsKey: sideKey('savings'),
            lossesKey: sideKey('losses'),
            line: lineOf(distribution)
        } : undefined,
        scenarios: allOf(contract.sections, ast.Scenario).map(scenario => scenarioOf(scenario)),
        projections: allOf(contract.sections, ast.Projection).map(projectionOf),
        advanceInvestment: advanceOf(section(contract, ast.AdvanceInvestment)),
        agreement,
        uncertainty: uncertaintyOf(section(contract, ast.Uncertainty))
    };
    if (forYear !== undefined) {
        model.agreement = { ...model.agreement, year: forYear, ...(assumed ? { assumedPresetYear: assumed } : {}) };
    }
    return model;
}

/**
 * Builds the contract model from a (possibly incomplete) AST: the contract as written, with the
 * models of its other performance years built on demand (year-models.ts): the `year N { … }`
 * blocks up to that year applied, and the program's rules of that year's calendar year. A year
 * where nothing differs (no year blocks, the same preset year) is the contract's own model.
 */
export function buildModel(contract: ast.Contract): ContractModel {
    const model = buildModelFor(contract);
    const blocks = firstOf(contract.sections, ast.YearTerms) !== undefined;
    const cache = new Map<number, ContractModel>();
    registerYearModels(model, (year) => {
        let built = cache.get(year);
        if (!built) {
            const program = model.program;
            const rules = yearProgram(program, model.agreement, year, [], undefined, model.term.months);
            built = !blocks && (!program || rules?.program.year === program.year) ? model : buildModelFor(contract, year);
            cache.set(year, built);
        }
        return built;
    });
    return model;
}
