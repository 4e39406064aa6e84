/**
 * Contracts that are legal but almost surely wrong, as an actuary reviewing a draft would catch
 * them: a benchmark, expenditure, capitation or equity adjustment whose magnitude per member is
 * far outside what the population and program make plausible (usually a figure written in the
 * wrong unit), member months that the beneficiaries cannot have, rates far outside what programs
 * use (often a fraction written with a % sign), uncertainty means that read as the other
 * distribution, and a revenue category the participant revenue contradicts. The ranges are in
 * plausible-ranges.ts. Each diagnostic sits on the token at fault and, where the intent is plain,
 * carries the edit that fixes it.
 */
import { AstUtils, type AstNode, type ValidationAcceptor } from 'langium';
import type { Range } from 'vscode-languageserver-types';
import * as ast from '../generated/ast.js';
import { Dec } from '../decimal.js';
import { formatCount, formatMoney, formatPercent } from '../format.js';
import type { BenchmarkBasis, ContractModel } from '../model/contract-model.js';
import { modelForYear } from '../model/year-models.js';
import { memberMonths } from '../settlement/benchmark.js';
import { rangeFrom, rangeOf, replaceFix, type FixData, type ProposedFix } from './diagnostic-extras.js';
import { IssueCodes } from './issue-codes.js';
import {
    CAPITATION_SHARE, EXPENDITURE_SHARE, HEBA_SHARE, MEMBER_MONTHS_SHARE, MINIMUM_RATE_OBSERVED, RATE_BOUNDS, SAVINGS_RATE,
    MINIMUM_RATE_CEILING_FLOOR, benchmarkBounds, minimumRateCeiling, type Bounds, type RateBounds
} from './plausible-ranges.js';

/** The checks across a contract's figures; each rate line is checked on its own (checkRatePlausibility). */
export function checkPlausibility(contract: ast.Contract, model: ContractModel, accept: ValidationAcceptor): void {
    const benchmarkImplausible = checkBenchmark(contract, model, accept);
    checkHealthEquity(contract, model, accept);
    checkExpenditures(contract, model, benchmarkImplausible, accept);
    checkCapitation(contract, model, accept);
    checkMemberMonths(contract, model, accept);
    checkUncertaintyMeans(contract, accept);
    checkRevenueCategory(contract, model, accept);
}

// ---- Helpers --------------------------------------------------------------------------------------

function within(value: Dec, range: Bounds): boolean {
    return value.greaterThanOrEqualTo(range.low) && value.lessThanOrEqualTo(range.high);
}

/**
 * Whether `part / whole` is within `range`, without the 60-digit division when `whole` is
 * positive (every benchmark here is): most figures are plausible, and the share is then never shown.
 */
function shareWithin(part: Dec, whole: Dec, range: Bounds): boolean {
    if (!whole.greaterThan(0)) {
        return within(part.dividedBy(whole), range);
    }
    return part.greaterThanOrEqualTo(whole.times(range.low)) && part.lessThanOrEqualTo(whole.times(range.high));
}

function money(amount: Dec, model: ContractModel): string {
    return formatMoney(amount.toDecimalPlaces(2), model.currency, 2);
}

/** A range's ends: whole amounts. */
function bound(amount: Dec, model: ContractModel): string {
    return formatMoney(amount.round(), model.currency, 0);
}

/** A share for a message: `1159.1%`, or `less than 0.1%` rather than a misleading `0%`. */
function shareText(value: Dec): string {
    return value.abs().lessThan('0.001') && !value.isZero() ? 'less than 0.1%' : formatPercent(value, 1);
}

/** The text of a node's property as written (`$1,050.00`, `0.75%`). */
function text(node: AstNode, property: string): string {
    const range = rangeOf(node, property);
    return range ? AstUtils.getDocument(node).textDocument.getText(range) : '';
}

/** Reports a diagnostic on `range` (or the node) with the fixes it proposes. */
function report(accept: ValidationAcceptor, severity: 'error' | 'warning', message: string, node: AstNode, range: Range | undefined, code: string, fixes: ProposedFix[] = []): void {
    const data: FixData = { code, fixes };
    accept(severity, message, range ? { node, range, code, data } : { node, code, data });
}

const BASIS_WORDS: Record<BenchmarkBasis, string> = {
    'per member per month': 'per member per month', 'per member per year': 'per member per year', total: 'total'
};

