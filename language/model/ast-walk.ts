/**
 * Plain walks over an AST, for the checks, the linker and the model code that visit every node of
 * a contract. They visit what Langium's `streamAst`/`streamAllContents` and `streamReferences`
 * yield, in the same order (depth first, properties in key order, `$`-properties skipped), without
 * a stream object and iterator per node: over thousands of contracts, or a 500-line contract on
 * every keystroke, the streams cost more than the checks they feed.
 */
import { isMultiReference, isReference, type AstNode, type ReferenceInfo } from 'langium';

function isNode(value: unknown): value is AstNode {
    return typeof value === 'object' && value !== null && typeof (value as AstNode).$type === 'string';
}

/** Calls `visit` on each direct child of `node`, in `streamContents` order. */
function forEachChild(node: AstNode, visit: (child: AstNode) => void): void {
    const record = node as unknown as Record<string, unknown>;
    for (const key in record) {
        if (key.charCodeAt(0) === 36 /* $ */ || !Object.prototype.hasOwnProperty.call(record, key)) {
            continue;
        }
        const value = record[key];
        if (Array.isArray(value)) {
            for (const element of value) {
                if (isNode(element)) {
                    visit(element);
                }
            }
        } else if (isNode(value)) {
            visit(value);
        }
    }
}

/** Calls `visit` on every node below `root` (not `root` itself), in `streamAllContents` order. */
export function forEachDescendant(root: AstNode, visit: (node: AstNode) => void): void {
    forEachChild(root, child => {
        visit(child);
        forEachDescendant(child, visit);
    });
}

/** `root` and every node below it, in `streamAst` order. */
export interface Preorder {
    nodes: AstNode[];
    /** For the node at index i, the index just past its subtree: where a walk that skips its children goes next. */
    ends: number[];
}

export function preorder(root: AstNode): Preorder {
    const nodes: AstNode[] = [];
    const ends: number[] = [];
    const add = (node: AstNode): void => {
        const index = nodes.length;
        nodes.push(node);
        ends.push(0);
        forEachChild(node, add);
        ends[index] = nodes.length;
    };
    add(root);
    return { nodes, ends };
}

/** Calls `visit` on each reference `node` holds itself, as `streamReferences` yields them. */
export function forEachReference(node: AstNode, visit: (info: ReferenceInfo) => void): void {
    const record = node as unknown as Record<string, unknown>;
    for (const property in record) {
        if (property.charCodeAt(0) === 36 /* $ */ || !Object.prototype.hasOwnProperty.call(record, property)) {
            continue;
        }
        const value = record[property];
        if (isReference(value) || isMultiReference(value)) {
            visit({ reference: value, container: node, property });
        } else if (Array.isArray(value)) {
            value.forEach((element: unknown, index) => {
                if (isReference(element) || isMultiReference(element)) {
                    visit({ reference: element, container: node, property, index });
                }
            });
        }
    }
}
