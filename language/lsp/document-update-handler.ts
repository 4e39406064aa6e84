/**
 * What happens when the editor closes a contract: its unsaved text is dropped. A file on disk is
 * read again (so its problems are those of the saved file, not of the discarded edits); anything
 * else (an untitled buffer) is forgotten, and its problems cleared.
 */
import { URI } from 'langium';
import { DefaultDocumentUpdateHandler } from 'langium/lsp';
import * as fs from 'node:fs';
import type { TextDocumentChangeEvent } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

export class AcoDocumentUpdateHandler extends DefaultDocumentUpdateHandler {
    didCloseDocument(event: TextDocumentChangeEvent<TextDocument>): void {
        const uri = URI.parse(event.document.uri);
        const onDisk = uri.scheme === 'file' && fs.existsSync(uri.fsPath);
        this.fireDocumentUpdate(onDisk ? [uri] : [], onDisk ? [] : [uri]);
    }
}
