/** The editor on whole agreements: the code lens on a projection shows the term total and net cash. */
import { describe, expect, test } from 'vitest';
import { aco, parse } from '../helpers.js';

const AGREEMENT = `contract "Two years" {
    term { start 2025-01-01 end 2026-12-31 }
    population { assigned beneficiaries 1,000 benchmark $1,000 per member per month }
    shared savings { sharing rate 50% }
    projection "Plan" {
        year 1 { savings 2% }
        year 2 { savings 3% }
    }
}
`;

describe('agreements in the editor', () => {
    test('the code lens above a projection gives the term total and the net cash', async () => {
        // B = 12,000,000; year 1: 240,000 × 50% = 120,000; year 2: 360,000 × 50% = 180,000: 300,000 over the term.
        const document = await parse(AGREEMENT);
        const lenses = await aco.lsp.CodeLensProvider!.provideCodeLens(document, { textDocument: { uri: document.uri.toString() } }) ?? [];
        const titles = lenses.map((lens) => lens.command?.title);
        expect(titles).toContain('Term total: earns $300,000.00 over 2 years · net cash $300,000.00');
        const lens = lenses.find((l) => l.command?.title.startsWith('Term total'));
        expect(lens?.range.start.line).toBe(AGREEMENT.split('\n').findIndex((line) => line.includes('projection "Plan"')));
    });

    test('a projection that cannot be settled says so instead of a figure', async () => {
        const document = await parse(AGREEMENT.replace('year 2 { savings 3% }', 'year 2 { }'));
        const lenses = await aco.lsp.CodeLensProvider!.provideCodeLens(document, { textDocument: { uri: document.uri.toString() } }) ?? [];
        expect(lenses.some((l) => l.command?.title.startsWith('Term total'))).toBe(false);
    });
});
