/**
 * The payout impact of a contract change: every scenario of NEW settled under both versions (the
 * NEW scenario applied to OLD's model through the same `settle`), with the difference in earned,
 * in the reserve and in each provider's share, and in every payment stream of the year's ledger
 * (capitation after the withhold, what quality returns, clawbacks, advance investment), so a
 * change that moves money outside the savings calculation shows. Differences are of settled
 * (rounded) figures.
 */
import { ZERO, type Dec } from '../decimal.js';
import type { ContractModel, ScenarioTerms } from '../model/contract-model.js';
import { settle } from '../settlement/index.js';
import type { Settlement } from '../settlement/settlement-types.js';
import { netCash, streamRows } from '../summary/payment-streams.js';

export interface SideOutcome {
    settlement?: Settlement;
    /** Why the scenario cannot be settled under this version. */
    error?: string;
}

export interface ShareImpact {
    /** A provider ID, or `reserve`. */
    recipient: string;
    old?: Dec;
    new?: Dec;
    /** new − old, counting a recipient absent on one side as 0. */
    difference: Dec;
}

export interface StreamImpact {
    /** Stable across versions: stream, timing and provider (payment-streams.ts). */
    key: string;
    label: string;
    /** The payer keeps it back: not part of net cash. */
    kept: boolean;
    old?: Dec;
    new?: Dec;
    /** new − old, a stream absent on one side counting 0. */
    difference: Dec;
}

export interface ScenarioImpact {
    scenario: string;
    old: SideOutcome;
    new: SideOutcome;
    /** new earned − old earned, when both settle. */
    earnedDifference?: Dec;
    /** new − old net cash to the ACO over every payment stream, when both settle. */
    netCashDifference?: Dec;
    /** The reserve and every provider in either distribution (NEW's order first), when both settle. */
    shares: ShareImpact[];
    /** Every payment stream in either ledger (NEW's order first), when both settle. */
    streams: StreamImpact[];
}

function settleSafely(model: ContractModel, scenario: ScenarioTerms): SideOutcome {
    try {
        return { settlement: settle(model, scenario) };
    } catch (error) {
        return { error: error instanceof Error ? error.message : String(error) };
    }
}

function sharesOf(settlement: Settlement): Map<string, Dec> {
    const shares = new Map<string, Dec>();
    const distribution = settlement.distribution;
    if (distribution) {
        shares.set('reserve', distribution.reserve);
        for (const provider of distribution.providers) {
            shares.set(provider.provider, provider.amount);
        }
    }
    return shares;
}

/** Both sides' values by key, NEW's keys first, with the difference counting a missing side as 0. */
function paired<T>(before: ReadonlyMap<string, T>, after: ReadonlyMap<string, T>, value: (item: T) => Dec): Array<{ key: string; old?: T; new?: T; difference: Dec }> {
    return [...new Set([...after.keys(), ...before.keys()])].map((key) => {
        const was = before.get(key);
        const is = after.get(key);
        return { key, ...(was !== undefined ? { old: was } : {}), ...(is !== undefined ? { new: is } : {}), difference: (is !== undefined ? value(is) : ZERO).minus(was !== undefined ? value(was) : ZERO) };
    });
}

/** Settles each scenario of `after` under `before` and under `after`. */
export function payoutImpact(before: ContractModel, after: ContractModel): ScenarioImpact[] {
    return after.scenarios.map((scenario) => {
        const old = settleSafely(before, scenario);
        const now = settleSafely(after, scenario);
        const impact: ScenarioImpact = { scenario: scenario.name, old, new: now, shares: [], streams: [] };
        if (old.settlement && now.settlement) {
            impact.earnedDifference = now.settlement.earned.minus(old.settlement.earned);
            impact.netCashDifference = netCash(now.settlement).minus(netCash(old.settlement));
            impact.shares = paired(sharesOf(old.settlement), sharesOf(now.settlement), (amount) => amount).map((p) => ({
                recipient: p.key, ...(p.old !== undefined ? { old: p.old } : {}), ...(p.new !== undefined ? { new: p.new } : {}), difference: p.difference
            }));
            const rows = (settlement: Settlement) => new Map(streamRows(settlement).map((row) => [row.key, row]));
            impact.streams = paired(rows(old.settlement), rows(now.settlement), (row) => row.amount).map((p) => ({
                key: p.key,
                label: (p.new ?? p.old)!.label,
                kept: (p.new ?? p.old)!.kept,
                ...(p.old ? { old: p.old.amount } : {}),
                ...(p.new ? { new: p.new.amount } : {}),
                difference: p.difference
            }));
        }
        return impact;
    });
}

/** Whether nothing a scenario pays differs between the versions. */
export function unchanged(impact: ScenarioImpact): boolean {
    return impact.old.settlement !== undefined && impact.new.settlement !== undefined
        && impact.earnedDifference!.isZero() && impact.netCashDifference!.isZero()
        && impact.shares.every((s) => s.difference.isZero()) && impact.streams.every((s) => s.difference.isZero());
}
