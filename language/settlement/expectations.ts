/**
 * A scenario's assertions (`expect earned …`, `expect provider ID receives …`) checked against the
 * settlement: passed when |actual − expected| ≤ tolerance (default 0). A provider with no part of
 * the distribution (no distribution, or earned zero) receives 0.
 */
import { ZERO, type Dec } from '../decimal.js';
import type { ScenarioTerms } from '../model/contract-model.js';
import type { DistributionResult, ExpectationResult } from './settlement-types.js';

export function checkExpectations(
    scenario: ScenarioTerms,
    earned: Dec,
    distribution: DistributionResult | undefined,
    qualityBonus: Dec = ZERO
): ExpectationResult[] {
    return scenario.expectations.map((expectation) => {
        const tolerance = expectation.tolerance?.abs() ?? ZERO;
        const actual =
            expectation.kind === 'earned'
                ? earned
                : expectation.kind === 'bonus'
                  ? qualityBonus
                  : (distribution?.providers.find((share) => share.provider === expectation.providerId)?.amount ?? ZERO);
        const result: ExpectationResult = {
            kind: expectation.kind,
            expected: expectation.amount,
            actual,
            tolerance,
            passed: actual.minus(expectation.amount).abs().lessThanOrEqualTo(tolerance),
            line: expectation.line
        };
        if (expectation.kind === 'provider') {
            result.providerId = expectation.providerId;
        }
        return result;
    });
}
