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
import { Dec } from '../../language/decimal.js';
import type { ContractModel } from '../../language/model/contract-model.js';
import { contractDiff, diffDocument, diffHtml, diffMarkdown, diffText, identical, termChanges } from '../../language/diff/index.js';
import { cellText } from '../../language/summary/index.js';

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

    test('the same contract has no changes and says so in one line, not in tables of zeros', async () => {
        const m = await model(v1);
        const diff = contractDiff(m, m);
        expect(diff.changes).toEqual([]);
        expect(identical(diff)).toBe(true);
        const text = diffText(diff, m, m, { old: 'a.aco', new: 'b.aco' }).join('\n');
        expect(text).toBe('Changes from a.aco to b.aco\n  No changes: the terms are the same, and every scenario settles to the same payments under both versions.');
        const document = diffDocument({ diff, before: m, after: m, labels: { old: 'a.aco', new: 'b.aco' } });
        expect(document.blocks.find((b) => b.kind === 'banner')).toMatchObject({ tone: 'ok', title: 'No changes: the terms are the same, and every scenario settles to the same payments under both versions.' });
        expect(document.blocks.some((b) => b.kind === 'table' && b.className !== 'approval')).toBe(false);
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

    test('capitation counts: a +$2.25 per member per month change moves net cash, not earned', async () => {
        const spec = fs.readFileSync(v1, 'utf-8');
        const raised = spec.replace('primary care $42.00 per member per month paid to RPC', 'primary care $44.25 per member per month paid to RPC');
        const before = await modelOf(spec, 'cap-before.aco');
        const after = await modelOf(raised, 'cap-after.aco');
        const diff = contractDiff(before, after);
        const [impact] = diff.impact;
        expect(impact.earnedDifference!.toFixed(2)).toBe('0.00');
        // $2.25 × 6,200 attributed × 12 months = $167,400 a year, 2% withheld, the withhold returned by the quality score.
        const stream = (label: string) => impact.streams.find((s) => s.label === label)!;
        expect(stream('Capitation after the withhold (RPC)').difference.toFixed(2)).toBe('164052.00');
        expect(stream('Withheld from capitation, kept by the payer (RPC)').difference.toFixed(2)).toBe('3348.00');
        const returned = stream('Withhold returned by quality (RPC)').difference;
        expect(impact.netCashDifference!.toFixed(2)).toBe(new Dec('164052').plus(returned).toFixed(2));
        expect(impact.netCashDifference!.greaterThan(166000)).toBe(true);
        const text = diffText(diff, before, after, { old: 'a.aco', new: 'b.aco' }).join('\n');
        expect(text).toMatch(/Capitation after the withhold \(RPC\) +\$3,062,304\.00 +\$3,226,356\.00 +\+\$164,052\.00/);
        expect(text).toMatch(/Net cash, all payments .*\+\$166,111\.02/);
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

describe('the amendment document', () => {
    test('what changed term by term, what it does to each scenario, the limits before and after', async () => {
        const before = await model(v1);
        const after = await model(v2);
        const document = diffDocument({ diff: contractDiff(before, after), before, after, labels: { old: 'v1.aco', new: 'v2.aco' } });
        const table = (name: string) => document.blocks.find((b) => b.kind === 'table' && b.className === name);
        const changes = table('term-changes');
        expect(changes && changes.kind === 'table' && changes.rows[1].map(cellText)).toEqual(['Shared savings', 'Sharing rate', '75%', '80%']);
        const impact = table('impact');
        expect(impact && impact.kind === 'table' && impact.rows[0].map(cellText)).toEqual(['Expected year', '$2,135,818.13', '$2,149,976.77', '+$14,158.64', '+$10,683.95']);
        const limits = table('limits');
        expect(limits && limits.kind === 'table' && limits.rows.map((r) => r.map(cellText))).toEqual([
            ['Most gained', '$31,500,000.00', '$31,500,000.00', 'no change'],
            ['Most lost', '$23,625,000.00', '$23,625,000.00', 'no change']
        ]);
        expect(diffMarkdown({ diff: contractDiff(before, after), before, after, labels: { old: 'v1.aco', new: 'v2.aco' } })).toContain('| Shared savings | Sharing rate | 75% | 80% |');
        expect(diffHtml({ diff: contractDiff(before, after), before, after, labels: { old: 'v1.aco', new: 'v2.aco' } })).toContain('<title>Amendment: Riverside Health Partners — MSSP ENHANCED 2025 — changes and what they pay</title>');
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

    test('--format md and html: the amendment in the summary\'s first-page style, with both hashes', async () => {
        for (const format of ['md', 'html'] as const) {
            const run = await capture(() => diffCommand(v1, v2, { format }));
            expect(run.code).toBe(0);
            expect(run.stdout).toContain('Amendment: Riverside Health Partners — MSSP ENHANCED 2025');
            expect(run.stdout).toContain('what the ACO earns rises by');
            expect(run.stdout).toMatch(/[0-9a-f]{64}/);
        }
        const html = (await capture(() => diffCommand(v1, v2, { format: 'html' }))).stdout;
        expect(html).toContain('<div class="part" id="part-first-page">');
        expect(html).toContain('<table class="term-changes">');
        expect(html).toContain('<table class="approval">');
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
