import {
    AstUtils, DefaultScopeComputation, type AstNode, DocumentCache, EMPTY_SCOPE, MapScope, MultiMap,
    type AstNodeDescription, type LangiumCoreServices, type LangiumDocument, type LocalSymbols,
    type ReferenceInfo, type Scope, type ScopeProvider
} from 'langium';
import { isContract, isMeasure } from '../generated/ast.js';

/**
 * One contract per file, and IDs are visible everywhere inside it: every provider and measure is
 * registered once under the contract, and nothing is exported to other files.
 */
export class AcoScopeComputation extends DefaultScopeComputation {
    override async collectExportedSymbols(): Promise<AstNodeDescription[]> {
        return [];
    }

    override async collectLocalSymbols(document: LangiumDocument): Promise<LocalSymbols> {
        const symbols = new MultiMap<AstNode, AstNodeDescription>();
        const root = document.parseResult.value;
        if (!isContract(root)) {
            return symbols;
        }
        for (const section of root.sections) {
            const named = section.$type === 'Providers' ? section.providers
                : section.$type === 'Quality' ? section.lines.filter(isMeasure)
                    : [];
            for (const node of named) {
                if (node.name) {
                    symbols.add(root, this.descriptions.createDescription(node, node.name, document));
                }
            }
        }
        return symbols;
    }
}

/**
 * Looks an ID up in a per-document map built once per build: linking stays linear in the size of
 * the contract however many references it has.
 */
export class AcoScopeProvider implements ScopeProvider {
    private readonly scopes: DocumentCache<string, Scope>;
    private readonly reflection: LangiumCoreServices['shared']['AstReflection'];

    constructor(services: LangiumCoreServices) {
        this.scopes = new DocumentCache(services.shared);
        this.reflection = services.shared.AstReflection;
    }

    getScope(context: ReferenceInfo): Scope {
        const document = AstUtils.getDocument(context.container);
        const wanted = this.reflection.getReferenceType(context);
        const root = document.parseResult.value;
        if (!wanted || !document.localSymbols) {
            return EMPTY_SCOPE;
        }
        const symbols = document.localSymbols;
        return this.scopes.get(document.uri, wanted, () =>
            new MapScope(symbols.getStream(root).filter(d => d.type === wanted)));
    }
}
