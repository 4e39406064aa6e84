/**
 * The cash ledger of one performance year: every payment stream with its direction and timing.
 * Capitation and care-coordination fees are paid monthly, net of the withhold, which is returned
 * at settlement by quality; a clawback returns a share of a line's payments when its measure
 * misses; advance investment payments arrive up front and quarterly and are recouped from later
 * shared savings (never repaid when there are none); shared savings are paid, or owed losses
 * charged, at settlement, after the payer's sequestration. Every figure comes from the
 * settlement; the ledger only rounds what it adds (a clawback, a recoupment share).
 */
import { Dec, ZERO } from '../decimal.js';
import type { AdvanceInvestmentTerms, CapitationLineTerm, ContractModel, Rounding, ScenarioTerms } from '../model/contract-model.js';
import { moneyText, percentText } from './explain.js';
import { memberMonths } from './benchmark.js';
import { measureMisses } from './measure-misses.js';
import { DEFAULT_ROUNDING, roundMoney } from './rounding.js';
import type { Ledger, LedgerEntry, Settlement } from './settlement-types.js';

const QUARTERS_PER_YEAR = 4;

/** Advance investment paid in performance year `year`: the one-time payment in year 1, then the quarters that fall in it. */
export function advancePaidIn(advance: AdvanceInvestmentTerms | undefined, year: number): { oneTime: Dec; quarterly: Dec; quarters: number } {
    if (!advance) {
        return { oneTime: ZERO, quarterly: ZERO, quarters: 0 };
    }
    const oneTime = year === 1 && advance.oneTime ? advance.oneTime.amount : ZERO;
    const total = advance.quarterly?.quarters ?? 0;
    const quarters = Math.max(0, Math.min(QUARTERS_PER_YEAR, total - (year - 1) * QUARTERS_PER_YEAR));
    const quarterly = advance.quarterly && quarters > 0 ? advance.quarterly.amount.times(quarters) : ZERO;
    return { oneTime, quarterly, quarters };
}

/** Advance investment paid in years 1 … `year`. */
export function advancePaidThrough(advance: AdvanceInvestmentTerms | undefined, year: number): Dec {
    let total = ZERO;
    for (let k = 1; k <= year; k++) {
        const paid = advancePaidIn(advance, k);
        total = total.plus(paid.oneTime).plus(paid.quarterly);
    }
    return total;
}

function capitationName(line: CapitationLineTerm): string {
    return line.service === 'care coordination' ? 'care coordination fee' : 'capitation';
}

/**
 * The ledger of `settlement`'s year. `advanceBefore` is the advance investment not yet recouped
 * before this year's payments (a projection carries it; a lone scenario assumes every earlier
 * payment is still outstanding).
 */
