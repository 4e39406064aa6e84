/**
 * Every validation rule of LANGUAGE.md: a contract that triggers it (code, severity, message and
 * the text the range covers) and one that does not.
 */
import { describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver';
import { textAt, validate } from '../helpers.js';

/** A valid two-sided contract; each case replaces one piece of it. */
const BASE = {
    header: 'currency USD',
    term: 'term { start 2025-01-01 end 2027-12-31 }',
    population: 'population { assigned beneficiaries 12,500 benchmark $1,050.00 per member per month }',
    providers: `providers {
        provider RPC "Riverside Primary Care" { role primary care attributed 6,200 share 60% }
        provider SMH "St. Mary's Hospital" { role hospital attributed 4,100 share 40% }
    }`,
    capitation: 'capitation { primary care $42.00 per member per month paid to RPC }',
    savings: 'shared savings { minimum savings rate 2% sharing rate 75% quality adjustment scaled cap 20% of benchmark }',
    losses: 'shared losses { minimum loss rate 2% sharing rate 1 - final sharing rate between 40% and 75% cap 15% of benchmark }',
    quality: `quality {
        standard 40%
        measure BCS "Breast cancer screening" { threshold 65% target 75% weight 50% }
        measure READM "Readmissions" { lower is better threshold 16% target 14.5% weight 50% }
    }`,
    distribution: 'distribution { reserve 25% for infrastructure remainder by attributed lives }',
    scenario: 'scenario "Expected" { expenditure $1,018.50 per member per month result BCS 71% result READM 15% }'
};
type Part = keyof typeof BASE;

function build(changes: Partial<Record<Part, string>> = {}, extra = ''): string {
    const parts = { ...BASE, ...changes };
    return `contract "Validation test" {\n${Object.values(parts).join('\n')}\n${extra}\n}\n`;
}

async function diagnosticsOf(text: string): Promise<{ all: Diagnostic[]; text: (d: Diagnostic) => string }> {
    const result = await validate(text);
    return { all: result.diagnostics, text: d => textAt(result.document, d) };
}

interface Case {
    rule: string;
    code: string;
    severity: 'error' | 'warning';
    bad: string;
    good: string;
    message: RegExp;
    /** The source text the diagnostic's range must cover. */
    at: string;
}

const cases: Case[] = [
    {
        rule: 'an unknown provider ID', code: 'unknown-provider', severity: 'error',
        bad: build({ capitation: 'capitation { primary care $42 per member per month paid to XYZ }' }), good: build(),
        message: /Unknown provider 'XYZ'/, at: 'XYZ'
    },
    {
        rule: 'an unknown measure ID', code: 'unknown-measure', severity: 'error',
        bad: build({ scenario: 'scenario "s" { savings 3% result BCS 70% result READM 15% result NOPE 5% }' }), good: build(),
        message: /Unknown measure 'NOPE'/, at: 'NOPE'
    },
    {
        rule: 'a duplicate ID', code: 'duplicate-id', severity: 'error',
        bad: build({ providers: 'providers { provider RPC "A" { attributed 10 } provider RPC "B" { attributed 10 } }' }), good: build(),
        message: /The ID 'RPC' is already used by a provider/, at: 'RPC'
    },
    {
        rule: 'a section given twice', code: 'duplicate-section', severity: 'error',
        bad: build({}, 'term { start 2025-01-01 end 2026-12-31 }'), good: build(),
        message: /The term section is given twice/, at: 'term'
    },
    {
        rule: 'a term given twice in a section', code: 'duplicate-line', severity: 'error',
        bad: build({ savings: 'shared savings { sharing rate 75% sharing rate 60% cap 20% of benchmark minimum savings rate 2% }' }), good: build(),
        message: /'sharing rate' is given twice/, at: 'sharing rate 60%'
    },
    {
        rule: 'a percent above 100% where a rate is meant', code: 'percent-range', severity: 'error',
        bad: build({ savings: 'shared savings { minimum savings rate 2% sharing rate 175% cap 20% of benchmark }' }), good: build(),
        message: /175% is not a valid rate: a rate lies between 0% and 100%/, at: '175%'
    },
    {
        rule: 'a negative percent where a rate is meant', code: 'percent-range', severity: 'error',
        bad: build({ distribution: 'distribution { reserve -5% for infrastructure remainder by attributed lives }' }), good: build(),
        message: /-5% is not a valid rate/, at: '-5%'
    },
    {
        rule: 'a negative money amount', code: 'negative-amount', severity: 'error',
        bad: build({ population: 'population { assigned beneficiaries 12,500 benchmark -$1,050 per member per month }' }), good: build(),
        message: /cannot be negative \(-\$1,050\)/, at: '-$1,050'
    },
    {
        rule: 'a negative count', code: 'negative-amount', severity: 'error',
        bad: build({ population: 'population { assigned beneficiaries -12,500 benchmark $1,050 per member per month }' }), good: build(),
        message: /cannot be negative \(-12,500\)/, at: '-12,500'
    },
    {
        rule: 'a count that is not whole', code: 'not-whole-number', severity: 'error',
        bad: build({ population: 'population { assigned beneficiaries 12500.5 benchmark $1,050 per member per month }' }), good: build(),
        message: /must be a whole number, not 12500.5/, at: '12500.5'
    },
    {
        rule: 'a money sign that disagrees with the currency', code: 'currency-mismatch', severity: 'error',
        bad: build({ header: 'currency GBP', population: 'population { assigned beneficiaries 12,500 benchmark $1,050 per member per month }', capitation: 'capitation { primary care £42 per member per month paid to RPC }', scenario: 'scenario "s" { expenditure £1,018.50 per member per month quality score 80% }' }),
        good: build({ header: 'currency GBP', population: 'population { assigned beneficiaries 12,500 benchmark £1,050 per member per month }', capitation: 'capitation { primary care £42 per member per month paid to RPC }', scenario: 'scenario "s" { expenditure £1,018.50 per member per month quality score 80% }' }),
        message: /\$1,050 is in USD, but the contract's currency is GBP: write £1,050/, at: '$1,050'
    },
    {
        rule: 'an unknown currency', code: 'unknown-currency', severity: 'error',
        bad: build({ header: 'currency XYZ' }), good: build({ header: 'currency EUR', population: 'population { assigned beneficiaries 12,500 benchmark €1,050 per member per month }', capitation: 'capitation { primary care €42 per member per month paid to RPC }', scenario: 'scenario "s" { expenditure €1,018.50 per member per month quality score 80% }' }),
        message: /Unknown currency 'XYZ'/, at: 'XYZ'
    },
    {
        rule: 'a date that does not exist', code: 'invalid-date', severity: 'error',
        bad: build({ term: 'term { start 2025-02-30 end 2027-12-31 }' }), good: build(),
        message: /2025-02-30 is not a calendar date/, at: '2025-02-30'
    },
    {
        rule: 'end not after start', code: 'end-before-start', severity: 'error',
        bad: build({ term: 'term { start 2025-01-01 end 2024-12-31 }' }), good: build(),
        message: /ends on 2024-12-31, which is not after its start, 2025-01-01/, at: '2024-12-31'
    },
    {
        rule: 'a term shorter than one performance year', code: 'term-too-short', severity: 'error',
        bad: build({ term: 'term { start 2025-01-01 end 2025-06-30 }' }), good: build({ term: 'term { start 2025-01-01 end 2025-12-31 }' }),
        message: /shorter than one performance year \(12 months\)/, at: '2025-06-30'
    },
    {
        rule: 'attributed lives split with a provider without attributed', code: 'missing-attributed', severity: 'error',
        bad: build({ providers: 'providers { provider RPC "A" { attributed 10 } provider SMH "B" { role hospital } }' }), good: build(),
        message: /Provider 'SMH' has no `attributed` lives/, at: 'SMH'
    },
    {
        rule: 'attributed lives above assigned beneficiaries', code: 'attributed-exceeds-assigned', severity: 'error',
        bad: build({ providers: 'providers { provider RPC "A" { attributed 10,000 } provider SMH "B" { attributed 4,000 } }' }), good: build(),
        message: /SMH's 4,000 attributed lives take the providers' total to 14,000, more than the 12,500 assigned beneficiaries/, at: 'attributed 4,000'
    },
    {
        rule: 'a threshold on the wrong side (higher is better)', code: 'threshold-side', severity: 'error',
        bad: build({ quality: 'quality { measure BCS "B" { threshold 80% target 75% weight 50% } measure READM "R" { lower is better threshold 16% target 14.5% weight 50% } }' }), good: build(),
        message: /threshold 80% must be below the target 75%/, at: '80%'
    },
    {
        rule: 'a threshold on the wrong side (lower is better)', code: 'threshold-side', severity: 'error',
        bad: build({ quality: 'quality { measure BCS "B" { threshold 65% target 75% weight 50% } measure READM "R" { lower is better threshold 12% target 14.5% weight 50% } }' }), good: build(),
        message: /threshold 12% must be above the target 14.5%/, at: '12%'
    },
    {
        rule: 'overlapping corridors', code: 'corridor-overlap', severity: 'error',
        bad: build({ savings: 'shared savings { corridor up to 25% share 100% corridor 20% to 35% share 50% corridor over 35% share 25% cap 20% of benchmark }' }),
        good: build({ savings: 'shared savings { corridor up to 25% share 100% corridor 25% to 35% share 50% corridor over 35% share 25% cap 20% of benchmark }' }),
        message: /starts at 20%, inside the previous one, which runs to 25%/, at: '20%'
    },
    {
        rule: 'corridors with a gap', code: 'corridor-gap', severity: 'error',
        bad: build({ savings: 'shared savings { corridor up to 25% share 100% corridor 30% to 35% share 50% corridor over 35% share 25% cap 20% of benchmark }' }),
        good: build({ savings: 'shared savings { corridor up to 25% share 100% corridor 25% to 35% share 50% corridor over 35% share 25% cap 20% of benchmark }' }),
        message: /leave a gap between 25% and 30%/, at: '30%'
    },
    {
        rule: 'corridors out of order', code: 'corridor-order', severity: 'error',
        bad: build({ savings: 'shared savings { corridor up to 25% share 100% corridor 25% to 35% share 50% corridor 10% to 20% share 25% cap 20% of benchmark }' }),
        good: build({ savings: 'shared savings { corridor up to 25% share 100% corridor 25% to 35% share 50% cap 20% of benchmark }' }),
        message: /ascending order/, at: 'corridor'
    },
    {
        rule: 'a loss-rate floor above its ceiling', code: 'loss-rate-bounds', severity: 'error',
        bad: build({ losses: 'shared losses { minimum loss rate 2% sharing rate 1 - final sharing rate between 75% and 40% cap 15% of benchmark }' }), good: build(),
        message: /floor 75% is above its ceiling 40%/, at: '75%'
    },
    {
        rule: 'a two-sided contract without a loss cap', code: 'missing-loss-cap', severity: 'error',
        bad: build({ losses: 'shared losses { minimum loss rate 2% sharing rate 40% }' }), good: build(),
        message: /must cap shared losses/, at: 'shared'
    },
    {
        rule: 'both a sharing rate and corridors', code: 'rate-and-corridors', severity: 'error',
        bad: build({ savings: 'shared savings { sharing rate 50% corridor up to 25% share 100% corridor over 25% share 50% cap 20% of benchmark }' }), good: build(),
        message: /either one sharing rate or corridors, not both/, at: 'sharing'
    },
    {
        rule: 'a scenario without an expenditure line', code: 'missing-expenditure', severity: 'error',
        bad: build({ scenario: 'scenario "Nothing spent" { quality score 80% }' }), good: build(),
        message: /Scenario "Nothing spent" has no expenditure line/, at: '"Nothing spent"'
    },
    {
        rule: 'a scenario with neither a quality score nor every result', code: 'missing-quality', severity: 'error',
        bad: build({ scenario: 'scenario "Half" { savings 3% result BCS 70% }' }), good: build({ scenario: 'scenario "Half" { savings 3% quality score 80% }' }),
        message: /no result for READM/, at: '"Half"'
    },
    {
        rule: 'a measure without a target', code: 'missing-target', severity: 'error',
        bad: build({ quality: 'quality { measure BCS "B" { threshold 65% weight 50% } measure READM "R" { lower is better threshold 16% target 14.5% weight 50% } }' }), good: build(),
        message: /Measure 'BCS' needs a target/, at: 'BCS'
    },
    {
        rule: 'scenarios without a benchmark', code: 'missing-benchmark', severity: 'error',
        bad: build({ population: 'population { assigned beneficiaries 12,500 }' }), good: build(),
        message: /no benchmark/, at: 'population'
    },
    {
        rule: 'a variable minimum below 5,000 beneficiaries', code: 'variable-minimum-too-small', severity: 'error',
        bad: build({ population: 'population { assigned beneficiaries 4,000 benchmark $1,050 per member per month }', providers: 'providers { provider RPC "A" { attributed 100 share 100% } }', savings: 'shared savings { minimum savings rate variable sharing rate 50% cap 20% of benchmark }', losses: '' }),
        good: build({ savings: 'shared savings { minimum savings rate variable sharing rate 50% cap 20% of benchmark }', losses: '' }),
        message: /starts at 5,000 assigned beneficiaries; with 4,000, state the rate/, at: 'variable'
    },
    {
        rule: 'a misplaced term', code: 'misplaced-line', severity: 'error',
        bad: build({ savings: 'shared savings { minimum savings rate 2% minimum loss rate 2% sharing rate 75% cap 20% of benchmark }' }), good: build(),
        message: /'minimum loss rate' belongs in the shared losses section/, at: 'minimum loss rate 2%'
    },
    {
        rule: 'an unknown MSSP track', code: 'unknown-track', severity: 'error',
        bad: build({ header: 'program MSSP BASIC F year 2021' }), good: build({ header: 'program MSSP BASIC C year 2021' }),
        message: /Unknown MSSP track/, at: 'BASIC F'
    },
    {
        rule: 'a preset year the program does not cover', code: 'unsupported-program', severity: 'error',
        bad: build({ header: 'program REACH global year 2019' }), good: build({ header: 'program REACH global year 2024' }),
        message: /REACH/, at: '2019'
    },
    {
        rule: 'a scenario the engine cannot settle (the safety net)', code: 'cannot-settle', severity: 'error',
        bad: 'contract "V" {\n    program MSSP track 1 year 2018\n    population { benchmark $100,000,000 total }\n    scenario "s" { expenditure $95,000,000 total quality score 90% }\n}\n',
        good: 'contract "V" {\n    program MSSP track 1 year 2018\n    population { assigned beneficiaries 9,000 benchmark $100,000,000 total }\n    scenario "s" { expenditure $95,000,000 total quality score 90% }\n}\n',
        message: /Scenario "s" cannot be settled: A variable minimum savings rate needs the number of assigned beneficiaries/, at: 'program MSSP track 1 year 2018'
    },
    {
        rule: 'capitation paid to a provider without attributed lives', code: 'missing-attributed', severity: 'error',
        bad: 'contract "C" {\n    population { assigned beneficiaries 6,000 benchmark $1,000 per member per month }\n    providers { provider A "a" { role other } }\n    capitation {\n        primary care $10 per member per month paid to A\n    }\n    shared savings { minimum savings rate 3% sharing rate 50% }\n    scenario "s" { savings 4% }\n}\n',
        good: 'contract "C" {\n    population { assigned beneficiaries 6,000 benchmark $1,000 per member per month }\n    providers { provider A "a" { role other attributed 100 } }\n    capitation {\n        primary care $10 per member per month paid to A\n    }\n    shared savings { minimum savings rate 3% sharing rate 50% }\n    scenario "s" { savings 4% }\n}\n',
        message: /Capitation is paid to A per attributed life, but A has no `attributed` lives/, at: 'A'
    },
    {
        rule: 'a zero benchmark', code: 'missing-benchmark', severity: 'error',
        bad: build({ population: 'population { assigned beneficiaries 12,500 benchmark $0 per member per month }' }), good: build(),
        message: /benchmark of zero/, at: '$0'
    },
    {
        rule: 'a complement loss rate with savings corridors', code: 'complement-needs-rate', severity: 'error',
        bad: build({ savings: 'shared savings { minimum savings rate 2% corridor up to 25% share 100% corridor over 25% share 50% cap 20% of benchmark }' }),
        good: build({ savings: 'shared savings { minimum savings rate 2% corridor up to 25% share 100% corridor over 25% share 50% cap 20% of benchmark }', losses: 'shared losses { minimum loss rate 2% sharing rate 40% cap 15% of benchmark }' }),
        message: /worked out from one savings sharing rate, but shared savings uses corridors/, at: 'sharing'
    },
    {
        rule: 'an uncertainty block that draws no expenditure', code: 'incomplete-uncertainty', severity: 'error',
        bad: build({}, 'uncertainty { quality score uniform 70% to 95% trials 1,000 }'),
        good: build({}, 'uncertainty { savings normal mean 2% sd 1% quality score uniform 70% to 95% trials 1,000 }'),
        message: /Say what to draw/, at: 'uncertainty'
    },
    {
        rule: 'a uniform range written high to low', code: 'incomplete-uncertainty', severity: 'error',
        bad: build({}, 'uncertainty { savings normal mean 2% sd 1% quality score uniform 95% to 70% }'),
        good: build({}, 'uncertainty { savings normal mean 2% sd 1% quality score uniform 70% to 95% }'),
        message: /runs from 95% down to 70%/, at: '95%'
    },
    {
        rule: 'performance year 0', code: 'invalid-year', severity: 'error',
        bad: build({ scenario: 'scenario "s" { savings 3% quality score 80% year 0 }' }), good: build({ scenario: 'scenario "s" { savings 3% quality score 80% year 2 }' }),
        message: /counted from 1/, at: '0'
    },
    {
        rule: 'a result given twice for one measure', code: 'duplicate-line', severity: 'error',
        bad: build({ scenario: 'scenario "s" { savings 3% result BCS 70% result BCS 72% result READM 15% }' }), good: build(),
        message: /'result BCS' is given twice/, at: 'result BCS 72%'
    },
    {
        rule: 'a two-sided MSSP contract without its elected minimum savings rate', code: 'missing-minimum-rate', severity: 'error',
        bad: build({ header: 'program MSSP BASIC C year 2021', savings: '', losses: 'shared losses { minimum loss rate 2% }' }),
        good: build({ header: 'program MSSP BASIC C year 2021', savings: 'shared savings { minimum savings rate 2% }', losses: '' }),
        message: /must state its elected minimum savings rate/, at: 'program'
    },
    {
        rule: 'a preset variable minimum below 5,000 beneficiaries', code: 'variable-minimum-too-small', severity: 'error',
        bad: build({ header: 'program MSSP track 1 year 2018', population: 'population { assigned beneficiaries 4,500 benchmark $1,050 per member per month }', providers: 'providers { provider RPC "A" { attributed 100 share 100% } }', savings: '', losses: '' }),
        good: build({ header: 'program MSSP track 1 year 2018', population: 'population { assigned beneficiaries 4,500 benchmark $1,050 per member per month }', providers: 'providers { provider RPC "A" { attributed 100 share 100% } }', savings: 'shared savings { minimum savings rate 3.9% }', losses: '' }),
        message: /preset uses the variable minimum savings rate, whose table starts at 5,000 assigned beneficiaries; with 4,500/, at: 'program'
    },
    // Warnings
    {
        rule: 'fewer beneficiaries than the contract minimum', code: 'below-minimum-beneficiaries', severity: 'warning',
        bad: build({ population: 'population { assigned beneficiaries 12,500 minimum assigned beneficiaries 15,000 benchmark $1,050 per member per month }' }), good: build(),
        message: /12,500 assigned beneficiaries is below the contract minimum of 15,000/, at: '12,500'
    },
    {
        rule: 'fewer beneficiaries than the MSSP minimum', code: 'below-minimum-beneficiaries', severity: 'warning',
        bad: build({ header: 'program MSSP track 1 year 2018', population: 'population { assigned beneficiaries 4,500 benchmark $1,050 per member per month }', providers: 'providers { provider RPC "A" { attributed 100 share 100% } }', savings: 'shared savings { minimum savings rate 3.9% }', losses: '' }),
        good: build({ header: 'program MSSP track 1 year 2018', savings: '', losses: '' }),
        message: /4,500 assigned beneficiaries is below the MSSP minimum of 5,000/, at: '4,500'
    },
    {
        rule: 'a minimum savings rate below random variation', code: 'msr-below-variation', severity: 'warning',
        bad: build({ savings: 'shared savings { minimum savings rate 1% sharing rate 50% cap 20% of benchmark }', losses: '' }),
        good: build({ savings: 'shared savings { minimum savings rate 3% sharing rate 50% cap 20% of benchmark }', losses: '' }),
        message: /minimum savings rate of 1% is below the 2.85% that random variation alone can exceed for 12,500 beneficiaries/, at: '1%'
    },
    {
        rule: 'a savings cap below the loss cap', code: 'savings-cap-below-loss-cap', severity: 'warning',
        bad: build({ savings: 'shared savings { minimum savings rate 2% sharing rate 75% cap 10% of benchmark }' }), good: build(),
        message: /savings cap \(10% of benchmark\) is below the loss cap \(15%\)/, at: 'cap 10% of benchmark'
    },
    {
        rule: 'a failed expectation', code: 'expectation-failed', severity: 'warning',
        bad: build({ scenario: 'scenario "E" { savings 3% quality score 100% expect earned $1.00 }' }),
        good: build({ scenario: 'scenario "E" { savings 3% quality score 100% expect earned $3,543,750.00 }' }),
        message: /Expected \$1.00, but scenario "E" earns \$3,543,750.00/, at: '$1.00'
    },
    {
        rule: 'a term departing from the program preset', code: 'preset-override', severity: 'warning',
        bad: build({ header: 'program MSSP track 1 year 2018', savings: 'shared savings { sharing rate 60% }', losses: '' }),
        good: build({ header: 'program MSSP track 1 year 2018', savings: 'shared savings { sharing rate 50% }', losses: '' }),
        message: /The MSSP track 1 \(2018\) preset sets the sharing rate at 50%; this contract's 60% departs/, at: 'sharing rate 60%'
    },
    {
        rule: 'total-care capitation with a benchmark', code: 'capitation-double-count', severity: 'warning',
        bad: build({ capitation: 'capitation { total care $900 per member per month }' }), good: build(),
        message: /counted twice/, at: 'total'
    }
];

describe.each(cases)('$rule', ({ code, severity, bad, good, message, at }) => {
    test(`reports ${code}`, async () => {
        const { all, text } = await diagnosticsOf(bad);
        const found = all.filter(d => d.code === code);
        expect(found, `diagnostics were: ${JSON.stringify(all.map(d => [d.code, d.message]))}`).toHaveLength(1);
        expect(found[0].severity).toBe(severity === 'error' ? 1 : 2);
        expect(found[0].message).toMatch(message);
        expect(text(found[0])).toBe(at);
    });

    test(`does not report ${code} when the contract is right`, async () => {
        const { all } = await diagnosticsOf(good);
        expect(all.filter(d => d.code === code)).toEqual([]);
    });
});

describe('the base contract', () => {
    test('validates without errors or warnings', async () => {
        const { all } = await diagnosticsOf(build());
        expect(all.map(d => `${d.code}: ${d.message}`)).toEqual([]);
    });
});

describe('syntax errors', () => {
    test('name the expected token in words', async () => {
        const { all, text } = await diagnosticsOf(build({ savings: 'shared savings { minimum savings rate 2 sharing rate 75% cap 20% of benchmark }' }));
        const syntax = all.filter(d => d.code === 'syntax-error');
        expect(syntax.length).toBeGreaterThan(0);
        expect(syntax[0].message).toBe("Expected a percent or 'variable' but found '2': write 2% (percents carry the % sign).");
        expect(text(syntax[0])).toBe('2');
    });

    test('a sharing rate written without % says to write the percent', async () => {
        const { all, text } = await diagnosticsOf(build({ savings: 'shared savings { minimum savings rate 2% sharing rate 75 cap 20% of benchmark }' }));
        const syntax = all.filter(d => d.code === 'syntax-error');
        expect(syntax.map(d => d.message)).toEqual(["Expected a percent but found '75': write 75% (percents carry the % sign)."]);
        expect(text(syntax[0])).toBe('75');
    });

    test('three separate mistakes are all reported, each where it is', async () => {
        const text = build({
            population: 'population { assigned beneficiaries 12,500 benchmark $1,050 per member per fortnight }',
            savings: 'shared savings { minimum savings rate 2% sharing rate 75 cap 20% of benchmark }',
            scenario: 'scenario "Expected" { expenditure $1,018.50 per member per month result BCS 71% result READM 15% expect earned 12 }'
        });
        const { all, text: at } = await diagnosticsOf(text);
        const lines = text.split('\n');
        const lineOf = (needle: string): number => lines.findIndex(l => l.includes(needle));
        const errors = all.filter(d => d.severity === 1);
        const reportedLines = new Set(errors.map(d => d.range.start.line));
        expect(reportedLines.has(lineOf('fortnight'))).toBe(true);
        expect(reportedLines.has(lineOf('sharing rate 75 '))).toBe(true);
        expect(reportedLines.has(lineOf('expect earned 12'))).toBe(true);
        const texts = errors.map(at);
        expect(texts).toContain('fortnight');
        expect(texts).toContain('75');
        expect(texts).toContain('12');
    });
});
