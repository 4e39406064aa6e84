/**
 * The plausibility checks: contracts that are legal but almost surely wrong. Each check has a
 * contract that triggers it (code, severity, message, the text underlined) and one that does
 * not; where a quick fix is offered, applying it clears the diagnostic.
 */
import { describe, expect, test } from 'vitest';
import { actionsFor, applied, check, listed } from './diagnostics-and-fixes.js';

/** A plausible one-sided contract; each case replaces parts of it. */
const BASE = {
    header: '',
    term: 'term { start 2025-01-01 end 2027-12-31 }',
    population: 'population {\n        assigned beneficiaries 24,000\n        benchmark $1,128.42 per member per month\n    }',
    providers: '',
    capitation: '',
    savings: 'shared savings {\n        minimum savings rate 3%\n        sharing rate 50%\n        cap 10% of benchmark\n    }',
    losses: '',
    quality: '',
    distribution: '',
    scenario: 'scenario "Year" {\n        expenditure $1,090.00 per member per month\n        quality score 80%\n    }',
    extra: ''
};
type Part = keyof typeof BASE;

function build(changes: Partial<Record<Part, string>> = {}): string {
    const parts = { ...BASE, ...changes };
    return `contract "Plausibility" {\n${Object.values(parts).filter(p => p !== '').map(p => `    ${p}`).join('\n')}\n}\n`;
}

const population = (lines: string): string => `population {\n        ${lines.trim().split('\n').map(l => l.trim()).join('\n        ')}\n    }`;

interface Case {
    rule: string;
    code: string;
    severity: 'error' | 'warning';
    bad: string;
    good: string;
    message: RegExp;
    /** The text the diagnostic underlines. */
    at: string;
    /** The first quick fix offered, and a text the fixed contract contains. */
    fix?: { title: string; contains: string };
}

