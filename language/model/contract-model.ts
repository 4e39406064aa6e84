/**
 * The plain, typed contract that the settlement engine, summaries and editor features work from.
 * Built from the AST by build-model.ts: amounts are exact decimals, units are resolved and the
 * `program` preset is applied. Nothing after this point sees the AST or Langium.
 *
 * Every term records `line`, the 1-based source line of the clause it came from (for a term the
 * preset supplied, the `program` line), so a waterfall step can point at its clause.
 */
import type { Dec } from '../decimal.js';
import type { EnrollmentType, MsspBenchmarkInputs } from '../settlement/benchmark-build.js';

/** Where a term came from. */
export interface Sourced {
    /** 1-based line of the clause (the `program` line when `fromPreset`). */
    line: number;
    /** True when the `program` preset supplied the term rather than the contract text. */
    fromPreset?: boolean;
}

export interface Rated extends Sourced {
    rate: Dec;
}

export type RoundingMode = 'half-up' | 'half-even';
export type RoundingUnit = 'cents' | 'whole units';

export interface Rounding {
    mode: RoundingMode;
    unit: RoundingUnit;
}

export type MsspTrack = '1' | '1+' | '2' | '3' | 'BASIC A' | 'BASIC B' | 'BASIC C' | 'BASIC D' | 'BASIC E' | 'ENHANCED';
export type ReachOption = 'global' | 'professional';

export type ProgramPreset =
    | { program: 'MSSP'; track: MsspTrack; year: number; line: number }
    | { program: 'REACH'; option: ReachOption; year: number; line: number };

export type BenchmarkBasis = 'per member per month' | 'per member per year' | 'total';

export interface BenchmarkTerm extends Sourced {
    amount: Dec;
    basis: BenchmarkBasis;
    /** `benchmark P% of premium`: the amount is P × the premium, per member per month. */
    ofPremium?: { share: Dec; premium: Dec };
}

/**
 * A benchmark built from its parts (the `benchmark { … }` section) instead of stated: the MSSP
 * method from its inputs, or a commercial budget from a base cost, a trend and a risk ratio.
 */
export type BuiltBenchmarkTerms =
    | (Sourced & {
        kind: 'mssp';
        inputs: MsspBenchmarkInputs;
        /** The enrollment types the contract writes out, with their lines (the others carry zero shares). */
        typeLines: Partial<Record<EnrollmentType, number>>;
        weightsLine?: number;
        regionalLine?: number;
        riskCapLine?: number;
        personYearsLine?: number;
    })
    | (Sourced & {
        kind: 'commercial';
        /** Per member per month in the base year. */
        baseCost: Dec;
        trend?: Sourced & { rate: Dec; years: number };
        risk?: Sourced & { score: Dec; base: Dec; cap?: Dec };
    });

export interface Population {
    attribution?: 'prospective' | 'retrospective';
    /** N: assigned beneficiaries. */
    beneficiaries?: Dec;
    beneficiariesLine?: number;
    minimumBeneficiaries?: Dec;
    /** Stated member months; when absent, MM = N × M. */
    memberMonths?: Dec;
    benchmark?: BenchmarkTerm;
    /** The benchmark built from its parts; used when there is no stated `benchmark` line. */
    builtBenchmark?: BuiltBenchmarkTerms;
    discount?: Rated;
    /** Annual trend, applied from the second performance year on. */
    trend?: Rated;
    /** MSSP: ACO participants' revenue below (`low`) or above (`high`) 35% of the benchmark. */
    revenueCategory?: Sourced & { category: 'low' | 'high' };
    /** Signed amount added to the benchmark after the quality withhold (REACH from 2023). */
    healthEquityAdjustment?: Sourced & { amount: Dec; basis: 'total' | 'per member per month' };
    /** The premium per member per month (`benchmark P% of premium`). */
    premium?: Sourced & { amount: Dec };
    /** High-cost claimant truncation or stop-loss at an attachment point per member. */
    attachment?: Sourced & { kind: 'truncation' | 'stop-loss'; amount: Dec; premium?: Dec };
    /** `risk adjusted against risk score B`: the benchmark × min(scenario score / B, 1 + cap). */
    riskAdjustment?: Sourced & { base: Dec; cap?: Dec };
}

export type ProviderRole = 'primary care' | 'specialist' | 'hospital' | 'other';

export interface ProviderTerm extends Sourced {
    id: string;
    name: string;
    tin?: string;
    npi?: string;
    role?: ProviderRole;
    attributed?: Dec;
    share?: Dec;
    /** `share of savings P%`: this provider's share of shared savings (else `share`). */
    shareOfSavings?: Dec;
    /** `share of losses P%`: this provider's share of owed losses (else `share`). */
    shareOfLosses?: Dec;
}

export type CapitationService = 'primary care' | 'specialty care' | 'total care' | 'care coordination';

/** `clawback P% if MEASURE misses`: that share of the year's payments is returned when the measure misses. */
export interface Clawback extends Sourced {
    rate: Dec;
    measureId: string;
}

