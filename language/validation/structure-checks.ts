/**
 * The shape of a contract: each section at most once (scenarios excepted), each term at most once
 * within its section, unique provider and measure IDs, terms in the section they belong to, and a
 * `program` line that names a real preset.
 */
import type { AstNode, ValidationAcceptor } from 'langium';
import * as ast from '../generated/ast.js';
import { programOf, trackOf } from '../model/build-model.js';
import { presetProblem } from '../settlement/presets.js';
import { IssueCodes } from './issue-codes.js';

/** What an author calls each section, by node type. */
const SECTION_NAMES: Record<string, string> = {
    ProgramLine: 'program', CurrencyLine: 'currency', RoundingLine: 'rounding', Parties: 'parties', Term: 'term',
    Population: 'population', Providers: 'providers', Capitation: 'capitation', SharedSavings: 'shared savings',
    SharedLosses: 'shared losses', Quality: 'quality', Distribution: 'distribution', Uncertainty: 'uncertainty'
};

/** What an author calls each line, by node type. */
const LINE_NAMES: Record<string, string> = {
    StartLine: 'start', EndLine: 'end', PerformanceYearLine: 'performance year',
    AttributionLine: 'attribution', AssignedLine: 'assigned beneficiaries', MinimumAssignedLine: 'minimum assigned beneficiaries',
    MemberMonthsLine: 'member months', BenchmarkLine: 'benchmark', DiscountLine: 'discount', TrendLine: 'trend',
    TinLine: 'tin', NpiLine: 'npi', RoleLine: 'role', AttributedLine: 'attributed', ShareLine: 'share',
    CapitationWithholdLine: 'withhold', MinimumSavingsRateLine: 'minimum savings rate', MinimumLossRateLine: 'minimum loss rate',
    SharingRateLine: 'sharing rate', QualityAdjustmentLine: 'quality adjustment', SharingBasisLine: 'sharing basis',
    SequestrationLine: 'sequestration', QualityWithholdLine: 'quality withhold', ParticipantRevenueLine: 'participant revenue',
    StandardLine: 'standard', DirectionLine: 'direction', ThresholdLine: 'threshold', TargetLine: 'target', WeightLine: 'weight',
    ReserveLine: 'reserve', RemainderLine: 'remainder', ExpenditureLine: 'expenditure', SavingsLine: 'savings',
    QualityScoreLine: 'quality score', QualityStandardLine: 'quality standard', LossesReducedLine: 'losses reduced by',
    LossesForgivenLine: 'losses forgiven', YearLine: 'year', ExpenditureDistributionLine: 'expenditure',
    SavingsDistributionLine: 'savings', QualityDistributionLine: 'quality score', TrialsLine: 'trials', SeedLine: 'seed',
    RevenueCategoryLine: 'revenue category', HealthEquityLine: 'health equity benchmark adjustment',
    HalfRateLine: 'below minimum savings rate share half', AlternativeStandardLine: 'alternative standard',
    AlternativeStandardVerdictLine: 'alternative standard', GuardrailLine: 'guardrail applies',
    BaseYearWeightsLine: 'base year weights', RegionalAdjustmentLine: 'regional adjustment', NoNegativeAdjustmentLine: 'no negative regional adjustment',
    RiskRatioCapLine: 'risk ratio cap', PersonYearsLine: 'performance year person years', BaseCostsLine: 'expenditure per capita',
    RiskScoresLine: 'risk scores', NationalCostsLine: 'national per capita', RegionalCostsLine: 'regional per capita',
    NationalWeightsLine: 'national weight', PersonYearsShareLine: 'share of person years', PriorSavingsLine: 'prior savings adjustment',
    BaseCostLine: 'base cost', BudgetTrendLine: 'trend', RiskScoreRatioLine: 'risk score'
};

