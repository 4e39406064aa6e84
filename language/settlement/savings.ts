/**
 * Step 7 of SETTLEMENT.md: shared savings when G > 0. The rule itself is `shareSavings` in
 * year-rules.ts, written once for exact settlements and Monte Carlo alike; this module resolves
 * the contract's terms (`savingsRules`, `savingsPlan`) and turns what the rule decided into the
 * waterfall's plain-English steps.
 */
import { ZERO, type Dec } from '../decimal.js';
import type { ContractModel, QualityAdjustment, QualityTier, Rated, SavingsSharing, SharingBasis, Sourced } from '../model/contract-model.js';
import { exact, type Arithmetic } from './arithmetic.js';
import { corridorSteps } from './corridors.js';
import { moneyText, origin, percentText, firstUnitText } from './explain.js';
import { minimumRateSource, resolveMinimumRate, type ResolvedMinimumRate } from './minimum-rate.js';
import { addStep, type Steps } from './waterfall.js';
import { bandsOf, newSavingsTrace, optional, shareSavings as shareSavingsRule, type SavingsPlan, type SavingsTrace, type Year } from './year-rules.js';

export interface SavingsRules {
    minimum?: ResolvedMinimumRate;
    /** Undefined: the contract shares nothing. */
    sharing?: SavingsSharing;
    adjustment: QualityAdjustment;
    adjustmentLine?: number;
    basis: SharingBasis;
    basisLine?: number;
    sequestration?: Rated;
    cap?: Rated;
    /** `below minimum savings rate share half`, with the preset's reason when it supplied it. */
    halfRate?: Sourced & { because?: string };
    /** `alternative standard scaled`. */
    alternativeStandard?: Sourced;
    tiers?: QualityTier[];
    floor?: Rated;
    mlrFloor?: Rated;
}

/** The rules depend only on the (immutable) model, and the exact plan only on the rules: each is made once. */
const rulesOf = new WeakMap<ContractModel, SavingsRules>();
const exactPlans = new WeakMap<SavingsRules, SavingsPlan<Dec>>();

/** The savings terms with the minimum rate resolved (the variable table at N). */
export function savingsRules(model: ContractModel): SavingsRules {
    let rules = rulesOf.get(model);
    if (!rules) {
        rules = resolveSavingsRules(model);
        rulesOf.set(model, rules);
    }
    return rules;
}

function exactPlan(rules: SavingsRules): SavingsPlan<Dec> {
    let plan = exactPlans.get(rules);
    if (!plan) {
        plan = savingsPlan(exact, rules);
        exactPlans.set(rules, plan);
    }
    return plan;
}

function resolveSavingsRules(model: ContractModel): SavingsRules {
    const terms = model.savings;
    return {
        minimum: resolveMinimumRate(terms.minimumRate, model, 'savings'),
        sharing: terms.sharing,
        adjustment: terms.qualityAdjustment,
        adjustmentLine: terms.qualityAdjustmentLine,
        basis: terms.basis,
        basisLine: terms.basisLine,
        sequestration: terms.sequestration,
        cap: terms.cap,
        halfRate: terms.halfRateBelowMinimum,
        alternativeStandard: model.quality.alternativeStandard,
        tiers: terms.tiers,
        floor: terms.floor,
        mlrFloor: terms.mlrFloor
    };
}

/** The rules as the numbers of `arithmetic`, for `shareSavings` in year-rules.ts. */
export function savingsPlan<T>(arithmetic: Arithmetic<T>, rules: SavingsRules): SavingsPlan<T> {
    const sharing = rules.sharing;
    return {
        minimum: optional(arithmetic, rules.minimum?.rate),
        halfBelowMinimum: rules.halfRate !== undefined,
        aboveMinimum: rules.basis === 'above minimum',
        scaled: rules.adjustment === 'scaled',
        alternativeScaled: rules.alternativeStandard !== undefined,
        sharing: sharing === undefined ? 'none' : sharing.kind,
        rate: sharing?.kind === 'rate' ? arithmetic.of(sharing.rate) : arithmetic.zero,
        bands: bandsOf(arithmetic, sharing?.kind === 'corridors' ? sharing.corridors : undefined),
        kept: rules.sequestration ? arithmetic.minus(arithmetic.one, arithmetic.of(rules.sequestration.rate)) : undefined,
        cap: optional(arithmetic, rules.cap?.rate),
        tiers: bandsOf(arithmetic, rules.tiers),
        floor: optional(arithmetic, rules.floor?.rate),
        mlrFloor: optional(arithmetic, rules.mlrFloor?.rate)
    };
}

/** Where the year stands once B, G and Q are known (the inputs of steps 7 and 8), with the clauses behind it. */
export interface YearPosition extends Year<Dec> {
    /** Line of the clause that decided the standard (the scenario verdict or `standard`). */
    standardLine?: number;
    /** The scenario's `alternative standard` line. */
    alternativeLine?: number;
    /** The scenario's `guardrail applies` line. */
    guardrailLine?: number;
}

