/**
 * The contract's terms in plain English, one sentence per term, generated from the model's values
 * (and, where a figure depends on the rules, from a settlement the engine produced), so no
 * sentence can contradict the engine.
 */
import type { Dec } from '../decimal.js';
import type {
    CapitationLineTerm, ContractModel, Corridor, DistributionKey, LossTerms, MeasureTerm, ProgramPreset, ProviderRole
} from '../model/contract-model.js';
import { memberMonths } from '../settlement/index.js';
import { count, dateInWords, money, rate, statedMoney } from './figures.js';
import type { MinimumRates } from './probe.js';
import { benchmarkExtras, capitationExtras, distributionExtras, lossExtras, savingsExtras } from './risk-terms.js';
import { capital, vocabularyOf, type Vocabulary } from './vocabulary.js';

/** Whether the contract shares savings at all: a rate, corridors or quality tiers. */
export function sharesSavings(model: ContractModel): boolean {
    return model.savings.sharing !== undefined || (model.savings.tiers?.length ?? 0) > 0;
}

/** `MSSP ENHANCED track, performance year 2024` in words. */
export function programInWords(program: ProgramPreset): string {
    if (program.program === 'REACH') {
        const option = program.option === 'global' ? 'Global' : 'Professional';
        return `ACO REACH, ${option} risk option, performance year ${program.year}`;
    }
    const track = program.track.startsWith('BASIC')
        ? `BASIC track, level ${program.track.slice(6)}`
        : program.track === 'ENHANCED' ? 'ENHANCED track' : `Track ${program.track}`;
    return `the Medicare Shared Savings Program (MSSP), ${track}, performance year ${program.year}`;
}

