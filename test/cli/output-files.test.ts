/**
 * Every command that writes a file (`format`, `test --update`, `summary -o`) through the built
 * `aco`: devices and links are never replaced, a file keeps its mode, owner and links, read-only
 * files are left alone without `--force`, a batch names every file it changed and every file it
 * could not write, and no temporary file outlives the run.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin/aco.js');
const spec = fs.readFileSync(path.join(root, 'test/data/spec-contract.aco'), 'utf-8');
let work: string;

/** The spec contract with one term out of the canonical layout. */
const UNFORMATTED = spec.replace(/^( {4}currency USD)$/m, '      currency    USD');
const isRoot = process.getuid?.() === 0;

function aco(args: string[], cwd = work): { code: number; stdout: string; stderr: string } {
    const run = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf-8', env: { ...process.env, NO_COLOR: '1' } });
    return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

let counter = 0;
/** A fresh folder for one test. */
function folder(): string {
    const dir = path.join(work, `t${counter++}`);
    fs.mkdirSync(dir);
    return dir;
}

function temporaries(dir: string): string[] {
    return fs.readdirSync(dir).filter(name => name.endsWith('.tmp'));
}

function expectOneLine(stderr: string, pattern: RegExp): void {
    expect(stderr).toMatch(pattern);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
}

beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'aco-out-'));
    expect(UNFORMATTED).not.toBe(spec);
});

afterAll(() => {
    fs.rmSync(work, { recursive: true, force: true });
});

