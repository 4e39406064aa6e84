/**
 * The technical appendix: for the people who check the figures rather than sign them. Each
 * scenario's waterfall, straight from `Settlement.steps`, with the source line of every clause;
 * capitation and the expectations with their lines; and the validator's findings by line.
 */
import type { ContractModel } from '../model/contract-model.js';
import type { Settlement, SettlementStep } from '../settlement/settlement-types.js';
import { capitalise, heading, left, paragraph, right } from './blocks.js';
import type { Block } from './document.js';
import { money, shortRate } from './figures.js';
import type { SummaryNotice } from './notices.js';

function stepFigure(step: SettlementStep, model: ContractModel): [string, string] {
    return [step.amount !== undefined ? money(step.amount, model) : '', step.rate !== undefined ? shortRate(step.rate, 4) : ''];
}

export function appendixBlocks(
    model: ContractModel,
    settlements: ReadonlyArray<Settlement | undefined>,
    unsettled: ReadonlyMap<number, string> | undefined,
    notices: readonly SummaryNotice[]
): Block[] {
    const blocks: Block[] = [heading('Technical appendix', 'appendix')];
    blocks.push(paragraph('Each scenario\'s settlement as the engine worked it out: every step, its figure, a plain-English explanation and the line of the contract the clause is on.'));
    const names = new Map(model.providers.map((p) => [p.id, p.name]));
    model.scenarios.forEach((scenario, index) => {
        blocks.push(heading(`Scenario ${index + 1}: ${scenario.name}`, `scenario-${index + 1}`, 3));
        const settlement = settlements[index];
        if (!settlement) {
            blocks.push(paragraph(`This scenario (line ${scenario.line}) cannot be settled: ${unsettled?.get(index) ?? 'the contract lacks a figure it needs.'}`));
            return;
        }
        blocks.push({
            kind: 'table',
            caption: `Waterfall: ${settlement.scenario}`,
            columns: [right('#'), left('Step'), right('Amount'), right('Rate'), left('Explanation'), right('Line')],
            rows: settlement.steps.map((step, stepIndex) => {
                const [amount, rate] = stepFigure(step, model);
                return [String(stepIndex + 1), capitalise(step.step), amount, rate, step.explanation, step.line ? String(step.line) : ''];
            }),
            className: 'waterfall'
        });
        if (settlement.capitation.length > 0) {
            blocks.push({
                kind: 'table',
                caption: `Capitation: ${settlement.scenario}`,
                columns: [left('Service'), left('Paid to'), right('Paid'), right('Withheld'), right('Returned'), right('Line')],
                rows: settlement.capitation.map((c) => [
                    capitalise(c.service), c.provider ? `${names.get(c.provider) ?? c.provider} (${c.provider})` : 'every member month',
                    money(c.paid, model), money(c.withheld, model), money(c.returned, model), String(c.line)
                ]),
                className: 'capitation-results'
            });
        }
        if (settlement.expectations.length > 0) {
            blocks.push({
                kind: 'table',
                caption: `Expectations: ${settlement.scenario}`,
                columns: [left('Expectation'), right('Expected'), right('Settled'), left('Result'), right('Line')],
                rows: settlement.expectations.map((e) => [
                    e.kind === 'earned' ? 'Earned' : e.kind === 'bonus' ? 'Quality bonus' : `${names.get(e.providerId ?? '') ?? e.providerId} (${e.providerId}) receives`,
                    money(e.expected, model),
                    money(e.actual, model),
                    e.passed ? { text: 'holds', tone: 'pass' } : { text: 'fails', tone: 'fail' },
                    String(e.line)
                ]),
                className: 'expectations'
            });
        }
    });
    if (notices.length > 0) {
        blocks.push(heading('Validation findings', 'findings', 3));
        blocks.push({
            kind: 'table',
            columns: [right('Line'), left('Severity'), left('Code'), left('Message')],
            rows: notices.map((n) => [n.line ? String(n.line) : '', { text: n.severity, tone: n.severity === 'error' ? 'fail' : 'muted' }, n.code ?? '', n.message]),
            className: 'findings'
        });
    }
    return blocks;
}
