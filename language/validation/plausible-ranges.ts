/**
 * What the programs' real figures make plausible: the ranges plausibility-checks.ts holds a
 * contract's terms against. Each is set from what CMS published (test/data/*.csv: 5,176 MSSP
 * settlements of 2013–2024 and 284 GPDC/REACH ACO-years of 2021–2023), with a wide margin: a
 * warning means "far outside anything a program has settled", not "unusual". docs/language.md
 * ("Plausibility checks") gives the same figures.
 */
import { Dec } from '../decimal.js';
import type { ProgramPreset } from '../model/contract-model.js';

/** A closed range and the published figures it was drawn from, for messages. */
export interface Bounds {
    low: Dec;
    high: Dec;
    /** What the data shows, as a clause: "MSSP benchmarks of 2013–2024 run from … to …". */
    observed: string;
}

function bounds(low: string | number, high: string | number, observed: string): Bounds {
    return { low: new Dec(low), high: new Dec(high), observed };
}

/**
 * Benchmark per beneficiary per year. MSSP: $4,287–$50,174 (benchmark_total / assigned
 * beneficiaries, all 5,176 settlements); REACH: $6,697–$86,366 per aligned beneficiary (High
 * Needs ACOs highest). Without a program the range also holds commercial budgets (about $6,000
 * a year), NHS place budgets (£1,742) and ESRD-only populations (about $100,000, A1540's BY1).
 */
export function benchmarkBounds(program: ProgramPreset | undefined): Bounds {
    if (program?.program === 'MSSP') {
        return bounds(3_000, 60_000, 'MSSP benchmarks of 2013–2024 run from $4,287 to $50,174 per beneficiary per year');
    }
    if (program?.program === 'REACH') {
        return bounds(3_000, 120_000, 'ACO REACH benchmarks of 2021–2023 run from $6,697 to $86,366 per aligned beneficiary per year');
    }
    return bounds(480, 120_000, 'total-cost-of-care benchmarks run from about $1,700 a year for an NHS place budget to about $100,000 for an ESRD population');
}

/** Expenditure as a share of the benchmark. Published: MSSP 68.9%–144.3%, REACH 63.3%–135.0%. */
export const EXPENDITURE_SHARE = {
    warn: bounds('0.5', 2, 'published settlements spend between 63% and 144% of their benchmark'),
    /** Beyond this the settlement means nothing (a loss of four times the benchmark, or savings of 80%). */
    error: bounds('0.2', 5, 'published settlements spend between 63% and 144% of their benchmark')
};

/** `savings P%` in a scenario: published gross savings rates run from −44% to +37%. */
export const SAVINGS_RATE = bounds('-0.5', '0.5', 'published gross savings run from −44% to +37% of the benchmark');

/**
 * Capitation per member per month as a share of the benchmark per member per month. REACH primary
 * care capitation (PCC) is 0–13.1% of the benchmark (median 6.6%); total care capitation (TCC)
 * up to 42%.
 */
export const CAPITATION_SHARE = {
    partial: bounds(0, '0.25', 'ACO REACH primary care capitation runs up to 13% of the benchmark, 6.6% at the median'),
    total: bounds(0, 1, 'total care capitation cannot pay more than the benchmark it is carved from')
};

/** The health equity benchmark adjustment as a share of the benchmark: −0.71% to +1.51% in REACH 2023. */
export const HEBA_SHARE = bounds('-0.05', '0.05', 'REACH health equity adjustments of 2023 run from −0.7% to +1.5% of the benchmark');

/** Member months against beneficiaries × months: a year keeps 85% or more of them (A1540: 97%). */
export const MEMBER_MONTHS_SHARE = bounds('0.85', 1, 'a performance year usually keeps 85% or more of its beneficiaries\' months (A1540: 97%)');

/** The least the minimum rate ceiling can be: a minimum rate from 0.1% up to it is plausible at any size. */
export const MINIMUM_RATE_CEILING_FLOOR = new Dec('0.05');

/**
 * The largest plausible minimum savings (or loss) rate at N beneficiaries: CMS's published
 * rates are 0–3.9% from 5,000 beneficiaries, and below that never above 3.2/√N (12.1% at 513,
 * 25.4% at 152, the smallest ACO). Without N, 5%.
 */
export function minimumRateCeiling(beneficiaries: Dec | undefined): Dec {
    const floor = MINIMUM_RATE_CEILING_FLOOR;
    if (!beneficiaries || !beneficiaries.greaterThan(0)) {
        return floor;
    }
    const noise = new Dec('3.2').dividedBy(beneficiaries.sqrt());
    return Dec.max(floor, noise);
}

export const MINIMUM_RATE_OBSERVED = "CMS's published minimum savings rates run from 0% to 3.9% at 5,000 or more beneficiaries, and stay within 3.2/√N below that";

/** Rates far outside what programs use: at most `high`, and not a fraction written as a percent. */
export interface RateBounds {
    /** What the line sets, as a noun phrase: "a sharing rate". */
    what: string;
    /** Above this the rate is implausible (undefined: no ceiling). */
    high?: Dec;
    /** Below this (and above zero) the rate is implausible (undefined: no floor). */
    low?: Dec;
    observed: string;
}

function rate(what: string, low: string | undefined, high: string | undefined, observed: string): RateBounds {
    return { what, low: low === undefined ? undefined : new Dec(low), high: high === undefined ? undefined : new Dec(high), observed };
}

/** By line type (and, for sharing rates, section). Zero is never implausible here: a zero that can never pay is `never-pays`. */
export const RATE_BOUNDS = {
    savingsSharingRate: rate('a savings sharing rate', '0.1', undefined, 'MSSP shares 40–75% of savings, commercial and NHS contracts 50%'),
    lossSharingRate: rate('a loss sharing rate', '0.1', undefined, 'MSSP shares 30–75% of losses, commercial and NHS contracts 50%'),
    corridorShare: rate('a corridor share', '0.01', undefined, 'ACO REACH corridors share 5–100%'),
    cap: rate('a cap', '0.005', undefined, 'caps run from 1% (MSSP BASIC C losses) to 20% (ENHANCED savings) of the benchmark'),
    sequestration: rate('sequestration', '0.001', '0.1', 'Medicare sequesters 2% of shared savings (0% in 2019–2020)'),
    discount: rate('a discount', '0.001', '0.15', 'ACO REACH discounts are 2–3.5% of the benchmark'),
    qualityWithhold: rate('a quality withhold', '0.001', '0.1', 'ACO REACH withholds 2–5% of the benchmark'),
    capitationWithhold: rate('a capitation withhold', '0.001', '0.3', 'capitation withholds run from 2% to 20%'),
    standard: rate('a quality standard', '0.01', undefined, 'quality standards run from 30% to 77.05% (MSSP PY2024)'),
    qualityScore: rate('a quality score', '0.01', undefined, 'published MSSP quality scores of 2022–2024 run from 34% to 100%'),
    trend: rate('a trend', '0.001', '0.15', 'cost growth benchmarks and Medicare updates run from about −2% to +8% a year')
} as const satisfies Record<string, RateBounds>;
