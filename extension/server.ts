/**
 * The language server's entry point in the extension bundle: Node's IPC or stdio, chosen by the
 * command line (`--stdio`, `--node-ipc`), as vscode-languageserver decides.
 */
import '../language/polyfills.js';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startAcoServer } from '../language/lsp/server.js';

startAcoServer(createConnection(ProposedFeatures.all));
