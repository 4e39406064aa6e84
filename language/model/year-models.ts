/**
 * The model of each performance year of an agreement. A contract's model is the contract as
 * written; the model of performance year k applies the `year N { … }` blocks up to k and that
 * year's program rules. The model builder registers how to build them (it holds the AST); the
 * engine asks here, so it never sees the AST. Models made without the builder (tests) have no
 * other years: every year is the model itself.
 */
import type { ContractModel, ScenarioTerms } from './contract-model.js';

const builders = new WeakMap<ContractModel, (year: number) => ContractModel>();

export function registerYearModels(model: ContractModel, build: (year: number) => ContractModel): void {
    builders.set(model, build);
}

/** The model for performance year `year` (the contract's own when nothing differs that year). */
export function modelForYear(model: ContractModel, year: number): ContractModel {
    if (model.agreement?.year === year) {
        return model;
    }
    return builders.get(model)?.(year) ?? model;
}

/** The performance year a scenario settles: its `year` line, else the agreement's default year. */
export function scenarioYear(model: ContractModel, scenario: Pick<ScenarioTerms, 'year'> | undefined): number {
    return scenario?.year?.year ?? model.agreement?.defaultYear ?? 1;
}
