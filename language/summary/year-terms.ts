/**
 * The terms as they change from year to year: the model of each performance year (the `year N`
 * blocks up to it and that calendar year's program rules, as the engine settles it) put into the
 * same sentences as the contract's first year, and each year's new sentences listed under it.
 */
import type { ContractModel } from '../model/contract-model.js';
import { modelForYear } from '../model/year-models.js';
import { minimumRates } from './probe.js';
import { termYears, yearLabel } from './limits.js';
import { lossSentences, savingsSentences } from './terms.js';

export interface YearChange {
    year: number;
    label: string;
    /** The sentences of that year's financial terms that differ from the year before. */
    sentences: string[];
}

function financialSentences(model: ContractModel): string[] {
    const minimums = minimumRates(model);
    return [...savingsSentences(model, minimums), ...lossSentences(model, minimums)];
}

/** Each performance year after the first whose financial terms read differently from the year before. */
export function yearChanges(model: ContractModel): YearChange[] {
    const years = termYears(model).years;
    const changes: YearChange[] = [];
    let previous = financialSentences(modelForYear(model, 1));
    for (const year of years.slice(1)) {
        const current = financialSentences(modelForYear(model, year.year));
        const fresh = current.filter((sentence) => !previous.includes(sentence));
        if (fresh.length > 0) {
            changes.push({ year: year.year, label: yearLabel(year), sentences: fresh });
        }
        previous = current;
    }
    return changes;
}
