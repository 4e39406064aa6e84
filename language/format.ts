/**
 * How figures read in messages, hovers and summaries: `$2,135,818.13`, `46.125%`, `12,500`.
 * Formatting only; no rounding rule of the settlement lives here (money is shown as settled).
 */
import { Dec } from './decimal.js';
import type { Rounding } from './model/contract-model.js';
import { moneyPlaces, roundMoney } from './settlement/rounding.js';

const SYMBOLS: Record<string, string> = { USD: '$', GBP: '£', EUR: '€' };

export function currencySymbol(currency: string): string {
    return SYMBOLS[currency] ?? '';
}

/**
 * `4725000` → `4,725,000`. A loop, not a regular expression: every figure of a summary and every
 * step explanation comes through here.
 */
function groupThousands(whole: string): string {
    const head = ((whole.length - 1) % 3) + 1;
    let grouped = whole.slice(0, head);
    for (let i = head; i < whole.length; i += 3) {
        grouped += ',' + whole.slice(i, i + 3);
    }
    return grouped;
}

/**
 * |value| with thousands separators and between `min` and `max` decimals, trailing zeros beyond
 * `min` trimmed: `fixedDigits(4725000, 2, 6)` → `4,725,000.00`, `2135818.125` → `2,135,818.125`.
 * The sign is dropped from the text rather than from the value (half-up rounds either sign alike),
 * which spares a decimal per figure.
 */
export function fixedDigits(value: Dec, min: number, max: number): string {
    const signed = value.toFixed(max);
    const text = signed.charCodeAt(0) === 45 /* - */ ? signed.slice(1) : signed;
    const point = text.indexOf('.');
    if (point < 0) {
        return groupThousands(text);
    }
    let end = text.length;
    while (end > point + 1 + min && text.charCodeAt(end - 1) === 48 /* 0 */) {
        end--;
    }
    return groupThousands(text.slice(0, point)) + (end > point + 1 ? text.slice(point, end) : '');
}

/** `-2135818.125` → `-$2,135,818.125`: every digit kept; pass a rounded amount to show cents. */
export function formatMoney(amount: Dec, currency = 'USD', places?: number): string {
    const fixed = places === undefined ? amount.abs().toFixed() : amount.abs().toFixed(places);
    const [whole, fraction] = fixed.split('.');
    const body = groupThousands(whole) + (fraction ? `.${fraction}` : '');
    return `${amount.isNegative() && !amount.isZero() ? '-' : ''}${currencySymbol(currency)}${body}`;
}

/** `0.46125` → `46.125%` (exact, no rounding; at most `places` decimals when given). */
export function formatPercent(rate: Dec, places?: number): string {
    const percent = rate.times(100);
    const text = places === undefined ? percent.toFixed() : percent.toDecimalPlaces(places).toFixed();
    return `${text}%`;
}

/** `12500` → `12,500`. */
export function formatCount(count: Dec | number): string {
    const value = typeof count === 'number' ? new Dec(count) : count;
    const [whole, fraction] = value.abs().toFixed().split('.');
    return `${value.isNegative() ? '-' : ''}${groupThousands(whole)}${fraction ? `.${fraction}` : ''}`;
}

/** `2135818.13` → `$2.14M`: short figures for inlay hints and charts. */
export function formatCompactMoney(amount: Dec, currency = 'USD'): string {
    const abs = amount.abs();
    const sign = amount.isNegative() && !amount.isZero() ? '-' : '';
    const symbol = currencySymbol(currency);
    const units: Array<[number, string]> = [[1e9, 'B'], [1e6, 'M'], [1e3, 'K']];
    for (const [size, suffix] of units) {
        if (abs.greaterThanOrEqualTo(size)) {
            return `${sign}${symbol}${abs.dividedBy(size).toDecimalPlaces(2).toFixed()}${suffix}`;
        }
    }
    return `${sign}${symbol}${abs.toDecimalPlaces(2).toFixed(abs.isInteger() ? 0 : 2)}`;
}

/** Money as the contract settles it: its rounding rule, its currency, thousands separators. */
export function settledMoney(amount: Dec, contract: { rounding: Rounding; currency: string }): string {
    return formatMoney(roundMoney(amount, contract.rounding), contract.currency, moneyPlaces(contract.rounding));
}
