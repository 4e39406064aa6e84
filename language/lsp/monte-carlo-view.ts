/**
 * What the Monte Carlo panel shows beside the histogram: the inputs drawn, the year and
 * benchmark the trials were settled against, the chance each cap binds, the tails (expected
 * shortfall) and every percentile for the CSV export. The year, the benchmark and the caps come
 * from the engine: a year settled with no savings, and the most the contract pays and owes (a
 * year of 99% savings, and one of 99% losses, at full quality), each settled by `settle`.
 */
import { Dec } from '../decimal.js';
import { formatCount, formatPercent, settledMoney } from '../format.js';
import type { ContractModel, ScenarioTerms } from '../model/contract-model.js';
import { settle } from '../settlement/index.js';
import { percentile, type MonteCarloResult } from '../settlement/monte-carlo.js';
import type { Settlement } from '../settlement/settlement-types.js';
import type { MonteCarloResponse } from './server-protocol.js';

/** A year with these savings and this quality score, as Monte Carlo settles its trials (no scenario's year). */
function drawnYear(model: ContractModel, savings: string, quality: Dec): ScenarioTerms {
    const line = model.uncertainty?.line ?? 0;
    return { name: 'Monte Carlo', line, expenditure: { kind: 'savings', rate: new Dec(savings), line }, results: new Map(), qualityScore: { rate: quality, line }, expectations: [] };
}

function attempt(model: ContractModel, scenario: ScenarioTerms): Settlement | undefined {
    try {
        return settle(model, scenario, { capitation: false, distribution: false });
    } catch {
        return undefined;
    }
}

/** Whether a cap step bound: its amount differs from the amount before it. */
function capBinds(settlement: Settlement, step: string): boolean {
    const index = settlement.steps.findIndex(s => s.step === step);
    if (index < 0) {
        return false;
    }
    const capped = settlement.steps[index].amount;
    const before = settlement.steps.slice(0, index).reverse().find(s => s.amount !== undefined)?.amount;
    return capped !== undefined && before !== undefined && !capped.abs().equals(before.abs());
}

export type MonteCarloDetails = Required<Pick<MonteCarloResponse, 'inputs' | 'caps' | 'tails' | 'percentileTable'>>;

export function monteCarloDetails(model: ContractModel, result: MonteCarloResult): MonteCarloDetails {
    const money = (amount: Dec) => settledMoney(amount, model);
    const moneyOf = (n: number) => money(new Dec(n));
    const uncertainty = model.uncertainty;
    const inputs: MonteCarloDetails['inputs'] = [];
    const spend = uncertainty?.expenditure;
    if (spend?.kind === 'expenditure normal') {
        inputs.push({ what: 'Expenditure', value: `normal, mean ${formatPercent(spend.mean)} of the benchmark, sd ${formatPercent(spend.sd)}` });
    } else if (spend?.kind === 'savings normal') {
        inputs.push({ what: 'Savings rate', value: `normal, mean ${formatPercent(spend.mean)}, sd ${formatPercent(spend.sd)}` });
    }
    const quality = uncertainty?.quality;
    if (quality?.kind === 'uniform') {
        inputs.push({ what: 'Quality score', value: `uniform from ${formatPercent(quality.low)} to ${formatPercent(quality.high)}` });
    } else if (quality?.kind === 'normal') {
        inputs.push({ what: 'Quality score', value: `normal, mean ${formatPercent(quality.mean)}, sd ${formatPercent(quality.sd)}, within 0–100%` });
    } else {
        inputs.push({ what: 'Quality score', value: 'not drawn: 100%' });
    }
    if (uncertainty?.correlation) {
        inputs.push({ what: 'Correlation', value: `${formatPercent(uncertainty.correlation)} year to year` });
    }
    inputs.push({ what: 'Trials', value: formatCount(result.trials) }, { what: 'Seed', value: String(result.seed) });

    const typical = quality?.kind === 'uniform' ? quality.low.plus(quality.high).dividedBy(2) : quality?.kind === 'normal' ? quality.mean : new Dec(1);
    const even = attempt(model, drawnYear(model, '0', typical));
    if (even) {
        const written = even.steps.find(s => s.step === 'benchmark')?.amount;
        inputs.push({ what: 'Settled as', value: `performance year ${even.year}` });
        inputs.push({
            what: 'Benchmark',
            value: written && !written.equals(even.benchmark) ? `${money(written)} as written; ${money(even.benchmark)} after its adjustments (at a ${formatPercent(typical)} quality score)` : money(even.benchmark)
        });
    }

    // The chance each cap binds: the trials that reach the most the contract pays (or owes).
    const caps: MonteCarloDetails['caps'] = [];
    const sorted = result.sorted;
    const share = (count: number) => sorted.length > 0 ? count / sorted.length : 0;
    const best = model.savings.cap ? attempt(model, drawnYear(model, '0.99', new Dec(1))) : undefined;
    if (best && model.savings.cap) {
        const most = best.earnedExact.toNumber();
        const binds = capBinds(best, 'savings cap');
        const reached = binds ? countWhere(sorted, value => value >= most - tolerance(most)) : 0;
        caps.push({ cap: `Savings cap ${formatPercent(model.savings.cap.rate)} of the benchmark`, amount: binds ? money(best.earned) : 'never binds', probability: share(reached) });
    }
    const lossCap = model.losses?.cap ?? model.losses?.revenueCap;
    const worst = lossCap ? attempt(model, drawnYear(model, '-0.99', new Dec(1))) : undefined;
    if (worst && lossCap) {
        const most = worst.earnedExact.toNumber();
        const binds = capBinds(worst, 'loss cap');
        const reached = binds ? countWhere(sorted, value => value <= most + tolerance(most)) : 0;
        caps.push({ cap: `Loss cap ${formatPercent(lossCap.rate)} of the ${model.losses?.cap ? 'benchmark' : 'revenue'}`, amount: binds ? money(worst.earned.abs()) : 'never binds', probability: share(reached) });
    }

    const tail = Math.max(1, Math.floor(sorted.length * 0.05));
    const mean = (values: Float64Array) => values.length > 0 ? values.reduce((sum, value) => sum + value, 0) / values.length : 0;
    const tails = { worst5Mean: moneyOf(mean(sorted.subarray(0, tail))), best5Mean: moneyOf(mean(sorted.subarray(sorted.length - tail))) };
    const percentileTable = Array.from({ length: 99 }, (_, i) => ({ percentile: i + 1, earned: Math.round(percentile(sorted, (i + 1) / 100) * 100) / 100 }));
    return { inputs, caps, tails, percentileTable };
}

function tolerance(amount: number): number {
    return Math.max(0.005, Math.abs(amount) * 1e-9);
}

function countWhere(values: Float64Array, test: (value: number) => boolean): number {
    let count = 0;
    for (const value of values) {
        if (test(value)) {
            count++;
        }
    }
    return count;
}
