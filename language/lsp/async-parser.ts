/**
 * Parsing in the language server: contracts parse on the main thread, while a pathological
 * document parses in a worker thread, so a file of 100,000 lines never blocks hovers, completions
 * or other documents for a second. The worker does not pay below that: copying its tree back
 * (dehydrating it there, hydrating it here) costs this thread most of a parse and the worker twice
 * one, so an edit of a 20,000-line contract took two and a half times as long as on this thread.
 */
import type { AstNode, AsyncParser, LangiumCoreServices, ParseResult } from 'langium';
import { WorkerThreadAsyncParser } from 'langium/node';
import type { CancellationToken } from 'vscode-languageserver';
import { WORKER_PARSE_THRESHOLD } from './worker-threshold.js';

export class SizeAwareAsyncParser implements AsyncParser {
    private readonly syncParser: LangiumCoreServices['parser']['LangiumParser'];
    private readonly threaded: WorkerThreadAsyncParser;

    constructor(services: LangiumCoreServices, workerPath: string) {
        this.syncParser = services.parser.LangiumParser;
        this.threaded = new WorkerThreadAsyncParser(services, workerPath);
        // Large documents are rare; one worker keeps memory down on small machines.
        (this.threaded as unknown as { threadCount: number }).threadCount = 1;
    }

    parse<T extends AstNode>(text: string, cancelToken: CancellationToken): Promise<ParseResult<T>> {
        if (text.length < WORKER_PARSE_THRESHOLD) {
            return Promise.resolve(this.syncParser.parse<T>(text));
        }
        return this.threaded.parse<T>(text, cancelToken);
    }
}
