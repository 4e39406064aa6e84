/**
 * Checks on single values: rates within 0–100%, no negative money or counts, whole numbers where
 * a count is meant, money symbols that agree with the contract's currency, real calendar dates.
 * Which properties hold which kind of value is listed in the tables below, once.
 */
import { AstUtils, GrammarAST, GrammarUtils, type AstNode, type ValidationAcceptor } from 'langium';
import * as ast from '../generated/ast.js';
import { AcoGrammar } from '../generated/grammar.js';
import { MAX_COUNT, MAX_MONEY, MAX_PERCENT_FRACTION, MAX_PERFORMANCE_YEAR_MONTHS, MAX_SEED, MAX_TRIALS } from '../limits.js';
import { CURRENCY_SYMBOLS, parseMoneyText } from '../values.js';
import { IssueCodes } from './issue-codes.js';

/** Percent properties that mean a rate and must lie in [0%, 100%], by node type. */
const RATE_PROPERTIES: Record<string, readonly string[]> = {
    DiscountLine: ['rate'],
    ShareLine: ['rate'],
    CapitationWithholdLine: ['rate'],
    MinimumSavingsRateLine: ['rate'],
    MinimumLossRateLine: ['rate'],
    SharingRateLine: ['rate', 'floor', 'ceiling'],
    CorridorLine: ['lower', 'upper', 'share'],
    CapLine: ['rate'],
    SequestrationLine: ['rate'],
    QualityWithholdLine: ['rate'],
    StandardLine: ['rate'],
    ThresholdLine: ['rate'],
    TargetLine: ['rate'],
    WeightLine: ['rate'],
    ReserveLine: ['rate'],
    ResultLine: ['value'],
    QualityScoreLine: ['score'],
    LossesForgivenLine: ['rate'],
    QualityDistributionLine: ['low', 'high', 'mean', 'sd'],
    RegionalAdjustmentLine: ['weight', 'higherWeight', 'cap'],
    RiskRatioCapLine: ['cap'],
    RiskScoreRatioLine: ['cap'],
    NationalWeightsLine: ['performanceYear'],
    PersonYearsShareLine: ['baseYear', 'performanceYear']
};

/** Percents that may exceed 100% but not go below zero (a spread, or a mean share of the benchmark). */
const NON_NEGATIVE_PERCENTS: Record<string, readonly string[]> = {
    ExpenditureDistributionLine: ['mean', 'sd'],
    SavingsDistributionLine: ['sd']
};

/** Money properties that cannot be negative (only `expect … $X` may be: owed losses). */
const NON_NEGATIVE_MONEY: Record<string, readonly string[]> = {
    BenchmarkLine: ['amount'],
    CapitationRateLine: ['amount'],
    ParticipantRevenueLine: ['amount'],
    ExpenditureLine: ['amount'],
    LossesReducedLine: ['amount'],
    ExpectEarnedLine: ['tolerance'],
    ExpectProviderLine: ['tolerance'],
    BaseCostLine: ['amount'],
    NationalCostsLine: ['performanceYear'],
    RegionalCostsLine: ['performanceYear'],
    PriorSavingsLine: ['amount'],
    TypeExpenditureLine: ['amount']
};

/** Every money property, for the currency check. */
const MONEY_PROPERTIES: Record<string, readonly string[]> = {
    ...NON_NEGATIVE_MONEY,
    ExpectEarnedLine: ['amount', 'tolerance'],
    ExpectProviderLine: ['amount', 'tolerance'],
    HealthEquityLine: ['amount']
};

/** Number properties that are counts: whole and not negative. */
const COUNT_PROPERTIES: Record<string, readonly string[]> = {
    AssignedLine: ['count'],
    MinimumAssignedLine: ['count'],
    MemberMonthsLine: ['count'],
    AttributedLine: ['count'],
    PerformanceYearLine: ['months'],
    ProgramLine: ['year'],
    Track: ['number'],
    YearLine: ['year'],
    TrialsLine: ['count'],
    SeedLine: ['seed'],
    BudgetTrendLine: ['years']
};

