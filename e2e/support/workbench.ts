/**
 * Headless Chromium on a code-server workbench, and what a person does in it: open a file, run a
 * command from the palette, move the cursor, type, hover, read the Problems panel. Every wait is on
 * UI state with a bounded timeout; the few retries are where VS Code's UI is known to drop input
 * (the quick input right after start-up, hovers).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type BrowserContext, type ConsoleMessage, type Frame, type Locator, type Page } from 'playwright-core';

export const CHROMIUM = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';

export interface ConsoleEntry {
    type: string;
    text: string;
    url: string;
    page: string;
}

export interface Browser {
    context: BrowserContext;
    page: Page;
    console: ConsoleEntry[];
    pageErrors: { message: string; url: string }[];
    close(): Promise<void>;
}

/** Chromium with a fresh profile in `profileDir`, console messages and page errors of every page and frame collected. */
export async function launchBrowser(profileDir: string): Promise<Browser> {
    if (!fs.existsSync(CHROMIUM)) {
        throw new Error(`${CHROMIUM} is missing: run 'bash scripts/setup-code-server.sh' (it installs Debian's chromium).`);
    }
    fs.mkdirSync(profileDir, { recursive: true });
    const context = await chromium.launchPersistentContext(profileDir, {
        executablePath: CHROMIUM,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
            '--no-first-run', '--disable-quic', '--disable-dev-shm-usage', '--no-default-browser-check'],
        viewport: { width: 1600, height: 1000 },
        deviceScaleFactor: 1,
        locale: 'en-US',
        timeout: 60_000
    });
    const consoleEntries: ConsoleEntry[] = [];
    const pageErrors: { message: string; url: string }[] = [];
    const watch = (page: Page) => {
        page.on('pageerror', error => pageErrors.push({ message: `${error.name}: ${error.message}`, url: page.url() }));
    };
    context.on('console', (message: ConsoleMessage) => consoleEntries.push({
        type: message.type(), text: message.text(), url: message.location().url, page: message.page()?.url() ?? ''
    }));
    context.pages().forEach(watch);
    context.on('page', watch);
    const page = context.pages()[0] ?? await context.newPage();
    // E2E_CPU_THROTTLE=4 slows the workbench's page down fourfold, to try the waits on a slow machine.
    const throttle = Number(process.env.E2E_CPU_THROTTLE ?? 1);
    if (throttle > 1) {
        const session = await context.newCDPSession(page);
        await session.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    }
    return {
        context, page, console: consoleEntries, pageErrors,
        async close() {
            await context.close().catch(() => undefined);
        }
    };
}

/** Webview frames (summary, Monte Carlo, markdown preview) are iframes served from VS Code's webview "pre" page. */
export function isWebviewUrl(url: string): boolean {
    return /\/webview\/browser\/pre\//.test(url) || url.startsWith('vscode-webview:');
}

/**
 * A console message from the workbench itself (its scripts, its web worker extension host), not
 * from a webview: webview frames log with their host page's URL (…/webview/browser/pre/…) or none.
 */
export function isWorkbenchUrl(url: string): boolean {
    return url !== '' && !isWebviewUrl(url) && /^https?:\/\/127\.0\.0\.1:\d+\//.test(url);
}

/** Opens the workbench on `folder` and waits until the Explorer shows its files. One reload if the first load stalls. */
export async function openWorkbench(page: Page, url: string, folder: string): Promise<void> {
    const target = `${url}?folder=${encodeURIComponent(folder)}`;
    for (let attempt = 1; ; attempt++) {
        try {
            await page.goto(target, { waitUntil: 'domcontentloaded', timeout: 60_000 });
            await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 90_000 });
            await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout: 60_000 });
            return;
        } catch (error) {
            if (attempt >= 2) {
                throw error;
            }
        }
    }
}

/** Retries `action` (with `reset` in between) until it succeeds or `attempts` run out. */
export async function retry<T>(attempts: number, action: (attempt: number) => Promise<T>, reset?: () => Promise<void>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
        try {
            return await action(attempt);
        } catch (error) {
            if (attempt >= attempts) {
                throw error;
            }
            await reset?.().catch(() => undefined);
        }
    }
}

