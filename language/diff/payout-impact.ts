/**
 * The payout impact of a contract change: every scenario of NEW settled under both versions (the
 * NEW scenario applied to OLD's model through the same `settle`), with the difference in earned,
 * in the reserve and in each provider's share. Differences are of settled (rounded) figures.
 */
import { ZERO, type Dec } from '../decimal.js';
import type { ContractModel, ScenarioTerms } from '../model/contract-model.js';
import { settle } from '../settlement/index.js';
import type { Settlement } from '../settlement/settlement-types.js';

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

export interface ScenarioImpact {
    scenario: string;
    old: SideOutcome;
    new: SideOutcome;
    /** new earned − old earned, when both settle. */
    earnedDifference?: Dec;
    /** The reserve and every provider in either distribution (NEW's order first), when both settle. */
    shares: ShareImpact[];
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

/** Settles each scenario of `after` under `before` and under `after`. */
export function payoutImpact(before: ContractModel, after: ContractModel): ScenarioImpact[] {
    return after.scenarios.map((scenario) => {
        const old = settleSafely(before, scenario);
        const now = settleSafely(after, scenario);
        const impact: ScenarioImpact = { scenario: scenario.name, old, new: now, shares: [] };
        if (old.settlement && now.settlement) {
            impact.earnedDifference = now.settlement.earned.minus(old.settlement.earned);
            const oldShares = sharesOf(old.settlement);
            const newShares = sharesOf(now.settlement);
            const recipients = [...new Set([...newShares.keys(), ...oldShares.keys()])];
            impact.shares = recipients.map((recipient) => {
                const was = oldShares.get(recipient);
                const is = newShares.get(recipient);
                const share: ShareImpact = { recipient, difference: (is ?? ZERO).minus(was ?? ZERO) };
                if (was !== undefined) {
                    share.old = was;
                }
                if (is !== undefined) {
                    share.new = is;
                }
                return share;
            });
        }
        return impact;
    });
}
