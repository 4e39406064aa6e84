/**
 * Golden-file tests of the Markdown and HTML summaries of every contract in examples/.
 *
 * The goldens live in test/data/golden/: `NAME.md` with its charts (`NAME-payout.svg`, and
 * `NAME-quality.svg`, `NAME-monte-carlo.svg`, `NAME-term-N.svg` where the contract has them), and
 * `NAME.html`; `diff-riverside.md` and `.html` are the amendment of test/data/diff/. The examples
 * are read when the test runs, so a new or changed example is summarised as it now stands.
 *
 * The generation date is the one thing not taken from the contract: these summaries are made with
 * SOURCE_DATE_EPOCH=1767225600 (1 January 2026), as a reproducible build would set it, and the
 * tool version is package.json's, so a release regenerates them.
 *
 * To regenerate the goldens after an intended change, run
 *
 *     UPDATE_GOLDEN=1 npx vitest run test/summary
 *
 * and review the diff of test/data/golden/ like any other change. Without the flag, a summary
 * that differs from its golden, a missing golden and a golden left over from a removed example
 * all fail.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadContracts } from '../../language/cli/contracts.js';
import { readContract } from '../../language/cli/files.js';
import { contractDiff, diffHtml, diffMarkdown } from '../../language/diff/index.js';
import { contentHash, generationDate, noticesOf, summaryHtml, summaryMarkdown, summaryMonteCarlo, summaryInputOf, type SignOff } from '../../language/summary/index.js';

const root = path.resolve(import.meta.dirname, '../..');
const examples = path.join(root, 'examples');
const goldenDir = path.join(root, 'test/data/golden');
const update = process.env.UPDATE_GOLDEN === '1' || process.env.UPDATE_GOLDEN === 'true';

const names = fs.readdirSync(examples).filter((f) => f.endsWith('.aco')).sort().map((f) => f.replace(/\.aco$/, ''));
const GENERATED = generationDate({ SOURCE_DATE_EPOCH: '1767225600' });
const VERSION = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf-8')) as { version: string }).version;

/** The sign-off facts `aco summary` gathers, with the fixed date. */
function signOffOf(file: string): SignOff {
    return { file: path.relative(root, file), sha256: contentHash(fs.readFileSync(file)), generated: GENERATED, toolVersion: VERSION };
}

/** Every file the summaries of `name` produce, by golden file name. */
async function render(name: string): Promise<Map<string, string>> {
    const file = path.join(examples, `${name}.aco`);
    const [loaded] = await loadContracts([readContract(file)]);
    const errors = loaded.diagnostics.filter((d) => d.severity === 1).map((d) => d.message);
    expect(errors, `examples/${name}.aco has errors`).toEqual([]);
    const analysis = loaded.analysis!;
    const input = summaryInputOf(analysis, summaryMonteCarlo(analysis.model), { notices: noticesOf(loaded.diagnostics), signOff: signOffOf(file) });
    const files = new Map<string, string>();
    const { markdown, files: charts } = summaryMarkdown(input, { chartBaseName: name });
    files.set(`${name}.md`, markdown);
    for (const chart of charts) {
        files.set(chart.name, chart.content);
    }
    files.set(`${name}.html`, summaryHtml(input));
    return files;
}

function check(file: string, actual: string): void {
    const golden = path.join(goldenDir, file);
    if (update) {
        fs.mkdirSync(goldenDir, { recursive: true });
        fs.writeFileSync(golden, actual);
        return;
    }
    if (!fs.existsSync(golden)) {
        expect.fail(`test/data/golden/${file} is missing: run UPDATE_GOLDEN=1 npx vitest run test/summary`);
    }
    // toBe on the whole text: vitest prints a line diff of the first difference.
    expect(actual, `test/data/golden/${file} differs (UPDATE_GOLDEN=1 regenerates it)`).toBe(fs.readFileSync(golden, 'utf-8'));
}

const produced = new Set<string>();

describe('summary goldens', () => {
    test('there are examples to summarise', () => {
        expect(names.length).toBeGreaterThan(0);
    });

    for (const name of names) {
        test(`examples/${name}.aco`, async () => {
            const files = await render(name);
            files.forEach((_, file) => produced.add(file));
            for (const [file, content] of files) {
                check(file, content);
            }
            // The same contract gives the same summary twice (no clock, no randomness).
            const again = await render(name);
            expect(again.get(`${name}.html`)).toBe(files.get(`${name}.html`));
        });
    }

    test('the amendment of test/data/diff (Markdown and HTML)', async () => {
        const v1 = path.join(root, 'test/data/diff/riverside-v1.aco');
        const v2 = path.join(root, 'test/data/diff/riverside-v2.aco');
        const [before] = await loadContracts([readContract(v1)]);
        const [after] = await loadContracts([readContract(v2)]);
        const input = {
            diff: contractDiff(before.analysis!.model, after.analysis!.model), before: before.analysis!.model, after: after.analysis!.model,
            labels: { old: path.relative(root, v1), new: path.relative(root, v2) }, notices: noticesOf(after.diagnostics),
            signOff: { old: signOffOf(v1), new: signOffOf(v2) }
        };
        const files = new Map([['diff-riverside.md', diffMarkdown(input)], ['diff-riverside.html', diffHtml(input)]]);
        files.forEach((content, file) => {
            produced.add(file);
            check(file, content);
        });
    });

    test('no golden is left over from a removed example or chart', () => {
        if (!names.every((name) => produced.has(`${name}.md`)) || !produced.has('diff-riverside.md')) {
            return; // a filtered run (-t) did not render every example
        }
        const goldens = fs.existsSync(goldenDir) ? fs.readdirSync(goldenDir) : [];
        const stale = goldens.filter((file) => !produced.has(file));
        if (update) {
            stale.forEach((file) => fs.rmSync(path.join(goldenDir, file)));
            return;
        }
        expect(stale, 'stale goldens (UPDATE_GOLDEN=1 removes them)').toEqual([]);
    });
});
