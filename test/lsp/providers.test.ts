/**
 * The editor features, in process: langium/test helpers where they exist (hover, completion,
 * definition, references, symbols, folding, formatting, code actions, semantic tokens) and direct
 * calls for inlay hints, code lens and rename.
 */
import * as fs from 'node:fs';
import { URI, type AstNode } from 'langium';
import { describe, expect, test } from 'vitest';
import {
    expectCompletion, expectFindReferences, expectFormatting, expectGoToDefinition, expectHover, expectSymbols,
    highlightHelper, testCodeAction, expectSemanticToken
} from 'langium/test';
import { SemanticTokenTypes, SymbolKind } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { aco, parse, validate } from '../helpers.js';

const spec = fs.readFileSync(new URL('../data/spec-contract.aco', import.meta.url), 'utf-8');
const examplesDir = new URL('../../examples/', import.meta.url);
const examples = fs.readdirSync(examplesDir).filter(f => f.endsWith('.aco'));
const fullRange = { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } };

describe('inlay hints', () => {
    test('show the money each clause produces under the first scenario', async () => {
        const document = await parse(spec);
        const hints = await aco.lsp.InlayHintProvider!.getInlayHints(document, { textDocument: { uri: document.uri.toString() }, range: fullRange }) ?? [];
        const byLine = new Map(hints.map(h => [h.position.line + 1, String(h.label)]));
        const lineOf = (needle: string): number => spec.split('\n').findIndex(l => l.includes(needle)) + 1;
        expect(byLine.get(lineOf('benchmark $1,050.00'))).toBe('≈ $157.5M');
        expect(byLine.get(lineOf('minimum savings rate 2%'))).toBe('≈ $3.15M');
        expect(byLine.get(lineOf('sharing rate 75%'))).toBe('≈ $2.18M');
        expect(byLine.get(lineOf('paid to RPC'))).toBe('≈ $3.12M');
        expect(byLine.get(lineOf('provider RPC'))).toBe('≈ $794.52K');
        expect(byLine.get(lineOf('scenario "Expected year"'))).toBe('earned ≈ $2.14M');
        const earned = hints.find(h => String(h.label).startsWith('earned'))!;
        expect(earned.tooltip).toBe('Earned $2,135,818.13');
        const provider = hints.find(h => h.position.line + 1 === lineOf('provider RPC'))!;
        expect(provider.tooltip).toContain('$794,524.35');
    });

    test('follow edits: a different expenditure changes the earned hint', async () => {
        const document = await parse(spec.replace('expenditure $1,018.50', 'expenditure $1,000.00'));
        const hints = await aco.lsp.InlayHintProvider!.getInlayHints(document, { textDocument: { uri: document.uri.toString() }, range: fullRange }) ?? [];
        const earned = hints.find(h => String(h.label).startsWith('earned'))!;
        expect(earned.tooltip).not.toBe('Earned $2,135,818.13');
        expect(earned.tooltip).toMatch(/^Earned \$3,\d{3},\d{3}\.\d{2}$/);
    });
});

describe('code lens', () => {
    test('above each scenario and the uncertainty block, running the commands', async () => {
        const document = await parse(spec);
        const lenses = await aco.lsp.CodeLensProvider!.provideCodeLens(document, { textDocument: { uri: document.uri.toString() } }) ?? [];
        expect(lenses.map(l => l.command?.title)).toEqual(['Earned $2,135,818.13', 'explain', 'summary', 'Run Monte Carlo (100,000 trials)']);
        expect(lenses[1].command).toMatchObject({ command: 'aco.explainScenario', arguments: [document.uri.toString(), 'Expected year'] });
        expect(lenses[2].command?.command).toBe('aco.showSummary');
        expect(lenses[3].command?.command).toBe('aco.runMonteCarlo');
        expect(lenses[0].range.start.line).toBe(spec.split('\n').findIndex(l => l.includes('scenario "Expected year"')));
    });
});

