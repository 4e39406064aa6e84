/**
 * Builds contract models directly for the settlement tests (the AST → model builder is tested on
 * its own). Defaults are what a contract that says nothing means: USD, half-up to cents, 12-month
 * years, first-dollar basis, scaled quality adjustment, no measures.
 */
import { Dec } from '../../language/decimal.js';
import type { ContractModel, Corridor, PartialDeep, ScenarioTerms } from './model-types.js';

/** An exact decimal. */
export function d(value: string | number): Dec {
    return new Dec(value);
}

/** `pct('14.5')` is 0.145: a percent as the fraction it means (exact decimal division). */
export function pct(value: string | number): Dec {
    return new Dec(value).dividedBy(100);
}

export function corridor(lower: string | number, upper: string | number | undefined, share: string | number, line = 1): Corridor {
    return { lower: pct(lower), upper: upper === undefined ? undefined : pct(upper), share: pct(share), line };
}

export function scenario(overrides: Partial<ScenarioTerms> = {}): ScenarioTerms {
    return { name: 'Scenario', line: 100, results: new Map(), expectations: [], ...overrides };
}

/** A model with defaults; `overrides` replace whole top-level fields (savings merges into its defaults). */
export function contract(overrides: PartialDeep = {}): ContractModel {
    const { savings, projections, agreement, ...rest } = overrides;
    return {
        name: 'Test contract',
        currency: 'USD',
        rounding: { mode: 'half-up', unit: 'cents' },
        parties: {},
        term: { months: 12 },
        population: {},
        providers: [],
        capitation: { lines: [] },
        quality: { measures: [] },
        scenarios: [],
        ...rest,
        projections: projections ?? [],
        agreement: agreement ?? { defaultYear: 1 },
        savings: { qualityAdjustment: 'scaled', basis: 'first dollar', ...savings }
    };
}