/** Sentences saying what the contract is: parties, program, term, population, benchmark, money. */
export function contractSentences(model: ContractModel, yearOneBenchmark: Dec | undefined): string[] {
    const w = vocabularyOf(model);
    const sentences: string[] = [];
    const { payer, aco } = model.parties;
    if (payer && aco) {
        sentences.push(`This contract is between ${payer}, ${w.payer}, and ${aco}, ${w.acoIntroduced}.`);
    } else if (payer) {
        sentences.push(`${capital(w.payer)} under this contract is ${payer}.`);
    } else if (aco) {
        sentences.push(`${capital(w.acoIntroduced)} under this contract is ${aco}.`);
    }
    if (model.program) {
        sentences.push(`It follows ${programInWords(model.program)}: the program's published rules supply every financial term the contract does not write out.`);
    }
    const { start, end, months } = model.term;
    const period = `performance years of ${months} month${months === 1 ? '' : 's'}`;
    if (start && end) {
        sentences.push(`It runs from ${dateInWords(start)} to ${dateInWords(end)}, settled in ${period}.`);
    } else if (start) {
        sentences.push(`It starts on ${dateInWords(start)} and is settled in ${period}.`);
    } else {
        sentences.push(`It is settled in ${period}.`);
    }

    const population = model.population;
    if (population.beneficiaries) {
        const attribution = population.attribution ? ` by ${population.attribution} attribution` : '';
        const minimum = population.minimumBeneficiaries
            ? `; the contract requires at least ${count(population.minimumBeneficiaries)}`
            : '';
        sentences.push(populationSentence(model, population.beneficiaries, attribution, minimum));
    }
    const benchmark = population.benchmark;
    const measured = `${capital(w.benchmark)}, the spending ${w.aco} is measured against,`;
    if (benchmark) {
        const stated = `${statedMoney(benchmark.amount, model)}${benchmark.basis === 'total' ? ' in total' : ` ${basisInWords(model, benchmark.basis)}`}`;
        const mm = memberMonths(model);
        const year = yearOneBenchmark && benchmark.basis !== 'total'
            ? `: ${money(yearOneBenchmark, model)} for a performance year${mm ? ` of ${count(mm)} member months` : ''}`
            : '';
        sentences.push(`${measured} is ${stated}${year}.`);
    }
    const built = population.builtBenchmark;
    if (built && !benchmark) {
        const year = yearOneBenchmark ? `: ${money(yearOneBenchmark, model)} for a performance year` : '';
        sentences.push(built.kind === 'mssp'
            ? `${measured} is built from its parts by CMS's method: base-year costs by Medicare enrollment type, trended and risk-adjusted, with the regional adjustment, the capped risk ratio and the update factor, weighted by person years${year}.`
            : `${measured} is built from a base cost of ${statedMoney(built.baseCost, model)} ${basisInWords(model, 'per member per month')}${built.trend ? `, trended ${rate(built.trend.rate)} a year for ${built.trend.years} year${built.trend.years === 1 ? '' : 's'}` : ''}${built.risk ? `, times the risk score ratio ${built.risk.score.toString()} / ${built.risk.base.toString()}${built.risk.cap ? ` (capped at ${rate(built.risk.cap)} above 1)` : ''}` : ''}${year}.`);
    }
    sentences.push(...benchmarkExtras(model));
    if (population.trend) {
        sentences.push(`${capital(w.benchmark)} grows by ${rate(population.trend.rate)} a year from the second performance year on.`);
    }
    if (population.discount) {
        sentences.push(`A discount of ${rate(population.discount.rate)} comes off ${w.benchmark}${fromPreset(population.discount.fromPreset)}.`);
    }
    const withhold = model.savings.qualityWithhold;
    if (withhold) {
        sentences.push(`${rate(withhold.rate)} of ${w.benchmark} is withheld and earned back in proportion to the quality score${inAYearMeetingStandard(model)}${fromPreset(withhold.fromPreset)}.`);
    }
    const equity = population.healthEquityAdjustment;
    if (equity) {
        const amount = `${statedMoney(equity.amount.abs(), model)}${equity.basis === 'total' ? '' : ` ${basisInWords(model, 'per member per month')}`}`;
        sentences.push(`A health equity benchmark adjustment ${equity.amount.isNegative() ? `takes ${amount} off` : `adds ${amount} to`} ${w.benchmark} after the withhold; savings are measured on the adjusted benchmark.`);
    }
    if (population.revenueCategory) {
        sentences.push(`${capital(w.aco)} is ${population.revenueCategory.category === 'low' ? 'low' : 'high'}-revenue: its participants' revenue is ${population.revenueCategory.category === 'low' ? 'below' : 'above'} 35% of ${w.benchmark}.`);
    }
    sentences.push(`Amounts are in ${w.currencyName}, rounded ${model.rounding.mode} to ${w.roundedTo}.`);
    return sentences;
}

/** `18,640 beneficiaries are assigned to the ACO by prospective attribution`, or an NHS registered population. */
function populationSentence(model: ContractModel, people: Dec, attribution: string, minimum: string): string {
    const w = vocabularyOf(model);
    if (w.family === 'nhs') {
        const counted = model.population.attribution ? `, counted ${model.population.attribution}ly` : '';
        return `The registered population is ${count(people)} ${w.people}${counted}${minimum}.`;
    }
    return `${count(people)} ${w.people} are ${w.joined} ${w.aco}${attribution}${minimum}.`;
}

/** `per member per month` in the contract's words: `per beneficiary per month`, `per patient per year`. */
export function basisInWords(model: ContractModel, basis: 'per member per month' | 'per member per year'): string {
    return `${vocabularyOf(model).person} ${basis === 'per member per month' ? 'per month' : 'per year'}`;
}

/** The standard's condition on an earn-back, when the contract has a standard. */
function inAYearMeetingStandard(model: ContractModel): string {
    return model.quality.standard ? ' in a year that meets the quality standard' : '';
}

function fromPreset(preset: boolean | undefined): string {
    return preset ? ' (a program rule)' : '';
}

