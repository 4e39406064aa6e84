/**
 * Fuzzing every CLI command with seeded mutants of examples/*.aco (mutations.ts). Rounds of 120
 * mutants run until ACO_FUZZ_MS have passed (20 s by default: a round or two, about a minute on
 * two cores); ACO_FUZZ_SEED picks the mutants, so a failure reproduces. Whatever the contract,
 * `aco` must not crash, must exit 0, 1 or 2, must print valid JSON (SARIF, JUnit) where asked,
 * must never print NaN, undefined, Infinity or a figure in exponent form, and its settlements
 * must keep their invariants: gross savings = benchmark − expenditure, the providers'
 * shares sum to the remainder and reserve + remainder = earned, and a 0% rate earns nothing.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { Dec as Decimal } from '../../language/decimal.js';
import { mutate, random } from './mutations.js';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin/aco.js');
const SEED = Number(process.env.ACO_FUZZ_SEED ?? 17);
const BUDGET_MS = Number(process.env.ACO_FUZZ_MS ?? 20_000);
const MUTANTS_PER_ROUND = 120;
/** Mutants per round that also go through the one-file commands (summary, diff, Monte Carlo). */
const SINGLE_FILE_SAMPLE = 4;

const examples = fs.readdirSync(path.join(root, 'examples')).filter(f => f.endsWith('.aco')).sort()
    .map(name => ({ name, text: fs.readFileSync(path.join(root, 'examples', name), 'utf-8') }));
let work: string;
const failures: string[] = [];

interface Run { args: string[]; code: number; stdout: string; stderr: string }

function aco(args: string[], cwd: string): Run {
    const run = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf-8', maxBuffer: 1 << 30, env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });
    return { args, code: run.status ?? -1, stdout: run.stdout ?? '', stderr: run.stderr ?? '' };
}

function fail(what: string, run: Run, detail: string): void {
    failures.push(`aco ${run.args.join(' ')} (seed ${SEED}): ${what}\n  ${detail.slice(0, 600)}`);
}

/** Exit status, no crash, no stack trace, no figure that is not a figure. */
function checkRun(run: Run, allowed: readonly number[]): void {
    if (!allowed.includes(run.code)) {
        fail(`exit status ${run.code}, expected ${allowed.join(' or ')}`, run, run.stderr || run.stdout.slice(0, 300));
    }
    if (/internal error|\n\s+at .+:\d+:\d+/.test(run.stderr)) {
        fail('a crash', run, run.stderr);
    }
    for (const [stream, text] of [['stdout', run.stdout], ['stderr', run.stderr]] as const) {
        const bad = text.split('\n').find(line => /\bNaN\b|\bundefined\b|\bInfinity\b|\d[eE][+-]\d/.test(line));
        if (bad !== undefined) {
            fail(`NaN, undefined, Infinity or an exponent on ${stream}`, run, bad);
        }
    }
}

function parseJson(run: Run): unknown {
    try {
        return JSON.parse(run.stdout);
    } catch (error) {
        fail('stdout is not valid JSON', run, `${String(error)}: ${run.stdout.slice(0, 200)}`);
        return undefined;
    }
}

interface ScenarioJson {
    name: string;
    benchmark: string;
    expenditure: string;
    grossSavings: string;
    earned: string;
    finalSharingRate?: string;
    lossSharingRate?: string;
    distribution?: { reserve: string; remainder: string; providers: Array<{ amount: string }> };
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** The settlement invariants, on the figures as the JSON document gives them (rounded). */
function checkSettlements(run: Run, document: unknown): void {
    const files = (document as { files?: Array<{ file: string; scenarios?: ScenarioJson[]; monteCarlo?: Record<string, unknown> }> })?.files ?? [];
    for (const file of files) {
        for (const s of file.scenarios ?? []) {
            const where = `${file.file} "${s.name}"`;
            for (const figure of [s.benchmark, s.expenditure, s.grossSavings, s.earned]) {
                if (!DECIMAL.test(figure)) {
                    fail('a money figure that is not an exact decimal', run, `${where}: ${figure}`);
                    return;
                }
            }
            const cent = new Decimal(s.earned.includes('.') ? '0.01' : '1');
            const gross = new Decimal(s.grossSavings);
            if (new Decimal(s.benchmark).minus(s.expenditure).minus(gross).abs().greaterThan(cent)) {
                fail('gross savings ≠ benchmark − expenditure', run, `${where}: ${s.benchmark} − ${s.expenditure} ≠ ${s.grossSavings}`);
            }
            const earned = new Decimal(s.earned);
            if (s.distribution) {
                const shares = s.distribution.providers.reduce((sum, p) => sum.plus(p.amount), new Decimal(0));
                if (!shares.equals(s.distribution.remainder)) {
                    fail('provider shares do not sum to the remainder', run, `${where}: ${shares.toFixed()} ≠ ${s.distribution.remainder}`);
                }
                if (new Decimal(s.distribution.reserve).plus(s.distribution.remainder).minus(earned).abs().greaterThan(cent)) {
                    fail('reserve + remainder ≠ earned', run, `${where}: ${s.distribution.reserve} + ${s.distribution.remainder} ≠ ${s.earned}`);
                }
            }
            if (s.finalSharingRate === '0' && gross.greaterThan(0) && !earned.isZero()) {
                fail('a 0% sharing rate earns savings', run, `${where}: earned ${s.earned}`);
            }
            if (s.lossSharingRate === '0' && gross.lessThan(0) && !earned.isZero()) {
                fail('a 0% loss sharing rate owes losses', run, `${where}: earned ${s.earned}`);
            }
        }
        const mc = file.monteCarlo;
        if (mc) {
            // JSON writes NaN and Infinity as null.
            if (JSON.stringify(mc).includes('null')) {
                fail('a Monte Carlo figure that is not finite', run, `${file.file}: ${JSON.stringify(mc).slice(0, 200)}`);
            }
        }
    }
}

function checkJunit(run: Run): void {
    const text = run.stdout;
    if (!text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ') || !text.trimEnd().endsWith('</testsuites>')
        || text.match(/<testsuite /g)?.length !== text.match(/<\/testsuite>/g)?.length) {
        fail('stdout is not one JUnit document', run, text.slice(0, 300));
    }
}

beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'aco-fuzz-'));
});

