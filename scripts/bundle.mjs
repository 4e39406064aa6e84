// Bundles the VS Code extension with esbuild: the client (extension/main.ts) and the language
// server (extension/server.ts), each one CommonJS file for the Node of VS Code's extension host
// (Node 20 in VS Code 1.100). The .vsix ships these two files and no node_modules. Outside
// --production, also the `aco` command and its startup snapshot.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';

const production = process.argv.includes('--production');

const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: !production,
    minify: production,
    legalComments: 'none',
    logLevel: 'warning',
    // Prefer ES modules where a package ships both (langium, vscode-languageserver).
    mainFields: ['module', 'main']
};

await Promise.all([
    esbuild.build({ ...common, entryPoints: ['extension/main.ts'], outfile: 'out/extension/main.cjs', external: ['vscode'] }),
    esbuild.build({ ...common, entryPoints: ['extension/server.ts'], outfile: 'out/extension/server.cjs' }),
    esbuild.build({ ...common, entryPoints: ['extension/parser-worker.ts'], outfile: 'out/extension/parser-worker.cjs' }),
    esbuild.build({ ...common, entryPoints: ['extension/compute-worker.ts'], outfile: 'out/extension/compute-worker.cjs' })
]);

// The `aco` command as one file (starting it loads one module instead of hundreds), and the startup
// snapshot it runs from, for this Node (scripts/build-snapshot.mjs), after the bundle it names. Not
// for the .vsix (--production, which vsce runs): it ships neither, and rewriting the bundle would
// leave the snapshot built with it stale.
if (!production) {
    await esbuild.build({
        ...common, entryPoints: ['language/cli/entry.ts'], outfile: 'out/cli/aco.mjs', format: 'esm', sourcemap: true, minify: false,
        banner: { js: "import { createRequire as __acoCreateRequire } from 'node:module'; const require = __acoCreateRequire(import.meta.url);" }
    });
    const { buildSnapshot } = await import('./build-snapshot.mjs');
    const snapshot = await buildSnapshot();
    if (snapshot.error) {
        console.warn(`aco will start without a snapshot: ${snapshot.error}`);
    }
}

// VS Code's snippet file, written from the same snippets the language server completes with.
const { SECTION_SNIPPETS } = await import('../out/language/lsp/completion.js');
const snippets = Object.fromEntries(Object.values(SECTION_SNIPPETS).map(({ prefix, label, body }) =>
    [label, { prefix, body: body.split('\n'), description: `ACO: ${label}` }]));
fs.mkdirSync('out/snippets', { recursive: true });
fs.writeFileSync('out/snippets/aco.json', JSON.stringify(snippets, null, 4) + '\n');