/** Polls `probe` until it returns a value that is not undefined/false, or throws after `timeout` with `what`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false | null>, timeout = 30_000, interval = 200): Promise<T> {
    const deadline = Date.now() + timeout;
    let lastError: unknown;
    for (;;) {
        try {
            const value = await probe();
            if (value !== undefined && value !== false && value !== null) {
                return value;
            }
        } catch (error) {
            lastError = error;
        }
        if (Date.now() > deadline) {
            throw new Error(`Timed out after ${timeout / 1000} s waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
        }
        await new Promise(resolve => setTimeout(resolve, interval));
    }
}

export class Workbench {
    private shot = 0;

    constructor(readonly page: Page, readonly screenshotDir: string) {
        fs.mkdirSync(screenshotDir, { recursive: true });
    }

    /** Saves a numbered screenshot of the whole window; returns its path. */
    async screenshot(name: string): Promise<string> {
        const file = path.join(this.screenshotDir, `${String(++this.shot).padStart(2, '0')}-${name.replace(/[^\w.-]+/g, '-')}.png`);
        await this.page.screenshot({ path: file, timeout: 15_000 }).catch(() => undefined);
        return file;
    }

    get quickInput(): Locator {
        return this.page.locator('.quick-input-widget');
    }

    /** The editor of the active group (text editors only). */
    get activeEditor(): Locator {
        return this.page.locator('.editor-group-container.active .monaco-editor[data-uri]').first();
    }

    editorFor(fileName: string): Locator {
        return this.page.locator(`.editor-group-container .monaco-editor[data-uri$="/${fileName}"]`).first();
    }

    private async openQuickInput(keys: string, expectPrefix?: string): Promise<Locator> {
        return retry(3, async () => {
            await this.page.keyboard.press(keys);
            await this.quickInput.waitFor({ state: 'visible', timeout: 10_000 });
            const input = this.quickInput.locator('input.input').first();
            if (expectPrefix !== undefined) {
                await waitFor(`the quick input to start with '${expectPrefix}'`, async () => (await input.inputValue()).startsWith(expectPrefix), 5_000);
            }
            return input;
        }, async () => {
            await this.page.keyboard.press('Escape');
        });
    }

    /** Opens a workspace file by name with Quick Open (Ctrl+P) and waits for its text editor to be active. */
    async openFile(fileName: string): Promise<Locator> {
        await retry(3, async () => {
            const input = await this.openQuickInput('Control+P');
            await input.fill(fileName);
            const row = this.quickInput.locator('.monaco-list-row', { hasText: fileName }).first();
            await row.waitFor({ state: 'visible', timeout: 15_000 });
            await this.page.keyboard.press('Enter');
            await this.page.locator(`.editor-group-container.active .monaco-editor[data-uri$="/${fileName}"]`).waitFor({ state: 'visible', timeout: 20_000 });
        }, async () => {
            await this.page.keyboard.press('Escape');
        });
        const editor = this.editorFor(fileName);
        await editor.locator('.view-lines .view-line').first().waitFor({ state: 'visible', timeout: 20_000 });
        return editor;
    }

    /** Runs a command from the palette (F1) by its label, e.g. "ACO: Show Contract Summary". */
    async runCommand(label: string): Promise<void> {
        await retry(3, async () => {
            const input = await this.openQuickInput('F1', '>');
            await input.fill(`>${label}`);
            const row = this.quickInput.locator('.monaco-list-row').filter({ hasText: label }).first();
            await row.waitFor({ state: 'visible', timeout: 15_000 });
            await row.click();
            await this.quickInput.waitFor({ state: 'hidden', timeout: 10_000 });
        }, async () => {
            await this.page.keyboard.press('Escape');
        });
    }

    /** Moves the cursor with Go to Line/Column (Ctrl+G) and waits for the status bar to show it. */
    async goTo(line: number, column: number): Promise<void> {
        const status = this.page.locator('#status\\.editor\\.selection');
        await retry(3, async () => {
            const input = await this.openQuickInput('Control+G', ':');
            await input.fill(`:${line}:${column}`);
            await this.page.keyboard.press('Enter');
            await this.quickInput.waitFor({ state: 'hidden', timeout: 10_000 });
            await waitFor(`the cursor at Ln ${line}, Col ${column}`, async () => (await status.textContent())?.includes(`Ln ${line}, Col ${column}`), 10_000);
        }, async () => {
            await this.page.keyboard.press('Escape');
        });
    }

    /** The text of the view line that contains `text` (visible lines only), spaces normalised; inlay hints are part of it. */
    async lineContaining(editor: Locator, text: string): Promise<string | undefined> {
        const lines = await editor.locator('.view-lines .view-line').evaluateAll(nodes => nodes.map(node => (node.textContent ?? '').replace(/\u00a0/g, ' ')));
        return lines.find(line => line.includes(text));
    }

    /** Gives the keyboard back to the active editor (Ctrl+1 focuses the first editor group). */
    async focusEditor(): Promise<void> {
        await retry(3, async () => {
            await this.page.keyboard.press('Control+1');
            await this.page.locator('.editor-group-container.active .monaco-editor.focused').waitFor({ state: 'visible', timeout: 5_000 });
        });
    }

    /** The Problems panel rows as text, opening the panel (and handing the focus back to the editor) if needed. */
    async problems(): Promise<string[]> {
        const panel = this.page.locator('.markers-panel');
        if (!await panel.isVisible()) {
            await this.page.keyboard.press('Control+Shift+M');
            await panel.waitFor({ state: 'visible', timeout: 10_000 });
            await this.focusEditor();
        }
        return panel.locator('.monaco-list-row').evaluateAll(rows => rows.map(row => (row.getAttribute('aria-label') ?? '') + ' | ' + (row.textContent ?? '')));
    }

    /** Closes the panel (Problems) if it is open. */
    async closePanel(): Promise<void> {
        const panel = this.page.locator('.part.panel');
        if (await panel.isVisible()) {
            await this.runCommand('View: Hide Panel');
            await panel.waitFor({ state: 'hidden', timeout: 10_000 });
        }
    }

    /** Closes every editor, answering "Don't Save" to any prompt, and waits for the editor area to be empty. */
    async closeAllEditors(): Promise<void> {
        await this.page.keyboard.press('Escape');
        await this.runCommand('View: Close All Editors');
        const dontSave = this.page.locator('.monaco-dialog-box .monaco-button', { hasText: "Don't Save" });
        await waitFor('every editor to close', async () => {
            if (await dontSave.isVisible()) {
                await dontSave.click();
            }
            return await this.page.locator('.editor-group-container .tab').count() === 0;
        }, 20_000);
    }

    /** Hovers the first visible token of `editor` whose text is `token`, and returns the hover that appears (containing `expect`). */
    async hover(editor: Locator, token: string, expect: string | RegExp, lineText?: string): Promise<Locator> {
        // View lines render spaces as no-break spaces: match any space.
        const pattern = lineText && new RegExp(lineText.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s'));
        const lines = pattern ? editor.locator('.view-lines .view-line', { hasText: pattern }).first() : editor.locator('.view-lines');
        const target = lines.locator('span > span', { hasText: token }).first();
        await target.waitFor({ state: 'visible', timeout: 20_000 });
        const hover = this.page.locator('.monaco-hover:not(.hidden)', { hasText: expect }).first();
        await retry(4, async () => {
            const box = (await target.boundingBox())!;
            await this.page.mouse.move(box.x + Math.min(box.width / 2, 12), box.y + box.height / 2, { steps: 3 });
            await hover.waitFor({ state: 'visible', timeout: 8_000 });
        }, async () => {
            await this.page.mouse.move(5, 500);
            await this.page.keyboard.press('Escape');
        });
        return hover;
    }

    /** Moves the mouse away and closes any hover. */
    async dismissHover(): Promise<void> {
        await this.page.mouse.move(5, 500);
        await this.page.keyboard.press('Escape');
        await this.page.locator('.monaco-hover:not(.hidden)').first().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
    }

    /** The status-bar item whose text matches. */
    statusBarItem(text: string | RegExp): Locator {
        return this.page.locator('.statusbar-item', { hasText: text }).first();
    }

    /** Chooses the quick-pick row whose label matches (the list must be open). */
    async pickQuickItem(label: string | RegExp): Promise<void> {
        const row = this.quickInput.locator('.monaco-list-row', { hasText: label }).first();
        await row.waitFor({ state: 'visible', timeout: 15_000 });
        await row.click();
        await this.quickInput.waitFor({ state: 'hidden', timeout: 10_000 });
    }

    /** The rows of the suggest (completion) widget, as text; opens it with Ctrl+Space unless it is already open. */
    async suggestions(open = true): Promise<string[]> {
        const widget = this.page.locator('.editor-widget.suggest-widget.visible');
        if (open) {
            await retry(3, async () => {
                await this.page.keyboard.press('Control+Space');
                await widget.waitFor({ state: 'visible', timeout: 8_000 });
            }, async () => {
                await this.page.keyboard.press('Escape');
            });
        } else {
            await widget.waitFor({ state: 'visible', timeout: 15_000 });
        }
        await widget.locator('.monaco-list-row').first().waitFor({ state: 'visible', timeout: 10_000 });
        return widget.locator('.monaco-list-row').evaluateAll(rows => rows.map(row => row.getAttribute('aria-label') ?? row.textContent ?? ''));
    }

    /** The webview frame (summary, preview) whose body contains `text`. */
    async webviewFrameWithText(text: string | RegExp, timeout = 30_000): Promise<Frame> {
        return waitFor(`a webview showing ${String(text)}`, async () => {
            for (const frame of this.page.frames()) {
                if (!isWebviewUrl(frame.url()) || frame.isDetached()) {
                    continue;
                }
                const body = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
                if (typeof text === 'string' ? body.includes(text) : text.test(body)) {
                    return frame;
                }
            }
            return undefined;
        }, timeout, 300);
    }
}
