/**
 * A language client for the benchmarks: the bundled server over stdio, as an editor starts it,
 * counting the diagnostics it publishes per document and answering its requests to the client.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
    createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection, type PublishDiagnosticsParams
} from 'vscode-languageserver-protocol/node';

export interface Session {
    connection: ProtocolConnection;
    child: ChildProcess;
    /** Every publication of diagnostics, in order, with when it arrived. */
    published: Array<{ uri: string; at: number }>;
    close(): void;
    /** Resolves when the `count`-th publication of diagnostics for `uri` arrives. */
    diagnosticsFor(uri: string, count: number): Promise<void>;
    setHints(enabled: boolean): Promise<void>;
    /** The server's resident memory now, in MB (Linux; 0 elsewhere). */
    residentMb(): number;
}

export interface SessionOptions {
    /** A workspace folder the server loads, as an editor opening that folder. */
    workspace?: string;
    /** Node options for the server (`--cpu-prof` to profile it). */
    nodeArgs?: string[];
}

export async function startServer(root: string, options: SessionOptions = {}): Promise<Session> {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), path.join(root, 'out/extension/server.cjs'), '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const seen = new Map<string, number>();
    const published: Session['published'] = [];
    const waiting: Array<{ uri: string; count: number; resolve: () => void }> = [];
    let hints = true;
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
        const count = (seen.get(params.uri) ?? 0) + 1;
        seen.set(params.uri, count);
        published.push({ uri: params.uri, at: performance.now() });
        for (const w of waiting.filter(w => w.uri === params.uri && count >= w.count)) {
            waiting.splice(waiting.indexOf(w), 1);
            w.resolve();
        }
    });
    for (const method of ['client/registerCapability', 'client/unregisterCapability', 'window/workDoneProgress/create', 'workspace/inlayHint/refresh',
        'workspace/codeLens/refresh', 'workspace/semanticTokens/refresh', 'workspace/diagnostic/refresh']) {
        connection.onRequest(method, () => null);
    }
    connection.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) =>
        params.items.map(item => item.section === 'aco' ? { inlayHints: { enabled: hints, scenario: '' } } : {}));
    connection.listen();
    const folder = options.workspace ? { uri: `file://${options.workspace}`, name: path.basename(options.workspace) } : undefined;
    await connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: folder?.uri ?? null,
        workspaceFolders: folder ? [folder] : null,
        capabilities: {
            workspace: { configuration: true, workspaceFolders: true, inlayHint: { refreshSupport: true } },
            textDocument: { publishDiagnostics: { versionSupport: true } }
        }
    });
    await connection.sendNotification('initialized', {});
    return {
        connection,
        child,
        published,
        close: () => {
            connection.dispose();
            child.kill();
        },
        diagnosticsFor: (uri, count) => (seen.get(uri) ?? 0) >= count ? Promise.resolve()
            : new Promise(resolve => waiting.push({ uri, count, resolve })),
        setHints: async enabled => {
            hints = enabled;
            await connection.sendNotification('workspace/didChangeConfiguration', { settings: { aco: { inlayHints: { enabled } } } });
            await new Promise(resolve => setTimeout(resolve, 200));
        },
        residentMb: () => {
            try {
                const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf-8');
                return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
            } catch {
                return 0;
            }
        }
    };
}

export function percentile(values: number[], p: number): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}
