/**
 * Step 8 of SETTLEMENT.md: owed losses when G < 0, only in two-sided contracts (`shared losses`).
 * The rule itself is `oweLosses` in year-rules.ts (minimum loss rate; flat, `1 − R × LQ` or
 * corridors on |G|; the cap; the disaster adjustment; forgiveness), written once for exact
 * settlements and Monte Carlo alike. This module resolves the terms (`lossRules`, `lossPlan`)
 * and writes the waterfall from what the rule decided.
 */
import { ZERO, type Dec } from '../decimal.js';
import type { ContractModel, LossSharing, QualityAdjustment, QualityTier, Rated, ScenarioTerms, Sourced } from '../model/contract-model.js';
import { exact, type Arithmetic } from './arithmetic.js';
import { corridorSteps } from './corridors.js';
import { SettlementError } from './errors.js';
import { moneyText, origin, percentText, firstUnitText } from './explain.js';
import { minimumRateSource, resolveMinimumRate, type ResolvedMinimumRate } from './minimum-rate.js';
import type { YearPosition } from './savings.js';
import { addStep, type Steps } from './waterfall.js';
import { bandsOf, newLossTrace, optional, oweLosses as oweLossesRule, type LossPlan, type LossTrace } from './year-rules.js';

export interface RevenueCap {
    rate: Dec;
    revenue: Dec;
    /** rate × participant revenue. */
    limit: Dec;
    line: number;
    fromPreset?: boolean;
}

export interface LossRules {
    /** The `shared losses` line. */
    line: number;
    /** The minimum loss rate, or the minimum savings rate when no loss rate is written. */
    minimum?: ResolvedMinimumRate;
    sharing?: LossSharing;
    /** R, the savings sharing rate, which `1 − final sharing rate` complements. */
    savingsSharingRate?: Dec;
    adjustment: QualityAdjustment;
    cap?: Rated;
    /** Present only with both `cap P% of revenue` and `participant revenue`. */
    revenueCap?: RevenueCap;
    /** `alternative standard scaled`: meeting the alternative standard counts Q as when the standard is met. */
    alternativeStandard?: Sourced;
    tiers?: QualityTier[];
    /** `sharing basis above minimum` in shared losses: a deadband. */
    aboveMinimum: boolean;
    basisLine?: number;
}

/** The rules depend only on the (immutable) model, the exact plan only on the rules: each is made once. */
const rulesOf = new WeakMap<ContractModel, LossRules | null>();
const exactPlans = new WeakMap<LossRules, LossPlan<Dec>>();

/** The loss terms resolved, or undefined for a one-sided contract. */
export function lossRules(model: ContractModel): LossRules | undefined {
    let rules = rulesOf.get(model);
    if (rules === undefined) {
        rules = resolveLossRules(model) ?? null;
        rulesOf.set(model, rules);
    }
    return rules ?? undefined;
}

/** The exact plan: the contract's rules once, with this scenario's adjustments on top when it has any. */
function exactPlan(rules: LossRules, adjustments: LossAdjustments): LossPlan<Dec> {
    let plan = exactPlans.get(rules);
    if (!plan) {
        plan = lossPlan(exact, rules, undefined);
        exactPlans.set(rules, plan);
    }
    if (!adjustments.lossesReducedBy && !adjustments.lossesForgiven) {
        return plan;
    }
    return { ...plan, ...scenarioAdjustments(exact, adjustments) };
}

