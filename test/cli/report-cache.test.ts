/**
 * `--cache` through the built `aco`: a second run reads the reports of unchanged files back
 * (shown by a report altered in the cache file coming back as altered), a changed file, another
 * format or another build is checked afresh, the output of a cached run is byte for byte that of
 * an uncached one, and a cache that cannot be read or written never changes a run's result.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin/aco.js');
const example = fs.readFileSync(path.join(root, 'examples/mssp-enhanced-2024.aco'), 'utf-8');
const spec = fs.readFileSync(path.join(root, 'test/data/spec-contract.aco'), 'utf-8');
let work: string;

function aco(args: string[], cwd: string): { code: number; stdout: string; stderr: string } {
    const run = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf-8', env: { ...process.env, NO_COLOR: '1' } });
    return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

let counter = 0;
/** A fresh folder holding two contracts. */
function project(): string {
    const dir = path.join(work, `p${counter++}`);
    fs.mkdirSync(path.join(dir, 'contracts'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'contracts/a.aco'), example);
    fs.writeFileSync(path.join(dir, 'contracts/b.aco'), spec);
    return dir;
}

interface SavedCache {
    build: string;
    entries: Record<string, { sha256: string; report: { stdout: string; file: string } }>;
}

function readCache(file: string): SavedCache {
    return JSON.parse(fs.readFileSync(file, 'utf-8')) as SavedCache;
}

/** Rewrites the saved text report of `name` in the cache, as a marker that shows whether it is read back. */
function alterSavedReport(file: string, name: string, marker: string): void {
    const cache = readCache(file);
    const entry = Object.values(cache.entries).find(e => e.report.file.endsWith(name));
    expect(entry).toBeDefined();
    entry!.report.stdout = marker + '\n';
    fs.writeFileSync(file, JSON.stringify(cache));
}

beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'aco-cache-'));
});

afterAll(() => {
    fs.rmSync(work, { recursive: true, force: true });
});

