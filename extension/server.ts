/**
 * The language server's entry point in the extension bundle: Node's IPC or stdio, chosen by the
 * command line (`--stdio`, `--node-ipc`), as vscode-languageserver decides.
 */
import '../language/polyfills.js';
import * as path from 'node:path';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startAcoServer } from '../language/lsp/server.js';

// In the CommonJS bundle the worker sits beside this file.
startAcoServer(createConnection(ProposedFeatures.all), { parserWorker: path.join(__dirname, 'parser-worker.cjs') });
