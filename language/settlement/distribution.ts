/**
 * Step 11 of SETTLEMENT.md: the distribution of earned among providers. The reserve is
 * earned × reserve%, rounded; the remainder is split by the key in whole cents (or whole units)
 * by the largest-remainder method, so the parts always sum exactly to the remainder.
 */
import { Dec, ONE, ZERO } from '../decimal.js';
import type { ContractModel, DistributionKey, ProviderTerm, Rounding } from '../model/contract-model.js';
import { SettlementError } from './errors.js';
import { countText, moneyText, percentText } from './explain.js';
import { moneyUnit, roundMoney, roundingText, withoutNegativeZero } from './rounding.js';
import type { DistributionResult } from './settlement-types.js';
import { addStep, type Steps } from './waterfall.js';

/**
 * Splits `total` (a whole number of `unit`s) in proportion to `weights` by the largest-remainder
 * method: each exact share is floored to the unit, then the leftover units go one each to the
 * largest fractional parts, ties in the order given. A negative total is split by its absolute
 * value and each part negated. Zero weights receive nothing.
 */
export function splitByLargestRemainder(total: Dec, weights: readonly Dec[], unit: Dec): Dec[] {
    const units = total.abs().dividedBy(unit);
    if (!units.isInteger()) {
        throw new Error(`splitByLargestRemainder: ${total.toString()} is not a whole number of ${unit.toString()}`);
    }
    if (weights.length === 0 || !weights.reduce((sum, weight) => sum.plus(weight), ZERO).greaterThan(0)) {
        throw new Error('splitByLargestRemainder: the weights must sum to more than zero');
    }
    // Exact integer arithmetic: weights scaled to whole numbers, so each share is
    // units × w / W with an integer quotient (the floor) and remainder (the fractional part).
    const places = Math.max(0, ...weights.map((weight) => weight.decimalPlaces()));
    const scale = new Dec(10).pow(places);
    const scaled = weights.map((weight) => BigInt(weight.times(scale).toFixed(0)));
    const weightSum = scaled.reduce((sum, weight) => sum + weight, 0n);
    const whole = BigInt(units.toFixed(0));
    const floors = scaled.map((weight) => (whole * weight) / weightSum);
    const fractions = scaled.map((weight) => (whole * weight) % weightSum);
    let leftover = whole - floors.reduce((sum, share) => sum + share, 0n);
    const order = fractions
        .map((fraction, index) => ({ index, fraction }))
        // Array.prototype.sort is stable, so equal fractions keep declaration order.
        .sort((a, b) => (a.fraction === b.fraction ? 0 : a.fraction < b.fraction ? 1 : -1));
    for (const { index } of order) {
        if (leftover <= 0n) {
            break;
        }
        floors[index] += 1n;
        leftover--;
    }
    const sign = total.isNegative() ? -1 : 1;
    return floors.map((share) => withoutNegativeZero(new Dec(share.toString()).times(unit).times(sign)));
}

/** Up to this many providers, the waterfall shows each provider's share as its own step. */
export const STEPS_PER_PROVIDER_LIMIT = 12;

/** The key that splits earned of this sign: `remainder of savings|losses by …`, else the one key. */
function keyFor(model: ContractModel, earned: Dec): DistributionKey | undefined {
    const terms = model.distribution;
    return (earned.isNegative() ? terms?.lossesKey : terms?.savingsKey) ?? terms?.key;
}

/** The weight a provider carries under the key; fixed shares of gains and of losses may differ. */
function providerWeight(provider: ProviderTerm, key: DistributionKey | undefined, losses: boolean): Dec {
    switch (key) {
        case 'attributed lives':
            if (!provider.attributed) {
                throw new SettlementError(`Provider ${provider.id} has no attributed lives to split the remainder by.`, provider.line);
            }
            return provider.attributed;
        case 'fixed shares': {
            const share = (losses ? provider.shareOfLosses : provider.shareOfSavings) ?? provider.share;
            if (!share) {
                throw new SettlementError(`Provider ${provider.id} has no share of ${losses ? 'losses' : 'savings'} to split the remainder by.`, provider.line);
            }
            return share;
        }
        default:
            return ONE;
    }
}

