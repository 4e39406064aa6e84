/**
 * What happens when the editor closes a contract: its unsaved text is dropped. A file on disk is
 * read again (Go to Symbol in Workspace then finds what the saved file holds) and its problems are
 * cleared, since only open documents are validated (document-builder.ts); anything else (an
 * untitled buffer) is forgotten, and its problems cleared with it.
 */
import { URI } from 'langium';
import { DefaultDocumentUpdateHandler, type LangiumSharedServices } from 'langium/lsp';
import * as fs from 'node:fs';
import type { TextDocumentChangeEvent } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

export class AcoDocumentUpdateHandler extends DefaultDocumentUpdateHandler {
    private readonly connection: LangiumSharedServices['lsp']['Connection'];

    constructor(services: LangiumSharedServices) {
        super(services);
        this.connection = services.lsp.Connection;
    }

    didCloseDocument(event: TextDocumentChangeEvent<TextDocument>): void {
        const uri = URI.parse(event.document.uri);
        const onDisk = uri.scheme === 'file' && fs.existsSync(uri.fsPath);
        if (onDisk) {
            void this.connection?.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
        }
        this.fireDocumentUpdate(onDisk ? [uri] : [], onDisk ? [] : [uri]);
    }
}