/** `100% of savings up to 25% of the benchmark, 50% from 25% to 35%, … and 10% over 50%`. */
export function corridorsInWords(corridors: readonly Corridor[], what: 'savings' | 'losses', w: Pick<Vocabulary, 'benchmark'> = { benchmark: 'the benchmark' }): string {
    const bands = corridors.map((corridor, index) => {
        const share = index === 0 ? `${rate(corridor.share)} of ${what}` : rate(corridor.share);
        const ofBenchmark = index === 0 ? ` of ${w.benchmark}` : '';
        if (corridor.upper === undefined) {
            return `${share} over ${rate(corridor.lower)}${ofBenchmark}`;
        }
        if (corridor.lower.isZero()) {
            return `${share} up to ${rate(corridor.upper)}${ofBenchmark}`;
        }
        return `${share} from ${rate(corridor.lower)} to ${rate(corridor.upper)}${ofBenchmark}`;
    });
    return listInWords(bands);
}

/** The minimum rate as a clause: `once savings reach 2% of the benchmark`. */
function minimumClause(what: 'savings' | 'losses', minimum: Dec | undefined, variable: boolean, model: ContractModel): string {
    const w = vocabularyOf(model);
    if (minimum === undefined || minimum.isZero()) {
        return `from the first ${w.unit} of ${what}`;
    }
    const table = variable && model.population.beneficiaries
        ? ` (the MSSP variable minimum ${what === 'savings' ? 'savings' : 'loss'} rate for ${count(model.population.beneficiaries)} assigned beneficiaries)`
        : '';
    return `once ${what} reach ${rate(minimum)} of ${w.benchmark}${table}`;
}

/** Sentences for the shared savings terms. */
export function savingsSentences(model: ContractModel, minimums: MinimumRates): string[] {
    const w = vocabularyOf(model);
    const terms = model.savings;
    const sharing = terms.sharing;
    if (!sharing && !sharesSavings(model)) {
        return [`The contract shares no savings with ${w.aco}.`];
    }
    const sentences: string[] = [];
    const variable = terms.minimumRate?.kind === 'variable';
    const minimum = minimumClause('savings', minimums.savings, variable, model);
    const cap = terms.cap ? `no more than ${rate(terms.cap.rate)} of ${w.benchmark}` : 'there is no cap';
    const quality = terms.qualityAdjustment === 'scaled'
        ? ', scaled by its quality score,'
        : terms.qualityAdjustment === 'gate' && model.quality.standard ? ', in full when the quality standard is met,' : '';
    if (!sharing) {
        sentences.push(`${capital(w.aco)} keeps a share of savings set by its quality score, ${minimum}; ${cap}.`);
    } else if (sharing.kind === 'rate') {
        sentences.push(`${capital(w.aco)} keeps ${rate(sharing.rate)} of savings${quality} ${minimum}; ${cap}.`);
    } else {
        const bands = corridorsInWords(sharing.corridors, 'savings', w);
        sentences.push(`${capital(w.aco)} keeps ${bands}${quality ? `${quality.slice(0, -1)},` : ','} ${minimum}; ${cap}.`);
    }
    if (terms.basis === 'above minimum' && minimums.savings && !minimums.savings.isZero()) {
        sentences.push(`Only the savings above the minimum savings rate are shared, not the savings below it.`);
    }
    if (terms.sequestration) {
        sentences.push(terms.sequestration.rate.isZero()
            ? 'No sequestration applies to shared savings.'
            : `Sequestration takes ${rate(terms.sequestration.rate)} of shared savings, before the cap.`);
    }
    if (terms.halfRateBelowMinimum) {
        const why = terms.halfRateBelowMinimum.because ? `, as the program provides for ${terms.halfRateBelowMinimum.because}` : '';
        sentences.push(`Savings below the minimum savings rate are still shared, from the first ${w.unit}, at half the rate${why}.`);
    }
    const alternative = model.quality.alternativeStandard;
    if (model.quality.standard) {
        const missed = `a year whose quality score is below the ${rate(model.quality.standard.rate)} quality standard`;
        if (alternative) {
            sentences.push(`In ${missed}, savings are shared only if ${w.aco} meets the alternative quality standard${fromPreset(alternative.fromPreset)}, and then on a sliding scale: the sharing rate × the quality score.`);
        } else if (terms.qualityAdjustment !== 'gate') {
            sentences.push(`No savings are shared in ${missed}.`);
        }
    }
    sentences.push(...savingsExtras(model));
    return sentences;
}

