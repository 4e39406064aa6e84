/**
 * An amendment for the people who approve it, in the summary's first-page style and through the
 * summary's renderers (Markdown, HTML, PDF): a banner (no changes, or what to check), what changed
 * term by term, what it does to each scenario's payout (earned, and net cash over every payment
 * stream), the most the ACO can gain or lose before and after, each changed scenario payment by
 * payment, and the sign-off with both files' hashes.
 */
import type { Dec } from '../decimal.js';
import type { ContractModel } from '../model/contract-model.js';
import { capitalise, changeCell, counted, earnedCell, heading, left, paragraph, part, right } from '../summary/blocks.js';
import type { BannerBlock, Block, Cell, FactsBlock, SummaryDocument } from '../summary/document.js';
import { money } from '../summary/figures.js';
import { renderHtml } from '../summary/html.js';
import { contractLimits, yearLabel, type ContractLimits } from '../summary/limits.js';
import { renderMarkdown } from '../summary/markdown.js';
import { bannerOf, type SummaryNotice } from '../summary/notices.js';
import { generatedInWords, shortHash, signOffBlocks, type SignOff } from '../summary/sign-off.js';
import { capital, vocabularyOf } from '../summary/vocabulary.js';
import { identical, NO_CHANGES, type ContractDiff, type DiffLabels } from './contract-diff.js';
import { unchanged, type ScenarioImpact } from './payout-impact.js';

export interface DiffDocumentInput {
    diff: ContractDiff;
    before: ContractModel;
    after: ContractModel;
    labels: DiffLabels;
    /** NEW's validation findings: its banner. */
    notices?: readonly SummaryNotice[];
    /** Each version's file hash, with the date and tool version (the same for both). */
    signOff?: { old: SignOff; new: SignOff };
}

const SETTLEMENT_STREAMS = new Set(['shared savings', 'owed losses', 'sequestration']);

function controlFacts(signOff: { old: SignOff; new: SignOff }, full: boolean): FactsBlock {
    const hash = (s: SignOff) => (full ? s.sha256 : `${shortHash(s.sha256)}…`);
    const facts: Array<[string, string]> = [
        ['Before', `${signOff.old.file} (SHA-256 ${hash(signOff.old)})`],
        ['After', `${signOff.new.file} (SHA-256 ${hash(signOff.new)})`],
        ['Generated', generatedInWords(signOff.new.generated)]
    ];
    if (signOff.new.toolVersion) {
        facts.push(['Tool', `aco ${signOff.new.toolVersion}`]);
    }
    return { kind: 'facts', facts, className: full ? 'document-control' : 'document-control compact' };
}

/** The banner: no changes at all, or NEW's own findings (failed expectations, warnings), or all well. */
function banner(input: DiffDocumentInput): BannerBlock {
    if (identical(input.diff)) {
        return { kind: 'banner', tone: 'ok', title: NO_CHANGES, items: [] };
    }
    const settlements = input.diff.impact.map((i) => i.new.settlement);
    return bannerOf({ model: input.after, settlements, notices: input.notices ?? [] });
}

/** One sentence: how many terms changed and how far the payouts move. */
function glance(input: DiffDocumentInput): string {
    const { diff, after } = input;
    const w = vocabularyOf(after);
    const moved = diff.impact.filter((i) => !unchanged(i) && i.earnedDifference !== undefined);
    const terms = diff.changes.length === 0 ? 'No term changed' : `${counted(diff.changes.length, 'term')} changed`;
    if (diff.impact.length === 0) {
        return `${terms}; the new version has no scenarios to settle.`;
    }
    if (moved.length === 0) {
        return `${terms}; no scenario's payments move.`;
    }
    const movement = (pick: (i: ScenarioImpact) => Dec): string => {
        const values = moved.map(pick).sort((x, y) => x.comparedTo(y));
        const low = values[0];
        const high = values[values.length - 1];
        const m = (d: Dec) => money(d.abs(), after);
        if (low.isZero() && high.isZero()) {
            return 'does not change';
        }
        if (low.greaterThanOrEqualTo(0)) {
            return low.equals(high) ? `rises by ${m(high)}` : low.isZero() ? `rises by up to ${m(high)}` : `rises by ${m(low)} to ${m(high)}`;
        }
        if (high.lessThanOrEqualTo(0)) {
            return low.equals(high) ? `falls by ${m(low)}` : high.isZero() ? `falls by up to ${m(low)}` : `falls by ${m(high)} to ${m(low)}`;
        }
        return `changes by -${m(low)} to +${m(high)}`;
    };
    const where = moved.length === diff.impact.length
        ? diff.impact.length === 1 ? 'In its one scenario' : `In all ${diff.impact.length} scenarios`
        : `In ${moved.length} of ${counted(diff.impact.length, 'scenario')}`;
    return `${terms}. ${where}, what ${w.aco} earns ${movement((i) => i.earnedDifference!)}, and its net cash over every payment ${movement((i) => i.netCashDifference!)}.`;
}

