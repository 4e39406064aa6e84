/**
 * Step 7 of SETTLEMENT.md: shared savings when G > 0. In order: the minimum savings rate, the
 * quality standard gate, the basis (first dollar or above the minimum), one rate (scaled by Q
 * under `quality adjustment scaled`) or corridors, sequestration, and the cap, which applies
 * after sequestration.
 *
 * `savingsRules` resolves the contract's terms once (Monte Carlo's kernel reads the same
 * resolution); `shareSavings` is the arithmetic for one year.
 */
import { ONE, ZERO, type Dec } from '../decimal.js';
import type { ContractModel, QualityAdjustment, Rated, SavingsSharing, SharingBasis } from '../model/contract-model.js';
import { corridorSteps, splitIntoCorridors } from './corridors.js';
import { moneyText, origin, percentText, firstUnitText } from './explain.js';
import { minimumRateSource, resolveMinimumRate, type ResolvedMinimumRate } from './minimum-rate.js';
import { addStep, type Steps } from './waterfall.js';

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
}

/** The savings terms with the minimum rate resolved (the variable table at N). */
export function savingsRules(model: ContractModel): SavingsRules {
    const terms = model.savings;
    return {
        minimum: resolveMinimumRate(terms.minimumRate, model, 'savings'),
        sharing: terms.sharing,
        adjustment: terms.qualityAdjustment,
        adjustmentLine: terms.qualityAdjustmentLine,
        basis: terms.basis,
        basisLine: terms.basisLine,
        sequestration: terms.sequestration,
        cap: terms.cap
    };
}

/** Where the year stands once B, G and Q are known: the inputs of steps 7 and 8. */
export interface YearPosition {
    benchmark: Dec;
    gross: Dec;
    /** r = G / B. */
    rate: Dec;
    quality: Dec;
    standardMet: boolean;
    /** Line of the clause that decided the standard (the scenario verdict or `standard`). */
    standardLine?: number;
}

export interface SharedSavings {
    /** Shared savings after sequestration and cap, before rounding. */
    shared: Dec;
    minimumRate?: Dec;
    finalSharingRate?: Dec;
}

/** Step 7 for G > 0. */
export function shareSavings(rules: SavingsRules, year: YearPosition, currency: string, steps: Steps): SharedSavings {
    const { benchmark, gross, rate, quality } = year;
    const money = (amount: Dec) => moneyText(amount, currency);
    const opening = `Gross savings ${money(gross)} are ${percentText(rate)} of the benchmark`;
    const minimum = rules.minimum;
    const minimumRate = minimum?.rate ?? ZERO;
    const result: SharedSavings = { shared: ZERO, minimumRate: minimum?.rate };

    // The minimum savings rate: below it, nothing is shared.
    const aboveMinimum = rules.basis === 'above minimum';
    const threshold = benchmark.times(minimumRate);
    const basis = aboveMinimum ? gross.minus(threshold) : gross;
    if (!minimum) {
        addStep(
            steps,
            'minimum savings rate',
            () => `${opening}; no minimum savings rate applies, so savings are shared from ${firstUnitText(currency)}.`,
            rules.basisLine,
            { amount: basis, rate: ZERO }
        );
    } else if (rate.lessThan(minimum.rate)) {
        addStep(
            steps,
            'minimum savings rate',
            () => `${opening}, below the ${percentText(minimum.rate)} minimum savings rate${minimumRateSource(minimum)}, so nothing is shared.`,
            minimum.line,
            { amount: ZERO, rate: minimum.rate }
        );
        return result;
    } else {
        const relation = rate.equals(minimum.rate) ? 'equal to' : 'above';
        const consequence = aboveMinimum
            ? `so the savings above ${money(threshold)} are shared: ${money(basis)}`
            : `so savings are shared from ${firstUnitText(currency)}`;
        addStep(
            steps,
            'minimum savings rate',
            () => `${opening}, ${relation} the ${percentText(minimum.rate)} minimum savings rate${minimumRateSource(minimum)}, ${consequence}.`,
            minimum.line,
            { amount: basis, rate: minimum.rate }
        );
    }

    // The quality standard gates savings under every quality adjustment.
    if (!year.standardMet) {
        addStep(steps, 'quality gate', () => 'The quality standard is not met, so no savings are shared.', year.standardLine, {
            amount: ZERO
        });
        return result;
    }

    const sharing = rules.sharing;
    if (!sharing) {
        addStep(steps, 'shared savings', () => 'The contract gives no savings sharing rate, so nothing is shared.', undefined, {
            amount: ZERO
        });
        return result;
    }

    let shared: Dec;
    if (sharing.kind === 'rate') {
        const scaled = rules.adjustment === 'scaled';
        const finalRate = scaled ? sharing.rate.times(quality) : sharing.rate;
        const sharedAtRate = basis.times(finalRate);
        shared = sharedAtRate;
        result.finalSharingRate = finalRate;
        const how = scaled
            ? `${percentText(sharing.rate)}${origin(sharing)} × quality score ${percentText(quality)} = ${percentText(finalRate)}`
            : rules.adjustment === 'gate'
              ? `${percentText(finalRate)}${origin(sharing)}, in full because the quality standard is met`
              : `${percentText(finalRate)}${origin(sharing)}, not adjusted for quality`;
        addStep(
            steps,
            'final sharing rate',
            () => `Final sharing rate ${how}: shared savings ${money(basis)} × ${percentText(finalRate)} = ${money(sharedAtRate)}.`,
            sharing.line,
            { amount: sharedAtRate, rate: finalRate }
        );
    } else {
        const { parts, total } = splitIntoCorridors(basis, benchmark, sharing.corridors);
        corridorSteps(parts, 'Savings', currency, steps);
        shared = total;
        if (rules.adjustment === 'scaled') {
            const scaledTotal = total.times(quality);
            shared = scaledTotal;
            addStep(
                steps,
                'shared savings',
                () => `Shared savings ${money(total)} across the corridors × quality score ${percentText(quality)} = ${money(scaledTotal)}.`,
                rules.adjustmentLine ?? sharing.line,
                { amount: scaledTotal, rate: quality }
            );
        } else {
            addStep(steps, 'shared savings', () => `Shared savings across the corridors: ${money(total)}.`, sharing.line, {
                amount: total
            });
        }
    }

    // Sequestration, then the cap (CMS applies the cap to the sequestered amount).
    const sequestration = rules.sequestration;
    if (sequestration) {
        const before = shared;
        const kept = before.times(ONE.minus(sequestration.rate));
        const text = (): string => sequestration.rate.isZero()
            ? `No sequestration applies (0%)${origin(sequestration)}: shared savings stay ${money(kept)}.`
            : `Sequestration ${percentText(sequestration.rate)}${origin(sequestration)} takes ${money(before.minus(kept))}, leaving ${money(kept)}.`;
        addStep(steps, 'sequestration', text, sequestration.line, { amount: kept, rate: sequestration.rate });
        shared = kept;
    }
    const cap = rules.cap;
    if (cap) {
        const limit = benchmark.times(cap.rate);
        const before = shared;
        const binds = before.greaterThan(limit);
        const capped = binds ? limit : before;
        const text = (): string => binds
            ? `Cap ${percentText(cap.rate)} of the benchmark${origin(cap)} binds: shared savings ${money(before)} are limited to ${money(limit)}.`
            : `Cap ${percentText(cap.rate)} of the benchmark${origin(cap)} is ${money(limit)}; shared savings ${money(before)} are within it.`;
        addStep(steps, 'savings cap', text, cap.line, { amount: capped, rate: cap.rate });
        shared = capped;
    }
    result.shared = shared;
    return result;
}
