/**
 * Editor responsiveness over the real stdio connection to the bundled server: from a one-character
 * edit to the new diagnostics and the new inlay hints, for a typical example and for the largest
 * generated contract, with inlay hints on and off (the ratio is the cost of inline simulation),
 * and from server start to the first diagnostics.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
    createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection, type PublishDiagnosticsParams
} from 'vscode-languageserver-protocol/node';
import { largeContract } from './language-bench.js';

interface Session {
    connection: ProtocolConnection;
    close(): void;
    /** Resolves when the `count`-th publication of diagnostics for `uri` arrives. */
    diagnosticsFor(uri: string, count: number): Promise<void>;
    setHints(enabled: boolean): Promise<void>;
}

async function startServer(root: string): Promise<Session> {
    const child = spawn(process.execPath, [path.join(root, 'out/extension/server.cjs'), '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    // Langium publishes without a version: count publications per document instead.
    const seen = new Map<string, number>();
    const waiting: Array<{ uri: string; count: number; resolve: () => void }> = [];
    let hints = true;
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
        const count = (seen.get(params.uri) ?? 0) + 1;
        seen.set(params.uri, count);
        for (const w of waiting.filter(w => w.uri === params.uri && count >= w.count)) {
            waiting.splice(waiting.indexOf(w), 1);
            w.resolve();
        }
    });
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) =>
        params.items.map(item => item.section === 'aco' ? { inlayHints: { enabled: hints, scenario: '' } } : {}));
    connection.listen();
    await connection.sendRequest('initialize', {
        processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } }
    });
    await connection.sendNotification('initialized', {});
    return {
        connection,
        close: () => { connection.dispose(); child.kill(); },
        diagnosticsFor: (uri, count) => (seen.get(uri) ?? 0) >= count ? Promise.resolve()
            : new Promise(resolve => waiting.push({ uri, count, resolve })),
        setHints: async enabled => {
            hints = enabled;
            await connection.sendNotification('workspace/didChangeConfiguration', { settings: { aco: { inlayHints: { enabled } } } });
            await new Promise(resolve => setTimeout(resolve, 200));
        }
    };
}

function percentile(values: number[], p: number): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

/** Edits one character `edits` times; each sample is edit → diagnostics → inlay hints. */
async function editLatency(session: Session, uri: string, text: string, edits: number): Promise<{ p50: number; p95: number }> {
    const { connection } = session;
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'aco', version: 1, text } });
    await session.diagnosticsFor(uri, 1);
    const lines = text.split('\n').length;
    // The first digit of the first expenditure amount alternates between two values.
    const at = text.search(/expenditure \$\d/) + 'expenditure $'.length;
    const samples: number[] = [];
    for (let i = 0; i < edits; i++) {
        const version = i + 2;
        const digit = i % 2 === 0 ? '9' : text[at];
        const start = performance.now();
        const position = { line: text.slice(0, at).split('\n').length - 1, character: at - text.lastIndexOf('\n', at - 1) - 1 };
        await connection.sendNotification('textDocument/didChange', {
            textDocument: { uri, version },
            contentChanges: [{ range: { start: position, end: { ...position, character: position.character + 1 } }, text: digit }]
        });
        await session.diagnosticsFor(uri, i + 2);
        await connection.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: lines, character: 0 } } });
        samples.push(performance.now() - start);
    }
    await connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    return { p50: percentile(samples, 0.5), p95: percentile(samples, 0.95) };
}

export interface LspBenchResult {
    startToFirstDiagnosticsMs: number;
    typical: { lines: number; hintsOn: { p50: number; p95: number }; hintsOff: { p50: number; p95: number }; ratio: number };
    largest: { lines: number; hintsOn: { p50: number; p95: number }; hintsOff: { p50: number; p95: number }; ratio: number };
}

export async function runLspBench(root: string, edits = 40): Promise<LspBenchResult> {
    const typicalText = fs.readFileSync(path.join(root, 'examples/mssp-enhanced-2024.aco'), 'utf-8');
    const largestText = largeContract(2000, 500, 1000);

    const started = performance.now();
    const session = await startServer(root);
    await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///bench/first.aco', languageId: 'aco', version: 1, text: typicalText } });
    await session.diagnosticsFor('file:///bench/first.aco', 1);
    const startToFirstDiagnosticsMs = performance.now() - started;

    const typicalOn = await editLatency(session, 'file:///bench/typical-on.aco', typicalText, edits);
    const largestOn = await editLatency(session, 'file:///bench/largest-on.aco', largestText, Math.max(4, edits / 10));
    await session.setHints(false);
    const typicalOff = await editLatency(session, 'file:///bench/typical-off.aco', typicalText, edits);
    const largestOff = await editLatency(session, 'file:///bench/largest-off.aco', largestText, Math.max(4, edits / 10));
    session.close();
    return {
        startToFirstDiagnosticsMs,
        typical: { lines: typicalText.split('\n').length, hintsOn: typicalOn, hintsOff: typicalOff, ratio: typicalOn.p50 / typicalOff.p50 },
        largest: { lines: largestText.split('\n').length, hintsOn: largestOn, hintsOff: largestOff, ratio: largestOn.p50 / largestOff.p50 }
    };
}
