/**
 * The `benchmark { … }` section: a commercial budget built from a base cost, its trend and a risk
 * ratio (hand-computed), and the validation of built benchmarks, each check triggered and not.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../language/model/build-model.js';
import { settle } from '../../language/settlement/index.js';
import { codesOf, errorsOf, textAt, validate } from '../helpers.js';
import { parseContract } from './parse-contract.js';

function commercial(benchmark: string, extra = ''): string {
    return `contract "Commercial budget" {
    population { assigned beneficiaries 1,000 }
    benchmark {
${benchmark}
    }
    shared savings { sharing rate 50% }
    ${extra}
    scenario "Year" { expenditure $5,000,000 total }
}
`;
}

describe('a commercial budget built from a base cost', () => {
    it('trends the base cost, applies the capped risk ratio, and multiplies by member months', () => {
        // $400 × 1.05² = $441.00; risk 1.05 / 1.00 capped at 1.03: $454.23 PMPM; × 12,000 member months = $5,450,760.
        // Gross savings $450,760 × 50% = $225,380.
        const text = commercial('base cost $400 per member per month\ntrend 5% per year for 2 years\nrisk score 1.05 against 1.00 capped at 3%');
        const model = buildModel(parseContract(text));
        const result = settle(model, model.scenarios[0]);
        expect(result.benchmark.toString()).toBe('5450760');
        expect(result.earned.toString()).toBe('225380');
        const risk = result.steps.find((step) => step.step === 'risk adjustment');
        expect(risk?.explanation).toBe('Risk score 1.05 against 1: ratio 1.03, capped at 3.00% above 1; $441.00 × 1.03 = $454.23 per member per month.');
        expect(result.steps.find((step) => step.step === 'budget trend')?.explanation).toBe('Base cost $400.00 per member per month trended 5.00% a year for 2 years = $441.00.');
    });

    it('uses the uncapped ratio below the cap, and no ratio without a risk line', () => {
        // 1.02 / 1.00 = 1.02 < 1.03: $400 × 1.02 = $408 × 12,000 = $4,896,000.
        const capped = buildModel(parseContract(commercial('base cost $400 per member per month\nrisk score 1.02 against 1.00 capped at 3%')));
        expect(settle(capped, capped.scenarios[0]).benchmark.toString()).toBe('4896000');
        const plain = buildModel(parseContract(commercial('base cost $400 per member per month')));
        expect(settle(plain, plain.scenarios[0]).benchmark.toString()).toBe('4800000');
    });

    it('validates, and rejects a non-positive risk score on its token', async () => {
        expect(errorsOf(await validate(commercial('base cost $400 per member per month\nrisk score 1.05 against 1.00')))).toEqual([]);
        const result = await validate(commercial('base cost $400 per member per month\nrisk score 0 against 1.00'));
        const error = result.diagnostics.find((d) => d.code === 'risk-score-not-positive');
        expect(error && textAt(result.document, error)).toBe('0');
    });

    it('refuses a stated benchmark beside a built one', async () => {
        const text = commercial('base cost $400 per member per month').replace('assigned beneficiaries 1,000', 'assigned beneficiaries 1,000 benchmark $1 total');
        expect(codesOf(await validate(text))).toContain('two-benchmarks');
    });
});

const A1540 = readFileSync(fileURLToPath(new URL('../../examples/mssp-a1540-py2022.aco', import.meta.url)), 'utf8');

describe('validation of the MSSP method', () => {
    it('accepts the A1540 contract', async () => {
        expect(errorsOf(await validate(A1540))).toEqual([]);
    });

    it('weights that do not sum to 100%, or not three of them', async () => {
        const sum = await validate(A1540.replace('base year weights equal', 'base year weights 10% 30% 50%'));
        const error = sum.diagnostics.find((d) => d.code === 'base-year-weights');
        expect(error?.message).toBe('Base-year weights sum to 90%, not 100%.');
        expect(codesOf(await validate(A1540.replace('base year weights equal', 'base year weights 10% 30% 60%')))).not.toContain('base-year-weights');
        expect(codesOf(await validate(A1540.replace('base year weights equal', 'base year weights 40% 60%')))).toContain('base-year-weights');
    });

    it('an enrollment type listed twice, or missing', async () => {
        const twice = await validate(A1540.replace('enrollment type disabled {', 'enrollment type ESRD {'));
        expect(codesOf(twice)).toContain('duplicate-enrollment-type');
        expect(twice.diagnostics.find((d) => d.code === 'incomplete-benchmark')?.message).toMatch(/needs enrollment type disabled/);
    });

    it('a base year missing from a line', async () => {
        const missing = await validate(A1540.replace(/risk scores (\S+) (\S+) (\S+) performance year/, 'risk scores $1 $2 performance year'));
        expect(missing.diagnostics.find((d) => d.code === 'base-years-count')?.message).toBe('Give one figure for each of base years 1, 2 and 3: a base year is missing (2 given).');
    });

    it('risk scores that are not positive', async () => {
        const result = await validate(A1540.replace(/risk scores (\S+)/, 'risk scores 0'));
        expect(codesOf(result)).toContain('risk-score-not-positive');
    });

    it('a cap outside 0–100%', async () => {
        const result = await validate(A1540.replace('risk ratio cap 3%', 'risk ratio cap 300%'));
        const error = result.diagnostics.find((d) => d.code === 'percent-range');
        expect(error && textAt(result.document, error)).toBe('300%');
    });

    it('shares of person years that do not sum to 100%, on each share line', async () => {
        const result = await validate(A1540.replace(/share of person years (\S+)%/, 'share of person years 2%'));
        const errors = result.diagnostics.filter((d) => d.code === 'person-year-shares-sum');
        expect(errors).toHaveLength(4);
    });

    it('person years that disagree with assigned beneficiaries (a warning)', async () => {
        const low = await validate(A1540.replace('assigned beneficiaries 7,207', 'assigned beneficiaries 9,207'));
        const warning = low.diagnostics.find((d) => d.code === 'person-years-mismatch');
        expect(warning?.severity).toBe(2);
        expect(warning?.message).toMatch(/6,999\.33333333326 performance-year person years against 9,207 assigned beneficiaries \(76%\)/);
        const high = await validate(A1540.replace('assigned beneficiaries 7,207', 'assigned beneficiaries 6,000'));
        expect(codesOf(high)).toContain('person-years-mismatch');
        expect(codesOf(await validate(A1540))).not.toContain('person-years-mismatch');
    });

    it('expenditure by enrollment type: every type, and only with a benchmark built by type', async () => {
        const partial = await validate(A1540.replace(/ {8}expenditure ESRD .*\n/, ''));
        expect(partial.diagnostics.find((d) => d.code === 'expenditure-by-type')?.message).toMatch(/not for ESRD/);
        const noBuild = await validate(commercial('base cost $400 per member per month').replace('expenditure $5,000,000 total', 'expenditure ESRD $1 per capita'));
        expect(codesOf(noBuild)).toContain('expenditure-by-type');
    });
});
