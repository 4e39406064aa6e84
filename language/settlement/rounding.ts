/**
 * Rounding of money: the only place a settlement rounds. SETTLEMENT.md names the points where it
 * happens (earned; capitation paid, withheld and returned; the distribution's reserve and shares)
 * and every one of them calls `roundMoney` or `moneyUnit` from here.
 */
import { Dec, ZERO } from '../decimal.js';
import type { Rounding } from '../model/contract-model.js';

/** `rounding half-up to cents`, what a contract without a `rounding` line means. */
export const DEFAULT_ROUNDING: Rounding = { mode: 'half-up', unit: 'cents' };

/** Decimal places kept: 2 for cents, 0 for whole units. */
export function moneyPlaces(rounding: Rounding): number {
    return rounding.unit === 'cents' ? 2 : 0;
}

/** The smallest amount that can change hands: 0.01 for cents, 1 for whole units. */
export function moneyUnit(rounding: Rounding): Dec {
    return rounding.unit === 'cents' ? new Dec('0.01') : new Dec(1);
}

/**
 * Rounds an amount to cents or whole units. `half-up` is half away from zero (−$0.005 becomes
 * −$0.01), as decimal.js's ROUND_HALF_UP; `half-even` is banker's rounding.
 */
export function roundMoney(amount: Dec, rounding: Rounding = DEFAULT_ROUNDING): Dec {
    const mode = rounding.mode === 'half-even' ? Dec.ROUND_HALF_EVEN : Dec.ROUND_HALF_UP;
    return withoutNegativeZero(amount.toDecimalPlaces(moneyPlaces(rounding), mode));
}

/** "half-up to cents", for explanations. */
export function roundingText(rounding: Rounding): string {
    return `${rounding.mode} to ${rounding.unit}`;
}

/**
 * decimal.js keeps the sign of zero (−$5 × 0 is −0); a settlement never reports "−$0.00", so
 * every figure that may be zero passes through here.
 */
export function withoutNegativeZero(amount: Dec): Dec {
    return amount.isZero() ? ZERO : amount;
}