const WORDS: Record<string, string> = {
    rate: 'rate', floor: 'floor', ceiling: 'ceiling', lower: 'corridor edge', upper: 'corridor edge',
    share: 'share', value: 'result', score: 'quality score', low: 'low end', high: 'high end', mean: 'mean', sd: 'standard deviation',
    amount: 'amount', tolerance: 'tolerance', count: 'count', months: 'number of months', year: 'year', number: 'track number', seed: 'seed',
    weight: 'weight', higherWeight: 'weight', cap: 'cap', baseYear: 'share', performanceYear: 'performance-year figure', years: 'number of years'
};

/** Value strings are normalized exact decimals (values.ts), so sign and size read off the text. */
function isNegative(value: string): boolean {
    return value.charCodeAt(0) === 45; // '-'
}

/** True for a fraction above 1 (a percent above 100%): a whole part over 1, or 1 with decimals. */
function isAboveOne(value: string): boolean {
    const dot = value.indexOf('.');
    const wholeDigits = dot < 0 ? value.length : dot;
    return wholeDigits > 1 || value[0] > '1' || (value[0] === '1' && dot >= 0);
}

/** The symbols that do not belong to each known currency. */
const FOREIGN_SYMBOLS: Record<string, string[]> = Object.fromEntries(Object.values(CURRENCY_SYMBOLS).map(code =>
    [code, Object.entries(CURRENCY_SYMBOLS).filter(([, c]) => c !== code).map(([symbol]) => symbol)]));

/** The contract's currency code, looked up once per contract. */
const currencies = new WeakMap<ast.Contract, string>();
function contractCurrency(node: AstNode): string {
    const contract = AstUtils.findRootNode(node);
    if (!ast.isContract(contract)) {
        return 'USD';
    }
    let code = currencies.get(contract);
    if (code === undefined) {
        code = contract.sections.find(ast.isCurrencyLine)?.code ?? 'USD';
        currencies.set(contract, code);
    }
    return code;
}

function valueOf(node: AstNode, property: string): string | undefined {
    const value = (node as unknown as Record<string, unknown>)[property];
    return typeof value === 'string' ? value : undefined;
}

function tokenText(node: AstNode, property: string): string {
    return GrammarUtils.findNodeForProperty(node.$cstNode, property)?.text ?? '';
}

export function checkRates(node: AstNode, accept: ValidationAcceptor): void {
    for (const property of RATE_PROPERTIES[node.$type] ?? []) {
        const value = valueOf(node, property);
        if (value === undefined) {
            continue;
        }
        if (isNegative(value) || isAboveOne(value)) {
            accept('error', `${tokenText(node, property)} is not a valid ${WORDS[property] ?? property}: a rate lies between 0% and 100%.`,
                { node, property: property as never, code: IssueCodes.PercentRange });
        }
    }
    for (const property of NON_NEGATIVE_PERCENTS[node.$type] ?? []) {
        const value = valueOf(node, property);
        if (value !== undefined && isNegative(value)) {
            accept('error', `The ${WORDS[property] ?? property} cannot be negative (${tokenText(node, property)}).`,
                { node, property: property as never, code: IssueCodes.PercentRange });
        }
    }
}

