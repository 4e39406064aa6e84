/**
 * `aco diff OLD NEW`: term-by-term changes in words, and the payout impact of each scenario of
 * NEW settled under both versions. test/data/diff/riverside-v1.aco is the spec contract
 * (LANGUAGE.md); riverside-v2.aco raises the sharing rate from 75% to 80% and the BCS target from
 * 75% to 78% (and adds an NPI, and halves the Monte Carlo trials). By hand (see v2's header):
 * earned goes from $2,135,818.13 to $2,149,976.77 (+$14,158.64), RPC's share from $794,524.35
 * to $799,791.36 (+$5,267.01).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { diffCommand } from '../../language/cli/diff-command.js';
import { InputError } from '../../language/cli/files.js';
import { loadContracts } from '../../language/cli/contracts.js';
import { readContract } from '../../language/cli/files.js';
import type { ContractModel } from '../../language/model/contract-model.js';
import { contractDiff, termChanges } from '../../language/diff/index.js';

const root = path.resolve(import.meta.dirname, '../..');
const v1 = path.join(root, 'test/data/diff/riverside-v1.aco');
const v2 = path.join(root, 'test/data/diff/riverside-v2.aco');
let work: string;

async function model(file: string): Promise<ContractModel> {
    const [loaded] = await loadContracts([readContract(file)]);
    expect(loaded.hasErrors).toBe(false);
    return loaded.analysis!.model;
}

async function modelOf(text: string, name: string): Promise<ContractModel> {
    const [loaded] = await loadContracts([{ display: name, absolute: path.join(os.tmpdir(), 'aco-diff-test', name), text }]);
    expect(loaded.diagnostics.filter((d) => d.severity === 1)).toEqual([]);
    return loaded.analysis!.model;
}

async function capture(action: () => Promise<number>): Promise<{ code: number; stdout: string; stderr: string }> {
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
        return { code: await action(), stdout, stderr };
    } finally {
        out.mockRestore();
        err.mockRestore();
    }
}

beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'aco-diff-'));
});

afterAll(() => {
    fs.rmSync(work, { recursive: true, force: true });
});

describe('term changes', () => {
    test('v1 → v2 lists each change in words, in contract order', async () => {
        const changes = termChanges(await model(v1), await model(v2));
        expect(changes.map((c) => c.text)).toEqual([
            'Provider SMH NPI added: 1234567893',
            'Sharing rate changed from 75% to 80%',
            'Measure BCS target changed from 75% to 78%',
            "Scenario 'Expected year' expected earned changed from $2,135,818.13 to $2,149,976.77",
            "Scenario 'Expected year' expected payment to RPC changed from $794,524.35 to $799,791.36",
            'Monte Carlo trials changed from 100,000 to 50,000'
        ]);
        const sharing = changes[1];
        expect(sharing).toMatchObject({ change: 'changed', section: 'shared savings', term: 'Sharing rate', old: '75%', new: '80%' });
    });

    test('providers and measures added or removed whole', async () => {
        const spec = fs.readFileSync(v1, 'utf-8');
        const before = await modelOf(spec, 'before.aco');
        const after = await modelOf(spec
            .replace(/provider LFM "Lakeside Family Medicine" \{[^}]*\}/, '')
            .replace('attributed 2,200', 'attributed 2,200\n        }\n        provider NEW "New Clinic" {\n            role primary care\n            attributed 4,100')
            .replace('primary care $38.50 per member per month paid to LFM', 'primary care $38.50 per member per month paid to NEW')
            .replace('minimum savings rate 2%', 'minimum savings rate 2.5%')
            .replace('cap 15% of benchmark', 'cap 12% of benchmark'), 'after.aco');
        const texts = termChanges(before, after).map((c) => c.text);
        expect(texts).toContain("Provider LFM 'Lakeside Family Medicine' removed");
        expect(texts).toContain("Provider NEW 'New Clinic' added");
        expect(texts).toContain('Capitation for primary care paid to NEW added: $38.50 per member per month');
        expect(texts).toContain('Capitation for primary care paid to LFM removed (was $38.50 per member per month)');
        expect(texts).toContain('Minimum savings rate changed from 2% to 2.5%');
        expect(texts).toContain('Loss cap changed from 15% of benchmark to 12% of benchmark');
        // No separate lines for the fields of a provider that came or went.
        expect(texts.filter((t) => t.startsWith('Provider NEW'))).toHaveLength(1);
    });

    test('the same contract has no changes and no payout impact', async () => {
        const m = await model(v1);
        const diff = contractDiff(m, m);
        expect(diff.changes).toEqual([]);
        expect(diff.impact.map((i) => i.earnedDifference!.toFixed(2))).toEqual(['0.00']);
    });
});

describe('payout impact', () => {
    test('each scenario of NEW settled under both versions, with the difference computed by hand', async () => {
        const diff = contractDiff(await model(v1), await model(v2));
        expect(diff.impact).toHaveLength(1);
        const [impact] = diff.impact;
        expect(impact.scenario).toBe('Expected year');
        expect(impact.old.settlement!.earned.toFixed(2)).toBe('2135818.13');
        expect(impact.new.settlement!.earned.toFixed(2)).toBe('2149976.77');
        expect(impact.earnedDifference!.toFixed(2)).toBe('14158.64');
        const shares = Object.fromEntries(impact.shares.map((s) => [s.recipient, [s.old!.toFixed(2), s.new!.toFixed(2), s.difference.toFixed(2)]]));
        expect(shares).toEqual({
            reserve: ['533954.53', '537494.19', '3539.66'],
            RPC: ['794524.35', '799791.36', '5267.01'],
            LFM: ['525411.26', '528894.29', '3483.03'],
            SMH: ['281927.99', '283796.93', '1868.94']
        });
    });

    test('a scenario OLD cannot settle is reported, not thrown', async () => {
        const spec = fs.readFileSync(v1, 'utf-8');
        const before = await modelOf(spec.replace(/population \{[^}]*\}/, 'population { attribution prospective }').replace(/scenario "Expected year" \{[^}]*\}/, ''), 'no-benchmark.aco');
        const diff = contractDiff(before, await model(v2));
        expect(diff.impact[0].old.error).toBeTruthy();
        expect(diff.impact[0].new.settlement).toBeDefined();
        expect(diff.impact[0].earnedDifference).toBeUndefined();
    });
});

describe('diffCommand', () => {
    test('text output, exit 0', async () => {
        const run = await capture(() => diffCommand(v1, v2, { color: false }));
        expect(run.code).toBe(0);
        expect(run.stdout).toContain('    ~ Sharing rate changed from 75% to 80%\n');
        expect(run.stdout).toContain('    + Provider SMH NPI added: 1234567893\n');
        expect(run.stdout).toMatch(/ {4}Earned +\$2,135,818\.13 +\$2,149,976\.77 +\+\$14,158\.64\n/);
        expect(run.stdout).toMatch(/ {4}RPC +\$794,524\.35 +\$799,791\.36 +\+\$5,267\.01\n/);
        expect(run.stderr).toBe('');
    });

    test('--format json', async () => {
        const run = await capture(() => diffCommand(v1, v2, { format: 'json' }));
        expect(run.code).toBe(0);
        const json = JSON.parse(run.stdout);
        expect(json.old.file).toBe(path.relative(process.cwd(), v1));
        expect(json.changes[1]).toEqual({
            change: 'changed', section: 'shared savings', term: 'Sharing rate', old: '75%', new: '80%',
            text: 'Sharing rate changed from 75% to 80%'
        });
        expect(json.impact[0]).toMatchObject({
            scenario: 'Expected year',
            old: { earned: '2135818.13' },
            new: { earned: '2149976.77' },
            earnedChange: '14158.64'
        });
        expect(json.impact[0].shares[1]).toEqual({ recipient: 'RPC', old: '794524.35', new: '799791.36', change: '5267.01' });
    });

    test('a contract with errors: diagnostics printed, exit 1', async () => {
        const broken = path.join(work, 'broken.aco');
        fs.writeFileSync(broken, 'contract "Broken" {\n    shared savings { sharing rate 175% }\n}\n');
        const run = await capture(() => diffCommand(v1, broken, {}));
        expect(run.code).toBe(1);
        expect(run.stderr).toMatch(/broken\.aco:2:35: error: .*\[percent-range\]/);
        expect(run.stdout).toBe('');
    });

    test('bad input is an InputError (exit 2 in the program)', async () => {
        await expect(diffCommand(v1, path.join(work, 'missing.aco'), {})).rejects.toThrow(InputError);
        await expect(diffCommand(work, v2, {})).rejects.toThrow(/one contract file, not a directory/);
    });
});
