/**
 * Reads a file that is not open synchronously when its document is (re)built. The builder loads a
 * folder's files one after another; awaiting each small read left the server idle between them
 * (a folder of 5,000 contracts took half as long again), while a synchronous read of a contract
 * takes some microseconds and the builder still yields to the client every few milliseconds.
 * A file that cannot be read (deleted since the folder was listed, no permission) reads as empty:
 * one bad file must not make every later build fail. Its deletion reaches the server as a change.
 */
import { DefaultLangiumDocumentFactory, type AstNode, type LangiumDocument, type Mutable } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

export class AcoDocumentFactory extends DefaultLangiumDocumentFactory {
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
