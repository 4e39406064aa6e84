/** Where an earlier version's lines are now: what stale figures are placed by. */
import { describe, expect, test } from 'vitest';
import { invertLines, mapLines } from '../../language/lsp/line-map.js';

describe('line map', () => {
    test('unchanged lines keep their place around an edit, an insertion and a deletion', () => {
        const before = ['a', 'b', 'c', 'd', 'e'];
        const after = ['a', 'new', 'b', 'C!', 'd', 'e'];
        expect([...mapLines(before, after)]).toEqual([0, 2, -1, 4, 5]);
        expect([...invertLines(mapLines(before, after), after.length)]).toEqual([0, -1, 1, -1, 3, 4]);
        expect([...mapLines(['a', 'b', 'c'], ['a', 'c'])]).toEqual([0, -1, 1]);
    });

    test('identical texts map one to one; an empty one maps nothing', () => {
        expect([...mapLines(['x', 'y'], ['x', 'y'])]).toEqual([0, 1]);
        expect([...mapLines(['x', 'y'], [])]).toEqual([-1, -1]);
    });
});
