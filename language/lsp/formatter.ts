/**
 * The one canonical layout of a contract, used by the editor's "Format Document" and by
 * `aco format`: one term per line, four-space indentation, one space between the words of a
 * term, `{` at the end of the line that opens a block, a blank line between blocks. Formatting
 * an already formatted contract changes nothing.
 */
import { isLeafCstNode, type AstNode, type CstNode, type LangiumDocument, type MaybePromise } from 'langium';
import { AbstractFormatter, Formatting } from 'langium/lsp';
import type {
    DocumentFormattingParams, DocumentOnTypeFormattingParams, DocumentRangeFormattingParams, FormattingOptions, TextEdit
} from 'vscode-languageserver';
import { CstUtils } from 'langium';
import * as ast from '../generated/ast.js';

/** Nodes written as `keyword … { lines }`. */
function isBlock(node: AstNode): boolean {
    return ast.isContract(node) || ast.isParties(node) || ast.isTerm(node) || ast.isPopulation(node) || ast.isProviders(node)
        || ast.isProvider(node) || ast.isCapitation(node) || ast.isSharedSavings(node) || ast.isSharedLosses(node)
        || ast.isQuality(node) || ast.isMeasure(node) || ast.isDistribution(node) || ast.isScenario(node) || ast.isUncertainty(node)
        || ast.isBenchmarkBuild(node) || ast.isEnrollmentType(node) || ast.isAdvanceInvestment(node) || ast.isYearTerms(node)
        || ast.isProjection(node) || ast.isProjectionYear(node) || ast.isQualityBonus(node);
}

/** The child nodes a block holds, one per line. */
function linesOf(node: AstNode): readonly AstNode[] {
    if (ast.isContract(node)) {
        return node.sections;
    }
    if (ast.isProviders(node)) {
        return node.providers;
    }
    if (ast.isYearTerms(node)) {
        return node.sections;
    }
    if (ast.isProjection(node)) {
        return node.items;
    }
    return (node as { lines?: AstNode[] }).lines ?? [];
}

/** The visible tokens that belong to this node itself (not to a nested block). */
function ownTokens(node: AstNode): CstNode[] {
    const cst = node.$cstNode;
    if (!cst) {
        return [];
    }
    return CstUtils.streamCst(cst)
        .filter(n => isLeafCstNode(n) && !n.hidden)
        .toArray();
}

/**
 * True when a comment stands right before the node: the comment introduces it and stays attached
 * (the blank line, if any, belongs before the comment, where the author put it).
 */
function followsComment(node: AstNode): boolean {
    const cst = node.$cstNode;
    const previous = cst && CstUtils.getPreviousNode(cst, true);
    return previous !== undefined && previous.hidden && /^\/[/*]/.test(previous.text);
}

/** A new line after one blank line, indented one level (between the blocks of a contract). */
const INDENT_AFTER_BLANK_LINE = { options: { priority: 1 }, moves: [{ tabs: 1, lines: 2 }] };

/**
 * The layout is the language's, not the editor's: four spaces whatever the client's tab settings
 * (an editor set to tabs, or to a tab size of 2, gets what `aco format` writes).
 */
function canonical(options: FormattingOptions): FormattingOptions {
    return { ...options, tabSize: 4, insertSpaces: true };
}

export class AcoFormatter extends AbstractFormatter {
    override formatDocument(document: LangiumDocument, params: DocumentFormattingParams): MaybePromise<TextEdit[]> {
        return super.formatDocument(document, { ...params, options: canonical(params.options) });
    }

    override formatDocumentRange(document: LangiumDocument, params: DocumentRangeFormattingParams): MaybePromise<TextEdit[]> {
        return super.formatDocumentRange(document, { ...params, options: canonical(params.options) });
    }

    override formatDocumentOnType(document: LangiumDocument, params: DocumentOnTypeFormattingParams): MaybePromise<TextEdit[]> {
        return super.formatDocumentOnType(document, { ...params, options: canonical(params.options) });
    }

    protected format(node: AstNode): void {
        const formatter = this.getNodeFormatter(node);
        if (isBlock(node)) {
            this.formatBlock(node);
            return;
        }
        if (ast.isTrack(node) || ast.isClawback(node) || !node.$container || !isBlock(node.$container)) {
            return; // parts of a line are formatted with the line
        }
        // A line: its words one space apart, `+` of `track 1+` attached to the number.
        const tokens = ownTokens(node);
        for (const token of tokens.slice(1)) {
            const attach = token.text === '+' && ast.isTrack(token.astNode);
            formatter.cst([token]).prepend(attach ? Formatting.noSpace() : Formatting.oneSpace());
        }
    }

    private formatBlock(node: AstNode): void {
        const formatter = this.getNodeFormatter(node);
        const open = formatter.keyword('{');
        const close = formatter.keyword('}');
        // Words before `{` (e.g. `provider RPC "Name"`) one space apart, `{` after one space.
        const tokens = ownTokens(node);
        const openIndex = tokens.findIndex(t => t.text === '{' && t.astNode === node);
        for (const token of tokens.slice(1, openIndex + 1)) {
            formatter.cst([token]).prepend(Formatting.oneSpace());
        }
        const lines = linesOf(node);
        formatter.interior(open, close).prepend(Formatting.indent());
        lines.forEach((line, index) => {
            const previous = lines[index - 1];
            const spaced = ast.isContract(node) || ast.isBenchmarkBuild(node) || ast.isYearTerms(node) || ast.isProjection(node);
            if (spaced && previous !== undefined && (isBlock(line) || isBlock(previous)) && !followsComment(line)) {
                formatter.node(line).prepend(INDENT_AFTER_BLANK_LINE);
            }
        });
        close.prepend(lines.length > 0 ? Formatting.newLine() : Formatting.oneSpace());
    }
}
