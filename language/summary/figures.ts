/**
 * How figures read in the summaries: money as the contract settles it (its currency, thousands
 * separators, cents or whole units), rates as written (`14.5%`), counts with separators, dates
 * in words. Formatting only, through language/format.ts: no settlement rule lives here.
 */
import { Dec } from '../decimal.js';
import { formatCompactMoney, formatCount, formatMoney, formatPercent, settledMoney } from '../format.js';
import type { ContractModel } from '../model/contract-model.js';
import { moneyPlaces, roundMoney } from '../settlement/index.js';

/** Money as settled: rounded by the contract's rule for display, e.g. `$2,135,818.13`, `£2,598,890`. */
export function money(amount: Dec, model: Pick<ContractModel, 'currency' | 'rounding'>): string {
    return settledMoney(amount, model);
}

/**
 * A money term as the contract states it, exactly, with at least the contract's places
 * (`$1,050.00`, `$42.00`, `£1,742`, `$0.125` kept whole).
 */
export function statedMoney(amount: Dec, model: Pick<ContractModel, 'currency' | 'rounding'>): string {
    return formatMoney(amount, model.currency, Math.max(moneyPlaces(model.rounding), amount.decimalPlaces()));
}

/** A money figure from a float statistic (Monte Carlo), shown as settled money. */
export function moneyOfNumber(value: number, model: Pick<ContractModel, 'currency' | 'rounding'>): string {
    return money(new Dec(Number.isFinite(value) ? value : 0), model);
}

/** Short money for chart axes: `$2.14M`. */
export function compactMoney(value: number, model: Pick<ContractModel, 'currency'>): string {
    return formatCompactMoney(new Dec(Number.isFinite(value) ? value : 0), model.currency);
}

/** A rate as written (`75%`, `14.5%`, `2.3539851%`); a computed one shows at most seven decimals. */
export function rate(value: Dec): string {
    return formatPercent(value, 7);
}

/** A computed rate at a fixed number of decimals, for aligned table columns: `3.22%`. */
export function fixedRate(value: Dec, places = 2): string {
    const text = value.times(100).toFixed(places);
    return `${/^-0\.?0*$/.test(text) ? text.slice(1) : text}%`;
}

/** A computed rate with at most `places` decimals: `68.9077%`. */
export function shortRate(value: Dec, places = 4): string {
    return formatPercent(value, places);
}

export function count(value: Dec | number): string {
    return formatCount(value);
}

const MONTHS = [
    'January', 'February', 'March', 'April', 'May', 'June',
    'July', 'August', 'September', 'October', 'November', 'December'
];

/** `2025-01-01` → `1 January 2025` (unambiguous on both sides of the Atlantic). */
export function dateInWords(iso: string): string {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    if (!match) {
        return iso;
    }
    const month = MONTHS[Number(match[2]) - 1];
    return month ? `${Number(match[3])} ${month} ${match[1]}` : iso;
}

/** A signed money difference: `+$200.00`, `-$1,000.00`, `$0.00`. */
export function signedMoney(amount: Dec, model: Pick<ContractModel, 'currency' | 'rounding'>): string {
    const text = money(amount, model);
    return amount.greaterThan(0) && !roundMoney(amount, model.rounding).isZero() ? `+${text}` : text;
}
