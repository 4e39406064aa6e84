/**
 * The performance years of an agreement: a year number written as a calendar year, a year the
 * term does not hold (a scenario's, a projection's, a `year N { … }` block's), a projection that
 * misses or repeats a year, a program year outside the term, a year whose program rules are not
 * published yet, and a clawback whose measure a scenario gives no result for.
 */
import type { AstNode, ValidationAcceptor } from 'langium';
import * as ast from '../generated/ast.js';
import { calendarYearOf } from '../model/agreement-years.js';
import type { ContractModel } from '../model/contract-model.js';
import { modelForYear } from '../model/year-models.js';
import { IssueCodes } from './issue-codes.js';
import { scenarioName } from './node-names.js';

/** A year this large is a calendar year, not the count of a performance year. */
const FIRST_CALENDAR_YEAR = 1900;

function termText(model: ContractModel): string {
    const { start, end } = model.term;
    return start && end ? `the term from ${start} to ${end}` : 'the term';
}

/** One `year N` of a scenario, a projection or a block: its number against the term. */
function checkYearNumber(node: AstNode, year: number, model: ContractModel, accept: ValidationAcceptor): boolean {
    const { count, firstCalendarYear } = model.agreement;
    if (year >= FIRST_CALENDAR_YEAR) {
        const index = firstCalendarYear !== undefined ? Math.floor(((year - firstCalendarYear) * 12) / model.term.months) + 1 : undefined;
        const inTerm = index !== undefined && index >= 1 && (count === undefined || index <= count);
        accept('error', inTerm
            ? `${year} is a calendar year; performance years are counted from 1 within the term, and in ${termText(model)} ${year} is performance year ${index}: write \`year ${index}\`.`
            : `${year} looks like a calendar year; performance years are counted from 1 within the term (\`year 1\`, \`year 2\`, …).`,
        { node, property: 'year' as never, code: IssueCodes.CalendarYearAsIndex, data: inTerm ? { code: IssueCodes.CalendarYearAsIndex, replacement: String(index) } : undefined });
        return false;
    }
    if (count !== undefined && year > count) {
        accept('warning', `${termText(model)} holds ${count} performance year${count === 1 ? '' : 's'}; year ${year} lies outside it.`,
            { node, property: 'year' as never, code: IssueCodes.YearOutsideTerm });
        return false;
    }
    return true;
}

/** The program's rules for `year` are assumed from the last published year: say so once per line. */
function checkPresetYear(node: AstNode, year: number, model: ContractModel, accept: ValidationAcceptor): void {
    const assumed = modelForYear(model, year).agreement.assumedPresetYear;
    if (assumed) {
        accept('warning', `Performance year ${year} is calendar year ${assumed.calendarYear}, for which the program has not published rules: the ${assumed.presetYear} rules are assumed.`,
            { node, property: 'year' as never, code: IssueCodes.PresetYearAssumed });
    }
}

export function checkAgreementYears(contract: ast.Contract, model: ContractModel, accept: ValidationAcceptor): void {
    const years: Array<[AstNode, number]> = [];
    for (const scenario of contract.sections.filter(ast.isScenario)) {
        const line = scenario.lines.find(ast.isYearLine);
        if (line?.year !== undefined) {
            years.push([line, Number(line.year)]);
        }
    }
    for (const block of contract.sections.filter(ast.isYearTerms)) {
        years.push([block, Number(block.year)]);
    }
    for (const projection of contract.sections.filter(ast.isProjection)) {
        for (const year of projection.items.filter(ast.isProjectionYear)) {
            years.push([year, Number(year.year)]);
        }
        checkProjection(projection, model, accept);
    }
    for (const [node, year] of years) {
        if (Number.isInteger(year) && year >= 1 && checkYearNumber(node, year, model, accept) && model.program) {
            checkPresetYear(node, year, model, accept);
        }
    }
    checkProgramInTerm(contract, model, accept);
    checkGlidePath(contract, model, accept);
    checkClawbacks(contract, model, accept);
}

