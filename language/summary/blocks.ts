/**
 * Small constructors for document blocks, shared by the summary's and the diff's builders, and
 * the words for a settled figure that more than one section uses (earned or owed, above or below
 * the benchmark).
 */
import type { Dec } from '../decimal.js';
import type { ContractModel } from '../model/contract-model.js';
import type { Block, Cell, Inline, TableColumn } from './document.js';
import { fixedRate, money } from './figures.js';

export const left = (header: string): TableColumn => ({ header, align: 'left' });
export const right = (header: string): TableColumn => ({ header, align: 'right' });

export function heading(text: string, id: string, level: 2 | 3 = 2): Block {
    return { kind: 'heading', level, text, id };
}

export function paragraph(...content: Inline[]): Block {
    return { kind: 'paragraph', content };
}

export function part(id: string): Block {
    return { kind: 'part', id };
}

export function capitalise(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `2 scenarios`, `1 scenario`. */
export function counted(n: number, noun: string, plural = `${noun}s`): string {
    return `${n.toLocaleString('en-US')} ${n === 1 ? noun : plural}`;
}

/** What the ACO earns as a table cell: the amount in green, `owes £X` in red, `nothing`. */
export function earnedCell(amount: Dec, model: ContractModel): Cell {
    if (amount.greaterThan(0)) {
        return { text: money(amount, model), tone: 'gain' };
    }
    if (amount.lessThan(0)) {
        return { text: `owes ${money(amount.abs(), model)}`, tone: 'loss' };
    }
    return { text: 'nothing', tone: 'muted' };
}

/** A change in money as a cell: `+£14,158.64` in green, `-£1,000.00` in red, `no change`. */
export function changeCell(amount: Dec, model: ContractModel): Cell {
    if (amount.isZero()) {
        return { text: 'no change', tone: 'muted' };
    }
    const text = money(amount, model);
    return amount.greaterThan(0) ? { text: `+${text}`, tone: 'gain' } : { text, tone: 'loss' };
}

/** Spending against the benchmark: `3.22% under`, `3.62% over`, `at the benchmark`. */
export function positionWords(savingsRate: Dec): string {
    if (savingsRate.isZero()) {
        return 'on budget';
    }
    return `${fixedRate(savingsRate.abs())} ${savingsRate.greaterThan(0) ? 'under' : 'over'}`;
}
