/**
 * The `program` presets of SETTLEMENT.md as data: what `program MSSP …` and `program REACH …`
 * supply when the contract leaves a term out. The model builder merges these with the written
 * terms (a written term overrides, with a warning); the engine never looks at `program` itself,
 * so every rule stays in one place and a preset is only a source of terms.
 *
 * Also home of the MSSP variable minimum savings rate table (42 CFR 425.604), which both the
 * preset (`minimum savings rate variable`) and validation's "rate below random variation" warning
 * use.
 */
import { Dec } from '../decimal.js';
import type {
    Corridor,
    LossSharing,
    LossTerms,
    MsspTrack,
    ProgramPreset,
    QualityAdjustment,
    Rated,
    Sourced,
    ReachOption,
    SavingsTerms
} from '../model/contract-model.js';

// ---- MSSP variable minimum savings rate -----------------------------------------------------

/** One band of the variable MSR table: the rate falls linearly from `low` at `start` to `high` at `end`. */
interface MsrBand {
    start: number;
    /** Undefined for the open last band (60,000 and more). */
    end?: number;
    low: string;
    high: string;
}

/** SETTLEMENT.md, "MSSP variable minimum savings rate". */
const MSSP_VARIABLE_MSR: readonly MsrBand[] = [
    { start: 5_000, end: 5_999, low: '0.039', high: '0.036' },
    { start: 6_000, end: 6_999, low: '0.036', high: '0.034' },
    { start: 7_000, end: 7_999, low: '0.034', high: '0.032' },
    { start: 8_000, end: 8_999, low: '0.032', high: '0.031' },
    { start: 9_000, end: 9_999, low: '0.031', high: '0.030' },
    { start: 10_000, end: 14_999, low: '0.030', high: '0.027' },
    { start: 15_000, end: 19_999, low: '0.027', high: '0.025' },
    { start: 20_000, end: 49_999, low: '0.025', high: '0.022' },
    { start: 50_000, end: 59_999, low: '0.022', high: '0.020' },
    { start: 60_000, low: '0.02', high: '0.02' }
];

/** The smallest population the variable table covers. */
export const MSSP_VARIABLE_MSR_MINIMUM_BENEFICIARIES = 5_000;

/**
 * The MSSP one-sided minimum savings rate at `beneficiaries` assigned beneficiaries, exact:
 * `low − (low − high) × (N − band start) / (band end − band start)`. Undefined below 5,000, where
 * the table does not apply (the contract must state a rate). A population between two bands
 * (not a whole number) uses the band it has passed the start of.
 */
export function msspVariableMinimumRate(beneficiaries: Dec): Dec | undefined {
    if (beneficiaries.lessThan(MSSP_VARIABLE_MSR_MINIMUM_BENEFICIARIES)) {
        return undefined;
    }
    let band = MSSP_VARIABLE_MSR[0];
    for (const candidate of MSSP_VARIABLE_MSR) {
        if (beneficiaries.greaterThanOrEqualTo(candidate.start)) {
            band = candidate;
        }
    }
    const low = new Dec(band.low);
    const high = new Dec(band.high);
    if (band.end === undefined || low.equals(high)) {
        return low;
    }
    const progress = beneficiaries.minus(band.start).dividedBy(band.end - band.start);
    return low.minus(low.minus(high).times(progress));
}

// ---- MSSP tracks --------------------------------------------------------------------------------

type MsspLossRow =
    | { kind: 'rate'; rate: string; cap: string; revenueCap?: string }
    | { kind: 'complement'; floor: string; ceiling: string; cap: string; revenueCap?: string };

interface MsspTrackRow {
    sharingRate: string;
    savingsCap: string;
    /** Undefined for one-sided tracks. */
    losses?: MsspLossRow;
    /** Performance years in which the track existed. */
    firstYear: number;
    lastYear: number;
}

/**
 * SETTLEMENT.md, "Program presets". The year ranges are when CMS offered each track: the
 * original tracks through 2021 (track 3 from 2016, track 1+ from 2018), the Pathways to Success
 * tracks (BASIC, ENHANCED) from the July 2019 start through the 2026 rules.
 */
