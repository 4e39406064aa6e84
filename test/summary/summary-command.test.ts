/**
 * `aco summary` as a command: exit statuses (0, 1 for contract errors, 2 for bad input through
 * `InputError`), stdout versus `-o` (atomic files, charts beside a Markdown summary), and the
 * commander wiring that the program adds with `registerSummaryCommand`. Called in-process:
 * bin/aco.js only knows the commands main.ts registers.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Command, CommanderError } from 'commander';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { InputError } from '../../language/cli/files.js';
import { registerDiffCommand } from '../../language/cli/diff-command.js';
import { registerSummaryCommand, summaryCommand } from '../../language/cli/summary-command.js';
import { buildProgram } from '../../language/cli/main.js';

const root = path.resolve(import.meta.dirname, '../..');
const spec = path.join(root, 'test/data/spec-contract.aco');
let work: string;

const BROKEN = `contract "Broken" {
    population { assigned beneficiaries 12,500 benchmark $1,050 per member per month }
    shared savings { sharing rate 175% }
    scenario "s" { savings 3% }
}
`;

/** Runs `action` capturing what it writes to stdout and stderr. */
async function capture<T>(action: () => Promise<T>): Promise<{ result: T; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
        stdout += String(chunk);
        return true;
    });
    const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
        stderr += String(chunk);
        return true;
    });
    try {
        return { result: await action(), stdout, stderr };
    } finally {
        out.mockRestore();
        err.mockRestore();
    }
}

beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'aco-summary-'));
    fs.writeFileSync(path.join(work, 'broken.aco'), BROKEN);
});

afterAll(() => {
    fs.rmSync(work, { recursive: true, force: true });
});

afterEach(() => {
    vi.restoreAllMocks();
});

describe('summaryCommand', () => {
    test('Markdown to stdout, charts inline, exit 0', async () => {
        const run = await capture(() => summaryCommand(spec, { format: 'md' }));
        expect(run.result).toBe(0);
        expect(run.stdout.startsWith('# Riverside Health Partners — MSSP ENHANCED 2025\n')).toBe(true);
        expect(run.stdout).toContain('](data:image/svg+xml;base64,');
        expect(run.stderr).toBe('');
    });

    test('HTML to stdout, exit 0', async () => {
        const run = await capture(() => summaryCommand(spec, { format: 'html' }));
        expect(run.result).toBe(0);
        expect(run.stdout.startsWith('<!DOCTYPE html>')).toBe(true);
        expect(run.stdout).toContain('<svg xmlns="http://www.w3.org/2000/svg" class="aco-chart payout-chart"');
    });

    test('-o writes the Markdown and its charts beside it, atomically', async () => {
        const target = path.join(work, 'out', 'riverside.md');
        fs.mkdirSync(path.dirname(target), { recursive: true });
        const run = await capture(() => summaryCommand(spec, { format: 'md', output: target }));
        expect(run.result).toBe(0);
        expect(fs.readdirSync(path.dirname(target)).sort()).toEqual(['riverside-monte-carlo.svg', 'riverside-payout.svg', 'riverside-quality.svg', 'riverside.md']);
        const markdown = fs.readFileSync(target, 'utf-8');
        expect(markdown).toContain('](riverside-payout.svg)');
        expect(markdown).toContain('](riverside-monte-carlo.svg)');
        expect(fs.readFileSync(path.join(path.dirname(target), 'riverside-payout.svg'), 'utf-8')).toMatch(/^<svg /);
        expect(run.stdout).toContain(`Wrote ${target}`);
        const quiet = await capture(() => summaryCommand(spec, { format: 'md', output: target, quiet: true }));
        expect(quiet.stdout).toBe('');
    });

    test('-o with --format html writes one self-contained file', async () => {
        const target = path.join(work, 'riverside.html');
        const run = await capture(() => summaryCommand(spec, { format: 'html', output: target }));
        expect(run.result).toBe(0);
        const html = fs.readFileSync(target, 'utf-8');
        expect(html).toContain('<style>');
        expect(html).not.toMatch(/<script|<link|src="http|href="http/i);
        expect(fs.existsSync(path.join(work, 'riverside-payout.svg'))).toBe(false);
    });

    test('a contract with errors prints its diagnostics and exits 1, writing nothing', async () => {
        const target = path.join(work, 'broken.md');
        const run = await capture(() => summaryCommand(path.join(work, 'broken.aco'), { format: 'md', output: target }));
        expect(run.result).toBe(1);
        expect(run.stderr).toMatch(/broken\.aco:3:35: error: .*\[percent-range\]/);
        expect(run.stdout).toBe('');
        expect(fs.existsSync(target)).toBe(false);
    });

    test('bad input is an InputError (exit 2 in the program)', async () => {
        await expect(summaryCommand(path.join(work, 'missing.aco'), { format: 'md' })).rejects.toThrow(InputError);
        await expect(summaryCommand(work, { format: 'md' })).rejects.toThrow(/one contract file, not a directory/);
        await expect(summaryCommand(spec, { format: 'md', output: path.join(work, 'no', 'such', 'dir.md') })).rejects.toThrow(InputError);
        await expect(summaryCommand(spec, { format: 'docx' as 'md' })).rejects.toThrow(InputError);
        fs.writeFileSync(path.join(work, 'binary.aco'), Buffer.from([0, 1, 2, 3]));
        await expect(summaryCommand(path.join(work, 'binary.aco'), { format: 'md' })).rejects.toThrow(/binary/);
    });
});