/** The reserve and each provider's part of earned; undefined without a distribution or when earned is zero. */
export function distribute(model: ContractModel, earned: Dec, rounding: Rounding, steps: Steps): DistributionResult | undefined {
    const terms = model.distribution;
    if (!terms || earned.isZero()) {
        return undefined;
    }
    const currency = model.currency;
    // `reserve P% of savings` keeps the reserve out of owed losses.
    const reserveApplies = terms.reserve !== undefined && !(terms.reserve.savingsOnly && earned.isNegative());
    const reserveRate = reserveApplies ? terms.reserve!.rate : ZERO;
    const reserve = roundMoney(earned.times(reserveRate), rounding);
    const remainder = earned.minus(reserve);
    if (terms.reserve && !reserveApplies) {
        addStep(steps, 'reserve', () => `The infrastructure reserve comes off shared savings only: it bears none of the ${moneyText(earned.abs(), currency)} owed.`, terms.reserve.line, { amount: ZERO });
    } else if (terms.reserve) {
        addStep(
            steps,
            'reserve',
            () => `Reserve ${percentText(reserveRate)} for infrastructure: ${moneyText(reserve, currency)} of earned ${moneyText(earned, currency)} (rounded ${roundingText(rounding)}).`,
            terms.reserve.line,
            { amount: reserve, rate: reserveRate }
        );
    }
    const result: DistributionResult = { reserve, remainder, providers: [] };
    const providers = model.providers;
    const key = keyFor(model, earned);
    if (!key || providers.length === 0) {
        const why = !key ? 'the contract names no key to split it by' : 'the contract names no providers';
        addStep(steps, 'remainder', () => `Remainder ${moneyText(remainder, currency)} stays with the ACO: ${why}.`, terms.keyLine ?? terms.line, {
            amount: remainder
        });
        return result;
    }
    const weights = providers.map((provider) => providerWeight(provider, key, earned.isNegative()));
    const weightSum = weights.reduce((sum, weight) => sum.plus(weight), ZERO);
    if (!weightSum.greaterThan(0)) {
        throw new SettlementError(`The providers' ${key} sum to zero, so the remainder cannot be split.`, terms.keyLine ?? terms.line);
    }
    const unit = moneyUnit(rounding);
    const parts = splitByLargestRemainder(remainder, weights, unit);
    const listed = providers.length <= STEPS_PER_PROVIDER_LIMIT;
    const side = terms.savingsKey || terms.lossesKey ? (earned.isNegative() ? ' of losses' : ' of savings') : '';
    const keyText = key === 'equally' ? 'equally'
        : listed ? `by ${key}${side} (${weights.map((weight) => keyWeightText(key, weight)).join(' : ')})` : `by ${key}${side} among ${countText(new Dec(providers.length))} providers`;
    addStep(
        steps,
        'remainder',
        () => `Remainder ${moneyText(remainder, currency)} split ${keyText}, to the ${rounding.unit === 'cents' ? 'cent' : 'whole unit'} by largest remainder.`,
        terms.keyLine ?? terms.line,
        { amount: remainder }
    );
    providers.forEach((provider, index) => {
        result.providers.push({ provider: provider.id, amount: parts[index] });
        if (!listed) {
            return; // a waterfall of thousands of lines helps nobody: the shares are in the result
        }
        const share = weights[index].dividedBy(weightSum);
        addStep(
            steps,
            'provider share',
            () => `${provider.id} receives ${moneyText(parts[index], currency)} (${percentText(share)} of the remainder).`,
            provider.line,
            { amount: parts[index], rate: share }
        );
    });
    return result;
}

function keyWeightText(key: string | undefined, weight: Dec): string {
    return key === 'fixed shares' ? percentText(weight) : countText(weight);
}

