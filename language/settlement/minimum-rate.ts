/**
 * The minimum savings rate and minimum loss rate: a stated percent, or `variable` (the MSSP table
 * at N, see presets.ts). A loss side without its own minimum uses the savings one: two-sided MSSP
 * contracts elect one rate for both.
 */
import type { Dec } from '../decimal.js';
import type { ContractModel, MinimumRate } from '../model/contract-model.js';
import { SettlementError } from './errors.js';
import { countText } from './explain.js';
import { msspVariableMinimumRate } from './presets.js';

export interface ResolvedMinimumRate {
    rate: Dec;
    /** True when the rate came from the variable table. */
    variable: boolean;
    /** N, when the rate came from the variable table. */
    beneficiaries?: Dec;
    line: number;
    fromPreset?: boolean;
}

/** Resolves a minimum rate term; `variable` needs at least 5,000 assigned beneficiaries. */
export function resolveMinimumRate(
    term: MinimumRate | undefined,
    model: ContractModel,
    what: 'savings' | 'loss'
): ResolvedMinimumRate | undefined {
    if (!term) {
        return undefined;
    }
    if (term.kind === 'fixed') {
        return { rate: term.rate, variable: false, line: term.line, fromPreset: term.fromPreset };
    }
    const beneficiaries = model.population.beneficiaries;
    if (!beneficiaries) {
        throw new SettlementError(
            `A variable minimum ${what} rate needs the number of assigned beneficiaries.`,
            term.line
        );
    }
    const rate = msspVariableMinimumRate(beneficiaries);
    if (!rate) {
        throw new SettlementError(
            `The variable minimum ${what} rate table starts at 5,000 assigned beneficiaries; with ${countText(beneficiaries)}, state the rate.`,
            term.line
        );
    }
    return { rate, variable: true, beneficiaries, line: term.line, fromPreset: term.fromPreset };
}

/** How an explanation names the rate: "the 2.00% minimum savings rate (MSSP variable rate at 9,139 beneficiaries)". */
export function minimumRateSource(minimum: ResolvedMinimumRate): string {
    if (minimum.beneficiaries) {
        return ` (the MSSP variable rate at ${countText(minimum.beneficiaries)} beneficiaries)`;
    }
    return minimum.fromPreset ? ' (program preset)' : '';
}
