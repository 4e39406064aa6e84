/**
 * The summary as a reader sees it, in a real browser and on paper: headless Chromium (Debian's
 * /usr/bin/chromium, driven by playwright-core) loads the HTML with no console errors and no
 * network requests; the first page, printed, shows the banner, the scenario comparison, the
 * limits with their term total and the list of what is not covered, and nothing spills onto a
 * second page; the charts are there with their lines, the cliff and P(loss); nothing is wider
 * than the page; and `--format pdf` (Chromium's own print, summary/pdf.ts) renders, through
 * poppler's pdftoppm and pdftotext, to pages whose first one stands alone and whose margins are
 * clear. A dark editor theme recolours the charts. Screenshots and page images are saved under
 * test-results/summary/ (git-ignored) for a person to look at.
 *
 * Skipped, saying why, when /usr/bin/chromium or pdftoppm is not installed (`apt-get install
 * chromium poppler-utils`; scripts/setup-code-server.sh installs both for CI).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { loadContracts } from '../../language/cli/contracts.js';
import { readContract } from '../../language/cli/files.js';
import { contentHash, htmlToPdf, noticesOf, summaryHtml, summaryMonteCarlo, summaryInputOf } from '../../language/summary/index.js';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = fs.existsSync(CHROMIUM);
const havePoppler = ['/usr/bin/pdftoppm', '/usr/bin/pdftotext'].every((tool) => fs.existsSync(tool));
if (!haveChromium) {
    console.warn(`Skipping the browser checks of the HTML summary: ${CHROMIUM} is not installed (apt-get install chromium).`);
} else if (!havePoppler) {
    console.warn('Skipping the PDF page checks of the summary: pdftoppm and pdftotext are not installed (apt-get install poppler-utils).');
}

const root = path.resolve(import.meta.dirname, '../..');
const results = path.join(root, 'test-results/summary');
/** An example with capitation, providers, measures, a trend and an uncertainty block. */
const EXAMPLE = 'commercial-aqc';
const GENERATED = new Date('2026-01-01T00:00:00Z');
/** The printable width of a page at 96 dpi, less the 14 mm side margins. */
const printableWidth = (format: 'A4' | 'Letter') => Math.floor(((format === 'A4' ? 210 : 215.9) - 28) / 25.4 * 96);

let context: BrowserContext | undefined;
let userDataDir: string | undefined;
let htmlFile: string;
let failingFile: string;
let hostileFile: string;

async function summaryFile(source: string, text: string | undefined, target: string): Promise<string> {
    const file = text === undefined ? readContract(source) : { display: path.basename(source), absolute: source, text };
    const [loaded] = await loadContracts([file]);
    expect(loaded.diagnostics.filter((d) => d.severity === 1)).toEqual([]);
    const analysis = loaded.analysis!;
    const signOff = { file: path.relative(root, source), sha256: contentHash(file.text), generated: GENERATED, toolVersion: 'test' };
    fs.writeFileSync(target, summaryHtml(summaryInputOf(analysis, summaryMonteCarlo(analysis.model), { notices: noticesOf(loaded.diagnostics), signOff })));
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

/** A grey-scale page image from pdftoppm (binary PGM), as rows of 0–255. */
function pageImage(pdf: string, pageNumber: number, dpi: number): { width: number; height: number; pixel: (x: number, y: number) => number } {
    const pgm = execFileSync('pdftoppm', ['-gray', '-r', String(dpi), '-f', String(pageNumber), '-l', String(pageNumber), pdf]);
    const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 64).toString('latin1'))!;
    const [width, height] = [Number(header[1]), Number(header[2])];
    const offset = header[0].length;
    return { width, height, pixel: (x, y) => pgm[offset + y * width + x] };
}

/** The text of one PDF page (pdftotext, layout order). */
function pageText(pdf: string, pageNumber: number): string {
    return execFileSync('pdftotext', ['-f', String(pageNumber), '-l', String(pageNumber), '-layout', pdf, '-'], { encoding: 'utf-8' });
}