function lossCapClause(losses: LossTerms, model: ContractModel): string {
    const w = vocabularyOf(model);
    const benchmarkCap = losses.cap ? `${rate(losses.cap.rate)} of ${w.benchmark}` : undefined;
    const revenueCap = losses.revenueCap && losses.participantRevenue
        ? `${rate(losses.revenueCap.rate)} of participant revenue (${statedMoney(losses.participantRevenue, model)})`
        : undefined;
    if (benchmarkCap && revenueCap) {
        return `no more than ${benchmarkCap} or ${revenueCap}, whichever is smaller`;
    }
    const only = benchmarkCap ?? revenueCap;
    return only ? `no more than ${only}` : 'there is no cap';
}

/** Sentences for the shared losses terms (or the one-sided statement). */
export function lossSentences(model: ContractModel, minimums: MinimumRates): string[] {
    const w = vocabularyOf(model);
    const losses = model.losses;
    if (!losses) {
        return [`The contract is one-sided: when spending exceeds ${w.benchmark}, ${w.aco} owes nothing.`];
    }
    const sharing = losses.sharing;
    if (!sharing && !(losses.tiers?.length)) {
        return [`The contract has a shared losses section but no loss sharing rate, so ${w.aco} owes nothing.`];
    }
    const variable = (losses.minimumRate ?? model.savings.minimumRate)?.kind === 'variable';
    const minimum = minimumClause('losses', minimums.losses, variable, model);
    const cap = lossCapClause(losses, model);
    const sentences: string[] = [];
    if (!sharing) {
        sentences.push(`${capital(w.aco)} owes a share of losses set by its quality score, ${minimum}; ${cap}.`);
    } else if (sharing.kind === 'rate') {
        sentences.push(`${capital(w.aco)} owes ${rate(sharing.rate)} of losses ${minimum}; ${cap}.`);
    } else if (sharing.kind === 'complement') {
        const savingsRate = model.savings.sharing?.kind === 'rate' ? rate(model.savings.sharing.rate) : 'the savings sharing rate';
        const quality = model.savings.qualityAdjustment === 'none'
            ? `1 − ${savingsRate} (quality does not count)`
            : `1 − ${savingsRate} × its quality score`;
        sentences.push(`${capital(w.aco)} owes a share of losses of ${quality}, kept between ${rate(sharing.floor)} and ${rate(sharing.ceiling)}, ${minimum}; ${cap}.`);
        if (model.savings.qualityAdjustment !== 'none') {
            const alternative = model.quality.alternativeStandard ? ' (and the alternative standard)' : '';
            sentences.push(`In a year that misses the quality standard${alternative}, the quality score counts as zero, so ${w.aco} owes ${rate(sharing.ceiling)} of losses.`);
        }
    } else {
        sentences.push(`${capital(w.aco)} owes ${corridorsInWords(sharing.corridors, 'losses', w)}, ${minimum}; ${cap}.`);
    }
    sentences.push(...lossExtras(model));
    return sentences;
}

/** The terms the `program` preset supplied, by name, for one closing sentence. */
export function presetSuppliedTerms(model: ContractModel): string[] {
    const names: string[] = [];
    const savings = model.savings;
    const add = (term: { fromPreset?: boolean } | undefined, name: string) => {
        if (term?.fromPreset) {
            names.push(name);
        }
    };
    add(savings.minimumRate, 'the minimum savings rate');
    add(savings.sharing, savings.sharing?.kind === 'corridors' ? 'the savings corridors' : 'the sharing rate');
    add(savings.cap, 'the savings cap');
    add(savings.sequestration, 'sequestration');
    add(savings.qualityWithhold, 'the quality withhold');
    add(savings.halfRateBelowMinimum, 'the half rate below the minimum savings rate');
    add(model.quality.alternativeStandard, 'the alternative quality standard');
    add(model.population.discount, 'the discount');
    const losses = model.losses;
    if (losses) {
        add(losses.minimumRate, 'the minimum loss rate');
        add(losses.sharing, losses.sharing?.kind === 'corridors' ? 'the loss corridors' : 'the loss sharing rate');
        add(losses.cap, 'the loss cap');
        add(losses.revenueCap, 'the revenue-based loss cap');
    }
    return names;
}

