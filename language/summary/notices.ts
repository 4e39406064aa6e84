/**
 * What a reader must see before any figure: the contract's errors, its failed expectations, the
 * scenarios that cannot be settled and the validator's warnings, gathered into the first page's
 * banner. A failed `expect` is the engine disagreeing with what the contract says it pays, so it
 * leads; every item names its scenario in words (source lines are for the technical appendix).
 */
import type { Diagnostic } from 'vscode-languageserver';
import type { ContractModel } from '../model/contract-model.js';
import type { Settlement } from '../settlement/settlement-types.js';
import type { BannerBlock, Inline } from './document.js';
import { money } from './figures.js';
import type { ProjectionOutcome } from './term-totals.js';

/** A validation finding, as the summary needs it (from a Langium diagnostic: `noticesOf`). */
export interface SummaryNotice {
    severity: 'error' | 'warning';
    message: string;
    /** The stable diagnostic code (`preset-override`). */
    code?: string;
    /** 1-based source line (shown in the technical appendix only). */
    line?: number;
}

/** Errors and warnings of a validated document, in source order (hints and information left out). */
export function noticesOf(diagnostics: readonly Diagnostic[] | undefined): SummaryNotice[] {
    return (diagnostics ?? [])
        .filter((d) => d.severity === 1 || d.severity === 2)
        .map((d): SummaryNotice => ({
            severity: d.severity === 1 ? 'error' : 'warning',
            message: typeof d.message === 'string' ? d.message : String(d.message),
            ...(d.code !== undefined ? { code: String(d.code) } : {}),
            line: d.range.start.line + 1
        }))
        .sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

/** Codes the banner states in its own words from the settlements, so they are not listed twice. */
const SAID_FROM_SETTLEMENTS = new Set(['expectation-failed', 'cannot-settle']);

export interface BannerInput {
    model: ContractModel;
    settlements: ReadonlyArray<Settlement | undefined>;
    unsettled?: ReadonlyMap<number, string>;
    notices?: readonly SummaryNotice[];
    projections?: readonly ProjectionOutcome[];
}

function count(n: number, noun: string, plural = `${noun}s`): string {
    return `${n} ${n === 1 ? noun : plural}`;
}

/** The failed expectations, one item each: what the contract expects and what it settles to. */
function failedExpectations(input: BannerInput): Inline[][] {
    const { model } = input;
    const names = new Map(model.providers.map((p) => [p.id, p.name]));
    const items: Inline[][] = [];
    input.settlements.forEach((settlement) => {
        for (const e of settlement?.expectations ?? []) {
            if (e.passed) {
                continue;
            }
            const what = e.kind === 'earned' ? 'earned' : e.kind === 'bonus' ? 'a quality bonus' : `a payment to ${names.get(e.providerId ?? '') ?? e.providerId}`;
            items.push([
                `Scenario “${settlement!.scenario}”: the contract expects ${what} of `,
                { strong: money(e.expected, model) },
                ', but the terms settle to ',
                { strong: money(e.actual, model) },
                '.'
            ]);
        }
    });
    for (const projection of input.projections ?? []) {
        for (const e of projection.settlement?.expectations ?? []) {
            if (!e.passed) {
                items.push([
                    `Projection “${projection.name}”: the contract expects ${e.kind === 'earned' ? 'earnings' : 'net cash'} over the term of `,
                    { strong: money(e.expected, model) },
                    ', but the years settle to ',
                    { strong: money(e.actual, model) },
                    '.'
                ]);
            }
        }
    }
    return items;
}

/** One item per kind of warning: a code that repeats shows its first message and how many more there are. */
function groupedWarnings(warnings: readonly SummaryNotice[]): Inline[][] {
    const byCode = new Map<string, SummaryNotice[]>();
    for (const warning of warnings) {
        const key = warning.code ?? warning.message;
        byCode.set(key, [...(byCode.get(key) ?? []), warning]);
    }
    return [...byCode.values()].map((group): Inline[] => group.length === 1
        ? [group[0].message]
        : [group[0].message, ` (and ${group.length - 1} more like it, listed in the technical appendix)`]);
}

/**
 * The banner: red with errors or failed expectations, amber with warnings or unsettled scenarios,
 * and a quiet line saying all is well otherwise (so its absence is never mistaken for a check).
 */
export function bannerOf(input: BannerInput): BannerBlock {
    const notices = input.notices ?? [];
    const errors = notices.filter((n) => n.severity === 'error');
    if (errors.length > 0) {
        return {
            kind: 'banner',
            tone: 'error',
            title: `The contract has ${count(errors.length, 'error')}: its figures cannot be relied on until ${errors.length === 1 ? 'it is' : 'they are'} fixed.`,
            items: errors.map((e) => [e.message])
        };
    }
    const failed = failedExpectations(input);
    const unsettled: Inline[][] = [];
    input.model.scenarios.forEach((scenario, index) => {
        if (!input.settlements[index]) {
            unsettled.push([`Scenario “${scenario.name}” cannot be settled: ${input.unsettled?.get(index) ?? 'the contract lacks a figure it needs.'}`]);
        }
    });
    for (const projection of input.projections ?? []) {
        if (!projection.settlement) {
            unsettled.push([`Projection “${projection.name}” cannot be settled: ${projection.error ?? 'a year lacks a figure it needs.'}`]);
        }
    }
    const warnings = notices.filter((n) => n.severity === 'warning' && !SAID_FROM_SETTLEMENTS.has(n.code ?? ''));
    const items = [...failed, ...unsettled, ...groupedWarnings(warnings)];
    const expectations = input.settlements.reduce((n, s) => n + (s?.expectations.length ?? 0), 0)
        + (input.projections ?? []).reduce((n, p) => n + (p.settlement?.expectations.length ?? 0), 0);
    if (items.length === 0) {
        const checked = expectations === 0
            ? 'The contract writes no expectations to check'
            : expectations === 1 ? 'The one expectation written in the contract holds'
                : expectations === 2 ? 'Both expectations written in the contract hold' : `All ${count(expectations, 'expectation')} written in the contract hold`;
        return { kind: 'banner', tone: 'ok', title: `${checked}, and validation reports no warnings.`, items: [] };
    }
    const parts: string[] = [];
    if (failed.length > 0) {
        parts.push(`${count(failed.length, 'expectation')} of ${expectations} ${failed.length === 1 ? 'fails' : 'fail'}`);
    }
    if (unsettled.length > 0) {
        parts.push(`${count(unsettled.length, 'scenario')} cannot be settled`);
    }
    if (warnings.length > 0) {
        parts.push(`validation reports ${count(warnings.length, 'warning')}`);
    }
    const title = parts.join('; ');
    return {
        kind: 'banner',
        tone: failed.length > 0 ? 'error' : 'warning',
        title: `${title.charAt(0).toUpperCase()}${title.slice(1)}: check ${items.length === 1 ? 'this' : 'these'} before relying on the figures.`,
        items
    };
}