function resolveLossRules(model: ContractModel): LossRules | undefined {
    const terms = model.losses;
    if (!terms) {
        return undefined;
    }
    const minimum = terms.minimumRate
        ? resolveMinimumRate(terms.minimumRate, model, 'loss')
        : resolveMinimumRate(model.savings.minimumRate, model, 'savings');
    const savingsSharing = model.savings.sharing;
    if (terms.sharing?.kind === 'complement' && savingsSharing?.kind !== 'rate') {
        throw new SettlementError(
            'A loss sharing rate of 1 − final sharing rate needs a single savings sharing rate.',
            terms.sharing.line
        );
    }
    const rules: LossRules = {
        line: terms.line,
        minimum,
        sharing: terms.sharing,
        savingsSharingRate: savingsSharing?.kind === 'rate' ? savingsSharing.rate : undefined,
        adjustment: model.savings.qualityAdjustment,
        cap: terms.cap,
        alternativeStandard: model.quality.alternativeStandard,
        tiers: terms.tiers,
        aboveMinimum: terms.basis === 'above minimum',
        basisLine: terms.basisLine
    };
    if (terms.revenueCap && terms.participantRevenue) {
        rules.revenueCap = {
            rate: terms.revenueCap.rate,
            revenue: terms.participantRevenue,
            limit: terms.participantRevenue.times(terms.revenueCap.rate),
            line: terms.revenueCap.line,
            fromPreset: terms.revenueCap.fromPreset
        };
    }
    return rules;
}

/** The scenario's `losses reduced by` and `losses forgiven` lines. */
export type LossAdjustments = Pick<ScenarioTerms, 'lossesReducedBy' | 'lossesForgiven'>;

/** The rules and the scenario's adjustments as the numbers of `arithmetic`, for `oweLosses` in year-rules.ts. */
export function lossPlan<T>(arithmetic: Arithmetic<T>, rules: LossRules, adjustments: LossAdjustments | undefined): LossPlan<T> {
    const sharing = rules.sharing;
    return {
        minimum: optional(arithmetic, rules.minimum?.rate),
        sharing: sharing === undefined ? 'none' : sharing.kind,
        rate: sharing?.kind === 'rate' ? arithmetic.of(sharing.rate) : arithmetic.zero,
        floor: sharing?.kind === 'complement' ? arithmetic.of(sharing.floor) : arithmetic.zero,
        ceiling: sharing?.kind === 'complement' ? arithmetic.of(sharing.ceiling) : arithmetic.one,
        savingsRate: optional(arithmetic, rules.savingsSharingRate) ?? arithmetic.zero,
        qualityIgnored: rules.adjustment === 'none',
        alternativeScaled: rules.alternativeStandard !== undefined,
        bands: bandsOf(arithmetic, sharing?.kind === 'corridors' ? sharing.corridors : undefined),
        tiers: bandsOf(arithmetic, rules.tiers),
        aboveMinimum: rules.aboveMinimum,
        cap: optional(arithmetic, rules.cap?.rate),
        revenueLimit: optional(arithmetic, rules.revenueCap?.limit),
        ...scenarioAdjustments(arithmetic, adjustments)
    };
}

/** The scenario's disaster adjustment and forgiven share as numbers. */
function scenarioAdjustments<T>(arithmetic: Arithmetic<T>, adjustments: LossAdjustments | undefined): Pick<LossPlan<T>, 'reducedBy' | 'keptAfterForgiveness'> {
    const forgiven = adjustments?.lossesForgiven;
    return {
        reducedBy: optional(arithmetic, adjustments?.lossesReducedBy?.amount.abs()),
        keptAfterForgiveness: forgiven ? arithmetic.minus(arithmetic.one, arithmetic.of(forgiven.rate)) : undefined
    };
}

export interface OwedLosses {
    /** Owed losses (≤ 0) after cap, disaster adjustment and forgiveness, before rounding. */
    owed: Dec;
    minimumRate?: Dec;
    lossSharingRate?: Dec;
}

