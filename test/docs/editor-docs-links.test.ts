/**
 * The editor and CI guides point at real places: every relative link in docs/editor.md and
 * docs/ci.md names a file that exists, and every #anchor a heading in that file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function anchor(heading: string): string {
    return heading.trim().toLowerCase().replace(/[`*_]/g, '').replace(/[^\p{L}\p{N} -]/gu, '').replace(/ /g, '-');
}

function anchorsOf(file: string): Set<string> {
    const text = fs.readFileSync(file, 'utf-8').replace(/```[\s\S]*?```/g, '');
    return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map(m => anchor(m[1])));
}

describe.each(['docs/editor.md', 'docs/ci.md'])('%s', doc => {
    test('every relative link and anchor resolves', () => {
        const file = path.join(root, doc);
        const text = fs.readFileSync(file, 'utf-8').replace(/```[\s\S]*?```/g, '');
        const links = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map(m => m[1]).filter(l => !/^https?:/.test(l));
        expect(links.length).toBeGreaterThan(0);
        for (const link of links) {
            const [target, hash] = link.split('#');
            const resolved = target ? path.resolve(path.dirname(file), target) : file;
            expect(fs.existsSync(resolved), link).toBe(true);
            if (hash) {
                expect(anchorsOf(resolved).has(hash), `${link}: no heading for #${hash}`).toBe(true);
            }
        }
    });
});