describe('summary -o', () => {
    test('a device is refused, not replaced by a regular file', () => {
        const dir = folder();
        fs.writeFileSync(path.join(dir, 'c.aco'), spec);
        const run = aco(['summary', 'c.aco', '-o', '/dev/full'], dir);
        expect(run.code).toBe(2);
        expectOneLine(run.stderr, /\/dev\/full: not a regular file/);
        expect(fs.statSync('/dev/full').isCharacterDevice()).toBe(true);
    });

    test.each(['-', '/dev/stdout'])('%s writes the summary to standard output as a stream', (target) => {
        const dir = folder();
        fs.writeFileSync(path.join(dir, 'c.aco'), spec);
        const run = aco(['summary', 'c.aco', '-o', target], dir);
        expect(run.code).toBe(0);
        expect(run.stdout).toMatch(/^# /);
        expect(run.stdout).toContain('data:image/svg+xml');
        expect(fs.readdirSync(dir)).toEqual(['c.aco']);
    });

    test('a symbolic link is refused and its target left as it was', () => {
        const dir = folder();
        fs.writeFileSync(path.join(dir, 'c.aco'), spec);
        fs.writeFileSync(path.join(dir, 'target.md'), 'keep me\n');
        fs.symlinkSync('target.md', path.join(dir, 'link.md'));
        const run = aco(['summary', 'c.aco', '-o', 'link.md'], dir);
        expect(run.code).toBe(2);
        expectOneLine(run.stderr, /link\.md: is a symbolic link/);
        expect(fs.lstatSync(path.join(dir, 'link.md')).isSymbolicLink()).toBe(true);
        expect(fs.readFileSync(path.join(dir, 'target.md'), 'utf-8')).toBe('keep me\n');
        expect(fs.readdirSync(dir).filter(f => f.endsWith('.svg'))).toEqual([]);
    });

    test('when the Markdown cannot be written, no chart is left behind', () => {
        const dir = folder();
        fs.writeFileSync(path.join(dir, 'c.aco'), spec);
        fs.mkdirSync(path.join(dir, 'out.md'));
        const run = aco(['summary', 'c.aco', '-o', 'out.md'], dir);
        expect(run.code).toBe(2);
        expectOneLine(run.stderr, /out\.md: not a regular file/);
        expect(fs.readdirSync(dir).sort()).toEqual(['c.aco', 'out.md']);
    });

    test('a read-only summary is refused without --force and rewritten, still read-only, with it', () => {
        const dir = folder();
        fs.writeFileSync(path.join(dir, 'c.aco'), spec);
        const target = path.join(dir, 'out.html');
        fs.writeFileSync(target, 'old');
        fs.chmodSync(target, 0o444);
        const refused = aco(['summary', 'c.aco', '--format', 'html', '-o', 'out.html'], dir);
        expect(refused.code).toBe(2);
        expectOneLine(refused.stderr, /out\.html: is read-only/);
        expect(fs.readFileSync(target, 'utf-8')).toBe('old');
        const forced = aco(['summary', 'c.aco', '--format', 'html', '-o', 'out.html', '--force'], dir);
        expect(forced.code).toBe(0);
        expect(fs.readFileSync(target, 'utf-8')).toMatch(/^<!DOCTYPE html>/i);
        expect(fs.statSync(target).mode & 0o777).toBe(0o444);
        expect(temporaries(dir)).toEqual([]);
    });

    test('Markdown with its charts is written beside the summary, and nothing else', () => {
        const dir = folder();
        fs.writeFileSync(path.join(dir, 'c.aco'), spec);
        const run = aco(['summary', 'c.aco', '-o', 'out.md'], dir);
        expect(run.code).toBe(0);
        const files = fs.readdirSync(dir).sort();
        expect(files).toContain('out.md');
        expect(files.filter(f => f.endsWith('.svg')).length).toBeGreaterThan(0);
        for (const chart of files.filter(f => f.endsWith('.svg'))) {
            expect(fs.readFileSync(path.join(dir, 'out.md'), 'utf-8')).toContain(chart);
        }
        expect(temporaries(dir)).toEqual([]);
    });
});

describe('format', () => {
    test('a private file stays private', () => {
        const dir = folder();
        const file = path.join(dir, 'c.aco');
        fs.writeFileSync(file, UNFORMATTED, { mode: 0o600 });
        fs.chmodSync(file, 0o600);
        const run = aco(['format', 'c.aco'], dir);
        expect(run.code).toBe(0);
        expect(fs.readFileSync(file, 'utf-8')).toBe(spec);
        expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    });

    test('a read-only file is left alone unless --force, and stays read-only', () => {
        const dir = folder();
        const file = path.join(dir, 'c.aco');
        fs.writeFileSync(file, UNFORMATTED);
        fs.chmodSync(file, 0o444);
        const refused = aco(['format', 'c.aco'], dir);
        expect(refused.code).toBe(2);
        expectOneLine(refused.stderr, /c\.aco: is read-only; not rewritten \(use --force/);
        expect(fs.readFileSync(file, 'utf-8')).toBe(UNFORMATTED);
        const forced = aco(['format', 'c.aco', '--force'], dir);
        expect(forced.code).toBe(0);
        expect(fs.readFileSync(file, 'utf-8')).toBe(spec);
        expect(fs.statSync(file).mode & 0o777).toBe(0o444);
    });

    test.skipIf(!isRoot)('a file owned by another user keeps its owner', () => {
        const dir = folder();
        const file = path.join(dir, 'c.aco');
        fs.writeFileSync(file, UNFORMATTED);
        fs.chownSync(file, 4321, 4321);
        const run = aco(['format', 'c.aco'], dir);
        expect(run.code).toBe(0);
        expect(fs.readFileSync(file, 'utf-8')).toBe(spec);
        const stat = fs.statSync(file);
        expect([stat.uid, stat.gid]).toEqual([4321, 4321]);
    });

    test('a hard-linked file is refused unless --force, which writes every name at once', () => {
        const dir = folder();
        const file = path.join(dir, 'c.aco');
        const other = path.join(dir, 'other-name.txt');
        fs.writeFileSync(file, UNFORMATTED);
        fs.linkSync(file, other);
        const refused = aco(['format', 'c.aco'], dir);
        expect(refused.code).toBe(2);
        expectOneLine(refused.stderr, /c\.aco: has 2 hard links/);
        expect(fs.readFileSync(other, 'utf-8')).toBe(UNFORMATTED);
        const forced = aco(['format', 'c.aco', '--force'], dir);
        expect(forced.code).toBe(0);
        expect(fs.readFileSync(other, 'utf-8')).toBe(spec);
        expect(fs.statSync(file).ino).toBe(fs.statSync(other).ino);
    });

    test('a symbolic link stays a link; the contract it points to is formatted', () => {
        const dir = folder();
        fs.mkdirSync(path.join(dir, 'real'));
        const target = path.join(dir, 'real', 'c.aco');
        fs.writeFileSync(target, UNFORMATTED);
        fs.symlinkSync('real/c.aco', path.join(dir, 'link.aco'));
        const run = aco(['format', 'link.aco'], dir);
        expect(run.code).toBe(0);
        expect(run.stdout).toContain('reformatted link.aco');
        expect(fs.lstatSync(path.join(dir, 'link.aco')).isSymbolicLink()).toBe(true);
        expect(fs.readFileSync(target, 'utf-8')).toBe(spec);
        expect(temporaries(path.join(dir, 'real'))).toEqual([]);
    });

    test('a batch names every file it changed and every file it could not write', () => {
        const dir = folder();
        for (const name of ['a.aco', 'b.aco', 'c.aco']) {
            fs.writeFileSync(path.join(dir, name), UNFORMATTED);
        }
        fs.chmodSync(path.join(dir, 'b.aco'), 0o444);
        const run = aco(['format', '.'], dir);
        expect(run.code).toBe(2);
        expect(run.stdout).toContain('reformatted a.aco');
        expect(run.stdout).toContain('reformatted c.aco');
        expect(run.stdout).not.toContain('reformatted b.aco');
        expect(run.stderr).toMatch(/b\.aco: is read-only/);
        expect(run.stdout).toMatch(/3 files checked, 2 reformatted, 1 could not be written/);
        expect(fs.readFileSync(path.join(dir, 'a.aco'), 'utf-8')).toBe(spec);
        expect(fs.readFileSync(path.join(dir, 'b.aco'), 'utf-8')).toBe(UNFORMATTED);
    });

    test('a temporary file left by a killed run is removed by the next write', () => {
        const dir = folder();
        fs.writeFileSync(path.join(dir, 'c.aco'), UNFORMATTED);
        // A process that has exited: its PID names no running process.
        const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf-8' });
        const stale = path.join(dir, `.c.aco.${gone.stdout}.tmp`);
        fs.writeFileSync(stale, 'half a contr');
        expect(aco(['format', 'c.aco'], dir).code).toBe(0);
        expect(temporaries(dir)).toEqual([]);
    });

    test('an interrupted batch leaves every file whole and no temporary file', async () => {
        const dir = folder();
        const count = 400;
        for (let i = 0; i < count; i++) {
            fs.writeFileSync(path.join(dir, `${String(i).padStart(3, '0')}.aco`), UNFORMATTED);
        }
        const child = spawn(process.execPath, [bin, 'format', '.', '--jobs', '1'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        child.stdout.on('data', (chunk: Buffer) => {
            stdout += chunk.toString();
            // Interrupt once some files have been rewritten.
            if (stdout.split('\n').length > 20) {
                child.kill('SIGINT');
            }
        });
        const signal = await new Promise<NodeJS.Signals | null>(resolve => child.on('exit', (_code, s) => resolve(s)));
        expect(signal).toBe('SIGINT');
        expect(temporaries(dir)).toEqual([]);
        const reported = new Set(stdout.split('\n').filter(l => l.startsWith('reformatted ')).map(l => l.slice('reformatted '.length)));
        expect(reported.size).toBeGreaterThan(0);
        for (const name of fs.readdirSync(dir)) {
            const text = fs.readFileSync(path.join(dir, name), 'utf-8');
            expect([spec, UNFORMATTED]).toContain(text);
            // Every file that changed was named.
            if (text === spec) {
                expect(reported.has(name), name).toBe(true);
            }
        }
    });
});

describe('test --update', () => {
    test('a read-only contract is not rewritten without --force', () => {
        const dir = folder();
        const file = path.join(dir, 'c.aco');
        const wrong = spec.replace('expect earned $2,135,818.13', 'expect earned $2,000,000.00');
        fs.writeFileSync(file, wrong);
        fs.chmodSync(file, 0o444);
        const refused = aco(['test', 'c.aco', '--update'], dir);
        expect(refused.code).toBe(2);
        expectOneLine(refused.stderr, /c\.aco: is read-only/);
        expect(refused.stdout).not.toContain('UPDATED');
        expect(fs.readFileSync(file, 'utf-8')).toBe(wrong);
        const forced = aco(['test', 'c.aco', '--update', '--force'], dir);
        expect(forced.code).toBe(0);
        expect(forced.stdout).toContain('UPDATED c.aco: 1 expectation rewritten');
        expect(fs.readFileSync(file, 'utf-8')).toBe(spec);
        expect(fs.statSync(file).mode & 0o777).toBe(0o444);
    });
});