const MSSP_TRACKS: Readonly<Record<MsspTrack, MsspTrackRow>> = {
    '1': { sharingRate: '0.5', savingsCap: '0.1', firstYear: 2013, lastYear: 2021 },
    '1+': {
        sharingRate: '0.5',
        savingsCap: '0.1',
        losses: { kind: 'rate', rate: '0.3', cap: '0.04', revenueCap: '0.08' },
        firstYear: 2018,
        lastYear: 2021
    },
    '2': {
        sharingRate: '0.6',
        savingsCap: '0.15',
        losses: { kind: 'complement', floor: '0.4', ceiling: '0.6', cap: '0.1' },
        firstYear: 2013,
        lastYear: 2021
    },
    '3': {
        sharingRate: '0.75',
        savingsCap: '0.2',
        losses: { kind: 'complement', floor: '0.4', ceiling: '0.75', cap: '0.15' },
        firstYear: 2016,
        lastYear: 2021
    },
    ENHANCED: {
        sharingRate: '0.75',
        savingsCap: '0.2',
        losses: { kind: 'complement', floor: '0.4', ceiling: '0.75', cap: '0.15' },
        firstYear: 2019,
        lastYear: 2026
    },
    'BASIC A': { sharingRate: '0.4', savingsCap: '0.1', firstYear: 2019, lastYear: 2026 },
    'BASIC B': { sharingRate: '0.4', savingsCap: '0.1', firstYear: 2019, lastYear: 2026 },
    'BASIC C': {
        sharingRate: '0.5',
        savingsCap: '0.1',
        losses: { kind: 'rate', rate: '0.3', cap: '0.01', revenueCap: '0.02' },
        firstYear: 2019,
        lastYear: 2026
    },
    'BASIC D': {
        sharingRate: '0.5',
        savingsCap: '0.1',
        losses: { kind: 'rate', rate: '0.3', cap: '0.02', revenueCap: '0.04' },
        firstYear: 2019,
        lastYear: 2026
    },
    'BASIC E': {
        sharingRate: '0.5',
        savingsCap: '0.1',
        losses: { kind: 'rate', rate: '0.3', cap: '0.04', revenueCap: '0.08' },
        firstYear: 2019,
        lastYear: 2026
    }
};

export const MSSP_FIRST_YEAR = 2013;
export const MSSP_LAST_YEAR = 2026;
export const MSSP_MINIMUM_BENEFICIARIES = 5_000;

/** Up to 2020 the sharing rate is scaled by the quality score; from 2021 quality is a gate. */
export function msspQualityAdjustment(year: number): QualityAdjustment {
    return year <= 2020 ? 'scaled' : 'gate';
}

/** 2% of shared savings, suspended (0%) for the 2019 and 2020 performance years. */
export function msspSequestrationRate(year: number): Dec {
    return year === 2019 || year === 2020 ? new Dec(0) : new Dec('0.02');
}

/** The alternative quality standard (and its sliding scale) exists from performance year 2023. */
export const MSSP_ALTERNATIVE_STANDARD_FIRST_YEAR = 2023;

/** 42 CFR 425.605(h): the half rate below the MSR, for agreements starting on or after this date. */
export const MSSP_HALF_RATE_FIRST_YEAR = 2024;
export const MSSP_HALF_RATE_AGREEMENT_START = '2024-01-01';

/** Whether the MSSP track shares losses. */
export function msspTrackIsTwoSided(track: MsspTrack): boolean {
    return MSSP_TRACKS[track].losses !== undefined;
}

// ---- REACH --------------------------------------------------------------------------------------

type CorridorRow = readonly [lower: string, upper: string | undefined, share: string];

interface ReachRow {
    /** Undefined where the published sources do not give every band (global 2026). */
    corridors: (year: number) => readonly CorridorRow[] | undefined;
    /** Discount by performance year; none when absent. */
    discount?: (year: number) => string;
}

const REACH_GLOBAL_CORRIDORS: readonly CorridorRow[] = [
    ['0', '0.25', '1'],
    ['0.25', '0.35', '0.5'],
    ['0.35', '0.5', '0.25'],
    ['0.5', undefined, '0.1']
];

const REACH_PROFESSIONAL_CORRIDORS: readonly CorridorRow[] = [
    ['0', '0.05', '0.5'],
    ['0.05', '0.1', '0.35'],
    ['0.1', '0.15', '0.15'],
    ['0.15', undefined, '0.05']
];

/** From 2026 the first global corridor (100% to the ACO) ends at 10% of the benchmark. */
export const REACH_GLOBAL_2026_FIRST_CORRIDOR_END = new Dec('0.1');

const REACH_OPTIONS: Readonly<Record<ReachOption, ReachRow>> = {
    global: {
        corridors: (year) => (year >= 2026 ? undefined : REACH_GLOBAL_CORRIDORS),
        discount: (year) => (year <= 2022 ? '0.02' : year <= 2024 ? '0.03' : '0.035')
    },
    professional: {
        corridors: () => REACH_PROFESSIONAL_CORRIDORS
    }
};

