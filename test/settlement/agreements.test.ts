/**
 * Whole agreements: performance years of the term under their calendar year's rules and the
 * `year N { … }` blocks, projections settled year by year with term totals, the cash ledger with
 * advance investment recouped from later savings, clawbacks, term Monte Carlo, and the
 * validation of years. Every expected figure is worked out by hand in the comments.
 */
import { describe, expect, it } from 'vitest';
import { Dec } from '../../language/decimal.js';
import { buildModel } from '../../language/model/build-model.js';
import { modelForYear } from '../../language/model/year-models.js';
import { runTermMonteCarlo, settle, settleProjection, SettlementKernel } from '../../language/settlement/index.js';
import { codesOf, errorsOf, textAt, validate } from '../helpers.js';
import { parseContract } from './parse-contract.js';

const FIVE_YEARS = `contract "Five-year ENHANCED" {
    program MSSP ENHANCED year 2024
    term { start 2024-01-01 end 2028-12-31 }
    population {
        assigned beneficiaries 10,000
        benchmark $100,000,000 total
        trend 3% per year
    }
    shared savings { minimum savings rate 2% }
    shared losses { minimum loss rate 2% }
    quality { standard 77.05% }
    year 3 { shared savings { sharing rate 80% } }
    projection "Base case" {
        year 1 { savings 5% quality score 80% }
        year 2 { savings 4% quality score 80% }
        year 3 { savings 3% quality score 80% }
        year 4 { savings -3% quality score 80% }
        year 5 { savings 1% quality score 80% }
        expect term earned $7,887,164.40
    }
}
`;

