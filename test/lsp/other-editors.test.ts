/**
 * What a client other than VS Code sees: the server does only what the client announced it can
 * take (snippets, inlay-hint refresh, dynamic registration), formats to the canonical layout
 * whatever the editor's tab settings, finds symbols across the workspace, and never lets a name
 * written in a contract turn into a link or an image.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, InlayHint, TextEdit, WorkspaceSymbol } from 'vscode-languageserver-protocol';
import { monteCarloHtml } from '../../extension/webviews.js';
import type { MonteCarloResponse } from '../../language/lsp/server-protocol.js';
import { lineWith, specText, startClient, VSCODE_LIKE_CAPABILITIES, type TestClient } from './lsp-client.js';

const PLAIN_CLIENT = { workspace: { configuration: true }, textDocument: {} };

describe('client capabilities', () => {
    test('a client without snippetSupport gets no snippet completions; one with it does', async () => {
        const text = 'contract "C" {\n    currency USD\n\n}\n'.replace('\n\n}', '\n    \n}');
        const body = text.split('\n');
        const at = { line: body.findIndex(l => l === '    '), character: 4 };
        for (const [capabilities, snippets] of [[PLAIN_CLIENT, false], [VSCODE_LIKE_CAPABILITIES, true]] as const) {
            const { client } = await startClient({ capabilities });
            try {
                const uri = 'file:///virtual/snippets.aco';
                await client.open(uri, text);
                await client.nextDiagnostics(uri, 0);
                const result = await client.request<{ items: CompletionItem[] }>('textDocument/completion', { textDocument: { uri }, position: at });
                const snippetItems = result.items.filter(i => i.insertTextFormat === 2);
                expect(result.items.map(i => i.label)).toContain('population');
                expect(snippetItems.length > 0).toBe(snippets);
            } finally {
                await client.stop();
            }
        }
    }, 60_000);

    test('no inlay-hint refresh or dynamic registration for a client that did not announce them', async () => {
        const { client } = await startClient({ capabilities: PLAIN_CLIENT });
        try {
            await client.open('file:///virtual/caps.aco', specText);
            await client.nextDiagnostics('file:///virtual/caps.aco', 0);
            await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { aco: { inlayHints: { enabled: false } } } });
            await client.request('textDocument/hover', { textDocument: { uri: 'file:///virtual/caps.aco' }, position: { line: 0, character: 0 } });
            expect(client.serverRequests).not.toContain('workspace/inlayHint/refresh');
            expect(client.serverRequests).not.toContain('client/registerCapability');
        } finally {
            await client.stop();
        }
    }, 30_000);

    test('a client that announced them gets both', async () => {
        const { client } = await startClient({ capabilities: VSCODE_LIKE_CAPABILITIES });
        try {
            await client.open('file:///virtual/caps.aco', specText);
            await client.nextDiagnostics('file:///virtual/caps.aco', 0);
            await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { aco: { inlayHints: { enabled: false } } } });
            for (let i = 0; i < 50 && !client.serverRequests.includes('workspace/inlayHint/refresh'); i++) {
                await new Promise(resolve => setTimeout(resolve, 50));
            }
            expect(client.serverRequests).toContain('workspace/inlayHint/refresh');
            expect(client.serverRequests).toContain('client/registerCapability');
        } finally {
            await client.stop();
        }
    }, 30_000);
});

describe('formatting, workspace symbols and contract text in one session', () => {
    let client: TestClient;
    let folder: string;
    const hostileName = '![pixel](https://tracker.example/p.gif) <img src=https://tracker.example/i.png> [click](https://evil.example) www.evil.example';
    const hostile = specText
        .replace('contract "Riverside Health Partners', `contract "${hostileName} Riverside Health Partners`)
        .replace('"Riverside Primary Care"', `"${hostileName}"`)
        .replaceAll('"Expected year"', `"${hostileName}"`);

    beforeAll(async () => {
        folder = fs.mkdtempSync(path.join(os.tmpdir(), 'aco-workspace-'));
        fs.writeFileSync(path.join(folder, 'on-disk.aco'), specText.replace('provider RPC', 'provider DISKONLY').replaceAll('paid to RPC', 'paid to DISKONLY'));
        const rootUri = pathToFileURL(folder).href;
        ({ client } = await startClient({ rootUri, workspaceFolders: [{ uri: rootUri, name: 'contracts' }] }));
    }, 30_000);

    afterAll(async () => {
        await client?.stop();
        fs.rmSync(folder, { recursive: true, force: true });
    });

    test.each([
        [{ tabSize: 2, insertSpaces: true }],
        [{ tabSize: 8, insertSpaces: false }],
        [{ tabSize: 4, insertSpaces: true }],
        [{ tabSize: -4, insertSpaces: true }],
        [{ tabSize: 0, insertSpaces: false }]
    ])('formatting with %j gives the canonical layout of `aco format`', async options => {
        const uri = `file:///virtual/format-${options.tabSize}-${options.insertSpaces}.aco`;
        const messy = specText.split('\n').map(line => line.trimStart()).join('\n');
        await client.open(uri, messy);
        await client.nextDiagnostics(uri, 0);
        const edits = await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options });
        // The spec contract is in the canonical layout: formatting the messy copy gives it back.
        expect(TextDocument.applyEdits(TextDocument.create(uri, 'aco', 1, messy), edits)).toBe(specText);
    });

    test('workspace symbols find providers, measures, scenarios and contracts, in open files and on disk', async () => {
        await client.open('file:///virtual/symbols.aco', specText);
        await client.nextDiagnostics('file:///virtual/symbols.aco', 0);
        const symbols = async (query: string) => (await client.request<WorkspaceSymbol[]>('workspace/symbol', { query }));
        const rpc = await symbols('RPC');
        expect(rpc.some(s => s.name === 'RPC' && s.location.uri === 'file:///virtual/symbols.aco' && s.containerName?.startsWith('Riverside'))).toBe(true);
        expect((await symbols('DISKONLY')).map(s => s.location.uri)).toEqual([pathToFileURL(path.join(folder, 'on-disk.aco')).href]);
        const measure = lineWith(specText, 'measure ');
        const measureId = /measure (\w+)/.exec(specText.split('\n')[measure])![1];
        expect((await symbols(measureId)).map(s => s.name)).toContain(measureId);
        expect((await symbols('Expected year')).map(s => s.name)).toContain('Expected year');
        expect((await symbols('Riverside Health')).some(s => s.kind === 2)).toBe(true);
    });

    /** The Markdown outside code spans: what a renderer would interpret. */
    function outsideCode(markdown: string): string {
        return markdown.replace(/(`+)[\s\S]*?\1/g, '');
    }

    function expectInert(markdown: string): void {
        // The one link a hover has is its own: Explain, a command whose arguments are URI-encoded JSON.
        const own = markdown.replace(/\[Explain the full waterfall\]\(command:aco\.explainScenario\?[^)\s]*( "[^"]*")?\)/g, '');
        const live = outsideCode(own).replace(/\\./g, '');
        expect(live).not.toMatch(/!\[|\]\(|<img|<a |https?:\/\/|www\./);
    }

    test('hovers show hostile names as text, never as links or images', async () => {
        const uri = 'file:///virtual/hostile.aco';
        await client.open(uri, hostile);
        await client.nextDiagnostics(uri, 0);
        const hover = async (needle: string, offset: number) => (await client.request<{ contents: { value: string } }>('textDocument/hover', {
            textDocument: { uri }, position: { line: lineWith(hostile, needle), character: hostile.split('\n')[lineWith(hostile, needle)].indexOf(needle) + offset }
        })).contents.value;
        const scenario = await hover('expenditure $1,018.50', 2);
        const provider = await hover('provider RPC', 10);
        const term = await hover('benchmark $1,050.00', 2);
        for (const markdown of [scenario, provider, term]) {
            expectInert(markdown);
        }
        expect(scenario).toContain('tracker.example');
        expect(provider).toContain('tracker.example');
        const explain = await client.request<{ markdown: string }>('aco/explainScenario', { uri });
        expectInert(explain.markdown);
    });

    test('code lens titles and inlay-hint tooltips are plain text without the hostile name', async () => {
        const uri = 'file:///virtual/hostile.aco';
        const lenses = await client.request<Array<{ command: { title: string } }>>('textDocument/codeLens', { textDocument: { uri } });
        expect(lenses.length).toBeGreaterThan(0);
        for (const lens of lenses) {
            expect(lens.command.title).not.toMatch(/\$\(|tracker|<img|\]\(/);
        }
        const hints = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 500, character: 0 } } });
        expect(hints.length).toBeGreaterThan(0);
        for (const hint of hints) {
            // A string tooltip is plain text to every client; Markdown would need a MarkupContent.
            expect(typeof hint.tooltip === 'string' || hint.tooltip === undefined).toBe(true);
        }
    });

    test('the Monte Carlo panel shows a hostile contract name as text', async () => {
        const uri = 'file:///virtual/hostile.aco';
        const response = await client.request<MonteCarloResponse>('aco/monteCarlo', { uri, trials: 2000 });
        expect(response.contract).toContain('tracker.example');
        const html = monteCarloHtml({ cspSource: 'vscode-resource:' } as never, response);
        // The panel's one script is its own (scroll position, the export button), with a nonce; the name is not in it.
        const scripts = [...html.matchAll(/<script nonce="[^"]+">([\s\S]*?)<\/script>/g)];
        expect(scripts).toHaveLength(1);
        expect(scripts[0][1]).not.toContain('tracker');
        expect(html.replace(scripts[0][0], '')).not.toMatch(/<img|<a |<script/i);
        expect(html).toContain('&#60;img src=https://tracker.example/i.png&#62;');
        expect(response.chartSvg).not.toMatch(/<img|<a |<script|<foreignObject/i);
    });
});
