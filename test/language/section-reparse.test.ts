/**
 * Parsing an edit one section at a time must give exactly the tree a full parse gives: the same
 * AST, the same syntax tree with the same positions, links between them intact. Random edits of
 * every example (seeded, so a failure repeats) are parsed both ways and compared; where the
 * section parse declines, the editor parses the whole text, which is always right.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CompositeCstNodeImpl, isAstNode, isReference, type AstNode, type CstNode, type LangiumDocument, type LeafCstNode, type ParseResult } from 'langium';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver';
import type { AcoDocumentFactory } from '../../language/lsp/document-factory.js';
import { changedSpan, reparseSection } from '../../language/parser/section-reparse.js';
import { aco, openDocument, services, validate } from '../helpers.js';

const parser = aco.parser.LangiumParser;
const reparse = (previous: ParseResult, text: string, kept?: AstNode[]) => reparseSection({ parser, linker: aco.references.Linker }, previous, text, { kept });
const examplesDir = path.join(import.meta.dirname, '../../examples');
const examples = fs.readdirSync(examplesDir).filter(f => f.endsWith('.aco')).map(f => ({ name: f, text: fs.readFileSync(path.join(examplesDir, f), 'utf8') }));
// Files saved on Windows: every line ends in \r\n.
examples.push(...examples.slice(0, 3).map(e => ({ name: `${e.name} (CRLF)`, text: e.text.replace(/\n/g, '\r\n') })));

/** A small deterministic generator (mulberry32): the same edits on every run. */
function random(seed: number): () => number {
    return () => {
        seed = (seed + 0x6d2b79f5) | 0;
        let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

const INSERTS = ['1', '9', 'a', ' ', '\n', '\r\n', '{', '}', '"', '/', '*', '$', '%', '.', '-', ' 12', '// note\n', '/* x */', '\n\n', 'expenditure $5', '//'];
const SPACES = [' ', '\n', '\r\n', '\n\n', ' // note\n', ' /* x */ ', '\t'];

function pick<T>(items: T[], next: () => number): T {
    return items[Math.floor(next() * items.length)];
}

/**
 * One random edit. Most keep the syntax (a digit changed, space or a comment added between tokens,
 * a line repeated or removed), as typing mostly does; the rest are any insertion or deletion.
 */
function randomEdit(text: string, next: () => number): string {
    const kind = next();
    if (kind < 0.3) {
        const digits = [...text.matchAll(/\d/g)];
        const at = pick(digits, next).index;
        return text.slice(0, at) + String(Math.floor(next() * 10)) + text.slice(at + 1);
    }
    if (kind < 0.5) {
        const spaces = [...text.matchAll(/\s/g)];
        const at = pick(spaces, next).index;
        return text.slice(0, at) + pick(SPACES, next) + text.slice(at);
    }
    if (kind < 0.7) {
        const starts = [0, ...[...text.matchAll(/\n/g)].map(m => m.index + 1)];
        const line = Math.floor(next() * (starts.length - 1));
        const body = text.slice(starts[line], starts[line + 1]);
        return text.slice(0, starts[line]) + (next() < 0.5 ? body + body : '') + text.slice(starts[line + 1]);
    }
    const at = Math.floor(next() * text.length);
    const remove = next() < 0.5 ? 0 : Math.floor(next() * 20);
    return text.slice(0, at) + (next() < 0.3 && remove > 0 ? '' : pick(INSERTS, next)) + text.slice(at + remove);
}

/**
 * A description of a parse that two equal trees share: AST, syntax tree, positions and links.
 * `containers: false` leaves out the links up to containers, which a kept tree's shared sections
 * give up to the new tree.
 */
function canonical(result: ParseResult, containers = true): unknown {
    const grammarIds = new Map<object, number>();
    const id = (source: object | undefined): number | undefined => {
        if (!source) {
            return undefined;
        }
        if (!grammarIds.has(source)) {
            grammarIds.set(source, grammarIds.size);
        }
        return grammarIds.get(source);
    };
    // Grammar elements are numbered by first use, the same for both trees when they agree.
    const cst = (node: CstNode, parent: CstNode | undefined): unknown => {
        const common = { linked: !containers || node.container === parent, offset: node.offset, end: node.end, range: node.range, hidden: node.hidden, grammar: id(node.grammarSource), text: node.text };
        if (node instanceof CompositeCstNodeImpl) {
            const own = (node as unknown as { _astNode?: AstNode })._astNode;
            return { ...common, astNode: own?.$type, content: node.content.map(child => cst(child, node)) };
        }
        return { ...common, token: (node as LeafCstNode).tokenType.name };
    };
    const astOf = (node: AstNode, container: AstNode | undefined): unknown => {
        const out: Record<string, unknown> = {
            linked: (!containers || node.$container === container) && node.$cstNode?.astNode === node,
            $type: node.$type, $containerProperty: node.$containerProperty, $containerIndex: node.$containerIndex,
            at: [node.$cstNode?.offset, node.$cstNode?.end, node.$cstNode?.range]
        };
        const value = (v: unknown): unknown => isAstNode(v) ? astOf(v, node)
            : isReference(v) ? { refText: v.$refText, at: [v.$refNode?.offset, v.$refNode?.end, v.$refNode?.range] }
            : Array.isArray(v) ? v.map(value) : v;
        for (const [key, v] of Object.entries(node)) {
            if (!key.startsWith('$')) {
                out[key] = value(v);
            }
        }
        return out;
    };
    const root = result.value;
    return {
        errors: result.lexerErrors.length + result.parserErrors.length,
        text: containers ? root.$cstNode?.root.fullText : undefined,
        ast: astOf(root, undefined),
        cst: cst(root.$cstNode!, undefined)
    };
}

describe('parsing an edit one section at a time', () => {
    it('gives the tree a full parse gives, for random edits of every example', () => {
        const next = random(20261202);
        let reparsed = 0;
        let tried = 0;
        for (const { text } of examples) {
            for (let i = 0; i < 40; i++) {
                const edited = randomEdit(text, next);
                // Every other edit keeps the old tree (as the editor does its last valid version): it must stay as it was.
                const old = parser.parse(text);
                const before = canonical(old, false);
                const incremental = reparse(old, edited, i % 2 === 0 ? [old.value] : undefined);
                tried++;
                if (incremental) {
                    reparsed++;
                    expect(canonical(incremental)).toEqual(canonical(parser.parse(edited)));
                    if (i % 2 === 0) {
                        expect(canonical(old, false)).toEqual(before);
                    }
                }
            }
        }
        // Most edits fall inside a section; a reparse that always declined would pass the loop above.
        expect(reparsed / tried).toBeGreaterThan(0.2);
    });

    it('keeps giving the full parse\'s tree over a chain of edits, each parsed from the last', () => {
        const next = random(7);
        for (const { text: original } of examples.slice(0, 6)) {
            let text = original;
            let result: ParseResult = parser.parse(text);
            let reparsed = 0;
            // A tree kept for a while, as the editor keeps the last valid version: it stays as it was.
            let kept = result;
            let snapshot = canonical(kept, false);
            for (let i = 0; i < 40; i++) {
                if (i % 7 === 3) {
                    kept = result;
                    snapshot = canonical(kept, false);
                }
                const edited = randomEdit(text, next);
                const incremental = reparse(result, edited, [kept.value]);
                const full = parser.parse(edited);
                if (incremental) {
                    reparsed++;
                    // Comparing reads every range, so the next edit must also move cached ranges.
                    expect(canonical(incremental)).toEqual(canonical(full));
                }
                // An edit with a syntax error is undone: the next one starts from a clean tree.
                if (full.lexerErrors.length + full.parserErrors.length === 0) {
                    result = incremental ?? full;
                    text = edited;
                }
                // Otherwise `result` is still the last clean tree: a declined reparse leaves it as it was.
                expect(canonical(kept, false)).toEqual(snapshot);
            }
            expect(reparsed).toBeGreaterThan(0);
        }
    });

    it('parses only the section for an edit inside it, and the whole text otherwise', () => {
        const text = examples.find(e => e.name === 'mssp-enhanced-2024.aco')!.text;
        const edit = (from: string, to: string) => {
            expect(text).toContain(from);
            return reparse(parser.parse(text), text.replace(from, to));
        };
        const scenario = /scenario "([^"]+)" \{/.exec(text)!;
        const firstAmount = /expenditure \$(\d)/.exec(text.slice(scenario.index))!;
        const amountAt = scenario.index + firstAmount.index + 'expenditure $'.length;
        const changed = text.slice(0, amountAt) + (text[amountAt] === '9' ? '8' : '9') + text.slice(amountAt + 1);
        expect(reparse(parser.parse(text), changed)).toBeDefined();
        // The section's head and the header lines decide what follows: the whole text is parsed.
        expect(edit(scenario[0], `scenario "${scenario[1]}x" {`)).toBeUndefined();
        expect(edit('program MSSP', 'program REACH')).toBeUndefined();
        // A syntax error in the new section: error recovery may reach past it.
        expect(reparse(parser.parse(text), text.slice(0, amountAt) + '{' + text.slice(amountAt))).toBeUndefined();
        // The old text had a syntax error: its tree is no base for the next one.
        const broken = text.slice(0, amountAt) + '{' + text.slice(amountAt);
        expect(reparse(parser.parse(broken), text)).toBeUndefined();
    });

    it('moves what follows on the closing brace\'s line along that line, and later lines down', () => {
        const text = examples.find(e => e.name === 'mssp-enhanced-2024.aco')!.text
            .replace(/by quality\s*\}\s*shared savings \{/, 'by quality } shared savings {').replace(/\}\s*shared losses \{/, '} /* on one line */ shared losses {');
        const at = text.indexOf('withhold 2.5%');
        for (const insert of ['  ', '\n', 'x', '\n\n  ']) {
            // 'x' stands for deleting the space before the line's first word.
            const edited = insert === 'x' ? text.slice(0, at - 1) + text.slice(at) : text.slice(0, at) + insert + text.slice(at);
            const incremental = reparse(parser.parse(text), edited);
            expect(incremental, JSON.stringify(insert)).toBeDefined();
            expect(canonical(incremental!)).toEqual(canonical(parser.parse(edited)));
        }
    });

    it('gives the diagnostics and figures of a fresh document at every step of typing inside sections', async () => {
        const text = examples.find(e => e.name === 'mssp-enhanced-2024.aco')!.text;
        const uri = 'file:///section-reparse-typing.aco';
        const factory = services.shared.workspace.LangiumDocumentFactory as AcoDocumentFactory;
        await openDocument(text, uri);
        const reparses = factory.sectionReparses;
        const fullRange = { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } };
        const hintsOf = async (document: LangiumDocument) => (await aco.lsp.InlayHintProvider!.getInlayHints(document, { textDocument: { uri: document.uri.toString() }, range: fullRange }) ?? [])
            .map(h => [h.position, String(h.label), String(h.tooltip)]);
        // Typing a new capitation line one character at a time (errors on the way), then a newline in the population.
        const at = text.indexOf('withhold 2.5%');
        const typed = 'primary care $41.00 per member per month paid to HMS\n        ';
        let current = text;
        for (let i = 1; i <= typed.length; i += 4) {
            current = text.slice(0, at) + typed.slice(0, i) + text.slice(at);
            const document = await openDocument(current, uri);
            const fresh = await validate(current);
            const placed = (diagnostics: Diagnostic[]) => diagnostics.map(d => [d.message, d.range]);
            expect(placed(document.diagnostics ?? []), `after ${JSON.stringify(typed.slice(0, i))}`).toEqual(placed(fresh.diagnostics));
            if (!fresh.diagnostics.some(d => d.severity === 1)) {
                expect(await hintsOf(document)).toEqual(await hintsOf(await openDocument(current)));
            }
        }
        const population = current.indexOf('{', current.indexOf('population {')) + 1;
        const moved = current.slice(0, population) + '\n' + current.slice(population);
        const document = await openDocument(moved, uri);
        expect(await hintsOf(document)).toEqual(await hintsOf(await openDocument(moved)));
        // Most steps on the way are syntax errors (parsed whole); the others and the newline take the section path.
        expect(factory.sectionReparses).toBeGreaterThanOrEqual(reparses + 3);
    });

    it('moves diagnostics of later sections with the edit, as a full parse places them', async () => {
        const text = examples.find(e => e.name === 'mssp-enhanced-2024.aco')!.text;
        // An unknown provider in the capitation section, after the edited population section.
        const withError = text.replace('paid to NRC', 'paid to NRX');
        const uri = 'file:///section-reparse-diagnostics.aco';
        const factory = services.shared.workspace.LangiumDocumentFactory as AcoDocumentFactory;
        await openDocument(withError, uri);
        const reparses = factory.sectionReparses;
        const population = withError.indexOf('{', withError.indexOf('population {')) + 1;
        const edited = withError.slice(0, population) + '\n\n   // moved down\n' + withError.slice(population);
        const document = await openDocument(edited, uri);
        expect(factory.sectionReparses).toBe(reparses + 1);
        const expected = (await validate(edited)).diagnostics;
        const placed = (diagnostics: Diagnostic[]) => diagnostics.map(d => [d.message, d.range]);
        expect(expected.some(d => String(d.message).includes('NRX'))).toBe(true);
        expect(placed(document.diagnostics ?? [])).toEqual(placed(expected));
    });
});

