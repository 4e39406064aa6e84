/**
 * The declared IDs an unknown one was most likely meant to be: the linker's "Did you mean CVP?"
 * and the "Change to CVP" quick fixes both rank candidates here, closest first.
 */
import { AstUtils } from 'langium';
import * as ast from '../generated/ast.js';

/** Edit distance with adjacent transpositions (`CPV` → `CVP` is one edit), ignoring case. */
function distance(a: string, b: string): number {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    const d: number[][] = Array.from({ length: x.length + 1 }, (_, i) => Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i <= x.length; i++) {
        for (let j = 1; j <= y.length; j++) {
            const cost = x[i - 1] === y[j - 1] ? 0 : 1;
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) {
                d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
    }
    return d[x.length][y.length];
}

/**
 * Up to `limit` of `candidates` close enough to `id` to be a slip of the keyboard (at most half
 * the letters wrong, one at least, but never every letter), closest first: a difference of case
 * only ranks before any other, and ties keep declaration order.
 */
export function closestIds(id: string, candidates: readonly string[], limit = 3): string[] {
    return candidates
        // Lengths further apart than the edits allowed cannot be close: skip them before measuring.
        .filter(candidate => candidate !== id && Math.abs(candidate.length - id.length) <= Math.max(1, Math.floor(Math.max(id.length, candidate.length) / 2)))
        .map((candidate, order) => ({ candidate, order, cost: distance(id, candidate) + (candidate.toLowerCase() === id.toLowerCase() ? 0 : 0.5) }))
        .filter(({ candidate, cost }) => {
            const edits = Math.floor(cost);
            const longest = Math.max(id.length, candidate.length);
            return edits < longest && edits <= Math.max(1, Math.floor(longest / 2));
        })
        .sort((a, b) => a.cost - b.cost || a.order - b.order)
        .slice(0, limit)
        .map(({ candidate }) => candidate);
}

/** Declared IDs by contract, worked out once per parse however many references are unknown. */
const declared = new WeakMap<ast.Contract, { provider: string[]; measure: string[] }>();

/** The IDs declared for a kind of reference: providers, or measures (in any quality section). */
export function declaredIds(contract: ast.Contract, kind: 'provider' | 'measure'): string[] {
    let ids = declared.get(contract);
    if (!ids) {
        const provider = new Set<string>();
        const measure = new Set<string>();
        for (const node of AstUtils.streamAllContents(contract)) {
            if (ast.isProvider(node) && node.name) {
                provider.add(node.name);
            } else if (ast.isMeasure(node) && node.name) {
                measure.add(node.name);
            }
        }
        ids = { provider: [...provider], measure: [...measure] };
        declared.set(contract, ids);
    }
    return ids[kind];
}