export interface CapitationLineTerm extends Sourced {
    service: CapitationService;
    /** Per member per month. */
    rate: Dec;
    /** `paid to ID`: the line pays rate × attributed(ID) × M instead of rate × MM. */
    providerId?: string;
    clawback?: Clawback;
    /** `reconciled`: the capitation pays for care expenditure already counts (cash in advance). */
    reconciled?: boolean;
}

export interface CapitationTerms {
    lines: CapitationLineTerm[];
    /** The withhold, earned back by quality or, with `measureId`, in full when that measure meets its threshold. */
    withhold?: Rated & { measureId?: string };
    /** `block payment of the benchmark`: the benchmark paid in advance, reconciled at settlement. */
    blockPayment?: Sourced & { providerId?: string };
}

/** `minimum savings rate 2%` or `minimum savings rate variable` (the MSSP table at N). */
export type MinimumRate = (Sourced & { kind: 'fixed'; rate: Dec }) | (Sourced & { kind: 'variable' });

export interface Corridor extends Sourced {
    /** Lower edge as a share of the benchmark (0 for `up to`). */
    lower: Dec;
    /** Upper edge as a share of the benchmark; undefined for `over`. */
    upper?: Dec;
    /** Share kept by the ACO (savings) or owed (losses) within the band. */
    share: Dec;
}

export type SavingsSharing =
    | (Sourced & { kind: 'rate'; rate: Dec })
    | { kind: 'corridors'; corridors: Corridor[]; line: number; fromPreset?: boolean };

export type QualityAdjustment = 'scaled' | 'gate' | 'none';
export type SharingBasis = 'first dollar' | 'above minimum';

export interface SavingsTerms {
    minimumRate?: MinimumRate;
    /** Undefined when neither the contract nor a preset gives a rate: nothing is shared. */
    sharing?: SavingsSharing;
    qualityAdjustment: QualityAdjustment;
    qualityAdjustmentLine?: number;
    basis: SharingBasis;
    basisLine?: number;
    cap?: Rated;
    sequestration?: Rated;
    /** `quality withhold P% of benchmark` (REACH-style withhold on the benchmark). */
    qualityWithhold?: Rated;
    /**
     * `below minimum savings rate share half`: savings under the minimum are shared from the first
     * dollar at half the final sharing rate. `because` says which conditions made a preset supply it.
     */
    halfRateBelowMinimum?: Sourced & { because?: string };
    /** Quality tiers: the sharing rate by quality score, instead of one rate. */
    tiers?: QualityTier[];
    /** `sharing rate floor P%`: the final sharing rate never below this. */
    floor?: Rated;
    /** `medical loss ratio floor P%`: the ACO keeps at most (1 − P) × B; the rest is refunded. */
    mlrFloor?: Rated;
}

/** A sharing (or loss) rate for quality scores from `lower` up to, not including, `upper`. */
export interface QualityTier extends Sourced {
    lower: Dec;
    upper?: Dec;
    share: Dec;
}

export type LossSharing =
    | (Sourced & { kind: 'rate'; rate: Dec })
    | (Sourced & { kind: 'complement'; floor: Dec; ceiling: Dec })
    | { kind: 'corridors'; corridors: Corridor[]; line: number; fromPreset?: boolean };

export interface LossTerms extends Sourced {
    minimumRate?: MinimumRate;
    sharing?: LossSharing;
    /** Cap as a share of the benchmark. */
    cap?: Rated;
    /** Cap as a share of participant revenue; the smaller of the two caps binds. */
    revenueCap?: Rated;
    participantRevenue?: Dec;
    participantRevenueLine?: number;
    /** Quality tiers: the loss sharing rate by quality score. */
    tiers?: QualityTier[];
    /** `sharing basis above minimum`: only the loss beyond the minimum loss rate is shared (a deadband). */
    basis?: SharingBasis;
    basisLine?: number;
}

/** A quality bonus pool beside shared savings. */
export interface QualityBonusTerms extends Sourced {
    /** A share of the benchmark, or an amount. */
    pool?: (Sourced & { kind: 'rate'; rate: Dec }) | (Sourced & { kind: 'amount'; amount: Dec });
    /** Paid × the quality score; otherwise in full when the standard is met. */
    byScore: boolean;
}

export interface MeasureTerm extends Sourced {
    id: string;
    name: string;
    lowerIsBetter: boolean;
    threshold?: Dec;
    target?: Dec;
    weight?: Dec;
}

export interface QualityTerms {
    standard?: Rated;
    /** `alternative standard scaled`: missing the standard but meeting the alternative shares at R × Q. */
    alternativeStandard?: Sourced;
    measures: MeasureTerm[];
}

export type DistributionKey = 'attributed lives' | 'equally' | 'fixed shares';