/** Lines a section may hold more than once. */
const REPEATABLE = new Set([
    'Provider', 'Measure', 'CorridorLine', 'CapitationRateLine', 'ResultLine', 'ExpectEarnedLine', 'ExpectProviderLine', 'PartyLine', 'CapLine',
    'EnrollmentType', 'TypeExpenditureLine', 'QualityTierLine', 'ShareLine', 'RemainderLine'
]);

/** Lines that the grammar accepts in both savings and losses sections, and where they belong. */
const SAVINGS_ONLY = new Set(['MinimumSavingsRateLine', 'QualityAdjustmentLine', 'SequestrationLine', 'QualityWithholdLine']);
const LOSSES_ONLY = new Set(['MinimumLossRateLine', 'ParticipantRevenueLine']);

export function checkSections(contract: ast.Contract, accept: ValidationAcceptor): void {
    const seen = new Set<string>();
    for (const section of contract.sections) {
        if (ast.isScenario(section) || ast.isYearTerms(section) || ast.isProjection(section)) {
            continue;
        }
        if (seen.has(section.$type)) {
            const name = SECTION_NAMES[section.$type] ?? section.$type;
            accept('error', `The ${name} section is given twice; a contract has at most one.`,
                { node: section, keyword: name.split(' ')[0], code: IssueCodes.DuplicateSection });
        }
        seen.add(section.$type);
    }
    checkDuplicateScenarioNames(contract, accept);
}

function checkDuplicateScenarioNames(contract: ast.Contract, accept: ValidationAcceptor): void {
    const names = new Set<string>();
    // A scenario whose name did not parse has a syntax error already, not a duplicate name.
    for (const scenario of contract.sections.filter(ast.isScenario).filter(s => s.name !== undefined)) {
        if (names.has(scenario.name)) {
            accept('error', `Another scenario is already called "${scenario.name}"; scenario names must be unique.`,
                { node: scenario, property: 'name', code: IssueCodes.DuplicateId });
        }
        names.add(scenario.name);
    }
}

/** Reports the second and later occurrence of a term that may appear once per section. */
export function checkRepeatedLines(lines: readonly AstNode[], accept: ValidationAcceptor): void {
    const seen = new Set<string>();
    for (const line of lines) {
        let key = line.$type;
        if (REPEATABLE.has(key)) {
            if (ast.isCapLine(line)) {
                key = `CapLine:${line.base}`;
            } else if (ast.isPartyLine(line)) {
                key = `PartyLine:${line.role}`;
            } else if (ast.isResultLine(line) && line.measure?.$refText) {
                key = `ResultLine:${line.measure.$refText}`;
            } else if (ast.isShareLine(line) || ast.isRemainderLine(line)) {
                key = `${line.$type}:${line.side ?? ''}`;
            } else {
                continue;
            }
        }
        if (seen.has(key)) {
            const name = ast.isCapLine(line) ? `cap of ${line.base}` : ast.isPartyLine(line) ? line.role
                : ast.isResultLine(line) ? `result ${line.measure?.$refText}` : (LINE_NAMES[line.$type] ?? line.$type);
            accept('error', `'${name}' is given twice in this section; only one can apply.`,
                { node: line, code: IssueCodes.DuplicateLine });
        }
        seen.add(key);
    }
}

export function checkSectionLines(section: { lines: readonly AstNode[] }, accept: ValidationAcceptor): void {
    checkRepeatedLines(section.lines, accept);
}

export function checkSavingsLinesPlacement(section: ast.SharedSavings, accept: ValidationAcceptor): void {
    for (const line of section.lines.filter(l => LOSSES_ONLY.has(l.$type))) {
        accept('error', `'${LINE_NAMES[line.$type]}' belongs in the shared losses section.`, { node: line, code: IssueCodes.MisplacedLine });
    }
    // Forms the grammar takes in both sections but that mean something only for losses: under
    // shared savings they would be silently ignored.
    for (const line of section.lines) {
        if (ast.isSharingRateLine(line) && line.floor !== undefined) {
            accept('error', '`1 - final sharing rate between …` is how the loss sharing rate follows the savings rate: it belongs in the shared losses section. Under shared savings, write `sharing rate P%`.',
                { node: line, code: IssueCodes.MisplacedLine });
        } else if (ast.isCapLine(line) && line.base === 'revenue') {
            accept('error', 'A cap of participant revenue limits owed losses: it belongs in the shared losses section. Shared savings are capped as a share of the benchmark (`cap P% of benchmark`).',
                { node: line, code: IssueCodes.MisplacedLine });
        }
    }
}

