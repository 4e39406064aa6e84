/**
 * How figures read inside step explanations ("$4,725,000.00", "3.00%", "12,500"). Display only:
 * nothing here feeds back into a figure, so the display rounding below is not a settlement
 * rounding (those live in rounding.ts). Digits and symbols come from language/format.ts, like
 * every other figure shown.
 */
import type { Dec } from '../decimal.js';
import { currencySymbol, fixedDigits } from '../format.js';
import type { Sourced } from '../model/contract-model.js';

/** `-$1,234.56`; shows up to six decimals when the exact amount has them (`$2,135,818.125`). */
export function moneyText(amount: Dec, currency: string, maxPlaces = 6): string {
    const symbol = currencySymbol(currency) || `${currency} `;
    const body = fixedDigits(amount, Math.min(2, maxPlaces), maxPlaces);
    const negative = amount.isNegative() && /[1-9]/.test(body);
    return (negative ? '-' : '') + symbol + body;
}

/** `3.00%`, `46.125%`, `3.0860861%`: at least two decimals, at most seven. */
export function percentText(rate: Dec): string {
    const body = fixedDigits(rate.times(100), 2, 7);
    const negative = rate.isNegative() && /[1-9]/.test(body);
    return (negative ? '-' : '') + body + '%';
}

/** `12,500`. */
export function countText(count: Dec): string {
    return fixedDigits(count, 0, 6);
}

/** " (program preset)" for a term the `program` line supplied, so a reader knows where to look. */
export function origin(term: Sourced | undefined): string {
    return term?.fromPreset ? ' (program preset)' : '';
}

/** "the first dollar" (or pound, or euro): where sharing starts when no minimum rate holds it back. */
export function firstUnitText(currency: string): string {
    const unit: Record<string, string> = { USD: 'dollar', GBP: 'pound', EUR: 'euro' };
    return `the first ${unit[currency] ?? 'unit'}`;
}