export interface DistributionTerms extends Sourced {
    /** `savingsOnly`: the reserve comes off shared savings only, never owed losses. */
    reserve?: Rated & { savingsOnly?: boolean };
    key?: DistributionKey;
    keyLine?: number;
    /** `remainder of savings by …`: the key for shared savings (else `key`). */
    savingsKey?: DistributionKey;
    /** `remainder of losses by …`: the key for owed losses (else `key`). */
    lossesKey?: DistributionKey;
}

export type ExpenditureTerm =
    | (Sourced & { kind: 'per member per month'; amount: Dec })
    /** Per capita by enrollment type, weighted by the built benchmark's performance-year shares. */
    | (Sourced & { kind: 'by enrollment type'; amounts: Partial<Record<EnrollmentType, Dec>> })
    | (Sourced & { kind: 'total'; amount: Dec })
    /** `savings P%`: expenditure = B × (1 − P); P may be negative. */
    | (Sourced & { kind: 'savings'; rate: Dec });

export type Expectation =
    | (Sourced & { kind: 'earned'; amount: Dec; tolerance?: Dec })
    | (Sourced & { kind: 'bonus'; amount: Dec; tolerance?: Dec })
    | (Sourced & { kind: 'provider'; providerId: string; amount: Dec; tolerance?: Dec });

export interface ScenarioTerms extends Sourced {
    name: string;
    expenditure?: ExpenditureTerm;
    /** Measure results by measure ID. */
    results: Map<string, Dec>;
    qualityScore?: Rated;
    /** `quality standard met|not met`, overriding the score's verdict. */
    standardVerdict?: Sourced & { met: boolean };
    /** `alternative standard met|not met`. */
    alternativeVerdict?: Sourced & { met: boolean };
    /** `guardrail applies`: no savings are shared. */
    guardrail?: Sourced;
    lossesReducedBy?: Sourced & { amount: Dec };
    lossesForgiven?: Rated;
    /** Claims above the attachment point, in total (truncation or stop-loss). */
    excess?: Sourced & { amount: Dec };
    /** The performance year's risk score (`risk adjusted against …`). */
    riskScore?: Sourced & { score: Dec };
    /** Performance year number (for trend); default 1. */
    year?: Sourced & { year: number };
    expectations: Expectation[];
}

export type ExpenditureDraw =
    | { kind: 'expenditure normal'; mean: Dec; sd: Dec }
    | { kind: 'savings normal'; mean: Dec; sd: Dec };

export type QualityDraw =
    | { kind: 'uniform'; low: Dec; high: Dec }
    | { kind: 'normal'; mean: Dec; sd: Dec };

export interface UncertaintyTerms extends Sourced {
    expenditure?: ExpenditureDraw;
    quality?: QualityDraw;
    trials: number;
    seed: number;
    /** `over the term`: every performance year of the term is drawn and settled. */
    overTerm: boolean;
    /** Year-to-year correlation of the savings draws. */
    correlation?: Dec;
}

/** Advance investment payments: paid up front and quarterly, recouped from later shared savings. */
export interface AdvanceInvestmentTerms extends Sourced {
    oneTime?: Sourced & { amount: Dec };
    quarterly?: Sourced & { amount: Dec; quarters: number };
    /** The share of each year's shared savings that goes to recoupment (default 100%). */
    recoupShare: Dec;
    recoupLine?: number;
}

export type TermExpectation = Sourced & { kind: 'earned' | 'net cash'; amount: Dec; tolerance?: Dec };

/** A projection: one scenario per performance year, settled in order, with term totals. */
export interface ProjectionTerms extends Sourced {
    name: string;
    /** Each year as a scenario whose `year` is set, in the order written. */
    years: ScenarioTerms[];
    expectations: TermExpectation[];
}

/** How the contract's performance years line up with its term and with calendar years. */
export interface AgreementYears {
    /** Performance years in the term (undefined without a start and an end). */
    count?: number;
    /** The performance year a scenario without a `year` line settles: the program year's, within the term, else 1. */
    defaultYear: number;
    /** Calendar year of performance year 1: the term's start year, else the program year. */
    firstCalendarYear?: number;
    /** Set on a model built for one performance year (`year N { … }` blocks applied). */
    year?: number;
    /** Set when that year's calendar year has no published preset and a nearby year's rules stand in. */
    assumedPresetYear?: { calendarYear: number; presetYear: number };
}

export interface ContractModel {
    name: string;
    /** ISO currency code (`USD` when the contract says nothing). */
    currency: string;
    rounding: Rounding;
    program?: ProgramPreset;
    parties: { payer?: string; aco?: string };
    term: { start?: string; end?: string; months: number };
    population: Population;
    providers: ProviderTerm[];
    capitation: CapitationTerms;
    savings: SavingsTerms;
    /** Present only in two-sided contracts. */
    losses?: LossTerms;
    quality: QualityTerms;
    qualityBonus?: QualityBonusTerms;
    distribution?: DistributionTerms;
    scenarios: ScenarioTerms[];
    projections: ProjectionTerms[];
    advanceInvestment?: AdvanceInvestmentTerms;
    agreement: AgreementYears;
    uncertainty?: UncertaintyTerms;
}