export function checkMoney(node: AstNode, accept: ValidationAcceptor): void {
    for (const property of NON_NEGATIVE_MONEY[node.$type] ?? []) {
        const value = valueOf(node, property);
        if (value !== undefined && isNegative(value)) {
            accept('error', `The ${WORDS[property] ?? property} cannot be negative (${tokenText(node, property)}).`,
                { node, property: property as never, code: IssueCodes.NegativeAmount });
        }
    }
    const moneyProperties = MONEY_PROPERTIES[node.$type];
    if (!moneyProperties) {
        return;
    }
    const code = contractCurrency(node);
    // Only a symbol of another currency can disagree: most lines have none, and are done here.
    const text = node.$cstNode?.text ?? '';
    if (!FOREIGN_SYMBOLS[code]?.some(symbol => text.includes(symbol))) {
        return;
    }
    for (const property of moneyProperties) {
        const text = tokenText(node, property);
        if (!text) {
            continue;
        }
        const symbol = parseMoneyText(text).symbol;
        const expected = CURRENCY_SYMBOLS[symbol];
        if (expected && expected !== code && Object.values(CURRENCY_SYMBOLS).includes(code)) {
            const wanted = Object.entries(CURRENCY_SYMBOLS).find(([, c]) => c === code)?.[0];
            accept('error', `${text} is in ${expected}, but the contract's currency is ${code}: write ${wanted}${text.replace(/^-?[$£€]/, '')}.`,
                { node, property: property as never, code: IssueCodes.CurrencyMismatch, data: { code: IssueCodes.CurrencyMismatch, symbol: wanted } });
        }
    }
}

export function checkCounts(node: AstNode, accept: ValidationAcceptor): void {
    for (const property of COUNT_PROPERTIES[node.$type] ?? []) {
        const value = valueOf(node, property);
        if (value === undefined) {
            continue;
        }
        if (isNegative(value)) {
            accept('error', `The ${WORDS[property] ?? property} cannot be negative (${tokenText(node, property)}).`,
                { node, property: property as never, code: IssueCodes.NegativeAmount });
        } else if (value.includes('.')) {
            accept('error', `The ${WORDS[property] ?? property} must be a whole number, not ${tokenText(node, property)}.`,
                { node, property: property as never, code: IssueCodes.NotWholeNumber });
        }
    }
}

export function checkCurrency(node: ast.CurrencyLine, accept: ValidationAcceptor): void {
    if (node.code && !Object.values(CURRENCY_SYMBOLS).includes(node.code)) {
        accept('error', `Unknown currency '${node.code}': use USD ($), GBP (£) or EUR (€).`,
            { node, property: 'code', code: IssueCodes.UnknownCurrency });
    }
}

