/**
 * Corridors in the waterfall: one step per band. The split itself (a corridor `a% to b%` covers
 * the part of the amount between a × B and b × B, shared at the corridor's rate) is the rule
 * `corridorTotal` in year-rules.ts.
 */
import type { Dec } from '../decimal.js';
import type { Corridor } from '../model/contract-model.js';
import { moneyText, percentText } from './explain.js';
import { addStep, type Steps } from './waterfall.js';

/** Appends one step per corridor: "Savings between 0.00% and 25.00% of the benchmark: $X × 100.00% = $Y." */
export function corridorSteps(
    corridors: readonly Corridor[],
    parts: readonly Dec[],
    shares: readonly Dec[],
    what: 'Savings' | 'Losses',
    currency: string,
    steps: Steps
): void {
    corridors.forEach((corridor, index) => {
        const part = parts[index];
        const shared = shares[index];
        const band =
            corridor.upper === undefined
                ? `over ${percentText(corridor.lower)}`
                : corridor.lower.isZero()
                  ? `up to ${percentText(corridor.upper)}`
                  : `between ${percentText(corridor.lower)} and ${percentText(corridor.upper)}`;
        addStep(
            steps,
            'corridor',
            () => `${what} ${band} of the benchmark: ${moneyText(part, currency)} × ${percentText(corridor.share)} = ${moneyText(shared, currency)}.`,
            corridor.line,
            { amount: shared, rate: corridor.share }
        );
    });
}
