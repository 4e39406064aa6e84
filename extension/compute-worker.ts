/** The compute worker in the extension bundle (out/extension/compute-worker.cjs): see language/lsp/compute-worker.ts. */
import '../language/lsp/compute-worker.js';
