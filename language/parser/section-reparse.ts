/**
 * An edit parsed again one section at a time. When an edit falls inside one block section
 * (`scenario "…" { … }`, `providers { … }`: after its `{`, before its `}`), only that section's
 * new text is parsed; the other sections are kept and the ones after it moved by the edit. A
 * 500-line contract takes about 6 ms to parse, one scenario a fraction of a millisecond.
 *
 * The result is the tree a full parse of the new text gives (tested on random edits of every
 * example). Where that is not certain, the caller parses the whole text: the edit touches a
 * header line, a section's head (`scenario "name" {`) or its braces, or falls between sections;
 * the old text or the new section has a syntax error (error recovery may span sections); the
 * section's last token is not its `}` (a line comment could run on past it in the full text).
 *
 * The new tree shares the sections before the edit with the old one. Those after it are moved to
 * their new positions in place, unless an earlier tree still in use holds them (`kept`: the editor
 * may still show the last valid version, see lsp/last-valid.ts); those are copied and the copies
 * moved. Either way a shared section's container is the new contract.
 */
import { CompositeCstNodeImpl, LeafCstNodeImpl, RootCstNodeImpl, type AstNode, type CstNode, type LangiumParser, type LeafCstNode, type Linker, type Mutable, type ParseResult } from 'langium';
import * as ast from '../generated/ast.js';
import { cloneSection, copyLeaf, type LeafFields } from './tree-clone.js';

export interface ReparseOptions {
    /** Earlier trees still in use: their sections are copied rather than moved. */
    kept?: readonly AstNode[];
    /** Sections longer than this (characters) are left to a full parse. */
    maxSectionLength?: number;
}

function isComposite(node: CstNode): node is CompositeCstNodeImpl {
    return node instanceof CompositeCstNodeImpl;
}

/** The section's new parse, or undefined when the whole text must be parsed. */
export function reparseSection(services: { parser: LangiumParser; linker: Linker }, previous: ParseResult, text: string, options: ReparseOptions = {}): ParseResult<ast.Contract> | undefined {
    const { parser, linker } = services;
    const contract = previous.value;
    const root = contract.$cstNode;
    if (!ast.isContract(contract) || !(root instanceof RootCstNodeImpl) || hasErrors(previous)) {
        return undefined;
    }
    const oldText = root.fullText;
    const { start, oldEnd } = changedSpan(oldText, text);
    const index = childAt(root, start);
    const section = index < 0 ? undefined : root.content[index];
    if (!section || !isComposite(section)) {
        return undefined;
    }
    const open = firstLeaf(section, leaf => leaf.tokenType.name === '{');
    const close = lastLeaf(section);
    if (!open || !close || close.tokenType.name !== '}' || start < open.end || oldEnd > close.offset) {
        return undefined;
    }
    const sectionStart = section.offset;
    const sectionText = text.substring(sectionStart, close.end + text.length - oldText.length);
    if (sectionText.length > (options.maxSectionLength ?? Infinity)) {
        return undefined;
    }
    const parsed = parser.parse(sectionText, { rule: 'Section' });
    const mini = parsed.value.$cstNode;
    const newClose = mini && lastLeaf(mini);
    if (hasErrors(parsed) || !(mini instanceof RootCstNodeImpl) || newClose?.tokenType.name !== '}' || newClose.end !== sectionText.length) {
        return undefined;
    }
    const k = contract.sections.indexOf(section.astNode as ast.Section);
    if (k < 0) {
        return undefined;
    }
    // The new section's positions: its text starts where the old one did.
    const base = section.range.start;
    moveLeaves(mini, { offset: sectionStart, lines: base.line, columnsOnLine: 0, columns: base.character });
    const replacement = new CompositeCstNodeImpl();
    replacement.grammarSource = section.grammarSource;
    replacement.content = mini.content;
    const value = parsed.value as ast.Section;
    replacement.astNode = value;
    for (const child of replacement.content) {
        (child as Mutable<CstNode>).container = replacement;
    }
    // A new root node and a new contract node: caches keyed by either see a new contract.
    const newRoot = new RootCstNodeImpl(text);
    // The contract's own tokens and the comments between sections are copied: a token finds its
    // AST node through its container, and the old tree's must still find the old contract.
    newRoot.content = root.content.map(child => isComposite(child) ? child : copyLeaf(child as LeafCstNodeImpl));
    newRoot.content[index] = replacement;
    const next: ast.Contract = { ...contract, sections: contract.sections.slice(), $cstNode: newRoot };
    next.sections[k] = value;
    (value as Mutable<ast.Section>).$cstNode = replacement;

    // Everything after the section: the text from its `}` on is unchanged, so it moves with the `}`.
    const oldClose = close.range.start;
    const movedClose = newClose.range.start;
    const offsetDelta = text.length - oldText.length;
    const lineDelta = movedClose.line - oldClose.line;
    const columnDelta = movedClose.character - oldClose.character;
    if (offsetDelta !== 0 || lineDelta !== 0 || columnDelta !== 0) {
        // The children of the root after the section: comments, and the sections after k in order.
        let later = k;
        const kept = keptNodes(options.kept);
        for (let i = index + 1; i < newRoot.content.length; i++) {
            let moved = newRoot.content[i];
            if (kept.has(moved)) {
                const copy = cloneSection(moved, linker);
                if (copy.node) {
                    next.sections[++later] = copy.node as ast.Section;
                }
                newRoot.content[i] = moved = copy.cst;
            }
            moveLeaves(moved, { offset: offsetDelta, lines: lineDelta, columnsOnLine: oldClose.line, columns: columnDelta });
        }
    }
    for (const child of newRoot.content) {
        (child as Mutable<CstNode>).container = newRoot;
    }
    newRoot.astNode = next;
    next.sections.forEach((node, i) => Object.assign(node, { $container: next, $containerProperty: 'sections', $containerIndex: i }));
    return { value: next, lexerErrors: [], lexerReport: parsed.lexerReport, parserErrors: [] };
}