/** What a figure read in each basis is: "a per member per month figure". */
const BASIS_READING: Record<BenchmarkBasis, string> = {
    'per member per month': 'a per member per month figure', 'per member per year': 'an annual per-beneficiary figure', total: 'the total'
};

/** An amount per beneficiary per year, read in `basis`; undefined for a total without member months. */
function perBeneficiaryYear(amount: Dec, basis: BenchmarkBasis, mm: Dec | undefined): Dec | undefined {
    if (basis === 'per member per month') {
        return amount.times(12);
    }
    if (basis === 'per member per year') {
        return amount;
    }
    return mm && mm.greaterThan(0) ? amount.times(12).dividedBy(mm) : undefined;
}

/** Whether `perBeneficiaryYear` of the amount is within `range`; a total is compared without dividing by its member months. */
function perBeneficiaryYearWithin(amount: Dec, basis: BenchmarkBasis, mm: Dec | undefined, range: Bounds): boolean {
    if (basis === 'total') {
        return mm !== undefined && mm.greaterThan(0) && shareWithin(amount.times(12), mm, range);
    }
    const perYear = perBeneficiaryYear(amount, basis, mm);
    return perYear !== undefined && within(perYear, range);
}

/** B0 of a stated benchmark (before trend), or undefined when it cannot be worked out. */
function statedBenchmark(model: ContractModel): Dec | undefined {
    const term = model.population.benchmark;
    if (!term || !term.amount.greaterThan(0)) {
        return undefined;
    }
    if (term.basis === 'total') {
        return term.amount;
    }
    const mm = memberMonths(model);
    if (!mm || !mm.greaterThan(0)) {
        return undefined;
    }
    return term.basis === 'per member per month' ? term.amount.times(mm) : term.amount.times(mm).dividedBy(12);
}

// ---- Benchmark and health equity adjustment -------------------------------------------------------

/** Returns whether the benchmark was reported as implausible. */
function checkBenchmark(contract: ast.Contract, model: ContractModel, accept: ValidationAcceptor): boolean {
    const line = contract.sections.find(ast.isPopulation)?.lines.find(ast.isBenchmarkLine);
    const term = model.population.benchmark;
    if (!line || !term || !term.amount.greaterThan(0)) {
        return false;
    }
    const mm = memberMonths(model);
    const range = benchmarkBounds(model.program);
    if (perBeneficiaryYearWithin(term.amount, term.basis, mm, range)) {
        return false;
    }
    const perYear = perBeneficiaryYear(term.amount, term.basis, mm);
    if (!perYear) {
        return false;
    }
    const side = perYear.greaterThan(range.high) ? 'far above' : 'far below';
    if (term.ofPremium) {
        // `benchmark 85% of premium`: the unit is fixed; the premium figure is what to check.
        const premium = contract.sections.find(ast.isPopulation)?.lines.find(ast.isPremiumLine);
        report(accept, 'warning', `A benchmark of ${text(line, 'share')} of a ${money(term.ofPremium.premium, model)} premium is ${money(perYear, model)} per beneficiary per year, ${side} the plausible ${bound(range.low, model)}–${bound(range.high, model)} (${range.observed}). Check the premium and the share.`,
            premium ?? line, premium ? rangeOf(premium, 'amount') : rangeOf(line, 'share'), IssueCodes.ImplausibleBenchmark);
        return true;
    }
    const written = `${text(line, 'amount')} ${BASIS_WORDS[term.basis]}`;
    let message = `A benchmark of ${written} is ${money(perYear, model)} per beneficiary per year, ${side} the plausible ${bound(range.low, model)}–${bound(range.high, model)} (${range.observed}).`;
    const fits = (Object.keys(BASIS_WORDS) as BenchmarkBasis[]).find(basis => {
        const reading = basis === term.basis ? undefined : perBeneficiaryYear(term.amount, basis, mm);
        return reading !== undefined && within(reading, range);
    });
    if (!fits) {
        message += term.basis === 'total' ? ' Check the figure and the assigned beneficiaries.' : ' Check the figure and its unit.';
        report(accept, 'warning', message, line, rangeOf(line, 'amount'), IssueCodes.ImplausibleBenchmark);
        return true;
    }
    message += ` ${text(line, 'amount')} looks like ${BASIS_READING[fits]}: write \`${BASIS_WORDS[fits]}\`.`;
    const unit = rangeFrom(line, 'basis');
    report(accept, 'warning', message, line, unit, IssueCodes.ImplausibleBenchmark, replaceFix(`Write ${BASIS_WORDS[fits]}`, unit, BASIS_WORDS[fits]));
    return true;
}