describe('sign-off facts and PDF', () => {
    const saved = { epoch: process.env.SOURCE_DATE_EPOCH, chromium: process.env.ACO_CHROMIUM };
    afterEach(() => {
        for (const [name, value] of [['SOURCE_DATE_EPOCH', saved.epoch], ['ACO_CHROMIUM', saved.chromium]] as const) {
            if (value === undefined) {
                delete process.env[name];
            } else {
                process.env[name] = value;
            }
        }
    });

    test('the summary carries the file\'s SHA-256, the SOURCE_DATE_EPOCH date and the version', async () => {
        process.env.SOURCE_DATE_EPOCH = '1767225600';
        const run = await capture(() => summaryCommand(spec, { format: 'md' }));
        const sha256 = createHash('sha256').update(fs.readFileSync(spec)).digest('hex');
        const version = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf-8')) as { version: string }).version;
        expect(run.stdout).toContain(`**SHA-256:** ${sha256}`);
        expect(run.stdout).toContain('**Generated:** 1 January 2026, 00:00 UTC');
        expect(run.stdout).toContain(`**Tool:** aco ${version}`);
        // The same date, the same bytes: a summary is reproducible.
        const again = await capture(() => summaryCommand(spec, { format: 'md' }));
        expect(again.stdout).toBe(run.stdout);
        process.env.SOURCE_DATE_EPOCH = 'last tuesday';
        await expect(summaryCommand(spec, { format: 'md' })).rejects.toThrow(/SOURCE_DATE_EPOCH=last tuesday: expected a whole number of seconds/);
    });

    test('--format pdf without Chromium is bad input naming the package, before any work', async () => {
        process.env.ACO_CHROMIUM = path.join(work, 'no-chromium-here');
        const target = path.join(work, 'none.pdf');
        await expect(summaryCommand(spec, { format: 'pdf', output: target })).rejects.toThrow(/ACO_CHROMIUM=.*no-chromium-here is not there/);
        delete process.env.ACO_CHROMIUM;
        if (!fs.existsSync('/usr/bin/chromium')) {
            await expect(summaryCommand(spec, { format: 'pdf', output: target })).rejects.toThrow(/install Debian's chromium package \(apt-get install chromium\)/);
        }
        expect(fs.existsSync(target)).toBe(false);
    });

    test.skipIf(!fs.existsSync('/usr/bin/chromium'))('--format pdf -o prints the summary through Chromium', async () => {
        const target = path.join(work, 'riverside.pdf');
        const run = await capture(() => summaryCommand(spec, { format: 'pdf', output: target }));
        expect(run.result).toBe(0);
        expect(run.stdout).toBe(`Wrote ${target}\n`);
        const pdf = fs.readFileSync(target);
        expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        expect(fs.readdirSync(work).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    }, 120_000);
});

describe('registerSummaryCommand and registerDiffCommand', () => {
    function program(): { program: Command; codes: number[] } {
        const codes: number[] = [];
        const program = new Command('aco').exitOverride();
        registerSummaryCommand(program, (code) => codes.push(code));
        registerDiffCommand(program, (code) => codes.push(code));
        return { program, codes };
    }

    test('the options parse and the exit status reaches run()', async () => {
        const { program: aco, codes } = program();
        const target = path.join(work, 'wired.html');
        await capture(() => aco.parseAsync(['summary', spec, '--format', 'html', '-o', target, '--quiet', '--no-color'], { from: 'user' }));
        expect(codes).toEqual([0]);
        expect(fs.readFileSync(target, 'utf-8')).toContain('<!DOCTYPE html>');
        await capture(() => aco.parseAsync(['summary', path.join(work, 'broken.aco')], { from: 'user' }));
        expect(codes).toEqual([0, 1]);
        await capture(() => aco.parseAsync(['diff', spec, spec, '--format', 'json'], { from: 'user' }));
        expect(codes).toEqual([0, 1, 0]);
    });

    test('wired into the aco program: bad input reaches main() as an InputError', async () => {
        const codes: number[] = [];
        const aco = buildProgram((code) => codes.push(code));
        await expect(aco.parseAsync(['summary', path.join(work, 'missing.aco')], { from: 'user' })).rejects.toThrow(InputError);
        await expect(aco.parseAsync(['diff', spec, path.join(work, 'missing.aco')], { from: 'user' })).rejects.toThrow(InputError);
        const run = await capture(() => aco.parseAsync(['diff', spec, spec], { from: 'user' }));
        expect(run.stdout).toContain('No changes: the terms are the same, and every scenario settles to the same payments under both versions.');
        expect(run.stdout).not.toContain('$0.00');
        expect(codes).toEqual([0]);
    });

    test('Markdown is the default format; other formats are usage errors', async () => {
        const { program: aco } = program();
        const summary = aco.commands.find((c) => c.name() === 'summary')!;
        expect(summary.options.find((o) => o.long === '--format')!.defaultValue).toBe('md');
        expect(summary.options.map((o) => o.long)).toEqual(['--format', '--output', '--force', '--quiet', '--no-color']);
        const run = await capture(() => aco.parseAsync(['summary', spec, '--format', 'docx'], { from: 'user' }).catch((e: unknown) => e));
        expect(run.result).toBeInstanceOf(CommanderError);
        expect((run.result as CommanderError).exitCode).not.toBe(0);
    });
});
