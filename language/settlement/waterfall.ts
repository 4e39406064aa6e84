/**
 * The waterfall: the list of steps a settlement records as it goes. Every rule module appends
 * its own steps through `addStep`, so the explanation of a figure sits next to the rule that
 * computed it.
 */
import type { Dec } from '../decimal.js';
import type { SettlementStep } from './settlement-types.js';

export type Steps = SettlementStep[];

/**
 * A step whose explanation is written only when someone reads it (hover, `--explain`, JSON,
 * summaries): validating a large contract settles every scenario but formats none of these
 * sentences.
 */
class LazyStep implements SettlementStep {
    amount?: Dec;
    rate?: Dec;
    line?: number;
    private written?: string;

    constructor(readonly step: string, private readonly explain: () => string) {}

    get explanation(): string {
        return (this.written ??= this.explain());
    }

    toJSON(): object {
        return { step: this.step, amount: this.amount, rate: this.rate, explanation: this.explanation, line: this.line };
    }
}

/** Appends one step; `amount`/`rate`/`line` are left out of the record when not given. */
export function addStep(
    steps: Steps,
    step: string,
    explain: () => string,
    line: number | undefined,
    figures: { amount?: Dec; rate?: Dec } = {}
): void {
    const record = new LazyStep(step, explain);
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
