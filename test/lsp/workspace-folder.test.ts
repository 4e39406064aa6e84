/**
 * An editor opening a folder of contracts: the file in front of the author is built first and
 * gets its problems at once; the folder's other files are loaded and indexed in the background
 * (Go to Symbol in Workspace finds them) but never validated, so no edit re-validates them; a
 * closed file's problems are cleared.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DocumentState, URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { WorkspaceSymbol } from 'vscode-languageserver';
import { createAcoServices } from '../../language/aco-module.js';
import { specText, startClient, type TestClient } from './lsp-client.js';

const FILES = 300;
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'aco-workspace-folder-'));
/** Every file's contract has its own name; every third one an error an editor would show. */
const uris = Array.from({ length: FILES }, (_, i) => {
    const file = path.join(folder, `contract-${String(i).padStart(3, '0')}.aco`);
    const text = specText.replace(/contract "[^"]*"/, `contract "Portfolio contract ${i}"`);
    fs.writeFileSync(file, i % 3 === 0 ? text.replace('sharing rate 75%', 'sharing rate 175%') : text);
    return pathToFileURL(file).href;
});
const opened = uris[150];
const openedText = fs.readFileSync(new URL(opened), 'utf-8');

let client: TestClient;

beforeAll(async () => {
    ({ client } = await startClient({ workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'portfolio' }] }));
}, 30_000);

afterAll(async () => {
    await client?.stop();
    fs.rmSync(folder, { recursive: true, force: true });
});

async function contractsFound(): Promise<number> {
    const symbols = await client.request<WorkspaceSymbol[]>('workspace/symbol', { query: 'Portfolio contract' });
    return symbols.filter(s => s.kind === 2).length;
}

function othersPublished(): string[] {
    return uris.filter(uri => uri !== opened && client.published(uri) > 0);
}

describe('a folder of contracts', () => {
    test('the opened file gets its problems; the others are indexed and never validated', async () => {
        await client.open(opened, openedText);
        const first = await client.nextDiagnostics(opened, 0);
        expect(first.map(d => d.code)).toContain('percent-range');
        for (let attempt = 0; attempt < 200 && await contractsFound() < FILES; attempt++) {
            await new Promise(resolve => setTimeout(resolve, 50));
        }
        expect(await contractsFound()).toBe(FILES);
        expect(othersPublished()).toEqual([]);
    }, 60_000);

    test('an edit re-validates the edited file only', async () => {
        const before = client.published(opened);
        await client.change(opened, 2, openedText.replace('sharing rate 175%', 'sharing rate 75%'));
        expect((await client.nextDiagnostics(opened, before)).map(d => d.code)).not.toContain('percent-range');
        // Give any stray validation time to publish.
        await new Promise(resolve => setTimeout(resolve, 500));
        expect(othersPublished()).toEqual([]);
    }, 30_000);

    test('an open contract with an unknown provider is not checked again when another file is edited', async () => {
        // Langium relinks every document with an unresolved reference on each update; contracts never refer to other files.
        const broken = uris[10];
        const brokenText = fs.readFileSync(new URL(broken), 'utf-8').replace('paid to RPC', 'paid to NOBODY');
        await client.open(broken, brokenText);
        expect((await client.nextDiagnostics(broken, 0)).map(d => d.code)).toContain('unknown-provider');
        const published = client.published(broken);
        const before = client.published(opened);
        await client.change(opened, 3, openedText.replace('sharing rate 175%', 'sharing rate 70%'));
        await client.nextDiagnostics(opened, before);
        await new Promise(resolve => setTimeout(resolve, 500));
        expect(client.published(broken)).toBe(published);
        const closedAt = client.published(broken);
        await client.close(broken);
        expect(await client.nextDiagnostics(broken, closedAt)).toEqual([]);
    }, 30_000);

    test('a file merely in the folder is not open: requests about it say so', async () => {
        const error = await client.request('aco/explainScenario', { uri: uris[3] }).then(() => undefined, (e: { code: number; message: string }) => e);
        expect(error?.code).toBe(-32602);
        expect(error?.message).toContain('Open the file first');
    });

    test('closing a file clears its problems, and the saved text is what the folder holds again', async () => {
        const beforeRename = client.published(opened);
        await client.change(opened, 4, openedText.replace(/contract "[^"]*"/, 'contract "Renamed while open"'));
        expect((await client.nextDiagnostics(opened, beforeRename)).map(d => d.code)).toContain('percent-range');
        const before = client.published(opened);
        await client.close(opened);
        expect(await client.nextDiagnostics(opened, before)).toEqual([]);
        // The unsaved rename is gone: the folder's symbols are the saved file's again.
        for (let attempt = 0; attempt < 100 && await contractsFound() < FILES; attempt++) {
            await new Promise(resolve => setTimeout(resolve, 50));
        }
        expect(await contractsFound()).toBe(FILES);
        const renamed = await client.request<WorkspaceSymbol[]>('workspace/symbol', { query: 'Renamed while open' });
        expect(renamed.filter(s => s.kind === 2)).toEqual([]);
        await new Promise(resolve => setTimeout(resolve, 300));
        expect(client.diagnostics.get(opened)!.at(-1)).toEqual([]);
    }, 30_000);
});

describe('loading a folder in the background', () => {
    test('a file gone since the folder was listed reads as empty, and the files after it still load', async () => {
        const { shared } = createAcoServices(NodeFileSystem);
        const workspace = shared.workspace;
        const gone = URI.file(path.join(folder, 'deleted-since.aco'));
        const present = URI.parse(uris[1]);
        for (const uri of [gone, present]) {
            // As the workspace manager leaves each listed file: an empty document, to be read and parsed.
            const document = workspace.LangiumDocumentFactory.fromModel({ $type: 'INVALID' }, uri);
            document.state = DocumentState.Changed;
            workspace.LangiumDocuments.addDocument(document);
        }
        await workspace.DocumentBuilder.update([], []);
        expect(workspace.LangiumDocuments.getDocument(gone)!.textDocument.getText()).toBe('');
        const loaded = workspace.LangiumDocuments.getDocument(present)!;
        expect(loaded.state).toBeGreaterThanOrEqual(DocumentState.IndexedReferences);
        expect((loaded.parseResult.value as { name?: string }).name).toBe('Portfolio contract 1');
    });
});
