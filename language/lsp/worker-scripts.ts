/**
 * Where the server's worker scripts are when it runs from the `aco` command (out/cli/aco.mjs, a
 * bundle) or from the compiled modules (out/language/lsp/): the compiled workers in
 * out/language/lsp/. Where neither exists (the TypeScript sources under test), the server does
 * everything on its main thread.
 */
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ServerOptions } from './server.js';

export function compiledWorkers(): ServerOptions {
    const find = (name: string): string | undefined => [`./${name}`, `../language/lsp/${name}`]
        .map(relative => fileURLToPath(new URL(relative, import.meta.url)))
        .find(candidate => fs.existsSync(candidate));
    return { parserWorker: find('parser-worker.js'), computeWorker: find('compute-worker.js') };
}

/** `aco lsp` and `aco-language-server`: the server on stdio with the compiled workers. */
export async function runLanguageServerCommand(): Promise<void> {
    const { startStdioLanguageServer } = await import('./stdio.js');
    startStdioLanguageServer(compiledWorkers());
}
