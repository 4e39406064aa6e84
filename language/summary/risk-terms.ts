/**
 * Sentences for the agreement and risk terms beyond the core sharing rules: a premium-based
 * benchmark, stop-loss and truncation, risk adjustment, quality tiers, a sharing-rate floor, a
 * medical loss ratio floor, a loss deadband, a quality bonus pool, care-coordination fees and
 * clawbacks, reconciled capitation, a block payment, advance investment, and different shares of
 * gains and of losses. terms.ts places each where its section is described; every figure is the
 * term as written.
 */
import type { ContractModel, DistributionKey, QualityTier } from '../model/contract-model.js';
import { count, rate, statedMoney } from './figures.js';
import { capital, vocabularyOf } from './vocabulary.js';

/** `40% below a quality score of 50%, 50% from 50% to 75% and 60% from 75%`. */
export function tiersInWords(tiers: readonly QualityTier[]): string {
    const bands = tiers.map((tier) => {
        if (tier.lower.isZero() && tier.upper) {
            return `${rate(tier.share)} below a quality score of ${rate(tier.upper)}`;
        }
        return tier.upper ? `${rate(tier.share)} from ${rate(tier.lower)} to ${rate(tier.upper)}` : `${rate(tier.share)} from ${rate(tier.lower)}`;
    });
    return bands.length <= 1 ? bands.join('') : `${bands.slice(0, -1).join(', ')} and ${bands[bands.length - 1]}`;
}

/** The benchmark's extras: a share of the premium, stop-loss or truncation, risk adjustment. */
export function benchmarkExtras(model: ContractModel): string[] {
    const w = vocabularyOf(model);
    const population = model.population;
    const sentences: string[] = [];
    const ofPremium = population.benchmark?.ofPremium;
    if (ofPremium) {
        sentences.push(`${capital(w.benchmark)} is ${rate(ofPremium.share)} of the premium of ${statedMoney(ofPremium.premium, model)} ${w.person} per month.`);
    }
    const attachment = population.attachment;
    if (attachment) {
        const premium = attachment.premium ? `, for a premium of ${statedMoney(attachment.premium, model)} ${w.person} per month` : '';
        sentences.push(attachment.kind === 'stop-loss'
            ? `Stop-loss covers each person's claims above ${statedMoney(attachment.amount, model)}${premium}: those claims come out of spending.`
            : `Each person's claims above ${statedMoney(attachment.amount, model)} are truncated: the excess comes out of spending.`);
    }
    const risk = population.riskAdjustment;
    if (risk) {
        sentences.push(`${capital(w.benchmark)} is risk adjusted: multiplied by the year's risk score over ${risk.base.toString()}${risk.cap ? `, by at most ${rate(risk.cap)} more` : ''}.`);
    }
    return sentences;
}

/** The savings extras: tiers, a floor on the rate, a medical loss ratio floor, a quality bonus pool. */
export function savingsExtras(model: ContractModel): string[] {
    const w = vocabularyOf(model);
    const terms = model.savings;
    const sentences: string[] = [];
    if (terms.tiers && terms.tiers.length > 0) {
        sentences.push(`The sharing rate is set by the quality score: ${tiersInWords(terms.tiers)}.`);
    }
    if (terms.floor) {
        sentences.push(`The final sharing rate is never below ${rate(terms.floor.rate)}.`);
    }
    if (terms.mlrFloor) {
        sentences.push(`A medical loss ratio floor of ${rate(terms.mlrFloor.rate)}: ${w.aco} keeps at most ${rate(terms.mlrFloor.rate.negated().plus(1))} of ${w.benchmark}, and savings beyond that are refunded to ${w.payer}.`);
    }
    const bonus = model.qualityBonus;
    if (bonus?.pool) {
        const pool = bonus.pool.kind === 'rate' ? `${rate(bonus.pool.rate)} of ${w.benchmark}` : statedMoney(bonus.pool.amount, model);
        sentences.push(`A quality bonus pool of ${pool} is paid beside shared savings, ${bonus.byScore ? 'in proportion to the quality score' : 'in full in a year that meets the quality standard'}.`);
    }
    return sentences;
}

