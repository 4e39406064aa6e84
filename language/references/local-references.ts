/**
 * Find References, rename and highlights without Langium's index of every reference. A contract's
 * IDs are local to its file (scope.ts), so the references to a provider or measure are found by
 * walking that one file when an editor asks, instead of describing every reference of every
 * document on every build: a 20,000-line contract spent some 24 ms of each edit on it, and the
 * CLI never reads it.
 */
import {
    AstUtils, DefaultReferenceDescriptionProvider, DefaultReferences, stream, UriUtils, type AstNode, type FindReferencesOptions,
    type LangiumCoreServices, type LangiumDocument, type ReferenceDescription, type ReferenceDescriptionProvider, type Stream
} from 'langium';

/** Nothing goes into the workspace index of references: no other file can refer to a contract's IDs. */
export class NoReferenceDescriptions implements ReferenceDescriptionProvider {
    async createDescriptions(): Promise<ReferenceDescription[]> {
        return [];
    }
}

/** Describes the references of one document when asked (Langium's own descriptions, without the index). */
class DocumentReferences extends DefaultReferenceDescriptionProvider {
    describe(document: LangiumDocument): ReferenceDescription[] {
        const descriptions: ReferenceDescription[] = [];
        for (const node of AstUtils.streamAst(document.parseResult.value)) {
            AstUtils.streamReferences(node).forEach(reference => {
                descriptions.push(...this.createInfoDescriptions(reference));
            });
        }
        return descriptions;
    }
}

export class AcoReferences extends DefaultReferences {
    private readonly documentReferences: DocumentReferences;

    constructor(services: LangiumCoreServices) {
        super(services);
        this.documentReferences = new DocumentReferences(services);
    }

    override findReferences(targetNode: AstNode, options: FindReferencesOptions): Stream<ReferenceDescription> {
        const references = options.includeDeclaration ? this.getSelfReferences(targetNode) : [];
        const document = AstUtils.getDocument(targetNode);
        // Every reference to the node is in its own file; a request for another file's references finds none.
        if (!options.documentUri || UriUtils.equals(options.documentUri, document.uri)) {
            const path = this.nodeLocator.getAstNodePath(targetNode);
            references.push(...this.documentReferences.describe(document)
                .filter(reference => reference.targetPath === path && UriUtils.equals(reference.targetUri, document.uri)));
        }
        return stream(references);
    }
}
