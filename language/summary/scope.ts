/**
 * What lies outside the contract, said on the first page so no reader takes the figures for the
 * whole picture: where the benchmark came from, money that moves before or beside settlement,
 * how the years join up, and what a simulation is. Each item is said only when it applies.
 */
import type { ContractModel } from '../model/contract-model.js';
import type { Inline } from './document.js';
import { money, statedMoney } from './figures.js';
import type { TermYears } from './limits.js';
import { basisInWords } from './terms.js';
import { vocabularyOf } from './vocabulary.js';

/** One item: its title in bold, then the sentence. */
function item(title: string, text: string): Inline[] {
    return [{ strong: title }, ` ${text}`];
}

/** The items of “What this summary does not cover”, each one sentence or two. */
export function outsideTheContract(model: ContractModel, term: TermYears): Inline[][] {
    const w = vocabularyOf(model);
    const items: Inline[][] = [];
    const population = model.population;
    const stated = population.benchmark;
    if (stated) {
        const figure = stated.basis === 'total' ? `${money(stated.amount, model)} in total` : `${statedMoney(stated.amount, model)} ${basisInWords(model, stated.basis)}`;
        items.push(item(`How ${w.benchmark} was set.`, `The contract states it (${figure}); the base years, trend, risk adjustment and any regional or prior-savings adjustment behind it are not checked here.`));
    } else if (population.builtBenchmark) {
        items.push(item(`The inputs to ${w.benchmark}.`, 'It is built from the figures the contract states (base-year costs, risk scores, trend); where those come from is not checked here.'));
    }
    const cash: string[] = ['The figures are what settlement pays for a performance year'];
    if (model.advanceInvestment) {
        cash.push('a scenario on its own counts every earlier advance investment payment as still to recoup');
    }
    cash.push(`prepayments, payment dates, interest, claims run-out, running costs, stop-loss and taxes are not modelled.`);
    items.push(item('When money moves.', cash.join('; ')));
    const years = term.years.length;
    items.push(item('Years in sequence.', years > 1
        ? `Each scenario is one year on its own; term totals take each year's terms as written, with no rebasing, change in the ${w.population} or loss carried forward${model.projections.length > 0 ? ' (projections settle the years in order)' : ''}.`
        : `Each scenario is one performance year on its own: changes in the ${w.population} during the year, rebasing and later years are not modelled.`));
    if (term.shortLastYearMonths > 0) {
        items.push(item('A short last year.', `The term's last performance year runs ${term.shortLastYearMonths} months; it is settled like every other year, on ${model.term.months} months of ${w.people}.`));
    }
    if (model.uncertainty) {
        items.push(item('The simulation.', 'The Monte Carlo run shows the spread the contract\'s stated distributions imply, not a forecast.'));
    }
    return items;
}
