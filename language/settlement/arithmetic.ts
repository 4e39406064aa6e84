/**
 * The numbers a settlement rule computes with. The rules of one performance year (year-rules.ts)
 * are written once over this interface: settlements use `exact` (decimal.js, as SETTLEMENT.md
 * requires for anything that settles), Monte Carlo trials use `float` (statistics may use binary
 * floating point). Keeping the interface this small keeps both instances obviously equivalent.
 */
import { Dec, ONE, ZERO } from '../decimal.js';

export interface Arithmetic<T> {
    readonly zero: T;
    readonly one: T;
    readonly half: T;
    /** A contract's exact figure in this arithmetic (done once per plan, never per trial). */
    of(value: Dec): T;
    plus(a: T, b: T): T;
    minus(a: T, b: T): T;
    times(a: T, b: T): T;
    negated(a: T): T;
    min(a: T, b: T): T;
    max(a: T, b: T): T;
    lessThan(a: T, b: T): boolean;
    greaterThan(a: T, b: T): boolean;
    /** a > 0. */
    isPositive(a: T): boolean;
    /** a < 0. */
    isNegative(a: T): boolean;
}

class ExactArithmetic implements Arithmetic<Dec> {
    readonly zero = ZERO;
    readonly one = ONE;
    readonly half = new Dec('0.5');
    of(value: Dec): Dec {
        return value;
    }
    plus(a: Dec, b: Dec): Dec {
        return a.plus(b);
    }
    minus(a: Dec, b: Dec): Dec {
        return a.minus(b);
    }
    times(a: Dec, b: Dec): Dec {
        return a.times(b);
    }
    negated(a: Dec): Dec {
        return a.negated();
    }
    min(a: Dec, b: Dec): Dec {
        return a.lessThan(b) ? a : b;
    }
    max(a: Dec, b: Dec): Dec {
        return a.greaterThan(b) ? a : b;
    }
    lessThan(a: Dec, b: Dec): boolean {
        return a.lessThan(b);
    }
    greaterThan(a: Dec, b: Dec): boolean {
        return a.greaterThan(b);
    }
    isPositive(a: Dec): boolean {
        return a.greaterThan(0);
    }
    isNegative(a: Dec): boolean {
        return a.lessThan(0);
    }
}

class FloatArithmetic implements Arithmetic<number> {
    readonly zero = 0;
    readonly one = 1;
    readonly half = 0.5;
    of(value: Dec): number {
        return value.toNumber();
    }
    plus(a: number, b: number): number {
        return a + b;
    }
    minus(a: number, b: number): number {
        return a - b;
    }
    times(a: number, b: number): number {
        return a * b;
    }
    negated(a: number): number {
        return -a;
    }
    min(a: number, b: number): number {
        return a < b ? a : b;
    }
    max(a: number, b: number): number {
        return a > b ? a : b;
    }
    lessThan(a: number, b: number): boolean {
        return a < b;
    }
    greaterThan(a: number, b: number): boolean {
        return a > b;
    }
    isPositive(a: number): boolean {
        return a > 0;
    }
    isNegative(a: number): boolean {
        return a < 0;
    }
}

/** Exact decimals: every settlement. */
export const exact: Arithmetic<Dec> = new ExactArithmetic();
/** Binary floats: Monte Carlo trials. */
export const float: Arithmetic<number> = new FloatArithmetic();