/** A year block that moves an MSSP contract to a two-sided level needs the elected minimum savings rate. */
function checkGlidePath(contract: ast.Contract, model: ContractModel, accept: ValidationAcceptor): void {
    for (const block of contract.sections.filter(ast.isYearTerms)) {
        const line = block.sections.find(ast.isProgramLine);
        const year = Number(block.year);
        if (!line || !Number.isInteger(year) || year < 1) {
            continue;
        }
        const yearModel = modelForYear(model, year);
        if (yearModel.program?.program === 'MSSP' && yearModel.losses && !yearModel.savings.minimumRate) {
            accept('error', `From year ${year} the contract is two-sided: state the elected minimum savings rate (0%, 0.5%, 1%, 1.5%, 2% or variable) in the contract's shared savings section, or in this year's; it applies to losses too.`,
                { node: line, keyword: 'program', code: IssueCodes.MissingMinimumRate });
        }
    }
}

/** Every year of the term once (1 … n without a term), in order. */
function checkProjection(projection: ast.Projection, model: ContractModel, accept: ValidationAcceptor): void {
    const years = projection.items.filter(ast.isProjectionYear);
    const numbers = years.map(year => Number(year.year));
    const seen = new Set<number>();
    years.forEach((year, index) => {
        const number = numbers[index];
        if (seen.has(number)) {
            accept('error', `Year ${number} is given twice in projection "${projection.name}".`, { node: year, property: 'year', code: IssueCodes.ProjectionYears });
        } else if (index > 0 && number < numbers[index - 1]) {
            accept('error', `Projection "${projection.name}" lists its years in order: year ${number} comes after year ${numbers[index - 1]}.`,
                { node: year, property: 'year', code: IssueCodes.ProjectionYears });
        }
        seen.add(number);
    });
    const last = model.agreement.count ?? Math.max(0, ...numbers.filter(n => n < FIRST_CALENDAR_YEAR));
    const missing = Array.from({ length: last }, (_, index) => index + 1).filter(year => !seen.has(year));
    if (missing.length > 0 && numbers.every(n => n < FIRST_CALENDAR_YEAR)) {
        const which = missing.length === 1 ? `year ${missing[0]}` : `years ${missing.join(', ')}`;
        accept('error', `Projection "${projection.name}" has no ${which} of ${model.agreement.count ? termText(model) : 'its run of years'}: every year is settled in order, so each needs its assumptions.`,
            { node: projection, property: 'name', code: IssueCodes.ProjectionYears });
    }
}

function checkProgramInTerm(contract: ast.Contract, model: ContractModel, accept: ValidationAcceptor): void {
    const line = contract.sections.find(ast.isProgramLine);
    const { count, firstCalendarYear } = model.agreement;
    const program = model.program;
    if (!line || !program || count === undefined || firstCalendarYear === undefined) {
        return;
    }
    const lastCalendar = calendarYearOf(model.agreement, count, model.term.months) ?? firstCalendarYear;
    if (program.year < firstCalendarYear || program.year > lastCalendar) {
        accept('warning', `The program year ${program.year} lies outside ${termText(model)} (${firstCalendarYear}–${lastCalendar}); scenarios without a \`year\` line settle performance year 1 under ${program.year}'s rules.`,
            { node: line, property: 'year', code: IssueCodes.YearOutsideTerm });
    }
}

/** A clawback is decided by the measure's result: a scenario that gives only a quality score cannot decide it. */
function checkClawbacks(contract: ast.Contract, model: ContractModel, accept: ValidationAcceptor): void {
    const clawbacks = model.capitation.lines.filter(line => line.clawback).map(line => line.clawback!);
    if (clawbacks.length === 0) {
        return;
    }
    const scenarios: Array<{ node: AstNode; name: string; results: Map<string, unknown> }> = [
        ...contract.sections.filter(ast.isScenario).map((node, index) => ({ node, name: scenarioName(node), results: model.scenarios[index]?.results ?? new Map() })),
        ...contract.sections.filter(ast.isProjection).flatMap((projection, p) => projection.items.filter(ast.isProjectionYear).map((node, index) => ({
            node, name: `year ${node.year} of projection "${projection.name}"`, results: model.projections[p]?.years[index]?.results ?? new Map()
        })))
    ];
    for (const { node, name, results } of scenarios) {
        for (const clawback of clawbacks.filter(c => !results.has(c.measureId))) {
            accept('warning', `The clawback on ${clawback.measureId} is decided by its result, which ${name} does not give: no clawback is counted there. Add \`result ${clawback.measureId} …\`.`,
                { node, code: IssueCodes.ClawbackUnmeasured });
        }
    }
}
