#!/usr/bin/env node
// `aco-language-server --stdio`: the language server for any LSP client, the same as `aco lsp --stdio`.
import { runLanguageServerCommand } from '../out/language/lsp/worker-scripts.js';

await runLanguageServerCommand();
