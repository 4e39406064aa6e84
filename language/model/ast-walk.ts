/**
 * A plain recursive walk over an AST, for checks and model code that visit every node of a
 * contract. It visits what `AstUtils.streamAllContents` yields, in the same order (depth first,
 * properties in key order, `$`-properties skipped), without a stream object and iterator per node:
 * over thousands of contracts the streams cost more than the checks they feed.
 */
import type { AstNode } from 'langium';

function isNode(value: unknown): value is AstNode {
    return typeof value === 'object' && value !== null && typeof (value as AstNode).$type === 'string';
}

/** Calls `visit` on every node below `root` (not `root` itself), in `streamAllContents` order. */
export function forEachDescendant(root: AstNode, visit: (node: AstNode) => void): void {
    const record = root as unknown as Record<string, unknown>;
    for (const key in record) {
        if (key.charCodeAt(0) === 36 /* $ */ || !Object.prototype.hasOwnProperty.call(record, key)) {
            continue;
        }
        const value = record[key];
        if (Array.isArray(value)) {
            for (const element of value) {
                if (isNode(element)) {
                    visit(element);
                    forEachDescendant(element, visit);
                }
            }
        } else if (isNode(value)) {
            visit(value);
            forEachDescendant(value, visit);
        }
    }
}