function changesTable(input: DiffDocumentInput): Block[] {
    const blocks: Block[] = [heading('What changed', 'changes', 3)];
    if (input.diff.changes.length === 0) {
        blocks.push(paragraph('No term changed (the layout, comments or order of lines may differ).'));
        return blocks;
    }
    blocks.push({
        kind: 'table',
        columns: [left('Section'), left('Term'), left('Before'), left('After')],
        rows: input.diff.changes.map((c): Cell[] => [capitalise(c.section), c.term, c.old ?? { text: 'not in the contract', tone: 'muted' }, c.new ?? { text: 'removed', tone: 'muted' }]),
        className: 'term-changes'
    });
    return blocks;
}

function impactTable(input: DiffDocumentInput): Block[] {
    const { diff, before, after } = input;
    const w = vocabularyOf(after);
    const blocks: Block[] = [heading('What it does to each scenario\'s payout', 'impact', 3)];
    if (diff.impact.length === 0) {
        blocks.push(paragraph('The new version has no scenarios.'));
        return blocks;
    }
    const rows = diff.impact.map((impact): Cell[] => {
        const was = impact.old.settlement;
        const is = impact.new.settlement;
        if (!was || !is) {
            return [impact.scenario, was ? earnedCell(was.earned, before) : { text: 'cannot be settled', tone: 'fail' }, is ? earnedCell(is.earned, after) : { text: 'cannot be settled', tone: 'fail' }, '', ''];
        }
        return [impact.scenario, earnedCell(was.earned, before), earnedCell(is.earned, after), changeCell(impact.earnedDifference!, after), changeCell(impact.netCashDifference!, after)];
    });
    blocks.push({
        kind: 'table',
        columns: [left('Scenario of the new version'), right(`${capital(w.aco.replace(/^the /, ''))} earns, before`), right('After'), right('Change'), right('Net cash change')],
        rows,
        note: [`Each scenario of the new version is settled under both versions. Net cash counts every payment of the year: capitation after the withhold, what quality returns, advance investment and the settlement.`],
        className: 'impact'
    });
    return blocks;
}

function limitsCell(limits: ContractLimits | undefined, side: 'gain' | 'loss', model: ContractModel): { text: string; amount?: Dec } {
    const year = limits?.years[0];
    const extreme = side === 'gain' ? year?.gain : year?.loss;
    if (!extreme) {
        return { text: side === 'gain' ? 'nothing' : 'nothing (one-sided)' };
    }
    return extreme.capped ? { text: money(extreme.amount.abs(), model), amount: extreme.amount.abs() } : { text: 'no cap' };
}

/** The most the ACO can gain or lose in the first performance year, before and after. */
function limitsTable(input: DiffDocumentInput): Block[] {
    const { before, after } = input;
    const w = vocabularyOf(after);
    const was = contractLimits(before);
    const is = contractLimits(after);
    if (!was && !is) {
        return [];
    }
    const row = (label: string, side: 'gain' | 'loss'): Cell[] => {
        const a = limitsCell(was, side, before);
        const b = limitsCell(is, side, after);
        const change = a.amount && b.amount ? changeCell(b.amount.minus(a.amount), after) : a.text === b.text ? { text: 'no change', tone: 'muted' as const } : '';
        return [label, a.text, b.text, change];
    };
    const label = is?.years[0]?.year.start ? ` (${yearLabel(is.years[0].year)})` : '';
    return [
        heading(`The most ${w.aco} can gain or lose${label}`, 'limits', 3),
        {
            kind: 'table',
            columns: [left(''), right('Before'), right('After'), right('Change')],
            rows: [row('Most gained', 'gain'), row('Most lost', 'loss')],
            note: ['Settled at the edge under each version: no spending at all, or twice the benchmark, at quality scores of 0% and 100%.'],
            className: 'limits'
        }
    ];
}

