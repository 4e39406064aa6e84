/**
 * The packaged extension: `npm run package`'s vsce step produces a .vsix named with the version,
 * holding the bundled client and server and no node_modules, whose manifest points at files that
 * are in it; and the marketplace page a contract author sees: the extension's README (no
 * developer set-up, every link absolute, every screenshot in the repository), its CHANGELOG, an
 * icon, and where to report a problem.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import yauzl from 'yauzl';
import { packageExtension } from '../../scripts/package-extension.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf-8')) as {
    name: string; version: string; main: string; icon: string;
    repository: { type: string; url: string }; bugs: { url: string };
    contributes: { languages: Array<{ configuration: string }>; grammars: Array<{ path: string }>; snippets?: Array<{ path: string }>; commands: Array<{ command: string; title: string }> };
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
    packageExtension(vsix);
    expect(fs.existsSync(vsix)).toBe(true);
    entries = await readZip(vsix);
}, 120_000);

describe('the .vsix', () => {
    test('holds the bundled client and server, and no node_modules', () => {
        const names = [...entries.keys()];
        expect(names).toContain(`extension/${manifest.main.replace(/^\.\//, '')}`);
        expect(names).toContain('extension/out/extension/server.cjs');
        expect(names).toContain('extension/out/extension/parser-worker.cjs');
        expect(names).toContain('extension/out/extension/compute-worker.cjs');
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
            ...(packaged.contributes.snippets ?? []).map(s => s.path)
        ];
        // No static snippets: VS Code would offer them everywhere, beside the server's, which fit where the cursor is.
        expect(packaged.contributes.snippets).toBeUndefined();
        for (const file of referenced) {
            expect(entries.has(`extension/${file.replace(/^\.\//, '')}`), file).toBe(true);
        }
        expect(packaged.contributes.commands.map(c => c.title)).toEqual(['Show Contract Summary', 'Run Monte Carlo', 'Explain Scenario', 'Pick the Scenario for Figures']);
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

    test('the marketplace page is the README for contract authors, with absolute links and screenshots that exist', () => {
        const readme = entries.get('extension/readme.md')?.toString('utf-8');
        expect(readme, 'the packaged README').toBeDefined();
        expect(readme).toBe(readme!.trim() + '\n');
        expect(readme).toContain('# ACO Contracts');
        // Written for contract authors: nothing about building or developing the extension.
        expect(readme).not.toMatch(/npm (install|run|test)|vsce|git clone|node_modules/);
        const repository = manifest.repository.url.replace(/\.git$/, '');
        const links = [...readme!.matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)].map(m => m[1]);
        expect(links.length).toBeGreaterThan(0);
        for (const link of links) {
            expect(link, 'every link is absolute').toMatch(/^https:\/\//);
        }
        const images = [...readme!.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map(m => m[1]);
        expect(images.length).toBeGreaterThanOrEqual(3);
        for (const image of images) {
            const prefix = `${repository}/raw/HEAD/`;
            expect(image.startsWith(prefix), image).toBe(true);
            const file = path.join(root, image.slice(prefix.length));
            expect(fs.existsSync(file), `${image} is in the repository`).toBe(true);
            expect(fs.readFileSync(file).subarray(1, 4).toString('ascii'), `${image} is a PNG`).toBe('PNG');
        }
        // The settings and commands a contract author can use are on the page.
        for (const command of manifest.contributes.commands) {
            expect(readme).toContain(`ACO: ${command.title}`);
        }
        for (const setting of ['aco.inlayHints.enabled', 'aco.inlayHints.scenario', 'aco.monteCarlo.trials']) {
            expect(readme).toContain(setting);
        }
    });

    test('with a changelog, an icon, the repository and where to report a bug', () => {
        expect(entries.get('extension/changelog.md')?.toString('utf-8')).toContain(`## ${manifest.version}`);
        const icon = entries.get(`extension/${manifest.icon}`);
        expect(icon, manifest.icon).toBeDefined();
        // A 128 x 128 PNG, as the marketplace wants.
        expect(icon!.subarray(1, 4).toString('ascii')).toBe('PNG');
        expect([icon!.readUInt32BE(16), icon!.readUInt32BE(20)]).toEqual([128, 128]);
        expect(manifest.repository.url).toMatch(/^https:\/\/github\.com\/.+\.git$/);
        expect(manifest.bugs.url).toBe(`${manifest.repository.url.replace(/\.git$/, '')}/issues`);
        const vsixManifest = entries.get('extension.vsixmanifest')!.toString('utf-8');
        expect(vsixManifest).toContain('Microsoft.VisualStudio.Services.Links.Support');
    });
});