afterAll(() => {
    fs.rmSync(work, { recursive: true, force: true });
});

test('every command survives mutated contracts', () => {
    const next = random(SEED);
    const started = Date.now();
    let round = 0;
    let mutants = 0;
    while (round === 0 || Date.now() - started < BUDGET_MS) {
        const dir = path.join(work, `round-${round}`);
        fs.mkdirSync(dir);
        const written: Array<{ name: string; original: string }> = [];
        for (let i = 0; i < MUTANTS_PER_ROUND; i++) {
            const example = examples[(round * MUTANTS_PER_ROUND + i) % examples.length];
            const name = `m${String(i).padStart(3, '0')}-${example.name}`;
            fs.writeFileSync(path.join(dir, name), mutate(example.text, next));
            written.push({ name, original: path.join(root, 'examples', example.name) });
        }
        mutants += written.length;

        const validate = aco(['validate', '.', '--format', 'json'], dir);
        checkRun(validate, [0, 1]);
        const files = (parseJson(validate) as { files?: unknown[] } | undefined)?.files;
        if (files && files.length !== written.length) {
            fail(`${files.length} files in the document, ${written.length} on disk`, validate, '');
        }
        const sarif = aco(['validate', '.', '--format', 'sarif'], dir);
        checkRun(sarif, [0, 1]);
        parseJson(sarif);
        const simulate = aco(['simulate', '.', '--format', 'json'], dir);
        checkRun(simulate, [0, 1]);
        checkSettlements(simulate, parseJson(simulate));
        checkRun(aco(['simulate', '.', '--explain'], dir), [0, 1]);
        const junit = aco(['test', '.', '--format', 'junit'], dir);
        checkRun(junit, [0, 1]);
        checkJunit(junit);
        const testJson = aco(['test', '.', '--format', 'json'], dir);
        checkRun(testJson, [0, 1]);
        parseJson(testJson);
        checkRun(aco(['test', '.'], dir), [0, 1]);
        checkRun(aco(['format', '.', '--check'], dir), [0, 1]);

        // Formatting twice changes nothing the second time.
        const formatted = path.join(work, `formatted-${round}`);
        fs.cpSync(dir, formatted, { recursive: true });
        checkRun(aco(['format', '.'], formatted), [0, 1]);
        const again = aco(['format', '.', '--check'], formatted);
        checkRun(again, [0, 1]);
        if (/would reformat/.test(again.stdout)) {
            fail('formatting is not idempotent', again, again.stdout.split('\n').find(l => l.includes('would reformat')) ?? '');
        }

        for (const { name, original } of written.slice(0, SINGLE_FILE_SAMPLE)) {
            checkRun(aco(['summary', name], dir), [0, 1]);
            checkRun(aco(['summary', name, '--format', 'html', '-o', `${name}.html`], dir), [0, 1]);
            const diff = aco(['diff', original, name, '--format', 'json'], dir);
            checkRun(diff, [0, 1]);
            if (diff.code === 0) {
                parseJson(diff);
            }
            checkRun(aco(['diff', original, name], dir), [0, 1]);
            const monteCarlo = aco(['simulate', name, '--monte-carlo', '--trials', '300', '--format', 'json'], dir);
            if (monteCarlo.code === 2 && /needs an uncertainty block/.test(monteCarlo.stderr)) {
                continue;
            }
            checkRun(monteCarlo, [0, 1]);
            checkSettlements(monteCarlo, parseJson(monteCarlo));
        }
        round++;
    }
    expect(failures, `${failures.length} problems in ${mutants} mutants:\n\n${failures.slice(0, 12).join('\n\n')}`).toEqual([]);
}, BUDGET_MS + 240_000);
