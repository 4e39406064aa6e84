/**
 * Langium 4.4's document builder, with one fix: a document's `Validated` listeners (the one that
 * publishes its diagnostics among them) always run once it is validated. Langium checks for
 * cancellation before each listener; when a new edit cancelled the build in that gap (opening 15
 * contracts at once does it), the document counted as validated and built, so it was never
 * validated again and its diagnostics were never published.
 */
import { DefaultDocumentBuilder, DocumentState, type LangiumDocument } from 'langium';
import { CancellationToken } from 'vscode-languageserver';

export class AcoDocumentBuilder extends DefaultDocumentBuilder {
    protected override notifyDocumentPhase(document: LangiumDocument, state: DocumentState, cancelToken: CancellationToken): Promise<void> {
        return super.notifyDocumentPhase(document, state, state === DocumentState.Validated ? CancellationToken.None : cancelToken);
    }
}