/** The quality withhold on the benchmark: 5% in the GPDC years (2021–2022) and 2026, 2% in 2023–2025. */
export function reachQualityWithhold(year: number): string {
    return year <= 2022 || year >= 2026 ? '0.05' : '0.02';
}

/** Sequestration of positive shared savings, every REACH year (CMS's published results). */
export const REACH_SEQUESTRATION = '0.02';

/** Performance years 2021–2022 were the Global and Professional Direct Contracting (GPDC) model. */
export const REACH_FIRST_YEAR = 2021;
export const REACH_LAST_YEAR = 2026;

/** The year the health equity benchmark adjustment began. */
export const REACH_HEBA_FIRST_YEAR = 2023;

/** True when the preset supplies no corridors and the contract must write them (REACH global 2026). */
export function presetNeedsWrittenCorridors(program: ProgramPreset): boolean {
    return program.program === 'REACH' && REACH_OPTIONS[program.option].corridors(program.year) === undefined;
}

// ---- What a preset supplies -----------------------------------------------------------------------

export interface PresetTerms {
    savings: Partial<SavingsTerms>;
    /** `alternative standard scaled` (MSSP from 2023). */
    alternativeStandard?: Sourced;
    /** Present for two-sided programs; `twoSided` tells the builder to create `losses`. */
    losses?: Partial<LossTerms> & { twoSided: true };
    discount?: Rated;
    minimumBeneficiaries?: Dec;
}

/** "MSSP track 1 year 2018", "REACH global year 2024": how explanations and messages name a preset. */
export function programLabel(program: ProgramPreset): string {
    return program.program === 'MSSP'
        ? `MSSP ${program.track.startsWith('BASIC') || program.track === 'ENHANCED' ? '' : 'track '}${program.track} year ${program.year}`
        : `REACH ${program.option} year ${program.year}`;
}

/**
 * Why a program/year combination has no preset, in plain English, or undefined when it is
 * supported. `presetTerms` still answers for an unsupported combination (with the nearest
 * rules), so callers report this problem rather than rely on those terms.
 */
export function presetProblem(program: ProgramPreset): string | undefined {
    const year = program.year;
    if (program.program === 'REACH') {
        if (year < REACH_FIRST_YEAR || year > REACH_LAST_YEAR) {
            return `ACO REACH presets cover performance years ${REACH_FIRST_YEAR}–${REACH_LAST_YEAR}; ${year} is outside that range.`;
        }
        return undefined;
    }
    if (year < MSSP_FIRST_YEAR || year > MSSP_LAST_YEAR) {
        return `MSSP presets cover performance years ${MSSP_FIRST_YEAR}–${MSSP_LAST_YEAR}; ${year} is outside that range.`;
    }
    const row = MSSP_TRACKS[program.track];
    if (year < row.firstYear) {
        return `MSSP ${trackName(program.track)} began in performance year ${row.firstYear}; it did not exist in ${year}.`;
    }
    if (year > row.lastYear) {
        return `MSSP ${trackName(program.track)} ended after performance year ${row.lastYear}; it was not offered in ${year}.`;
    }
    return undefined;
}

function trackName(track: MsspTrack): string {
    return track.startsWith('BASIC') || track === 'ENHANCED' ? track : `track ${track}`;
}

/**
 * The terms a `program` line supplies, each marked `fromPreset` with the program's line.
 *
 * MSSP: sharing rate, savings cap, sequestration, quality adjustment (`scaled` up to 2020, `gate`
 * from 2021), first-dollar basis, 5,000 minimum beneficiaries; one-sided tracks a `variable`
 * minimum savings rate. Two-sided tracks supply no minimum savings (or loss) rate: the ACO elects
 * one (0%, 0.5%, 1%, 1.5%, 2% or variable), so the contract must state it, and the engine uses
 * it for losses too when no minimum loss rate is written. Revenue-based loss caps come with the
 * benchmark cap; without `participant revenue` the benchmark cap applies alone.
 *
 * MSSP from 2023 also supplies `alternative standard scaled`; the half rate below the minimum
 * depends on the population and term as well, so `presetHalfRate` decides it.
 *
 * REACH: the corridors on savings and on losses with `quality adjustment none` (none for global
 * 2026, whose bands above the first are not published), the quality withhold on the benchmark,
 * the discount (global only), 2% sequestration of positive savings; no minimum rates, no caps.
 */