export interface SharedSavings {
    /** Shared savings after sequestration and cap, before rounding. */
    shared: Dec;
    /** What sequestration took (before the cap), unrounded. */
    sequestered?: Dec;
    minimumRate?: Dec;
    finalSharingRate?: Dec;
}

/** Step 7 for G > 0: the rule, then one waterfall step for each thing it decided. */
export function shareSavings(rules: SavingsRules, year: YearPosition, currency: string, steps: Steps): SharedSavings {
    const trace = newSavingsTrace(exact);
    const shared = shareSavingsRule(exact, exactPlan(rules), year, trace);
    const { gross, rate, quality } = year;
    const money = (amount: Dec) => moneyText(amount, currency);
    // Read only by the steps' explanations, which are written when shown.
    const opening = (): string => `Gross savings ${money(gross)} are ${percentText(rate)} of the benchmark`;
    const minimum = rules.minimum;
    const result: SharedSavings = { shared, minimumRate: minimum?.rate };

    if (trace.outcome === 'guardrail') {
        addStep(steps, 'guardrail', () => `${opening()}, but the guardrail applies, so no savings are shared.`, year.guardrailLine, { amount: ZERO });
        return result;
    }

    // The minimum savings rate: below it, nothing is shared (or half the rate, where the contract says so).
    const basis = trace.basis;
    if (!minimum) {
        addStep(
            steps,
            'minimum savings rate',
            () => `${opening()}; no minimum savings rate applies, so savings are shared from ${firstUnitText(currency)}.`,
            rules.basisLine,
            { amount: gross, rate: ZERO }
        );
    } else if (trace.outcome === 'below minimum') {
        addStep(
            steps,
            'minimum savings rate',
            () => `${opening()}, below the ${percentText(minimum.rate)} minimum savings rate${minimumRateSource(minimum)}, so nothing is shared.`,
            minimum.line,
            { amount: ZERO, rate: minimum.rate }
        );
        return result;
    } else if (trace.halfRate) {
        const half = rules.halfRate;
        const why = half?.because ? `, as the program provides for ${half.because}` : '';
        addStep(
            steps,
            'minimum savings rate',
            () => `${opening()}, below the ${percentText(minimum.rate)} minimum savings rate${minimumRateSource(minimum)}; savings below the minimum are still shared, from ${firstUnitText(currency)}, at half the final sharing rate${why}.`,
            half?.line ?? minimum.line,
            { amount: gross, rate: minimum.rate }
        );
    } else {
        const relation = rate.equals(minimum.rate) ? 'equal to' : 'above';
        const consequence = rules.basis === 'above minimum'
            ? `so the savings above ${money(trace.threshold)} are shared: ${money(gross.minus(trace.threshold))}`
            : `so savings are shared from ${firstUnitText(currency)}`;
        addStep(
            steps,
            'minimum savings rate',
            () => `${opening()}, ${relation} the ${percentText(minimum.rate)} minimum savings rate${minimumRateSource(minimum)}, ${consequence}.`,
            minimum.line,
            { amount: rules.basis === 'above minimum' ? gross.minus(trace.threshold) : gross, rate: minimum.rate }
        );
    }

    // The quality standard gates savings under every quality adjustment, unless the alternative standard is met.
    if (trace.outcome === 'not met') {
        const alternative = rules.alternativeStandard && year.alternativeLine !== undefined
            ? ' and the alternative standard is not met either'
            : '';
        addStep(steps, 'quality gate', () => `The quality standard is not met${alternative}, so no savings are shared.`, year.standardLine, {
            amount: ZERO
        });
        return result;
    }
    if (trace.alternative) {
        addStep(
            steps,
            'alternative standard',
            () => `The quality standard was missed but the alternative standard was met${origin(rules.alternativeStandard)}, so savings are shared on the sliding scale: the sharing rate × quality score ${percentText(quality)}.`,
            year.alternativeLine ?? rules.alternativeStandard?.line,
            { rate: quality }
        );
    }

    const sharing = rules.sharing;
    const tiers = rules.tiers;
    if (tiers && trace.tiered) {
        const tier = tiers.find((t) => !quality.lessThan(t.lower) && (t.upper === undefined || quality.lessThan(t.upper)));
        const band = tier ? tierText(tier) : 'below every tier';
        const finalRate = trace.finalRate;
        const halfText = trace.halfRate ? ' × ½ (below the minimum savings rate)' : '';
        const floorText = trace.floorApplied ? `, raised to the ${percentText(rules.floor!.rate)} floor` : '';
        result.finalSharingRate = finalRate;
        addStep(
            steps,
            'final sharing rate',
            () => `Quality score ${percentText(quality)} falls in the tier ${band}: sharing rate ${percentText(trace.tierRate)}${halfText}${floorText}; shared savings ${money(basis)} × ${percentText(finalRate)} = ${money(trace.beforeSequestration)}.`,
            tier?.line ?? tiers[0].line,
            { amount: trace.beforeSequestration, rate: finalRate }
        );
        return finishSavings(rules, trace, shared, currency, steps, result);
    }
    if (trace.outcome === 'no sharing' || !sharing) {
        addStep(steps, 'shared savings', () => 'The contract gives no savings sharing rate, so nothing is shared.', undefined, {
            amount: ZERO
        });
        return result;
    }

    const halfText = trace.halfRate ? ' × ½ (below the minimum savings rate)' : '';
    if (sharing.kind === 'rate') {
        const finalRate = trace.finalRate;
        const sharedAtRate = trace.beforeSequestration;
        result.finalSharingRate = finalRate;
        const floorText = trace.floorApplied ? `, raised to the ${percentText(rules.floor!.rate)} floor` : '';
        const how = (): string => trace.scaled
            ? `${percentText(sharing.rate)}${origin(sharing)} × quality score ${percentText(quality)}${halfText} = ${percentText(finalRate)}`
            : trace.halfRate
              ? `${percentText(sharing.rate)}${origin(sharing)}${halfText} = ${percentText(finalRate)}`
              : rules.adjustment === 'gate'
                ? `${percentText(finalRate)}${origin(sharing)}, in full because the quality standard is met`
                : `${percentText(finalRate)}${origin(sharing)}, not adjusted for quality`;
        addStep(
            steps,
            'final sharing rate',
            () => `Final sharing rate ${how()}${floorText}: shared savings ${money(basis)} × ${percentText(finalRate)} = ${money(sharedAtRate)}.`,
            sharing.line,
            { amount: sharedAtRate, rate: finalRate }
        );
    } else {
        corridorSteps(sharing.corridors, trace.parts, trace.bandShared, 'Savings', currency, steps);
        const total = trace.corridorTotal;
        const after = trace.beforeSequestration;
        if (trace.scaled || trace.halfRate) {
            const scaledText = trace.scaled ? ` × quality score ${percentText(quality)}` : '';
            addStep(
                steps,
                'shared savings',
                () => `Shared savings ${money(total)} across the corridors${scaledText}${halfText} = ${money(after)}.`,
                rules.adjustmentLine ?? sharing.line,
                { amount: after, rate: trace.scaled ? quality : undefined }
            );
        } else {
            addStep(steps, 'shared savings', () => `Shared savings across the corridors: ${money(total)}.`, sharing.line, {
                amount: total
            });
        }
    }

    return finishSavings(rules, trace, shared, currency, steps, result);
}

