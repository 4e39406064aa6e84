/**
 * The term year by year, for a contract that writes a `projection`: the engine's projection
 * settlement (each year under that year's terms, the advance investment balance carried from year
 * to year) as a first-page total, and a table and chart per projection with what each year earns,
 * the net cash of all its payment streams, and the term totals.
 */
import type { ContractModel } from '../model/contract-model.js';
import type { ProjectionSettlement } from '../settlement/settlement-types.js';
import { counted, earnedCell, heading, left, paragraph, right } from './blocks.js';
import { termChartSvg } from './charts.js';
import type { Block, Cell } from './document.js';
import { money } from './figures.js';
import { termYears, yearLabel } from './limits.js';
import { vocabularyOf } from './vocabulary.js';

/** The projections as the summary shows them: the engine's settlement, or why it has none. */
export interface ProjectionOutcome {
    name: string;
    settlement?: ProjectionSettlement;
    error?: string;
}

function labelOf(model: ContractModel): (year: number) => string {
    const labels = new Map(termYears(model).years.map((y) => [y.year, yearLabel(y)]));
    return (year) => labels.get(year) ?? `Year ${year}`;
}

/** A first-page sentence: what each projection comes to over the term (a table would not fit the page). */
export function projectionSentence(model: ContractModel, projections: readonly ProjectionOutcome[]): string | undefined {
    if (projections.length === 0) {
        return undefined;
    }
    const w = vocabularyOf(model);
    const each = projections.map((p) => {
        if (!p.settlement) {
            return `“${p.name}” cannot be settled`;
        }
        const total = p.settlement.totalEarned;
        const earns = total.isNegative() ? `owes ${money(total.abs(), model)}` : `earns ${money(total, model)}`;
        const cash = p.settlement.totalNetCash.equals(total) ? '' : `, ${money(p.settlement.totalNetCash, model)} in net cash`;
        return `in “${p.name}” ${w.aco} ${earns} over ${counted(p.settlement.years.length, 'year')}${cash}`;
    });
    return `As projected, ${each.join('; ')}.`;
}

/** The charts section's part: each projection year by year, with its chart. */
export function projectionBlocks(model: ContractModel, projections: readonly ProjectionOutcome[]): Block[] {
    const label = labelOf(model);
    const blocks: Block[] = [];
    for (const [index, projection] of projections.entries()) {
        blocks.push(heading(`The term by year: ${projection.name}`, `term-${index + 1}`, 3));
        const settled = projection.settlement;
        if (!settled) {
            blocks.push(paragraph(`This projection cannot be settled: ${projection.error ?? 'a year lacks a figure it needs.'}`));
            continue;
        }
        blocks.push({
            kind: 'table',
            columns: [left('Performance year'), right('Spending'), right('Earned'), right('Net cash, all payments'), right('Advance investment outstanding')],
            rows: settled.years.map(({ year, settlement, ledger }): Cell[] => [
                `${year}: ${label(year)}`, money(settlement.expenditure, model), earnedCell(settlement.earned, model), earnedCell(ledger.netToAco, model), money(ledger.advanceBalance, model)
            ]),
            totals: [[`Term total, ${counted(settled.years.length, 'year')}`, '', earnedCell(settled.totalEarned, model), earnedCell(settled.totalNetCash, model), '']],
            className: 'term-years'
        });
        const bars = settled.years.map(({ year, settlement }) => ({ label: label(year), year, earned: settlement.earned }));
        blocks.push({
            kind: 'chart',
            id: `term-${index + 1}`,
            title: `The term by year: ${projection.name}`,
            svg: termChartSvg(bars, model, `The term by year: ${projection.name}`),
            caption: [`Earned in each year (green) or owed (red), and the running total (the line): ${money(settled.totalEarned, model)} over the term.`]
        });
    }
    return blocks;
}