/** Step 8 for G < 0: the rule, then one waterfall step for each thing it decided. */
export function oweLosses(
    rules: LossRules,
    year: YearPosition,
    adjustments: LossAdjustments,
    currency: string,
    steps: Steps
): OwedLosses {
    const trace = newLossTrace(exact);
    const owed = oweLossesRule(exact, exactPlan(rules, adjustments), year, trace);
    const { benchmark, gross, quality, standardMet } = year;
    const money = (amount: Dec) => moneyText(amount, currency);
    const loss = gross.abs();
    const lossRate = year.rate.abs();
    // Read only by the steps' explanations, which are written when shown.
    const opening = (): string => `Gross loss ${money(loss)} is ${percentText(lossRate)} of the benchmark`;
    const minimum = rules.minimum;
    const result: OwedLosses = { owed, minimumRate: minimum?.rate };

    if (!minimum) {
        addStep(steps, 'minimum loss rate', () => `${opening()}; no minimum loss rate applies, so losses are shared from ${firstUnitText(currency)}.`, rules.line, {
            rate: ZERO
        });
    } else if (trace.outcome === 'below minimum') {
        addStep(
            steps,
            'minimum loss rate',
            () => `${opening()}, below the ${percentText(minimum.rate)} minimum loss rate${minimumRateSource(minimum)}, so nothing is owed.`,
            minimum.line,
            { amount: ZERO, rate: minimum.rate }
        );
        return result;
    } else {
        const relation = lossRate.equals(minimum.rate) ? 'equal to' : 'above';
        const consequence = rules.aboveMinimum
            ? `so only the loss beyond ${money(benchmark.times(minimum.rate))} is shared: ${money(trace.basis)}`
            : `so losses are shared from ${firstUnitText(currency)}`;
        addStep(
            steps,
            'minimum loss rate',
            () => `${opening()}, ${relation} the ${percentText(minimum.rate)} minimum loss rate${minimumRateSource(minimum)}, ${consequence}.`,
            rules.aboveMinimum ? rules.basisLine ?? minimum.line : minimum.line,
            { rate: minimum.rate, ...(rules.aboveMinimum ? { amount: trace.basis.negated() } : {}) }
        );
    }

    const sharing = rules.sharing;
    const shared = trace.basis;
    const tiers = rules.tiers;
    if (tiers && trace.tiered) {
        const rate = trace.tierRate;
        const tier = tiers.find((t) => !quality.lessThan(t.lower) && (t.upper === undefined || quality.lessThan(t.upper)));
        result.lossSharingRate = rate;
        addStep(
            steps,
            'loss sharing rate',
            () => `Quality score ${percentText(quality)} falls in the tier ${tier ? (tier.upper === undefined ? `from ${percentText(tier.lower)}` : tier.lower.isZero() ? `up to ${percentText(tier.upper)}` : `${percentText(tier.lower)} to ${percentText(tier.upper)}`) : 'below every tier'}: loss sharing rate ${percentText(rate)}; owed ${money(shared)} × ${percentText(rate)} = ${money(trace.beforeCap.abs())}.`,
            tier?.line ?? tiers[0].line,
            { amount: trace.beforeCap, rate }
        );
    } else if (trace.outcome === 'no sharing' || !sharing) {
        addStep(steps, 'loss sharing rate', () => 'The contract gives no loss sharing rate, so nothing is owed.', rules.line, {
            amount: ZERO
        });
        return result;
    } else if (sharing.kind === 'rate') {
        const atRate = trace.beforeCap;
        result.lossSharingRate = sharing.rate;
        addStep(
            steps,
            'loss sharing rate',
            () => `Loss sharing rate ${percentText(sharing.rate)}${origin(sharing)}: owed ${money(shared)} × ${percentText(sharing.rate)} = ${money(atRate.abs())}.`,
            sharing.line,
            { amount: atRate, rate: sharing.rate }
        );
    } else if (sharing.kind === 'complement') {
        const savingsRate = rules.savingsSharingRate ?? ZERO;
        const { rawRate: raw, lossRate: lsr, beforeCap: atRate } = trace;
        result.lossSharingRate = lsr;
        const alternativeMet = !standardMet && rules.alternativeStandard !== undefined && year.alternativeMet;
        const qualityText =
            rules.adjustment === 'none'
                ? 'quality not counted (100%)'
                : standardMet
                  ? `quality score ${percentText(quality)}`
                  : alternativeMet
                    ? `quality score ${percentText(quality)} (the alternative standard is met)`
                    : 'quality 0% (the standard is not met)';
        const bound = raw.lessThan(sharing.floor)
            ? `, raised to the ${percentText(sharing.floor)} floor`
            : raw.greaterThan(sharing.ceiling)
              ? `, lowered to the ${percentText(sharing.ceiling)} ceiling`
              : `, within ${percentText(sharing.floor)} to ${percentText(sharing.ceiling)}`;
        addStep(
            steps,
            'loss sharing rate',
            () => `Loss sharing rate 1 − ${percentText(savingsRate)} × ${qualityText} = ${percentText(raw)}${bound}${origin(sharing)}: owed ${money(shared)} × ${percentText(lsr)} = ${money(atRate.abs())}.`,
            sharing.line,
            { amount: atRate, rate: lsr }
        );
    } else {
        corridorSteps(sharing.corridors, trace.parts, trace.bandShared, 'Losses', currency, steps);
        const total = trace.corridorTotal;
        addStep(steps, 'owed losses', () => `Owed losses across the corridors: ${money(total)}.`, sharing.line, { amount: trace.beforeCap });
    }

    // The cap: the benchmark cap, or the revenue cap when that is smaller.
    const limit = appliedLossCap(rules, benchmark, trace, currency);
    if (limit) {
        const before = trace.beforeCap;
        const capped = trace.afterCap;
        addStep(
            steps,
            'loss cap',
            () => `${limit.text}${trace.capBinds ? ` binds: owed losses ${money(before.abs())} are limited to ${money(limit.amount)}.` : `; owed losses ${money(before.abs())} are within it.`}`,
            limit.line,
            { amount: capped, rate: limit.rate }
        );
    }

    // A disaster adjustment moves the amount toward zero, never past it.
    const reduction = adjustments.lossesReducedBy;
    if (reduction && trace.afterCap.isNegative()) {
        const by = reduction.amount.abs();
        const before = trace.afterCap;
        const reduced = trace.afterReduction;
        addStep(
            steps,
            'losses reduced',
            () => (reduced.isZero()
                ? `Losses reduced by ${money(by)} (disaster adjustment), more than the ${money(before.abs())} owed, so nothing is owed.`
                : `Losses reduced by ${money(by)} (disaster adjustment): owed ${money(reduced.abs())}.`),
            reduction.line,
            { amount: reduced }
        );
    }

    const forgiven = adjustments.lossesForgiven;
    if (forgiven && trace.afterReduction.isNegative()) {
        const before = trace.afterReduction;
        addStep(
            steps,
            'losses forgiven',
            () => `Losses forgiven ${percentText(forgiven.rate)}: owed ${money(owed.abs())} of ${money(before.abs())}.`,
            forgiven.line,
            { amount: owed, rate: forgiven.rate }
        );
    }
    return result;
}

