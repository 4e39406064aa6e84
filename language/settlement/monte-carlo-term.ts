/**
 * Monte Carlo over a whole agreement (`uncertainty { … over the term }`): every trial draws each
 * performance year of the term and settles it by that year's terms and program rules (one float
 * kernel per year, the same rules as `settle`), and records the term total. Savings draws may be
 * correlated from year to year: z₁ = ε₁, z_k = ρ z_{k−1} + √(1 − ρ²) ε_k (each year's draw stays
 * standard normal). Statistics, not settlements, so floats.
 *
 * The years are a projection's (the first, by default), so each year keeps its own quality results,
 * verdicts and adjustments where the uncertainty block draws no quality score; without one, every
 * year of the term.
 *
 * Determinism: trial i draws, year by year in order, the savings normal ε_k (when the savings
 * spread is not zero) and then the quality score, from one seeded stream.
 */
import type { ContractModel, ScenarioTerms } from '../model/contract-model.js';
import { SettlementError } from './errors.js';
import { SettlementKernel } from './monte-carlo-kernel.js';
import { summarize, trialDraws, type MonteCarloResult } from './monte-carlo.js';
import { Random } from './random.js';

export interface TermMonteCarloOptions {
    trials?: number;
    seed?: number;
    /** The years' scenarios; by default the contract's first projection's, else a bare scenario per year of the term. */
    years?: readonly ScenarioTerms[];
    /** Checked between chunks of trials; true stops the run. */
    signal?: AbortSignal | (() => boolean);
    bins?: number;
}

export interface TermMonteCarloResult extends MonteCarloResult {
    /** Performance years in each trial. */
    years: number;
    /** Mean earned in each year, in order. */
    yearMeans: number[];
    /** The year-to-year correlation of the savings draws. */
    correlation: number;
}

const DEFAULT_TRIALS = 10_000;
const CHUNK = 16_384;

/** One bare scenario per performance year 1 … n. */
function termYears(model: ContractModel): ScenarioTerms[] {
    const count = model.agreement.count;
    if (count === undefined) {
        throw new SettlementError('Monte Carlo over the term needs the term: a `term { start … end … }` section.', model.uncertainty?.line);
    }
    return Array.from({ length: count }, (_, index) => ({
        name: `Year ${index + 1}`,
        line: model.uncertainty?.line ?? 0,
        results: new Map(),
        expectations: [],
        year: { year: index + 1, line: model.uncertainty?.line ?? 0 }
    }));
}

function stopped(signal: TermMonteCarloOptions['signal']): boolean {
    return signal === undefined ? false : typeof signal === 'function' ? signal() : signal.aborted;
}

export function runTermMonteCarlo(model: ContractModel, options: TermMonteCarloOptions = {}): TermMonteCarloResult {
    const uncertainty = model.uncertainty;
    if (!uncertainty) {
        throw new SettlementError('Monte Carlo needs an uncertainty block.');
    }
    const years = options.years ?? model.projections[0]?.years ?? termYears(model);
    const trials = Math.max(0, Math.floor(options.trials ?? uncertainty.trials ?? DEFAULT_TRIALS));
    const seed = options.seed ?? uncertainty.seed ?? 1;
    const rho = uncertainty.correlation?.toNumber() ?? 0;
    const innovation = Math.sqrt(1 - rho * rho);
    const kernels = years.map((scenario) => new SettlementKernel(model, scenario));
    const draws = years.map((scenario) => trialDraws(model, uncertainty, scenario));
    const random = new Random(seed);
    const totals = new Float64Array(trials);
    const yearSums = new Array<number>(years.length).fill(0);
    let payerNet = 0;
    for (let trial = 0; trial < trials; trial++) {
        if (trial % CHUNK === 0 && stopped(options.signal)) {
            throw new SettlementError(`Monte Carlo over the term cancelled after ${trial} trials.`);
        }
        let z = 0;
        let total = 0;
        for (let year = 0; year < years.length; year++) {
            const d = draws[year];
            let rate = d.savingsA;
            if (d.savingsB !== 0) {
                const epsilon = random.normal();
                z = year === 0 ? epsilon : rho * z + innovation * epsilon;
                rate = d.savingsA + d.savingsB * z;
            }
            let quality = d.qualityA;
            if (d.qualityKind === 0) {
                quality = d.qualityA + d.qualityB * random.uniform();
            } else if (d.qualityKind === 1) {
                quality = Math.min(1, Math.max(0, d.qualityA + d.qualityB * random.normal()));
            }
            const kernel = kernels[year];
            const earned = kernel.earned(rate, quality);
            yearSums[year] += earned;
            payerNet += kernel.lastPayerNet;
            total += earned;
        }
        totals[trial] = total;
    }
    const report = summarize(totals, seed, payerNet, options.bins ?? 40);
    return {
        ...report,
        years: years.length,
        yearMeans: yearSums.map((sum) => (trials > 0 ? sum / trials : 0)),
        correlation: rho
    };
}
