/**
 * `aco simulate` and `aco test` on a whole agreement, as CI runs them (the built bin/aco.js): the
 * projection's year-by-year table and term total, the ledger in JSON (fields added to CLI.md's),
 * Monte Carlo over the term, and term expectations counted by `aco test`.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const bin = path.resolve(import.meta.dirname, '../../bin/aco.js');
let work: string;

function aco(...args: string[]): { code: number; stdout: string; stderr: string } {
    const run = spawnSync(process.execPath, [bin, ...args], { cwd: work, encoding: 'utf-8', env: { ...process.env, NO_COLOR: '1' } });
    return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

// B = $1,000 × 12,000 = 12,000,000; year 1: 2% → 240,000 × 50% = 120,000; year 2 (trend 5%):
// B 12,600,000, 3% → 378,000 × 50% = 189,000; year 3: B 13,230,000, −1% → nothing owed (one-sided).
// Term: 309,000. The care-coordination fee: $5 × 12,000 = 60,000 a year, less a 15% clawback
// (9,000) in year 2, when readmissions (17%) miss the 16% threshold: net cash 180,000, 240,000, 60,000.
const AGREEMENT = `contract "Three-year commercial" {
    term { start 2025-01-01 end 2027-12-31 }
    population { assigned beneficiaries 1,000 benchmark $1,000 per member per month trend 5% per year }
    capitation { care coordination fee $5 per member per month clawback 15% if READM misses }
    shared savings { sharing rate 50% quality adjustment none }
    quality { measure READM "Readmissions" { lower is better threshold 16% target 14% weight 100% } }
    projection "Plan" {
        year 1 { savings 2% result READM 15% }
        year 2 { savings 3% result READM 17% }
        year 3 { savings -1% result READM 15% }
        expect term earned $309,000
        expect term net cash $480,000
    }
    uncertainty { savings normal mean 1% sd 2% trials 2,000 seed 5 over the term correlation 40% year to year }
}
`;

beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'aco-agreements-'));
    fs.writeFileSync(path.join(work, 'agreement.aco'), AGREEMENT);
});

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('aco on a whole agreement', () => {
    test('simulate prints the projection year by year with the term total', () => {
        const run = aco('simulate', 'agreement.aco');
        expect(run.code).toBe(0);
        expect(run.stdout).toMatch(/Projection "Plan"/);
        expect(run.stdout).toMatch(/^\s+2\s+\$12,600,000\.00\s+\$12,222,000\.00\s+3\.00%\s+\$189,000\.00\s+\$240,000\.00$/m);
        expect(run.stdout).toMatch(/^\s+Term\s+\$309,000\.00\s+\$480,000\.00$/m);
    });

    test('JSON adds the projections with each year\'s ledger', () => {
        const run = aco('simulate', 'agreement.aco', '--format', 'json');
        const file = JSON.parse(run.stdout).files[0];
        const projection = file.projections[0];
        expect(projection.totalEarned).toBe('309000.00');
        expect(projection.totalNetCash).toBe('480000.00');
        const year2 = projection.years[1].ledger.entries as Array<{ stream: string; direction: string; timing: string; amount: string }>;
        expect(year2.find((e) => e.stream === 'clawback')).toMatchObject({ direction: 'to payer', timing: 'at settlement', amount: '9000.00' });
        expect(year2.find((e) => e.stream === 'care coordination fee')).toMatchObject({ direction: 'to ACO', timing: 'monthly', amount: '60000.00' });
    });

    test('Monte Carlo over the term reports the term total and P(term total < 0)', () => {
        const run = aco('simulate', 'agreement.aco', '--monte-carlo', '--format', 'json');
        const monteCarlo = JSON.parse(run.stdout).files[0].monteCarlo;
        expect(monteCarlo).toMatchObject({ overTheTerm: true, years: 3, trials: 2000 });
        expect(monteCarlo.yearMeans).toHaveLength(3);
        expect(monteCarlo.pLoss).toBe(0); // one-sided: the term total never goes below zero
        expect(aco('simulate', 'agreement.aco', '--monte-carlo').stdout).toMatch(/P\(term total < 0\) 0\.0%/);
    });

    test('test counts the term expectations, and fails on a wrong one', () => {
        const passing = aco('test', 'agreement.aco');
        expect(passing.code).toBe(0);
        expect(passing.stdout).toMatch(/PASS agreement\.aco:\d+ projection "Plan" term earned \$309,000\.00/);
        expect(passing.stdout).toMatch(/^2 passed, 0 failed$/m);
        fs.writeFileSync(path.join(work, 'wrong.aco'), AGREEMENT.replace('expect term earned $309,000', 'expect term earned $300,000'));
        const failing = aco('test', 'wrong.aco');
        expect(failing.code).toBe(1);
        expect(failing.stdout).toMatch(/FAIL wrong\.aco:\d+ projection "Plan" term earned: expected \$300,000\.00, got \$309,000\.00/);
    });
});
