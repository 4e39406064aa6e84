/**
 * The language server opening a folder of contracts, as an editor does: a workspace of `size`
 * oracle contracts against a workspace of one. For each: the time from server start to the first
 * diagnostics of a file opened at once, the time until every contract is indexed (Go to Symbol in
 * Workspace finds every one), and the server's memory; then one edit of the opened file, counting
 * the other documents it re-validated (each validation publishes diagnostics). The indexing time
 * is set against the CLI validating the same files.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { oracleContracts, writeContracts } from './oracle-portfolio.js';
import { startServer } from './lsp-session.js';

export interface WorkspaceRun {
    contracts: number;
    firstDiagnosticsMs: number;
    indexedMs: number;
    residentMb: number;
    /** Documents other than the edited one that published diagnostics after one edit. */
    otherDocumentsRevalidated: number;
    editToDiagnosticsMs: number;
}

export interface LspWorkspaceBenchResult {
    one: WorkspaceRun;
    many: WorkspaceRun;
    cliValidateMs: number;
    /** First diagnostics in the large workspace over the one-file workspace (target ≤ 2). */
    firstDiagnosticsRatio: number;
    /** Every file indexed, over the CLI's validate time for the same files (target ≤ 2). */
    indexedOverCliRatio: number;
    /** Memory the large workspace adds per contract. */
    kbPerContract: number;
}

const QUIET_MS = 1_500;
const TIMEOUT_MS = 300_000;

function within<T>(promise: Promise<T>, what: string): Promise<T> {
    return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), TIMEOUT_MS).unref())]);
}

async function openWorkspace(root: string, directory: string, opened: string, contracts: number): Promise<WorkspaceRun> {
    const started = performance.now();
    const session = await startServer(root, { workspace: directory });
    const uri = `file://${opened}`;
    try {
        await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'aco', version: 1, text: fs.readFileSync(opened, 'utf-8') } });
        const firstDiagnostics = within(session.diagnosticsFor(uri, 1), 'the first diagnostics').then(() => performance.now() - started);
        // Go to Symbol in Workspace answers once the workspace is indexed: ask until every contract is there.
        let indexedMs = NaN;
        for (;;) {
            const symbols = await within(session.connection.sendRequest('workspace/symbol', { query: '' }) as Promise<Array<{ kind: number }>>, 'workspace symbols');
            if (symbols.filter(s => s.kind === 2 /* Module: a contract */).length >= contracts) {
                indexedMs = performance.now() - started;
                break;
            }
            await new Promise(resolve => setTimeout(resolve, 50));
        }
        const firstDiagnosticsMs = await firstDiagnostics;
        // Let the initial build settle before the edit, so only the edit's work is counted.
        await settle(session.published);
        const residentMb = session.residentMb();
        const before = session.published.length;
        const editStart = performance.now();
        await session.connection.sendNotification('textDocument/didChange', {
            textDocument: { uri, version: 2 },
            contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '// edited\n' }]
        });
        await within(session.diagnosticsFor(uri, session.published.filter(p => p.uri === uri).length + 1), 'diagnostics after the edit');
        const editToDiagnosticsMs = performance.now() - editStart;
        await settle(session.published);
        const otherDocumentsRevalidated = new Set(session.published.slice(before).map(p => p.uri).filter(u => u !== uri)).size;
        return { contracts, firstDiagnosticsMs, indexedMs, residentMb, otherDocumentsRevalidated, editToDiagnosticsMs };
    } finally {
        session.close();
    }
}

/** Waits until nothing has been published for a while. */
async function settle(published: Array<{ at: number }>): Promise<void> {
    for (;;) {
        const last = published.at(-1)?.at ?? 0;
        const quiet = performance.now() - last;
        if (quiet >= QUIET_MS) {
            return;
        }
        await new Promise(resolve => setTimeout(resolve, QUIET_MS - quiet));
    }
}

export async function runLspWorkspaceBench(root: string, size = 5_000): Promise<LspWorkspaceBenchResult> {
    const texts = oracleContracts(root).slice(0, size);
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'aco-workspace-'));
    try {
        const manyDirectory = path.join(base, 'many');
        const oneDirectory = path.join(base, 'one');
        const files = writeContracts(manyDirectory, texts);
        const middle = files[Math.floor(files.length / 2)];
        const [single] = writeContracts(oneDirectory, [fs.readFileSync(middle, 'utf-8')]);
        const one = await openWorkspace(root, oneDirectory, single, 1);
        const many = await openWorkspace(root, manyDirectory, middle, texts.length);
        const start = performance.now();
        const cli = spawnSync(path.join(root, 'bin/aco.js'), ['validate', manyDirectory, '--quiet'], { encoding: 'utf-8', maxBuffer: 1 << 30 });
        const cliValidateMs = performance.now() - start;
        if (cli.status === 2) {
            throw new Error(cli.stderr);
        }
        return {
            one,
            many,
            cliValidateMs,
            firstDiagnosticsRatio: many.firstDiagnosticsMs / one.firstDiagnosticsMs,
            indexedOverCliRatio: many.indexedMs / cliValidateMs,
            kbPerContract: ((many.residentMb - one.residentMb) * 1024) / (many.contracts - one.contracts)
        };
    } finally {
        fs.rmSync(base, { recursive: true, force: true });
    }
}