/** Each scenario whose payments move, payment by payment: earned, every other stream, each recipient. */
function scenarioDetails(input: DiffDocumentInput): Block[] {
    const { diff, before, after } = input;
    const names = new Map(after.providers.map((p) => [p.id, p.name]));
    const blocks: Block[] = [];
    diff.impact.forEach((impact, index) => {
        const was = impact.old.settlement;
        const is = impact.new.settlement;
        if (!was || !is || unchanged(impact)) {
            return;
        }
        const rows: Cell[][] = [['Earned (shared savings or owed losses)', earnedCell(was.earned, before), earnedCell(is.earned, after), changeCell(impact.earnedDifference!, after)]];
        for (const stream of impact.streams.filter((s) => !SETTLEMENT_STREAMS.has(s.key.split('|')[0]))) {
            const amount = (value: Dec | undefined, model: ContractModel): Cell => (value === undefined ? '—' : stream.kept ? { text: money(value, model), tone: 'muted' } : money(value, model));
            const change = changeCell(stream.difference, after);
            rows.push([stream.label, amount(stream.old, before), amount(stream.new, after), stream.kept && typeof change !== 'string' ? { ...change, tone: 'muted' } : change]);
        }
        for (const share of impact.shares) {
            const who = share.recipient === 'reserve' ? 'Reserve for infrastructure' : `${names.get(share.recipient) ?? share.recipient} (${share.recipient})`;
            rows.push([`Share: ${who}`, share.old !== undefined ? money(share.old, before) : '—', share.new !== undefined ? money(share.new, after) : '—', changeCell(share.difference, after)]);
        }
        blocks.push({
            kind: 'table',
            caption: `Scenario ${index + 1}: ${impact.scenario}`,
            columns: [left('Payment'), right('Before'), right('After'), right('Change')],
            rows,
            totals: [['Net cash, all payments', money(was.ledger?.netToAco ?? was.earned, before), money(is.ledger?.netToAco ?? is.earned, after), changeCell(impact.netCashDifference!, after)]],
            className: 'scenario-impact'
        });
    });
    return blocks;
}

export function diffDocument(input: DiffDocumentInput): SummaryDocument {
    const blocks: Block[] = [part('first-page')];
    if (input.signOff) {
        blocks.push(controlFacts(input.signOff, false));
    }
    blocks.push(banner(input));
    blocks.push(heading('At a glance', 'at-a-glance'));
    blocks.push(paragraph(glance(input)));
    if (!identical(input.diff)) {
        blocks.push(...changesTable(input), ...impactTable(input), ...limitsTable(input));
        const details = scenarioDetails(input);
        if (details.length > 0) {
            blocks.push(part('payments'), heading('The payments in detail', 'details'), ...details);
        }
    }
    blocks.push(part('sign-off'));
    const signOff = signOffBlocks(input.after, input.signOff?.new, 'amended contract');
    if (input.signOff) {
        // Both versions' hashes: what is approved, and what it replaces.
        const facts = signOff.findIndex((b) => b.kind === 'facts');
        signOff[facts] = controlFacts(input.signOff, true);
    }
    blocks.push(...signOff);
    const pageFooter = input.signOff
        ? `${input.signOff.old.file} → ${input.signOff.new.file} · SHA-256 ${shortHash(input.signOff.old.sha256)}… → ${shortHash(input.signOff.new.sha256)}… · generated ${generatedInWords(input.signOff.new.generated)}`
        : undefined;
    return {
        kind: 'changes and what they pay',
        title: `Amendment: ${input.after.name || 'Untitled contract'}`,
        subtitle: `${input.labels.old} → ${input.labels.new}`,
        blocks,
        footer: 'Generated by aco diff from the two contract texts. Every figure is the settlement engine\'s: each scenario of the new version settled under both versions.',
        ...(pageFooter ? { pageFooter } : {})
    };
}

export function diffMarkdown(input: DiffDocumentInput): string {
    return renderMarkdown(diffDocument(input), { inlineCharts: true }).markdown;
}

export function diffHtml(input: DiffDocumentInput): string {
    return renderHtml(diffDocument(input));
}
