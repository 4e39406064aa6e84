/**
 * A soak test: seeded random edits to several open contracts (insertions of contract words and
 * figures, deletions, lines moved between contracts, reverts), each followed by the requests an
 * editor sends, for about 25 seconds. No request may fail, no handler may fail internally (the
 * server logs each one it catches), and the server's memory stays bounded.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { root, specText, startClient, type TestClient } from './lsp-client.js';

const SEED = Number(process.env.ACO_SOAK_SEED ?? 20251201);
const DURATION_MS = Number(process.env.ACO_SOAK_MS ?? 25_000);
const MAX_ROUNDS = 4000;

/** mulberry32: a small seeded generator, so a failure can be replayed with ACO_SOAK_SEED. */
function random(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

const WORDS = ['{', '}', '"', 'scenario "S" {', 'provider X "X" {', 'paid to RPC', 'result BCS 70%', 'expect earned $1.00', '175%', '-3%',
    '$1,000.00', '0', '12,500', 'quality', 'shared savings {', 'corridor', 'cap', '\n', '\n\n', '    ', '//', '/*', '*/', 'RPC', 'uncertainty {',
    'trials 100', 'benchmark $0 per member per month', 'minimum savings rate', 'program MSSP track 1 year 2019', 'distribution {', 'remainder by attributed lives'];

interface OpenDocument {
    uri: string;
    original: string;
    text: string;
    version: number;
}

function positionAt(text: string, offset: number): { line: number; character: number } {
    const before = text.slice(0, offset).split('\n');
    return { line: before.length - 1, character: before.at(-1)!.length };
}

function rssKb(pid: number): number {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf-8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

let client: TestClient;
const examples = fs.readdirSync(path.join(root, 'examples')).filter(f => f.endsWith('.aco')).sort()
    .map(f => fs.readFileSync(path.join(root, 'examples', f), 'utf-8'));

beforeAll(async () => {
    ({ client } = await startClient());
}, 30_000);

afterAll(async () => {
    await client?.stop();
});

describe('soak', () => {
    test(`random edits and requests for ${DURATION_MS / 1000} s (seed ${SEED}): no failures, bounded memory`, async () => {
        const next = random(SEED);
        const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
        const documents: OpenDocument[] = [specText, ...examples.slice(0, 3)].map((text, i) => ({ uri: `file:///virtual/soak-${i}.aco`, original: text, text, version: 1 }));
        for (const document of documents) {
            await client.open(document.uri, document.text);
        }
        expect(await client.awaitDiagnosticsFor(documents.map(d => d.uri), 20_000)).toEqual([]);
        const failures: string[] = [];
        const call = async (method: string, params: unknown): Promise<unknown> => {
            try {
                return await client.request(method, params);
            } catch (error) {
                const { code, message } = error as { code?: number; message?: string };
                // A refusal with a clear message (a scenario that cannot settle) is an answer, not a failure.
                if (code !== -32803 && code !== -32602) {
                    failures.push(`${method}: ${code} ${message}`);
                }
                return undefined;
            }
        };
        let baseline = 0;
        let peak = 0;
        const start = Date.now();
        let rounds = 0;
        while (Date.now() - start < DURATION_MS && rounds < MAX_ROUNDS) {
            rounds++;
            const document = pick(documents);
            const text = document.text;
            const offset = Math.floor(next() * (text.length + 1));
            const kind = next();
            let change: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string } | { text: string };
            if (kind < 0.45) {
                const word = pick(WORDS);
                change = { range: { start: positionAt(text, offset), end: positionAt(text, offset) }, text: word };
                document.text = text.slice(0, offset) + word + text.slice(offset);
            } else if (kind < 0.8) {
                const end = Math.min(text.length, offset + Math.floor(next() * 40));
                change = { range: { start: positionAt(text, offset), end: positionAt(text, end) }, text: '' };
                document.text = text.slice(0, offset) + text.slice(end);
            } else if (kind < 0.9) {
                const line = pick(pick(documents).original.split('\n'));
                change = { range: { start: positionAt(text, offset), end: positionAt(text, offset) }, text: `\n${line}\n` };
                document.text = text.slice(0, offset) + `\n${line}\n` + text.slice(offset);
            } else {
                document.text = document.original;
                change = { text: document.text };
            }
            document.version++;
            await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: document.uri, version: document.version }, contentChanges: [change] });
            const uri = document.uri;
            const at = positionAt(document.text, Math.floor(next() * (document.text.length + 1)));
            const textDocument = { uri };
            const requests: Array<Promise<unknown>> = [
                call('textDocument/hover', { textDocument, position: at }),
                call('textDocument/completion', { textDocument, position: at }),
                call('textDocument/inlayHint', { textDocument, range: { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } } }),
                call('textDocument/codeLens', { textDocument }),
                call('textDocument/documentSymbol', { textDocument })
            ];
            const extra = next();
            if (extra < 0.15) {
                requests.push(call('textDocument/formatting', { textDocument, options: { tabSize: 1 + Math.floor(next() * 8), insertSpaces: next() < 0.5 } }));
            } else if (extra < 0.3) {
                const diagnostics = client.diagnostics.get(uri)?.at(-1) ?? [];
                const diagnostic: Diagnostic | undefined = diagnostics.length ? pick(diagnostics) : undefined;
                requests.push(call('textDocument/codeAction', { textDocument, range: diagnostic?.range ?? { start: at, end: at }, context: { diagnostics: diagnostic ? [diagnostic] : [] } }));
            } else if (extra < 0.4) {
                requests.push(call('textDocument/rename', { textDocument, position: at, newName: 'RENAMED' }));
            } else if (extra < 0.5) {
                requests.push(call('textDocument/semanticTokens/full', { textDocument }), call('textDocument/foldingRange', { textDocument }),
                    call('textDocument/definition', { textDocument, position: at }), call('textDocument/references', { textDocument, position: at, context: { includeDeclaration: true } }));
            } else if (extra < 0.55) {
                requests.push(call('aco/explainScenario', { uri }), call('workspace/symbol', { query: pick(['RPC', 'year', '']) }));
            } else if (extra < 0.58) {
                requests.push(call('aco/summary', { uri }), call('aco/monteCarlo', { uri, trials: 500 }));
            }
            await Promise.all(requests);
            if (rounds === 50) {
                baseline = rssKb(client.child.pid!);
            }
            if (rounds % 50 === 0) {
                peak = Math.max(peak, rssKb(client.child.pid!));
            }
        }
        expect(rounds).toBeGreaterThan(100);
        expect(failures).toEqual([]);
        expect(client.logs.filter(l => /^ACO server: .* failed/.test(l))).toEqual([]);
        expect(client.stderr).toBe('');
        // Bounded: the server does not grow with the number of edits (baseline taken once warm).
        expect(peak - baseline, `RSS grew from ${baseline} kB to a peak of ${peak} kB over ${rounds} rounds`).toBeLessThan(400_000);
    }, DURATION_MS + 60_000);
});
