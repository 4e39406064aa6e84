/**
 * The HTML summary in a real browser: headless Chromium (Debian's /usr/bin/chromium, driven by
 * playwright-core) loads it with no console errors and no network requests, shows the payout
 * chart with one point per settled savings rate, renders hostile names as text, fits an A4 or
 * Letter page, and prints to PDF on both. A screenshot is saved under test-results/ (git-ignored)
 * for a person to look at.
 *
 * Skipped, saying why, when /usr/bin/chromium is not installed (`apt-get install chromium`).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { loadContracts } from '../../language/cli/contracts.js';
import { readContract } from '../../language/cli/files.js';
import { summaryHtml, summaryMonteCarlo, summaryInputOf } from '../../language/summary/index.js';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium) {
    console.warn(`Skipping the browser checks of the HTML summary: ${CHROMIUM} is not installed (apt-get install chromium).`);
}

const root = path.resolve(import.meta.dirname, '../..');
const results = path.join(root, 'test-results/summary');
/** An example with capitation, providers, measures and an uncertainty block. */
const EXAMPLE = 'commercial-aqc';

let context: BrowserContext | undefined;
let userDataDir: string | undefined;
let htmlFile: string;
let hostileFile: string;

async function summaryFile(source: string, text: string | undefined, target: string): Promise<string> {
    const file = text === undefined ? readContract(source) : { display: path.basename(source), absolute: source, text };
    const [loaded] = await loadContracts([file]);
    expect(loaded.diagnostics.filter((d) => d.severity === 1)).toEqual([]);
    const analysis = loaded.analysis!;
    fs.writeFileSync(target, summaryHtml(summaryInputOf(analysis, summaryMonteCarlo(analysis.model))));
    return target;
}

async function open(file: string): Promise<{ page: Page; problems: string[]; requests: string[] }> {
    const page = await context!.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') {
            problems.push(`${message.type()}: ${message.text()}`);
        }
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(`file://${file}`, { waitUntil: 'load' });
    return { page, problems, requests };
}

describe.skipIf(!haveChromium)('the HTML summary in headless Chromium', () => {
    beforeAll(async () => {
        fs.mkdirSync(results, { recursive: true });
        htmlFile = await summaryFile(path.join(root, 'examples', `${EXAMPLE}.aco`), undefined, path.join(results, `${EXAMPLE}.html`));
        const spec = fs.readFileSync(path.join(root, 'test/data/spec-contract.aco'), 'utf-8')
            .replace('contract "Riverside Health Partners — MSSP ENHANCED 2025"', 'contract "<script>alert(1)</script>"')
            .replace('provider RPC "Riverside Primary Care"', 'provider RPC "<b>&\\"\'"');
        hostileFile = await summaryFile(path.join(results, 'hostile.aco'), spec, path.join(results, 'hostile.html'));
        const { chromium } = await import('playwright-core');
        userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aco-chromium-'));
        context = await chromium.launchPersistentContext(userDataDir, {
            executablePath: CHROMIUM,
            headless: true,
            viewport: { width: 1100, height: 1400 },
            args: [
                '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
                '--disable-sync', '--no-first-run', '--disable-quic'
            ]
        });
    }, 120_000);

    afterAll(async () => {
        await context?.close();
        if (userDataDir) {
            fs.rmSync(userDataDir, { recursive: true, force: true });
        }
    });

    test('loads with no console errors, no scripts and no network', async () => {
        const { page, problems, requests } = await open(htmlFile);
        expect(problems).toEqual([]);
        expect(requests).toEqual([`file://${htmlFile}`]);
        expect(await page.locator('script').count()).toBe(0);
        expect(await page.title()).toContain('Alternative Quality Contract');
        await page.close();
    });

    test('the payout chart is visible with one point per settled savings rate', async () => {
        const { page } = await open(htmlFile);
        const chart = page.locator('svg.payout-chart');
        await expect.poll(() => chart.isVisible()).toBe(true);
        expect(await chart.getAttribute('data-points')).toBe('81');
        expect(await chart.locator('circle.point').count()).toBe(81);
        expect(await chart.locator('path.curve').getAttribute('data-points')).toBe('81');
        const box = (await chart.boundingBox())!;
        expect(box.width).toBeGreaterThan(300);
        expect(box.height).toBeGreaterThan(150);
        // Labelled axes and a zero line.
        expect(await chart.locator('.axis-label').allTextContents()).toEqual([
            'Savings rate (share of the benchmark; negative: spending above it)',
            'Earned (negative: owed by the ACO)'
        ]);
        expect(await chart.locator('line.zero-line').count()).toBe(2);
        // The Monte Carlo histogram, 40 bins.
        expect(await page.locator('svg.monte-carlo-chart rect.bar').count()).toBe(40);
        await page.screenshot({ path: path.join(results, `${EXAMPLE}.png`), fullPage: true });
        await chart.screenshot({ path: path.join(results, `${EXAMPLE}-payout.png`) });
        await page.close();
    });

    test('hostile names render as text', async () => {
        const { page, problems } = await open(hostileFile);
        expect(problems).toEqual([]);
        expect(await page.locator('script, b').count()).toBe(0);
        expect(await page.locator('h1').textContent()).toBe('<script>alert(1)</script>');
        expect(await page.locator('table.providers td').nth(1).textContent()).toBe('<b>&"\'');
        await page.close();
    });

    for (const format of ['A4', 'Letter'] as const) {
        test(`fits and prints on ${format}`, async () => {
            const { page } = await open(htmlFile);
            await page.emulateMedia({ media: 'print' });
            // The printable width of the page at 96 dpi, less the 14 mm side margins.
            const width = Math.floor(((format === 'A4' ? 210 : 215.9) - 28) / 25.4 * 96);
            await page.setViewportSize({ width, height: 1000 });
            // (A string, evaluated in the page: the tests compile without the DOM library.)
            const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
            expect(overflow, 'content wider than the printed page').toBeLessThanOrEqual(0);
            const pdf = await page.pdf({ format, printBackground: true });
            expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
            expect(pdf.length).toBeGreaterThan(20_000);
            const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
            expect(pages).toBeGreaterThan(1);
            fs.writeFileSync(path.join(results, `${EXAMPLE}-${format}.pdf`), pdf);
            await page.close();
        });
    }
});
