/**
 * Random contracts and scenarios for the property tests: every savings and loss rule the engine
 * knows (including the half rate below the minimum, the alternative standard, the guardrail and
 * the health equity adjustment), with rates as exact decimals (basis points, so no float ever
 * reaches a model).
 */
import fc from 'fast-check';
import { Dec } from '../../language/decimal.js';
import type {
    ContractModel,
    Corridor,
    LossSharing,
    LossTerms,
    MinimumRate,
    QualityAdjustment,
    QualityTier,
    SavingsSharing,
    ScenarioTerms,
    SharingBasis
} from '../../language/model/contract-model.js';
import { contract, scenario } from './model-builder.js';

/** A rate between `min` and `max` basis points (1 bp = 0.01%). */
export function basisPoints(min: number, max: number): fc.Arbitrary<Dec> {
    return fc.integer({ min, max }).map((bp) => new Dec(bp).dividedBy(10_000));
}

/**
 * Quality tiers from 0, the last one open (`from …`): rates that rise with quality (savings), or
 * fall with it (`falling`, losses), as contracts write them.
 */
export function tiersArb(falling = false): fc.Arbitrary<QualityTier[]> {
    return fc
    .array(fc.tuple(fc.integer({ min: 500, max: 4_000 }), fc.integer({ min: 0, max: 10_000 })), { minLength: 1, maxLength: 4 })
    .map((bands) => {
        let lower = 0;
        const shares = bands.map(([, share]) => share).sort((a, b) => (falling ? b - a : a - b));
        return bands.map(([width], index) => {
            const share = shares[index];
            const tier: QualityTier = {
                lower: new Dec(lower).dividedBy(10_000),
                upper: index === bands.length - 1 ? undefined : new Dec(lower + width).dividedBy(10_000),
                share: new Dec(share).dividedBy(10_000),
                line: 40 + index
            };
            lower += width;
            return tier;
        });
    });
}

/** Ascending corridors from 0, the last one open (`over`). */
export const corridorsArb: fc.Arbitrary<Corridor[]> = fc
    .array(fc.tuple(fc.integer({ min: 50, max: 2_000 }), fc.integer({ min: 0, max: 10_000 })), { minLength: 1, maxLength: 4 })
    .map((bands) => {
        let lower = 0;
        return bands.map(([width, share], index) => {
            const corridor: Corridor = {
                lower: new Dec(lower).dividedBy(10_000),
                upper: index === bands.length - 1 ? undefined : new Dec(lower + width).dividedBy(10_000),
                share: new Dec(share).dividedBy(10_000),
                line: 10 + index
            };
            lower += width;
            return corridor;
        });
    });

const minimumRateArb: fc.Arbitrary<MinimumRate | undefined> = fc.oneof(
    fc.constant(undefined),
    basisPoints(0, 400).map((rate): MinimumRate => ({ kind: 'fixed', rate, line: 9 })),
    fc.constant<MinimumRate>({ kind: 'variable', line: 9 })
);

const savingsSharingArb: fc.Arbitrary<SavingsSharing | undefined> = fc.oneof(
    { weight: 4, arbitrary: basisPoints(1_000, 10_000).map((rate): SavingsSharing => ({ kind: 'rate', rate, line: 10 })) },
    { weight: 2, arbitrary: corridorsArb.map((corridors): SavingsSharing => ({ kind: 'corridors', corridors, line: 10 })) },
    { weight: 1, arbitrary: fc.constant(undefined) }
);

function lossSharingArb(complementAllowed: boolean): fc.Arbitrary<LossSharing | undefined> {
    const complement = fc
        .tuple(basisPoints(0, 6_000), basisPoints(0, 4_000))
        .map(([floor, width]): LossSharing => ({ kind: 'complement', floor, ceiling: floor.plus(width), line: 21 }));
    return fc.oneof(
        basisPoints(500, 10_000).map((rate): LossSharing => ({ kind: 'rate', rate, line: 21 })),
        corridorsArb.map((corridors): LossSharing => ({ kind: 'corridors', corridors, line: 21 })),
        complementAllowed ? complement : basisPoints(500, 10_000).map((rate): LossSharing => ({ kind: 'rate', rate, line: 21 })),
        fc.constant(undefined)
    );
}

export interface ModelOptions {
    /** Allow the quality withhold on the benchmark (default true). */
    withhold?: boolean;
    /** Allow two-sided contracts (default true). */
    losses?: boolean;
}

