/**
 * The packaged extension in a real VS Code (code-server 4.100.3 = VS Code 1.100.3), driven in headless
 * Chromium as a person would use it. Each step works on its own copy of a contract in a temporary
 * workspace, leaves a numbered screenshot in test-results/e2e/, and on failure one more
 * (`NN-FAILED-<step>.png`); code-server's output, its logs and the browser console end up there too.
 *
 * Run with `npm run test:e2e` (installs code-server, builds and packages the extension first).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { REPO, startCodeServer, type CodeServer } from './support/code-server.js';
import { isWorkbenchUrl, launchBrowser, openWorkbench, retry, waitFor, Workbench, type Browser } from './support/workbench.js';

const RESULTS = path.join(REPO, 'test-results/e2e');
const SPEC = fs.readFileSync(path.join(REPO, 'test/data/spec-contract.aco'), 'utf8');
// Without its header comment, so the terms the colouring step looks for are on the first screen.
const ENHANCED = fs.readFileSync(path.join(REPO, 'examples/mssp-enhanced-2024.aco'), 'utf8').replace(/^(\/\/.*\n)+/, '');

/** The contract files of the temporary workspace: copies of the repository's, one per step. */
const FILES: Record<string, string> = {
    'mssp-enhanced-2024.aco': ENHANCED,
    'broken-rate.aco': SPEC,
    'inlay-hints.aco': SPEC,
    'hover-explain.aco': SPEC,
    // One measure weighs 20% instead of 25%: the weights sum to 95%.
    'weights-95.aco': SPEC.replace(/(measure BCS[^}]*weight )25%/, '$120%'),
    'summary.aco': SPEC
};

