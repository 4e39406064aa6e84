/**
 * Opening a folder of contracts without making the editor wait for it. Langium's workspace
 * manager reads and parses every file in the folder before the first opened document is built, so
 * with 5,000 contracts the file in front of the author showed its problems only after all of them.
 * Here the folder is only listed at start-up; its files are loaded, parsed and indexed afterwards
 * by one ordinary workspace update, which any edit interrupts and which the document builder
 * (document-builder.ts) always finishes with the open documents first; document-factory.ts reads
 * each file as it is built.
 */
import {
    DefaultWorkspaceManager, DocumentState, type LangiumDocument, type LangiumDocumentFactory, type LangiumSharedCoreServices, type Stream,
    type URI, type WorkspaceFolder
} from 'langium';
import type { CancellationToken } from 'vscode-languageserver';

export class AcoWorkspaceManager extends DefaultWorkspaceManager {
    /** Files found at start-up and not loaded yet. */
    private deferred: URI[] = [];
    private readonly documentFactory: LangiumDocumentFactory;

    constructor(services: LangiumSharedCoreServices) {
        super(services);
        this.documentFactory = services.workspace.LangiumDocumentFactory;
    }

    /** Records the folder's files instead of reading them: start-up ends once the folder is listed. */
    protected override async loadWorkspaceDocuments(uris: Stream<URI>, _collector: (document: LangiumDocument) => void): Promise<void> {
        this.deferred = uris.toArray();
    }

    override async initializeWorkspace(folders: WorkspaceFolder[], cancelToken?: CancellationToken): Promise<void> {
        try {
            await super.initializeWorkspace(folders, cancelToken);
        } finally {
            // Even when an early edit cancelled the start-up build, the folder still has to be loaded.
            this.loadDeferred();
        }
    }

    /**
     * Loads the files found at start-up as one update of the workspace, queued behind whatever
     * the client has already sent. Each file gets an empty document, which the update parses and
     * indexes like any changed document; an edit cancels the update and the edit's own update
     * carries on with the documents not yet built (Langium rebuilds every unfinished document).
     */
    private loadDeferred(): void {
        const uris = this.deferred;
        this.deferred = [];
        if (uris.length === 0) {
            return;
        }
        // A read runs once every queued write is done: the load does not cancel an edit already queued.
        void this.mutex.read(() => undefined).then(() => this.mutex.write(token => {
            for (const uri of uris) {
                if (!this.langiumDocuments.hasDocument(uri)) {
                    // What `update` makes of a changed file it has no document for, without asking the disk about each one.
                    const document = this.documentFactory.fromModel({ $type: 'INVALID' }, uri);
                    document.state = DocumentState.Changed;
                    this.langiumDocuments.addDocument(document);
                }
            }
            return this.documentBuilder.update([], [], token);
        }));
    }
}
