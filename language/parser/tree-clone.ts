/**
 * A deep copy of one section's tree, AST and syntax tree together, for a reparse that must leave
 * the old tree as it was (see section-reparse.ts): the copy's positions can then be moved while
 * the original keeps those of the old text. References are built again by the linker, as the
 * parser builds them, so they resolve against the copy. Written for speed: an edit near the top
 * of a large contract copies most of it.
 */
import { CompositeCstNodeImpl, LeafCstNodeImpl, isAstNode, isReference, type AstNode, type CstNode, type Linker, type Mutable, type Reference } from 'langium';

/** The fields a leaf keeps its position in (read directly, as the `range` getter allocates; moved in place by section-reparse.ts). */
export interface LeafFields {
    _offset: number;
    _length: number;
    _startLine: number;
    _startColumn: number;
    _endLine: number;
    _endColumn: number;
}

/** A token's copy, not yet in any tree. */
export function copyLeaf(leaf: LeafCstNodeImpl): LeafCstNodeImpl {
    const f = leaf as unknown as LeafFields;
    const copy = new LeafCstNodeImpl(f._offset, f._length, f._startLine, f._startColumn, f._endLine, f._endColumn, leaf.tokenType, leaf.hidden);
    copy.grammarSource = leaf.grammarSource;
    return copy;
}

/** A copy of `section` (a section's syntax tree node) and of the AST node it holds, if any. */
export function cloneSection(section: CstNode, linker: Linker): { cst: CstNode; node?: AstNode } {
    const copies = new Map<AstNode, AstNode>();
    const references: ReferenceSlot[] = [];
    const owner = ownNode(section);
    const node = owner && cloneAst(owner, undefined, copies, references);
    const cells = new Map<CstNode, CstNode>();
    const cst = cloneCst(section, copies, cells);
    for (const [original, copy] of copies) {
        (copy as Mutable<AstNode>).$cstNode = original.$cstNode && cells.get(original.$cstNode);
    }
    for (const { copy, key, index, ref } of references) {
        const built = linker.buildReference(copy as unknown as AstNode, key, ref.$refNode && cells.get(ref.$refNode), ref.$refText);
        if (index < 0) {
            copy[key] = built;
        } else {
            (copy[key] as unknown[])[index] = built;
        }
    }
    return { cst, node };
}

/** The AST node a composite syntax node holds itself (not one it inherits from its container). */
function ownNode(cst: CstNode): AstNode | undefined {
    return cst instanceof CompositeCstNodeImpl ? (cst as unknown as { _astNode?: AstNode })._astNode : undefined;
}

type ReferenceSlot = { copy: Record<string, unknown>; key: string; index: number; ref: Reference };

function cloneAst(node: AstNode, container: AstNode | undefined, copies: Map<AstNode, AstNode>, references: ReferenceSlot[]): AstNode {
    const source = node as unknown as Record<string, unknown>;
    const copy: Record<string, unknown> = {};
    for (const key in source) {
        const value = source[key];
        if (key === '$container') {
            copy[key] = container ?? value;
        } else if (key === '$cstNode') {
            copy[key] = undefined;
        } else if (Array.isArray(value)) {
            const items = new Array<unknown>(value.length);
            for (let i = 0; i < value.length; i++) {
                const item: unknown = value[i];
                if (isAstNode(item)) {
                    items[i] = cloneAst(item, copy as unknown as AstNode, copies, references);
                } else {
                    if (isReference(item)) {
                        references.push({ copy, key, index: i, ref: item });
                    }
                    items[i] = item;
                }
            }
            copy[key] = items;
        } else if (isAstNode(value)) {
            copy[key] = cloneAst(value, copy as unknown as AstNode, copies, references);
        } else {
            if (isReference(value)) {
                references.push({ copy, key, index: -1, ref: value });
            }
            copy[key] = value;
        }
    }
    copies.set(node, copy as unknown as AstNode);
    return copy as unknown as AstNode;
}

function cloneCst(cst: CstNode, copies: Map<AstNode, AstNode>, cells: Map<CstNode, CstNode>): CstNode {
    let copy: CstNode;
    if (cst instanceof CompositeCstNodeImpl) {
        const composite = new CompositeCstNodeImpl();
        composite.grammarSource = cst.grammarSource;
        const own = ownNode(cst);
        if (own) {
            composite.astNode = copies.get(own)!;
        }
        const content = new Array<CstNode>(cst.content.length);
        for (let i = 0; i < content.length; i++) {
            const child = cloneCst(cst.content[i], copies, cells);
            (child as Mutable<CstNode>).container = composite;
            content[i] = child;
        }
        composite.content = content;
        copy = composite;
    } else {
        copy = copyLeaf(cst as LeafCstNodeImpl);
    }
    cells.set(cst, copy);
    return copy;
}