function checkHealthEquity(contract: ast.Contract, model: ContractModel, accept: ValidationAcceptor): void {
    const line = contract.sections.find(ast.isPopulation)?.lines.find(ast.isHealthEquityLine);
    const term = model.population.healthEquityAdjustment;
    const benchmark = statedBenchmark(model);
    const mm = memberMonths(model);
    if (!line || !term || !benchmark || term.amount.isZero()) {
        return;
    }
    const total = term.basis === 'total' ? term.amount : mm ? term.amount.times(mm) : undefined;
    if (!total || shareWithin(total, benchmark, HEBA_SHARE)) {
        return;
    }
    const ratio = total.dividedBy(benchmark);
    let message = `A health equity benchmark adjustment of ${text(line, 'amount')} ${term.basis} is ${shareText(ratio)} of the ${money(benchmark, model)} benchmark (${HEBA_SHARE.observed}).`;
    const other = term.basis === 'total' ? 'per member per month' : 'total';
    const reading = other === 'total' ? term.amount : mm?.times(term.amount);
    if (reading && within(reading.dividedBy(benchmark), HEBA_SHARE)) {
        message += ` ${text(line, 'amount')} looks like ${other === 'total' ? 'the total' : 'a per member per month figure'}: write \`${other}\`.`;
        const unit = rangeFrom(line, 'basis');
        report(accept, 'warning', message, line, unit, IssueCodes.ImplausibleBenchmark, replaceFix(`Write ${other}`, unit, other));
        return;
    }
    report(accept, 'warning', `${message} Check the figure.`, line, rangeOf(line, 'amount'), IssueCodes.ImplausibleBenchmark);
}

// ---- Expenditure against the benchmark ------------------------------------------------------------

/** The scenarios and projection years, each with the performance year it settles. */
function spendingBlocks(contract: ast.Contract, model: ContractModel): Array<{ lines: readonly ast.ScenarioLine[]; year: number }> {
    const blocks: Array<{ lines: readonly ast.ScenarioLine[]; year: number }> = [];
    for (const scenario of contract.sections.filter(ast.isScenario)) {
        const written = Number(scenario.lines.find(ast.isYearLine)?.year);
        blocks.push({ lines: scenario.lines, year: Number.isInteger(written) && written >= 1 ? written : model.agreement?.defaultYear ?? 1 });
    }
    // Walking the whole contract for projection years costs every contract; only those with a projection need it.
    if (contract.sections.some(ast.isProjection)) {
        for (const year of AstUtils.streamAllContents(contract).filter(ast.isProjectionYear)) {
            blocks.push({ lines: year.lines, year: Number(year.year) });
        }
    }
    return blocks;
}

/** Years this far on are a calendar year or a slip (agreement-checks.ts says so): the trend would mean nothing. */
const LAST_TRENDED_YEAR = 100;

/** B0 in performance year `year`: the stated benchmark of that year's terms, trended. */
function benchmarkInYear(model: ContractModel, year: number): Dec | undefined {
    const count = model.agreement?.count;
    if (!Number.isInteger(year) || year < 1 || year > LAST_TRENDED_YEAR || (count !== undefined && year > count)) {
        return undefined;
    }
    const yearModel = modelForYear(model, year);
    const base = statedBenchmark(yearModel);
    const trend = yearModel.population.trend;
    return base && trend && year > 1 ? base.times(new Dec(1).plus(trend.rate).pow(year - 1)) : base;
}

/** One expenditure line with what it spends and its year's benchmark. */
interface Spending {
    line: ast.ExpenditureLine;
    amount: Dec;
    perMonth: boolean;
    mm?: Dec;
    benchmark: Dec;
    spent: Dec;
    /** spent / benchmark, worked out when first asked (shareOf). */
    share?: Dec;
}

function shareOf(item: Spending): Dec {
    item.share ??= item.spent.dividedBy(item.benchmark);
    return item.share;
}

function spendsWithin(item: Spending, range: Bounds): boolean {
    return item.share ? within(item.share, range) : shareWithin(item.spent, item.benchmark, range);
}

