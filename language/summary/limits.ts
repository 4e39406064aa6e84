/**
 * The most the ACO can gain or lose in a performance year, and over the term: each figure is a
 * settlement the engine produced for a synthetic year at the edge (no spending at all, or spending
 * twice the benchmark) at the best and the worst quality, so a cap, a corridor, a revenue-based
 * loss cap or a quality withhold on the benchmark counts exactly as the engine counts it. The
 * term total adds the settled figures of the term's performance years.
 */
import { Dec, ONE, ZERO } from '../decimal.js';
import { calendarYearOf } from '../model/agreement-years.js';
import type { ContractModel } from '../model/contract-model.js';
import { modelForYear } from '../model/year-models.js';
import type { Settlement } from '../settlement/settlement-types.js';
import { CURVE_FROM, CURVE_TO, settleAtQuality } from './probe.js';

/** One performance year of the term. */
export interface TermYear {
    /** 1-based performance year, as a scenario's `year` counts it (trend applies from year 2). */
    year: number;
    /** ISO dates the year runs between (absent without a term start). */
    start?: string;
    end?: string;
    /** A program's performance years are calendar years: the one whose rules this year settles under. */
    calendarYear?: number;
}

export interface TermYears {
    years: TermYear[];
    /** The months of a last performance year shorter than the contract's (0 when every year is whole). */
    shortLastYearMonths: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `date` moved by whole months and days (calendar arithmetic in UTC), as an ISO date. */
function shift(date: string, months: number, days = 0): string {
    const [, y, m, d] = ISO_DATE.exec(date)!.map(Number);
    return new Date(Date.UTC(y, m - 1 + months, d + days)).toISOString().slice(0, 10);
}

/** Whole months from `start` to the day after `end`. */
function monthsThrough(start: string, end: string): number {
    const [, y0, m0, d0] = ISO_DATE.exec(start)!.map(Number);
    const [, y1, m1, d1] = ISO_DATE.exec(shift(end, 0, 1))!.map(Number);
    return (y1 - y0) * 12 + (m1 - m0) - (d1 < d0 ? 1 : 0);
}

/** The most years a term table lists. */
export const MAX_TERM_YEARS = 30;

/**
 * The term's performance years as the agreement counts them (`model.agreement.count`: a last,
 * shorter year counts), each with its dates. Without a start and an end, one performance year.
 */
export function termYears(model: ContractModel): TermYears {
    const { start, end, months } = model.term;
    const count = model.agreement?.count;
    if (!start || !end || !ISO_DATE.test(start) || !ISO_DATE.test(end) || count === undefined || count < 1 || months <= 0) {
        return { years: [{ year: 1 }], shortLastYearMonths: 0 };
    }
    const years: TermYear[] = [];
    for (let index = 0; index < Math.min(count, MAX_TERM_YEARS); index++) {
        const first = shift(start, index * months);
        const last = shift(first, months, -1);
        const calendarYear = model.program && model.agreement ? calendarYearOf(model.agreement, index + 1, months) : undefined;
        years.push({ year: index + 1, start: first, end: last < end ? last : end, ...(calendarYear !== undefined ? { calendarYear } : {}) });
    }
    const final = years[years.length - 1];
    const runs = monthsThrough(final.start!, final.end!);
    return { years, shortLastYearMonths: runs < months ? runs : 0 };
}

/** `2024` (a program's calendar year), or `2025/26` for a year that does not start in January. */
export function yearLabel(year: TermYear): string {
    if (year.calendarYear !== undefined) {
        return String(year.calendarYear);
    }
    if (!year.start || !year.end) {
        return `Year ${year.year}`;
    }
    const first = year.start.slice(0, 4);
    const last = year.end.slice(0, 4);
    return first === last ? first : `${first}/${last.slice(2)}`;
}

/** What one side of the contract can come to at its edge. */
export interface Extreme {
    /** Earned at the edge (positive for the gain, negative for the loss), from the engine. */
    amount: Dec;
    /** Whether something in the contract bounds it (a cap, a loss ratio floor); false means it grows with savings or losses. */
    capped: boolean;
    /** Without a cap: what the engine settles at the payout curve's edge (25% savings, 15% over), to give a scale. */
    reference?: { savingsRate: Dec; amount: Dec };
}

export interface YearLimits {
    year: TermYear;
    /** B at a quality score of 100% (the withhold on the benchmark, if any, earned back in full). */
    benchmark: Dec;
    /** The most the ACO can gain: undefined when the contract shares no savings. */
    gain?: Extreme;
    /** The most it can owe (negative): undefined in a one-sided contract. */
    loss?: Extreme;
}

export interface ContractLimits {
    years: YearLimits[];
    shortLastYearMonths: number;
    /** Whether the figures differ from year to year (a trend): otherwise one row stands for every year. */
    varies: boolean;
    /** The sums over the term's years (present when the term has more than one). */
    total?: { benchmark: Dec; gain?: Dec; loss?: Dec };
}

/** Spending nothing (savings of 100% of the benchmark), or spending twice the benchmark. */
const EDGE = ONE;
/** Halfway to the edge: a side that pays the same here as at the edge is bounded (a cap, a loss ratio floor). */
const HALFWAY = new Dec('0.5');
const BEST = ONE;
const WORST = ZERO;

function extreme(model: ContractModel, savingsRate: Dec, year: number, pick: (a: Dec, b: Dec) => boolean): { settlement: Settlement; amount: Dec } | undefined {
    const best = settleAtQuality(model, savingsRate, BEST, year);
    const worst = settleAtQuality(model, savingsRate, WORST, year);
    if (!best || !worst) {
        return undefined;
    }
    return pick(best.earned, worst.earned) ? { settlement: best, amount: best.earned } : { settlement: worst, amount: worst.earned };
}

function reference(model: ContractModel, capped: boolean, savingsRate: Dec, year: number, pick: (a: Dec, b: Dec) => boolean): Pick<Extreme, 'reference'> {
    if (capped) {
        return {};
    }
    const at = extreme(model, savingsRate, year, pick);
    return at ? { reference: { savingsRate, amount: at.amount } } : {};
}

/**
 * The most the ACO can gain and lose in each performance year of the term, and the term totals;
 * undefined when the contract cannot be settled (no benchmark).
 */
export function contractLimits(model: ContractModel): ContractLimits | undefined {
    const term = termYears(model);
    const years: YearLimits[] = [];
    // Bounded when the engine pays the same halfway to the edge as at it: whatever term bounds it.
    const bounded = (edge: Dec, rate: Dec, year: number, pick: (a: Dec, b: Dec) => boolean) => extreme(model, rate, year, pick)?.amount.equals(edge) ?? false;
    for (const year of term.years) {
        const atBenchmark = settleAtQuality(model, ZERO, BEST, year.year);
        if (!atBenchmark) {
            return undefined;
        }
        const entry: YearLimits = { year, benchmark: atBenchmark.benchmark };
        // The year's own terms: a `year N` block can start sharing losses, or change the rate.
        const terms = modelForYear(model, year.year);
        if (terms.savings.sharing || (terms.savings.tiers?.length ?? 0) > 0) {
            const more = (a: Dec, b: Dec) => a.greaterThanOrEqualTo(b);
            const gain = extreme(model, EDGE, year.year, more);
            if (gain) {
                const capped = bounded(gain.amount, HALFWAY, year.year, more);
                entry.gain = { amount: gain.amount, capped, ...reference(model, capped, CURVE_TO, year.year, more) };
            }
        }
        if (terms.losses) {
            const less = (a: Dec, b: Dec) => a.lessThanOrEqualTo(b);
            const loss = extreme(model, EDGE.negated(), year.year, less);
            if (loss) {
                const capped = bounded(loss.amount, HALFWAY.negated(), year.year, less);
                entry.loss = { amount: loss.amount, capped, ...reference(model, capped, CURVE_FROM, year.year, less) };
            }
        }
        years.push(entry);
    }
    const same = (a: Dec | undefined, b: Dec | undefined) => (a === undefined ? b === undefined : b !== undefined && a.equals(b));
    const varies = years.some((y) => !y.benchmark.equals(years[0].benchmark) || !same(y.gain?.amount, years[0].gain?.amount) || !same(y.loss?.amount, years[0].loss?.amount));
    const limits: ContractLimits = { years, shortLastYearMonths: term.shortLastYearMonths, varies };
    if (years.length > 1) {
        // A year without a side (one-sided that year) adds nothing; undefined only when no year has it.
        const sum = (pick: (y: YearLimits) => Dec | undefined): Dec | undefined =>
            years.some((y) => pick(y) !== undefined) ? years.reduce((total, y) => total.plus(pick(y) ?? ZERO), ZERO) : undefined;
        limits.total = { benchmark: sum((y) => y.benchmark)! };
        const gain = sum((y) => y.gain?.amount);
        const loss = sum((y) => y.loss?.amount);
        if (gain !== undefined) {
            limits.total.gain = gain;
        }
        if (loss !== undefined) {
            limits.total.loss = loss;
        }
    }
    return limits;
}

/** Whether quality changes what the contract pays anywhere on the curve (settled at 0% and 100%). */
export function qualityMatters(model: ContractModel, rates: readonly Dec[], year: number): boolean {
    return rates.some((rate) => {
        const high = settleAtQuality(model, rate, ONE, year);
        const low = settleAtQuality(model, rate, ZERO, year);
        return high !== undefined && low !== undefined && !high.earned.equals(low.earned);
    });
}
