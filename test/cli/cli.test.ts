/**
 * The `aco` command as CI uses it: run as a child process (the built bin/aco.js), checking exit
 * codes, output formats and that bad input gets one clear line, never a stack trace.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin/aco.js');
const specContract = path.join(root, 'test/data/spec-contract.aco');
let work: string;

function aco(...args: string[]): { code: number; stdout: string; stderr: string } {
    const run = spawnSync(process.execPath, [bin, ...args], { cwd: work, encoding: 'utf-8', env: { ...process.env, NO_COLOR: '1' } });
    return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

function write(name: string, content: string | Buffer): string {
    const file = path.join(work, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    return file;
}

const BROKEN = `contract "Broken" {
    population { assigned beneficiaries 12,500 benchmark $1,050 per member per month }
    shared savings { sharing rate 175% }
    scenario "s" { savings 3% }
}
`;

beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'aco-cli-'));
    fs.copyFileSync(specContract, path.join(work, 'spec.aco'));
    write('broken.aco', BROKEN);
});

afterAll(() => {
    fs.rmSync(work, { recursive: true, force: true });
});

describe('aco validate', () => {
    test('every example validates with exit 0', () => {
        const run = aco('validate', path.join(root, 'examples'));
        expect(run.stderr).toBe('');
        expect(run.stdout).toMatch(/\d+ contracts: 0 errors/);
        expect(run.code).toBe(0);
    });

    test('errors print as file:line:column: severity: message [code] and exit 1', () => {
        const run = aco('validate', 'broken.aco');
        expect(run.code).toBe(1);
        expect(run.stdout).toContain('broken.aco:3:35: error: 175% is not a valid rate: a rate lies between 0% and 100%. [percent-range]');
    });

    test('--format json is the normative document', () => {
        const run = aco('validate', 'broken.aco', 'spec.aco', '--format', 'json');
        expect(run.code).toBe(1);
        const json = JSON.parse(run.stdout) as { files: Array<Record<string, unknown>> };
        expect(json.files.map(f => f.file)).toEqual(['broken.aco', 'spec.aco']);
        expect(json.files[0].contract).toBe('Broken');
        expect(json.files[0].diagnostics).toContainEqual({
            severity: 'error', code: 'percent-range', message: '175% is not a valid rate: a rate lies between 0% and 100%.',
            line: 3, column: 35, endLine: 3, endColumn: 39
        });
        expect(json.files[1].diagnostics).toEqual([]);
        expect(json.files[0].scenarios).toBeUndefined();
    });

    test('warnings alone exit 0, unless --max-warnings is exceeded', () => {
        write('warn.aco', `contract "W" {
    population { assigned beneficiaries 12,500 benchmark $1,000 per member per month }
    shared savings { minimum savings rate 1% sharing rate 50% }
    scenario "s" { savings 3% }
}
`);
        expect(aco('validate', 'warn.aco').code).toBe(0);
        expect(aco('validate', 'warn.aco', '--max-warnings', '0').code).toBe(1);
        expect(aco('validate', 'warn.aco', '--max-warnings', '1').code).toBe(0);
        expect(aco('validate', 'warn.aco', '--quiet').stdout).toBe('');
    });

    test.each([
        ['a missing file', ['validate', 'nope.aco'], /nope.aco: no such file or directory/],
        ['a directory without contracts', ['validate', 'empty-dir'], /empty-dir: no .aco contracts in this directory/],
        ['a binary file', ['validate', 'binary.aco'], /binary.aco: a binary file, not a contract/],
        ['a file that is not UTF-8', ['validate', 'latin1.aco'], /latin1.aco: not UTF-8 text/],
        ['a 50 MB file', ['validate', 'huge.aco'], /huge.aco: 50.0 MB is too large for a contract/],
        ['an unknown option', ['validate', 'spec.aco', '--frobnicate'], /unknown option '--frobnicate'/],
        ['no command', ['frobnicate'], /unknown command 'frobnicate'/],
        ['an unknown format', ['validate', 'spec.aco', '--format', 'xml'], /Allowed choices are text, json/],
        ['trials that are not a number', ['simulate', 'spec.aco', '--monte-carlo', '--trials', 'abc'], /--trials.*expected a whole number/],
        ['zero trials', ['simulate', 'spec.aco', '--monte-carlo', '--trials', '0'], /--trials.*expected a whole number from 1/],
        ['a seed that is not a number', ['simulate', 'spec.aco', '--monte-carlo', '--seed', '-3'], /--seed.*expected a whole number/],
        ['a warning limit that is not a number', ['validate', 'spec.aco', '--max-warnings', 'abc'], /--max-warnings.*expected a whole number/]
    ])('%s gets one clear line and exit 2', (_label, args, message) => {
        fs.mkdirSync(path.join(work, 'empty-dir'), { recursive: true });
        write('binary.aco', Buffer.from([0x63, 0x6f, 0x00, 0x01, 0x02]));
        write('latin1.aco', Buffer.from('contract "Caf\xe9" {}', 'latin1'));
        if (!fs.existsSync(path.join(work, 'huge.aco'))) {
            write('huge.aco', Buffer.alloc(50 * 1024 * 1024, 0x20));
        }
        const run = aco(...args);
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(message);
        expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    });

    test('--format sarif with --max-warnings keeps stdout a valid SARIF document', () => {
        const run = aco('validate', 'warn.aco', '--format', 'sarif', '--max-warnings', '0');
        expect(run.code).toBe(1);
        const sarif = JSON.parse(run.stdout) as { version: string; runs: Array<{ results: unknown[] }> };
        expect(sarif.version).toBe('2.1.0');
        expect(sarif.runs[0].results).toHaveLength(1);
        expect(run.stderr).toMatch(/Too many warnings: 1 \(the limit is 0\)/);
    });

    test('a reader that stops early (| head) is not an error', () => {
        const run = spawnSync('bash', ['-c', `"${process.execPath}" "${bin}" simulate spec.aco --explain | head -1`], { cwd: work, encoding: 'utf-8' });
        expect(run.status).toBe(0);
        expect(run.stdout.split('\n').filter(Boolean)).toHaveLength(1);
        expect(run.stderr).toBe('');
    });

    test('--help and --version exit 0', () => {
        expect(aco('--help').code).toBe(0);
        const version = aco('--version');
        expect(version.code).toBe(0);
        expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    });
});

describe('aco simulate', () => {
    test('--format json settles the LANGUAGE.md contract to the cent', () => {
        const run = aco('simulate', 'spec.aco', '--format', 'json');
        expect(run.code).toBe(0);
        const file = (JSON.parse(run.stdout) as { files: Array<{ scenarios: Array<Record<string, unknown>> }> }).files[0];
        const scenario = file.scenarios[0];
        expect(scenario).toMatchObject({
            name: 'Expected year',
            benchmark: '157500000.00',
            expenditure: '152775000.00',
            grossSavings: '4725000.00',
            savingsRate: '0.03',
            qualityScore: '0.615',
            qualityStandardMet: true,
            earned: '2135818.13'
        });
        expect(scenario.capitation).toContainEqual({ service: 'primary care', provider: 'RPC', paid: '3124800.00', withheld: '62496.00', returned: '38435.04' });
        expect(scenario.distribution).toMatchObject({
            reserve: '533954.53',
            providers: [{ provider: 'RPC', amount: '794524.35' }, { provider: 'LFM', amount: '525411.26' }, { provider: 'SMH', amount: '281927.99' }]
        });
        expect(scenario.expectations).toEqual(expect.arrayContaining([
            expect.objectContaining({ kind: 'earned', expected: '2135818.13', actual: '2135818.13', passed: true })
        ]));
        const steps = scenario.steps as Array<{ step: string; amount?: string; explanation: string; line?: number }>;
        expect(steps[0]).toMatchObject({ step: 'benchmark', amount: '157500000.00', line: 21 });
        expect(steps.every(s => s.explanation.length > 10)).toBe(true);
    });

    test('a file with errors has diagnostics and no scenarios, and exits 1', () => {
        const run = aco('simulate', 'broken.aco', '--format', 'json');
        expect(run.code).toBe(1);
        const file = (JSON.parse(run.stdout) as { files: Array<Record<string, unknown>> }).files[0];
        expect(file.scenarios).toBeUndefined();
        expect((file.diagnostics as unknown[]).length).toBeGreaterThan(0);
    });

    test('text output shows a table per scenario and --explain the waterfall', () => {
        const plain = aco('simulate', 'spec.aco');
        expect(plain.code).toBe(0);
        expect(plain.stdout).toMatch(/Scenario "Expected year"/);
        expect(plain.stdout).toMatch(/Earned\s+\$2,135,818\.13/);
        expect(plain.stdout).not.toMatch(/Waterfall/);
        const explained = aco('simulate', 'spec.aco', '--explain');
        expect(explained.stdout).toMatch(/Waterfall/);
        expect(explained.stdout).toMatch(/sequestration/);
    });

    test('--monte-carlo reports the statistics, reproducibly for a seed', () => {
        const first = aco('simulate', 'spec.aco', '--monte-carlo', '--trials', '2000', '--seed', '3', '--format', 'json');
        const again = aco('simulate', 'spec.aco', '--monte-carlo', '--trials', '2000', '--seed', '3', '--format', 'json');
        expect(first.code).toBe(0);
        const mc = (JSON.parse(first.stdout) as { files: Array<{ monteCarlo: Record<string, unknown> }> }).files[0].monteCarlo;
        expect(mc).toMatchObject({ trials: 2000, seed: 3 });
        for (const key of ['mean', 'sd', 'pLoss', 'pGain', 'payerMeanNet']) {
            expect(typeof mc[key]).toBe('number');
        }
        expect(Object.keys(mc.percentiles as object)).toEqual(['p5', 'p25', 'p50', 'p75', 'p95']);
        expect(again.stdout).toBe(first.stdout);
    });

    test('an unknown scenario name is bad usage', () => {
        const run = aco('simulate', 'spec.aco', '--scenario', 'Nope');
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/no scenario called "Nope"/);
    });
});

describe('aco test', () => {
    test('every example scenario carries expectations, and they all pass', () => {
        const run = aco('test', path.join(root, 'examples'), '--format', 'json');
        expect(run.code).toBe(0);
        const files = (JSON.parse(run.stdout) as { files: Array<{ file: string; scenarios: Array<{ name: string; expectations: Array<{ passed: boolean }> }> }> }).files;
        expect(files.length).toBeGreaterThanOrEqual(6);
        for (const file of files) {
            expect(file.scenarios.length, file.file).toBeGreaterThanOrEqual(2);
            for (const scenario of file.scenarios) {
                // The A1540 contract must not state CMS's payment: test/settlement/a1540-contract.test.ts
                // checks that scenario against the report instead of an expect line.
                const checkedAgainstReport = file.file.endsWith('mssp-a1540-py2022.aco') && scenario.name === 'Performance year 2022';
                expect(scenario.expectations.length > 0 || checkedAgainstReport, `${file.file} "${scenario.name}"`).toBe(true);
                expect(scenario.expectations.every(e => e.passed), `${file.file} "${scenario.name}"`).toBe(true);
            }
        }
        expect(aco('test', path.join(root, 'examples')).stdout).toMatch(/^\d+ passed, 0 failed$/m);
    });

    test('passing expectations exit 0 with a closing count', () => {
        const run = aco('test', 'spec.aco');
        expect(run.code).toBe(0);
        expect(run.stdout).toMatch(/^2 passed, 0 failed$/m);
    });

    test('a failing expectation exits 1 and --update rewrites it in place', () => {
        const original = fs.readFileSync(specContract, 'utf-8');
        const wrong = original.replace('expect earned $2,135,818.13', 'expect earned $2,000,000.00');
        const file = write('update.aco', wrong);
        const failing = aco('test', 'update.aco');
        expect(failing.code).toBe(1);
        expect(failing.stdout).toMatch(/FAIL update.aco:\d+ "Expected year" earned: expected \$2,000,000.00, got \$2,135,818.13/);
        expect(failing.stdout).toMatch(/^1 passed, 1 failed$/m);
        const updated = aco('test', 'update.aco', '--update');
        expect(updated.code).toBe(0);
        expect(fs.readFileSync(file, 'utf-8')).toBe(original);
        expect(fs.readdirSync(work).filter(f => f.endsWith('.tmp'))).toEqual([]);
        expect(aco('test', 'update.aco').code).toBe(0);
    });
});