function spendingLines(contract: ast.Contract, model: ContractModel, accept: ValidationAcceptor): Spending[] {
    const items: Spending[] = [];
    for (const block of spendingBlocks(contract, model)) {
        const benchmark = benchmarkInYear(model, block.year);
        const mm = memberMonths(benchmark ? modelForYear(model, block.year) : model);
        for (const line of block.lines) {
            if (ast.isSavingsLine(line)) {
                checkSavingsRate(line, accept);
            }
            if (!ast.isExpenditureLine(line) || !benchmark || line.amount === undefined) {
                continue;
            }
            const amount = new Dec(line.amount);
            const perMonth = line.basis !== 'total';
            const spent = perMonth ? mm?.times(amount) : amount;
            if (spent && !amount.isNegative()) {
                items.push({ line, amount, perMonth, mm, benchmark, spent });
            }
        }
    }
    return items;
}

/** How much larger the benchmark is when its amount is read in `to` rather than `from`. */
function basisFactor(from: BenchmarkBasis, to: BenchmarkBasis, mm: Dec | undefined): Dec | undefined {
    const monthlyMultiple: Record<BenchmarkBasis, Dec | undefined> = {
        'per member per month': mm, 'per member per year': mm?.dividedBy(12), total: new Dec(1)
    };
    const a = monthlyMultiple[from];
    const b = monthlyMultiple[to];
    return a && b && !a.isZero() ? b.dividedBy(a) : undefined;
}

/**
 * Expenditure against its year's benchmark (published settlements spend 63–144% of it). Far off,
 * one of the two is in the wrong unit: when every scenario is off alike and another unit for the
 * benchmark fits them all, the benchmark is reported; otherwise each expenditure line, with the
 * readings that would fit (the other unit, a per-beneficiary annual figure, or the benchmark's).
 * Skipped when the benchmark is itself implausible: its own warning says what to fix first.
 */
function checkExpenditures(contract: ast.Contract, model: ContractModel, benchmarkImplausible: boolean, accept: ValidationAcceptor): void {
    const items = spendingLines(contract, model, accept);
    const off = items.filter(item => !spendsWithin(item, EXPENDITURE_SHARE.warn));
    if (off.length === 0 || benchmarkImplausible) {
        return;
    }
    const benchmarkLine = contract.sections.find(ast.isPopulation)?.lines.find(ast.isBenchmarkLine);
    const term = model.population.benchmark;
    const mm = memberMonths(model);
    // Another unit for the benchmark that brings every expenditure line within range.
    const benchmarkBasis = off.length === items.length && benchmarkLine && term
        ? (Object.keys(BASIS_WORDS) as BenchmarkBasis[]).find(basis => {
            const factor = basis === term.basis ? undefined : basisFactor(term.basis, basis, mm);
            const perYear = perBeneficiaryYear(term.amount, basis, mm);
            return factor && perYear && within(perYear, benchmarkBounds(model.program)) && items.every(item => within(shareOf(item).dividedBy(factor), EXPENDITURE_SHARE.warn));
        })
        : undefined;
    const severityOf = (items: readonly Spending[]): 'error' | 'warning' => items.every(item => spendsWithin(item, EXPENDITURE_SHARE.error)) ? 'warning' : 'error';
    const codeOf = (severity: 'error' | 'warning'): string => severity === 'error' ? IssueCodes.ExpenditureUnits : IssueCodes.ImplausibleExpenditure;
    const unit = benchmarkLine ? rangeFrom(benchmarkLine, 'basis') : undefined;
    const benchmarkFix = benchmarkBasis && unit ? replaceFix(`Make the benchmark ${BASIS_WORDS[benchmarkBasis]}`, unit, BASIS_WORDS[benchmarkBasis]) : [];
    if (benchmarkBasis && benchmarkLine && term && items.length > 1) {
        const low = Dec.min(...items.map(shareOf));
        const high = Dec.max(...items.map(shareOf));
        const severity = severityOf(items);
        report(accept, severity, `Every scenario spends ${shareText(low)}–${shareText(high)} of the benchmark of ${text(benchmarkLine, 'amount')} ${BASIS_WORDS[term.basis]} (${EXPENDITURE_SHARE.warn.observed}): ${text(benchmarkLine, 'amount')} looks like ${BASIS_READING[benchmarkBasis]}. Write \`${BASIS_WORDS[benchmarkBasis]}\`.`,
            benchmarkLine, unit, codeOf(severity), benchmarkFix);
        return;
    }
    for (const item of off) {
        const severity = severityOf([item]);
        const readings = expenditureReadings(item, model);
        // The benchmark's own unit first when the benchmark is what looks out of range.
        const benchmarkFirst = term !== undefined && !within(perBeneficiaryYear(term.amount, term.basis, mm) ?? new Dec(0), benchmarkBounds(model.program));
        const own = readings.map(reading => reading.fix);
        const fixes = benchmarkFirst ? [...benchmarkFix, ...own] : [...own, ...benchmarkFix];
        const why = [...readings.map(reading => reading.reading),
            ...(benchmarkFix.length > 0 && benchmarkLine && benchmarkBasis ? [`the benchmark's ${text(benchmarkLine, 'amount')} looks like ${BASIS_READING[benchmarkBasis]}`] : [])];
        const written = `${text(item.line, 'amount')} ${item.perMonth ? 'per member per month' : 'total'}`;
        const message = `Expenditure of ${written} is ${shareText(shareOf(item))} of the ${money(item.benchmark, model)} benchmark (${EXPENDITURE_SHARE.warn.observed}): `
            + (why.length > 0 ? `${why.join('; or ')}.` : 'check the figure and its unit.');
        // On the token the first reading of this line would change: its unit or its amount.
        const range = !benchmarkFirst && readings.length > 0 ? readings[0].fix.edits[0].range : rangeOf(item.line, 'amount');
        report(accept, severity, message, item.line, range, codeOf(severity), fixes);
    }
}