/** The loss extras: tiers and the deadband. */
export function lossExtras(model: ContractModel): string[] {
    const losses = model.losses;
    const sentences: string[] = [];
    if (losses?.tiers && losses.tiers.length > 0) {
        sentences.push(`The loss sharing rate is set by the quality score: ${tiersInWords(losses.tiers)}.`);
    }
    if (losses?.basis === 'above minimum') {
        sentences.push('Only losses beyond the minimum loss rate are shared: the first part of an overspend is a deadband.');
    }
    return sentences;
}

/** The capitation extras: the block payment, clawbacks, reconciled lines, a withhold tied to a measure, advance investment. */
export function capitationExtras(model: ContractModel): string[] {
    const w = vocabularyOf(model);
    const capitation = model.capitation;
    const names = new Map(model.providers.map((p) => [p.id, p.name]));
    const sentences: string[] = [];
    if (capitation.blockPayment) {
        const to = capitation.blockPayment.providerId ? ` to ${names.get(capitation.blockPayment.providerId) ?? capitation.blockPayment.providerId}` : '';
        sentences.push(`${capital(w.benchmark)} is paid in advance as a block payment${to}, and reconciled against spending at settlement.`);
    }
    for (const line of capitation.lines) {
        const what = line.service === 'care coordination' ? 'the care coordination fee' : `the ${line.service} capitation`;
        if (line.clawback) {
            sentences.push(`${rate(line.clawback.rate)} of ${what} is clawed back in a year ${line.clawback.measureId} misses its threshold.`);
        }
        if (line.reconciled) {
            sentences.push(`${capital(what)} is reconciled: it pays in advance for care that spending already counts.`);
        }
    }
    if (capitation.withhold?.measureId) {
        sentences.push(`The withhold is returned in full in a year ${capitation.withhold.measureId} meets its threshold.`);
    }
    const advance = model.advanceInvestment;
    if (advance) {
        const parts: string[] = [];
        if (advance.oneTime) {
            parts.push(`${statedMoney(advance.oneTime.amount, model)} up front`);
        }
        if (advance.quarterly) {
            parts.push(`${statedMoney(advance.quarterly.amount, model)} a quarter for ${count(advance.quarterly.quarters)} quarters`);
        }
        const recoup = advance.recoupShare.equals(1) ? 'from shared savings' : `from ${rate(advance.recoupShare)} of each year's shared savings`;
        sentences.push(`Advance investment payments${parts.length > 0 ? ` of ${parts.join(' and ')}` : ''} are recouped ${recoup}, and never repaid when there are none.`);
    }
    return sentences;
}

const KEYS: Readonly<Record<DistributionKey, string>> = {
    'attributed lives': 'by attributed lives',
    equally: 'equally',
    'fixed shares': 'by fixed shares'
};

/** The distribution extras: a reserve on savings only, different keys or shares for savings and losses. */
export function distributionExtras(model: ContractModel): string[] {
    const w = vocabularyOf(model);
    const distribution = model.distribution;
    const sentences: string[] = [];
    if (distribution?.reserve?.savingsOnly) {
        sentences.push(`The reserve comes off shared savings only: owed losses fall on the ${w.participants} alone.`);
    }
    if (distribution?.savingsKey || distribution?.lossesKey) {
        const savings = distribution.savingsKey ?? distribution.key;
        const losses = distribution.lossesKey ?? distribution.key;
        sentences.push(`Shared savings are divided ${savings ? KEYS[savings] : 'as above'}, owed losses ${losses ? KEYS[losses] : 'as above'}.`);
    }
    const sided = model.providers.filter((p) => p.shareOfSavings !== undefined || p.shareOfLosses !== undefined);
    if (sided.length > 0) {
        sentences.push(`Some ${w.participants} take different shares of savings and of losses (the providers table lists both).`);
    }
    return sentences;
}