const cases: Case[] = [
    // Magnitudes per member
    {
        rule: 'an annual per-capita benchmark written per member per month (the $3.9 billion benchmark)', code: 'implausible-benchmark', severity: 'warning',
        bad: build({ population: population('assigned beneficiaries 24,000\nbenchmark $13,541.00 per member per month') }), good: build(),
        message: /A benchmark of \$13,541\.00 per member per month is \$162,492\.00 per beneficiary per year, far above the plausible \$480–\$120,000 .* \$13,541\.00 looks like an annual per-beneficiary figure: write `per member per year`\./,
        at: 'per member per month', fix: { title: 'Write per member per year', contains: 'benchmark $13,541.00 per member per year' }
    },
    {
        rule: 'an MSSP benchmark per member per month written per member per year', code: 'implausible-benchmark', severity: 'warning',
        bad: build({ header: 'program MSSP BASIC A year 2025', savings: '', population: population('assigned beneficiaries 24,000\nbenchmark $1,128.42 per member per year') }),
        good: build({ header: 'program MSSP BASIC A year 2025', savings: '' }),
        message: /is \$1,128\.42 per beneficiary per year, far below the plausible \$3,000–\$60,000 \(MSSP benchmarks of 2013–2024 run from \$4,287 to \$50,174 per beneficiary per year\)\. \$1,128\.42 looks like a per member per month figure/,
        at: 'per member per year', fix: { title: 'Write per member per month', contains: 'benchmark $1,128.42 per member per month' }
    },
    {
        rule: 'a per member per month benchmark written as a total', code: 'implausible-benchmark', severity: 'warning',
        bad: build({ population: population('assigned beneficiaries 24,000\nbenchmark $1,128.42 total') }), good: build(),
        message: /far below the plausible .* looks like a per member per month figure: write `per member per month`/,
        at: 'total', fix: { title: 'Write per member per month', contains: 'benchmark $1,128.42 per member per month' }
    },
    {
        rule: 'a premium-based benchmark whose premium has an extra digit', code: 'implausible-benchmark', severity: 'warning',
        bad: build({ population: population('assigned beneficiaries 24,000\npremium $95,000.00 per member per month\nbenchmark 85% of premium'), scenario: 'scenario "Year" { savings 3% quality score 80% }' }),
        good: build({ population: population('assigned beneficiaries 24,000\npremium $950.00 per member per month\nbenchmark 85% of premium'), scenario: 'scenario "Year" { savings 3% quality score 80% }' }),
        message: /A benchmark of 85% of a \$95,000\.00 premium is \$969,000\.00 per beneficiary per year, far above .* Check the premium and the share\./, at: '$95,000.00'
    },
    {
        rule: 'expenditure written as an annual figure per member per month', code: 'expenditure-units', severity: 'error',
        bad: build({ scenario: 'scenario "Year" { expenditure $13,080.00 per member per month quality score 80% }' }), good: build(),
        message: /Expenditure of \$13,080\.00 per member per month is 1159\.1% of the \$324,984,960\.00 benchmark .*: \$13,080\.00 looks like an annual per-beneficiary figure: per month it is \$1,090\.00\./,
        at: '$13,080.00', fix: { title: 'Write $1,090.00 per member per month', contains: 'expenditure $1,090.00 per member per month' }
    },
    {
        rule: 'expenditure per member per month written as a total', code: 'expenditure-units', severity: 'error',
        bad: build({ scenario: 'scenario "Year" { expenditure $1,090.00 total quality score 80% }' }), good: build(),
        message: /is less than 0\.1% of the .* benchmark .*: \$1,090\.00 looks like a per member per month figure: write `per member per month`\./,
        at: 'total', fix: { title: 'Write per member per month', contains: 'expenditure $1,090.00 per member per month' }
    },
    {
        rule: 'expenditure far from the benchmark but not meaningless', code: 'implausible-expenditure', severity: 'warning',
        bad: build({ scenario: 'scenario "Year" { expenditure $2,600.00 per member per month quality score 80% }' }), good: build(),
        message: /Expenditure of \$2,600\.00 per member per month is 230\.4% of the .* check the figure and its unit\./, at: '$2,600.00'
    },
    {
        rule: 'every scenario spending twelve times a benchmark written per member per year', code: 'expenditure-units', severity: 'error',
        bad: build({
            population: population('assigned beneficiaries 24,000\nbenchmark $1,128.42 per member per year'),
            scenario: 'scenario "Year" { expenditure $1,090.00 per member per month quality score 80% }\n    scenario "Bad year" { expenditure $1,200.00 per member per month quality score 80% }'
        }),
        good: build({ scenario: 'scenario "Year" { expenditure $1,090.00 per member per month quality score 80% }\n    scenario "Bad year" { expenditure $1,200.00 per member per month quality score 80% }' }),
        message: /Every scenario spends 1159\.1%–1276\.1% of the benchmark of \$1,128\.42 per member per year .* looks like a per member per month figure\. Write `per member per month`\./,
        at: 'per member per year', fix: { title: 'Make the benchmark per member per month', contains: 'benchmark $1,128.42 per member per month' }
    },
    {
        rule: 'savings of 100% or more', code: 'percent-range', severity: 'error',
        bad: build({ scenario: 'scenario "Year" { savings 100% quality score 80% }' }), good: build({ scenario: 'scenario "Year" { savings 3% quality score 80% }' }),
        message: /Savings of 100% would leave the ACO spending nothing/, at: '100%'
    },
    {
        rule: 'savings far beyond what ACOs achieve', code: 'implausible-expenditure', severity: 'warning',
        bad: build({ scenario: 'scenario "Year" { savings 60% quality score 80% }' }), good: build({ scenario: 'scenario "Year" { savings 30% quality score 80% }' }),
        message: /Savings of 60% of the benchmark is far outside what ACOs achieve \(published gross savings run from −44% to \+37%/, at: '60%'
    },
    {
        rule: 'primary care capitation written as an annual figure', code: 'implausible-capitation', severity: 'warning',
        bad: build({ capitation: 'capitation { primary care $480.00 per member per month }' }), good: build({ capitation: 'capitation { primary care $40.00 per member per month }' }),
        message: /Primary care capitation of \$480\.00 per member per month is 42\.5% of the \$1,128\.42 benchmark per member per month .* \$480\.00 looks like an annual figure: per month it is \$40\.00\./,
        at: '$480.00', fix: { title: 'Write $40.00 per member per month', contains: 'primary care $40.00 per member per month' }
    },
    {
        rule: 'a health equity adjustment total written per member per month', code: 'implausible-benchmark', severity: 'warning',
        bad: build({ header: 'program REACH global year 2024', savings: '', population: population('assigned beneficiaries 24,000\nbenchmark $1,128.42 per member per month\nhealth equity benchmark adjustment $741,600 per member per month') }),
        good: build({ header: 'program REACH global year 2024', savings: '', population: population('assigned beneficiaries 24,000\nbenchmark $1,128.42 per member per month\nhealth equity benchmark adjustment $741,600 total') }),
        message: /A health equity benchmark adjustment of \$741,600 per member per month is 65720\.2% of the .* benchmark \(REACH health equity adjustments of 2023 run from −0\.7% to \+1\.5% of the benchmark\)\. \$741,600 looks like the total: write `total`\./,
        at: 'per member per month', fix: { title: 'Write total', contains: 'health equity benchmark adjustment $741,600 total' }
    },
    {
        rule: 'member months that are the beneficiary count', code: 'member-months-mismatch', severity: 'warning',
        bad: build({ population: population('assigned beneficiaries 24,000\nmember months 24,000\nbenchmark $1,128.42 per member per month') }),
        good: build({ population: population('assigned beneficiaries 24,000\nmember months 283,500\nbenchmark $1,128.42 per member per month') }),
        message: /24,000 member months is 8\.3% of the 288,000 that 24,000 beneficiaries have in 12 months .* 24,000 is the number of beneficiaries, not their months\./,
        at: '24,000', fix: { title: 'Change to 288,000 (24,000 × 12)', contains: 'member months 288,000' }
    },
    {
        rule: 'more member months than the beneficiaries can have', code: 'member-months-mismatch', severity: 'warning',
        bad: build({ population: population('assigned beneficiaries 24,000\nmember months 300,000\nbenchmark $1,128.42 per member per month') }),
        good: build({ population: population('assigned beneficiaries 24,000\nmember months 288,000\nbenchmark $1,128.42 per member per month') }),
        message: /300,000 member months is more than 24,000 beneficiaries can have in 12 months \(288,000\)/, at: '300,000'
    },
    // Rates
    {
        rule: 'a sharing rate written as a fraction with a % sign', code: 'implausible-rate', severity: 'warning',
        bad: build({ savings: 'shared savings { minimum savings rate 3% sharing rate 0.75% cap 10% of benchmark }' }), good: build(),
        message: /A savings sharing rate of 0\.75% is far below what programs use \(MSSP shares 40–75% of savings, commercial and NHS contracts 50%\)\. 0\.75% reads like the fraction 0\.75 written with a % sign: did you mean 75%\?/,
        at: '0.75%', fix: { title: 'Change to 75%', contains: 'sharing rate 75%' }
    },
    {
        rule: 'a minimum savings rate far above what programs use', code: 'implausible-rate', severity: 'warning',
        bad: build({ savings: 'shared savings { minimum savings rate 20% sharing rate 50% cap 10% of benchmark }' }), good: build(),
        message: /A minimum savings rate of 20% is far above what programs use \(CMS's published minimum savings rates run from 0% to 3\.9% .*the plausible ceiling here is 5%\)/, at: '20%'
    },
    {
        rule: 'sequestration written as a fraction', code: 'implausible-rate', severity: 'warning',
        bad: build({ savings: 'shared savings { minimum savings rate 3% sharing rate 50% cap 10% of benchmark sequestration 0.02% }' }),
        good: build({ savings: 'shared savings { minimum savings rate 3% sharing rate 50% cap 10% of benchmark sequestration 2% }' }),
        message: /did you mean 2%\?/, at: '0.02%', fix: { title: 'Change to 2%', contains: 'sequestration 2%' }
    },
    {
        rule: 'a quality standard written as a fraction', code: 'implausible-rate', severity: 'warning',
        bad: build({ quality: 'quality { standard 0.4% }' }), good: build({ quality: 'quality { standard 40% }' }),
        message: /A quality standard of 0\.4% is far below .* did you mean 40%\?/, at: '0.4%', fix: { title: 'Change to 40%', contains: 'standard 40%' }
    },
    {
        rule: 'a scenario quality score written as a fraction', code: 'implausible-rate', severity: 'warning',
        bad: build({ scenario: 'scenario "Year" { expenditure $1,090.00 per member per month quality score 0.8% }' }), good: build(),
        message: /did you mean 80%\?/, at: '0.8%', fix: { title: 'Change to 80%', contains: 'quality score 80%' }
    },
    {
        rule: 'a trend far above cost growth', code: 'implausible-rate', severity: 'warning',
        bad: build({ population: population('assigned beneficiaries 24,000\nbenchmark $1,128.42 per member per month\ntrend 35% per year') }),
        good: build({ population: population('assigned beneficiaries 24,000\nbenchmark $1,128.42 per member per month\ntrend 3.5% per year') }),
        message: /A trend of 35% is far above what programs use/, at: '35%'
    },
    {
        rule: 'a quality withhold far above REACH\'s', code: 'implausible-rate', severity: 'warning',
        bad: build({ savings: 'shared savings { minimum savings rate 3% sharing rate 50% cap 10% of benchmark quality withhold 20% of benchmark }' }),
        good: build({ savings: 'shared savings { minimum savings rate 3% sharing rate 50% cap 10% of benchmark quality withhold 2% of benchmark }' }),
        message: /A quality withhold of 20% is far above what programs use \(ACO REACH withholds 2–5% of the benchmark/, at: '20%'
    },
    // Uncertainty and revenue
    {
        rule: 'an expenditure mean that reads as a savings rate', code: 'implausible-expenditure', severity: 'warning',
        bad: build({ extra: 'uncertainty { expenditure normal mean 3% of benchmark sd 2% }' }), good: build({ extra: 'uncertainty { expenditure normal mean 97% of benchmark sd 2% }' }),
        message: /Expenditure drawn around 3% of the benchmark means savings of 97% .* Did you mean `savings normal mean 3% sd 2%`\?/,
        at: 'expenditure normal mean 3% of benchmark sd 2%', fix: { title: 'Write savings normal mean 3% sd 2%', contains: 'uncertainty { savings normal mean 3% sd 2% }' }
    },
    {
        rule: 'a savings mean that reads as expenditure', code: 'implausible-expenditure', severity: 'warning',
        bad: build({ extra: 'uncertainty { savings normal mean 97% sd 2% }' }), good: build({ extra: 'uncertainty { savings normal mean 3% sd 2% }' }),
        message: /Did you mean `expenditure normal mean 97% of benchmark sd 2%`\?/,
        at: 'savings normal mean 97% sd 2%', fix: { title: 'Write expenditure normal mean 97% of benchmark sd 2%', contains: 'uncertainty { expenditure normal mean 97% of benchmark sd 2% }' }
    },
    {
        rule: 'a revenue category the participant revenue contradicts', code: 'revenue-category-mismatch', severity: 'warning',
        bad: build({
            population: population('assigned beneficiaries 24,000\nbenchmark $1,128.42 per member per month\nrevenue category high'),
            losses: 'shared losses { minimum loss rate 3% sharing rate 30% cap 2% of benchmark participant revenue $30,000,000 cap 4% of revenue }'
        }),
        good: build({
            population: population('assigned beneficiaries 24,000\nbenchmark $1,128.42 per member per month\nrevenue category low'),
            losses: 'shared losses { minimum loss rate 3% sharing rate 30% cap 2% of benchmark participant revenue $30,000,000 cap 4% of revenue }'
        }),
        message: /Participant revenue of \$30,000,000\.00 is 9\.2% of the \$324,984,960\.00 benchmark, below the 35% .* the category is `low`, not `high`\./,
        at: 'high', fix: { title: 'Change to low', contains: 'revenue category low' }
    }
];

describe.each(cases)('$rule', ({ code, severity, bad, good, message, at, fix }) => {
    test(`reports ${code}`, async () => {
        const { coded, all, at: textAt } = await check(bad);
        const found = coded(code);
        expect(found, JSON.stringify(listed(all))).toHaveLength(1);
        expect(found[0].severity).toBe(severity === 'error' ? 1 : 2);
        expect(found[0].message).toMatch(message);
        expect(textAt(found[0])).toBe(at);
    });

    test(`does not report ${code} when the contract is plausible`, async () => {
        const { coded, all } = await check(good);
        expect(coded(code), JSON.stringify(listed(all))).toEqual([]);
    });

    if (fix) {
        test(`offers "${fix.title}", which clears it`, async () => {
            const { document, coded } = await check(bad);
            const actions = await actionsFor(document, coded(code));
            expect(actions[0]?.title).toBe(fix.title);
            const fixed = applied(document, actions[0]);
            expect(fixed).toContain(fix.contains);
            expect((await check(fixed)).coded(code)).toEqual([]);
        });
    }
});

describe('the base contract', () => {
    test('validates without errors or warnings', async () => {
        expect(listed((await check(build())).all)).toEqual([]);
    });

    test('an implausible benchmark is reported once, not again on every expenditure line', async () => {
        const { all } = await check(build({ population: population('assigned beneficiaries 24,000\nbenchmark $13,541.00 per member per month') }));
        expect(all.map(d => d.code)).toEqual(['implausible-benchmark']);
    });
});
