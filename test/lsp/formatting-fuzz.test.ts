/**
 * Formatting any layout of a contract: each example with its whitespace scrambled (seeded: spaces,
 * tabs, line breaks and blank lines between tokens; around comments, as written), formatted
 * with random editor tab settings. Formatting never fails, keeps every token, gives a layout that
 * formatting again leaves as it is, and gives the same layout whatever the tab settings.
 */
import { CstUtils, isLeafCstNode, type LangiumDocument } from 'langium';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { aco, parse } from '../helpers.js';

const root = path.resolve(import.meta.dirname, '../..');
const examples = fs.readdirSync(path.join(root, 'examples')).filter(f => f.endsWith('.aco')).sort();
const ROUNDS = 12;

function random(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

/** The document's tokens (comments included), in order, as [start, end) offsets. */
function tokens(document: LangiumDocument): Array<{ start: number; end: number; text: string; comment: boolean }> {
    const cst = document.parseResult.value.$cstNode!;
    return CstUtils.streamCst(cst).filter(isLeafCstNode).map(leaf => ({
        start: leaf.offset, end: leaf.end, text: leaf.text, comment: leaf.hidden && /^\/[/*]/.test(leaf.text)
    })).filter(t => t.text.trim() !== '').toArray();
}

const GAPS = [' ', '  ', '\t', '\n', '\n\n', '\n\t\t', ' \n   ', '\n\n\n    ', '      '];

function scramble(text: string, list: ReturnType<typeof tokens>, next: () => number): string {
    let out = text.slice(0, list[0]?.start ?? 0);
    list.forEach((token, index) => {
        out += token.text;
        const following = list[index + 1];
        if (following) {
            // Comments keep the lines they are on: the formatter lays out terms, and a comment
            // stays where its author put it, beside or above the term it explains.
            const kept = token.comment || following.comment;
            out += kept ? text.slice(token.end, following.start) : GAPS[Math.floor(next() * GAPS.length)];
        }
    });
    return out + text.slice(list.at(-1)?.end ?? text.length);
}

async function format(text: string, options: { tabSize: number; insertSpaces: boolean }): Promise<string> {
    const document = await parse(text);
    const edits = await aco.lsp.Formatter!.formatDocument(document, { textDocument: { uri: document.uri.toString() }, options });
    return TextDocument.applyEdits(document.textDocument, edits);
}

describe.each(examples)('formatting a scrambled %s', example => {
    test(`${ROUNDS} layouts: no failure, every token kept, idempotent, independent of tab settings`, async () => {
        const original = fs.readFileSync(path.join(root, 'examples', example), 'utf-8');
        const originalTokens = tokens(await parse(original)).map(t => t.text);
        const next = random(example.length * 7919);
        for (let round = 0; round < ROUNDS; round++) {
            const scrambled = scramble(original, tokens(await parse(original)), next);
            const parsed = await parse(scrambled);
            expect(parsed.parseResult.parserErrors, `round ${round}: the scramble parses`).toEqual([]);
            const options = { tabSize: 1 + Math.floor(next() * 8), insertSpaces: next() < 0.5 };
            const formatted = await format(scrambled, options);
            expect(tokens(await parse(formatted)).map(t => t.text), `round ${round}: every token kept`).toEqual(originalTokens);
            expect(await format(formatted, { tabSize: 4, insertSpaces: true }), `round ${round}: formatting again changes nothing`).toBe(formatted);
            expect(await format(scrambled, { tabSize: 2, insertSpaces: false }), `round ${round}: the same layout with other tab settings`).toBe(formatted);
            expect(formatted, `round ${round}: no tabs`).not.toContain('\t');
        }
    }, 60_000);
});