describe('a five-year agreement with a projection', () => {
    const model = buildModel(parseContract(FIVE_YEARS));
    const projection = settleProjection(model, model.projections[0]);

    it('settles each year under its own terms, the benchmark carried by the trend', () => {
        // Y1 2024: B 100,000,000; G 5,000,000; 75% (gate, Q 80% ≥ 77.05%) = 3,750,000 × 98% = 3,675,000.
        // Y2 2025: B 103,000,000; G 4% = 4,120,000 × 75% = 3,090,000 × 98% = 3,028,200.
        // Y3 2026: B 106,090,000; G 3% = 3,182,700 × 80% (year 3 on) = 2,546,160 × 98% = 2,495,236.80.
        // Y4 2027 (2026 rules assumed): B 109,272,700; G −3% = −3,278,181; 1 − 80% × 80% = 36%, raised to
        //    the 40% floor: −1,311,272.40.
        // Y5 2028: B 112,550,881; 1% is below the 2% minimum: 0.
        expect(projection.years.map((year) => year.settlement.benchmark.toString())).toEqual(['100000000', '103000000', '106090000', '109272700', '112550881']);
        expect(projection.years.map((year) => year.settlement.earned.toFixed(2))).toEqual(['3675000.00', '3028200.00', '2495236.80', '-1311272.40', '0.00']);
        expect(projection.totalEarned.toFixed(2)).toBe('7887164.40');
        expect(projection.expectations.map((e) => e.passed)).toEqual([true]);
    });

    it('uses each calendar year\'s program rules, and says where they are assumed', () => {
        expect(modelForYear(model, 2).program?.year).toBe(2025);
        expect(modelForYear(model, 3).program?.year).toBe(2026);
        expect(modelForYear(model, 4).agreement.assumedPresetYear).toEqual({ calendarYear: 2027, presetYear: 2026 });
        expect(modelForYear(model, 1).program?.year).toBe(2024);
        expect(modelForYear(model, 1)).toBe(modelForYear(model, 1));
    });

    it('applies a year block from its year on, and names it in the waterfall', () => {
        const year3 = projection.years[2].settlement;
        const rate = year3.steps.find((step) => step.step === 'final sharing rate');
        expect(rate?.explanation).toContain('80.00%');
        expect(FIVE_YEARS.split('\n')[(rate?.line ?? 0) - 1]).toContain('year 3 { shared savings { sharing rate 80% } }');
        expect(projection.years[1].settlement.finalSharingRate?.toString()).toBe('0.75');
    });

    it('warns on the year whose rules are assumed, and validates otherwise', async () => {
        const result = await validate(FIVE_YEARS);
        expect(errorsOf(result)).toEqual([]);
        const assumed = result.diagnostics.filter((d) => d.code === 'preset-year-assumed');
        expect(assumed.map((d) => textAt(result.document, d))).toEqual(['4', '5']);
        expect(assumed[0].message).toBe('Performance year 4 is calendar year 2027, for which the program has not published rules: the 2026 rules are assumed.');
    });

    it('Monte Carlo over the term agrees with exact settlement of each year on fixed draws', () => {
        // A zero spread fixes every year's savings rate; a quality of 80% (no standard cliff): the
        // term total is the exact projection's total, in floats.
        const fixed = buildModel(parseContract(FIVE_YEARS.replace('    projection', `    uncertainty {
        savings normal mean 5% sd 0%
        quality score uniform 80% to 80%
        trials 10
        over the term
    }
    projection`)));
        const result = runTermMonteCarlo(fixed, { trials: 10 });
        const exact = model.projections[0].years.map((year) => settle(fixed, { ...year, expenditure: { kind: 'savings', rate: new Dec('0.05'), line: 1 } }).earnedExact.toNumber());
        expect(result.years).toBe(5);
        result.yearMeans.forEach((mean, index) => expect(mean).toBeCloseTo(exact[index], 4));
        expect(result.mean).toBeCloseTo(exact.reduce((a, b) => a + b, 0), 3);
        expect(result.sd).toBe(0);
    });

    it('correlates savings from year to year when asked, and reports P(term total < 0)', () => {
        const drawn = (correlation: string) => buildModel(parseContract(FIVE_YEARS.replace('    projection', `    uncertainty {
        savings normal mean 0.5% sd 3%
        quality score uniform 78% to 90%
        trials 20,000
        seed 11
        over the term
        ${correlation}
    }
    projection`)));
        const independent = runTermMonteCarlo(drawn(''));
        const correlated = runTermMonteCarlo(drawn('correlation 90% year to year'));
        expect(correlated.correlation).toBeCloseTo(0.9, 12);
        // Correlated years move together: the term total spreads wider.
        expect(correlated.sd).toBeGreaterThan(independent.sd * 1.4);
        expect(independent.pLoss).toBeGreaterThan(0.05);
        expect(independent.pLoss).toBeLessThan(0.95);
        expect(runTermMonteCarlo(drawn('')).mean).toBe(independent.mean);
    });
});

const GLIDE = `contract "BASIC glide path with advance investment" {
    program MSSP BASIC A year 2024
    term { start 2024-01-01 end 2028-12-31 }
    population { assigned beneficiaries 10,000 benchmark $50,000,000 total }
    advance investment {
        one-time $250,000
        quarterly $45,000 for 8 quarters
        recouped from shared savings
    }
    year 3 { program MSSP BASIC B }
    projection "Recouped" {
        year 1 { savings 1% quality score 90% }
        year 2 { savings 2% quality score 90% }
        year 3 { savings 3.1% quality score 90% }
        year 4 { savings 4% quality score 90% }
        year 5 { savings 0.5% quality score 90% }
        expect term net cash $1,391,600
    }
}
`;