/** The readings of an expenditure line that would bring it within range of the benchmark, with their fixes. */
function expenditureReadings(item: Spending, model: ContractModel): Array<{ reading: string; fix: ProposedFix }> {
    const { line, amount, perMonth, mm, benchmark } = item;
    const share = shareOf(item);
    const written = text(line, 'amount');
    const readings: Array<{ reading: string; fix: ProposedFix }> = [];
    const unit = rangeFrom(line, 'basis');
    const amountRange = rangeOf(line, 'amount');
    const otherBasis = perMonth ? 'total' : 'per member per month';
    const otherSpent = perMonth ? amount : mm?.times(amount);
    if (otherSpent && unit && within(otherSpent.dividedBy(benchmark), EXPENDITURE_SHARE.warn)) {
        readings.push({ reading: `${written} looks like ${perMonth ? 'the total' : 'a per member per month figure'}: write \`${otherBasis}\``, fix: { title: `Write ${otherBasis}`, edits: [{ range: unit, newText: otherBasis }] } });
    }
    if (perMonth && amountRange && within(share.dividedBy(12), EXPENDITURE_SHARE.warn)) {
        const monthly = money(amount.dividedBy(12).toDecimalPlaces(2), model);
        readings.push({ reading: `${written} looks like an annual per-beneficiary figure: per month it is ${monthly}`, fix: { title: `Write ${monthly} per member per month`, edits: [{ range: amountRange, newText: monthly }] } });
    }
    if (!perMonth && mm && amountRange && within(amount.times(mm).dividedBy(12).dividedBy(benchmark), EXPENDITURE_SHARE.warn)) {
        const total = money(amount.times(mm).dividedBy(12).toDecimalPlaces(2), model);
        readings.push({ reading: `${written} looks like an annual per-beneficiary figure: for ${formatCount(mm)} member months the total is ${total}`, fix: { title: `Write ${total} total`, edits: [{ range: amountRange, newText: total }] } });
    }
    return readings;
}

function checkSavingsRate(line: ast.SavingsLine, accept: ValidationAcceptor): void {
    if (line.rate === undefined) {
        return;
    }
    const rate = new Dec(line.rate);
    if (rate.greaterThanOrEqualTo(1)) {
        accept('error', `Savings of ${text(line, 'rate')} would leave the ACO spending ${rate.equals(1) ? 'nothing' : 'less than nothing'}: \`savings P%\` is the share of the benchmark not spent, below 100%.`,
            { node: line, property: 'rate', code: IssueCodes.PercentRange });
    } else if (!within(rate, SAVINGS_RATE)) {
        accept('warning', `Savings of ${text(line, 'rate')} of the benchmark is far outside what ACOs achieve (${SAVINGS_RATE.observed}). Check the figure.`,
            { node: line, property: 'rate', code: IssueCodes.ImplausibleExpenditure });
    }
}

// ---- Capitation -------------------------------------------------------------------------------------