export function modelArb(options: ModelOptions = {}): fc.Arbitrary<ContractModel> {
    return fc
        .record({
            benchmarkCents: fc.integer({ min: 100_000_000, max: 50_000_000_000 }),
            beneficiaries: fc.integer({ min: 5_000, max: 100_000 }),
            minimum: minimumRateArb,
            basis: fc.constantFrom<SharingBasis>('first dollar', 'above minimum'),
            sharing: savingsSharingArb,
            adjustment: fc.constantFrom<QualityAdjustment>('scaled', 'gate', 'none'),
            sequestration: fc.option(basisPoints(0, 300), { nil: undefined }),
            cap: fc.option(basisPoints(100, 3_000), { nil: undefined }),
            withhold: options.withhold === false ? fc.constant(undefined) : fc.option(basisPoints(0, 500), { nil: undefined }),
            discount: fc.option(basisPoints(0, 500), { nil: undefined }),
            trend: fc.option(basisPoints(0, 600), { nil: undefined }),
            standard: fc.option(basisPoints(0, 8_000), { nil: undefined }),
            twoSided: options.losses === false ? fc.constant(false) : fc.boolean(),
            lossMinimum: minimumRateArb,
            lossSharingComplement: lossSharingArb(true),
            lossSharingOther: lossSharingArb(false),
            lossCap: fc.option(basisPoints(50, 2_000), { nil: undefined }),
            revenueCap: fc.option(basisPoints(50, 1_000), { nil: undefined }),
            revenueCents: fc.option(fc.integer({ min: 1_000_000, max: 10_000_000_000 }), { nil: undefined }),
            halfRate: fc.boolean(),
            alternativeStandard: fc.boolean(),
            equityCents: fc.option(fc.integer({ min: -50_000_000, max: 50_000_000 }), { nil: undefined }),
            tiers: fc.option(tiersArb(), { nil: undefined, freq: 4 }),
            floor: fc.option(basisPoints(0, 3_000), { nil: undefined, freq: 4 }),
            mlrFloor: fc.option(basisPoints(7_000, 9_500), { nil: undefined, freq: 4 }),
            lossTiers: fc.option(tiersArb(true), { nil: undefined, freq: 4 }),
            lossDeadband: fc.boolean()
        })
        .map((r) => {
            const model = contract({
                population: {
                    beneficiaries: new Dec(r.beneficiaries),
                    benchmark: { amount: new Dec(r.benchmarkCents).dividedBy(100), basis: 'total', line: 5 },
                    discount: r.discount && { rate: r.discount, line: 6 },
                    trend: r.trend && { rate: r.trend, line: 7 },
                    healthEquityAdjustment: r.equityCents === undefined ? undefined
                        : { amount: new Dec(r.equityCents).dividedBy(100), basis: 'total', line: 8 }
                },
                savings: {
                    minimumRate: r.minimum,
                    sharing: r.sharing,
                    qualityAdjustment: r.adjustment,
                    basis: r.basis,
                    sequestration: r.sequestration && { rate: r.sequestration, line: 11 },
                    cap: r.cap && { rate: r.cap, line: 12 },
                    qualityWithhold: r.withhold && { rate: r.withhold, line: 13 },
                    halfRateBelowMinimum: r.halfRate ? { line: 14 } : undefined,
                    tiers: r.tiers,
                    floor: r.floor && { rate: r.floor, line: 15 },
                    mlrFloor: r.mlrFloor && { rate: r.mlrFloor, line: 16 }
                },
                quality: {
                    standard: r.standard && { rate: r.standard, line: 30 },
                    alternativeStandard: r.alternativeStandard ? { line: 31 } : undefined,
                    measures: []
                }
            });
            if (r.twoSided) {
                const losses: LossTerms = {
                    line: 20,
                    minimumRate: r.lossMinimum,
                    sharing: r.sharing?.kind === 'rate' ? r.lossSharingComplement : r.lossSharingOther,
                    cap: r.lossCap && { rate: r.lossCap, line: 23 },
                    revenueCap: r.revenueCap && { rate: r.revenueCap, line: 24 },
                    participantRevenue: r.revenueCents === undefined ? undefined : new Dec(r.revenueCents).dividedBy(100),
                    tiers: r.lossTiers,
                    basis: r.lossDeadband ? 'above minimum' : undefined
                };
                model.losses = losses;
            }
            return model;
        });
}

/** A savings rate with many digits (−40% to +40%), as exact decimal text. */
export const savingsRateArb: fc.Arbitrary<Dec> = fc
    .integer({ min: -400_000_000, max: 400_000_000 })
    .map((n) => new Dec(n).dividedBy(1_000_000_000));

/** A quality score in [0, 1] to four places. */
export const qualityArb: fc.Arbitrary<Dec> = fc.integer({ min: 0, max: 10_000 }).map((n) => new Dec(n).dividedBy(10_000));

/** What a scenario may add around the expenditure and the score. */
export const scenarioExtrasArb: fc.Arbitrary<Partial<ScenarioTerms>> = fc.record(
    {
        year: fc.integer({ min: 1, max: 4 }).map((year) => ({ year, line: 102 })),
        standardVerdict: fc.boolean().map((met) => ({ met, line: 103 })),
        lossesReducedBy: fc.integer({ min: 0, max: 500_000_000 }).map((cents) => ({ amount: new Dec(cents).dividedBy(100), line: 104 })),
        lossesForgiven: basisPoints(0, 10_000).map((rate) => ({ rate, line: 105 })),
        alternativeVerdict: fc.boolean().map((met) => ({ met, line: 106 })),
        guardrail: fc.constant({ line: 107 })
    },
    { requiredKeys: [] }
);

/** A scenario at savings rate `rate` (`savings P%`) and quality score `quality`. */
export function scenarioAt(rate: Dec, quality: Dec, extras: Partial<ScenarioTerms> = {}): ScenarioTerms {
    return scenario({
        expenditure: { kind: 'savings', rate, line: 101 },
        qualityScore: { rate: quality, line: 102 },
        ...extras
    });
}