/** The root-level syntax nodes (sections and the comments between them) of the kept trees. */
function keptNodes(kept: readonly AstNode[] | undefined): Set<CstNode> {
    const nodes = new Set<CstNode>();
    for (const root of kept ?? []) {
        for (const child of (root.$cstNode as CompositeCstNodeImpl | undefined)?.content ?? []) {
            nodes.add(child);
        }
    }
    return nodes;
}

function hasErrors(result: ParseResult): boolean {
    return result.lexerErrors.length > 0 || result.parserErrors.length > 0 || (result.lexerReport?.diagnostics.length ?? 0) > 0;
}

/**
 * Characters compared at a time while finding an edit: comparing substrings is native code, and
 * an editor's text is a concatenation that a character-by-character loop walks slowly (about
 * 0.2 ms per edit of a 500-line contract and 7–8 ms of the 20,551-line one; in blocks, about a
 * tenth and a sixth of that).
 */
const BLOCK = 256;

/**
 * Where old and new text differ: [start, oldEnd) of the old text. The common prefix is taken
 * first and the common suffix from what is left, so an edit inside a run of equal characters is
 * placed at the run's end.
 */
export function changedSpan(oldText: string, text: string): { start: number; oldEnd: number } {
    const shorter = Math.min(oldText.length, text.length);
    let start = 0;
    while (start + BLOCK <= shorter && oldText.substring(start, start + BLOCK) === text.substring(start, start + BLOCK)) {
        start += BLOCK;
    }
    while (start < shorter && oldText.charCodeAt(start) === text.charCodeAt(start)) {
        start++;
    }
    let oldEnd = oldText.length;
    let newEnd = text.length;
    while (oldEnd - BLOCK >= start && newEnd - BLOCK >= start && oldText.substring(oldEnd - BLOCK, oldEnd) === text.substring(newEnd - BLOCK, newEnd)) {
        oldEnd -= BLOCK;
        newEnd -= BLOCK;
    }
    while (oldEnd > start && newEnd > start && oldText.charCodeAt(oldEnd - 1) === text.charCodeAt(newEnd - 1)) {
        oldEnd--;
        newEnd--;
    }
    return { start, oldEnd };
}

/** The index of the child of `root` that holds `offset` (binary search: children are in text order). */
function childAt(root: CompositeCstNodeImpl, offset: number): number {
    let low = 0;
    let high = root.content.length - 1;
    while (low <= high) {
        const middle = (low + high) >> 1;
        const child = root.content[middle];
        if (offset < child.offset) {
            high = middle - 1;
        } else if (offset >= child.end) {
            low = middle + 1;
        } else {
            return middle;
        }
    }
    return -1;
}

/** A move of tokens: by `offset` characters and `lines` lines, and by `columns` those on line `columnsOnLine`. */
interface Move {
    offset: number;
    lines: number;
    columnsOnLine: number;
    columns: number;
}

function moveLeaves(node: CstNode, move: Move): void {
    if (isComposite(node)) {
        // Ranges of composite nodes are cached from their first and last leaves.
        (node as unknown as { _rangeCache: unknown })._rangeCache = undefined;
        for (const child of node.content) {
            moveLeaves(child, move);
        }
        return;
    }
    const at = node as unknown as LeafFields;
    if (at._startLine === move.columnsOnLine) {
        at._startColumn += move.columns;
    }
    if (at._endLine === move.columnsOnLine) {
        at._endColumn += move.columns;
    }
    at._offset += move.offset;
    at._startLine += move.lines;
    at._endLine += move.lines;
}

function firstLeaf(node: CstNode, test: (leaf: LeafCstNode) => boolean): LeafCstNode | undefined {
    if (!isComposite(node)) {
        const leaf = node as LeafCstNode;
        return !leaf.hidden && test(leaf) ? leaf : undefined;
    }
    for (const child of node.content) {
        const found = firstLeaf(child, test);
        if (found) {
            return found;
        }
    }
    return undefined;
}

/** The last token that is not a comment. */
function lastLeaf(node: CstNode): LeafCstNode | undefined {
    if (!isComposite(node)) {
        return node.hidden ? undefined : node as LeafCstNode;
    }
    for (let i = node.content.length - 1; i >= 0; i--) {
        const found = lastLeaf(node.content[i]);
        if (found) {
            return found;
        }
    }
    return undefined;
}
