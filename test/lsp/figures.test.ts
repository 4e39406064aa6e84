/**
 * The editor's figures are tied to the scenario they are for: the one a line is in, else the
 * driving scenario (the cursor's, the status bar's pick, the setting, the first that settles);
 * each names its scenario; one figure per line; the last valid figures stay, marked stale, while
 * the contract has errors.
 */
import * as fs from 'node:fs';
import type { LangiumDocument } from 'langium';
import { describe, expect, test } from 'vitest';
import type { InlayHint } from 'vscode-languageserver';
import { STALE_HINT } from '../../language/lsp/inlay-hints.js';
import { aco, openDocument as open, services } from '../helpers.js';

const spec = fs.readFileSync(new URL('../data/spec-contract.aco', import.meta.url), 'utf-8');
const reach = fs.readFileSync(new URL('../../examples/reach-global-2024.aco', import.meta.url), 'utf-8');
const agreement = fs.readFileSync(new URL('../../examples/mssp-enhanced-agreement-2025.aco', import.meta.url), 'utf-8');
const commercial = fs.readFileSync(new URL('../../examples/commercial-aqc.aco', import.meta.url), 'utf-8');
const fullRange = { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } };

/** The spec contract with a second scenario, a loss year, that expects RPC to bear part of the loss. */
const twoYears = spec.replace('    uncertainty {', `    scenario "Loss year" {
        expenditure $1,100.00 per member per month
        quality score 80%
        expect provider RPC receives -$1.00
    }

    uncertainty {`);


async function hints(document: LangiumDocument): Promise<InlayHint[]> {
    return await aco.lsp.InlayHintProvider!.getInlayHints(document, { textDocument: { uri: document.uri.toString() }, range: fullRange }) ?? [];
}

function lineOf(text: string, needle: string, from = 0): number {
    return text.split('\n').findIndex((l, i) => i >= from && l.includes(needle));
}

/** The hints on the 0-based line of the first `needle` (after line `from`), as "label | tooltip". */
async function hintOn(document: LangiumDocument, needle: string, from = 0): Promise<string[]> {
    const text = document.textDocument.getText();
    const line = lineOf(text, needle, from);
    return (await hints(document)).filter(h => h.position.line === line).map(h => `${String(h.label)} | ${String(h.tooltip)}`);
}

async function hover(document: LangiumDocument, needle: string, offset = 0, from = 0): Promise<string> {
    const text = document.textDocument.getText();
    const start = text.split('\n').slice(0, from).join('\n').length;
    const index = text.indexOf(needle, start) + offset;
    const result = await aco.lsp.HoverProvider!.getHoverContent(document, { textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(index) });
    return (result?.contents as { value: string } | undefined)?.value ?? '';
}

