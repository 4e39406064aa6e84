/**
 * `aco diff OLD NEW`: what changed between two versions of a contract, term by term, and what the
 * change does to the payout of each scenario of NEW (settled under both versions). Pure: from two
 * contract models to a diff record (contract-diff.ts), and from the record to text or the JSON
 * document (here), or to the summary's first-page style in Markdown or HTML (diff-document.ts).
 */
import type { Dec } from '../decimal.js';
import type { ContractModel } from '../model/contract-model.js';
import { moneyPlaces, roundMoney } from '../settlement/index.js';
import type { Settlement } from '../settlement/settlement-types.js';
import { money, signedMoney } from '../summary/figures.js';
import { identical, NO_CHANGES, type ContractDiff, type DiffLabels } from './contract-diff.js';
import { unchanged } from './payout-impact.js';

export { contractDiff, identical, NO_CHANGES, type ContractDiff, type DiffLabels } from './contract-diff.js';
export { diffDocument, diffHtml, diffMarkdown, type DiffDocumentInput } from './diff-document.js';
export { payoutImpact, unchanged, type ScenarioImpact, type ShareImpact, type SideOutcome, type StreamImpact } from './payout-impact.js';
export { termChanges, type ChangeKind, type TermChange } from './term-changes.js';

/** Colouring for the text form (the CLI's `Style` fits). */
export interface Paint {
    red(text: string): string;
    yellow(text: string): string;
    green(text: string): string;
    bold(text: string): string;
    dim(text: string): string;
}

/** Streams of the settlement itself, already in the Earned row. */
const SETTLEMENT_STREAMS = new Set(['shared savings', 'owed losses', 'sequestration']);

function streamOf(key: string): string {
    return key.split('|')[0];
}

const PLAIN: Paint = { red: (t) => t, yellow: (t) => t, green: (t) => t, bold: (t) => t, dim: (t) => t };


function pad(rows: string[][], rightAligned: ReadonlySet<number>): string[] {
    const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => [...(row[column] ?? '')].length)));
    return rows.map((row) => row.map((cell, column) => {
        const gap = ' '.repeat(Math.max(0, widths[column] - [...cell].length));
        return rightAligned.has(column) ? gap + cell : cell + gap;
    }).join('  ').trimEnd());
}

/** The diff for people: one line per change, then a table per scenario of what moved. */
export function diffText(diff: ContractDiff, before: ContractModel, after: ContractModel, labels: DiffLabels, paint: Paint = PLAIN): string[] {
    const lines: string[] = [`${paint.bold('Changes')} from ${labels.old} to ${labels.new}`];
    if (identical(diff)) {
        lines.push(`  ${NO_CHANGES}`);
        return lines;
    }
    if (diff.changes.length === 0) {
        lines.push('  No term changed.');
    } else {
        lines.push(`  ${diff.changes.length} term change${diff.changes.length === 1 ? '' : 's'}:`);
        for (const change of diff.changes) {
            const mark = change.change === 'added' ? paint.green('+') : change.change === 'removed' ? paint.red('-') : paint.yellow('~');
            lines.push(`    ${mark} ${change.text}`);
        }
    }
    lines.push('');
    lines.push(`${paint.bold('Payout impact')}: each scenario of NEW, settled under OLD and under NEW`);
    if (diff.impact.length === 0) {
        lines.push('  NEW has no scenarios.');
    }
    for (const impact of diff.impact) {
        const oldSettlement = impact.old.settlement;
        const newSettlement = impact.new.settlement;
        if (!oldSettlement || !newSettlement) {
            lines.push(`  Scenario "${impact.scenario}"`);
            if (impact.old.error) {
                lines.push(`    cannot be settled under OLD: ${impact.old.error}`);
            }
            if (impact.new.error) {
                lines.push(`    cannot be settled under NEW: ${impact.new.error}`);
            }
            if (newSettlement) {
                lines.push(`    earned under NEW: ${money(newSettlement.earned, after)}`);
            }
            if (oldSettlement) {
                lines.push(`    earned under OLD: ${money(oldSettlement.earned, before)}`);
            }
            continue;
        }
        if (unchanged(impact)) {
            lines.push(`  Scenario "${impact.scenario}": ${paint.dim(`no change (earned ${money(newSettlement.earned, after)})`)}`);
            continue;
        }
        lines.push(`  Scenario "${impact.scenario}"`);
        const change = (difference: Dec) => {
            const text = signedMoney(difference, after);
            return difference.isZero() ? paint.dim(text) : difference.greaterThan(0) ? paint.green(text) : paint.red(text);
        };
        const rows: string[][] = [['', 'OLD', 'NEW', 'change']];
        const differences: Array<{ difference: Dec; neutral: boolean }> = [];
        const add = (label: string, was: Dec | undefined, is: Dec | undefined, difference: Dec, neutral = false) => {
            rows.push([label, was !== undefined ? money(was, before) : '—', is !== undefined ? money(is, after) : '—', signedMoney(difference, after)]);
            differences.push({ difference, neutral });
        };
        add('Earned', oldSettlement.earned, newSettlement.earned, impact.earnedDifference!);
        // The other payment streams (capitation, returned withholds, advance investment …), where they moved.
        const others = impact.streams.filter((s) => !SETTLEMENT_STREAMS.has(streamOf(s.key)));
        for (const stream of others.filter((s) => !s.difference.isZero())) {
            // What the payer keeps back is neither a gain nor a loss to the ACO: no colour.
            add(stream.label, stream.old, stream.new, stream.difference, stream.kept);
        }
        if (others.length > 0) {
            add('Net cash, all payments', oldSettlement.ledger?.netToAco, newSettlement.ledger?.netToAco, impact.netCashDifference!);
        }
        for (const share of impact.shares.filter((s) => !s.difference.isZero())) {
            add(share.recipient === 'reserve' ? 'Reserve' : share.recipient, share.old, share.new, share.difference);
        }
        pad(rows, new Set([1, 2, 3])).forEach((line, index) => {
            if (index === 0) {
                lines.push(`    ${paint.dim(line)}`);
                return;
            }
            // Colour only the change column (the last cell), keeping the alignment.
            const { difference, neutral } = differences[index - 1];
            const plain = signedMoney(difference, after);
            lines.push(`    ${line.slice(0, line.length - plain.length)}${neutral ? plain : change(difference)}`);
        });
    }
    return lines;
}

