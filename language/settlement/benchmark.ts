/**
 * Steps 1, 2 and 4 of SETTLEMENT.md: the benchmark B. The base benchmark from its basis, the
 * trend from the second performance year on, the discount, and the quality withhold on the
 * benchmark (withheld, then earned back by quality when the standard is met).
 */
import { ONE, ZERO, type Dec } from '../decimal.js';
import type { ContractModel } from '../model/contract-model.js';
import { SettlementError } from './errors.js';
import { countText, moneyText, origin, percentText } from './explain.js';
import { addStep, type Steps } from './waterfall.js';

/** MM: the stated `member months`, else N × M; undefined when neither is known. */
export function memberMonths(model: ContractModel): Dec | undefined {
    const population = model.population;
    if (population.memberMonths) {
        return population.memberMonths;
    }
    return population.beneficiaries?.times(model.term.months);
}

function memberMonthsText(model: ContractModel, mm: Dec): string {
    const population = model.population;
    if (population.memberMonths || !population.beneficiaries) {
        return `${countText(mm)} member months`;
    }
    return `${countText(mm)} member months (${countText(population.beneficiaries)} beneficiaries × ${model.term.months} months)`;
}

/** Step 1: B0 from the benchmark line, trended to performance year `year` (`(1 + P)^(year − 1)`). */
export function baseBenchmark(model: ContractModel, year: number, steps: Steps): Dec {
    const term = model.population.benchmark;
    if (!term) {
        throw new SettlementError('The contract has no benchmark line, so there is nothing to settle against.');
    }
    const currency = model.currency;
    let base: Dec;
    if (term.basis === 'total') {
        const total = term.amount;
        base = total;
        addStep(steps, 'benchmark', () => `Benchmark ${moneyText(total, currency)} total.`, term.line, { amount: total });
    } else {
        const mm = memberMonths(model);
        if (!mm) {
            throw new SettlementError(
                `A benchmark ${term.basis} needs assigned beneficiaries or member months.`,
                term.line
            );
        }
        const computed = term.basis === 'per member per month' ? term.amount.times(mm) : term.amount.times(mm).dividedBy(12);
        base = computed;
        const per = term.basis === 'per member per month' ? 'per member per month' : 'per member per year';
        const divide = term.basis === 'per member per year' ? ' ÷ 12' : '';
        addStep(
            steps,
            'benchmark',
            () => `Benchmark ${moneyText(term.amount, currency)} ${per} × ${memberMonthsText(model, mm)}${divide} = ${moneyText(computed, currency)}.`,
            term.line,
            { amount: computed }
        );
    }
    const trend = model.population.trend;
    if (trend && year !== 1) {
        const trended = base.times(ONE.plus(trend.rate).pow(year - 1));
        addStep(
            steps,
            'trend',
            () => `Trend ${percentText(trend.rate)} per year${origin(trend)}, applied for ${year - 1} year${year - 1 === 1 ? '' : 's'} (performance year ${year}): benchmark ${moneyText(trended, currency)}.`,
            trend.line,
            { amount: trended, rate: trend.rate }
        );
        base = trended;
    }
    return base;
}

/** Step 2: B1 = B0 × (1 − discount). */
export function discountedBenchmark(model: ContractModel, base: Dec, steps: Steps): Dec {
    const discount = model.population.discount;
    if (!discount) {
        return base;
    }
    const discounted = base.times(ONE.minus(discount.rate));
    addStep(
        steps,
        'discount',
        () => `Discount ${percentText(discount.rate)}${origin(discount)} takes ${moneyText(base.minus(discounted), model.currency)}: benchmark ${moneyText(discounted, model.currency)}.`,
        discount.line,
        { amount: discounted, rate: discount.rate }
    );
    return discounted;
}

export interface WithheldBenchmark {
    /** B = B1 − W + earned back. */
    benchmark: Dec;
    withheld: Dec;
    earnedBack: Dec;
}

/** Step 4: W = B1 × P withheld; W × Q earned back when the quality standard is met. */
export function withholdFromBenchmark(
    model: ContractModel,
    discounted: Dec,
    quality: Dec,
    standardMet: boolean,
    steps: Steps
): WithheldBenchmark {
    const withhold = model.savings.qualityWithhold;
    if (!withhold) {
        return { benchmark: discounted, withheld: ZERO, earnedBack: ZERO };
    }
    const currency = model.currency;
    const withheld = discounted.times(withhold.rate);
    const earnedBack = standardMet ? withheld.times(quality) : ZERO;
    const benchmark = discounted.minus(withheld).plus(earnedBack);
    const back = standardMet
        ? `${moneyText(earnedBack, currency)} is earned back (× quality score ${percentText(quality)})`
        : 'nothing is earned back because the quality standard is not met';
    addStep(
        steps,
        'quality withhold',
        () => `Quality withhold ${percentText(withhold.rate)} of the benchmark${origin(withhold)} keeps back ${moneyText(withheld, currency)}; ${back}: benchmark ${moneyText(benchmark, currency)}.`,
        withhold.line,
        { amount: benchmark, rate: withhold.rate }
    );
    return { benchmark, withheld, earnedBack };
}

/** B1 (steps 1 and 2) without a waterfall, for Monte Carlo, whose trials only vary what follows. */
export function benchmarkBeforeWithhold(model: ContractModel, year: number): Dec {
    const scratch: Steps = [];
    return discountedBenchmark(model, baseBenchmark(model, year, scratch), scratch);
}

/** Guards the division r = G / B. */
export function assertPositiveBenchmark(benchmark: Dec, line: number | undefined): void {
    if (!benchmark.greaterThan(0)) {
        throw new SettlementError('The benchmark must be above zero to settle against it.', line);
    }
}
