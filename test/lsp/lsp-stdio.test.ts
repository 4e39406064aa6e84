/**
 * The bundled language server over a real LSP connection (stdio), driven as an editor drives it:
 * initialize, open a contract, wait for diagnostics, then every feature the editor uses.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
    createProtocolConnection, StreamMessageReader, StreamMessageWriter, type Diagnostic, type ProtocolConnection,
    type PublishDiagnosticsParams
} from 'vscode-languageserver-protocol/node';
import { largeContract } from '../../bench/language-bench.js';


const root = path.resolve(import.meta.dirname, '../..');
const server = path.join(root, 'out/extension/server.cjs');
const specText = fs.readFileSync(path.join(root, 'test/data/spec-contract.aco'), 'utf-8');
const uri = 'file:///virtual/riverside.aco';

let child: ChildProcess;
let connection: ProtocolConnection;
const diagnostics = new Map<string, Array<{ version?: number; diagnostics: Diagnostic[] }>>();
const waiters: Array<() => void> = [];

/** Resolves with the first diagnostics published for `uri` after `since` earlier publications. */
async function nextDiagnostics(target: string, since: number): Promise<Diagnostic[]> {
    for (;;) {
        const list = diagnostics.get(target) ?? [];
        if (list.length > since) {
            return list[since].diagnostics;
        }
        await new Promise<void>(resolve => waiters.push(resolve));
    }
}

function published(target: string): number {
    return diagnostics.get(target)?.length ?? 0;
}

beforeAll(async () => {
    expect(fs.existsSync(server), 'run `npm run build` first: the bundled server is missing').toBe(true);
    child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
        const list = diagnostics.get(params.uri) ?? [];
        list.push({ version: params.version, diagnostics: params.diagnostics });
        diagnostics.set(params.uri, list);
        waiters.splice(0).forEach(w => w());
    });
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) =>
        params.items.map(item => item.section === 'aco' ? { inlayHints: { enabled: true, scenario: '' }, monteCarlo: { trials: 0 } } : {}));
    connection.listen();
    const init = await connection.sendRequest('initialize', {
        processId: process.pid, rootUri: null, workspaceFolders: null,
        capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } }
    }) as { capabilities: Record<string, unknown> };
    for (const capability of ['hoverProvider', 'inlayHintProvider', 'codeLensProvider', 'completionProvider', 'codeActionProvider',
        'documentFormattingProvider', 'renameProvider', 'semanticTokensProvider', 'documentSymbolProvider', 'definitionProvider', 'foldingRangeProvider']) {
        expect(init.capabilities[capability], capability).toBeTruthy();
    }
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'aco', version: 1, text: specText } });
}, 30_000);

afterAll(async () => {
    connection?.dispose();
    child?.kill();
});

