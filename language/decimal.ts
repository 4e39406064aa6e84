import DecimalDefault from 'decimal.js';
import type { Decimal as DecimalClass } from 'decimal.js';

// decimal.js ships CommonJS-style typings for an ES module whose default export is the class.
const Decimal = DecimalDefault as unknown as typeof DecimalClass;

/**
 * The one decimal type used for money and rates. 60 significant digits keep every intermediate
 * product of a settlement exact (benchmarks of billions times rates of nine decimals); numbers
 * never print in exponent form. Rounding to cents happens only where SETTLEMENT.md says, through
 * settlement/rounding.ts.
 */
export const Dec = Decimal.clone({
    precision: 60,
    rounding: Decimal.ROUND_HALF_UP,
    toExpNeg: -100,
    toExpPos: 100
});
export type Dec = DecimalClass;

export const ZERO = new Dec(0);
export const ONE = new Dec(1);
