/**
 * The outline: every section by the name an author knows it by, with providers, measures and
 * scenarios inside.
 */
import type { AstNode, LangiumDocument } from 'langium';
import type { DocumentSymbolProvider } from 'langium/lsp';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';

const SECTION_LABELS: Record<string, [string, SymbolKind]> = {
    ProgramLine: ['program', SymbolKind.Package], CurrencyLine: ['currency', SymbolKind.Property], RoundingLine: ['rounding', SymbolKind.Property],
    Parties: ['parties', SymbolKind.Namespace], Term: ['term', SymbolKind.Namespace], Population: ['population', SymbolKind.Namespace],
    Providers: ['providers', SymbolKind.Namespace], Capitation: ['capitation', SymbolKind.Namespace], SharedSavings: ['shared savings', SymbolKind.Namespace],
    SharedLosses: ['shared losses', SymbolKind.Namespace], Quality: ['quality', SymbolKind.Namespace], Distribution: ['distribution', SymbolKind.Namespace],
    Uncertainty: ['uncertainty', SymbolKind.Namespace]
};

function symbol(node: AstNode, name: string, kind: SymbolKind, detail?: string, children?: DocumentSymbol[]): DocumentSymbol | undefined {
    const cst = node.$cstNode;
    if (!cst || !name) {
        return undefined;
    }
    return { name, kind, detail, range: cst.range, selectionRange: cst.range, children };
}

export class AcoDocumentSymbolProvider implements DocumentSymbolProvider {
    getSymbols(document: LangiumDocument): DocumentSymbol[] {
        const root = document.parseResult.value;
        if (!ast.isContract(root)) {
            return [];
        }
        const sections = root.sections.map(section => {
            if (ast.isScenario(section)) {
                return symbol(section, `scenario "${section.name}"`, SymbolKind.Event);
            }
            const [label, kind] = SECTION_LABELS[section.$type] ?? [section.$type, SymbolKind.Namespace];
            let children: DocumentSymbol[] | undefined;
            if (ast.isProviders(section)) {
                children = section.providers.map(p => symbol(p, p.name, SymbolKind.Class, p.title)).filter(s => s !== undefined);
            } else if (ast.isQuality(section)) {
                children = section.lines.filter(ast.isMeasure).map(m => symbol(m, m.name, SymbolKind.Field, m.title)).filter(s => s !== undefined);
            }
            return symbol(section, label, kind, undefined, children);
        }).filter(s => s !== undefined);
        const contract = symbol(root, root.name || 'contract', SymbolKind.File, 'contract', sections);
        return contract ? [contract] : [];
    }
}