/** 1-based line and column of the first `needle` in `text` (plus `offset` characters). */
function positionOf(text: string, needle: string, offset = 0): { line: number; column: number } {
    const index = text.indexOf(needle);
    if (index < 0) {
        throw new Error(`'${needle}' is not in the contract`);
    }
    const before = text.slice(0, index + offset).split('\n');
    return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** What the settlement engine, through the CLI (`aco simulate --format json`), says `scenario` earns: "$3,390,187.50". */
function engineEarned(contract: string, scenario: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aco-e2e-cli-'));
    try {
        const file = path.join(dir, 'contract.aco');
        fs.writeFileSync(file, contract);
        const output = execFileSync(process.execPath, [path.join(REPO, 'bin/aco.js'), 'simulate', '--format', 'json', '--scenario', scenario, file], { encoding: 'utf8' });
        const earned = (JSON.parse(output) as { files: { scenarios: { name: string; earned: string }[] }[] }).files[0].scenarios.find(s => s.name === scenario)!.earned;
        const [units, cents] = earned.split('.');
        return `$${Number(units).toLocaleString('en-US')}.${cents}`;
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

/** "$2.14M" → 2140000. */
function money(text: string): number {
    const match = /\$([\d,.]+)\s*([KMB]?)/.exec(text);
    if (!match) {
        throw new Error(`no amount in '${text}'`);
    }
    return Number(match[1].replace(/,/g, '')) * ({ '': 1, K: 1e3, M: 1e6, B: 1e9 } as Record<string, number>)[match[2]];
}

describe('the ACO extension in VS Code (code-server)', () => {
    let home: string;
    let workspace: string;
    let server: CodeServer | undefined;
    let browser: Browser | undefined;
    let bench: Workbench;

    beforeAll(async () => {
        fs.rmSync(RESULTS, { recursive: true, force: true });
        fs.mkdirSync(RESULTS, { recursive: true });
        home = fs.mkdtempSync(path.join(os.tmpdir(), 'aco-e2e-'));
        // Removed by afterAll; also if the run is cut short.
        const dir = home;
        process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
        workspace = path.join(home, 'workspace');
        fs.mkdirSync(workspace);
        expect(FILES['weights-95.aco']).not.toBe(SPEC);
        for (const [name, text] of Object.entries(FILES)) {
            fs.writeFileSync(path.join(workspace, name), text);
        }
        server = await startCodeServer({ home, folder: workspace, logFile: path.join(RESULTS, 'code-server.log') });
        browser = await launchBrowser(path.join(home, 'chromium-profile'));
        bench = new Workbench(browser.page, RESULTS);
        const started = Date.now();
        try {
            await openWorkbench(browser.page, server.url, workspace);
        } catch (error) {
            await bench.screenshot('FAILED-workbench');
            throw error;
        }
        console.log(`[e2e] workbench ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        await bench.screenshot('workbench');
    });

    afterAll(async () => {
        try {
            if (browser) {
                fs.writeFileSync(path.join(RESULTS, 'console.log'), browser.console.map(m => `[${m.type}] ${m.url}\n    ${m.text}`).join('\n') + '\n'
                    + browser.pageErrors.map(e => `[pageerror] ${e.url}\n    ${e.message}`).join('\n'));
            }
        } finally {
            await browser?.close();
            await server?.stop();
            if (server && fs.existsSync(path.join(server.userDataDir, 'logs'))) {
                fs.cpSync(path.join(server.userDataDir, 'logs'), path.join(RESULTS, 'logs'), { recursive: true, force: true });
            }
            if (home) {
                fs.rmSync(home, { recursive: true, force: true });
            }
        }
    });

    /** A screenshot when the current step fails. */
    function onFailure(step: string): void {
        onTestFailed(async () => {
            if (bench) {
                const file = await bench.screenshot(`FAILED-${step}`);
                console.error(`[e2e] '${step}' failed; screenshot: ${path.relative(REPO, file)}`);
            }
        });
    }

    /** Each step starts with no editor open and no panel, whatever the step before it left. */
    async function freshStart(step: string): Promise<void> {
        onFailure(step);
        await bench.closeAllEditors();
        await bench.closePanel();
    }

    it('opening a contract activates the extension: syntax colouring and the outline', async () => {
        await freshStart('activation');
        const editor = await bench.openFile('mssp-enhanced-2024.aco');

        // Colours come from the TextMate grammar (keywords, strings, comments) and from the language
        // server's semantic tokens (numbers, money): wait until a number is coloured unlike plain text.
        const colours = await waitFor('keywords, strings and numbers in distinct colours', async () => {
            const tokens = await editor.locator('.view-lines .view-line span > span').evaluateAll(spans => spans.map(span => ({
                text: (span.textContent ?? '').replace(/\u00a0/g, ' '), className: span.className, color: getComputedStyle(span).color
            })));
            const find = (text: string) => tokens.find(token => token.text.trim() === text);
            const keyword = find('population');
            const number = find('18,640');
            const string = find('"Centers for Medicare & Medicaid Services"');
            const plain = find('USD');
            if (!keyword || !number || !string || !plain) {
                return undefined;
            }
            // mtk1 is the editor's default foreground: every coloured token has another class.
            const mtk = (token: { className: string }) => /\bmtk\d+\b/.exec(token.className)?.[0];
            const classes = [keyword, number, string, plain].map(mtk);
            const ready = classes[3] === 'mtk1' && classes.slice(0, 3).every(c => c && c !== 'mtk1') && new Set(classes).size === 4;
            return ready ? { keyword, number, string, plain } : undefined;
        }, 60_000);
        console.log('[e2e] token colours', JSON.stringify(colours));
        expect(new Set([colours.keyword.color, colours.number.color, colours.string.color, colours.plain.color]).size).toBe(4);

        // The Outline view (in the Explorer) lists the contract's sections. The file tree is folded
        // away to give the outline room; its rows are read while scrolling, as the list is virtual.
        const folders = bench.page.locator('.pane-header', { hasText: /^workspace$/i }).first();
        const outlineHeader = bench.page.locator('.pane-header', { hasText: /^outline$/i }).first();
        await outlineHeader.waitFor({ state: 'visible', timeout: 10_000 });
        if (await folders.getAttribute('aria-expanded') === 'true') {
            await folders.click();
        }
        if (await outlineHeader.getAttribute('aria-expanded') !== 'true') {
            await outlineHeader.click();
        }
        const outline = bench.page.locator('.pane', { has: outlineHeader }).locator('.pane-body').first();
        const wanted = ['Cascade Valley Health Alliance', 'population', 'providers', 'shared savings', 'quality', 'scenario "Expected year"'];
        const seen = new Set<string>();
        await waitFor('the outline to list the sections', async () => {
            const rows = await outline.locator('.monaco-list-row').evaluateAll(nodes => nodes.map(node => node.getAttribute('aria-label') ?? node.textContent ?? ''));
            rows.forEach(row => seen.add(row));
            if (wanted.every(label => [...seen].some(row => row.startsWith(label)))) {
                return true;
            }
            if (rows.length > 0) {
                await outline.hover();
                await bench.page.mouse.wheel(0, 200);
            }
            return false;
        }, 30_000, 300);
        await bench.screenshot('activation-colours-outline');
        await outlineHeader.click();
        await folders.click();
    });

    it('a bad percent shows its error in the Problems panel and a squiggle on the token; fixing it clears both', async () => {
        await freshStart('diagnostics');
        const editor = await bench.openFile('broken-rate.aco');
        const message = '175% is not a valid rate: a rate lies between 0% and 100%.';
        // Type "1" before "75%" in `sharing rate 75%`.
        const at = positionOf(SPEC, 'sharing rate 75%', 'sharing rate '.length);
        await bench.goTo(at.line, at.column);
        await bench.page.keyboard.type('1');
        await waitFor('the edit to show', () => bench.lineContaining(editor, 'sharing rate 175%'), 10_000);

        await waitFor('the error in the Problems panel', async () => (await bench.problems()).find(row => row.includes(message)), 30_000);
        // The squiggle lies under "175%" and nothing else.
        const squiggle = await waitFor('an error squiggle under 175%', async () => editor.evaluate(root => {
            const line = [...root.querySelectorAll('.view-lines .view-line')].find(node => (node.textContent ?? '').replace(/\u00a0/g, ' ').includes('sharing rate 175%'));
            if (!line) {
                return undefined;
            }
            // The text range of "175%" in the line.
            const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
            let text = '';
            const nodes: { node: Text; start: number }[] = [];
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                nodes.push({ node: node as Text, start: text.length });
                text += (node.textContent ?? '').replace(/\u00a0/g, ' ');
            }
            const start = text.indexOf('175%');
            const end = start + 4;
            const range = document.createRange();
            const locate = (offset: number) => {
                const hit = [...nodes].reverse().find(n => n.start <= offset)!;
                return { node: hit.node, offset: offset - hit.start };
            };
            const a = locate(start);
            const b = locate(end - 1);
            range.setStart(a.node, a.offset);
            range.setEnd(b.node, b.offset + 1);
            const token = range.getBoundingClientRect();
            const squiggles = [...root.querySelectorAll('.squiggly-error')].map(node => node.getBoundingClientRect())
                .filter(rect => rect.width > 0 && rect.top < token.bottom && rect.bottom > token.top);
            if (squiggles.length === 0) {
                return undefined;
            }
            return { token: { left: token.left, right: token.right }, squiggles: squiggles.map(rect => ({ left: rect.left, right: rect.right })) };
        }), 30_000);
        expect(squiggle.squiggles).toHaveLength(1);
        expect(Math.abs(squiggle.squiggles[0].left - squiggle.token.left)).toBeLessThan(2);
        expect(Math.abs(squiggle.squiggles[0].right - squiggle.token.right)).toBeLessThan(2);
        await bench.screenshot('diagnostic-shown');

        // Fix it: delete the "1" again.
        await bench.page.keyboard.press('Backspace');
        await waitFor('the fix to show', () => bench.lineContaining(editor, 'sharing rate 75%'), 10_000);
        await waitFor('the error to leave the Problems panel', async () => !(await bench.problems()).some(row => row.includes(message)), 30_000);
        await waitFor('the squiggle to go', async () => await editor.locator('.squiggly-error').count() === 0, 30_000);
        await bench.screenshot('diagnostic-cleared');
    });

    it('an inlay hint shows the earned figure beside a scenario, and follows an edit of the expenditure', async () => {
        await freshStart('inlay-hints');
        const editor = await bench.openFile('inlay-hints.aco');
        const scenario = positionOf(SPEC, 'scenario "Expected year" {');
        await bench.goTo(scenario.line, 1);
        const before = await waitFor('the earned inlay hint', async () => {
            const line = await bench.lineContaining(editor, 'scenario "Expected year" {');
            return line && /earned\s*≈\s*\$[\d.,]+[KMB]?/.exec(line)?.[0];
        }, 30_000);
        expect(before).toMatch(/earned\s*≈\s*\$2\.14M/);
        await bench.screenshot('inlay-hint');

        // The clauses that produce money show their figures too: the benchmark, each provider's share.
        const benchmark = positionOf(SPEC, 'benchmark $1,050.00');
        await bench.goTo(benchmark.line, 1);
        await waitFor('the benchmark and provider figures', async () => {
            const total = await bench.lineContaining(editor, 'benchmark $1,050.00');
            const provider = await bench.lineContaining(editor, 'provider RPC');
            return total?.includes('≈ $157.5M') && provider?.includes('≈ $794.52K');
        }, 30_000);
        await bench.screenshot('inlay-hints-clauses');

        // Spend less: $1,018.50 → $1,000.00 per member per month; the savings, and so the earned figure, grow.
        const at = positionOf(SPEC, '$1,018.50', 1);
        await bench.goTo(at.line, at.column);
        for (let i = 0; i < '1,018.50'.length; i++) {
            await bench.page.keyboard.press('Shift+ArrowRight');
        }
        await bench.page.keyboard.type('1,000.00');
        await waitFor('the edit to show', () => bench.lineContaining(editor, 'expenditure $1,000.00'), 10_000);
        // What the engine (the CLI) earns for the edited contract: the hint and the code lens must come
        // to show it (they may pass through figures for the text half typed).
        const expected = engineEarned(SPEC.replace('$1,018.50', '$1,000.00'), 'Expected year');
        const after = await waitFor(`the earned inlay hint to show ≈ ${expected}`, async () => {
            const line = await bench.lineContaining(editor, 'scenario "Expected year" {');
            const hint = line && /earned\s*≈\s*\$[\d.,]+[KMB]?/.exec(line)?.[0];
            return hint && Math.abs(money(hint) - money(expected)) <= 0.005e6 ? hint : undefined;
        }, 30_000);
        expect(money(after)).toBeGreaterThan(money(before));
        // The code lens above the scenario follows too, to the cent.
        await waitFor(`the code lens to show Earned ${expected}`, async () =>
            (await editor.locator('.codelens-decoration').allTextContents()).some(title => title.includes(`Earned ${expected}`)), 30_000);
        await bench.screenshot('inlay-hint-after-edit');
    });

    it('hovering a scenario shows its waterfall, and the code lens "explain" opens the explanation', async () => {
        await freshStart('hover-explain');
        const editor = await bench.openFile('hover-explain.aco');
        const scenario = positionOf(SPEC, 'scenario "Expected year" {');
        await bench.goTo(scenario.line, 1);
        const name = editor.locator('.view-lines .view-line span > span', { hasText: '"Expected year"' }).first();
        await name.waitFor({ state: 'visible', timeout: 20_000 });

        const hover = bench.page.locator('.monaco-hover:not(.hidden)', { hasText: 'Explanation' }).first();
        await retry(4, async () => {
            const box = (await name.boundingBox())!;
            await bench.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 });
            await hover.waitFor({ state: 'visible', timeout: 8_000 });
        }, async () => {
            await bench.page.mouse.move(5, 500);
            await bench.page.keyboard.press('Escape');
        });
        const table = hover.locator('table').first();
        await table.waitFor({ state: 'visible', timeout: 5_000 });
        const headers = await table.locator('th').allTextContents();
        expect(headers.map(h => h.trim())).toEqual(expect.arrayContaining(['Step', 'Explanation']));
        expect(await hover.textContent()).toContain('$2,135,818.13');
        await bench.screenshot('hover-waterfall');
        await bench.page.mouse.move(5, 500);
        await bench.page.keyboard.press('Escape');
        await hover.waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);

        // The code lens above the scenario: "Earned $2,135,818.13 | explain | summary".
        const lenses = editor.locator('.codelens-decoration');
        const earned = lenses.filter({ hasText: 'Earned $2,135,818.13' }).first();
        await earned.waitFor({ state: 'visible', timeout: 30_000 });
        await earned.locator('a', { hasText: /^explain$/ }).click();
        const preview = await bench.webviewFrameWithText('Expected year', 30_000);
        const text = await preview.evaluate(() => document.body.innerText);
        expect(text).toContain('$2,135,818.13');
        const previewHeaders = (await preview.locator('th').allTextContents()).map(h => h.trim());
        expect(previewHeaders).toEqual(expect.arrayContaining(['Step', 'Explanation']));
        await bench.page.locator('.tab', { hasText: /Preview/ }).first().waitFor({ state: 'visible', timeout: 10_000 });
        await bench.screenshot('explain-preview');
    });

    it('the quick fix "Rebalance weights to 100%" applies and its diagnostic disappears', async () => {
        await freshStart('quick-fix');
        const editor = await bench.openFile('weights-95.aco');
        const message = 'Measure weights sum to 95%, not 100%';
        await waitFor('the weights diagnostic', async () => (await bench.problems()).find(row => row.includes(message)), 30_000);
        // The diagnostic sits on each measure's weight: put the cursor on the short one and ask for fixes (Ctrl+.).
        const at = positionOf(FILES['weights-95.aco'], 'weight 20%');
        await bench.goTo(at.line, at.column + 2);
        await waitFor('the squiggle under quality', async () => await editor.locator('.squiggly-error').count() > 0, 20_000);
        const fix = bench.page.locator('.action-widget .monaco-list-row.action', { hasText: 'Rebalance weights to 100%' }).first();
        await retry(3, async () => {
            await bench.page.keyboard.press('Control+.');
            await fix.waitFor({ state: 'visible', timeout: 10_000 });
        }, async () => {
            await bench.page.keyboard.press('Escape');
        });
        await bench.screenshot('quick-fix-menu');
        // Choose it with the keyboard, as the menu expects (it blocks the pointer while it opens).
        await waitFor('the fix to be selected in the menu', async () => {
            if ((await fix.getAttribute('class'))?.split(' ').includes('focused')) {
                return true;
            }
            await bench.page.keyboard.press('ArrowDown');
            return false;
        }, 10_000, 300);
        await bench.page.keyboard.press('Enter');
        await fix.waitFor({ state: 'hidden', timeout: 10_000 });
        await waitFor('the weights diagnostic to disappear', async () => !(await bench.problems()).some(row => row.includes(message)), 30_000);
        await waitFor('the squiggle to go', async () => await editor.locator('.squiggly-error').count() === 0, 30_000);
        await bench.screenshot('quick-fix-applied');
        // Saved, the contract's weights sum to 100%.
        const file = path.join(workspace, 'weights-95.aco');
        await bench.page.keyboard.press('Control+S');
        await bench.page.locator('.tab.dirty', { hasText: 'weights-95.aco' }).waitFor({ state: 'detached', timeout: 15_000 });
        // (The file may be read while it is being written: wait for the whole of it.)
        const weights = await waitFor('the fixed contract on disk', async () => {
            const found = [...fs.readFileSync(file, 'utf8').matchAll(/^\s*weight ([\d.]+)%/gm)].map(match => Number(match[1]));
            return found.length === 4 ? found : undefined;
        }, 15_000);
        expect(weights).not.toContain(20);
        expect(weights.reduce((sum, weight) => sum + weight, 0)).toBeCloseTo(100, 6);
    });

    it('"ACO: Show Contract Summary" opens a webview with the contract\'s name and a chart, with no console errors', async () => {
        await freshStart('summary');
        await bench.openFile('summary.aco');
        const consoleBefore = browser!.console.length;
        const pageErrorsBefore = browser!.pageErrors.length;
        await bench.runCommand('ACO: Show Contract Summary');
        const name = 'Riverside Health Partners — MSSP ENHANCED 2025';
        const frame = await bench.webviewFrameWithText(name, 45_000);
        expect(await frame.locator('h1').first().textContent()).toContain(name);
        const chart = frame.locator('svg.payout-chart').first();
        await chart.waitFor({ state: 'attached', timeout: 15_000 });
        await chart.scrollIntoViewIfNeeded();
        const box = await chart.boundingBox();
        expect(box && box.width > 50 && box.height > 50).toBe(true);
        expect(await chart.locator('path, polyline, line, rect').count()).toBeGreaterThan(2);
        await bench.page.mouse.move(5, 500);
        await bench.page.locator('.tab', { hasText: 'Summary: Riverside Health Partners' }).first().waitFor({ state: 'visible', timeout: 10_000 });
        await bench.screenshot('summary-webview');

        // Console messages from inside a webview's content frame carry the webview host's URL or none
        // at all, so every error (and every CSP report) since the command ran that is not plainly the
        // workbench's own counts. A message logged in the content frame marks the end of what its
        // loading logged: messages from one frame arrive in order.
        await frame.evaluate(() => console.log('e2e-console-mark'));
        await waitFor('the mark in the collected console', async () => browser!.console.some(m => m.text === 'e2e-console-mark'), 10_000);
        const messages = browser!.console.slice(consoleBefore);
        const offending = messages.filter(m => (m.type === 'error' && !isWorkbenchUrl(m.url)) || /Content Security Policy|Refused to/i.test(m.text));
        expect(offending, 'console errors from the summary webview').toEqual([]);
        expect(browser!.pageErrors.slice(pageErrorsBefore), 'uncaught errors').toEqual([]);

        // The collector does see what goes wrong inside the content frame: a blocked image (the
        // webview's policy allows no remote images) is reported.
        await frame.evaluate(() => {
            const image = document.createElement('img');
            image.src = 'http://127.0.0.1:9/e2e-csp-probe.png';
            document.body.append(image);
        });
        await waitFor('the CSP probe in the collected console', async () =>
            browser!.console.slice(consoleBefore).some(m => m.type === 'error' && m.text.includes('e2e-csp-probe.png') && !isWorkbenchUrl(m.url)), 10_000);
    });
});
