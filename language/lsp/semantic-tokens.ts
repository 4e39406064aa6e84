/**
 * Semantic highlighting: provider and measure IDs (declared and used), scenario and contract
 * names, and every money amount, percent, count and date as a number.
 */
import { isLeafCstNode, CstUtils, type AstNode } from 'langium';
import { AbstractSemanticTokenProvider, type SemanticTokenAcceptor } from 'langium/lsp';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';

const NUMERIC_TOKENS = new Set(['MONEY', 'PERCENT', 'NUMBER', 'DATE']);

export class AcoSemanticTokenProvider extends AbstractSemanticTokenProvider {
    protected highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): void {
        if (ast.isProvider(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.class, modifier: SemanticTokenModifiers.declaration });
        } else if (ast.isMeasure(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.enumMember, modifier: SemanticTokenModifiers.declaration });
        } else if (ast.isScenario(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.function, modifier: SemanticTokenModifiers.declaration });
        } else if (ast.isCapitationRateLine(node) || ast.isExpectProviderLine(node)) {
            if (node.provider) {
                acceptor({ node, property: 'provider', type: SemanticTokenTypes.class });
            }
        } else if (ast.isResultLine(node)) {
            acceptor({ node, property: 'measure', type: SemanticTokenTypes.enumMember });
        }
        this.highlightNumbers(node, acceptor);
    }

    /**
     * Money, percents, counts and dates owned by this node. Blocks own none (their numbers belong to
     * their lines), so they are skipped rather than walked.
     */
    private highlightNumbers(node: AstNode, acceptor: SemanticTokenAcceptor): void {
        const cst = node.$cstNode;
        if (!cst || 'lines' in node || 'sections' in node || 'providers' in node) {
            return;
        }
        for (const leaf of CstUtils.streamCst(cst)) {
            if (isLeafCstNode(leaf) && !leaf.hidden && leaf.astNode === node && NUMERIC_TOKENS.has(leaf.tokenType.name)) {
                acceptor({ cst: leaf, type: SemanticTokenTypes.number });
            }
        }
    }
}
