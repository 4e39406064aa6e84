/**
 * How figures read inside step explanations ("$4,725,000.00", "3.00%", "12,500"). Display only:
 * nothing here feeds back into a figure, so the display rounding below is not a settlement
 * rounding (those live in rounding.ts). JSON output formats money itself (the CLI's job).
 */
import type { Dec } from '../decimal.js';
import type { Sourced } from '../model/contract-model.js';

const SYMBOLS: Readonly<Record<string, string>> = { USD: '$', GBP: '£', EUR: '€' };

/** `1234567` → `1,234,567`. */
function group(whole: string): string {
    if (whole.length <= 3) {
        return whole;
    }
    const head = whole.length % 3 || 3;
    let grouped = whole.slice(0, head);
    for (let at = head; at < whole.length; at += 3) {
        grouped += ',' + whole.slice(at, at + 3);
    }
    return grouped;
}

/** Fixed-point text of |value| with at least `min` and at most `max` decimals (trailing zeros trimmed). */
function fixed(value: Dec, min: number, max: number): string {
    const text = value.abs().toFixed(max);
    const point = text.indexOf('.');
    if (point < 0) {
        return group(text);
    }
    let end = text.length;
    const keep = point + 1 + min;
    while (end > keep && text.charCodeAt(end - 1) === 48 /* 0 */) {
        end--;
    }
    const fraction = text.slice(point + 1, end);
    return group(text.slice(0, point)) + (fraction === '' ? '' : '.' + fraction);
}

/** `-$1,234.56`; shows up to six decimals when the exact amount has them (`$2,135,818.125`). */
export function moneyText(amount: Dec, currency: string, maxPlaces = 6): string {
    const symbol = SYMBOLS[currency] ?? `${currency} `;
    const body = fixed(amount, Math.min(2, maxPlaces), maxPlaces);
    const negative = amount.isNegative() && /[1-9]/.test(body);
    return (negative ? '-' : '') + symbol + body;
}

/** `3.00%`, `46.125%`, `3.0860861%`: at least two decimals, at most seven. */
export function percentText(rate: Dec): string {
    const body = fixed(rate.times(100), 2, 7);
    const negative = rate.isNegative() && /[1-9]/.test(body);
    return (negative ? '-' : '') + body + '%';
}

/** `12,500`. */
export function countText(count: Dec): string {
    return fixed(count, 0, 6);
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
