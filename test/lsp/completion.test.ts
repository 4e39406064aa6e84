/**
 * Completion as someone writing a contract from scratch meets it: snippets only where they are
 * valid and never for a section already there, values where a figure is expected, documented
 * keywords, and a list that pops up by itself after `paid to ` or `result ` but not after every word.
 */
import * as fs from 'node:fs';
import { describe, expect, test } from 'vitest';
import { CompletionItemKind, CompletionTriggerKind, InsertTextFormat, type CompletionItem } from 'vscode-languageserver';
import { aco, parse } from '../helpers.js';

const spec = fs.readFileSync(new URL('../data/spec-contract.aco', import.meta.url), 'utf-8');

/** The completion items at `<|>`; `space` as if the list popped up after typing a space. */
async function complete(text: string, space = false): Promise<CompletionItem[]> {
    const offset = text.indexOf('<|>');
    const document = await parse(text.replace('<|>', ''));
    const list = await aco.lsp.CompletionProvider!.getCompletion(document, {
        textDocument: { uri: document.uri.toString() },
        position: document.textDocument.positionAt(offset),
        context: space ? { triggerKind: CompletionTriggerKind.TriggerCharacter, triggerCharacter: ' ' } : { triggerKind: CompletionTriggerKind.Invoked }
    });
    return list?.items ?? [];
}

const labels = (items: CompletionItem[]) => items.map(i => i.label);
const snippets = (items: CompletionItem[]) => items.filter(i => i.kind === CompletionItemKind.Snippet).map(i => i.label);

describe('snippets', () => {
    test('a new contract only in an empty file; its snippet has a shared losses sibling', async () => {
        expect(snippets(await complete('<|>'))).toEqual(['new ACO contract']);
        const body = snippets(await complete('contract "New" {\n    <|>\n}'));
        expect(body).toEqual(expect.arrayContaining(['population section', 'shared savings section', 'shared losses section', 'quality section',
            'quality bonus section', 'distribution section', 'scenario', 'projection over the term', 'uncertainty section', 'program preset']));
        expect(body).not.toContain('new ACO contract');
        expect(body).not.toContain('provider');
        expect(body).not.toContain('quality measure');
    });

    test('never inside a section where they cannot stand, and once each', async () => {
        const inSavings = await complete(spec.replace('        sequestration 2%', '        sequestration 2%\n        <|>'));
        expect(snippets(inSavings)).toEqual([]);
        expect(labels(inSavings)).not.toContain('contract');
        const body = await complete(spec.replace('    uncertainty {', '    <|>\n    uncertainty {'));
        const offered = snippets(body);
        expect(offered).toEqual(expect.arrayContaining(['scenario', 'quality bonus section', 'projection over the term']));
        // The contract already has these sections.
        for (const present of ['population section', 'shared savings section', 'shared losses section', 'quality section', 'distribution section', 'uncertainty section', 'providers section']) {
            expect(offered).not.toContain(present);
        }
        expect(new Set(offered).size).toBe(offered.length);
        expect(labels(body)).not.toContain('population');
    });

    test('blocks inside their sections: a provider in providers, a measure in quality', async () => {
        expect(snippets(await complete(spec.replace('    providers {', '    providers {\n        <|>')))).toEqual(['provider']);
        expect(snippets(await complete(spec.replace('        standard 40%', '        standard 40%\n        <|>')))).toEqual(['quality measure']);
    });
});

describe('values where a figure is expected', () => {
    test('a benchmark amount per member per month, in the contract\'s currency, and the units after an amount', async () => {
        const amount = await complete(spec.replace('benchmark $1,050.00 per member per month', 'benchmark <|>'));
        const value = amount.find(i => i.label === '$1,000.00 per member per month')!;
        expect(value.kind).toBe(CompletionItemKind.Value);
        expect(value.insertTextFormat).toBe(InsertTextFormat.Snippet);
        expect(labels(amount)).toContain('85% of premium');
        const pounds = await complete(spec.replace('currency USD', 'currency GBP').replace('benchmark $1,050.00 per member per month', 'benchmark <|>'));
        expect(labels(pounds)).toContain('£1,000.00 per member per month');
        const units = await complete(spec.replace('benchmark $1,050.00 per member per month', 'benchmark $1,050.00 <|>'));
        expect(labels(units)).toEqual(expect.arrayContaining(['per member per month', 'per member per year', 'total']));
    });

    test('a percent after `sharing rate`, with the MSSP loss form too', async () => {
        const items = labels(await complete(spec.replace('sharing rate 75%', 'sharing rate <|>')));
        expect(items).toEqual(expect.arrayContaining(['50%', '1 - final sharing rate between 40% and 75%']));
    });

    test('IDs with their names after `paid to` and `result`', async () => {
        const providers = await complete(spec.replace('paid to RPC', 'paid to <|>'));
        expect(providers.find(i => i.label === 'RPC')?.detail).toBe('Riverside Primary Care');
        const measures = await complete(spec.replace('result HBA1C 16.2%', 'result <|>'));
        expect(measures.find(i => i.label === 'BCS')?.detail).toBe('Breast cancer screening');
    });
});

describe('keywords and the automatic list', () => {
    test('keywords carry what their term means, from the hover table', async () => {
        const items = await complete(spec.replace('        sequestration 2%', '        sequestration 2%\n        <|>'));
        const cap = items.find(i => i.label === 'cap' && i.kind === CompletionItemKind.Keyword)!;
        expect(cap.documentation).toMatch(/^The most that can be paid \(or owed\)/);
    });

    test('a space pops the list up after `paid to ` and `result `, and not after other words', async () => {
        expect(labels(await complete(spec.replace('paid to RPC', 'paid to <|>'), true))).toEqual(['RPC', 'LFM', 'SMH']);
        expect(labels(await complete(spec.replace('result HBA1C 16.2%', 'result <|>'), true))).toEqual(expect.arrayContaining(['HBA1C', 'BCS']));
        expect(await complete(spec.replace('sharing rate 75%', 'sharing <|>'), true)).toEqual([]);
    });

    test('the server announces the space as a trigger character', () => {
        expect(aco.lsp.CompletionProvider!.completionOptions?.triggerCharacters).toContain(' ');
    });
});