export function checkLossesLinesPlacement(section: ast.SharedLosses, accept: ValidationAcceptor): void {
    for (const line of section.lines.filter(l => SAVINGS_ONLY.has(l.$type))) {
        accept('error', `'${LINE_NAMES[line.$type]}' belongs in the shared savings section.`, { node: line, code: IssueCodes.MisplacedLine });
    }
}

/** Provider and measure IDs are unique within the contract (one namespace for both). */
export function checkUniqueIds(contract: ast.Contract, accept: ValidationAcceptor): void {
    const seen = new Map<string, string>();
    const named: Array<ast.Provider | ast.Measure> = [];
    for (const section of contract.sections) {
        if (ast.isProviders(section)) {
            named.push(...section.providers);
        } else if (ast.isQuality(section)) {
            named.push(...section.lines.filter(ast.isMeasure));
        }
    }
    for (const node of named) {
        if (!node.name) {
            continue;
        }
        const kind = ast.isProvider(node) ? 'provider' : 'measure';
        const earlier = seen.get(node.name);
        if (earlier) {
            accept('error', `The ID '${node.name}' is already used by a ${earlier}; IDs must be unique within a contract.`,
                { node, property: 'name', code: IssueCodes.DuplicateId });
        } else {
            seen.set(node.name, kind);
        }
    }
}

export function checkProgram(line: ast.ProgramLine, accept: ValidationAcceptor): void {
    if (line.program === 'MSSP') {
        if (!line.track) {
            accept('error', 'Name the MSSP track: `track 1`, `track 1+`, `track 2`, `track 3`, `BASIC A` … `BASIC E` or `ENHANCED`.',
                { node: line, property: 'program', code: IssueCodes.UnknownTrack });
            return;
        }
        if (!trackOf(line.track)) {
            accept('error', 'Unknown MSSP track: use `track 1`, `track 1+`, `track 2`, `track 3`, `BASIC A` … `BASIC E` or `ENHANCED`.',
                { node: line, property: 'track', code: IssueCodes.UnknownTrack });
            return;
        }
        if (line.option) {
            accept('error', `'${line.option}' is an ACO REACH option, not an MSSP one.`, { node: line, property: 'option', code: IssueCodes.UnknownTrack });
        }
    } else if (line.program === 'REACH') {
        if (!line.option) {
            accept('error', 'Name the ACO REACH option: `global` or `professional`.', { node: line, property: 'program', code: IssueCodes.UnknownTrack });
            return;
        }
        if (line.track) {
            accept('error', 'ACO REACH has no tracks; write `program REACH global year …` or `program REACH professional year …`.',
                { node: line, property: 'track', code: IssueCodes.UnknownTrack });
        }
    }
    // In a `year N { … }` block the year comes from the term; at the top of a contract it is required.
    const inYearBlock = ast.isYearTerms(line.$container);
    if (inYearBlock && line.year !== undefined) {
        accept('error', 'Inside a `year N { … }` block, the program line changes only the track or option; its calendar year follows from the term. Remove `year …`.',
            { node: line, property: 'year', code: IssueCodes.InvalidYear });
        return;
    }
    if (!inYearBlock && line.year === undefined) {
        accept('error', 'Name the performance year of the program\'s rules: `program … year 2025`.', { node: line, property: 'program', code: IssueCodes.InvalidYear });
        return;
    }
    const program = programOf(line);
    const problem = program ? presetProblem(program) : undefined;
    if (problem) {
        accept('error', problem, { node: line, property: 'year', code: IssueCodes.UnsupportedProgram });
    }
}
