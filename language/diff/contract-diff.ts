/**
 * The diff record of two versions of a contract: the term changes and the payout impact on each
 * scenario of NEW, and whether the two are, for every purpose a signer has, the same contract.
 */
import type { ContractModel } from '../model/contract-model.js';
import { payoutImpact, unchanged, type ScenarioImpact } from './payout-impact.js';
import { termChanges, type TermChange } from './term-changes.js';

export interface ContractDiff {
    changes: TermChange[];
    impact: ScenarioImpact[];
}

/** The term changes from `before` to `after` and the payout impact on each scenario of `after`. */
export function contractDiff(before: ContractModel, after: ContractModel): ContractDiff {
    return { changes: termChanges(before, after), impact: payoutImpact(before, after) };
}

/** No term changed and every scenario settles to the same payments under both versions. */
export function identical(diff: ContractDiff): boolean {
    return diff.changes.length === 0 && diff.impact.every(unchanged);
}

/** The one sentence for two versions that are the same contract. */
export const NO_CHANGES = 'No changes: the terms are the same, and every scenario settles to the same payments under both versions.';

export interface DiffLabels {
    /** How OLD and NEW are named (file paths). */
    old: string;
    new: string;
}
