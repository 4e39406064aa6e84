/**
 * The packaged extension: `npm run package`'s vsce step produces a .vsix named with the version,
 * holding the bundled client and server and no node_modules, whose manifest points at files that
 * are in it.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import yauzl from 'yauzl';

const root = path.resolve(import.meta.dirname, '../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf-8')) as {
    name: string; version: string; main: string;
    contributes: { languages: Array<{ configuration: string }>; grammars: Array<{ path: string }>; snippets: Array<{ path: string }>; commands: Array<{ command: string; title: string }> };
};
let entries: Map<string, Buffer>;

/** Every entry of a zip file, by name. */
function readZip(file: string): Promise<Map<string, Buffer>> {
    return new Promise((resolve, reject) => {
        yauzl.open(file, { lazyEntries: true }, (error, zip) => {
            if (error || !zip) {
                reject(error ?? new Error('cannot open the zip'));
                return;
            }
            const result = new Map<string, Buffer>();
            zip.on('error', reject);
            zip.on('end', () => resolve(result));
            zip.on('entry', (entry: yauzl.Entry) => {
                zip.openReadStream(entry, (streamError, stream) => {
                    if (streamError || !stream) {
                        reject(streamError ?? new Error(`cannot read ${entry.fileName}`));
                        return;
                    }
                    const chunks: Buffer[] = [];
                    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
                    stream.on('end', () => {
                        result.set(entry.fileName, Buffer.concat(chunks));
                        zip.readEntry();
                    });
                });
            });
            zip.readEntry();
        });
    });
}

beforeAll(async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'aco-vsix-'));
    const vsix = path.join(out, `${manifest.name}-${manifest.version}.vsix`);
    execFileSync(process.execPath, [path.join(root, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--no-rewrite-relative-links',
        '--allow-missing-repository', '--out', vsix], { cwd: root, stdio: 'pipe' });
    expect(fs.existsSync(vsix)).toBe(true);
    entries = await readZip(vsix);
}, 120_000);

describe('the .vsix', () => {
    test('holds the bundled client and server, and no node_modules', () => {
        const names = [...entries.keys()];
        expect(names).toContain(`extension/${manifest.main.replace(/^\.\//, '')}`);
        expect(names).toContain('extension/out/extension/server.cjs');
        expect(names.filter(n => n.includes('node_modules'))).toEqual([]);
        expect(names.filter(n => n.endsWith('.ts') || n.endsWith('.map'))).toEqual([]);
        expect(names.every(n => !n.startsWith('extension/test/') && !n.startsWith('extension/language/'))).toBe(true);
    });

    test('every file the manifest contributes is in the package', () => {
        const packaged = JSON.parse(entries.get('extension/package.json')!.toString('utf-8')) as typeof manifest;
        const referenced = [
            packaged.main,
            ...packaged.contributes.languages.map(l => l.configuration),
            ...packaged.contributes.grammars.map(g => g.path),
            ...packaged.contributes.snippets.map(s => s.path)
        ];
        for (const file of referenced) {
            expect(entries.has(`extension/${file.replace(/^\.\//, '')}`), file).toBe(true);
        }
        expect(packaged.contributes.commands.map(c => c.title)).toEqual(['Show Contract Summary', 'Run Monte Carlo', 'Explain Scenario']);
    });

    test('the snippets are valid VS Code snippets and the grammar is the generated one', () => {
        const snippets = JSON.parse(entries.get('extension/out/snippets/aco.json')!.toString('utf-8')) as Record<string, { prefix: string; body: string[] }>;
        expect(snippets['new ACO contract'].prefix).toBe('contract');
        expect(snippets['new ACO contract'].body.join('\n')).toContain('shared savings {');
        const grammar = entries.get('extension/syntaxes/aco.tmLanguage.json')!.toString('utf-8');
        expect(grammar).toBe(fs.readFileSync(path.join(root, 'syntaxes/aco.tmLanguage.json'), 'utf-8'));
    });

    test('the bundled server starts on its own (no node_modules beside it)', () => {
        const server = entries.get('extension/out/extension/server.cjs')!.toString('utf-8');
        expect(server).not.toMatch(/require\(["']langium["']\)/);
        expect(server).not.toMatch(/require\(["']vscode-languageserver/);
    });
});
