/**
 * The words a contract's own program uses, so a summary reads like the agreement its signers know:
 * an NHS contract has a commissioner, a provider alliance, a registered population, a budget and
 * pounds; ACO REACH aligns beneficiaries; the MSSP assigns them; a commercial contract has members.
 *
 * Hook: the language has no term naming an NHS contract yet, so `vocabularyOf` recognises one by
 * its currency and parties. When the grammar gains such a term, read it here and nowhere else.
 */
import type { ContractModel } from '../model/contract-model.js';

export interface Vocabulary {
    /** Which family of words: for tests and for choices a word alone cannot make. */
    family: 'mssp' | 'reach' | 'nhs' | 'commercial';
    /** `the ACO`, `the alliance`: the party that earns or owes. */
    aco: string;
    /** The first mention: `the accountable care organization (the ACO)`. */
    acoIntroduced: string;
    /** `the payer`, `the commissioner`. */
    payer: string;
    /** `the benchmark`, `the budget`. */
    benchmark: string;
    /** The population's name: `assigned beneficiaries`, `aligned beneficiaries`, `registered population`, `members`. */
    population: string;
    /** The people counted, plural: `beneficiaries`, `patients`, `members`. */
    people: string;
    /** How they belong to the ACO: `assigned to`, `aligned to`, `registered with`, `attributed to`. */
    joined: string;
    /** `per member` as the contract's readers say it: `per beneficiary`, `per patient`. */
    person: string;
    /** `participating providers`, `partners`. */
    participants: string;
    /** `US dollars`, `pounds`, `euros`. */
    currencyName: string;
    /** `dollar`, `pound`, `euro`: the first unit of savings is shared from. */
    unit: string;
    /** What the contract rounds to: `the cent`, `the whole pound`. */
    roundedTo: string;
}

const CURRENCY: Readonly<Record<string, { name: string; unit: string; minor: string }>> = {
    USD: { name: 'US dollars', unit: 'dollar', minor: 'cent' },
    GBP: { name: 'pounds', unit: 'pound', minor: 'penny' },
    EUR: { name: 'euros', unit: 'euro', minor: 'cent' }
};

const NHS_PARTY = /\bNHS\b|Integrated Care Board|\bICB\b|Foundation Trust/;

/** Whether the contract is an NHS one: pounds, or a party named as an NHS body. */
function isNhs(model: ContractModel): boolean {
    if (model.program) {
        return false;
    }
    const parties = [model.parties.payer, model.parties.aco].filter((p): p is string => p !== undefined);
    return model.currency === 'GBP' || parties.some((party) => NHS_PARTY.test(party));
}

export function vocabularyOf(model: ContractModel): Vocabulary {
    const currency = CURRENCY[model.currency] ?? { name: model.currency, unit: 'unit', minor: 'hundredth' };
    const roundedTo = model.rounding.unit === 'cents' ? `the ${currency.minor}` : `the whole ${currency.unit}`;
    const money = { currencyName: currency.name, unit: currency.unit, roundedTo };
    if (isNhs(model)) {
        return {
            family: 'nhs', aco: 'the alliance', acoIntroduced: 'the provider alliance', payer: 'the commissioner',
            benchmark: 'the budget', population: 'registered population', people: 'patients', joined: 'registered with',
            person: 'per patient', participants: 'partners', ...money
        };
    }
    const acos = {
        aco: 'the ACO', acoIntroduced: 'the accountable care organization (the ACO)', payer: 'the payer', benchmark: 'the benchmark',
        participants: 'participating providers', ...money
    };
    if (model.program?.program === 'REACH') {
        return { family: 'reach', ...acos, population: 'aligned beneficiaries', people: 'beneficiaries', joined: 'aligned to', person: 'per beneficiary' };
    }
    if (model.program?.program === 'MSSP') {
        return { family: 'mssp', ...acos, population: 'assigned beneficiaries', people: 'beneficiaries', joined: 'assigned to', person: 'per beneficiary' };
    }
    return { family: 'commercial', ...acos, population: 'members', people: 'members', joined: 'attributed to', person: 'per member' };
}

/** `The ACO`, `The alliance`: a vocabulary word at the start of a sentence. */
export function capital(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}