function checkCapitation(contract: ast.Contract, model: ContractModel, accept: ValidationAcceptor): void {
    const benchmark = statedBenchmark(model);
    const mm = memberMonths(model);
    const lines = contract.sections.find(ast.isCapitation)?.lines.filter(ast.isCapitationRateLine) ?? [];
    if (!benchmark || !mm || !mm.greaterThan(0)) {
        return;
    }
    for (const line of lines) {
        const rate = line.amount === undefined ? undefined : new Dec(line.amount);
        if (!rate || !rate.greaterThan(0)) {
            continue;
        }
        const bounds = line.service === 'total' ? CAPITATION_SHARE.total : CAPITATION_SHARE.partial;
        // rate / (benchmark / mm) ≤ high, without dividing: most contracts' capitation is plausible.
        if (rate.times(mm).lessThanOrEqualTo(benchmark.times(bounds.high))) {
            continue;
        }
        const perMonth = benchmark.dividedBy(mm);
        const share = rate.dividedBy(perMonth);
        const service = `${line.service} care`;
        let message = `${service.charAt(0).toUpperCase()}${service.slice(1)} capitation of ${text(line, 'amount')} per member per month is ${formatPercent(share, 1)} of the ${money(perMonth, model)} benchmark per member per month (${bounds.observed}).`;
        const monthly = rate.dividedBy(12).toDecimalPlaces(2);
        const amountRange = rangeOf(line, 'amount');
        if (monthly.dividedBy(perMonth).lessThanOrEqualTo(bounds.high)) {
            message += ` ${text(line, 'amount')} looks like an annual figure: per month it is ${money(monthly, model)}.`;
            report(accept, 'warning', message, line, amountRange, IssueCodes.ImplausibleCapitation, replaceFix(`Write ${money(monthly, model)} per member per month`, amountRange, money(monthly, model)));
        } else {
            report(accept, 'warning', `${message} Check the figure.`, line, amountRange, IssueCodes.ImplausibleCapitation);
        }
    }
}

// ---- Member months -----------------------------------------------------------------------------------

function checkMemberMonths(contract: ast.Contract, model: ContractModel, accept: ValidationAcceptor): void {
    const line = contract.sections.find(ast.isPopulation)?.lines.find(ast.isMemberMonthsLine);
    const { beneficiaries, memberMonths: stated } = model.population;
    if (!line || !beneficiaries || !stated || !beneficiaries.greaterThan(0) || !stated.isInteger()) {
        return;
    }
    const months = model.term.months;
    const full = beneficiaries.times(months);
    const share = stated.dividedBy(full);
    if (within(share, MEMBER_MONTHS_SHARE)) {
        return;
    }
    const what = share.greaterThan(1)
        ? `more than ${formatCount(beneficiaries)} beneficiaries can have in ${months} months (${formatCount(full)})`
        : `${formatPercent(share, 1)} of the ${formatCount(full)} that ${formatCount(beneficiaries)} beneficiaries have in ${months} months`;
    const looksLikeCount = stated.equals(beneficiaries) ? ` ${formatCount(stated)} is the number of beneficiaries, not their months.` : '';
    const range = rangeOf(line, 'count');
    report(accept, 'warning', `${formatCount(stated)} member months is ${what} (${MEMBER_MONTHS_SHARE.observed}).${looksLikeCount}`,
        line, range, IssueCodes.MemberMonthsMismatch, replaceFix(`Change to ${formatCount(full)} (${formatCount(beneficiaries)} × ${months})`, range, formatCount(full)));
}

// ---- Rates -----------------------------------------------------------------------------------------

/** The bounds of each rate line type (all leaf types, so `$type` names them exactly), and the property holding the rate. */
const RATE_LINES: Readonly<Record<string, readonly [property: string, bounds: RateBounds]>> = {
    [ast.CorridorLine.$type]: ['share', RATE_BOUNDS.corridorShare],
    [ast.CapLine.$type]: ['rate', RATE_BOUNDS.cap],
    [ast.SequestrationLine.$type]: ['rate', RATE_BOUNDS.sequestration],
    [ast.QualityWithholdLine.$type]: ['rate', RATE_BOUNDS.qualityWithhold],
    [ast.DiscountLine.$type]: ['rate', RATE_BOUNDS.discount],
    [ast.TrendLine.$type]: ['rate', RATE_BOUNDS.trend],
    [ast.CapitationWithholdLine.$type]: ['rate', RATE_BOUNDS.capitationWithhold],
    [ast.StandardLine.$type]: ['rate', RATE_BOUNDS.standard],
    [ast.QualityScoreLine.$type]: ['score', RATE_BOUNDS.qualityScore]
};