export function presetTerms(program: ProgramPreset): PresetTerms {
    const key = program.program === 'MSSP' ? `MSSP ${program.track} ${program.year} ${program.line}` : `REACH ${program.option} ${program.year} ${program.line}`;
    let terms = presetCache.get(key);
    if (!terms) {
        terms = buildPresetTerms(program);
        presetCache.set(key, terms);
    }
    return terms;
}

/**
 * Presets are looked up for every contract that names one, by the model builder and again by
 * validation: the terms are immutable data, so each (program, year, line) is built once.
 */
const presetCache = new Map<string, PresetTerms>();

function buildPresetTerms(program: ProgramPreset): PresetTerms {
    const sourced = { line: program.line, fromPreset: true as const };
    const rated = (rate: string): Rated => ({ rate: new Dec(rate), ...sourced });

    if (program.program === 'REACH') {
        const row = REACH_OPTIONS[program.option];
        const bands = row.corridors(program.year);
        const corridors = (): Corridor[] | undefined => bands?.map(([lower, upper, share]) => ({
            lower: new Dec(lower),
            upper: upper === undefined ? undefined : new Dec(upper),
            share: new Dec(share),
            ...sourced
        }));
        const savingsCorridors = corridors();
        const lossCorridors = corridors();
        const result: PresetTerms = {
            savings: {
                sharing: savingsCorridors ? { kind: 'corridors', corridors: savingsCorridors, ...sourced } : undefined,
                qualityAdjustment: 'none',
                qualityAdjustmentLine: program.line,
                basis: 'first dollar',
                basisLine: program.line,
                qualityWithhold: rated(reachQualityWithhold(program.year)),
                sequestration: rated(REACH_SEQUESTRATION)
            },
            losses: {
                twoSided: true,
                sharing: lossCorridors ? { kind: 'corridors', corridors: lossCorridors, ...sourced } : undefined,
                ...sourced
            }
        };
        if (row.discount) {
            result.discount = rated(row.discount(program.year));
        }
        return result;
    }

    const row = MSSP_TRACKS[program.track];
    const savings: Partial<SavingsTerms> = {
        sharing: { kind: 'rate', rate: new Dec(row.sharingRate), ...sourced },
        qualityAdjustment: msspQualityAdjustment(program.year),
        qualityAdjustmentLine: program.line,
        basis: 'first dollar',
        basisLine: program.line,
        cap: rated(row.savingsCap),
        sequestration: { rate: msspSequestrationRate(program.year), ...sourced }
    };
    const result: PresetTerms = { savings, minimumBeneficiaries: new Dec(MSSP_MINIMUM_BENEFICIARIES) };
    if (program.year >= MSSP_ALTERNATIVE_STANDARD_FIRST_YEAR) {
        result.alternativeStandard = sourced;
    }
    if (!row.losses) {
        savings.minimumRate = { kind: 'variable', ...sourced };
        return result;
    }
    const sharing: LossSharing =
        row.losses.kind === 'rate'
            ? { kind: 'rate', rate: new Dec(row.losses.rate), ...sourced }
            : { kind: 'complement', floor: new Dec(row.losses.floor), ceiling: new Dec(row.losses.ceiling), ...sourced };
    result.losses = { twoSided: true, sharing, cap: rated(row.losses.cap), ...sourced };
    if (row.losses.revenueCap) {
        result.losses.revenueCap = rated(row.losses.revenueCap);
    }
    return result;
}

/**
 * `below minimum savings rate share half` as the MSSP preset supplies it (42 CFR 425.605(h)):
 * BASIC A–E, performance year 2024 on, `revenue category low`, at least 5,000 assigned
 * beneficiaries and a term starting on or after 2024-01-01. Answers the plain-English reason for
 * the waterfall, or undefined when a condition fails (or is unknown).
 */
export function presetHalfRate(
    program: ProgramPreset | undefined,
    facts: { revenueCategory?: 'low' | 'high'; beneficiaries?: Dec; termStart?: string }
): string | undefined {
    if (program?.program !== 'MSSP' || !program.track.startsWith('BASIC') || program.year < MSSP_HALF_RATE_FIRST_YEAR) {
        return undefined;
    }
    const { revenueCategory, beneficiaries, termStart } = facts;
    if (revenueCategory !== 'low' || !beneficiaries || beneficiaries.lessThan(MSSP_MINIMUM_BENEFICIARIES)) {
        return undefined;
    }
    if (!termStart || termStart < MSSP_HALF_RATE_AGREEMENT_START) {
        return undefined;
    }
    return `a low-revenue ${program.track} ACO with at least 5,000 assigned beneficiaries in an agreement starting on or after 2024-01-01 (42 CFR 425.605(h))`;
}
