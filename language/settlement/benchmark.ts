/**
 * Steps 1, 2 and 4 of SETTLEMENT.md: the benchmark B. The base benchmark from its basis, the
 * trend from the second performance year on, the discount, the quality withhold on the
 * benchmark (withheld, then earned back by quality when the standard is met) and the health
 * equity benchmark adjustment. Step 4's arithmetic is the rule in year-rules.ts, shared with
 * Monte Carlo.
 */
import { Dec, ONE, ZERO } from '../decimal.js';
import { exact } from './arithmetic.js';
import { benchmarkAfterWithhold, earnedBack as earnedBackRule } from './year-rules.js';
import type { ContractModel, ScenarioTerms } from '../model/contract-model.js';
import { builtBenchmark } from './built-benchmark.js';
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
export function baseBenchmark(model: ContractModel, year: number, steps: Steps, scenario?: Pick<ScenarioTerms, 'riskScore'>): Dec {
    const term = model.population.benchmark;
    const built = model.population.builtBenchmark;
    if (!term && !built) {
        throw new SettlementError('The contract has no benchmark line, so there is nothing to settle against.');
    }
    const currency = model.currency;
    let base: Dec;
    if (!term) {
        base = builtBenchmark(model, built!, memberMonths(model), steps);
    } else if (term.basis === 'total') {
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
        const premium = term.ofPremium;
        const per = premium
            ? `per member per month (${percentText(premium.share)} of the ${moneyText(premium.premium, currency)} premium)`
            : term.basis === 'per member per month' ? 'per member per month' : 'per member per year';
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
    return riskAdjusted(model, base, scenario, steps);
}

/** The benchmark × min(performance-year score / base score, 1 + cap), when the contract adjusts for risk. */
function riskAdjusted(model: ContractModel, base: Dec, scenario: Pick<ScenarioTerms, 'riskScore'> | undefined, steps: Steps): Dec {
    const adjustment = model.population.riskAdjustment;
    const score = scenario?.riskScore;
    if (!adjustment || !score) {
        return base;
    }
    const uncapped = score.score.dividedBy(adjustment.base);
    const ratio = adjustment.cap !== undefined ? Dec.min(uncapped, ONE.plus(adjustment.cap)) : uncapped;
    const adjusted = base.times(ratio);
    const capText = ratio.lessThan(uncapped) ? ` (${uncapped.toDecimalPlaces(7).toString()} capped at ${percentText(adjustment.cap!)} above 1)` : '';
    addStep(
        steps,
        'risk adjustment',
        () => `Risk score ${score.score.toString()} against ${adjustment.base.toString()}: ratio ${ratio.toDecimalPlaces(7).toString()}${capText}; benchmark ${moneyText(base, model.currency)} × ${ratio.toDecimalPlaces(7).toString()} = ${moneyText(adjusted, model.currency)}.`,
        score.line,
        { amount: adjusted, rate: ratio }
    );
    return adjusted;
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
    /** B = B1 − W + earned back + HEBA. */
    benchmark: Dec;
    withheld: Dec;
    earnedBack: Dec;
    /** The health equity benchmark adjustment in money (0 without one). */
    equityAdjustment: Dec;
}

/** The health equity benchmark adjustment in money: `total`, or per member per month × MM. */
export function healthEquityAdjustment(model: ContractModel): Dec {
    const term = model.population.healthEquityAdjustment;
    if (!term) {
        return ZERO;
    }
    if (term.basis === 'total') {
        return term.amount;
    }
    const mm = memberMonths(model);
    if (!mm) {
        throw new SettlementError('A health equity benchmark adjustment per member per month needs assigned beneficiaries or member months.', term.line);
    }
    return term.amount.times(mm);
}

/** The quality withhold on the benchmark as a share of B1 (0 without one). */
export function withheldFromBenchmark(model: ContractModel, discounted: Dec): Dec {
    const withhold = model.savings.qualityWithhold;
    return withhold ? discounted.times(withhold.rate) : ZERO;
}

/** Step 4: W = B1 × P withheld; W × Q earned back when the quality standard is met; then HEBA added. */
export function withholdFromBenchmark(
    model: ContractModel,
    discounted: Dec,
    quality: Dec,
    standardMet: boolean,
    steps: Steps
): WithheldBenchmark {
    const withhold = model.savings.qualityWithhold;
    const currency = model.currency;
    const withheld = withheldFromBenchmark(model, discounted);
    const earnedBack = earnedBackRule(exact, withheld, quality, standardMet);
    const equityAdjustment = healthEquityAdjustment(model);
    const benchmark = benchmarkAfterWithhold(exact, discounted, withheld, earnedBack, equityAdjustment);
    if (withhold) {
        const afterWithhold = benchmarkAfterWithhold(exact, discounted, withheld, earnedBack, ZERO);
        const back = standardMet
            ? `${moneyText(earnedBack, currency)} is earned back (× quality score ${percentText(quality)})`
            : 'nothing is earned back because the quality standard is not met';
        addStep(
            steps,
            'quality withhold',
            () => `Quality withhold ${percentText(withhold.rate)} of the benchmark${origin(withhold)} keeps back ${moneyText(withheld, currency)}; ${back}: benchmark ${moneyText(afterWithhold, currency)}.`,
            withhold.line,
            { amount: afterWithhold, rate: withhold.rate }
        );
    }
    const equity = model.population.healthEquityAdjustment;
    if (equity) {
        const sign = equityAdjustment.isNegative() ? 'lowers' : 'raises';
        const per = equity.basis === 'per member per month'
            ? ` (${moneyText(equity.amount, currency)} per member per month × ${countText(memberMonths(model) ?? ZERO)} member months)`
            : '';
        addStep(
            steps,
            'health equity adjustment',
            () => `Health equity benchmark adjustment ${moneyText(equityAdjustment, currency)}${per} ${sign} the benchmark to ${moneyText(benchmark, currency)}.`,
            equity.line,
            { amount: benchmark }
        );
    }
    return { benchmark, withheld, earnedBack, equityAdjustment };
}

/** B0 and B1 (steps 1 and 2) without a waterfall, for Monte Carlo, whose trials only vary what follows. */
export function benchmarkBeforeWithhold(model: ContractModel, year: number, scenario?: Pick<ScenarioTerms, 'riskScore'>): { base: Dec; discounted: Dec } {
    const scratch: Steps = [];
    const base = baseBenchmark(model, year, scratch, scenario);
    return { base, discounted: discountedBenchmark(model, base, scratch) };
}

/** Guards the division r = G / B. */
export function assertPositiveBenchmark(benchmark: Dec, line: number | undefined): void {
    if (!benchmark.greaterThan(0)) {
        throw new SettlementError('The benchmark must be above zero to settle against it.', line);
    }
}
