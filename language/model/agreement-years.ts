/**
 * The performance years of an agreement: how many the term holds, which calendar year each one
 * is (its program rules are that year's), which one a scenario without a `year` line means, and
 * the contract's sections as they stand in a given year once the `year N { … }` blocks up to it
 * are applied (a block's lines replace the lines of the same kind, from that year on).
 */
import type { AstNode } from 'langium';
import * as ast from '../generated/ast.js';
import { MSSP_LAST_YEAR, REACH_LAST_YEAR } from '../settlement/presets.js';
import type { AgreementYears, ProgramPreset } from './contract-model.js';
import { trackOf } from './track.js';

function parts(date: string | undefined): [number, number, number] | undefined {
    const match = date ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date) : null;
    return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

/** Whole months from `start` to the day after `end` (a term's length). */
export function termMonths(start: string, end: string): number | undefined {
    const from = parts(start);
    const to = parts(end);
    if (!from || !to) {
        return undefined;
    }
    const after = new Date(Date.UTC(to[0], to[1] - 1, to[2] + 1));
    const [y, m, d] = [after.getUTCFullYear(), after.getUTCMonth() + 1, after.getUTCDate()];
    const months = (y - from[0]) * 12 + (m - from[1]) + (d >= from[2] ? 0 : -1);
    return Number.isFinite(months) ? months : undefined;
}

/**
 * Performance year k is calendar year `first + ⌊(k − 1) × M / 12⌋`, where `first` is the term's
 * start year (else the program year). The term holds ⌈term months / M⌉ performance years (a last,
 * shorter one counts). A scenario without a `year` line settles the program year's performance
 * year when the term places it (`program … year 2023` in a term from 2019 is year 5), else year 1.
 */
export function agreementYears(program: ProgramPreset | undefined, start: string | undefined, end: string | undefined, months: number): AgreementYears {
    const startYear = parts(start)?.[0];
    const length = start && end ? termMonths(start, end) : undefined;
    const count = length !== undefined && length > 0 && length < 12 * 1000 ? Math.ceil(length / months) : undefined;
    const firstCalendarYear = startYear ?? program?.year;
    let defaultYear = 1;
    if (startYear !== undefined && program) {
        const offset = Math.floor(((program.year - startYear) * 12) / months) + 1;
        defaultYear = offset >= 1 ? offset : 1;
    }
    return { count, defaultYear, firstCalendarYear };
}

/** The calendar year of performance year `year`, or undefined when nothing places the term in time. */
export function calendarYearOf(agreement: AgreementYears, year: number, months = 12): number | undefined {
    return agreement.firstCalendarYear === undefined ? undefined : agreement.firstCalendarYear + Math.floor(((year - 1) * months) / 12);
}

/** The last performance year each program has published rules for. */
function lastPresetYear(program: ProgramPreset): number {
    return program.program === 'MSSP' ? MSSP_LAST_YEAR : REACH_LAST_YEAR;
}

/**
 * The program of performance year `year`: the calendar year's rules, with the track or option of
 * the latest `year N { program … }` block up to it. A calendar year past the last published rules
 * uses the last year's, and says so through `onAssumed`.
 */
export function yearProgram(
    program: ProgramPreset | undefined,
    agreement: AgreementYears,
    year: number,
    blocks: readonly ast.YearTerms[],
    onAssumed?: (assumed: { calendarYear: number; presetYear: number }) => void,
    months = 12
): { program: ProgramPreset } | undefined {
    if (!program) {
        return undefined;
    }
    let current: ProgramPreset = program;
    for (const block of [...blocks].sort((a, b) => Number(a.year) - Number(b.year))) {
        const line = block.sections.find(ast.isProgramLine);
        if (!line || line.program !== program.program) {
            continue;
        }
        if (current.program === 'MSSP') {
            const track = trackOf(line.track);
            current = track ? { ...current, track, line: lineOf(line) } : current;
        } else if (line.option) {
            current = { ...current, option: line.option, line: lineOf(line) };
        }
    }
    const calendarYear = calendarYearOf(agreement, year, months) ?? program.year;
    const last = lastPresetYear(program);
    const presetYear = Math.min(calendarYear, last);
    if (presetYear !== calendarYear) {
        onAssumed?.({ calendarYear, presetYear });
    }
    return { program: { ...current, year: presetYear } };
}

function lineOf(node: AstNode): number {
    return (node.$cstNode?.range.start.line ?? -1) + 1;
}

/** Lines that replace one another: a sharing rate and corridors are one term, caps go by their base. */
function familyOf(line: AstNode): string {
    if (ast.isSharingRateLine(line) || ast.isCorridorLine(line)) {
        return 'sharing';
    }
    if (ast.isCapLine(line)) {
        return `CapLine:${line.base}`;
    }
    if (ast.isCapitationRateLine(line)) {
        return `CapitationRateLine:${line.service}:${line.provider?.$refText ?? ''}`;
    }
    if (ast.isCareCoordinationLine(line)) {
        return `CareCoordinationLine:${line.provider?.$refText ?? ''}`;
    }
    if (ast.isMeasure(line)) {
        return `Measure:${line.name}`;
    }
    return line.$type;
}

type LinedSection = ast.Section & { lines: AstNode[] };

function hasLines(section: ast.Section | ast.YearSection): section is LinedSection {
    return Array.isArray((section as { lines?: unknown }).lines);
}

/**
 * The contract's sections with `blocks` applied in year order: each line written in a block
 * replaces the lines of its kind in the section of the same type (a section the contract lacks is
 * added). Nodes are shared, not copied: nothing downstream changes the AST.
 */
export function sectionsForYear(sections: readonly ast.Section[], blocks: readonly ast.YearTerms[]): ast.Section[] {
    const result: ast.Section[] = [...sections];
    for (const block of [...blocks].sort((a, b) => Number(a.year) - Number(b.year))) {
        for (const override of block.sections) {
            if (ast.isProgramLine(override) || !hasLines(override)) {
                continue;
            }
            const index = result.findIndex((section) => section.$type === override.$type);
            if (index < 0) {
                result.push(override as ast.Section);
                continue;
            }
            const base = result[index] as LinedSection;
            const replaced = new Set(override.lines.map(familyOf));
            const lines = [...base.lines.filter((line) => !replaced.has(familyOf(line))), ...override.lines];
            result[index] = { ...base, lines } as ast.Section;
        }
    }
    return result;
}
