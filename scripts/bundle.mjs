// Bundles the VS Code extension with esbuild: the client (extension/main.ts) and the language
// server (extension/server.ts), each one CommonJS file for the Node of VS Code's extension host
// (Node 20 in VS Code 1.100). The .vsix ships these two files and no node_modules.
import * as esbuild from 'esbuild';

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
    esbuild.build({ ...common, entryPoints: ['extension/server.ts'], outfile: 'out/extension/server.cjs' })
]);