describe('figures follow the scenario they are for', () => {
    test('the first line names the driving scenario; every figure outside scenarios names it in its tooltip', async () => {
        const document = await open(twoYears);
        expect(await hintOn(document, 'contract "')).toEqual([expect.stringMatching(/^figures: scenario "Expected year" \| .*the first scenario that settles/)]);
        expect(await hintOn(document, 'sharing rate 75%')).toEqual([expect.stringMatching(/^≈ \$2\.18M \| .*\(scenario "Expected year"\)$/)]);
    });

    test('a provider on an `expect provider … receives` line in "Loss year" shows the Loss year amount', async () => {
        const document = await open(twoYears);
        const loss = aco.analysis.ContractAnalyzer.analyze(document)!.settlement(1)!;
        const share = loss.distribution!.providers.find(p => p.provider === 'RPC')!.amount;
        const text = await hover(document, 'expect provider RPC receives -$1.00', 'expect provider R'.length);
        const shown = `-$${share.abs().toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
        expect(text).toContain(`Receives **${shown}** under scenario \`Loss year\``);
        expect(text).not.toContain('$794,524.35');
        // The failing expectation says so beside the line, with the difference.
        const [hint] = await hintOn(document, 'expect provider RPC receives -$1.00');
        expect(hint).toMatch(/^✗ −\$[\d,.]+ \| Fails: the settlement gives -\$[\d,.]+, \$[\d,.]+ less than the expected -\$1\.00\.$/);
    });

    test('the status bar pick drives the figures outside scenarios; a wrong-case setting still finds its scenario', async () => {
        const document = await open(twoYears);
        const uri = document.uri.toString();
        aco.editor.EditorFocus.pick(uri, 'Loss year');
        try {
            expect(await hintOn(document, 'contract "')).toEqual([expect.stringMatching(/^figures: scenario "Loss year" \| .*picked in the status bar/)]);
            expect((await hintOn(document, 'provider RPC'))[0]).toMatch(/^≈ -\$[\d.]+[KM] \| RPC's share of the distribution: -\$[\d,.]+\. \(scenario "Loss year"\)$/);
        } finally {
            aco.editor.EditorFocus.pick(uri, undefined);
        }
        const configuration = services.shared.workspace.ConfigurationProvider;
        configuration.updateConfiguration({ settings: { aco: { inlayHints: { enabled: true, scenario: 'loss YEAR' } } } });
        try {
            expect(await hintOn(document, 'contract "')).toEqual([expect.stringMatching(/^figures: scenario "Loss year" \| .*named in aco\.inlayHints\.scenario/)]);
            configuration.updateConfiguration({ settings: { aco: { inlayHints: { enabled: true, scenario: 'No such year' } } } });
            expect(await hintOn(document, 'contract "')).toEqual([expect.stringMatching(/^figures: scenario "Expected year" \| .*There is no scenario "No such year", so the first that settles is used\./)]);
        } finally {
            configuration.updateConfiguration({ settings: { aco: { inlayHints: { enabled: true, scenario: '' } } } });
        }
    });

    test('with the cursor in a scenario, the figures outside it follow that scenario', async () => {
        const document = await open(twoYears);
        const uri = document.uri.toString();
        aco.editor.EditorFocus.moveCursor(uri, lineOf(twoYears, 'scenario "Loss year"') + 2);
        try {
            expect((await hintOn(document, 'contract "'))[0]).toMatch(/^figures: scenario "Loss year" \| .*the cursor is in/);
            expect(await hintOn(document, 'minimum loss rate 2%')).toEqual([expect.stringMatching(/^≈ \$3\.15M \| Losses are owed past \$3,150,000\.00/)]);
        } finally {
            aco.editor.EditorFocus.moveCursor(uri, undefined);
        }
    });

    test('inside a scenario: measure credits on `result` lines and pass or fail on `expect` lines', async () => {
        const document = await open(spec);
        expect((await hintOn(document, 'result BCS 71%'))[0]).toMatch(/^credit 60\.00% \| BCS result 71\.00%/);
        expect((await hintOn(document, 'expect earned $2,135,818.13'))[0]).toMatch(/^✓ met \| Met: the settlement gives \$2,135,818\.13/);
        const text = await hover(document, 'result BCS 71%', 2);
        expect(text).toMatch(/^The measure's result this year[\s\S]*\*\*BCS result 71\.00% [^*]*credit 60\.00%\.\*\*[\s\S]*Scenario `Expected year` earns \*\*\$2,135,818\.13\*\*\. \[Explain the full waterfall\]/);
        const expectation = await hover(document, 'expect earned', 2);
        expect(expectation).toContain('**Met: the settlement gives $2,135,818.13, as expected.**');
    });

    test('figures inside a projection year are that year\'s settlement', async () => {
        const document = await open(agreement);
        const analysis = aco.analysis.ContractAnalyzer.analyze(document)!;
        const year2 = analysis.projection(0)!.years[1].settlement;
        const from = lineOf(agreement, 'projection "Base case"');
        const [header] = await hintOn(document, 'year 2 {', from);
        expect(header).toMatch(/^(earned|owes) ≈ /);
        const text = await hover(document, 'year 2 {', 0, from);
        expect(text).toContain(`Projection \`Base case\`, year ${year2.year}`);
    });
});

describe('terms for a later year', () => {
    test('a line in a `year N { … }` block shows a settlement of year N, and says which', async () => {
        const text = spec.replace('    distribution {', `    year 2 {
        shared savings {
            sharing rate 60%
        }
    }

    distribution {`).replace('    uncertainty {', `    scenario "Year two" {
        year 2
        expenditure $1,018.50 per member per month
        quality score 80%
    }

    uncertainty {`);
        const document = await open(text);
        const from = lineOf(text, 'year 2 {');
        const [hint] = await hintOn(document, 'sharing rate 60%', from);
        expect(hint).toMatch(/^≈ \$[\d.]+M \| Final sharing rate 60\.00% [^|]*\(scenario "Year two"\)$/);
    });
});

describe('one figure per line, from the benchmark to each step after it', () => {
    test('REACH: the benchmark line shows the benchmark as written; discount and withhold show the benchmark after them', async () => {
        const document = await open(reach);
        expect(await hintOn(document, 'benchmark $1,185.60')).toEqual([expect.stringMatching(/^≈ \$353\.05M \| Benchmark as written: \$353,047,968\.00\. Savings are measured against \$341,429,159\.37/)]);
        expect((await hintOn(document, 'discount 3%'))[0]).toMatch(/^benchmark ≈ \$342\.46M \| Discount 3\.00% takes \$10,591,439\.04/);
        expect((await hintOn(document, 'quality withhold 2%'))[0]).toMatch(/^benchmark ≈ \$341\.43M \| Quality withhold 2\.00%/);
        expect((await hintOn(document, 'sequestration 2%'))[0]).toMatch(/^after ≈ \$14\.06M \| Sequestration 2\.00% takes/);
        const text = await hover(document, 'benchmark $1,185.60', 2);
        expect(text).toMatch(/\*\*Benchmark\*\*: \$353,047,968\.00 as written; savings are measured against \*\*\$341,429,159\.37\*\*/);
        expect(text).toMatch(/\| 1 \| benchmark \| \$353,047,968\.00 \|[\s\S]*\| 2 \| discount \| \$342,456,528\.96 \|[\s\S]*\| 3 \| quality withhold \| \$341,429,159\.37 \|/);
        expect(text).toContain('Under scenario `Expected year`');
    });

    test('caps, reserve, the quality standard and measure credits have their figures', async () => {
        const document = await open(spec);
        expect((await hintOn(document, 'cap 20% of benchmark'))[0]).toMatch(/^within cap ≈ \$2\.14M \| Cap 20\.00% of the benchmark is \$31,500,000\.00/);
        expect((await hintOn(document, 'reserve 25%'))[0]).toMatch(/^reserve ≈ \$533\.95K \|/);
        expect((await hintOn(document, 'standard 40%'))[0]).toMatch(/^score 61\.50%, met \|/);
        expect((await hintOn(document, 'measure HBA1C'))[0]).toMatch(/^credit 76\.00% \|/);
    });

    test('capitation lines show what they paid, the withhold what came back, the minimum savings rate its threshold', async () => {
        const document = await open(commercial);
        expect(await hintOn(document, 'primary care $38.75')).toEqual([expect.stringMatching(/^≈ \$[\d.]+[KM] \| Paid \$[\d,.]+ in the year; withheld \$[\d,.]+, returned \$[\d,.]+\. \(scenario "Year 1 expected"\)$/)]);
        expect(await hintOn(document, 'withhold 5% earned back')).toEqual([expect.stringMatching(/^returned ≈ \$[\d.]+[KM] of \$[\d.]+[KM] \| Withheld \$[\d,.]+ from capitation in the year; returned \$[\d,.]+\. \(scenario "Year 1 expected"\)$/)]);
        expect(await hintOn(document, 'minimum savings rate 1%')).toEqual([expect.stringMatching(/^≈ \$[\d.]+M \| Savings must reach \$[\d,.]+ \(1\.00% of the benchmark \$[\d,.]+\)\. /)]);
        // Lines with no money of their own (a provider's TIN, a measure's weight) have no figure.
        expect(await hintOn(document, 'tin "04-3318265"')).toEqual([]);
        expect(await hintOn(document, 'weight 20%')).toEqual([]);
    });

    test('the figures of a window of lines are the whole document\'s figures on those lines', async () => {
        for (const text of [spec, reach, commercial, agreement]) {
            const document = await open(text);
            const whole = await hints(document);
            const lines = text.split('\n').length;
            for (let top = 0; top < lines; top += 23) {
                const range = { start: { line: top, character: 0 }, end: { line: top + 30, character: 0 } };
                const window = await aco.lsp.InlayHintProvider!.getInlayHints(document, { textDocument: { uri: document.uri.toString() }, range }) ?? [];
                // The window ends at the start of line top + 30: that line's figures, after its first character, are outside it.
                expect(window).toEqual(whole.filter(h => h.position.line >= top && h.position.line < top + 30));
            }
        }
    });

    test('the `program` line lists every term the preset supplies, with its figure', async () => {
        const text = spec.replace('    currency USD', '    program MSSP ENHANCED year 2025\n    currency USD');
        const document = await open(text);
        const shown = await hover(document, 'program MSSP', 2);
        expect(shown).toMatch(/\*\*MSSP ENHANCED year 2025 supplies \d+ terms\*\* \(figures under scenario `Expected year`\)/);
        // The contract writes its own sharing rate and quality adjustment: their figures, and where.
        expect(shown).toMatch(/\| `sharing rate 75%` \| \$2,179,406\.25 \(line \d+ writes its own, which applies\) \|/);
        expect(shown).toMatch(/\| `quality adjustment gate` \| final sharing rate 46\.125% \(line \d+ writes its own, which applies\) \|/);
        expect(shown).toContain('| `alternative standard scaled` | applies |');
        expect(shown).toContain('Write out the terms');
    });
});

describe('while the contract has errors', () => {
    test('the last valid figures stay on unchanged lines, marked stale; the edited line has none', async () => {
        const uri = 'file:///stale-figures.aco';
        await open(spec, uri);
        const broken = await open(spec.replace('sharing rate 75%', 'sharing rate 175%'), uri);
        expect((broken.diagnostics ?? []).some(d => d.severity === 1)).toBe(true);
        const all = await hints(broken);
        expect(all.length).toBeGreaterThan(10);
        expect(all.every(h => h.data === STALE_HINT && String(h.tooltip).includes('as of the last valid version'))).toBe(true);
        expect(await hintOn(broken, 'contract "')).toEqual([expect.stringMatching(/^figures as of the last valid version: scenario "Expected year"/)]);
        expect(await hintOn(broken, 'sharing rate 175%')).toEqual([]);
        expect((await hintOn(broken, 'scenario "Expected year"'))[0]).toMatch(/^earned ≈ \$2\.14M/);
        const lenses = await aco.lsp.CodeLensProvider!.provideCodeLens(broken, { textDocument: { uri } }) ?? [];
        expect(lenses[0].command?.title).toBe('Earned $2,135,818.13 (as of the last valid version)');
        expect(await hover(broken, 'sequestration 2%', 2)).toMatch(/Sequestration 2\.00% takes[\s\S]*_Figures as of the last valid version: the contract has errors now\._/);
    });

    test('lines added above keep the stale figures on their lines', async () => {
        const uri = 'file:///stale-shifted.aco';
        await open(spec, uri);
        const broken = await open(spec.replace('    currency USD', '    // a note\n    // another\n    currency USD').replace('sharing rate 75%', 'sharing rate 175%'), uri);
        expect((await hintOn(broken, 'benchmark $1,050.00'))[0]).toMatch(/^≈ \$157\.5M \|/);
    });

    test('an error made inside one section (parsed alone) keeps the later sections\' stale figures on their lines', async () => {
        const uri = 'file:///stale-one-section.aco';
        const valid = await open(spec, uri);
        const fresh = (await hintOn(valid, 'sequestration 2%')).map(h => h.split(' | ')[0]);
        expect(fresh.length).toBe(1);
        // Two lines, one of them an error, inside the population section: the other sections move down.
        const broken = await open(spec.replace('        benchmark $1,050.00', '        // revised\n        trend 5000% per year\n        benchmark $1,050.00'), uri);
        expect((broken.diagnostics ?? []).some(d => d.severity === 1)).toBe(true);
        const stale = await hintOn(broken, 'sequestration 2%');
        expect(stale.map(h => h.split(' | ')[0])).toEqual(fresh);
        expect(stale[0]).toContain('as of the last valid version');
    });

    test('stale figures are those of the requested lines, as fresh ones are', async () => {
        const uri = 'file:///stale-window.aco';
        await open(spec, uri);
        // Two lines added above shift every line: the window is mapped onto the last valid text.
        const text = spec.replace('    currency USD', '    // a note\n    // another\n    currency USD').replace('sharing rate 75%', 'sharing rate 175%');
        const broken = await open(text, uri);
        const line = lineOf(text, 'benchmark $1,050.00');
        const range = { start: { line: line - 1, character: 0 }, end: { line: line + 1, character: 0 } };
        const shown = await aco.lsp.InlayHintProvider!.getInlayHints(broken, { textDocument: { uri }, range }) ?? [];
        expect(shown.map(h => String(h.label))).toEqual([expect.stringMatching(/^≈ \$157\.5M/)]);
        expect(shown[0].position.line).toBe(line);
        expect(shown[0].data).toBe(STALE_HINT);
    });
});
