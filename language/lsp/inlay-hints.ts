/**
 * The money each line produces, beside the line (line-figures.ts): short (`≈ $2.14M`), exact in
 * the tooltip, which names the scenario the figure comes from. Lines inside a scenario or a
 * projection year show that one's figures; the others follow the driving scenario, named by a
 * hint on the contract's first line. While the contract has errors the figures of its last valid
 * version stay on the lines that did not change, marked "as of the last valid version".
 */
import { AstUtils, GrammarUtils, type AstNode, type LangiumDocument } from 'langium';
import type { InlayHintProvider } from 'langium/lsp';
import { InlayHintKind, type InlayHint, type InlayHintParams, type Position, type Range } from 'vscode-languageserver';
import type { AcoServices } from '../aco-module.js';
import * as ast from '../generated/ast.js';
import { editorSettings, figureContext, STALE_NOTE, type FigureContext } from './document-analysis.js';
import { enclosingSource, REASON_TEXT, type FigureSource } from './figure-source.js';
import { lineFigure, mayHaveFigure } from './line-figures.js';

/** Marks a stale hint for clients that style them (the VS Code client greys them out). */
export const STALE_HINT = 'aco.stale';

export class AcoInlayHintProvider implements InlayHintProvider {
    constructor(private readonly services: AcoServices) {}

    async getInlayHints(document: LangiumDocument, params: InlayHintParams): Promise<InlayHint[] | undefined> {
        const settings = await editorSettings(this.services);
        if (!settings.inlayHints.enabled) {
            return [];
        }
        const context = await figureContext(this.services, document);
        if (!context) {
            return [];
        }
        const hints: InlayHint[] = [];
        const header = this.header(context);
        if (header && within(header.position, params.range)) {
            hints.push(header);
        }
        // Only the nodes in the requested range (the editor asks for what it shows): stale ones in
        // the lines of the last valid version that are now in that range, placed on the current text.
        const range = context.stale ? analysedRange(context, params.range) : params.range;
        const nodes = range ? AstUtils.streamAst(context.root, { range }) : [];
        for (const node of nodes) {
            const hint = this.hintFor(node, context);
            if (hint && within(hint.position, params.range)) {
                hints.push(hint);
            }
        }
        return hints;
    }

    /** On the contract's first line: which scenario the figures outside scenarios are for, and why. */
    private header(context: FigureContext): InlayHint | undefined {
        const driving = context.driving;
        const position = this.place(context, GrammarUtils.findNodeForKeyword(context.root.$cstNode, '{')?.range.end);
        if (!driving || !position) {
            return undefined;
        }
        const missing = driving.missing ? ` There is no scenario "${driving.missing}", so the first that settles is used.` : '';
        return this.make(position, context, `${context.stale ? 'figures as of the last valid version' : 'figures'}: ${driving.label}`,
            `Figures outside scenarios are for ${driving.label}: ${REASON_TEXT[driving.reason ?? 'first']}.${missing} Pick another in the status bar.`);
    }

    private hintFor(node: AstNode, context: FigureContext): InlayHint | undefined {
        if (!mayHaveFigure(node)) {
            return undefined;
        }
        // Inside a scenario, its own figures as far as its check settles (earned, credits, expectations).
        const inside = enclosingSource(context.analysis, node, false);
        const source: FigureSource | undefined = inside.found ? inside.source : context.driving;
        if (!source) {
            return undefined;
        }
        const figure = lineFigure(node, source, context.analysis);
        if (!figure) {
            return undefined;
        }
        const end = figure.atBrace && (ast.isScenario(node) || ast.isProvider(node) || ast.isMeasure(node) || ast.isProjectionYear(node))
            ? GrammarUtils.findNodeForKeyword(node.$cstNode, '{')?.range.end
            : node.$cstNode?.range.end;
        const position = this.place(context, end);
        if (!position) {
            return undefined;
        }
        // Inside a scenario or projection year the figure is obviously its own; elsewhere it names its source.
        const own = AstUtils.getContainerOfType(node, n => ast.isScenario(n) || ast.isProjectionYear(n));
        const under = own ? '' : ` (${source.label})`;
        return this.make(position, context, figure.label, `${figure.text}${under}`);
    }

    /** A position in the analysed text as one in the current text; undefined on a changed line. */
    private place(context: FigureContext, position: Position | undefined): Position | undefined {
        if (!position) {
            return undefined;
        }
        const line = context.currentLine(position.line + 1);
        return line === undefined ? undefined : { line: line - 1, character: position.character };
    }

    private make(position: Position, context: FigureContext, label: string, tooltip: string): InlayHint {
        const hint: InlayHint = { position, label, tooltip: context.stale ? `${tooltip} — ${STALE_NOTE}.` : tooltip, kind: InlayHintKind.Type, paddingLeft: true };
        if (context.stale) {
            hint.data = STALE_HINT;
        }
        return hint;
    }
}

/** The lines of the analysed text now within `range`, as a range of that text; undefined when every line there changed. */
function analysedRange(context: FigureContext, range: Range): Range | undefined {
    let first: number | undefined;
    let last: number | undefined;
    for (let line = range.start.line; line <= range.end.line; line++) {
        const analysed = context.analysedLine(line + 1);
        if (analysed !== undefined) {
            first ??= analysed - 1;
            last = analysed - 1;
        }
    }
    return first === undefined || last === undefined ? undefined
        : { start: { line: first, character: 0 }, end: { line: last, character: Number.MAX_SAFE_INTEGER } };
}

function within(position: Position, range: Range): boolean {
    const after = position.line > range.start.line || (position.line === range.start.line && position.character >= range.start.character);
    const before = position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
    return after && before;
}