describe('aco validate --cache', () => {
    test('the first run writes .acocache; the second reads unchanged files back and prints the same', () => {
        const dir = project();
        const first = aco(['validate', 'contracts', '--cache'], dir);
        expect(first.code).toBe(0);
        const cacheFile = path.join(dir, '.acocache');
        expect(Object.keys(readCache(cacheFile).entries)).toHaveLength(2);
        const second = aco(['validate', 'contracts', '--cache'], dir);
        expect(second).toEqual(first);
        // Read back, not checked again: a report altered in the cache comes back as altered.
        alterSavedReport(cacheFile, 'a.aco', 'MARKER from the cache');
        expect(aco(['validate', 'contracts', '--cache'], dir).stdout).toContain('MARKER from the cache');
    });

    test('a changed file is checked again, and only its report changes', () => {
        const dir = project();
        const cacheFile = path.join(dir, 'ci-cache.json');
        expect(aco(['validate', 'contracts', '--cache-location', cacheFile], dir).code).toBe(0);
        alterSavedReport(cacheFile, 'b.aco', 'MARKER for b');
        // a.aco gains an error: its report is made afresh; b.aco is unchanged and read back.
        fs.writeFileSync(path.join(dir, 'contracts/a.aco'), example.replace(/benchmark \$/, 'benchmark -$'));
        const run = aco(['validate', 'contracts', '--cache-location', cacheFile], dir);
        expect(run.code).toBe(1);
        expect(run.stdout).toMatch(/contracts\/a\.aco:\d+:\d+: error/);
        expect(run.stdout).toContain('MARKER for b');
        // The error is kept too: the next run still fails on it.
        expect(aco(['validate', 'contracts', '--cache-location', cacheFile], dir).code).toBe(1);
    });

    test('another format, or the same file shown from another folder, is not served the saved report', () => {
        const dir = project();
        const cacheFile = path.join(dir, 'c.json');
        aco(['validate', 'contracts', '--cache-location', cacheFile], dir);
        const sarif = aco(['validate', 'contracts', '--format', 'sarif', '--cache-location', cacheFile], dir);
        expect(sarif.stdout).toBe(aco(['validate', 'contracts', '--format', 'sarif'], dir).stdout);
        const fromInside = aco(['validate', '.', '--cache-location', cacheFile], path.join(dir, 'contracts'));
        expect(fromInside.stdout).toBe(aco(['validate', '.'], path.join(dir, 'contracts')).stdout);
    });

    test('a cache written by another build, or that is not JSON, is ignored and replaced', () => {
        const dir = project();
        const cacheFile = path.join(dir, '.acocache');
        const plain = aco(['validate', 'contracts'], dir);
        aco(['validate', 'contracts', '--cache'], dir);
        alterSavedReport(cacheFile, 'a.aco', 'MARKER stale');
        const cache = readCache(cacheFile);
        fs.writeFileSync(cacheFile, JSON.stringify({ ...cache, build: `0.0.1 ${'0'.repeat(64)}` }));
        expect(aco(['validate', 'contracts', '--cache'], dir)).toEqual(plain);
        fs.writeFileSync(cacheFile, '{ not json');
        expect(aco(['validate', 'contracts', '--cache'], dir)).toEqual(plain);
        expect(Object.keys(readCache(cacheFile).entries)).toHaveLength(2);
    });

    test('a deleted contract leaves the cache with the next run', () => {
        const dir = project();
        aco(['validate', 'contracts', '--cache'], dir);
        fs.rmSync(path.join(dir, 'contracts/b.aco'));
        aco(['validate', 'contracts', '--cache'], dir);
        const files = Object.values(readCache(path.join(dir, '.acocache')).entries).map(e => e.report.file);
        expect(files).toEqual([path.join('contracts', 'a.aco')]);
    });

    test('a cache that cannot be written is reported on stderr and the result stands', () => {
        const dir = project();
        // Below a regular file: no folder can be made there.
        const run = aco(['validate', 'contracts', '--cache-location', path.join(dir, 'contracts/a.aco/cache.json')], dir);
        expect(run.code).toBe(0);
        expect(run.stdout).toBe(aco(['validate', 'contracts'], dir).stdout);
        expect(run.stderr).toBe('aco: contracts/a.aco: cannot be made a folder for the cache (a file is in the way); the cache was not updated\n');
        expect(run.stderr).not.toMatch(/\n\s+at /);
    });

    test('a cache file that cannot be replaced is reported on stderr and the result stands', () => {
        const dir = project();
        const location = path.join(dir, 'cache.json');
        fs.mkdirSync(location);
        const run = aco(['validate', 'contracts', '--cache-location', location], dir);
        expect(run.code).toBe(0);
        expect(run.stderr).toBe('aco: cache.json: not a regular file; the cache was not updated\n');
    });

    test('the folder of --cache-location is made when it does not exist (a CI cache restored for the first time)', () => {
        const dir = project();
        const location = path.join(dir, '.aco-cache/validate-text');
        expect(aco(['validate', 'contracts', '--cache-location', location], dir).stderr).toBe('');
        expect(Object.keys(readCache(location).entries)).toHaveLength(2);
    });

    test('standard output is refused as the cache location (exit 2)', () => {
        const dir = project();
        const run = aco(['validate', 'contracts', '--cache-location', '-'], dir);
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/the cache is a file, not standard output/);
        expect(run.stdout).toBe('');
    });
});

describe('aco test and simulate --cache', () => {
    test('test reads passing expectations back; test --update is never served a saved report', () => {
        const dir = project();
        const first = aco(['test', 'contracts', '--cache'], dir);
        expect(first.code).toBe(0);
        expect(aco(['test', 'contracts', '--cache'], dir)).toEqual(first);
        // A wrong expectation: the changed file is tested again and fails.
        const wrong = example.replace('expect earned $5,351,376.24', 'expect earned $5,351,376.25');
        expect(wrong).not.toBe(example);
        fs.writeFileSync(path.join(dir, 'contracts/a.aco'), wrong);
        expect(aco(['test', 'contracts', '--cache'], dir).code).toBe(1);
        // --update rewrites the file whatever the cache holds, and its rewriting report is not kept.
        expect(aco(['test', 'contracts', '--update', '--cache'], dir).code).toBe(0);
        expect(fs.readFileSync(path.join(dir, 'contracts/a.aco'), 'utf-8')).toBe(example);
        expect(aco(['test', 'contracts', '--cache'], dir).code).toBe(0);
    });

    test('simulate --format json from the cache is byte for byte the uncached document', () => {
        const dir = project();
        const plain = aco(['simulate', 'contracts', '--format', 'json'], dir);
        aco(['simulate', 'contracts', '--format', 'json', '--cache'], dir);
        expect(aco(['simulate', 'contracts', '--format', 'json', '--cache'], dir)).toEqual(plain);
    });
});