describe.skipIf(!haveChromium)('the HTML summary in headless Chromium', () => {
    beforeAll(async () => {
        fs.mkdirSync(results, { recursive: true });
        const source = path.join(root, 'examples', `${EXAMPLE}.aco`);
        htmlFile = await summaryFile(source, undefined, path.join(results, `${EXAMPLE}.html`));
        // The same contract with one expectation that no longer holds: the banner must say so.
        const failing = fs.readFileSync(source, 'utf-8').replace(/expect earned \$[\d,.]+/, 'expect earned $1,000,000.00');
        failingFile = await summaryFile(source, failing, path.join(results, `${EXAMPLE}-failing.html`));
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

    test('the printed first page: banner, comparison, limits with the term total, what is not covered, nothing beyond it', async () => {
        const { page } = await open(failingFile);
        await page.emulateMedia({ media: 'print' });
        await page.setViewportSize({ width: printableWidth('Letter'), height: 1100 });
        const banner = page.locator('#part-first-page .banner-error');
        await expect.poll(() => banner.isVisible()).toBe(true);
        expect(await banner.locator('.banner-title').textContent()).toMatch(/^1 expectation of \d+ fails: check this before relying on the figures\.$/);
        expect(await banner.locator('li').first().textContent()).toContain('Scenario “Year 1 expected”: the contract expects earned of $1,000,000.00');
        expect(await page.locator('#part-first-page table.comparison tbody tr').count()).toBe(4);
        expect(await page.locator('#part-first-page table.limits th').last().textContent()).toBe('Term total');
        expect(await page.locator('#part-first-page #not-covered').isVisible()).toBe(true);
        // No element of the first page is wider than the page.
        const widest = await page.evaluate<number>(`Math.max(...[...document.querySelectorAll('#part-first-page *')].map((e) => e.getBoundingClientRect().right))`);
        expect(widest, 'first page content wider than the printed page').toBeLessThanOrEqual(printableWidth('Letter') + 1);
        await page.locator('#part-first-page').screenshot({ path: path.join(results, `${EXAMPLE}-first-page.png`) });
        await page.close();
    });

    test('the charts: lines per quality level, the cliff, the quality chart, P(loss) and the caps', async () => {
        const { page } = await open(htmlFile);
        const payout = page.locator('svg.payout-chart');
        await expect.poll(() => payout.isVisible()).toBe(true);
        expect(await payout.getAttribute('data-points')).toBe('81');
        expect(await payout.locator('path.curve').count()).toBe(Number(await payout.getAttribute('data-series')));
        expect(await payout.locator('path.curve').count()).toBeGreaterThanOrEqual(3);
        expect(await payout.locator('.cliff-marker .cliff-label').textContent()).toMatch(/^quality cliff: \$[\d,.]+$/);
        expect(await payout.locator('.scenario-point').count()).toBe(4);
        const box = (await payout.boundingBox())!;
        expect(box.width).toBeGreaterThan(300);
        expect(await page.locator('svg.quality-chart .standard-marker').count()).toBe(1);
        const monteCarlo = page.locator('svg.monte-carlo-chart');
        expect(await monteCarlo.locator('rect.bar').count()).toBe(40);
        expect(await monteCarlo.locator('.p-loss .label').textContent()).toMatch(/^P\(loss\) \d+\.\d%$/);
        expect(await monteCarlo.locator('.cap-marker').count()).toBe(2);
        await page.screenshot({ path: path.join(results, `${EXAMPLE}.png`), fullPage: true });
        await payout.screenshot({ path: path.join(results, `${EXAMPLE}-payout.png`) });
        await page.close();
    });

    test('a dark editor theme recolours the page and the charts', async () => {
        const { page } = await open(htmlFile);
        await page.evaluate(`document.body.classList.add('vscode-dark')`);
        const background = await page.evaluate<string>(`getComputedStyle(document.querySelector('svg.payout-chart .background')).fill`);
        const label = await page.evaluate<string>(`getComputedStyle(document.querySelector('svg.payout-chart .axis-label')).fill`);
        const page_ = await page.evaluate<string>(`getComputedStyle(document.body).backgroundColor`);
        const luminance = (colour: string) => colour.match(/\d+/g)!.slice(0, 3).map(Number).reduce((a, b) => a + b, 0) / 3;
        expect(luminance(background)).toBeLessThan(60);
        expect(luminance(label)).toBeGreaterThan(180);
        expect(luminance(page_)).toBeLessThan(60);
        await page.locator('#chart-payout').screenshot({ path: path.join(results, `${EXAMPLE}-payout-dark.png`) });
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
            await page.setViewportSize({ width: printableWidth(format), height: 1000 });
            // (A string, evaluated in the page: the tests compile without the DOM library.)
            const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
            expect(overflow, 'content wider than the printed page').toBeLessThanOrEqual(0);
            const pdf = await page.pdf({ format, printBackground: true });
            expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
            fs.writeFileSync(path.join(results, `${EXAMPLE}-${format}.pdf`), pdf);
            await page.close();
        });
    }
});

describe.skipIf(!haveChromium || !havePoppler)('--format pdf, page by page', () => {
    let pdf: string;
    let pages: number;

    beforeAll(async () => {
        fs.mkdirSync(results, { recursive: true });
        const html = fs.readFileSync(await summaryFile(path.join(root, 'examples', `${EXAMPLE}.aco`), undefined, path.join(results, `${EXAMPLE}-pdf.html`)), 'utf-8');
        pdf = path.join(results, `${EXAMPLE}.pdf`);
        fs.writeFileSync(pdf, await htmlToPdf(html, { paper: 'Letter' }));
        pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf-8' }))![1]);
        // Page images for a person to look at.
        execFileSync('pdftoppm', ['-png', '-r', '60', pdf, path.join(results, `${EXAMPLE}-page`)]);
    }, 180_000);

    test('the first page stands alone: banner, comparison, the term total, the list of what is not covered, the running footer', () => {
        const first = pageText(pdf, 1);
        expect(first).toMatch(/All \d+ expectations written in the contract hold/);
        expect(first).toContain('Scenarios side by side');
        expect(first).toMatch(/Term total/);
        expect(first).toContain('What this summary does not cover');
        // The last item of the list is on page 1: nothing of the first page spilled over.
        expect(first).toContain('The simulation.');
        expect(first).toMatch(/examples\/commercial-aqc\.aco · SHA-256 [0-9a-f]{12}… · generated 1 January 2026, 00:00 UTC/);
        expect(first).toMatch(/Page 1 of \d+/);
        expect(pageText(pdf, 2)).toMatch(/^\s*The terms/);
    });

    test('the charts are in the PDF, and the sign-off', () => {
        const texts = Array.from({ length: pages }, (_, i) => pageText(pdf, i + 1));
        const chartPage = texts.findIndex((t) => t.includes('Payout against the savings rate')) + 1;
        expect(chartPage).toBeGreaterThan(1);
        // The chart is drawn: a good share of the page's pixels are ink, not paper.
        const image = pageImage(pdf, chartPage, 40);
        let ink = 0;
        for (let y = 0; y < image.height; y++) {
            for (let x = 0; x < image.width; x++) {
                ink += image.pixel(x, y) < 200 ? 1 : 0;
            }
        }
        expect(ink / (image.width * image.height)).toBeGreaterThan(0.02);
        expect(texts.some((t) => t.includes('Sign-off') && /SHA-256\s+[0-9a-f]{64}/.test(t))).toBe(true);
        expect(texts.some((t) => t.includes('Technical appendix'))).toBe(true);
    });

    test('every example\'s first page stands alone on its paper', async () => {
        const names = fs.readdirSync(path.join(root, 'examples')).filter((f) => f.endsWith('.aco')).map((f) => f.replace(/\.aco$/, ''));
        for (const name of names) {
            const source = path.join(root, 'examples', `${name}.aco`);
            const html = fs.readFileSync(await summaryFile(source, undefined, path.join(results, `${name}.html`)), 'utf-8');
            const paper = /currency (GBP|EUR)/.test(fs.readFileSync(source, 'utf-8')) ? 'A4' : 'Letter';
            const file = path.join(results, `${name}-${paper}.pdf`);
            fs.writeFileSync(file, await htmlToPdf(html, { paper }));
            expect(pageText(file, 1), `${name}: the first page`).toContain('What this summary does not cover');
            expect(pageText(file, 2), `${name}: page 2 starts the terms`).toMatch(/^\s*The terms/);
        }
    }, 300_000);

    test('nothing overflows a page: every page\'s side margins are clear', () => {
        // 14 mm side margins at 40 dpi are 22 pixels; nothing may be drawn in the outer 18.
        for (let pageNumber = 1; pageNumber <= pages; pageNumber++) {
            const image = pageImage(pdf, pageNumber, 40);
            const columns = [...Array(18).keys(), ...Array.from({ length: 18 }, (_, i) => image.width - 1 - i)];
            let inked: string | undefined;
            for (let y = 0; y < image.height && !inked; y++) {
                const x = columns.find((column) => image.pixel(column, y) <= 240);
                inked = x === undefined ? undefined : `(${x}, ${y})`;
            }
            expect(inked, `page ${pageNumber} has ink in its side margin`).toBeUndefined();
        }
    });
});