describe('the cash ledger with an advance investment payment', () => {
    const model = buildModel(parseContract(GLIDE));
    const projection = settleProjection(model, model.projections[0]);
    const cash = (year: number, stream: string) => projection.years[year - 1].ledger.entries.filter((e) => e.stream === stream).reduce((sum, e) => sum.plus(e.amount), new Dec(0)).toFixed(2);

    it('pays the advance in years 1 and 2, and recoups it from later savings, never from none', () => {
        // Paid: 250,000 + 4 × 45,000 = 430,000 in year 1; 180,000 in year 2: 610,000 outstanding.
        expect(cash(1, 'advance investment')).toBe('430000.00');
        expect(cash(2, 'advance investment')).toBe('180000.00');
        // Years 1–2: 1% and 2% are below the 3% variable minimum at 10,000: nothing earned, nothing recouped.
        expect(cash(1, 'advance investment recouped')).toBe('0.00');
        expect(projection.years[1].ledger.advanceBalance.toFixed(2)).toBe('610000.00');
        // Year 3 (BASIC B): 3.1% ≥ 3%: 1,550,000 × 40% × 98% = 607,600, short of the 610,000: all of it is recouped.
        expect(projection.years[2].settlement.earned.toFixed(2)).toBe('607600.00');
        expect(cash(3, 'advance investment recouped')).toBe('607600.00');
        expect(projection.years[2].ledger.netToAco.toFixed(2)).toBe('0.00');
        expect(projection.years[2].ledger.advanceBalance.toFixed(2)).toBe('2400.00');
        // Year 4: 4%: 2,000,000 × 40% × 98% = 784,000, more than the 2,400 left: 2,400 recouped, 781,600 kept.
        expect(cash(4, 'advance investment recouped')).toBe('2400.00');
        expect(projection.years[3].ledger.netToAco.toFixed(2)).toBe('781600.00');
        expect(projection.years[3].ledger.advanceBalance.toFixed(2)).toBe('0.00');
        // Net over the term: 430,000 + 180,000 + 0 + 781,600 + 0 = 1,391,600.
        expect(projection.totalNetCash.toFixed(2)).toBe('1391600.00');
        expect(projection.expectations[0].passed).toBe(true);
    });

    it('records sequestration as kept by the payer, outside the net cash', () => {
        // Year 4: 800,000 shared before sequestration, 16,000 kept.
        const entry = projection.years[3].ledger.entries.find((e) => e.stream === 'sequestration');
        expect(entry?.direction).toBe('kept by payer');
        expect(entry?.amount.toFixed(2)).toBe('16000.00');
    });

    it('moves to the glide path\'s level in its year', () => {
        expect(modelForYear(model, 3).program).toMatchObject({ track: 'BASIC B', year: 2026 });
        expect(modelForYear(model, 2).program).toMatchObject({ track: 'BASIC A', year: 2025 });
    });

    it('a level with losses needs the elected minimum savings rate', async () => {
        const result = await validate(GLIDE.replace('year 3 { program MSSP BASIC B }', 'year 3 { program MSSP BASIC C }'));
        expect(result.diagnostics.find((d) => d.code === 'missing-minimum-rate')?.message).toMatch(/^From year 3 the contract is two-sided/);
        const stated = await validate(GLIDE.replace('year 3 { program MSSP BASIC B }', 'year 3 { program MSSP BASIC C shared savings { minimum savings rate 2% } }'));
        expect(codesOf(stated)).not.toContain('missing-minimum-rate');
    });
});

const COMMERCIAL = `contract "Three-year commercial" {
    term { start 2025-01-01 end 2027-12-31 }
    population { assigned beneficiaries 2,000 benchmark $500 per member per month }
    capitation {
        care coordination fee $10 per member per month clawback 15% if READM misses
    }
    shared savings { sharing rate 50% }
    quality {
        measure READM "Readmissions" { lower is better threshold 16% target 14% weight 100% }
    }
    scenario "Readmissions miss" { savings 2% result READM 17% }
    scenario "Readmissions met" { savings 2% result READM 15% }
}
`;