export function yearLedger(
    model: ContractModel,
    scenario: ScenarioTerms,
    settlement: Settlement,
    advanceBefore: Dec,
    rounding: Rounding = model.rounding ?? DEFAULT_ROUNDING
): Ledger {
    const entries: LedgerEntry[] = [];
    const money = (amount: Dec) => moneyText(amount, model.currency);
    const add = (entry: LedgerEntry) => {
        if (!entry.amount.isZero()) {
            entries.push(entry);
        }
    };
    const terms = new Map(model.capitation.lines.map((line) => [line.line, line]));
    for (const paid of settlement.capitation) {
        const term = terms.get(paid.line);
        const name = term ? capitationName(term) : 'capitation';
        const provider = paid.provider !== undefined ? { provider: paid.provider } : {};
        add({ stream: name, ...provider, direction: 'to ACO', timing: 'monthly', amount: paid.paid.minus(paid.withheld), line: paid.line,
            explanation: `${name === 'capitation' ? `Capitation (${paid.service})` : 'Care coordination fee'} ${money(paid.paid)} for the year${paid.withheld.isZero() ? '' : `, less the ${money(paid.withheld)} withheld`}, paid monthly.` });
        add({ stream: 'capitation withhold', ...provider, direction: 'kept by payer', timing: 'monthly', amount: paid.withheld, line: model.capitation.withhold?.line,
            explanation: `Withheld from the ${name} each month: ${money(paid.withheld)} for the year.` });
        add({ stream: 'withhold returned', ...provider, direction: 'to ACO', timing: 'at settlement', amount: paid.returned, line: model.capitation.withhold?.line,
            explanation: `Of the withhold, ${money(paid.returned)} is returned at settlement by the quality score.` });
        const clawback = term?.clawback;
        const measure = clawback ? model.quality.measures.find((candidate) => candidate.id === clawback.measureId) : undefined;
        const result = clawback ? scenario.results.get(clawback.measureId) : undefined;
        if (clawback && measure && result !== undefined && measureMisses(measure, result)) {
            const amount = roundMoney(paid.paid.times(clawback.rate), rounding);
            add({ stream: 'clawback', ...provider, direction: 'to payer', timing: 'at settlement', amount, line: clawback.line,
                explanation: `${measure.id} misses (${percentText(result)} against ${percentText(measure.threshold ?? measure.target ?? ZERO)}), so ${percentText(clawback.rate)} of the ${money(paid.paid)} ${name} is clawed back: ${money(amount)}.` });
        }
    }

    const advance = model.advanceInvestment;
    const paidNow = advancePaidIn(advance, settlement.year);
    add({ stream: 'advance investment', direction: 'to ACO', timing: 'at start', amount: paidNow.oneTime, line: advance?.oneTime?.line,
        explanation: `One-time advance investment payment of ${money(paidNow.oneTime)}.` });
    add({ stream: 'advance investment', direction: 'to ACO', timing: 'quarterly', amount: paidNow.quarterly, line: advance?.quarterly?.line,
        explanation: `${paidNow.quarters} quarterly advance investment payment${paidNow.quarters === 1 ? '' : 's'} of ${money(advance?.quarterly?.amount ?? ZERO)}: ${money(paidNow.quarterly)}.` });
    let balance = advanceBefore.plus(paidNow.oneTime).plus(paidNow.quarterly);

    const bonus = settlement.qualityBonus;
    if (bonus) {
        add({ stream: 'quality bonus', direction: 'to ACO', timing: 'at settlement', amount: bonus, line: model.qualityBonus?.line,
            explanation: `The quality bonus of ${money(bonus)} is paid at settlement.` });
    }
    const attachment = model.population.attachment;
    const mm = memberMonths(model);
    if (attachment?.premium && mm) {
        const premium = roundMoney(attachment.premium.times(mm), rounding);
        add({ stream: 'stop-loss premium', direction: 'to payer', timing: 'monthly', amount: premium, line: attachment.line,
            explanation: `Stop-loss premium ${money(attachment.premium)} per member per month: ${money(premium)} for the year.` });
    }

    // Stop-loss: the payer reimburses the claims above the attachment point (truncation only takes
    // them out of the comparison with the benchmark; the ACO's cash is untouched).
    const excess = scenario.excess;
    if (attachment?.kind === 'stop-loss' && excess) {
        add({ stream: 'stop-loss reimbursement', direction: 'to ACO', timing: 'at settlement', amount: roundMoney(excess.amount, rounding), line: excess.line,
            explanation: `The payer reimburses the ${money(excess.amount)} of claims above the ${money(attachment.amount)} attachment point.` });
    }

    const earned = settlement.earned;
    const block = model.capitation.blockPayment;
    if (block) {
        // The benchmark was paid in advance: the ACO holds B and has spent E, so the settlement
        // reconciles its cash to E + earned: the payer pays the difference, or the ACO returns it.
        const budget = roundMoney(settlement.benchmark, rounding);
        const provider = block.providerId !== undefined ? { provider: block.providerId } : {};
        add({ stream: 'block payment', ...provider, direction: 'to ACO', timing: 'monthly', amount: budget, line: block.line,
            explanation: `The benchmark ${money(budget)} is paid in advance, month by month.` });
        const reconciliation = roundMoney(settlement.expenditure.plus(earned).minus(budget), rounding);
        add({ stream: 'reconciliation', ...provider, direction: reconciliation.isNegative() ? 'to payer' : 'to ACO', timing: 'at settlement', amount: reconciliation.abs(), line: block.line,
            explanation: reconciliation.isNegative()
                ? `Spending ${money(settlement.expenditure)} came in under the ${money(budget)} paid: the ACO returns ${money(reconciliation.abs())}, keeping its ${money(earned)} share.`
                : `Spending ${money(settlement.expenditure)} came in over the ${money(budget)} paid: the payer pays ${money(reconciliation)}, leaving the ACO ${money(earned.abs())} of the loss.` });
    } else if (earned.isPositive()) {
        add({ stream: 'shared savings', direction: 'to ACO', timing: 'at settlement', amount: earned, line: settlement.scenarioLine,
            explanation: `Shared savings of ${money(earned)} are paid at settlement.` });
    } else if (earned.isNegative()) {
        add({ stream: 'owed losses', direction: 'to payer', timing: 'at settlement', amount: earned.abs(), line: settlement.scenarioLine,
            explanation: `Owed losses of ${money(earned.abs())} are paid to the payer at settlement.` });
    }
    if (earned.isPositive()) {
        const sequestered = roundMoney(settlement.sequestered ?? ZERO, rounding);
        add({ stream: 'sequestration', direction: 'kept by payer', timing: 'at settlement', amount: sequestered, line: model.savings.sequestration?.line,
            explanation: `Sequestration keeps ${money(sequestered)} of the shared savings.` });
        if (advance && balance.isPositive()) {
            const available = roundMoney(earned.times(advance.recoupShare), rounding);
            const recouped = Dec.min(balance, available);
            add({ stream: 'advance investment recouped', direction: 'to payer', timing: 'at settlement', amount: recouped, line: advance.recoupLine ?? advance.line,
                explanation: `${money(recouped)} of the ${money(balance)} advance investment outstanding is recouped from the shared savings.` });
            balance = balance.minus(recouped);
        }
    }

    let net = ZERO;
    for (const entry of entries) {
        if (entry.direction === 'to ACO') {
            net = net.plus(entry.amount);
        } else if (entry.direction === 'to payer') {
            net = net.minus(entry.amount);
        }
    }
    return { year: settlement.year, entries, netToAco: net, advanceBalance: balance };
}