function moneyString(amount: Dec, model: ContractModel): string {
    return roundMoney(amount, model.rounding).toFixed(moneyPlaces(model.rounding));
}

function sideJson(side: { settlement?: Settlement; error?: string }, model: ContractModel): Record<string, unknown> {
    if (!side.settlement) {
        return { error: side.error ?? 'cannot be settled' };
    }
    const settlement = side.settlement;
    return {
        earned: moneyString(settlement.earned, model),
        ...(settlement.ledger ? { netCash: moneyString(settlement.ledger.netToAco, model) } : {}),
        ...(settlement.distribution ? {
            distribution: {
                reserve: moneyString(settlement.distribution.reserve, model),
                providers: settlement.distribution.providers.map((p) => ({ provider: p.provider, amount: moneyString(p.amount, model) }))
            }
        } : {})
    };
}

/**
 * The JSON document of `aco diff --format json`: money as exact decimal strings with the
 * contract's rounding (as the other commands' JSON), differences as NEW minus OLD.
 */
export function diffJson(diff: ContractDiff, before: ContractModel, after: ContractModel, labels: DiffLabels): Record<string, unknown> {
    return {
        identical: identical(diff),
        old: { file: labels.old, contract: before.name },
        new: { file: labels.new, contract: after.name },
        changes: diff.changes.map((c) => ({
            change: c.change,
            section: c.section,
            term: c.term,
            ...(c.old !== undefined ? { old: c.old } : {}),
            ...(c.new !== undefined ? { new: c.new } : {}),
            text: c.text
        })),
        impact: diff.impact.map((impact) => ({
            scenario: impact.scenario,
            old: sideJson(impact.old, before),
            new: sideJson(impact.new, after),
            ...(impact.earnedDifference !== undefined ? { earnedChange: moneyString(impact.earnedDifference, after) } : {}),
            ...(impact.netCashDifference !== undefined ? { netCashChange: moneyString(impact.netCashDifference, after) } : {}),
            shares: impact.shares.map((s) => ({
                recipient: s.recipient,
                ...(s.old !== undefined ? { old: moneyString(s.old, before) } : {}),
                ...(s.new !== undefined ? { new: moneyString(s.new, after) } : {}),
                change: moneyString(s.difference, after)
            })),
            streams: impact.streams.map((s) => ({
                stream: s.key.split('|')[0],
                ...(s.key.split('|')[2] ? { provider: s.key.split('|')[2] } : {}),
                timing: s.key.split('|')[1],
                label: s.label,
                ...(s.kept ? { keptByPayer: true } : {}),
                ...(s.old !== undefined ? { old: moneyString(s.old, before) } : {}),
                ...(s.new !== undefined ? { new: moneyString(s.new, after) } : {}),
                change: moneyString(s.difference, after)
            }))
        }))
    };
}