describe('a care-coordination fee with a clawback', () => {
    const model = buildModel(parseContract(COMMERCIAL));

    it('claws back its share of the year\'s fees when the measure misses', () => {
        // Fees: $10 × 24,000 member months = 240,000, paid monthly; 17% is worse than the 16% threshold:
        // 15% = 36,000 back at settlement. Savings 2% of 12,000,000 = 240,000 × 50% × credit 0 … the
        // score is 0 (17% is past the threshold), so nothing is shared under `scaled` (default).
        const miss = settle(model, model.scenarios[0]);
        const entries = miss.ledger!.entries;
        expect(entries.find((e) => e.stream === 'care coordination fee')?.amount.toFixed(2)).toBe('240000.00');
        expect(entries.find((e) => e.stream === 'clawback')).toMatchObject({ direction: 'to payer', timing: 'at settlement' });
        expect(entries.find((e) => e.stream === 'clawback')?.amount.toFixed(2)).toBe('36000.00');
        expect(miss.ledger!.netToAco.toFixed(2)).toBe('204000.00');
        // 15% is inside the threshold: no clawback; credit (16 − 15) / 2 = 50%: 240,000 × 50% × 50% = 60,000 shared.
        const met = settle(model, model.scenarios[1]);
        expect(met.ledger!.entries.some((e) => e.stream === 'clawback')).toBe(false);
        expect(met.earned.toFixed(2)).toBe('60000.00');
        expect(met.ledger!.netToAco.toFixed(2)).toBe('300000.00');
    });

    it('warns where a scenario cannot decide the clawback', async () => {
        const result = await validate(COMMERCIAL.replace('scenario "Readmissions met" { savings 2% result READM 15% }', 'scenario "Score only" { savings 2% quality score 50% }'));
        expect(result.diagnostics.find((d) => d.code === 'clawback-unmeasured')?.message).toMatch(/scenario "Score only" does not give/);
    });
});

describe('years against the term', () => {
    it('a calendar year written as a year number, with the year it means', async () => {
        const result = await validate(FIVE_YEARS.replace('projection "Base case" {', 'scenario "Calendar" { savings 2% quality score 80% year 2026 }\n    projection "Base case" {'));
        const error = result.diagnostics.find((d) => d.code === 'calendar-year-as-index');
        expect(error?.message).toBe('2026 is a calendar year; performance years are counted from 1 within the term, and in the term from 2024-01-01 to 2028-12-31 2026 is performance year 3: write `year 3`.');
        expect(error && textAt(result.document, error)).toBe('2026');
    });

    it('a scenario year outside the term, naming the term', async () => {
        const result = await validate(FIVE_YEARS.replace('projection "Base case" {', 'scenario "Late" { savings 2% quality score 80% year 7 }\n    projection "Base case" {'));
        expect(result.diagnostics.find((d) => d.code === 'year-outside-term')?.message).toBe('the term from 2024-01-01 to 2028-12-31 holds 5 performance years; year 7 lies outside it.');
    });

    it('a projection missing a year, or repeating one', async () => {
        const missing = await validate(FIVE_YEARS.replace('        year 4 { savings -3% quality score 80% }\n', ''));
        expect(missing.diagnostics.find((d) => d.code === 'projection-years')?.message).toMatch(/has no year 4 of the term/);
        const twice = await validate(FIVE_YEARS.replace('year 4 { savings -3%', 'year 3 { savings -3%'));
        expect(codesOf(twice)).toContain('projection-years');
        expect(codesOf(await validate(FIVE_YEARS))).not.toContain('projection-years');
    });

    it('a scenario without a year settles the program year of the term', () => {
        const late = buildModel(parseContract(FIVE_YEARS.replace('program MSSP ENHANCED year 2024', 'program MSSP ENHANCED year 2026')));
        expect(late.agreement.defaultYear).toBe(3);
        const kernel = new SettlementKernel(late);
        // Year 3: the trend has run twice: 106,090,000.
        kernel.earned(0, 1);
        expect(kernel.lastBenchmark).toBeCloseTo(106_090_000, 6);
    });
});
