/**
 * Corridors: the amount (the savings basis, or |G| for losses) split into bands measured as a
 * share of the benchmark. A corridor `a% to b%` covers the part between a × B and b × B, and
 * that part is shared at the corridor's rate.
 */
import { Dec, ZERO } from '../decimal.js';
import type { Corridor } from '../model/contract-model.js';
import { moneyText, percentText } from './explain.js';
import { addStep, type Steps } from './waterfall.js';

export interface CorridorPart {
    corridor: Corridor;
    /** The part of the amount inside the band. */
    part: Dec;
    /** part × the band's share. */
    shared: Dec;
}

/** The part of `amount` (≥ 0) that falls in each band, and Σ part × share. */
export function splitIntoCorridors(
    amount: Dec,
    benchmark: Dec,
    corridors: readonly Corridor[]
): { parts: CorridorPart[]; total: Dec } {
    let total = ZERO;
    const parts = corridors.map((corridor) => {
        const from = corridor.lower.times(benchmark);
        const to = corridor.upper === undefined ? amount : Dec.min(amount, corridor.upper.times(benchmark));
        const part = to.greaterThan(from) ? to.minus(from) : ZERO;
        const shared = part.times(corridor.share);
        total = total.plus(shared);
        return { corridor, part, shared };
    });
    return { parts, total };
}

/** Appends one step per corridor: "Savings between 0.00% and 25.00% of the benchmark: $X × 100.00% = $Y." */
export function corridorSteps(
    parts: readonly CorridorPart[],
    what: 'Savings' | 'Losses',
    currency: string,
    steps: Steps
): void {
    for (const { corridor, part, shared } of parts) {
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
    }
}
