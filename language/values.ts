/**
 * Turning the text of a money amount, percent or count into an exact decimal string. This is the
 * one place where token text becomes a number: the value converter calls it while parsing, so the
 * AST already holds exact decimal strings (`$1,050.00` → "1050.00", `14.5%` → "0.145",
 * `12,500` → "12500"). Nothing here touches binary floating point.
 */

/** The currency symbols a money token may carry, and the ISO codes they stand for. */
export const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = { $: 'USD', '£': 'GBP', '€': 'EUR' };

const MONEY_TEXT = /^(-?)([$£€])([\d,]+(?:\.\d+)?)$/;
const PERCENT_TEXT = /^(-?)(\d+)(?:\.(\d+))?%$/;
const NUMBER_TEXT = /^-?[\d,]+(?:\.\d+)?$/;

/** `-$1,050.00` → { symbol: '$', amount: '-1050.00' }. */
export function parseMoneyText(text: string): { symbol: string; amount: string } {
    const match = MONEY_TEXT.exec(text.trim());
    if (!match) {
        throw new Error(`not a money amount: ${text}`);
    }
    return { symbol: match[2], amount: normalizeDecimal(match[1] + match[3].replaceAll(',', '')) };
}

/** `14.5%` → "0.145": a percent means a fraction. Shifting the decimal point is exact. */
export function parsePercentText(text: string): string {
    const match = PERCENT_TEXT.exec(text.trim());
    if (!match) {
        throw new Error(`not a percent: ${text}`);
    }
    const [, sign, whole, fraction = ''] = match;
    const digits = whole + fraction;
    // Move the decimal point two places left of where it was.
    const pointAt = whole.length - 2;
    const padded = pointAt > 0 ? digits : '0'.repeat(1 - pointAt) + digits;
    const at = Math.max(pointAt, 1);
    return normalizeDecimal(sign + padded.slice(0, at) + '.' + padded.slice(at));
}

/** `12,500` → "12500"; `2.5` → "2.5" (validation decides where a whole number is required). */
export function parseNumberText(text: string): string {
    const trimmed = text.trim();
    if (!NUMBER_TEXT.test(trimmed)) {
        throw new Error(`not a number: ${text}`);
    }
    return normalizeDecimal(trimmed.replaceAll(',', ''));
}

/** Strips redundant zeros so equal values have equal text: "007.50" → "7.5", "-0" → "0". */
export function normalizeDecimal(text: string): string {
    let sign = '';
    let body = text;
    if (body.startsWith('-')) {
        sign = '-';
        body = body.slice(1);
    }
    let [whole, fraction = ''] = body.split('.');
    whole = whole.replace(/^0+(?=\d)/, '');
    fraction = fraction.replace(/0+$/, '');
    const result = fraction ? `${whole}.${fraction}` : whole;
    return result === '0' ? '0' : sign + result;
}