export function listInWords(items: readonly string[]): string {
    return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

const ROLE_WORDS: Readonly<Record<ProviderRole, string>> = {
    'primary care': 'primary care',
    specialist: 'specialist',
    hospital: 'hospital',
    other: 'other'
};

export function roleInWords(role: ProviderRole | undefined): string {
    return role ? ROLE_WORDS[role] : '';
}

/** One sentence per capitation line, and one for the withhold. */
export function capitationSentences(model: ContractModel): string[] {
    const capitation = model.capitation;
    const providers = new Map(model.providers.map((p) => [p.id, p]));
    const sentences = capitation.lines.map((line: CapitationLineTerm) => {
        const amount = `${statedMoney(line.rate, model)} ${basisInWords(model, 'per member per month')} for ${line.service}`;
        if (line.providerId) {
            const provider = providers.get(line.providerId);
            const who = provider ? `${provider.name} (${provider.id})` : line.providerId;
            const lives = provider?.attributed ? `, for each of its ${count(provider.attributed)} attributed lives` : '';
            return `${who} is paid ${amount}${lives}.`;
        }
        return `Capitation of ${amount} is paid for every member month.`;
    });
    if (capitation.withhold) {
        sentences.push(`${rate(capitation.withhold.rate)} of each capitation payment is withheld and returned in proportion to the quality score${inAYearMeetingStandard(model)}.`);
    }
    sentences.push(...capitationExtras(model));
    return sentences;
}

const KEY_WORDS: Readonly<Record<DistributionKey, string>> = {
    'attributed lives': 'in proportion to their attributed lives',
    equally: 'in equal parts',
    'fixed shares': 'in the fixed shares of the providers table'
};

/** How the pool is divided among providers. */
export function distributionSentences(model: ContractModel): string[] {
    const w = vocabularyOf(model);
    const distribution = model.distribution;
    if (!distribution) {
        return model.providers.length > 0
            ? [`The contract does not say how what ${w.aco} earns or owes is divided among the ${w.participants}.`]
            : [];
    }
    const sentences: string[] = [];
    const key = distribution.key ? KEY_WORDS[distribution.key] : 'by a key the contract does not state';
    if (distribution.reserve && !distribution.reserve.rate.isZero()) {
        sentences.push(`Of what ${w.aco} earns, ${rate(distribution.reserve.rate)} goes to a reserve for infrastructure and the rest is divided among the ${w.participants} ${key}, to ${w.roundedTo}.`);
        sentences.push(`Owed losses are divided the same way: the reserve bears ${rate(distribution.reserve.rate)} and the ${w.participants} the rest.`);
    } else {
        sentences.push(`What ${w.aco} earns is divided among the ${w.participants} ${key}, to ${w.roundedTo}; owed losses are divided the same way.`);
    }
    sentences.push(...distributionExtras(model));
    return sentences;
}

/** The quality standard and how the score is made. */
export function qualitySentences(model: ContractModel): string[] {
    const quality = model.quality;
    const sentences: string[] = [];
    if (quality.standard) {
        sentences.push(`The quality standard is a quality score of at least ${rate(quality.standard.rate)}.`);
    }
    if (quality.measures.length > 0) {
        const withThreshold = quality.measures.some((m) => m.threshold !== undefined);
        const withoutThreshold = quality.measures.some((m) => m.threshold === undefined);
        if (withThreshold) {
            sentences.push('A measure earns no credit at its threshold, full credit at its target, and credit in proportion in between.');
        }
        if (withoutThreshold) {
            sentences.push('A measure without a threshold earns full credit when it meets its target and none otherwise.');
        }
        sentences.push(`The quality score is the weighted average of the ${quality.measures.length} measures' credits.`);
    } else {
        sentences.push('The contract lists no quality measures: each scenario states its quality score.');
    }
    return sentences;
}

export function directionInWords(measure: MeasureTerm): string {
    return measure.lowerIsBetter ? 'lower is better' : 'higher is better';
}
