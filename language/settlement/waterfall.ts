/**
 * The waterfall: the list of steps a settlement records as it goes. Every rule module appends
 * its own steps through `addStep`, so the explanation of a figure sits next to the rule that
 * computed it.
 */
import type { Dec } from '../decimal.js';
import type { SettlementStep } from './settlement-types.js';

export type Steps = SettlementStep[];

/** Appends one step; `amount`/`rate` are omitted from the record when not given. */
export function addStep(
    steps: Steps,
    step: string,
    explanation: string,
    line: number | undefined,
    figures: { amount?: Dec; rate?: Dec } = {}
): void {
    const record: SettlementStep = { step, explanation };
    if (figures.amount !== undefined) {
        record.amount = figures.amount;
    }
    if (figures.rate !== undefined) {
        record.rate = figures.rate;
    }
    if (line !== undefined) {
        record.line = line;
    }
    steps.push(record);
}
