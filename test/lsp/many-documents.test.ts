/**
 * An editor that opens a whole folder of contracts at once (restoring a session, "open all"):
 * every contract gets its diagnostics, however many there are.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { largeContract } from '../../bench/language-bench.js';
import { root, specText, startClient, type TestClient } from './lsp-client.js';

const examples = fs.readdirSync(path.join(root, 'examples')).filter(f => f.endsWith('.aco'))
    .map(f => fs.readFileSync(path.join(root, 'examples', f), 'utf-8'));

let client: TestClient;

beforeAll(async () => {
    ({ client } = await startClient());
}, 30_000);

afterAll(async () => {
    await client?.stop();
});

describe('opening many contracts at once', () => {
    test('each of 30 contracts opened back to back gets its diagnostics', async () => {
        const uris = Array.from({ length: 30 }, (_, i) => `file:///virtual/many/contract-${i}.aco`);
        // Every third one has an error, so published diagnostics are each document's own.
        await Promise.all(uris.map((uri, i) => client.open(uri, i % 3 === 0 ? specText.replace('sharing rate 75%', 'sharing rate 175%') : specText)));
        const missing = await client.awaitDiagnosticsFor(uris, 30_000);
        expect(missing).toEqual([]);
        uris.forEach((uri, i) => {
            const codes = client.diagnostics.get(uri)!.at(-1)!.map(d => d.code);
            expect(codes.includes('percent-range'), uri).toBe(i % 3 === 0);
        });
    }, 60_000);

    test('each of 30 contracts opened one after another, as an editor restores a session, gets its diagnostics', async () => {
        const uris = Array.from({ length: 30 }, (_, i) => `file:///virtual/session/contract-${i}.aco`);
        // Each open arrives while the previous ones are being built, so builds are cancelled midway.
        // Larger contracts, whose validation outlasts Langium's 10 ms between yields, widen the gap.
        const texts = [...examples, largeContract(150, 10, 40), largeContract(300, 20, 20)];
        for (const [i, uri] of uris.entries()) {
            await client.open(uri, texts[i % texts.length]);
            await new Promise(resolve => setTimeout(resolve, 2 + (i % 5) * 3));
        }
        expect(await client.awaitDiagnosticsFor(uris, 30_000)).toEqual([]);
    }, 60_000);

    test('edits to many contracts in a burst each end with the diagnostics of the last edit', async () => {
        const uris = Array.from({ length: 20 }, (_, i) => `file:///virtual/burst/contract-${i}.aco`);
        await Promise.all(uris.map(uri => client.open(uri, specText)));
        expect(await client.awaitDiagnosticsFor(uris, 30_000)).toEqual([]);
        const before = new Map(uris.map(uri => [uri, client.published(uri)]));
        await Promise.all(uris.map(uri => client.change(uri, 2, specText.replace('sharing rate 75%', 'sharing rate 175%'))));
        for (const uri of uris) {
            const next = await client.nextDiagnostics(uri, before.get(uri)!);
            expect(next.map(d => d.code), uri).toContain('percent-range');
        }
    }, 60_000);
});
