/**
 * Step 8 of SETTLEMENT.md: owed losses when G < 0, only in two-sided contracts (`shared losses`).
 * In order: the minimum loss rate, the loss sharing rate (flat, `1 − R × LQ` within a floor and a
 * ceiling, or corridors on |G|), the cap (benchmark, or revenue when smaller), the disaster
 * adjustment (toward zero, never past it) and forgiveness. Losses are shared from the first
 * dollar and are never sequestered.
 *
 * `lossRules` resolves the contract's terms once (Monte Carlo's kernel reads the same
 * resolution); `oweLosses` is the arithmetic for one year.
 */
import { Dec, ONE, ZERO } from '../decimal.js';
import type { ContractModel, LossSharing, QualityAdjustment, Rated, ScenarioTerms } from '../model/contract-model.js';
import { corridorSteps, splitIntoCorridors } from './corridors.js';
import { SettlementError } from './errors.js';
import { moneyText, origin, percentText, firstUnitText } from './explain.js';
import { minimumRateSource, resolveMinimumRate, type ResolvedMinimumRate } from './minimum-rate.js';
import type { YearPosition } from './savings.js';
import { addStep, type Steps } from './waterfall.js';

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
}

/** The loss terms resolved, or undefined for a one-sided contract. */
export function lossRules(model: ContractModel): LossRules | undefined {
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
        cap: terms.cap
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

/**
 * LQ, the quality the loss sharing rate uses: Q when the standard is met, else 0 (failing the
 * standard gives the ceiling); 1 under `quality adjustment none`. Under `gate` savings use the
 * full rate, yet losses still use Q (MSSP from 2021).
 */
export function lossQuality(adjustment: QualityAdjustment, quality: Dec, standardMet: boolean): Dec {
    if (adjustment === 'none') {
        return ONE;
    }
    return standardMet ? quality : ZERO;
}

/** `1 − R × LQ` clamped to [floor, ceiling]. */
export function complementLossRate(savingsRate: Dec, quality: Dec, floor: Dec, ceiling: Dec): Dec {
    const raw = ONE.minus(savingsRate.times(quality));
    return Dec.min(ceiling, Dec.max(floor, raw));
}

/** The scenario's `losses reduced by` and `losses forgiven` lines. */
export type LossAdjustments = Pick<ScenarioTerms, 'lossesReducedBy' | 'lossesForgiven'>;

export interface OwedLosses {
    /** Owed losses (≤ 0) after cap, disaster adjustment and forgiveness, before rounding. */
    owed: Dec;
    minimumRate?: Dec;
    lossSharingRate?: Dec;
}

/** Step 8 for G < 0. */
export function oweLosses(
    rules: LossRules,
    year: YearPosition,
    adjustments: LossAdjustments,
    currency: string,
    steps: Steps
): OwedLosses {
    const { benchmark, gross, quality, standardMet } = year;
    const money = (amount: Dec) => moneyText(amount, currency);
    const loss = gross.abs();
    const lossRate = year.rate.abs();
    const opening = `Gross loss ${money(loss)} is ${percentText(lossRate)} of the benchmark`;
    const minimum = rules.minimum;
    const result: OwedLosses = { owed: ZERO, minimumRate: minimum?.rate };

    if (!minimum) {
        addStep(steps, 'minimum loss rate', () => `${opening}; no minimum loss rate applies, so losses are shared from ${firstUnitText(currency)}.`, rules.line, {
            rate: ZERO
        });
    } else if (lossRate.lessThan(minimum.rate)) {
        addStep(
            steps,
            'minimum loss rate',
            () => `${opening}, below the ${percentText(minimum.rate)} minimum loss rate${minimumRateSource(minimum)}, so nothing is owed.`,
            minimum.line,
            { amount: ZERO, rate: minimum.rate }
        );
        return result;
    } else {
        const relation = lossRate.equals(minimum.rate) ? 'equal to' : 'above';
        addStep(
            steps,
            'minimum loss rate',
            () => `${opening}, ${relation} the ${percentText(minimum.rate)} minimum loss rate${minimumRateSource(minimum)}, so losses are shared from ${firstUnitText(currency)}.`,
            minimum.line,
            { rate: minimum.rate }
        );
    }

    const sharing = rules.sharing;
    let owed: Dec;
    if (!sharing) {
        addStep(steps, 'loss sharing rate', () => 'The contract gives no loss sharing rate, so nothing is owed.', rules.line, {
            amount: ZERO
        });
        return result;
    } else if (sharing.kind === 'rate') {
        const atRate = gross.times(sharing.rate);
        owed = atRate;
        result.lossSharingRate = sharing.rate;
        addStep(
            steps,
            'loss sharing rate',
            () => `Loss sharing rate ${percentText(sharing.rate)}${origin(sharing)}: owed ${money(loss)} × ${percentText(sharing.rate)} = ${money(atRate.abs())}.`,
            sharing.line,
            { amount: atRate, rate: sharing.rate }
        );
    } else if (sharing.kind === 'complement') {
        const savingsRate = rules.savingsSharingRate ?? ZERO;
        const lq = lossQuality(rules.adjustment, quality, standardMet);
        const raw = ONE.minus(savingsRate.times(lq));
        const lsr = complementLossRate(savingsRate, lq, sharing.floor, sharing.ceiling);
        const atRate = gross.times(lsr);
        owed = atRate;
        result.lossSharingRate = lsr;
        const qualityText =
            rules.adjustment === 'none'
                ? 'quality not counted (100%)'
                : standardMet
                  ? `quality score ${percentText(quality)}`
                  : 'quality 0% (the standard is not met)';
        const bound = raw.lessThan(sharing.floor)
            ? `, raised to the ${percentText(sharing.floor)} floor`
            : raw.greaterThan(sharing.ceiling)
              ? `, lowered to the ${percentText(sharing.ceiling)} ceiling`
              : `, within ${percentText(sharing.floor)} to ${percentText(sharing.ceiling)}`;
        addStep(
            steps,
            'loss sharing rate',
            () => `Loss sharing rate 1 − ${percentText(savingsRate)} × ${qualityText} = ${percentText(raw)}${bound}${origin(sharing)}: owed ${money(loss)} × ${percentText(lsr)} = ${money(atRate.abs())}.`,
            sharing.line,
            { amount: atRate, rate: lsr }
        );
    } else {
        const { parts, total } = splitIntoCorridors(loss, benchmark, sharing.corridors);
        corridorSteps(parts, 'Losses', currency, steps);
        owed = total.negated();
        addStep(steps, 'owed losses', () => `Owed losses across the corridors: ${money(total)}.`, sharing.line, { amount: owed });
    }

    // The cap: the benchmark cap, or the revenue cap when that is smaller.
    const limit = lossCapLimit(rules, benchmark, currency);
    if (limit) {
        const before = owed;
        const binds = before.abs().greaterThan(limit.amount);
        const capped = binds ? limit.amount.negated() : before;
        addStep(
            steps,
            'loss cap',
            () => `${limit.text}${binds ? ` binds: owed losses ${money(before.abs())} are limited to ${money(limit.amount)}.` : `; owed losses ${money(before.abs())} are within it.`}`,
            limit.line,
            { amount: capped, rate: limit.rate }
        );
        owed = capped;
    }

    // A disaster adjustment moves the amount toward zero, never past it.
    const reduction = adjustments.lossesReducedBy;
    if (reduction && owed.isNegative()) {
        const by = reduction.amount.abs();
        const before = owed;
        const reduced = Dec.min(ZERO, before.plus(by));
        addStep(
            steps,
            'losses reduced',
            () => (reduced.isZero()
                ? `Losses reduced by ${money(by)} (disaster adjustment), more than the ${money(before.abs())} owed, so nothing is owed.`
                : `Losses reduced by ${money(by)} (disaster adjustment): owed ${money(reduced.abs())}.`),
            reduction.line,
            { amount: reduced }
        );
        owed = reduced;
    }

    const forgiven = adjustments.lossesForgiven;
    if (forgiven && owed.isNegative()) {
        const before = owed;
        const kept = before.times(ONE.minus(forgiven.rate));
        addStep(
            steps,
            'losses forgiven',
            () => `Losses forgiven ${percentText(forgiven.rate)}: owed ${money(kept.abs())} of ${money(before.abs())}.`,
            forgiven.line,
            { amount: kept, rate: forgiven.rate }
        );
        owed = kept;
    }
    result.owed = owed;
    return result;
}

/** The binding loss cap in money (the smaller of the benchmark and revenue caps), with its wording. */
export function lossCapLimit(
    rules: LossRules,
    benchmark: Dec,
    currency: string
): { amount: Dec; rate: Dec; line: number; text: string } | undefined {
    const cap = rules.cap;
    const revenue = rules.revenueCap;
    const moneyOf = (amount: Dec | undefined) => (amount === undefined ? '' : moneyText(amount, currency));
    const benchmarkLimit = cap ? benchmark.times(cap.rate) : undefined;
    const benchmarkText = cap ? `${percentText(cap.rate)} of the benchmark (${moneyOf(benchmarkLimit)})` : '';
    if (cap && benchmarkLimit && revenue) {
        const revenueSmaller = revenue.limit.lessThan(benchmarkLimit);
        const chosen = revenueSmaller ? revenue : cap;
        return {
            amount: revenueSmaller ? revenue.limit : benchmarkLimit,
            rate: chosen.rate,
            line: chosen.line,
            text: `Loss cap, the smaller of ${benchmarkText} and ${percentText(revenue.rate)} of participant revenue (${moneyOf(revenue.limit)})${origin(chosen)}`
        };
    }
    if (cap && benchmarkLimit) {
        return { amount: benchmarkLimit, rate: cap.rate, line: cap.line, text: `Loss cap ${benchmarkText}${origin(cap)}` };
    }
    if (revenue) {
        return {
            amount: revenue.limit,
            rate: revenue.rate,
            line: revenue.line,
            text: `Loss cap ${percentText(revenue.rate)} of participant revenue (${moneyOf(revenue.limit)})${origin(revenue)}`
        };
    }
    return undefined;
}
