/**
 * A language client for tests: starts the bundled server (or any command) over stdio, records what
 * it publishes and logs, and answers its requests to the client as an editor would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect } from 'vitest';
import {
    createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ClientCapabilities, type Diagnostic, type ProtocolConnection,
    type PublishDiagnosticsParams
} from 'vscode-languageserver-protocol/node';

export const root = path.resolve(import.meta.dirname, '../..');
export const bundledServer = path.join(root, 'out/extension/server.cjs');
export const specText = fs.readFileSync(path.join(root, 'test/data/spec-contract.aco'), 'utf-8');

export interface ClientOptions {
    /** Default: the bundled server with `--stdio`. */
    command?: string[];
    capabilities?: ClientCapabilities;
    settings?: Record<string, unknown>;
    rootUri?: string | null;
    workspaceFolders?: Array<{ uri: string; name: string }> | null;
}

export const VSCODE_LIKE_CAPABILITIES: ClientCapabilities = {
    workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, inlayHint: { refreshSupport: true } },
    textDocument: { publishDiagnostics: { versionSupport: true }, completion: { completionItem: { snippetSupport: true } } }
};

/** Requests a server may send its client, answered `null` and recorded. */
const SERVER_TO_CLIENT_REQUESTS = ['client/registerCapability', 'client/unregisterCapability', 'window/workDoneProgress/create',
    'workspace/inlayHint/refresh', 'workspace/semanticTokens/refresh', 'workspace/codeLens/refresh', 'workspace/diagnostic/refresh',
    'workspace/applyEdit', 'window/showMessageRequest'];

export class TestClient {
    readonly connection: ProtocolConnection;
    readonly diagnostics = new Map<string, Diagnostic[][]>();
    /** window/logMessage and window/showMessage texts. */
    readonly logs: string[] = [];
    /** Methods of the requests the server sent to the client. */
    readonly serverRequests: string[] = [];
    stderr = '';
    private readonly waiters: Array<() => void> = [];

    constructor(readonly child: ChildProcess, settings: Record<string, unknown>) {
        child.stderr!.on('data', (chunk: Buffer) => {
            this.stderr += chunk.toString('utf-8');
        });
        this.connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
        this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
            const list = this.diagnostics.get(params.uri) ?? [];
            list.push(params.diagnostics);
            this.diagnostics.set(params.uri, list);
            this.wake();
        });
        for (const method of ['window/logMessage', 'window/showMessage']) {
            this.connection.onNotification(method, (params: { message: string }) => {
                this.logs.push(params.message);
            });
        }
        this.connection.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) => {
            this.serverRequests.push('workspace/configuration');
            return params.items.map(item => item.section ? settings[item.section] ?? null : null);
        });
        for (const method of SERVER_TO_CLIENT_REQUESTS) {
            this.connection.onRequest(method, () => {
                this.serverRequests.push(method);
                return null;
            });
        }
        this.connection.listen();
    }

    private wake(): void {
        this.waiters.splice(0).forEach(w => w());
    }

    published(uri: string): number {
        return this.diagnostics.get(uri)?.length ?? 0;
    }

    /** The first diagnostics published for `uri` after `since` earlier publications. */
    async nextDiagnostics(uri: string, since: number): Promise<Diagnostic[]> {
        for (;;) {
            const list = this.diagnostics.get(uri) ?? [];
            if (list.length > since) {
                return list[since];
            }
            await new Promise<void>(resolve => this.waiters.push(resolve));
        }
    }

    /** Waits until every URI has had diagnostics published, or `ms` passes; returns those that had none. */
    async awaitDiagnosticsFor(uris: string[], ms: number): Promise<string[]> {
        const deadline = Date.now() + ms;
        for (;;) {
            const missing = uris.filter(uri => this.published(uri) === 0);
            if (missing.length === 0 || Date.now() > deadline) {
                return missing;
            }
            await Promise.race([new Promise<void>(resolve => this.waiters.push(resolve)), new Promise(resolve => setTimeout(resolve, 100))]);
        }
    }

    open(uri: string, text: string, version = 1): Promise<void> {
        return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'aco', version, text } });
    }

    change(uri: string, version: number, text: string): Promise<void> {
        return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    }

    close(uri: string): Promise<void> {
        return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    }

    request<T>(method: string, params: unknown): Promise<T> {
        return this.connection.sendRequest(method, params) as Promise<T>;
    }

    /** Shuts the server down as an editor does, then ends the process if it is still there. */
    async stop(): Promise<void> {
        if (this.child.exitCode === null) {
            await Promise.race([this.connection.sendRequest('shutdown').then(() => this.connection.sendNotification('exit')).catch(() => undefined),
                new Promise(resolve => setTimeout(resolve, 2000))]);
        }
        this.connection.dispose();
        if (this.child.exitCode === null) {
            this.child.kill();
        }
    }
}

/** Starts a server and completes the LSP handshake. */
export async function startClient(options: ClientOptions = {}): Promise<{ client: TestClient; capabilities: Record<string, unknown> }> {
    const command = options.command ?? [process.execPath, bundledServer, '--stdio'];
    if (!options.command) {
        expect(fs.existsSync(bundledServer), 'run `npm run build` first: the bundled server is missing').toBe(true);
    }
    const child = spawn(command[0], command.slice(1), { stdio: ['pipe', 'pipe', 'pipe'], cwd: root });
    const settings = options.settings ?? { aco: { inlayHints: { enabled: true, scenario: '' }, monteCarlo: { trials: 0 } } };
    const client = new TestClient(child, settings);
    // A server that dies on start says why, rather than leaving the test waiting.
    const exited = new Promise<never>((_, reject) => child.on('exit', code => reject(new Error(`the server exited (${code}) before answering initialize: ${client.stderr}`))));
    const init = await Promise.race([exited, client.request<{ capabilities: Record<string, unknown> }>('initialize', {
        processId: process.pid, rootUri: options.rootUri ?? null, workspaceFolders: options.workspaceFolders ?? null,
        capabilities: options.capabilities ?? VSCODE_LIKE_CAPABILITIES
    })]);
    exited.catch(() => undefined);
    await client.connection.sendNotification('initialized', {});
    return { client, capabilities: init.capabilities };
}

/** The 0-based line of the first line of `text` that contains `needle`. */
export function lineWith(text: string, needle: string): number {
    const line = text.split('\n').findIndex(l => l.includes(needle));
    expect(line, needle).toBeGreaterThanOrEqual(0);
    return line;
}
