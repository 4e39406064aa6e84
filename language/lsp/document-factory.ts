/**
 * How a document's text is read and parsed again on each build.
 *
 * A file that is not open is read synchronously. The builder loads a folder's files one after
 * another; awaiting each small read left the server idle between them (a folder of 5,000
 * contracts took half as long again), while a synchronous read of a contract takes some
 * microseconds and the builder still yields to the client every few milliseconds. A file that
 * cannot be read (deleted since the folder was listed, no permission) reads as empty: one bad file
 * must not make every later build fail. Its deletion reaches the server as a change.
 *
 * An edit inside one block section parses that section only (parser/section-reparse.ts); the new
 * tree shares sections with the old one, whose positions are moved unless an earlier tree still in
 * use (a keeper's) holds them.
 */
import { DefaultLangiumDocumentFactory, DocumentState, type AstNode, type LangiumCoreServices, type LangiumDocument, type Mutable, type ParseResult } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { WORKER_PARSE_THRESHOLD } from './worker-threshold.js';
import { reparseSection } from '../parser/section-reparse.js';

/** A tree of an earlier text of `document` still in use, whose sections must keep their positions. */
export type TreeKeeper = (document: LangiumDocument) => AstNode | undefined;

export class AcoDocumentFactory extends DefaultLangiumDocumentFactory {
    private readonly keepers: TreeKeeper[] = [];
    /** How many edits were parsed one section at a time (the tests read it). */
    sectionReparses = 0;

    addTreeKeeper(keeper: TreeKeeper): void {
        this.keepers.push(keeper);
    }

    // Langium's update, with the section reparse tried before a full parse.
    override async update<T extends AstNode = AstNode>(document: Mutable<LangiumDocument<T>>, cancellationToken: CancellationToken): Promise<LangiumDocument<T>> {
        const previous = document.parseResult;
        const oldText = previous.value.$cstNode?.root.fullText;
        const textDocument = this.textDocuments?.get(document.uri.toString());
        const text = await this.getUpdatedText(document, textDocument, cancellationToken);
        if (textDocument) {
            Object.defineProperty(document, 'textDocument', { value: textDocument });
        } else {
            const textDocumentGetter = this.createTextDocumentGetter(document.uri, text);
            Object.defineProperty(document, 'textDocument', { get: textDocumentGetter });
        }
        if (oldText !== text) {
            const services = this.serviceRegistry.getServices(document.uri);
            const kept = this.keepers.map(keeper => keeper(document)).filter(root => root !== undefined);
            // A section too large for this thread goes to the worker with the rest of the text.
            const reparsed = oldText === undefined ? undefined : this.reparse(services, previous, text, kept);
            if (reparsed) {
                this.sectionReparses++;
                document.parseResult = reparsed as unknown as typeof previous;
            } else {
                document.parseResult = await this.parseAsync<T>(document.uri, text, cancellationToken);
            }
            (document.parseResult.value as Mutable<AstNode>).$document = document;
        }
        document.state = DocumentState.Parsed;
        return document;
    }

    /** The section reparse, or undefined for a full parse: also if it fails, which a full parse then reports. */
    private reparse(services: LangiumCoreServices, previous: ParseResult, text: string, kept: AstNode[]): ParseResult | undefined {
        try {
            return reparseSection({ parser: services.parser.LangiumParser, linker: services.references.Linker }, previous, text, { kept, maxSectionLength: WORKER_PARSE_THRESHOLD });
        } catch {
            return undefined;
        }
    }

    protected override getUpdatedText<T extends AstNode>(document: Mutable<LangiumDocument<T>>, textDocument: TextDocument | undefined, cancelToken: CancellationToken): Promise<string> {
        if (textDocument) {
            return super.getUpdatedText(document, textDocument, cancelToken);
        }
        try {
            return Promise.resolve(this.fileSystemProvider.readFileSync(document.uri));
        } catch {
            return Promise.resolve('');
        }
    }
}
