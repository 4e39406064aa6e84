/**
 * How figures read inside step explanations ("$4,725,000.00", "3.00%", "12,500"). Display only:
 * nothing here feeds back into a figure, so the display rounding below is not a settlement
 * rounding (those live in rounding.ts). JSON output formats money itself (the CLI's job).
 */
import type { Dec } from '../decimal.js';
import type { Sourced } from '../model/contract-model.js';

const SYMBOLS: Readonly<Record<string, string>> = { USD: '$', GBP: '£', EUR: '€' };

function group(whole: string): string {
    return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Fixed-point text with at least `min` and at most `max` decimals (trailing zeros trimmed). */
function fixed(value: Dec, min: number, max: number): string {
    let text = value.abs().toFixed(max);
    if (max > min) {
        text = text.replace(/0+$/, '');
        const [whole, fraction = ''] = text.split('.');
        text = whole + '.' + fraction.padEnd(min, '0');
        if (min === 0 && text.endsWith('.')) {
            text = text.slice(0, -1);
        }
    }
    const [whole, fraction] = text.split('.');
    return group(whole) + (fraction !== undefined && fraction !== '' ? '.' + fraction : '');
}

/** `-$1,234.56`; shows up to six decimals when the exact amount has them (`$2,135,818.125`). */
export function moneyText(amount: Dec, currency: string, maxPlaces = 6): string {
    const symbol = SYMBOLS[currency] ?? `${currency} `;
    const body = fixed(amount, Math.min(2, maxPlaces), maxPlaces);
    const negative = amount.isNegative() && !/^[0.,]*$/.test(body);
    return (negative ? '-' : '') + symbol + body;
}

/** `3.00%`, `46.125%`, `3.0860861%`: at least two decimals, at most seven. */
export function percentText(rate: Dec): string {
    const body = fixed(rate.times(100), 2, 7);
    const negative = rate.isNegative() && !/^[0.,]*$/.test(body);
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
