/**
 * The language server: Langium's services over a guarded connection (every handler answers, see
 * guarded-connection.ts), the three requests the code-lens commands use (custom-requests.ts), and
 * the long computations in worker threads (compute-pool.ts).
 */
import '../polyfills.js';
import { NodeFileSystem } from 'langium/node';
import { startLanguageServer } from 'langium/lsp';
import type { Connection } from 'vscode-languageserver';
import { createAcoServices, type AcoServices } from '../aco-module.js';
import { SizeAwareAsyncParser } from './async-parser.js';
import { clientCapabilities } from './client-capabilities.js';
import { ComputePool } from './compute-pool.js';
import { registerCustomRequests } from './custom-requests.js';
import { registerFocusRequests } from './focus-requests.js';
import { guardConnection, onceReporter } from './guarded-connection.js';

export interface ServerOptions {
    /** The parser worker script; without it, every document parses on the main thread. */
    parserWorker?: string;
    /** The compute worker script; without it, Monte Carlo and summaries run on the main thread, yielding between chunks. */
    computeWorker?: string;
}

export function startAcoServer(rawConnection: Connection, options: ServerOptions = {}): AcoServices {
    const report = onceReporter(rawConnection);
    const connection = guardConnection(rawConnection, report);
    // A failed request to the client (say, one that cannot register capabilities) is logged, never fatal.
    process.on('unhandledRejection', reason => report('a background task', reason, 'ignored'));
    const worker = options.parserWorker;
    const { shared, Aco } = createAcoServices({ connection, ...NodeFileSystem },
        worker ? { parser: { AsyncParser: services => new SizeAwareAsyncParser(services, worker) } } : undefined);
    // Read the client's capabilities from its `initialize`, which only the subscription made now sees.
    clientCapabilities(shared);
    const pool = options.computeWorker ? new ComputePool(options.computeWorker, error => report('a Monte Carlo or summary computation', error, 'answered with an error')) : undefined;
    registerCustomRequests({ connection, shared, Aco, pool });
    registerFocusRequests(connection, shared, Aco);
    startLanguageServer(shared);
    connection.onExit(() => pool?.dispose());

    // Inline figures depend on the `aco.inlayHints` settings: redraw them when those change, if the
    // client said it can be asked to (`workspace.inlayHint.refreshSupport`).
    shared.workspace.ConfigurationProvider.onConfigurationSectionUpdate(update => {
        if (update.section === 'aco' && clientCapabilities(shared).inlayHintRefresh) {
            void connection.languages.inlayHint.refresh().catch(() => undefined);
        }
    });

    return Aco;
}
