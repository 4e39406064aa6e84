/**
 * Where the lines of an earlier version of a text are now: unchanged lines keep their place
 * across the edits around them (common prefix and suffix, then the longest common subsequence of
 * what lies between). Stale figures are drawn only on lines that did not change.
 */

/** Above this many cells the middle is not matched (its lines count as changed). */
const MAX_CELLS = 4_000_000;

/** For each old line (0-based), its new line, or -1 when it changed or went. */
export function mapLines(oldLines: readonly string[], newLines: readonly string[]): Int32Array {
    const map = new Int32Array(oldLines.length).fill(-1);
    let start = 0;
    while (start < oldLines.length && start < newLines.length && oldLines[start] === newLines[start]) {
        map[start] = start;
        start++;
    }
    let oldEnd = oldLines.length;
    let newEnd = newLines.length;
    while (oldEnd > start && newEnd > start && oldLines[oldEnd - 1] === newLines[newEnd - 1]) {
        oldEnd--;
        newEnd--;
        map[oldEnd] = newEnd;
    }
    const n = oldEnd - start;
    const m = newEnd - start;
    if (n === 0 || m === 0 || n * m > MAX_CELLS) {
        return map;
    }
    // lengths[i][j]: LCS of old[start + i…] and new[start + j…].
    const width = m + 1;
    const lengths = new Uint32Array((n + 1) * width);
    for (let i = n - 1; i >= 0; i--) {
        for (let j = m - 1; j >= 0; j--) {
            lengths[i * width + j] = oldLines[start + i] === newLines[start + j]
                ? lengths[(i + 1) * width + j + 1] + 1
                : Math.max(lengths[(i + 1) * width + j], lengths[i * width + j + 1]);
        }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
        if (oldLines[start + i] === newLines[start + j]) {
            map[start + i] = start + j;
            i++;
            j++;
        } else if (lengths[(i + 1) * width + j] >= lengths[i * width + j + 1]) {
            i++;
        } else {
            j++;
        }
    }
    return map;
}

/** The inverse: for each new line, the old line it was, or -1. */
export function invertLines(map: Int32Array, newLength: number): Int32Array {
    const inverse = new Int32Array(newLength).fill(-1);
    map.forEach((to, from) => {
        if (to >= 0) {
            inverse[to] = from;
        }
    });
    return inverse;
}
