/**
 * Workspace symbols (VS Code: Go to Symbol in Workspace, Ctrl+T): every contract, provider,
 * measure and scenario of every contract in the workspace, matched on its ID or name. Each
 * contract's IDs are local to its file, so this reads the documents themselves rather than the
 * (empty) index of exported names.
 */
import { GrammarUtils, type AstNode, type LangiumDocuments } from 'langium';
import type { FuzzyMatcher, LangiumSharedServices, WorkspaceSymbolProvider } from 'langium/lsp';
import { SymbolKind, type CancellationToken, type WorkspaceSymbol, type WorkspaceSymbolParams } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';

export class AcoWorkspaceSymbolProvider implements WorkspaceSymbolProvider {
    private readonly documents: LangiumDocuments;
    private readonly matcher: FuzzyMatcher;

    constructor(services: LangiumSharedServices) {
        this.documents = services.workspace.LangiumDocuments;
        this.matcher = services.lsp.FuzzyMatcher;
    }

    getSymbols(params: WorkspaceSymbolParams, cancelToken?: CancellationToken): WorkspaceSymbol[] {
        const query = params.query.toLowerCase();
        const symbols: WorkspaceSymbol[] = [];
        for (const document of this.documents.all) {
            if (cancelToken?.isCancellationRequested) {
                break;
            }
            const root = document.parseResult.value;
            if (!ast.isContract(root)) {
                continue;
            }
            const uri = document.uri.toString();
            const add = (node: AstNode, name: string | undefined, kind: SymbolKind, detail?: string): void => {
                const cst = GrammarUtils.findNodeForProperty(node.$cstNode, 'name') ?? node.$cstNode;
                if (!name || !cst) {
                    return;
                }
                if (query === '' || this.matcher.match(query, name) || (detail !== undefined && this.matcher.match(query, detail))) {
                    symbols.push({ name, kind, location: { uri, range: cst.range }, containerName: node === root ? undefined : root.name });
                }
            };
            add(root, root.name, SymbolKind.Module);
            for (const section of root.sections) {
                if (ast.isProviders(section)) {
                    section.providers.forEach(p => add(p, p.name, SymbolKind.Class, p.title));
                } else if (ast.isQuality(section)) {
                    section.lines.filter(ast.isMeasure).forEach(m => add(m, m.name, SymbolKind.Field, m.title));
                } else if (ast.isScenario(section)) {
                    add(section, section.name, SymbolKind.Event);
                }
            }
        }
        return symbols;
    }
}
