/** Properties every settlement keeps, checked with fast-check over random contracts and scenarios. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec, ZERO } from '../../language/decimal.js';
import type { ContractModel, ProviderTerm } from '../../language/model/contract-model.js';
import { roundMoney, settle, splitByLargestRemainder } from '../../language/settlement/index.js';
import { basisPoints, modelArb, qualityArb, savingsRateArb, scenarioAt, scenarioExtrasArb } from './arbitraries.js';
import { scenario } from './model-builder.js';

const RUNS = 400;

function totalSpend(model: ContractModel, rate: Dec) {
    return scenario({
        expenditure: { kind: 'total', amount: model.population.benchmark!.amount.times(Dec.sub(1, rate)).toDecimalPlaces(2), line: 101 },
        qualityScore: { rate: new Dec('0.8'), line: 102 }
    });
}

describe('settlement properties', () => {
    it('earned never rises when expenditure rises', () => {
        fc.assert(
            fc.property(modelArb(), savingsRateArb, savingsRateArb, scenarioExtrasArb, (model, a, b, extras) => {
                const [low, high] = a.lessThan(b) ? [a, b] : [b, a];
                // A lower savings rate is a higher expenditure.
                const spendMore = settle(model, { ...totalSpend(model, low), ...extras });
                const spendLess = settle(model, { ...totalSpend(model, high), ...extras });
                expect(spendMore.expenditure.greaterThanOrEqualTo(spendLess.expenditure)).toBe(true);
                expect(spendMore.earned.lessThanOrEqualTo(spendLess.earned)).toBe(true);
            }),
            { numRuns: RUNS }
        );
    });

    it('earned never falls when the quality score rises', () => {
        // Left out: a quality withhold in a two-sided contract. The withhold makes B grow with Q,
        // and losses measured against B grow with it: at a fixed `savings P%` the loss is P × B,
        // and with a fixed total expenditure a binding loss cap (cap × B) still grows. That is
        // what the rules say, not a defect, so the property holds only without that combination.
        const models = fc.oneof(modelArb({ withhold: false }), modelArb({ losses: false }));
        fc.assert(
            fc.property(models, savingsRateArb, qualityArb, qualityArb, scenarioExtrasArb, (model, rate, a, b, extras) => {
                const { standardVerdict: _verdict, ...rest } = extras;
                const [low, high] = a.lessThan(b) ? [a, b] : [b, a];
                const worse = settle(model, scenarioAt(rate, low, rest));
                const better = settle(model, scenarioAt(rate, high, rest));
                expect(worse.earnedExact.lessThanOrEqualTo(better.earnedExact)).toBe(true);
            }),
            { numRuns: RUNS }
        );
    });

    it('earned never exceeds the savings cap nor owes more than the loss cap', () => {
        fc.assert(
            fc.property(modelArb(), savingsRateArb, qualityArb, scenarioExtrasArb, (model, rate, quality, extras) => {
                const result = settle(model, scenarioAt(rate, quality, extras));
                const cap = model.savings.cap;
                if (cap) {
                    const limit = result.benchmark.times(cap.rate);
                    expect(result.earnedExact.lessThanOrEqualTo(limit)).toBe(true);
                    expect(result.earned.lessThanOrEqualTo(roundMoney(limit, model.rounding))).toBe(true);
                }
                const losses = model.losses;
                const limits: Dec[] = [];
                if (losses?.cap) {
                    limits.push(result.benchmark.times(losses.cap.rate));
                }
                if (losses?.revenueCap && losses.participantRevenue) {
                    limits.push(losses.participantRevenue.times(losses.revenueCap.rate));
                }
                if (limits.length > 0) {
                    expect(result.earnedExact.greaterThanOrEqualTo(Dec.min(...limits).negated())).toBe(true);
                }
                if (!losses) {
                    expect(result.earnedExact.isNegative()).toBe(false);
                }
            }),
            { numRuns: RUNS }
        );
    });

    it('earned is zero inside the minimum savings and loss rates', () => {
        fc.assert(
            fc.property(
                modelArb(),
                basisPoints(50, 400),
                fc.integer({ min: 1, max: 999 }),
                fc.boolean(),
                qualityArb,
                (model, minimum, thousandths, gain, quality) => {
                    model.savings.minimumRate = { kind: 'fixed', rate: minimum, line: 9 };
                    model.savings.halfRateBelowMinimum = undefined;
                    if (model.losses) {
                        model.losses.minimumRate = undefined; // falls back to the savings rate
                    }
                    const rate = minimum.times(thousandths).dividedBy(1000).times(gain ? 1 : -1);
                    const result = settle(model, scenarioAt(rate, quality));
                    expect(result.earnedExact.isZero()).toBe(true);
                    expect(result.earned.isZero()).toBe(true);
                }
            ),
            { numRuns: RUNS }
        );
    });

    it('below the minimum with the half rate, savings are shared at half what a contract without a minimum shares', () => {
        fc.assert(
            fc.property(modelArb(), basisPoints(50, 400), fc.integer({ min: 1, max: 999 }), qualityArb, (model, minimum, thousandths, quality) => {
                model.savings.cap = undefined;
                model.savings.floor = undefined;
                model.savings.mlrFloor = undefined;
                model.savings.halfRateBelowMinimum = { line: 14 };
                model.savings.minimumRate = { kind: 'fixed', rate: minimum, line: 9 };
                const rate = minimum.times(thousandths).dividedBy(1000);
                const half = settle(model, scenarioAt(rate, quality));
                const withoutMinimum = settle({ ...model, savings: { ...model.savings, minimumRate: undefined, basis: 'first dollar' } }, scenarioAt(rate, quality));
                expect(half.earnedExact.times(2).equals(withoutMinimum.earnedExact)).toBe(true);
            }),
            { numRuns: RUNS }
        );
    });
});

describe('distribution properties', () => {
    it('largest remainder parts always sum exactly to the amount, to the unit', () => {
        fc.assert(
            fc.property(
                fc.integer({ min: -10_000_000_000, max: 10_000_000_000 }),
                fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 40 }),
                fc.boolean(),
                (units, rawWeights, cents) => {
                    const weights = rawWeights.map((weight) => new Dec(weight));
                    if (weights.every((weight) => weight.isZero())) {
                        weights[0] = new Dec(1);
                    }
                    const unit = new Dec(cents ? '0.01' : '1');
                    const total = unit.times(units);
                    const parts = splitByLargestRemainder(total, weights, unit);
                    expect(parts.reduce((sum, part) => sum.plus(part), ZERO).equals(total)).toBe(true);
                    const weightSum = weights.reduce((sum, weight) => sum.plus(weight), ZERO);
                    parts.forEach((part, index) => {
                        expect(part.dividedBy(unit).isInteger()).toBe(true);
                        const share = total.times(weights[index]).dividedBy(weightSum);
                        expect(part.minus(share).abs().lessThan(unit)).toBe(true);
                    });
                }
            ),
            { numRuns: RUNS }
        );
    });

    it('the reserve and the providers receive exactly what was earned', () => {
        fc.assert(
            fc.property(
                modelArb(),
                savingsRateArb,
                qualityArb,
                basisPoints(0, 5_000),
                fc.array(fc.integer({ min: 1, max: 20_000 }), { minLength: 1, maxLength: 12 }),
                fc.constantFrom('attributed lives' as const, 'equally' as const),
                fc.constantFrom('cents' as const, 'whole units' as const),
                (model, rate, quality, reserve, lives, key, unit) => {
                    model.rounding = { mode: 'half-even', unit };
                    model.providers = lives.map((attributed, index): ProviderTerm => ({ id: `P${index}`, name: `P${index}`, attributed: new Dec(attributed), line: 40 + index }));
                    model.distribution = { line: 60, reserve: { rate: reserve, line: 61 }, key, keyLine: 62 };
                    const result = settle(model, scenarioAt(rate, quality));
                    if (result.earned.isZero()) {
                        expect(result.distribution).toBeUndefined();
                        return;
                    }
                    const distribution = result.distribution!;
                    const paid = distribution.providers.reduce((sum, share) => sum.plus(share.amount), distribution.reserve);
                    expect(paid.equals(result.earned)).toBe(true);
                    expect(distribution.providers.every((share) => share.amount.isZero() || share.amount.isNegative() === result.earned.isNegative())).toBe(true);
                }
            ),
            { numRuns: RUNS }
        );
    });
});