describe('finding what an edit changed', () => {
    /** The span's definition: the longest common prefix, then the longest common suffix of what is left. */
    function expectSpan(oldText: string, text: string): void {
        const { start, oldEnd } = changedSpan(oldText, text);
        const newEnd = oldEnd + text.length - oldText.length;
        expect(start).toBeLessThanOrEqual(oldEnd);
        expect(newEnd).toBeGreaterThanOrEqual(start);
        expect(text.startsWith(oldText.substring(0, start))).toBe(true);
        expect(start === Math.min(oldText.length, text.length) || oldText[start] !== text[start]).toBe(true);
        expect(text.endsWith(oldText.substring(oldEnd))).toBe(true);
        expect(oldEnd === start || newEnd === start || oldText[oldEnd - 1] !== text[newEnd - 1]).toBe(true);
        // What the span replaces gives the new text back.
        expect(oldText.substring(0, start) + text.substring(start, newEnd) + oldText.substring(oldEnd)).toBe(text);
    }

    it('is the longest common prefix and suffix, for edits of every size on and around block edges', () => {
        const next = random(20261207);
        const long = examples.map(e => e.text).join('\n');
        const runs = 'a'.repeat(2000);
        for (const base of [long, runs, long.slice(0, 300), '']) {
            for (let i = 0; i < 150; i++) {
                // Positions near multiples of 256 as often as anywhere: the comparison takes blocks of that size.
                const near = Math.floor(next() * (base.length / 256 + 1)) * 256 + Math.floor(next() * 5) - 2;
                const at = Math.max(0, Math.min(base.length, i % 2 === 0 ? near : Math.floor(next() * (base.length + 1))));
                const removed = Math.min(base.length - at, pick([0, 0, 1, 2, 255, 256, 257, 600], next));
                const inserted = pick(['', 'x', 'a', 'aa', '\n', 'y'.repeat(300), base.substring(at, at + 256)], next);
                // Also as the editor builds it: a concatenation of the text around the edit.
                expectSpan(base, base.substring(0, at) + inserted + base.substring(at + removed));
            }
        }
        expectSpan(long, long);
        expect(changedSpan(long, long)).toEqual({ start: long.length, oldEnd: long.length });
    });

    it('places an edit inside a run of equal characters at the end of the run, as the parse of its section needs', () => {
        // "aaaa" → "aaaaa" in a long text: the prefix takes the whole run, so the insert is after it.
        const before = `${'b'.repeat(700)}aaaa${'c'.repeat(700)}`;
        const after = `${'b'.repeat(700)}aaaaa${'c'.repeat(700)}`;
        expect(changedSpan(before, after)).toEqual({ start: 704, oldEnd: 704 });
        expect(changedSpan(after, before)).toEqual({ start: 704, oldEnd: 705 });
    });
});
