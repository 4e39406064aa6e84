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

const REACH = fs.readFileSync(path.join(REPO, 'examples/reach-global-2024.aco'), 'utf8').replace(/^(\/\/.*\n)+/, '');
/** The spec contract with a loss year too, which expects RPC to bear part of the loss. */
const TWO_SCENARIOS = SPEC.replace('    uncertainty {', `    scenario "Loss year" {
        expenditure $1,100.00 per member per month
        quality score 80%
        expect provider RPC receives -$1.00
    }

    uncertainty {`);

/** The contract files of the temporary workspace: copies of the repository's, one per step. */
const FILES: Record<string, string> = {
    'mssp-enhanced-2024.aco': ENHANCED,
    'broken-rate.aco': SPEC,
    'inlay-hints.aco': SPEC,
    'hover-explain.aco': SPEC,
    // One measure weighs 20% instead of 25%: the weights sum to 95%.
    'weights-95.aco': SPEC.replace(/(measure BCS[^}]*weight )25%/, '$120%'),
    'summary.aco': SPEC,
    'two-scenarios.aco': TWO_SCENARIOS,
    'reach.aco': REACH,
    'stale.aco': SPEC,
    'monte-carlo.aco': SPEC,
    'scratch.aco': '',
    'completion.aco': SPEC,
    'preset.aco': SPEC.replace('    currency USD', '    program MSSP ENHANCED year 2025\n    currency USD')
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

        // One stray `}` is one mistake: one error, not the parser's guesses after it or the checks of the section it cut.
        const brace = positionOf(SPEC, 'threshold 65%', 'threshold 65%'.length);
        await bench.goTo(brace.line, brace.column);
        await bench.page.keyboard.type('}');
        // (The Problems panel lists every file's problems: these are the ones the brace could cause here.)
        const caused = (rows: string[]) => rows.filter(row => /Expected '}' but found|after the end of the contract|BCS \(none\)|'BCS' needs a target/.test(row));
        const errors = await waitFor('one error for the stray brace', async () => {
            const rows = caused(await bench.problems());
            return rows.length > 0 ? rows : undefined;
        }, 30_000);
        await bench.page.waitForTimeout(1500);
        const settled = caused(await bench.problems());
        expect(settled, settled.join('\n')).toHaveLength(1);
        expect(errors[0]).not.toMatch(/after the end of the contract/);
        await bench.screenshot('one-error-for-one-mistake');
        await bench.focusEditor();
        await bench.page.keyboard.press('Backspace');
        await waitFor('the error to go', async () => !(await bench.problems()).some(row => /Expected '}'/.test(row)), 30_000);
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

    it('a hover inside a scenario gives the line\'s own figure and what the scenario earns, and its link opens the full waterfall', async () => {
        await freshStart('hover-explain');
        const editor = await bench.openFile('hover-explain.aco');
        const at = positionOf(SPEC, 'result BCS 71%');
        await bench.goTo(at.line, 1);
        const hover = await bench.hover(editor, 'result', 'BCS result 71.00%', 'result BCS 71%');
        const text = (await hover.textContent()) ?? '';
        // BCS's own credit first, then the scenario's result; no 20-row table in the small box.
        expect(text).toMatch(/BCS result 71\.00% .*credit 60\.00%/);
        expect(text).toContain('Scenario Expected year earns $2,135,818.13');
        expect(await hover.locator('table').count()).toBe(0);
        await bench.screenshot('hover-line-figure');
        await hover.locator('a', { hasText: 'Explain the full waterfall' }).click();
        const preview = await bench.webviewFrameWithText('Expected year', 30_000);
        const waterfall = await preview.evaluate(() => document.body.innerText);
        expect(waterfall).toContain('$2,135,818.13');
        expect((await preview.locator('th').allTextContents()).map(h => h.trim())).toEqual(expect.arrayContaining(['Step', 'Explanation']));
        // Percents read the same in the table as in its sentences: 61.50%, not 61.5%.
        expect(waterfall).toMatch(/quality score\s+61\.50%/);
        await bench.page.locator('.tab', { hasText: /Preview/ }).first().waitFor({ state: 'visible', timeout: 10_000 });
        await bench.screenshot('explain-preview');
        await bench.dismissHover();
        // The code lens above the scenario says what it earns too.
        await editor.locator('.codelens-decoration', { hasText: 'Earned $2,135,818.13' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    });

    it('the status bar shows the scenario the figures follow and picks another; inside a scenario, figures and Explain follow that one', async () => {
        await freshStart('scenario-picker');
        const editor = await bench.openFile('two-scenarios.aco');
        const status = bench.statusBarItem(/ACO: Expected year/);
        await status.waitFor({ state: 'visible', timeout: 30_000 });
        await waitFor('the first line to name the scenario', async () =>
            (await bench.lineContaining(editor, 'contract "Riverside'))?.includes('figures: scenario "Expected year"'), 30_000);
        await status.click();
        await bench.quickInput.locator('.monaco-list-row', { hasText: 'Loss year' }).first().waitFor({ state: 'visible', timeout: 15_000 });
        expect(await bench.quickInput.locator('.monaco-list-row', { hasText: 'Expected year' }).first().textContent()).toContain('Earned $2,135,818.13');
        await bench.screenshot('scenario-picker');
        await bench.pickQuickItem('Loss year');
        await bench.statusBarItem(/ACO: Loss year/).waitFor({ state: 'visible', timeout: 15_000 });
        await waitFor('the figures to follow the loss year', async () => {
            const header = await bench.lineContaining(editor, 'contract "Riverside');
            const provider = await bench.lineContaining(editor, 'provider RPC');
            return header?.includes('figures: scenario "Loss year"') && /≈ -\$/.test(provider ?? '');
        }, 30_000);
        await bench.screenshot('scenario-picked');

        // In the loss year, RPC on its `expect provider` line shows the loss year's amount, and fails the expectation.
        const at = positionOf(TWO_SCENARIOS, 'expect provider RPC receives -$1.00');
        await bench.goTo(at.line, 1);
        await bench.statusBarItem(/ACO: Loss year \(cursor\)/).waitFor({ state: 'visible', timeout: 15_000 });
        await waitFor('the failed expectation beside its line', async () => /✗ −\$/.test(await bench.lineContaining(editor, 'receives -$1.00') ?? ''), 20_000);
        const hover = await bench.hover(editor, 'RPC', 'under scenario', 'expect provider RPC receives -$1.00');
        const text = (await hover.textContent()) ?? '';
        expect(text).toMatch(/Receives -\$[\d,.]+ under scenario Loss year/);
        expect(text).not.toContain('$794,524.35');
        await bench.screenshot('hover-follows-scenario');
        await bench.dismissHover();
        await bench.goTo(at.line, 10);
        await bench.runCommand('ACO: Explain Scenario');
        const preview = await bench.webviewFrameWithText(/Loss year/, 30_000);
        expect(await preview.evaluate(() => document.body.innerText)).toMatch(/Loss year/);
        await bench.screenshot('explain-under-cursor');
    });

    it('REACH: one benchmark figure per line, and the hover names each step from the benchmark as written to the final one', async () => {
        await freshStart('benchmark-steps');
        const editor = await bench.openFile('reach.aco');
        const at = positionOf(REACH, 'benchmark $1,185.60');
        await bench.goTo(at.line, 1);
        await waitFor('the benchmark, discount and withhold figures', async () => {
            const benchmark = await bench.lineContaining(editor, 'benchmark $1,185.60');
            const discount = await bench.lineContaining(editor, 'discount 3%');
            return benchmark?.includes('≈ $353.05M') && !benchmark.includes('341') && discount?.includes('benchmark ≈ $342.46M');
        }, 30_000);
        const hover = await bench.hover(editor, 'benchmark', 'savings are measured against', 'benchmark $1,185.60');
        const text = (await hover.textContent()) ?? '';
        expect(text).toContain('$353,047,968.00 as written; savings are measured against $341,429,159.37');
        expect(text).toMatch(/discount[\s\S]*\$342,456,528\.96[\s\S]*quality withhold[\s\S]*\$341,429,159\.37/);
        await bench.screenshot('benchmark-steps');
        await bench.dismissHover();
        const withhold = positionOf(REACH, 'quality withhold 2%');
        await bench.goTo(withhold.line, 1);
        await waitFor('the withhold and sequestration figures', async () =>
            (await bench.lineContaining(editor, 'quality withhold 2%'))?.includes('benchmark ≈ $341.43M')
            && (await bench.lineContaining(editor, 'sequestration 2%'))?.includes('after ≈ $14.06M'), 20_000);
        await bench.screenshot('withhold-sequestration-figures');
    });

    it('while a contract has errors its last valid figures stay, greyed and marked stale; fixing it brings them back', async () => {
        await freshStart('stale-figures');
        const editor = await bench.openFile('stale.aco');
        const scenario = positionOf(SPEC, 'scenario "Expected year" {');
        await bench.goTo(scenario.line, 1);
        await waitFor('the figures', async () => (await bench.lineContaining(editor, 'scenario "Expected year" {'))?.includes('earned ≈ $2.14M'), 30_000);
        const at = positionOf(SPEC, 'sharing rate 75%', 'sharing rate '.length);
        await bench.goTo(at.line, at.column);
        await bench.page.keyboard.type('1');
        await waitFor('the error', async () => (await bench.problems()).some(row => row.includes('175%')), 30_000);
        /** The greyed figures the extension draws as decorations (injected text, or an ::after), with their style. */
        const stale = () => editor.evaluate(root => [...root.querySelectorAll('.view-lines .view-line *')].flatMap(node => {
            const found: Array<{ text: string; color: string; fontStyle: string }> = [];
            if ([...node.classList].some(c => c.startsWith('ced-')) && node.textContent) {
                const style = getComputedStyle(node);
                found.push({ text: node.textContent.replace(/\u00a0/g, ' '), color: style.color, fontStyle: style.fontStyle });
            }
            const after = getComputedStyle(node, '::after');
            if (after.content && after.content !== 'none' && after.content !== 'normal') {
                found.push({ text: after.content.replace(/^"|"$/g, ''), color: after.color, fontStyle: after.fontStyle });
            }
            return found;
        }));
        const figures = await waitFor('the stale figures', async () => {
            const found = await stale();
            return found.some(f => f.text.includes('≈ $3.15M')) && found.some(f => f.text.includes('within cap')) ? found : undefined;
        }, 30_000);
        const normal = await editor.evaluate(root => getComputedStyle(root.querySelector('.view-lines .view-line span span')!).color);
        expect(figures.every(f => f.fontStyle === 'italic' && f.color !== normal)).toBe(true);
        // The edited line has no figure: it changed since the last valid version.
        expect(await bench.lineContaining(editor, 'sharing rate 175%')).not.toMatch(/≈/);
        await bench.statusBarItem(/\(stale\)/).waitFor({ state: 'visible', timeout: 15_000 });
        await bench.screenshot('stale-figures');
        await bench.goTo(scenario.line, 1);
        await editor.locator('.codelens-decoration', { hasText: 'Earned $2,135,818.13 (as of the last valid version)' }).first().waitFor({ state: 'visible', timeout: 20_000 });
        await waitFor('the scenario\'s stale figure', async () => (await stale()).some(f => f.text.includes('earned ≈ $2.14M')), 20_000);
        await bench.goTo(1, 1);
        await waitFor('the first line to say the figures are stale', async () => (await stale()).some(f => f.text.includes('figures as of the last valid version')), 20_000);
        await bench.screenshot('stale-header');
        await bench.goTo(at.line, at.column + 1);
        await bench.page.keyboard.press('Backspace');
        await waitFor('fresh figures again', async () => (await bench.lineContaining(editor, 'sharing rate 75%'))?.includes('≈ $2.18M') && (await stale()).length === 0, 30_000);
        await bench.screenshot('fresh-figures');
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
    it('the summary keeps its scroll position on refresh, shows a banner listing the errors instead of a broken summary, and follows a dark theme', async () => {
        await freshStart('summary-errors');
        const editor = await bench.openFile('summary.aco');
        await bench.runCommand('ACO: Show Contract Summary');
        const name = 'Riverside Health Partners — MSSP ENHANCED 2025';
        let frame = await bench.webviewFrameWithText(name, 45_000);
        await frame.evaluate(() => window.scrollTo(0, 1200));
        await waitFor('the scroll to settle', async () => (await frame.evaluate(() => window.scrollY)) >= 1000, 5_000);
        await bench.page.waitForTimeout(300);
        // A valid edit refreshes the summary: it comes back where the reader was.
        const seed = positionOf(SPEC, 'seed 7', 'seed '.length);
        await bench.focusEditor();
        await bench.goTo(seed.line, seed.column);
        await bench.page.keyboard.press('Shift+ArrowRight');
        await bench.page.keyboard.type('8');
        frame = await bench.webviewFrameWithText(/seed 8|Seed 8|8\b/, 30_000).then(() => bench.webviewFrameWithText(name, 30_000));
        const scrolled = await waitFor('the refreshed summary at the same place', async () => {
            const y = await frame.evaluate(() => window.scrollY).catch(() => 0);
            return y >= 1000 ? y : undefined;
        }, 20_000);
        expect(scrolled).toBeGreaterThanOrEqual(1000);
        await bench.screenshot('summary-scroll-kept');

        // A syntax error: the banner lists it, over the last valid summary greyed out.
        const at = positionOf(SPEC, '    standard 40%', '    standard 40%'.length);
        await bench.focusEditor();
        await bench.goTo(at.line, at.column);
        await bench.page.keyboard.type('x');
        const banner = await bench.webviewFrameWithText('The summary cannot be shown', 30_000);
        const bannerText = await banner.evaluate(() => document.querySelector('.problems')?.textContent ?? '');
        expect(bannerText, bannerText).toMatch(new RegExp(`line ${at.line}, column \\d+: Expected '}' but found 'x'`));
        expect(await banner.locator('.problems li').count()).toBe(1);
        expect(await banner.evaluate(() => getComputedStyle(document.querySelector('.stale')!).opacity)).toBe('0.45');
        await banner.evaluate(() => window.scrollTo(0, 0));
        await bench.screenshot('summary-error-banner');
        await bench.focusEditor();
        await bench.page.keyboard.press('Backspace');
        frame = await bench.webviewFrameWithText(name, 30_000);
        await waitFor('the banner to go', async () => !(await frame.evaluate(() => document.body.innerText).catch(() => '')).includes('cannot be shown'), 30_000);

        // Dark theme, as a person switches to it: the panels follow it.
        const toggleTheme = () => bench.runCommand('Preferences: Toggle between Light/Dark Themes');
        await toggleTheme();
        try {
            await waitFor('the summary in the dark theme', async () => {
                const current = await bench.webviewFrameWithText(name, 10_000);
                return current.evaluate(() => {
                    const [r, g, b] = (getComputedStyle(document.body).backgroundColor.match(/\d+/g) ?? ['255', '255', '255']).map(Number);
                    return document.body.classList.contains('vscode-dark') && r + g + b < 200;
                }).catch(() => false);
            }, 30_000);
            await bench.screenshot('summary-dark-theme');
            await bench.runCommand('ACO: Run Monte Carlo');
            const panel = await bench.webviewFrameWithText('Chance of reaching each cap', 60_000);
            expect(await panel.evaluate(() => document.body.classList.contains('vscode-dark'))).toBe(true);
            await bench.screenshot('monte-carlo-dark-theme');
        } finally {
            await toggleTheme();
        }
        await waitFor('the light theme again', async () => (await bench.page.locator('.monaco-workbench').getAttribute('class'))?.includes('vs-dark') === false, 20_000);
        expect(editor).toBeTruthy();
    });

    it('Monte Carlo shows its inputs, the year and benchmark, the chance of reaching each cap, P5/P95 and expected shortfall, and exports CSV', async () => {
        await freshStart('monte-carlo');
        await bench.openFile('monte-carlo.aco');
        await bench.runCommand('ACO: Run Monte Carlo');
        const panel = await bench.webviewFrameWithText('Chance of reaching each cap', 60_000);
        const text = await panel.evaluate(() => document.body.innerText);
        expect(text).toMatch(/Expenditure\s+normal, mean 97% of the benchmark, sd 2\.5%/);
        expect(text).toMatch(/Quality score\s+uniform from 70% to 95%/);
        expect(text).toMatch(/Settled as\s+performance year \d+/);
        expect(text).toMatch(/Benchmark\s+\$157,500,000\.00/);
        expect(text).toMatch(/Savings cap 20% of the benchmark \(\$31,500,000\.00\)\s+\d+\.\d%/);
        expect(text).toMatch(/Loss cap 15% of the benchmark/);
        expect(text).toMatch(/5th percentile \(P5\)\s+-?\$[\d,.]+/);
        expect(text).toMatch(/95th percentile \(P95\)\s+\$[\d,.]+/);
        expect(text).toMatch(/Expected shortfall: mean of the worst 5% of trials\s+-?\$[\d,.]+/);
        await bench.screenshot('monte-carlo-panel');
        const csv = path.join(workspace, 'monte-carlo-monte-carlo.csv');
        await panel.locator('button', { hasText: 'Export CSV' }).click();
        // The save dialog proposes a file beside the contract: accept it.
        await bench.quickInput.waitFor({ state: 'visible', timeout: 15_000 });
        await waitFor('the proposed file name', async () => /monte-carlo-monte-carlo\.csv$/.test(await bench.quickInput.locator('input.input').first().inputValue()), 10_000);
        await bench.page.keyboard.press('Enter');
        const written = await waitFor('the CSV on disk', async () => fs.existsSync(csv) && fs.readFileSync(csv, 'utf8'), 20_000);
        expect(written).toMatch(/^statistic,value\n/);
        expect(written).toMatch(/\np95,-?[\d.]+\n/);
        expect(written).toMatch(/\nexpected shortfall \(mean of worst 5%\),"?-?\$[\d,.]+"?\n/);
        expect(written.split('\n').filter(line => /^p\d+,/.test(line))).toHaveLength(99 + 5);
        await bench.screenshot('monte-carlo-csv-saved');
    });

    it('completion: a new contract from an empty file, only the snippets that fit, documented keywords, and IDs after `result ` by themselves', async () => {
        await freshStart('completion');
        const editor = await bench.openFile('scratch.aco');
        const rows = await bench.suggestions();
        expect(rows.some(r => r.includes('new ACO contract'))).toBe(true);
        await bench.screenshot('completion-empty-file');
        await bench.page.keyboard.press('Enter');
        await waitFor('the new contract', async () => (await bench.lineContaining(editor, 'shared savings {')) !== undefined, 10_000);
        await bench.page.keyboard.press('Escape');
        // Inside shared savings (the snippet's `cap` line is line 17): its own terms, no contract or section snippets.
        await bench.goTo(17, 1);
        await bench.page.keyboard.press('End');
        await bench.page.keyboard.press('Enter');
        const inside = await bench.suggestions();
        expect(inside.some(r => /sequestration/.test(r))).toBe(true);
        expect(inside.some(r => /new ACO contract|section/.test(r))).toBe(false);
        // The keyword's documentation, from the hover table, in the details pane.
        await bench.page.keyboard.press('Control+Space');
        await bench.screenshot('completion-in-shared-savings');
        await bench.page.keyboard.press('Escape');

        // A space after `result ` opens the list by itself, with the measures and their names.
        {
            const text = await bench.openFile('completion.aco');
            const at = positionOf(SPEC, 'result READM 15.1%');
            await bench.goTo(at.line, 1);
            await bench.page.keyboard.press('End');
            await bench.page.keyboard.press('Enter');
            await bench.page.keyboard.type('result ');
            const measures = await bench.suggestions(false);
            expect(measures.some(r => r.includes('HBA1C'))).toBe(true);
            expect(measures.some(r => r.includes('Breast cancer screening'))).toBe(true);
            expect(measures.some(r => /\$\d/.test(r))).toBe(false);
            await bench.screenshot('completion-after-result');
            await bench.page.keyboard.press('Escape');
            expect(text).toBeTruthy();
        }
    });

    it('a preset\'s hover lists every term it supplies with its figure, and its code action writes them out', async () => {
        await freshStart('preset');
        const editor = await bench.openFile('preset.aco');
        const at = positionOf(FILES['preset.aco'], 'program MSSP ENHANCED year 2025');
        await bench.goTo(at.line, 1);
        const hover = await bench.hover(editor, 'program', 'supplies', 'program MSSP ENHANCED');
        const text = (await hover.textContent()) ?? '';
        expect(text).toMatch(/MSSP ENHANCED year 2025 supplies \d+ terms/);
        expect(text).toMatch(/quality adjustment gate/);
        expect(text).toMatch(/sharing rate 75%\s*\$2,179,406\.25 \(line \d+ writes its own, which applies\)/);
        await bench.screenshot('preset-hover');
        await bench.dismissHover();
        await bench.goTo(at.line, 3);
        const action = bench.page.locator('.action-widget .monaco-list-row.action', { hasText: /Write out the terms/ }).first();
        await retry(3, async () => {
            await bench.page.keyboard.press('Control+.');
            await action.waitFor({ state: 'visible', timeout: 10_000 });
        }, async () => {
            await bench.page.keyboard.press('Escape');
        });
        await bench.screenshot('preset-code-action');
        await waitFor('the action to be selected', async () => {
            if ((await action.getAttribute('class'))?.split(' ').includes('focused')) {
                return true;
            }
            await bench.page.keyboard.press('ArrowDown');
            return false;
        }, 10_000, 300);
        await bench.page.keyboard.press('Enter');
        await waitFor('the preset\'s terms written out', async () => (await bench.lineContaining(editor, 'quality adjustment gate')) !== undefined
            || (await editor.evaluate(root => root.textContent ?? '')).includes('quality adjustment gate'), 20_000);
        await bench.screenshot('preset-written-out');
    });
});