describe('the language server over stdio', () => {
    test('publishes diagnostics for an opened contract, and new ones after an edit', async () => {
        expect(await nextDiagnostics(uri, 0)).toEqual([]);
        const before = published(uri);
        const broken = specText.replace('sharing rate 75%', 'sharing rate 175%');
        await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: broken }] });
        const after = await nextDiagnostics(uri, before);
        expect(after.map(d => d.code)).toContain('percent-range');
        const percent = after.find(d => d.code === 'percent-range')!;
        expect(percent.message).toBe('175% is not a valid rate: a rate lies between 0% and 100%.');
        const restored = published(uri);
        await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: specText }] });
        expect(await nextDiagnostics(uri, restored)).toEqual([]);
    });

    test('inlay hints carry the settled figures', async () => {
        const hints = await connection.sendRequest('textDocument/inlayHint', {
            textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 200, character: 0 } }
        }) as Array<{ label: string; tooltip?: string }>;
        expect(hints.map(h => h.label)).toEqual(expect.arrayContaining(['≈ $157.5M', 'earned ≈ $2.14M', '≈ $794.52K']));
        expect(hints.find(h => h.label === 'earned ≈ $2.14M')?.tooltip).toBe('Earned $2,135,818.13');
    });

    test('code lens, hover, completion, code action, formatting, rename and semantic tokens answer', async () => {
        const lenses = await connection.sendRequest('textDocument/codeLens', { textDocument: { uri } }) as Array<{ command?: { title: string } }>;
        expect(lenses.map(l => l.command?.title)).toContain('Earned $2,135,818.13');

        const scenarioLine = specText.split('\n').findIndex(l => l.includes('expenditure $1,018.50'));
        const hover = await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: scenarioLine, character: 10 } }) as { contents: { value: string } };
        // Inside a scenario: what it earns and a link to its waterfall, not the whole table.
        expect(hover.contents.value).toContain('Scenario `Expected year` earns **$2,135,818.13**. [Explain the full waterfall](command:aco.explainScenario?');
        expect(hover.contents.value).not.toContain('| # | Step |');

        const capLine = specText.split('\n').findIndex(l => l.includes('paid to RPC'));
        const completion = await connection.sendRequest('textDocument/completion', {
            textDocument: { uri }, position: { line: capLine, character: specText.split('\n')[capLine].indexOf('RPC') }
        }) as { items: Array<{ label: string }> };
        expect(completion.items.map(i => i.label)).toEqual(expect.arrayContaining(['RPC', 'LFM', 'SMH']));

        const wrongExpect = specText.replace('expect earned $2,135,818.13', 'expect earned $1.00');
        const before = published(uri);
        await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 4 }, contentChanges: [{ text: wrongExpect }] });
        const failing = (await nextDiagnostics(uri, before)).filter(d => d.code === 'expectation-failed');
        expect(failing).toHaveLength(1);
        const actions = await connection.sendRequest('textDocument/codeAction', {
            textDocument: { uri }, range: failing[0].range, context: { diagnostics: failing }
        }) as Array<{ title: string; edit: { changes: Record<string, Array<{ newText: string }>> } }>;
        expect(actions[0].title).toBe('Expect $2,135,818.13 (the computed figure)');
        expect(actions[0].edit.changes[uri][0].newText).toBe('$2,135,818.13');

        const messy = specText.replace('    currency USD', 'currency    USD');
        await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 5 }, contentChanges: [{ text: messy }] });
        const formatting = await connection.sendRequest('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } }) as Array<{ newText: string }>;
        expect(formatting.length).toBeGreaterThan(0);

        const rpcLine = specText.split('\n').findIndex(l => l.includes('provider RPC'));
        const rename = await connection.sendRequest('textDocument/rename', {
            textDocument: { uri }, position: { line: rpcLine, character: specText.split('\n')[rpcLine].indexOf('RPC') + 1 }, newName: 'RIVER'
        }) as { changes: Record<string, unknown[]> };
        expect(rename.changes[uri]).toHaveLength(3);

        const tokens = await connection.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } }) as { data: number[] };
        expect(tokens.data.length).toBeGreaterThan(50);
        expect(tokens.data.length % 5).toBe(0);
    });

    test('the custom requests explain a scenario and run Monte Carlo', async () => {
        await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 6 }, contentChanges: [{ text: specText }] });
        const explain = await connection.sendRequest('aco/explainScenario', { uri, scenario: 'Expected year' }) as { markdown: string };
        expect(explain.markdown).toContain('earned **$2,135,818.13**');
        const mc = await connection.sendRequest('aco/monteCarlo', { uri, trials: 5000 }) as { result: { trials: number; seed: number }; chartSvg: string };
        expect(mc.result).toMatchObject({ trials: 5000, seed: 7 });
        expect(mc.chartSvg).toMatch(/^<svg/);
    });

    test('a pathological input (100,000 lines, deep nesting) never blocks other requests for a second', async () => {
        const hugeUri = 'file:///virtual/huge.aco';
        const huge = largeContract(14_500, 500, 2_000);
        expect(huge.split('\n').length).toBeGreaterThan(100_000);
        const nestedUri = 'file:///virtual/nested.aco';
        const nested = `contract "Nested" {\n${'population {\n'.repeat(10_000)}${'}\n'.repeat(10_000)}}\n`;
        const before = published(hugeUri);
        await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: hugeUri, languageId: 'aco', version: 1, text: huge } });
        await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: nestedUri, languageId: 'aco', version: 1, text: nested } });
        const scenarioLine = specText.split('\n').findIndex(l => l.includes('expenditure $1,018.50'));
        const slowest: number[] = [];
        for (let i = 0; i < 10; i++) {
            const start = performance.now();
            const hover = await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: scenarioLine, character: 10 } }) as { contents: { value: string } } | null;
            slowest.push(performance.now() - start);
            expect(hover?.contents.value).toContain('Explain the full waterfall');
            await new Promise(resolve => setTimeout(resolve, 100));
        }
        expect(Math.max(...slowest)).toBeLessThan(1000);
        // The huge contract is processed in the end, and is valid.
        const hugeDiagnostics = await nextDiagnostics(hugeUri, before);
        expect(hugeDiagnostics.filter(d => d.severity === 1)).toEqual([]);
        const nestedDiagnostics = await nextDiagnostics(nestedUri, 0);
        expect(nestedDiagnostics.some(d => d.code === 'syntax-error')).toBe(true);
    }, 120_000);

    test('a broken contract still gets answers', async () => {
        const brokenUri = 'file:///virtual/broken.aco';
        await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: brokenUri, languageId: 'aco', version: 1, text: 'contract "B" {\n    population { assigned beneficiaries\n    scenario "s" { savings 3% }\n' } });
        const errors = await nextDiagnostics(brokenUri, 0);
        expect(errors.some(d => d.code === 'syntax-error')).toBe(true);
        const hover = await connection.sendRequest('textDocument/hover', { textDocument: { uri: brokenUri }, position: { line: 2, character: 20 } });
        expect(hover === null || typeof hover === 'object').toBe(true);
        const symbols = await connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: brokenUri } }) as unknown[];
        expect(Array.isArray(symbols)).toBe(true);
    });
});
