/**
 * The language server's entry point in the extension bundle. VS Code starts it over Node's IPC;
 * `--stdio` (any other editor) goes through language/lsp/stdio.ts, which also guards the stream.
 */
import '../language/polyfills.js';
import * as path from 'node:path';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startAcoServer, type ServerOptions } from '../language/lsp/server.js';
import { startStdioLanguageServer } from '../language/lsp/stdio.js';

// In the CommonJS bundle the workers sit beside this file.
const options: ServerOptions = {
    parserWorker: path.join(__dirname, 'parser-worker.cjs'),
    computeWorker: path.join(__dirname, 'compute-worker.cjs')
};
if (process.argv.includes('--stdio')) {
    startStdioLanguageServer(options);
} else {
    startAcoServer(createConnection(ProposedFeatures.all), options);
}