/** The node types checkRatePlausibility looks at: the validator registers it for each (validator.ts). */
export const RATE_LINE_TYPES: readonly string[] = [
    ast.SharingRateLine.$type, ast.MinimumSavingsRateLine.$type, ast.MinimumLossRateLine.$type, ...Object.keys(RATE_LINES)
];

/** The property holding a rate line's rate and the range it should lie in; undefined when there is nothing to check. */
function rateCheckOf(node: AstNode, model: () => ContractModel | undefined): [property: string, bounds: RateBounds] | undefined {
    const type = node.$type;
    if (type === ast.SharingRateLine.$type) {
        return ast.isSharedLosses(node.$container) ? ['rate', RATE_BOUNDS.lossSharingRate] : ['rate', RATE_BOUNDS.savingsSharingRate];
    }
    if (type === ast.MinimumSavingsRateLine.$type || type === ast.MinimumLossRateLine.$type) {
        const rate = (node as ast.MinimumSavingsRateLine | ast.MinimumLossRateLine).rate;
        // Between 0.1% and 5% a minimum rate is plausible at any size, so the ceiling's 60-digit
        // square root (never below 5%) is worked out only for a rate outside that band; a zero
        // rate (a program's choice, which effect-checks.ts looks at) has nothing to check here.
        const size = rate === undefined ? undefined : new Dec(rate).abs();
        if (!size || size.isZero() || withinMinimumRateBand(size)) {
            return undefined;
        }
        const contract = model();
        if (!contract) {
            return undefined;
        }
        const what = type === ast.MinimumSavingsRateLine.$type ? 'a minimum savings rate' : 'a minimum loss rate';
        return ['rate', { what, low: MINIMUM_RATE_LOW, high: minimumRateCeiling(contract.population.beneficiaries), observed: MINIMUM_RATE_OBSERVED }];
    }
    return RATE_LINES[type] as [string, RateBounds] | undefined;
}

const MINIMUM_RATE_LOW = new Dec('0.001');

function withinMinimumRateBand(size: Dec): boolean {
    return size.greaterThanOrEqualTo(MINIMUM_RATE_LOW) && size.lessThanOrEqualTo(MINIMUM_RATE_CEILING_FLOOR);
}

/**
 * A rate far outside what programs use (often a fraction written with a % sign). Registered for
 * each of RATE_LINE_TYPES, so the validator's one walk over the contract brings every rate line
 * here; `model` is asked for only by a minimum rate, whose ceiling depends on the population.
 */
export function checkRatePlausibility(node: AstNode, model: () => ContractModel | undefined, accept: ValidationAcceptor): void {
    const check = rateCheckOf(node, model);
    if (!check) {
        return;
    }
    const [property, bounds] = check;
    const value = (node as unknown as Record<string, string | undefined>)[property];
    const rate = value === undefined ? undefined : new Dec(value);
    const size = rate?.abs();
    if (!rate || !size || rate.isZero() || size.greaterThan(1)) {
        return; // zero: effect-checks.ts; beyond 100%: percent-range
    }
    const below = bounds.low !== undefined && size.lessThan(bounds.low);
    if (!below && !(bounds.high && size.greaterThan(bounds.high))) {
        return; // plausible: no message to write
    }
    const written = text(node, property);
    const what = `${bounds.what.charAt(0).toUpperCase()}${bounds.what.slice(1)} of ${written}`;
    const range = rangeOf(node, property);
    if (below && bounds.low) {
        // 0.75% for 75%: a fraction written with a % sign, when the hundredfold figure fits.
        const meant = rate.times(100);
        const fits = meant.abs().greaterThanOrEqualTo(bounds.low) && meant.abs().lessThanOrEqualTo(bounds.high ?? 1);
        if (fits) {
            const proposal = formatPercent(meant);
            report(accept, 'warning', `${what} is far below what programs use (${bounds.observed}). ${written} reads like the fraction ${written.replace('%', '')} written with a % sign: did you mean ${proposal}?`,
                node, range, IssueCodes.ImplausibleRate, replaceFix(`Change to ${proposal}`, range, proposal));
        } else {
            report(accept, 'warning', `${what} is far below what programs use (${bounds.observed}). Check the figure.`, node, range, IssueCodes.ImplausibleRate);
        }
    } else if (bounds.high && size.greaterThan(bounds.high)) {
        report(accept, 'warning', `${what} is far above what programs use (${bounds.observed}; the plausible ceiling here is ${formatPercent(bounds.high, 1)}). Check the figure.`,
            node, range, IssueCodes.ImplausibleRate);
    }
}

