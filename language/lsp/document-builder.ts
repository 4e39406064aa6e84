/**
 * Langium 4.4's document builder, with four changes for an editor over a large folder (and a
 * cheaper bookkeeping step for every build, findMissingValidationCategories):
 *
 * - Open documents are built first, through every phase, and only then the others. Langium builds
 *   phase by phase across all documents, so the file in front of the author waited for every
 *   other file in the folder to be parsed, indexed and linked. Contracts never refer to other
 *   files (nothing is exported: references/scope.ts), so building one first cannot miss a name.
 * - Workspace updates validate open documents only. A file that is not open is parsed and indexed
 *   (Go to Symbol in Workspace finds it) but its problems are `aco validate`'s business, as
 *   TypeScript's and ESLint's servers do: one edit must not re-validate thousands of files, nor
 *   walk them through the build's phases again. An explicit `build(documents, { validation: true })`
 *   (the CLI, the tests) validates as asked.
 * - No other document is relinked after an edit: contracts never refer to other files, so a change
 *   elsewhere can neither resolve nor break a document's references (Langium relinks every
 *   document with an unresolved reference on each update, in case the change declared it).
 * - A document's `Validated` listeners (the one that publishes its diagnostics among them) always
 *   run once it is validated. Langium checks for cancellation before each listener; when a new
 *   edit cancelled the build in that gap (opening 15 contracts at once does it), the document
 *   counted as validated and built, so it was never validated again and its diagnostics were
 *   never published.
 */
import { DefaultDocumentBuilder, DocumentState, type BuildOptions, type LangiumDocument, type TextDocumentProvider, type ValidationCategory } from 'langium';
import { CancellationToken } from 'vscode-languageserver';

export class AcoDocumentBuilder extends DefaultDocumentBuilder {
    protected override async buildDocuments(documents: LangiumDocument[], options: BuildOptions, cancelToken: CancellationToken): Promise<void> {
        const open: LangiumDocument[] = [];
        const others: LangiumDocument[] = [];
        for (const document of documents) {
            (this.isOpen(document) ? open : others).push(document);
        }
        if (open.length === 0 || others.length === 0) {
            return super.buildDocuments(documents, options, cancelToken);
        }
        await super.buildDocuments(open, options, cancelToken);
        await super.buildDocuments(others, options, cancelToken);
    }

    /** Open documents already go first (buildDocuments): sorting thousands of others on every edit buys nothing. */
    protected override sortDocuments(documents: LangiumDocument[]): LangiumDocument[] {
        return documents;
    }

    /**
     * A file no editor has open goes through the validation phase without being checked: it ends
     * `Validated` with no diagnostics (none is published, see notifyDocumentPhase), so later
     * updates pass it by instead of taking thousands of finished files through every phase again.
     */
    protected override async validate(document: LangiumDocument, cancelToken: CancellationToken): Promise<void> {
        if (!this.closedInUpdate(document)) {
            await super.validate(document, cancelToken);
        }
    }

    protected override shouldRelink(): boolean {
        return false;
    }

    /** Such a file is complete as it is: asking the registry for its categories on every edit costs microseconds a file. */
    protected override resultsAreIncomplete(document: LangiumDocument, options: BuildOptions | undefined): boolean {
        return !(document.diagnostics === undefined && this.closedInUpdate(document)) && super.resultsAreIncomplete(document, options);
    }

    /**
     * Langium's answer, in a loop instead of a stream and a set per call: it is asked of every
     * document at each build, and over thousands of files the streams cost more than the answer.
     */
    protected override findMissingValidationCategories(document: LangiumDocument, options: BuildOptions | undefined): ValidationCategory[] {
        const state = this.buildState.get(document.uri.toString());
        const all = this.serviceRegistry.getServices(document.uri).validation.ValidationRegistry.getAllValidationCategories(document);
        const checks = state?.result?.validationChecks;
        const done = (category: ValidationCategory): boolean => checks ? checks.includes(category) : state?.completed === true && all.has(category);
        const requested = options === undefined || options.validation === true ? all
            : typeof options.validation === 'object' ? options.validation.categories ?? all : [];
        const missing: ValidationCategory[] = [];
        for (const category of requested) {
            if (!done(category)) {
                missing.push(category);
            }
        }
        return missing;
    }

    protected override notifyDocumentPhase(document: LangiumDocument, state: DocumentState, cancelToken: CancellationToken): Promise<void> {
        if (state === DocumentState.Validated && this.closedInUpdate(document)) {
            // Not checked (see validate), or closed while it was: publishing would bring back the problems its closing cleared.
            return Promise.resolve();
        }
        return super.notifyDocumentPhase(document, state, state === DocumentState.Validated ? CancellationToken.None : cancelToken);
    }

    /**
     * Whether an editor has the document open. Looked up among the open documents' keys (already
     * normalised, as a document's URI is) rather than with `get`, which normalises the URI again by
     * parsing it: every edit asks this of each of a folder's thousands of files, several times.
     */
    private isOpen(document: LangiumDocument): boolean {
        const open = this.textDocuments as (TextDocumentProvider & { keys?: () => string[] }) | undefined;
        return open?.keys ? open.keys().includes(document.uri.toString()) : open?.get(document.uri.toString()) !== undefined;
    }

    /** A document built by a workspace update that no editor has open. */
    private closedInUpdate(document: LangiumDocument): boolean {
        // `update` builds with `updateBuildOptions` itself (prepareBuild stores that very object).
        return this.textDocuments !== undefined && this.getBuildOptions(document) === this.updateBuildOptions && !this.isOpen(document);
    }
}
