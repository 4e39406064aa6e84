/**
 * `aco diff OLD NEW`: what changed between two versions of a contract, term by term, and what the
 * change does to the payout of each scenario of NEW (settled under both versions). Pure: from two
 * contract models to a diff record, and from the record to text or the JSON document.
 */
import type { Dec } from '../decimal.js';
import type { ContractModel } from '../model/contract-model.js';
import { moneyPlaces, roundMoney } from '../settlement/index.js';
import type { Settlement } from '../settlement/settlement-types.js';
import { money, signedMoney } from '../summary/figures.js';
import { payoutImpact, type ScenarioImpact } from './payout-impact.js';
import { termChanges, type TermChange } from './term-changes.js';

export { payoutImpact, type ScenarioImpact, type ShareImpact, type SideOutcome } from './payout-impact.js';
export { termChanges, type ChangeKind, type TermChange } from './term-changes.js';

export interface ContractDiff {
    changes: TermChange[];
    impact: ScenarioImpact[];
}

/** The term changes from `before` to `after` and the payout impact on each scenario of `after`. */
export function contractDiff(before: ContractModel, after: ContractModel): ContractDiff {
    return { changes: termChanges(before, after), impact: payoutImpact(before, after) };
}

/** Colouring for the text form (the CLI's `Style` fits). */
export interface Paint {
    red(text: string): string;
    yellow(text: string): string;
    green(text: string): string;
    bold(text: string): string;
    dim(text: string): string;
}

const PLAIN: Paint = { red: (t) => t, yellow: (t) => t, green: (t) => t, bold: (t) => t, dim: (t) => t };

export interface DiffLabels {
    /** How OLD and NEW are named (file paths). */
    old: string;
    new: string;
}

function pad(rows: string[][], rightAligned: ReadonlySet<number>): string[] {
    const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => [...(row[column] ?? '')].length)));
    return rows.map((row) => row.map((cell, column) => {
        const gap = ' '.repeat(Math.max(0, widths[column] - [...cell].length));
        return rightAligned.has(column) ? gap + cell : cell + gap;
    }).join('  ').trimEnd());
}

/** The diff for people: one line per change, then a table per scenario. */
export function diffText(diff: ContractDiff, before: ContractModel, after: ContractModel, labels: DiffLabels, paint: Paint = PLAIN): string[] {
    const lines: string[] = [`${paint.bold('Changes')} from ${labels.old} to ${labels.new}`];
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
        lines.push(`  Scenario "${impact.scenario}"`);
        const oldSettlement = impact.old.settlement;
        const newSettlement = impact.new.settlement;
        if (!oldSettlement || !newSettlement) {
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
        const change = (difference: Dec) => {
            const text = signedMoney(difference, after);
            return difference.isZero() ? paint.dim(text) : difference.greaterThan(0) ? paint.green(text) : paint.red(text);
        };
        const rows: string[][] = [['', 'OLD', 'NEW', 'change']];
        rows.push(['Earned', money(oldSettlement.earned, before), money(newSettlement.earned, after), signedMoney(impact.earnedDifference!, after)]);
        for (const share of impact.shares) {
            rows.push([
                share.recipient === 'reserve' ? 'Reserve' : share.recipient,
                share.old !== undefined ? money(share.old, before) : '—',
                share.new !== undefined ? money(share.new, after) : '—',
                signedMoney(share.difference, after)
            ]);
        }
        const differences = [impact.earnedDifference!, ...impact.shares.map((s) => s.difference)];
        pad(rows, new Set([1, 2, 3])).forEach((line, index) => {
            if (index === 0) {
                lines.push(`    ${paint.dim(line)}`);
                return;
            }
            // Colour only the change column (the last cell), keeping the alignment.
            const difference = differences[index - 1];
            const plain = signedMoney(difference, after);
            lines.push(`    ${line.slice(0, line.length - plain.length)}${change(difference)}`);
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
            shares: impact.shares.map((s) => ({
                recipient: s.recipient,
                ...(s.old !== undefined ? { old: moneyString(s.old, before) } : {}),
                ...(s.new !== undefined ? { new: moneyString(s.new, after) } : {}),
                change: moneyString(s.difference, after)
            }))
        }))
    };
}