/** True when `YYYY-MM-DD` names a day that exists. */
export function isCalendarDate(text: string): boolean {
    const [y, m, d] = text.split('-').map(Number);
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function checkDate(node: ast.StartLine | ast.EndLine, accept: ValidationAcceptor): void {
    if (node.date && !isCalendarDate(node.date)) {
        accept('error', `${node.date} is not a calendar date.`, { node, property: 'date', code: IssueCodes.InvalidDate });
    }
}

/** Performance years are counted from 1, and a performance year lasts at least a month. */
export function checkYear(node: ast.YearLine | ast.PerformanceYearLine, accept: ValidationAcceptor): void {
    if (ast.isYearLine(node) && node.year === '0') {
        accept('error', 'Performance years are counted from 1: `year 1` is the first.', { node, property: 'year', code: IssueCodes.InvalidYear });
    } else if (ast.isPerformanceYearLine(node) && node.months === '0') {
        accept('error', 'A performance year lasts at least one month.', { node, property: 'months', code: IssueCodes.InvalidYear });
    }
}

// ---- magnitudes -----------------------------------------------------------------------------

type ValueTerminal = 'MONEY' | 'NUMBER' | 'PERCENT';

interface Magnitude {
    limit: string;
    code: string;
    message: (text: string) => string;
}

/** A property that holds money, a number or a percent, and the largest value it may hold. */
interface ValueProperty extends Magnitude {
    property: string;
}

function formatLimit(digits: string): string {
    return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

const KIND_LIMITS: Record<ValueTerminal, Magnitude> = {
    MONEY: { limit: MAX_MONEY, code: IssueCodes.AmountTooLarge, message: text => `${text} is beyond the largest amount a contract may state (${formatLimit(MAX_MONEY)}).` },
    NUMBER: { limit: MAX_COUNT, code: IssueCodes.CountTooLarge, message: text => `${text} is beyond the largest number a contract may state (${formatLimit(MAX_COUNT)}).` },
    PERCENT: { limit: MAX_PERCENT_FRACTION, code: IssueCodes.PercentTooLarge, message: text => `${text} is beyond the largest percent a contract may state (±${formatLimit(String(Number(MAX_PERCENT_FRACTION) * 100))}%).` }
};

/** Limits of particular terms, tighter than their kind's (or, for seeds, wider). */
const TERM_LIMITS: Record<string, Record<string, Magnitude>> = {
    PerformanceYearLine: {
        months: { limit: String(MAX_PERFORMANCE_YEAR_MONTHS), code: IssueCodes.CountTooLarge, message: text => `A performance year of ${text} months is longer than a performance year may last (${MAX_PERFORMANCE_YEAR_MONTHS} months).` }
    },
    TrialsLine: {
        count: { limit: String(MAX_TRIALS), code: IssueCodes.CountTooLarge, message: text => `${text} trials is more than a Monte Carlo run may take (${formatLimit(String(MAX_TRIALS))}).` }
    },
    SeedLine: {
        seed: { limit: String(MAX_SEED), code: IssueCodes.CountTooLarge, message: text => `The seed ${text} is larger than a seed may be (${formatLimit(String(MAX_SEED))}).` }
    }
};

/** Which properties of each node type hold money, numbers or percents, read off the grammar once. */
let valueProperties: Map<string, ValueProperty[]> | undefined;

function valuePropertiesOf(type: string): ValueProperty[] | undefined {
    if (!valueProperties) {
        valueProperties = new Map();
        for (const rule of AcoGrammar().rules.filter(GrammarAST.isParserRule)) {
            const found: ValueProperty[] = [];
            for (const assignment of AstUtils.streamAllContents(rule).filter(GrammarAST.isAssignment)) {
                const name = GrammarAST.isRuleCall(assignment.terminal) ? assignment.terminal.rule.ref?.name : undefined;
                if ((name === 'MONEY' || name === 'NUMBER' || name === 'PERCENT') && !found.some(p => p.property === assignment.feature)) {
                    found.push({ property: assignment.feature, ...(TERM_LIMITS[rule.name]?.[assignment.feature] ?? KIND_LIMITS[name]) });
                }
            }
            if (found.length > 0) {
                valueProperties.set(rule.name, found);
            }
        }
    }
    return valueProperties.get(type);
}

/** |value| > limit, both exact decimal strings (values.ts normalizes them: no leading zeros). */
function beyond(value: string, limit: string): boolean {
    const sign = isNegative(value) ? 1 : 0;
    // Most values are far shorter than any limit: their whole part cannot exceed it.
    if (value.length - sign < limit.length) {
        return false;
    }
    const dot = value.indexOf('.');
    const whole = value.slice(sign, dot < 0 ? value.length : dot);
    if (whole.length !== limit.length) {
        return whole.length > limit.length;
    }
    return whole > limit || (whole === limit && dot >= 0);
}

/**
 * Values beyond the magnitudes of language/limits.ts: so large that no contract means them, and
 * that derived figures would stop reading as figures (exponents, overflowing floats, dates past
 * the calendar's end).
 */
export function checkMagnitudes(node: AstNode, accept: ValidationAcceptor): void {
    const properties = valuePropertiesOf(node.$type);
    if (!properties) {
        return;
    }
    for (const entry of properties) {
        const raw = (node as unknown as Record<string, unknown>)[entry.property];
        if (typeof raw === 'string') {
            if (beyond(raw, entry.limit)) {
                reportMagnitude(node, entry, raw, 0, accept);
            }
        } else if (Array.isArray(raw)) {
            raw.forEach((value, index) => {
                if (typeof value === 'string' && beyond(value, entry.limit)) {
                    reportMagnitude(node, entry, value, index, accept);
                }
            });
        }
    }
}

function reportMagnitude(node: AstNode, entry: ValueProperty, value: string, index: number, accept: ValidationAcceptor): void {
    const token = GrammarUtils.findNodesForProperty(node.$cstNode, entry.property)[index];
    accept('error', entry.message(token?.text ?? value), token
        ? { node, range: token.range, code: entry.code }
        : { node, property: entry.property as never, code: entry.code });
}
