/**
 * Closing a large contract gives its memory back: the server runs in this process (over in-memory
 * streams, so its heap can be measured after a forced garbage collection), opens a contract of
 * some 60,000 lines, answers hovers, inlay hints and code lens on it, and closes it.
 */
import { PassThrough } from 'node:stream';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { afterAll, describe, expect, test } from 'vitest';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import {
    createProtocolConnection, StreamMessageReader, StreamMessageWriter, type PublishDiagnosticsParams
} from 'vscode-languageserver-protocol/node';
import { largeContract } from '../../bench/language-bench.js';
import { startAcoServer } from '../../language/lsp/server.js';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function heapAfterGc(): number {
    for (let i = 0; i < 3; i++) {
        gc();
    }
    return process.memoryUsage().heapUsed;
}

const toServer = new PassThrough();
const toClient = new PassThrough();
startAcoServer(createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(toClient)));
const client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
const published = new Map<string, number[]>();
const waiters: Array<() => void> = [];
client.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    published.set(params.uri, [...published.get(params.uri) ?? [], params.diagnostics.length]);
    waiters.splice(0).forEach(w => w());
});
client.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
client.onRequest('client/registerCapability', () => null);
client.listen();

function publications(uri: string): number {
    return published.get(uri)?.length ?? 0;
}

async function publication(uri: string, count: number): Promise<void> {
    while ((published.get(uri)?.length ?? 0) < count) {
        await new Promise<void>(resolve => waiters.push(resolve));
    }
}

/**
 * Resolves once the server has forgotten `uri`, closed after `before` publications: it publishes
 * no problems for a document it deletes (and the requests about it are refused as not open).
 */
async function forgotten(uri: string, before: number): Promise<void> {
    while (!(published.get(uri) ?? []).slice(before).includes(0)) {
        await new Promise<void>(resolve => waiters.push(resolve));
    }
    const refused = await client.sendRequest('aco/explainScenario', { uri }).then(() => false, (error: { code?: number }) => error.code === -32602);
    expect(refused, `a request about the closed ${uri} is refused`).toBe(true);
}

/** Opens a contract, asks what an editor asks of it, and closes it again. */
async function openUseAndClose(uri: string, text: string): Promise<void> {
    const before = published.get(uri)?.length ?? 0;
    await client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'aco', version: 1, text } });
    await publication(uri, before + 1);
    const textDocument = { uri };
    await client.sendRequest('textDocument/inlayHint', { textDocument, range: { start: { line: 0, character: 0 }, end: { line: 100_000, character: 0 } } });
    await client.sendRequest('textDocument/codeLens', { textDocument });
    await client.sendRequest('textDocument/hover', { textDocument, position: { line: 5, character: 10 } });
    await client.sendRequest('textDocument/documentSymbol', { textDocument });
    const beforeClose = publications(uri);
    await client.sendNotification('textDocument/didClose', { textDocument });
    // A closed virtual document (no file behind it) is forgotten.
    await forgotten(uri, beforeClose);
}

afterAll(() => {
    client.dispose();
});

describe('memory', () => {
    test('returns close to where it was once a large contract is closed', async () => {
        await client.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} });
        await client.sendNotification('initialized', {});
        const small = largeContract(5, 2, 2);
        await openUseAndClose('file:///virtual/warm-up.aco', small);
        const baseline = heapAfterGc();
        const large = largeContract(8_000, 100, 400);
        expect(large.split('\n').length).toBeGreaterThan(50_000);
        const uri = 'file:///virtual/large.aco';
        const beforeOpen = published.get(uri)?.length ?? 0;
        await client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'aco', version: 1, text: large } });
        await publication(uri, beforeOpen + 1);
        await client.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 100_000, character: 0 } } });
        const open = heapAfterGc();
        const publishedBeforeClose = publications(uri);
        await client.sendNotification('textDocument/didClose', { textDocument: { uri } });
        await forgotten(uri, publishedBeforeClose);
        await openUseAndClose('file:///virtual/after.aco', small);
        const mb = (n: number): string => `${(n / 1e6).toFixed(1)} MB`;
        const held = open - baseline;
        expect(held, `the open contract holds ${mb(held)}`).toBeGreaterThan(20e6);
        // Within a tenth of what the contract held (and at most 15 MB) of the baseline, once the
        // server's work on the closing has run its course: a heap measured in the very turn the
        // last answer arrives can still count a build that is being wound up.
        const limit = Math.min(held / 10, 15e6);
        let closed = heapAfterGc();
        for (let wait = 0; wait < 40 && closed - baseline >= limit; wait++) {
            await new Promise(resolve => setTimeout(resolve, 50));
            closed = heapAfterGc();
        }
        expect(closed - baseline, `baseline ${mb(baseline)}, open ${mb(open)}, closed ${mb(closed)}`).toBeLessThan(limit);
    }, 120_000);
});