describe('hover', () => {
    test('a scenario line shows what the scenario earns and links to its waterfall, not the whole table', async () => {
        await expectHover(aco)({
            text: spec.replace('expenditure $1,018.50', 'expen<|>diture $1,018.50'),
            index: 0,
            hover: /What care for the population actually cost[\s\S]*Scenario `Expected year` earns \*\*\$2,135,818\.13\*\*\. \[Explain the full waterfall\]\(command:aco\.explainScenario\?/
        });
        const hover = await aco.lsp.HoverProvider!.getHoverContent(await parse(spec), {
            textDocument: { uri: 'file:///x.aco' }, position: { line: spec.split('\n').findIndex(l => l.includes('expenditure $1,018.50')), character: 10 }
        });
        expect(JSON.stringify(hover)).not.toContain('| # | Step |');
    });

    test('a term outside scenarios says what it means and what it produces', async () => {
        await expectHover(aco)({
            text: spec.replace('sequestration 2%', 'seques<|>tration 2%'),
            index: 0,
            hover: /withheld by the payer[\s\S]*Sequestration 2\.00% takes \$43,588\.125/
        });
    });

    test('a provider ID shows what it names and its share', async () => {
        await expectHover(aco)({
            text: spec.replace('paid to RPC', 'paid to R<|>PC'),
            index: 0,
            hover: /\*\*Provider `RPC`\*\*: `Riverside Primary Care`[\s\S]*6,200 attributed lives[\s\S]*Receives \*\*\$794,524\.35\*\* under scenario `Expected year`/
        });
    });
});

describe('completion', () => {
    test('provider IDs where an ID is expected, and no keywords there', async () => {
        await expectCompletion(aco)({
            text: spec.replace('primary care $42.00 per member per month paid to RPC', 'primary care $42.00 per member per month paid to <|>'),
            index: 0,
            assert: completions => {
                const labels = completions.items.map(i => i.label);
                expect(labels).toEqual(expect.arrayContaining(['RPC', 'LFM', 'SMH']));
                expect(labels).not.toContain('target');
                expect(labels).not.toContain('HBA1C');
            }
        });
    });

    test('measure IDs after `result`', async () => {
        await expectCompletion(aco)({
            text: spec.replace('result HBA1C 16.2%', 'result <|>'),
            index: 0,
            assert: completions => {
                expect(completions.items.map(i => i.label)).toEqual(expect.arrayContaining(['HBA1C', 'BCS', 'CBP', 'READM']));
            }
        });
    });

    test('keywords that fit inside a section, and section snippets in the contract body', async () => {
        await expectCompletion(aco)({
            text: 'contract "x" {\n    shared savings {\n        <|>\n    }\n    <|>\n}',
            index: 0,
            assert: completions => {
                const labels = completions.items.map(i => i.label);
                expect(labels).toEqual(expect.arrayContaining(['minimum', 'sharing', 'corridor', 'cap', 'sequestration']));
                expect(labels).not.toContain('measure');
            }
        });
        await expectCompletion(aco)({
            text: 'contract "x" {\n    shared savings {\n        <|>\n    }\n    <|>\n}',
            index: 1,
            assert: completions => {
                const labels = completions.items.map(i => i.label);
                expect(labels).toEqual(expect.arrayContaining(['population', 'population section', 'scenario', 'quality section']));
                const snippet = completions.items.find(i => i.label === 'population section')!;
                expect(snippet.insertTextFormat).toBe(2);
                expect(snippet.textEdit?.newText ?? snippet.insertText).toContain('assigned beneficiaries');
            }
        });
    });

    test('a new-contract snippet in an empty file', async () => {
        await expectCompletion(aco)({
            text: '<|>',
            index: 0,
            assert: completions => {
                const snippet = completions.items.find(i => i.label === 'new ACO contract');
                expect(snippet).toBeDefined();
            }
        });
    });
});

describe('navigation', () => {
    test('go to definition jumps from a reference to the provider', async () => {
        await expectGoToDefinition(aco)({
            text: 'contract "x" { providers { provider <|RPC|> "R" { attributed 1 } } capitation { primary care $1 per member per month paid to R<|>PC } }',
            index: 0,
            rangeIndex: 0
        });
    });

    test('find references lists the declaration and every use', async () => {
        await expectFindReferences(aco)({
            text: 'contract "x" { providers { provider <|RPC|> "R" { attributed 1 } } capitation { primary care $1 per member per month paid to <|RPC|> } scenario "s" { savings 1% expect provider <|R<|>PC|> receives $0 } }',
            includeDeclaration: true
        });
    });

    test('references are found in their own file, with no workspace index of them', async () => {
        const text = 'contract "x" {\n    providers { provider RPC "R" { attributed 1 } }\n    quality { measure BCS "B" { target 70% weight 100% } }\n'
            + '    capitation { primary care $1 per member per month paid to RPC }\n    scenario "s" { savings 1% result BCS 72% expect provider RPC receives $0 }\n}\n';
        const document = await parse(text);
        const root = document.parseResult.value as unknown as { sections: Array<{ $type: string; providers?: AstNode[]; lines?: AstNode[] }> };
        const provider = root.sections.find(s => s.$type === 'Providers')!.providers![0];
        const measure = root.sections.find(s => s.$type === 'Quality')!.lines![0];
        const uses = (node: AstNode) => aco.references.References.findReferences(node, {}).toArray().map(r => text.slice(r.segment.offset, r.segment.end));
        expect(uses(provider)).toEqual(['RPC', 'RPC']);
        expect(uses(measure)).toEqual(['BCS']);
        // Asked about another file, a contract's IDs have no uses there.
        expect(aco.references.References.findReferences(provider, { documentUri: URI.parse('memory:///other.aco') }).toArray()).toEqual([]);
        const path = aco.workspace.AstNodeLocator.getAstNodePath(provider);
        expect(aco.shared.workspace.IndexManager.findAllReferences(provider, path).toArray()).toEqual([]);
    });

    test('rename changes the declaration and every reference', async () => {
        const text = 'contract "x" {\n    providers { provider RPC "R" { attributed 1 } }\n    capitation { primary care $1 per member per month paid to RPC }\n    scenario "s" { savings 1% expect provider RPC receives $0 }\n}\n';
        const document = await parse(text);
        const offset = text.indexOf('RPC');
        const edit = await aco.lsp.RenameProvider!.rename(document, {
            textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(offset), newName: 'RIVER'
        });
        const edits = edit?.changes?.[document.uri.toString()] ?? [];
        expect(edits).toHaveLength(3);
        expect(TextDocument.applyEdits(document.textDocument, edits)).toBe(text.replaceAll('RPC', 'RIVER'));
    });

    test('the outline lists every section with providers and measures inside', async () => {
        await expectSymbols(aco)({
            text: 'contract "C" { population { assigned beneficiaries 10 } providers { provider A "Alpha" { attributed 1 } } quality { measure M "Mm" { target 1% weight 100% } } scenario "S" { savings 1% } }',
            assert: (symbols: unknown) => {
                type Shape = { name: string; kind: number; children?: Shape[] };
                const shape = (s: Shape): Shape => ({ name: s.name, kind: s.kind, ...(s.children?.length ? { children: s.children.map(shape) } : {}) });
                expect((symbols as Shape[]).map(shape)).toEqual([{
                    name: 'C', kind: SymbolKind.File, children: [
                        { name: 'population', kind: SymbolKind.Namespace },
                        { name: 'providers', kind: SymbolKind.Namespace, children: [{ name: 'A', kind: SymbolKind.Class }] },
                        { name: 'quality', kind: SymbolKind.Namespace, children: [{ name: 'M', kind: SymbolKind.Field }] },
                        { name: 'scenario "S"', kind: SymbolKind.Event }
                    ]
                }]);
            }
        } as never);
    });

    test('sections and blocks fold', async () => {
        const document = await parse('contract "C" {\n    population {\n        assigned beneficiaries 10\n    }\n    providers {\n        provider A "a" {\n            attributed 1\n        }\n    }\n}\n');
        const ranges = await aco.lsp.FoldingRangeProvider!.getFoldingRanges(document, { textDocument: { uri: document.uri.toString() } });
        const spans = ranges.map(r => [r.startLine, r.endLine]);
        expect(spans).toEqual(expect.arrayContaining([[1, 2], [4, 7], [5, 6]]));
    });
});

describe('formatting', () => {
    test('lays a messy contract out canonically', async () => {
        await expectFormatting(aco)({
            before: 'contract "x" {  program MSSP track 1+ year 2019\ncurrency USD\n  parties {payer "A"    aco "B"}\nscenario "s" { savings 3%   quality score 80% } }',
            after: 'contract "x" {\n    program MSSP track 1+ year 2019\n    currency USD\n\n    parties {\n        payer "A"\n        aco "B"\n    }\n\n    scenario "s" {\n        savings 3%\n        quality score 80%\n    }\n}'
        });
    });

    test.each(examples)('%s is already formatted, and formatting is idempotent', async name => {
        const text = fs.readFileSync(new URL(name, examplesDir), 'utf-8');
        const document = await parse(text);
        const edits = await aco.lsp.Formatter!.formatDocument(document, { textDocument: { uri: document.uri.toString() }, options: { tabSize: 4, insertSpaces: true } });
        expect(TextDocument.applyEdits(document.textDocument, edits)).toBe(text);
    });

    test('formatting twice changes nothing the second time', async () => {
        const messy = spec.replace(/\n\s+/g, '\n ').replace(/ \{/g, '{');
        const once = await parse(messy);
        const first = TextDocument.applyEdits(once.textDocument, await aco.lsp.Formatter!.formatDocument(once, { textDocument: { uri: once.uri.toString() }, options: { tabSize: 4, insertSpaces: true } }));
        const twice = await parse(first);
        const edits = await aco.lsp.Formatter!.formatDocument(twice, { textDocument: { uri: twice.uri.toString() }, options: { tabSize: 4, insertSpaces: true } });
        expect(edits).toEqual([]);
    });
});

describe('quick fixes', () => {
    const base = (quality: string, extra = ''): string => `contract "Q" {
    quality {
${quality}
    }
    ${extra}
}
`;

    /** The text after the one fix offered on the first diagnostic with `code` (sums are reported on every part). */
    const fixFirst = async (text: string, code: string): Promise<{ title: string; text: string }> => {
        const { document, diagnostics } = await validate(text);
        const first = diagnostics.filter(d => d.code === code).slice(0, 1);
        const actions = await aco.lsp.CodeActionProvider!.getCodeActions(document, {
            textDocument: { uri: document.uri.toString() }, range: first[0].range, context: { diagnostics: first }
        }) ?? [];
        expect(actions).toHaveLength(1);
        const action = actions[0] as { title: string; edit: { changes: Record<string, never[]> } };
        return { title: action.title, text: TextDocument.applyEdits(document.textDocument, action.edit.changes[document.uri.toString()]) };
    };

    test('rebalances weights to 100% and the diagnostic goes away', async () => {
        const before = base('        measure A "a" { target 80% weight 30% }\n        measure B "b" { target 80% weight 30% }');
        const result = await fixFirst(before, 'weights-sum');
        expect(result.title).toBe('Rebalance weights to 100%');
        expect(result.text).toBe(base('        measure A "a" { target 80% weight 50% }\n        measure B "b" { target 80% weight 50% }'));
        const after = await validate(result.text);
        expect(after.diagnostics.filter(d => d.code === 'weights-sum')).toEqual([]);
    });

    test('swaps a threshold and its target', async () => {
        await testCodeAction(aco)(
            base('        measure A "a" { threshold 80% target 75% weight 100% }'), 'threshold-side',
            base('        measure A "a" { threshold 75% target 80% weight 100% }'));
    });

    test('adds a missing loss cap', async () => {
        const contract = 'contract "L" {\n    shared savings {\n        cap 10% of benchmark\n    }\n    shared losses {\n        sharing rate 30%\n    }\n}\n';
        await testCodeAction(aco)(contract, 'missing-loss-cap',
            'contract "L" {\n    shared savings {\n        cap 10% of benchmark\n    }\n    shared losses {\n        sharing rate 30%\n        cap 10% of benchmark\n    }\n}\n');
    });

    test('replaces a failing expect figure with the computed one', async () => {
        await testCodeAction(aco)(spec.replace('expect earned $2,135,818.13', 'expect earned $1.00'), 'expectation-failed', spec);
    });

    test('rebalancing keeps the proportions the author chose', async () => {
        const result = await fixFirst(
            base('        measure A "a" { target 80% weight 20% }\n        measure B "b" { target 80% weight 40% }\n        measure C "c" { target 80% weight 20% }'), 'weights-sum');
        expect(result.text).toBe(base('        measure A "a" { target 80% weight 25% }\n        measure B "b" { target 80% weight 50% }\n        measure C "c" { target 80% weight 25% }'));
    });

    test('declares an unknown provider', async () => {
        const contract = 'contract "P" {\n    providers {\n        provider A "a" {\n            role other\n        }\n    }\n    capitation {\n        primary care $1 per member per month paid to B\n    }\n}\n';
        const { document, diagnostics } = await validate(contract);
        const unknown = diagnostics.filter(d => d.code === 'unknown-provider');
        expect(unknown).toHaveLength(1);
        const actions = await aco.lsp.CodeActionProvider!.getCodeActions(document, {
            textDocument: { uri: document.uri.toString() }, range: unknown[0].range, context: { diagnostics: unknown }
        }) ?? [];
        expect(actions.map(a => a.title)).toEqual(['Declare provider B']);
        const edits = (actions[0] as unknown as { edit: { changes: Record<string, never[]> } }).edit.changes[document.uri.toString()];
        const fixed = TextDocument.applyEdits(document.textDocument, edits);
        expect(fixed).toBe('contract "P" {\n    providers {\n        provider A "a" {\n            role other\n        }\n        provider B "B" {\n            role other\n            attributed 0\n        }\n    }\n    capitation {\n        primary care $1 per member per month paid to B\n    }\n}\n');
        // Capitation paid to B needs its attributed lives: the stub has them, so it validates.
        expect((await validate(fixed)).diagnostics.filter(d => d.severity === 1)).toEqual([]);
    });
});

describe('semantic highlighting', () => {
    test('provider IDs, measures and figures', async () => {
        const tokens = await highlightHelper(aco)('contract "x" { providers { provider <|RPC|> "R" { attributed <|6,200|> } } quality { measure <|BCS|> "B" { target <|75%|> weight 100% } } }');
        expectSemanticToken(tokens, { rangeIndex: 0, tokenType: SemanticTokenTypes.class });
        expectSemanticToken(tokens, { rangeIndex: 1, tokenType: SemanticTokenTypes.number });
        expectSemanticToken(tokens, { rangeIndex: 2, tokenType: SemanticTokenTypes.enumMember });
        expectSemanticToken(tokens, { rangeIndex: 3, tokenType: SemanticTokenTypes.number });
    });
});
