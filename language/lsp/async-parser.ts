/**
 * Parsing in the language server: ordinary contracts parse on the main thread (a few
 * milliseconds, no copying), while a very large document parses in a worker thread, so a
 * pathological file (100,000 lines) never blocks hovers, completions or other documents.
 */
import type { AstNode, AsyncParser, LangiumCoreServices, ParseResult } from 'langium';
import { WorkerThreadAsyncParser } from 'langium/node';
import type { CancellationToken } from 'vscode-languageserver';

/** Above this size (characters), a document is parsed in a worker: roughly 5,000 lines. */
export const WORKER_PARSE_THRESHOLD = 200_000;

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