/**
 * The cap the rule applied (the smaller of the benchmark and revenue caps, decided in
 * year-rules.ts), named for the waterfall.
 */
function appliedLossCap(
    rules: LossRules,
    benchmark: Dec,
    trace: LossTrace<Dec>,
    currency: string
): { amount: Dec; rate: Dec; line: number; text: string } | undefined {
    const amount = trace.capped ? trace.capLimit : undefined;
    const cap = rules.cap;
    const revenue = rules.revenueCap;
    if (amount === undefined || (!cap && !revenue)) {
        return undefined;
    }
    const moneyOf = (value: Dec) => moneyText(value, currency);
    const benchmarkText = cap ? `${percentText(cap.rate)} of the benchmark (${moneyOf(benchmark.times(cap.rate))})` : '';
    const revenueText = revenue ? `${percentText(revenue.rate)} of participant revenue (${moneyOf(revenue.limit)})` : '';
    const chosen = revenue && (trace.revenueCapChosen || !cap) ? revenue : cap!;
    const text = cap && revenue
        ? `Loss cap, the smaller of ${benchmarkText} and ${revenueText}${origin(chosen)}`
        : `Loss cap ${cap ? benchmarkText : revenueText}${origin(chosen)}`;
    return { amount, rate: chosen.rate, line: chosen.line, text };
}
