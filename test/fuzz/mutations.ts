/**
 * Seeded mutations of contract text for the CLI fuzz test: extreme and malformed figures, lines
 * dropped, doubled or swapped, names taken away, stray tokens, cut-off files. The same seed gives
 * the same mutants, so a failure names a seed and an index that reproduce it.
 */

/** mulberry32: small, fast and good enough to choose mutations. */
export function random(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

type Random = () => number;

function pick<T>(next: Random, items: readonly T[]): T {
    return items[Math.floor(next() * items.length)];
}

/** Figures at and beyond every edge: zero, negative, tiny, huge, long decimals, exponent-like. */
const EXTREME_NUMBERS = [
    '0', '1', '-1', '0.5', '2.5', '99.999999999', '1,000,000,000', '1,000,000,001', '999,999,999,999,999',
    '10,000,000', '1000000000000000000000000000000', '0.000000000001', '4,294,967,296', '12', '120', '121', '5,000'
];
const EXTREME_MONEY = [
    '$0', '$0.01', '-$1', '$1,000,000,000,000,000', '$1,000,000,000,000,001', '$99999999999999999999.99',
    '$0.001', '£5', '€7', '$1,050.00', '-$5,000,000'
];
const EXTREME_PERCENTS = ['0%', '100%', '100.0001%', '-5%', '0.0001%', '1000%', '1001%', '250%', '50%', '33.333333333333%'];
/** Tokens a mutant may gain: keywords, punctuation and figures, never the words the test looks for. */
const STRAY_TOKENS = [
    '{', '}', '"', 'scenario', 'expect', 'earned', 'provider', 'year', 'program', 'MSSP', 'REACH', 'total', 'per member per month',
    'within', 'sharing rate', 'cap', 'of benchmark', 'uncertainty', 'trials', '$12', '7%', '12,500', '// note', '/*', 'contract "X" {'
];

const MONEY = /-?[$£€](\d{1,3}(,\d{3})+|\d+)(\.\d+)?/g;
const PERCENT = /-?\d+(\.\d+)?%/g;
const NUMBER = /(?<![\w$£€.,%-])-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?(?![\w%.,])/g;

function replaceOne(text: string, pattern: RegExp, next: Random, values: readonly string[]): string {
    const matches = [...text.matchAll(pattern)];
    if (matches.length === 0) {
        return text;
    }
    const match = pick(next, matches);
    return text.slice(0, match.index) + pick(next, values) + text.slice(match.index! + match[0].length);
}

function lines(text: string): string[] {
    return text.split('\n');
}

const MUTATIONS: Array<(text: string, next: Random) => string> = [
    (text, next) => replaceOne(text, MONEY, next, EXTREME_MONEY),
    (text, next) => replaceOne(text, PERCENT, next, EXTREME_PERCENTS),
    (text, next) => replaceOne(text, NUMBER, next, EXTREME_NUMBERS),
    // Drop a line.
    (text, next) => {
        const all = lines(text);
        all.splice(Math.floor(next() * all.length), 1);
        return all.join('\n');
    },
    // Double a line.
    (text, next) => {
        const all = lines(text);
        const at = Math.floor(next() * all.length);
        all.splice(at, 0, all[at]);
        return all.join('\n');
    },
    // Swap two lines.
    (text, next) => {
        const all = lines(text);
        const a = Math.floor(next() * all.length);
        const b = Math.floor(next() * all.length);
        [all[a], all[b]] = [all[b], all[a]];
        return all.join('\n');
    },
    // Take a scenario's (or measure's, or provider's) name away.
    (text, next) => {
        const names = [...text.matchAll(/(scenario|measure \w+|provider \w+|contract) "[^"]*"/g)];
        if (names.length === 0) {
            return text;
        }
        const match = pick(next, names);
        return text.slice(0, match.index) + match[1] + text.slice(match.index! + match[0].length);
    },
    // An empty or very long name.
    (text, next) => text.replace(/scenario "[^"]*"/, next() < 0.5 ? 'scenario ""' : `scenario "${'Ω'.repeat(300)}"`),
    // A stray token somewhere.
    (text, next) => {
        const at = Math.floor(next() * text.length);
        return `${text.slice(0, at)} ${pick(next, STRAY_TOKENS)} ${text.slice(at)}`;
    },
    // Cut the file short.
    (text, next) => text.slice(0, Math.floor(next() * text.length)),
    // Delete a run of characters.
    (text, next) => {
        const at = Math.floor(next() * text.length);
        return text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 40));
    },
    // Every sharing rate at 0%.
    (text) => text.replace(/sharing rate \d+(\.\d+)?%/g, 'sharing rate 0%')
];

/** One mutant of `text`: one to three mutations, chosen by `next`. */
export function mutate(text: string, next: Random): string {
    let result = text;
    const count = 1 + Math.floor(next() * 3);
    for (let i = 0; i < count; i++) {
        result = pick(next, MUTATIONS)(result, next);
    }
    return result;
}
