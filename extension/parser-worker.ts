/** The parser worker in the extension bundle (out/extension/parser-worker.cjs): see language/lsp/parser-worker.ts. */
import '../language/lsp/parser-worker.js';
