/**
 * Terms that can never pay anything, terms that change nothing, terms a `program` does not
 * provide for, and terms placed in a section where they mean something else: a contract that
 * triggers each (code, severity, message, the text underlined) and one that does not.
 */
import { describe, expect, test } from 'vitest';
import { check, listed } from './diagnostics-and-fixes.js';

const contract = (body: string): string => `contract "E" {\n${body}\n}\n`;
const POPULATION = 'population { assigned beneficiaries 12,000 benchmark $1,000 per member per month }';
const savings = (lines: string): string => `shared savings { minimum savings rate 3% ${lines} }`;
const SCENARIO = 'scenario "Year" { savings 4% quality score 80% }';

interface Case {
    rule: string;
    code: string;
    severity: 'error' | 'warning';
    bad: string;
    good: string;
    message: RegExp;
    at: string;
}

const cases: Case[] = [
    // Sections that can never pay
    {
        rule: 'a savings section without a sharing rate', code: 'never-pays', severity: 'warning',
        bad: contract(`${POPULATION}\n${savings('cap 10% of benchmark')}\n${SCENARIO}`), good: contract(`${POPULATION}\n${savings('sharing rate 50% cap 10% of benchmark')}\n${SCENARIO}`),
        message: /The shared savings section gives no sharing rate or corridors, so it never pays the ACO anything/, at: 'shared'
    },
    {
        rule: 'a savings section whose rate is set by quality tiers', code: 'never-pays', severity: 'warning',
        bad: contract(`${POPULATION}\n${savings('cap 10% of benchmark')}\n${SCENARIO}`),
        good: contract(`${POPULATION}\n${savings('quality tier up to 50% share 20% quality tier from 50% share 50% cap 10% of benchmark')}\n${SCENARIO}`),
        message: /gives no sharing rate or corridors/, at: 'shared'
    },
    {
        rule: 'a 0% savings sharing rate', code: 'never-pays', severity: 'warning',
        bad: contract(`${POPULATION}\n${savings('sharing rate 0%')}\n${SCENARIO}`), good: contract(`${POPULATION}\n${savings('sharing rate 50%')}\n${SCENARIO}`),
        message: /A savings sharing rate of 0% means the shared savings section never pays the ACO anything/, at: '0%'
    },
    {
        rule: 'corridors that all share 0%', code: 'never-pays', severity: 'warning',
        bad: contract(`${POPULATION}\nshared savings { corridor up to 5% share 0% corridor over 5% share 0% }\n${SCENARIO}`),
        good: contract(`${POPULATION}\nshared savings { corridor up to 5% share 0% corridor over 5% share 50% }\n${SCENARIO}`),
        message: /Every savings corridor shares 0%/, at: 'corridor up to 5% share 0%'
    },
    {
        rule: 'a loss cap of 0%', code: 'never-pays', severity: 'warning',
        bad: contract(`${POPULATION}\n${savings('sharing rate 50% cap 10% of benchmark')}\nshared losses { sharing rate 30% cap 0% of benchmark }\n${SCENARIO}`),
        good: contract(`${POPULATION}\n${savings('sharing rate 50% cap 10% of benchmark')}\nshared losses { sharing rate 30% cap 5% of benchmark }\n${SCENARIO}`),
        message: /A cap of 0% of the benchmark means the shared losses section never makes the ACO owe anything/, at: '0%'
    },
    {
        rule: 'a minimum savings rate of 100%', code: 'never-pays', severity: 'warning',
        bad: contract(`${POPULATION}\nshared savings { minimum savings rate 100% sharing rate 50% }\n${SCENARIO}`),
        good: contract(`${POPULATION}\nshared savings { minimum savings rate 3% sharing rate 50% }\n${SCENARIO}`),
        message: /A minimum savings rate of 100% is reached only when nothing at all is spent/, at: '100%'
    },
    {
        rule: 'a reserve of 100%', code: 'never-pays', severity: 'warning',
        bad: contract(`${POPULATION}\n${savings('sharing rate 50%')}\ndistribution { reserve 100% for infrastructure remainder equally }`),
        good: contract(`${POPULATION}\n${savings('sharing rate 50%')}\ndistribution { reserve 25% for infrastructure remainder equally }`),
        message: /A reserve of 100% keeps the whole pool for infrastructure: the providers never receive anything/, at: '100%'
    },
    {
        rule: 'a capitation line of $0', code: 'never-pays', severity: 'warning',
        bad: contract(`${POPULATION}\ncapitation { primary care $0 per member per month }`), good: contract(`${POPULATION}\ncapitation { primary care $40 per member per month }`),
        message: /This capitation line pays \$0 per member per month/, at: '$0'
    },
    // Terms that change nothing
    {
        rule: 'participant revenue without a cap of revenue', code: 'no-effect', severity: 'warning',
        bad: contract(`${POPULATION}\n${savings('sharing rate 50% cap 10% of benchmark')}\nshared losses { sharing rate 30% cap 5% of benchmark participant revenue $20,000,000 }`),
        good: contract(`${POPULATION}\n${savings('sharing rate 50% cap 10% of benchmark')}\nshared losses { sharing rate 30% cap 5% of benchmark participant revenue $20,000,000 cap 8% of revenue }`),
        message: /Participant revenue is used only by a loss cap of revenue/, at: 'participant revenue $20,000,000'
    },
    {
        rule: 'a cap of revenue without participant revenue', code: 'no-effect', severity: 'warning',
        bad: contract(`${POPULATION}\n${savings('sharing rate 50% cap 10% of benchmark')}\nshared losses { sharing rate 30% cap 5% of benchmark cap 8% of revenue }`),
        good: contract(`${POPULATION}\n${savings('sharing rate 50% cap 10% of benchmark')}\nshared losses { sharing rate 30% cap 5% of benchmark cap 8% of revenue participant revenue $20,000,000 }`),
        message: /A cap of revenue needs `participant revenue MONEY`/, at: 'cap 8% of revenue'
    },
    {
        rule: 'losses forgiven in a one-sided contract', code: 'no-effect', severity: 'warning',
        bad: contract(`${POPULATION}\n${savings('sharing rate 50%')}\nscenario "Year" { savings -4% quality score 80% losses forgiven 100% }`),
        good: contract(`${POPULATION}\n${savings('sharing rate 50%')}\nshared losses { sharing rate 30% cap 5% of benchmark }\nscenario "Year" { savings -4% quality score 80% losses forgiven 100% }`),
        message: /The contract shares no losses .* so this line changes nothing/, at: 'losses forgiven 100%'
    },
    {
        rule: 'an alternative standard without a standard', code: 'no-effect', severity: 'warning',
        bad: contract(`${POPULATION}\n${savings('sharing rate 50%')}\nquality { alternative standard scaled }`),
        good: contract(`${POPULATION}\n${savings('sharing rate 50%')}\nquality { standard 40% alternative standard scaled }`),
        message: /Without a `standard`, the quality standard is always met, so the alternative standard never applies/, at: 'alternative standard scaled'
    },
    {
        rule: 'sharing above a minimum that is not there', code: 'no-effect', severity: 'warning',
        bad: contract(`${POPULATION}\nshared savings { sharing rate 50% sharing basis above minimum }`),
        good: contract(`${POPULATION}\nshared savings { minimum savings rate 3% sharing rate 50% sharing basis above minimum }`),
        message: /Without a minimum savings rate above 0%, sharing above the minimum is sharing from the first dollar/, at: 'sharing basis above minimum'
    },
    {
        rule: 'a capitation withhold without capitation', code: 'no-effect', severity: 'warning',
        bad: contract(`${POPULATION}\ncapitation { withhold 5% earned back by quality }`),
        good: contract(`${POPULATION}\ncapitation { primary care $40 per member per month withhold 5% earned back by quality }`),
        message: /The capitation section pays nothing to withhold from/, at: 'withhold 5% earned back by quality'
    },
    // Terms a program does not provide for
    {
        rule: 'corridors under MSSP', code: 'preset-disallowed', severity: 'warning',
        bad: contract(`program MSSP BASIC A year 2025\n${POPULATION}\nshared savings { corridor up to 5% share 50% corridor over 5% share 40% }`),
        good: contract(`program MSSP BASIC A year 2025\n${POPULATION}`),
        message: /MSSP shares savings and losses at one rate, not through corridors: corridors are an ACO REACH term \(MSSP BASIC A year 2025\)/, at: 'corridor up to 5% share 50%'
    },
    {
        rule: 'a shared losses section under a one-sided track', code: 'preset-disallowed', severity: 'warning',
        bad: contract(`program MSSP track 1 year 2018\n${POPULATION}\nshared losses { sharing rate 30% cap 5% of benchmark }`),
        good: contract(`program MSSP track 1 year 2018\n${POPULATION}`),
        message: /MSSP track 1 year 2018 is one-sided: the program shares no losses/, at: 'shared'
    },
    {
        rule: 'an elected minimum rate MSSP does not offer', code: 'preset-disallowed', severity: 'warning',
        bad: contract(`program MSSP ENHANCED year 2024\n${POPULATION}\nshared savings { minimum savings rate 1.2% }`),
        good: contract(`program MSSP ENHANCED year 2024\n${POPULATION}\nshared savings { minimum savings rate 1.5% }`),
        message: /A two-sided MSSP ACO elects a minimum savings and loss rate of 0%, 0\.5%, 1%, 1\.5% or 2%, or `variable`; 1\.2% is not one of them/, at: '1.2%'
    },
    {
        rule: 'an MSSP minimum rate beyond the table for a small ACO', code: 'preset-disallowed', severity: 'warning',
        bad: contract(`program MSSP ENHANCED year 2024\n${POPULATION}\nshared savings { minimum savings rate 4.2% }`),
        good: contract('program MSSP ENHANCED year 2024\npopulation { assigned beneficiaries 4,300 benchmark $1,000 per member per month }\nshared savings { minimum savings rate 4.2% }'),
        message: /4\.2% is not one of them/, at: '4.2%'
    },
    {
        rule: 'one sharing rate under ACO REACH', code: 'preset-disallowed', severity: 'warning',
        bad: contract('program REACH global year 2024\npopulation { benchmark $100,000,000 total }\nshared savings { sharing rate 50% }'),
        good: contract('program REACH global year 2024\npopulation { benchmark $100,000,000 total }\nshared savings { corridor up to 25% share 100% corridor 25% to 35% share 50% corridor 35% to 50% share 25% corridor over 50% share 10% }'),
        message: /ACO REACH shares savings and losses through its risk corridors, not at one rate/, at: 'sharing rate 50%'
    },
    {
        rule: 'a revenue category under ACO REACH', code: 'preset-disallowed', severity: 'warning',
        bad: contract('program REACH global year 2024\npopulation { benchmark $100,000,000 total revenue category low }'),
        good: contract('program REACH global year 2024\npopulation { benchmark $100,000,000 total }'),
        message: /The revenue category is an MSSP term; ACO REACH has none/, at: 'revenue category low'
    },
    {
        rule: 'sharing above the minimum under MSSP', code: 'preset-override', severity: 'warning',
        bad: contract(`program MSSP BASIC A year 2025\n${POPULATION}\nshared savings { sharing basis above minimum }`),
        good: contract(`program MSSP BASIC A year 2025\n${POPULATION}\nshared savings { sharing basis first dollar }`),
        message: /The MSSP BASIC A year 2025 preset shares savings from the first dollar; this contract's `sharing basis above minimum` departs/, at: 'sharing basis above minimum'
    },
    // Terms in a section where they mean something else
    {
        rule: 'the loss complement form under shared savings', code: 'misplaced-line', severity: 'error',
        bad: contract(`${POPULATION}\n${savings('sharing rate 1 - final sharing rate between 40% and 75%')}`),
        good: contract(`${POPULATION}\n${savings('sharing rate 75%')}\nshared losses { sharing rate 1 - final sharing rate between 40% and 75% cap 15% of benchmark }`),
        message: /`1 - final sharing rate between …` is how the loss sharing rate follows the savings rate: it belongs in the shared losses section/,
        at: 'sharing rate 1 - final sharing rate between 40% and 75%'
    },
    {
        rule: 'a cap of revenue under shared savings', code: 'misplaced-line', severity: 'error',
        bad: contract(`${POPULATION}\n${savings('sharing rate 50% cap 2% of revenue')}`),
        good: contract(`${POPULATION}\n${savings('sharing rate 50% cap 10% of benchmark')}`),
        message: /A cap of participant revenue limits owed losses: it belongs in the shared losses section/, at: 'cap 2% of revenue'
    }
];

describe.each(cases)('$rule', ({ code, severity, bad, good, message, at }) => {
    test(`reports ${code}`, async () => {
        const { coded, all, at: textAt } = await check(bad);
        const found = coded(code).filter(d => message.test(String(d.message)));
        expect(found, JSON.stringify(listed(all))).toHaveLength(1);
        expect(found[0].severity).toBe(severity === 'error' ? 1 : 2);
        expect(textAt(found[0])).toBe(at);
    });

    test(`does not report it when the contract is right`, async () => {
        const { coded, all } = await check(good);
        expect(coded(code).filter(d => message.test(String(d.message))), JSON.stringify(listed(all))).toEqual([]);
    });
});