/** `up to 50%`, `50% to 75%`, `from 75%`. */
function tierText(tier: QualityTier): string {
    return tier.upper === undefined ? `from ${percentText(tier.lower)}` : tier.lower.isZero() ? `up to ${percentText(tier.upper)}` : `${percentText(tier.lower)} to ${percentText(tier.upper)}`;
}

/** The steps after the rate: sequestration, then the cap (CMS caps the sequestered amount), then the MLR refund. */
function finishSavings(rules: SavingsRules, trace: SavingsTrace<Dec>, shared: Dec, currency: string, steps: Steps, result: SharedSavings): SharedSavings {
    const money = (amount: Dec) => moneyText(amount, currency);
    const sequestration = rules.sequestration;
    if (sequestration) {
        const before = trace.beforeSequestration;
        const kept = trace.afterSequestration;
        const text = (): string => sequestration.rate.isZero()
            ? `No sequestration applies (0%)${origin(sequestration)}: shared savings stay ${money(kept)}.`
            : `Sequestration ${percentText(sequestration.rate)}${origin(sequestration)} takes ${money(before.minus(kept))}, leaving ${money(kept)}.`;
        addStep(steps, 'sequestration', text, sequestration.line, { amount: kept, rate: sequestration.rate });
        result.sequestered = before.minus(kept);
    }
    const cap = rules.cap;
    const limit = trace.capped ? trace.capLimit : undefined;
    if (cap && limit) {
        const before = trace.afterSequestration;
        const text = (): string => trace.capBinds
            ? `Cap ${percentText(cap.rate)} of the benchmark${origin(cap)} binds: shared savings ${money(before)} are limited to ${money(limit)}.`
            : `Cap ${percentText(cap.rate)} of the benchmark${origin(cap)} is ${money(limit)}; shared savings ${money(before)} are within it.`;
        addStep(steps, 'savings cap', text, cap.line, { amount: trace.capBinds ? limit : trace.afterSequestration, rate: cap.rate });
    }
    const mlr = rules.mlrFloor;
    if (mlr) {
        const refund = trace.mlrRefund;
        addStep(
            steps,
            'medical loss ratio refund',
            () => (refund.isZero()
                ? `Expenditure is at or above the ${percentText(mlr.rate)} medical loss ratio floor: nothing is refunded.`
                : `Expenditure is below the ${percentText(mlr.rate)} medical loss ratio floor: ${money(refund)} is refunded out of the savings, leaving ${money(shared)}.`),
            mlr.line,
            { amount: shared, rate: mlr.rate }
        );
    }
    return result;
}
