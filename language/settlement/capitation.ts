/**
 * Step 10 of SETTLEMENT.md: capitation, reported beside the settlement (not inside G). Each line
 * pays rate × MM, or with `paid to ID` rate × attributed(ID) × M; a withhold keeps P of it back
 * and returns withheld × Q when the quality standard is met. Each figure is rounded and computed
 * from the rounded figure before it, as a payer's ledger would: the withhold is a share of the
 * amount actually paid, the return a share of the amount actually withheld.
 */
import { Dec, ZERO } from '../decimal.js';
import type { CapitationLineTerm, ContractModel, Rounding, ScenarioTerms } from '../model/contract-model.js';
import { measureMisses } from './measure-misses.js';
import { memberMonths } from './benchmark.js';
import { SettlementError } from './errors.js';
import { countText, moneyText, percentText } from './explain.js';
import { roundMoney } from './rounding.js';
import type { CapitationResult } from './settlement-types.js';
import { addStep, type Steps } from './waterfall.js';

/** The unrounded amount a capitation line pays in the performance year, with how it was formed. */
function lineAmount(model: ContractModel, line: CapitationLineTerm): { amount: Dec; basis: string } {
    if (line.providerId !== undefined) {
        const provider = model.providers.find((candidate) => candidate.id === line.providerId);
        if (!provider) {
            throw new SettlementError(`Capitation is paid to ${line.providerId}, which is not a provider of the contract.`, line.line);
        }
        if (!provider.attributed) {
            throw new SettlementError(`Capitation paid to ${provider.id} needs its attributed lives.`, line.line);
        }
        const months = model.term.months;
        return {
            amount: line.rate.times(provider.attributed).times(months),
            basis: `${countText(provider.attributed)} attributed × ${months} months to ${provider.id}`
        };
    }
    const mm = memberMonths(model);
    if (!mm) {
        throw new SettlementError('Capitation per member per month needs assigned beneficiaries or member months.', line.line);
    }
    return { amount: line.rate.times(mm), basis: `${countText(mm)} member months` };
}

export function settleCapitation(
    model: ContractModel,
    scenario: Pick<ScenarioTerms, 'results'>,
    quality: Dec,
    standardMet: boolean,
    rounding: Rounding,
    steps: Steps
): CapitationResult[] {
    const withhold = model.capitation.withhold;
    const currency = model.currency;
    const measure = withhold?.measureId ? model.quality.measures.find((candidate) => candidate.id === withhold.measureId) : undefined;
    const result = measure ? scenario.results.get(measure.id) : undefined;
    // A measure-based withhold needs the measure's result; without one it is not earned back.
    const measureMet = withhold?.measureId === undefined ? undefined : measure !== undefined && result !== undefined && !measureMisses(measure, result);
    // Past a dozen lines the waterfall gets one summary step; every line's figures stay in the result.
    const listed = model.capitation.lines.length <= STEPS_PER_LINE_LIMIT;
    const results = model.capitation.lines.map((line) => {
        const { amount, basis } = lineAmount(model, line);
        const paid = roundMoney(amount, rounding);
        const withheld = withhold ? roundMoney(paid.times(withhold.rate), rounding) : ZERO;
        // Earned back by the quality score, or in full when the named measure meets its threshold.
        const returned = !withhold ? ZERO
            : measureMet !== undefined ? (measureMet ? withheld : ZERO)
                : standardMet ? roundMoney(withheld.times(quality), rounding) : ZERO;
        const result: CapitationResult = { service: line.service, paid, withheld, returned, line: line.line };
        if (line.providerId !== undefined) {
            result.provider = line.providerId;
        }
        if (!listed) {
            return result;
        }
        let text = `${capitalize(line.service)} ${moneyText(line.rate, currency)} per member per month × ${basis} = ${moneyText(paid, currency)}`;
        if (withhold && measureMet !== undefined) {
            text += `; withhold ${percentText(withhold.rate)} keeps back ${moneyText(withheld, currency)}, ${measureMet ? 'returned in full' : 'none returned'} because ${withhold.measureId} ${measureMet ? 'meets' : 'misses'} its threshold`;
        } else if (withhold) {
            text += standardMet
                ? `; withhold ${percentText(withhold.rate)} keeps back ${moneyText(withheld, currency)}, of which ${moneyText(returned, currency)} is returned (× quality score ${percentText(quality)})`
                : `; withhold ${percentText(withhold.rate)} keeps back ${moneyText(withheld, currency)}, none returned because the quality standard is not met`;
        }
        addStep(steps, 'capitation', () => `${text}.`, line.line, { amount: paid });
        return result;
    });
    if (!listed && results.length > 0) {
        const sum = (pick: (r: CapitationResult) => Dec): Dec => results.reduce((total, r) => total.plus(pick(r)), ZERO);
        addStep(steps, 'capitation',
            () => `${countText(new Dec(results.length))} capitation lines pay ${moneyText(sum(r => r.paid), currency)} in all; ${moneyText(sum(r => r.withheld), currency)} withheld, ${moneyText(sum(r => r.returned), currency)} returned.`,
            results[0].line, { amount: sum(r => r.paid) });
    }
    return results;
}

/** Up to this many capitation lines, each is its own waterfall step. */
export const STEPS_PER_LINE_LIMIT = 12;

function capitalize(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}
