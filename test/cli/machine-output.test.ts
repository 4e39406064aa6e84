/**
 * Output that CI parses: a JSON, SARIF or JUnit document owns stdout alone, whatever the contracts
 * hold (errors, failed or rewritten expectations), and what people read goes to stderr. A large run
 * on several threads prints exactly what it prints on one.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { oracleContractText, readOracleRows } from '../settlement/oracle-rows.js';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin/aco.js');
const spec = fs.readFileSync(path.join(root, 'test/data/spec-contract.aco'), 'utf-8');
let work: string;

const BROKEN = `contract "Broken" {
    population { assigned beneficiaries 12,500 benchmark $1,050 per member per month }
    shared savings { sharing rate 175% }
    scenario "s" { savings 3% }
}
`;

function aco(args: string[], cwd = work): { code: number; stdout: string; stderr: string } {
    const run = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf-8', maxBuffer: 1 << 30, env: { ...process.env, NO_COLOR: '1' } });
    return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

/** A JUnit document and nothing else: the declaration, one root element, balanced test suites. */
function expectJunitDocument(text: string): void {
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
    expect(text.trimEnd().endsWith('</testsuites>')).toBe(true);
    expect(text.match(/<testsuite /g)?.length).toBe(text.match(/<\/testsuite>/g)?.length);
    expect(text).not.toMatch(/^\S+\.aco:\d+:\d+: /m);
}

beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'aco-machine-'));
    fs.writeFileSync(path.join(work, 'broken.aco'), BROKEN);
    fs.writeFileSync(path.join(work, 'spec.aco'), spec);
    fs.writeFileSync(path.join(work, 'wrong.aco'), spec.replace('expect earned $2,135,818.13', 'expect earned $2,000,000.00'));
});

afterAll(() => {
    fs.rmSync(work, { recursive: true, force: true });
});

describe('a document on stdout, people on stderr', () => {
    test('test --format json with a contract in error', () => {
        const run = aco(['test', 'broken.aco', 'spec.aco', '--format', 'json']);
        expect(run.code).toBe(1);
        const document = JSON.parse(run.stdout) as { files: Array<{ file: string; diagnostics: unknown[] }> };
        expect(document.files.map(f => f.file)).toEqual(['broken.aco', 'spec.aco']);
        expect(run.stderr).toMatch(/ERROR broken\.aco: the contract has errors/);
        expect(run.stderr).toMatch(/broken\.aco:3:35: error: .*\[percent-range\]/);
    });

    test('test --format junit with a contract in error', () => {
        const run = aco(['test', 'broken.aco', 'spec.aco', '--format', 'junit']);
        expect(run.code).toBe(1);
        expectJunitDocument(run.stdout);
        expect(run.stdout).toContain('type="contract-errors"');
        expect(run.stderr).toMatch(/broken\.aco:3:35: error: /);
    });

    test('test --update --format json: the rewrite is reported on stderr', () => {
        const dir = fs.mkdtempSync(path.join(work, 'update-'));
        fs.copyFileSync(path.join(work, 'wrong.aco'), path.join(dir, 'wrong.aco'));
        const run = aco(['test', 'wrong.aco', '--update', '--format', 'json'], dir);
        expect(run.code).toBe(0);
        expect(JSON.parse(run.stdout)).toHaveProperty('files');
        expect(run.stderr).toContain('UPDATED wrong.aco: 1 expectation rewritten');
        expect(fs.readFileSync(path.join(dir, 'wrong.aco'), 'utf-8')).toBe(spec);
    });

    test('simulate --format json with a contract in error', () => {
        const run = aco(['simulate', 'broken.aco', 'spec.aco', '--format', 'json']);
        expect(run.code).toBe(1);
        const document = JSON.parse(run.stdout) as { files: Array<{ scenarios?: unknown[] }> };
        expect(document.files[0].scenarios).toBeUndefined();
        expect(document.files[1].scenarios).toHaveLength(1);
        expect(run.stderr).toMatch(/broken\.aco:3:35: error: /);
    });

    test.each([['json'], ['sarif']])('validate --format %s with errors and too many warnings', (format) => {
        const run = aco(['validate', 'broken.aco', 'wrong.aco', '--format', format, '--max-warnings', '0']);
        expect(run.code).toBe(1);
        expect(() => JSON.parse(run.stdout)).not.toThrow();
    });
});

describe('many files, many threads', () => {
    let portfolio: string;

    beforeAll(() => {
        // Enough contracts for several chunks, so `--jobs 2` uses a worker thread; one in error, one failing.
        portfolio = fs.mkdtempSync(path.join(work, 'portfolio-'));
        const rows = readOracleRows(path.join(root, 'test/data/mssp-settlements.csv')).slice(0, 300);
        rows.forEach((row, i) => fs.writeFileSync(path.join(portfolio, `${String(i).padStart(4, '0')}.aco`), oracleContractText(row)));
        fs.writeFileSync(path.join(portfolio, '0150-broken.aco'), BROKEN);
        fs.copyFileSync(path.join(work, 'wrong.aco'), path.join(portfolio, '0200-wrong.aco'));
    });

    test.each([
        [['simulate', '.', '--format', 'json']],
        [['test', '.', '--format', 'junit']]
    ])('%j prints the same on one thread and on two', (args) => {
        const one = aco([...args, '--jobs', '1'], portfolio);
        const two = aco([...args, '--jobs', '2'], portfolio);
        expect(two.code).toBe(one.code);
        expect(two.stderr).toBe(one.stderr);
        expect(two.stdout).toBe(one.stdout);
        expect(one.stdout.length).toBeGreaterThan(1000);
    });

    test('every file is reported once, in order', () => {
        const run = aco(['validate', '.', '--format', 'json', '--jobs', '2'], portfolio);
        const files = (JSON.parse(run.stdout) as { files: Array<{ file: string }> }).files.map(f => f.file);
        expect(files).toEqual(fs.readdirSync(portfolio).filter(f => f.endsWith('.aco')).sort((a, b) => a.localeCompare(b)));
    });
});
