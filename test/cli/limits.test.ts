/**
 * The stated limits (language/limits.ts, docs/language.md, docs/cli.md), each on both sides,
 * through the built `aco`: a value beyond one is an error with its own code and a message that
 * reads as figures; the largest allowed value is accepted; options beyond a limit are bad usage.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin/aco.js');
const spec = fs.readFileSync(path.join(root, 'test/data/spec-contract.aco'), 'utf-8');
let work: string;

interface Diagnostic { severity: string; code: string; message: string }

function aco(...args: string[]): { code: number; stdout: string; stderr: string } {
    const run = spawnSync(process.execPath, [bin, ...args], { cwd: work, encoding: 'utf-8', env: { ...process.env, NO_COLOR: '1' } });
    return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

/** The spec contract with one line replaced, written to a file. */
function variant(name: string, from: RegExp, to: string): string {
    const text = spec.replace(from, to);
    expect(text, `${name}: the replacement applies`).not.toBe(spec);
    fs.writeFileSync(path.join(work, name), text);
    return name;
}

function diagnostics(file: string): Diagnostic[] {
    const run = aco('validate', file, '--format', 'json');
    return (JSON.parse(run.stdout) as { files: Array<{ diagnostics: Diagnostic[] }> }).files[0].diagnostics;
}

function errorsWith(file: string, code: string): Diagnostic[] {
    return diagnostics(file).filter(d => d.severity === 'error' && d.code === code);
}

beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'aco-limits-'));
});

afterAll(() => {
    fs.rmSync(work, { recursive: true, force: true });
});

describe('contract values', () => {
    test.each([
        ['money', /benchmark \$1,050\.00 per member per month/, 'benchmark $1,000,000,000,000,000.01 total', 'benchmark $1,000,000,000,000,000 total', 'amount-too-large', /\$1,000,000,000,000,000\.01 is beyond the largest amount a contract may state \(1,000,000,000,000,000\)/],
        ['counts', /assigned beneficiaries 12,500/, 'assigned beneficiaries 1,000,000,001', 'assigned beneficiaries 1,000,000,000', 'count-too-large', /1,000,000,001 is beyond the largest number a contract may state \(1,000,000,000\)/],
        ['percents', /mean 97% of benchmark/, 'mean 1001% of benchmark', 'mean 1000% of benchmark', 'percent-too-large', /1001% is beyond the largest percent a contract may state \(±1,000%\)/],
        ['a performance year', /performance year 12 months/, 'performance year 121 months', 'performance year 120 months', 'count-too-large', /A performance year of 121 months is longer than a performance year may last \(120 months\)/],
        ['Monte Carlo trials', /trials 100,000/, 'trials 10,000,001', 'trials 10,000,000', 'count-too-large', /10,000,001 trials is more than a Monte Carlo run may take \(10,000,000\)/],
        ['a seed', /seed 7/, 'seed 4,294,967,296', 'seed 4,294,967,295', 'count-too-large', /The seed 4,294,967,296 is larger than a seed may be \(4,294,967,295\)/]
    ])('%s: beyond the limit is an error, the limit itself is not', (label, from, over, at, code, message) => {
        const slug = label.replace(/\W+/g, '-');
        const beyond = errorsWith(variant(`${slug}-over.aco`, from, over), code);
        expect(beyond).toHaveLength(1);
        expect(beyond[0].message).toMatch(message);
        expect(errorsWith(variant(`${slug}-at.aco`, from, at), code)).toEqual([]);
    });

    test('a ten-million-month performance year is an error, not a settlement in the billions', () => {
        const file = variant('long-year.aco', /performance year 12 months/, 'performance year 10,000,000 months');
        const run = aco('simulate', file);
        expect(run.code).toBe(1);
        expect(run.stdout).toMatch(/A performance year of 10,000,000 months is longer than a performance year may last/);
        expect(run.stdout).not.toMatch(/Earned/);
        expect(run.stdout + run.stderr).not.toMatch(/NaN|undefined|Infinity|e\+\d/);
    });

    test('a trillion trials is an error in validate, simulate and summary alike', () => {
        const file = variant('trillion.aco', /trials 100,000/, 'trials 1,000,000,000,000');
        const validate = aco('validate', file);
        expect(validate.code).toBe(1);
        expect(validate.stdout).toMatch(/1,000,000,000,000 trials is more than a Monte Carlo run may take/);
        const simulate = aco('simulate', file, '--monte-carlo');
        expect(simulate.code).toBe(1);
        expect(simulate.stderr).not.toMatch(/internal error/);
        const summary = aco('summary', file);
        expect(summary.code).toBe(1);
        expect(summary.stderr).toMatch(/no summary written/);
        expect(summary.stdout).toBe('');
    });
});

describe('options and files', () => {
    test.each([
        ['--trials above ten million', ['simulate', 'spec.aco', '--monte-carlo', '--trials', '10000001'], /--trials.*from 1 to 10,000,000/],
        ['--seed above 32 bits', ['simulate', 'spec.aco', '--monte-carlo', '--seed', '4294967296'], /--seed.*from 0 to 4,294,967,295/],
        ['--jobs of zero', ['validate', 'spec.aco', '--jobs', '0'], /--jobs.*from 1 to 256/],
        ['--jobs above 256', ['validate', 'spec.aco', '--jobs', '257'], /--jobs.*from 1 to 256/]
    ])('%s is bad usage', (_label, args, message) => {
        fs.writeFileSync(path.join(work, 'spec.aco'), spec);
        const run = aco(...args);
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(message);
    });

    test('the largest trials allowed run', () => {
        fs.writeFileSync(path.join(work, 'spec.aco'), spec);
        // The limit itself is accepted by the option parser; a small run stands in for the long one.
        const run = aco('simulate', 'spec.aco', '--monte-carlo', '--trials', '1000', '--format', 'json');
        expect(run.code).toBe(0);
    });

    test('a file just over 10 MB is refused; one just under is read', () => {
        const under = path.join(work, 'under.aco');
        const over = path.join(work, 'over.aco');
        const padding = (bytes: number): string => spec + '//' + ' '.repeat(bytes - Buffer.byteLength(spec) - 3) + '\n';
        fs.writeFileSync(under, padding(10 * 1024 * 1024));
        fs.writeFileSync(over, padding(10 * 1024 * 1024 + 1));
        expect(fs.statSync(under).size).toBe(10 * 1024 * 1024);
        const read = aco('validate', 'under.aco', '--quiet');
        expect(read.code).toBe(0);
        const refused = aco('validate', 'over.aco');
        expect(refused.code).toBe(2);
        expect(refused.stderr).toMatch(/over\.aco: 10\.0 MB is too large for a contract \(the limit is 10 MB\)/);
    });
});
