/**
 * Steps 5 and 6 of SETTLEMENT.md: the expenditure E, and gross savings G = B − E with the
 * savings rate r = G / B.
 */
import { ONE, type Dec } from '../decimal.js';
import type { ContractModel, ScenarioTerms } from '../model/contract-model.js';
import { memberMonths } from './benchmark.js';
import { expenditureByType } from './built-benchmark.js';
import { SettlementError } from './errors.js';
import { countText, moneyText, percentText } from './explain.js';
import { addStep, type Steps } from './waterfall.js';

/** E from the scenario's expenditure line: per member per month × MM, a total, or `savings P%` (B × (1 − P)). */
export function expenditure(model: ContractModel, scenario: ScenarioTerms, benchmark: Dec, steps: Steps): Dec {
    const term = scenario.expenditure;
    if (!term) {
        throw new SettlementError(`Scenario "${scenario.name}" has no expenditure line.`, scenario.line);
    }
    const currency = model.currency;
    let amount: Dec;
    let text: () => string;
    switch (term.kind) {
        case 'total':
            amount = term.amount;
            text = () => `Expenditure ${moneyText(term.amount, currency)} total.`;
            break;
        case 'per member per month': {
            const mm = memberMonths(model);
            if (!mm) {
                throw new SettlementError(
                    'Expenditure per member per month needs assigned beneficiaries or member months.',
                    term.line
                );
            }
            const spent = term.amount.times(mm);
            amount = spent;
            text = () => `Expenditure ${moneyText(term.amount, currency)} per member per month × ${countText(mm)} member months = ${moneyText(spent, currency)}.`;
            break;
        }
        case 'by enrollment type': {
            const byType = expenditureByType(model, term.amounts, term.line);
            amount = byType.total;
            text = () => `Expenditure ${moneyText(byType.perCapita, currency)} per capita (the enrollment types weighted by their performance-year shares) × ${countText(byType.personYears)} person years = ${moneyText(byType.total, currency)}.`;
            break;
        }
        case 'savings': {
            const fromSavings = benchmark.times(ONE.minus(term.rate));
            amount = fromSavings;
            text = () => `Savings ${percentText(term.rate)} of the benchmark: expenditure ${moneyText(fromSavings, currency)}.`;
            break;
        }
    }
    addStep(steps, 'expenditure', text, term.line, { amount });
    return withoutExcess(model, scenario, amount, steps);
}

/** High-cost claimants: the claims above the attachment point come out of expenditure. */
function withoutExcess(model: ContractModel, scenario: ScenarioTerms, spent: Dec, steps: Steps): Dec {
    const attachment = model.population.attachment;
    const excess = scenario.excess;
    if (!attachment || !excess) {
        return spent;
    }
    const net = spent.minus(excess.amount);
    const how = attachment.kind === 'truncation' ? 'truncated' : 'reimbursed under stop-loss';
    addStep(
        steps,
        'attachment point',
        () => `Claims above the ${moneyText(attachment.amount, model.currency)} attachment point per member, ${moneyText(excess.amount, model.currency)} in all, are ${how}: expenditure ${moneyText(net, model.currency)}.`,
        excess.line,
        { amount: net }
    );
    return net;
}

/** G and r, with their step. */
export function grossSavings(
    model: ContractModel,
    benchmark: Dec,
    spent: Dec,
    steps: Steps,
    line: number | undefined
): { gross: Dec; rate: Dec } {
    const gross = benchmark.minus(spent);
    const rate = gross.dividedBy(benchmark);
    const currency = model.currency;
    const what = gross.isNegative() ? 'Gross loss' : 'Gross savings';
    addStep(
        steps,
        'gross savings',
        () => `${what} ${moneyText(gross.abs(), currency)} = benchmark ${moneyText(benchmark, currency)} − expenditure ${moneyText(spent, currency)}, ${percentText(rate.abs())} of the benchmark.`,
        line,
        { amount: gross, rate }
    );
    return { gross, rate };
}