// ---- Uncertainty ---------------------------------------------------------------------------------------

function checkUncertaintyMeans(contract: ast.Contract, accept: ValidationAcceptor): void {
    const lines = contract.sections.find(ast.isUncertainty)?.lines ?? [];
    for (const line of lines) {
        if (ast.isExpenditureDistributionLine(line) && line.mean !== undefined && line.sd !== undefined) {
            const mean = new Dec(line.mean);
            if (within(mean, EXPENDITURE_SHARE.warn) || mean.isNegative()) {
                continue;
            }
            const asSavings = `savings normal mean ${text(line, 'mean')} sd ${text(line, 'sd')}`;
            if (mean.lessThan(EXPENDITURE_SHARE.warn.low) && mean.lessThanOrEqualTo(SAVINGS_RATE.high)) {
                report(accept, 'warning', `Expenditure drawn around ${text(line, 'mean')} of the benchmark means savings of ${formatPercent(new Dec(1).minus(mean))} (${EXPENDITURE_SHARE.warn.observed}): ${text(line, 'mean')} reads like a savings rate. Did you mean \`${asSavings}\`?`,
                    line, rangeOf(line), IssueCodes.ImplausibleExpenditure, replaceFix(`Write ${asSavings}`, rangeOf(line), asSavings));
            } else {
                report(accept, 'warning', `Expenditure drawn around ${text(line, 'mean')} of the benchmark is far outside what ACOs spend (${EXPENDITURE_SHARE.warn.observed}). Check the mean.`,
                    line, rangeOf(line, 'mean'), IssueCodes.ImplausibleExpenditure);
            }
        } else if (ast.isSavingsDistributionLine(line) && line.mean !== undefined && line.sd !== undefined) {
            const mean = new Dec(line.mean);
            if (within(mean, SAVINGS_RATE)) {
                continue;
            }
            const asExpenditure = `expenditure normal mean ${text(line, 'mean')} of benchmark sd ${text(line, 'sd')}`;
            const spentShare = mean;
            if (within(spentShare, EXPENDITURE_SHARE.warn)) {
                report(accept, 'warning', `Savings drawn around ${text(line, 'mean')} of the benchmark are far outside what ACOs achieve (${SAVINGS_RATE.observed}): ${text(line, 'mean')} reads like expenditure as a share of the benchmark. Did you mean \`${asExpenditure}\`?`,
                    line, rangeOf(line), IssueCodes.ImplausibleExpenditure, replaceFix(`Write ${asExpenditure}`, rangeOf(line), asExpenditure));
            } else {
                report(accept, 'warning', `Savings drawn around ${text(line, 'mean')} of the benchmark are far outside what ACOs achieve (${SAVINGS_RATE.observed}). Check the mean.`,
                    line, rangeOf(line, 'mean'), IssueCodes.ImplausibleExpenditure);
            }
        }
    }
}

// ---- Revenue category ----------------------------------------------------------------------------------

/** MSSP: an ACO is low revenue when its participants' revenue is below 35% of the benchmark (42 CFR 425.20). */
const LOW_REVENUE_SHARE = new Dec('0.35');

function checkRevenueCategory(contract: ast.Contract, model: ContractModel, accept: ValidationAcceptor): void {
    const line = contract.sections.find(ast.isPopulation)?.lines.find(ast.isRevenueCategoryLine);
    const revenue = model.losses?.participantRevenue;
    const benchmark = statedBenchmark(model);
    if (!line?.category || !revenue || !benchmark) {
        return;
    }
    const share = revenue.dividedBy(benchmark);
    const actual = share.lessThan(LOW_REVENUE_SHARE) ? 'low' : 'high';
    if (actual === line.category) {
        return;
    }
    const range = rangeOf(line, 'category');
    report(accept, 'warning', `Participant revenue of ${money(revenue, model)} is ${formatPercent(share, 1)} of the ${money(benchmark, model)} benchmark, ${actual === 'low' ? 'below' : 'at or above'} the 35% that divides low- from high-revenue ACOs: the category is \`${actual}\`, not \`${line.category}\`.`,
        line, range, IssueCodes.RevenueCategoryMismatch, replaceFix(`Change to ${actual}`, range, actual));
}
