/**
 * Every published GPDC (2021–2022) and ACO REACH (2023) settlement in
 * test/data/reach-settlements-2021-2023.csv, settled as the contract `reachContractText(row)`
 * writes it: `program REACH global|professional year Y` (the preset's corridors and 2%
 * sequestration of positive savings), the published final benchmark with `discount 0%` and
 * `quality withhold 0% of benchmark` (CMS's figure is already net of both), the health equity
 * benchmark adjustment, and one scenario whose expenditure is the total cost of care net of
 * stop-loss. Earned must be `expected_shared_after_seq` within $2.
 */
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAcoServices } from '../../language/aco-module.js';
import { Dec } from '../../language/decimal.js';
import { presetProblem } from '../../language/settlement/index.js';
import { REACH_TOLERANCE, reachContractText, readReachOracleRows, type ReachOracleRow } from './oracle-rows-reach.js';

const { shared, Aco } = createAcoServices(EmptyFileSystem);
let documents: LangiumDocument[] = [];

const rows = readReachOracleRows();

let counter = 0;
async function buildText(text: string): Promise<LangiumDocument> {
    const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`memory:///oracles-reach/extra-${++counter}.aco`));
    shared.workspace.LangiumDocuments.addDocument(document);
    await shared.workspace.DocumentBuilder.build([document], { validation: true });
    return document;
}

function errors(document: LangiumDocument): string[] {
    return (document.diagnostics ?? []).filter(d => d.severity === 1).map(d => (typeof d.message === 'string' ? d.message : d.message.value));
}

beforeAll(async () => {
    documents = rows.map(row => shared.workspace.LangiumDocumentFactory.fromString(reachContractText(row), URI.parse(`memory:///oracles-reach/line-${row.csvLine}.aco`)));
    documents.forEach(document => shared.workspace.LangiumDocuments.addDocument(document));
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
}, 120_000);

function describeFailure(row: ReachOracleRow, index: number): string | undefined {
    const analysis = Aco.analysis.ContractAnalyzer.analyze(documents[index])!;
    const settlement = analysis.check(0);
    if (!settlement) {
        return `CSV line ${row.csvLine}: cannot be settled: ${analysis.unsettled.get(0)}`;
    }
    const [expectation] = settlement.expectations;
    if (expectation.passed) {
        return undefined;
    }
    return (
        `CSV line ${row.csvLine} PY${row.performanceYear} ${row.acoId} ${row.option}: earned ${settlement.earnedExact.toFixed(4)}, ` +
        `published ${row.expectedSharedAfterSeq} (before sequestration ${row.expectedShared}; B ${settlement.benchmark.toString()} vs corridor basis ${row.corridorBasis}, ` +
        `G ${settlement.grossSavings.toString()} vs ${row.grossSavings})`
    );
}

describe('GPDC and ACO REACH published settlements (oracle)', () => {
    it('reads all 284 rows, 2 of them marked not reproducible', () => {
        expect(rows).toHaveLength(284);
        expect(rows.filter((row) => !row.reproducible)).toHaveLength(2);
        expect(new Set(rows.map((row) => row.performanceYear))).toEqual(new Set([2021, 2022, 2023]));
    });

    it('has a supported preset for every row', () => {
        const problems = rows
            .map((row) => presetProblem({ program: 'REACH', option: row.option, year: row.performanceYear, line: 2 }))
            .filter((problem) => problem !== undefined);
        expect(problems).toEqual([]);
    });

    it('carries a consistent file: the corridor basis is the benchmark plus HEBA, and HEBA starts in 2023', () => {
        const inconsistent = rows.filter((row) => !new Dec(row.finalBenchmark).plus(row.hebaTotal).minus(row.corridorBasis).abs().lessThanOrEqualTo('0.01'));
        expect(inconsistent.map((row) => row.csvLine)).toEqual([]);
        expect(rows.filter((row) => row.performanceYear < 2023 && !new Dec(row.hebaTotal).isZero())).toEqual([]);
        expect(rows.filter((row) => row.performanceYear === 2023 && !new Dec(row.hebaTotal).isZero()).length).toBe(132);
    });

    it('writes every row as a contract that validates without errors', () => {
        const invalid = documents.flatMap((document, index) => errors(document).map(message => `CSV line ${rows[index].csvLine}: ${message}`));
        expect(invalid).toEqual([]);
    });

    it('reproduces every reproducible row within $2', () => {
        let checked = 0;
        const failures: string[] = [];
        rows.forEach((row, index) => {
            if (!row.reproducible) {
                return;
            }
            checked++;
            const failure = describeFailure(row, index);
            if (failure) {
                failures.push(failure);
            }
        });
        expect(checked).toBe(282);
        expect(failures).toEqual([]);
    });

    it('measures gross savings on the published corridor basis (the final benchmark plus HEBA)', () => {
        // Some rows give the benchmark and expenditure to 10 significant digits but gross savings
        // to the cent, so G agrees with the published figure within the README's $2, not exactly.
        const off: string[] = [];
        rows.forEach((row, index) => {
            const settlement = Aco.analysis.ContractAnalyzer.analyze(documents[index])!.check(0)!;
            if (!settlement.benchmark.equals(row.corridorBasis) || !settlement.grossSavings.equals(new Dec(row.corridorBasis).minus(row.tccNetOfStopLoss))
                || settlement.grossSavings.minus(row.grossSavings).abs().greaterThan(REACH_TOLERANCE)) {
                off.push(`CSV line ${row.csvLine}: B ${settlement.benchmark.toString()} vs ${row.corridorBasis}, G ${settlement.grossSavings.toString()} vs ${row.grossSavings}`);
            }
        });
        expect(off).toEqual([]);
    });

    it('takes 2% sequestration from positive shared savings only', () => {
        const off: string[] = [];
        rows.forEach((row, index) => {
            if (!row.reproducible) {
                return;
            }
            const settlement = Aco.analysis.ContractAnalyzer.analyze(documents[index])!.check(0)!;
            const beforeSequestration = new Dec(row.expectedShared);
            const expected = beforeSequestration.greaterThan(0) ? beforeSequestration.times('0.98') : beforeSequestration;
            if (settlement.earnedExact.minus(expected).abs().greaterThan(REACH_TOLERANCE)) {
                off.push(`CSV line ${row.csvLine}: ${settlement.earnedExact.toString()} vs ${expected.toString()}`);
            }
        });
        expect(off).toEqual([]);
    });

    it('reproduces the corridor step of the two rows marked not reproducible (CMS later paid them 0)', () => {
        // Their note: the published figure after sequestration is 0 although the corridor step
        // gives a positive amount. The contract earns that amount after 2% sequestration.
        rows.forEach((row, index) => {
            if (row.reproducible) {
                return;
            }
            const settlement = Aco.analysis.ContractAnalyzer.analyze(documents[index])!.check(0)!;
            expect(new Dec(row.expectedSharedAfterSeq).isZero()).toBe(true);
            expect(settlement.earnedExact.minus(new Dec(row.expectedShared).times('0.98')).abs().lessThanOrEqualTo(2)).toBe(true);
        });
    });
});

describe('REACH oracle rows as contract text', () => {
    it('writes a GPDC row with the published benchmark, no discount or withhold, and no HEBA line', () => {
        const row = rows.find((candidate) => candidate.acoId === 'D0004' && candidate.performanceYear === 2021)!;
        expect(reachContractText(row)).toBe(
            [
                'contract "PY2021 D0004" {',
                '    program REACH global year 2021',
                '    population {',
                `        benchmark $${row.finalBenchmark} total`,
                '        discount 0%',
                '    }',
                '    shared savings { quality withhold 0% of benchmark }',
                '    scenario "Performance year 2021" {',
                `        expenditure $${row.tccNetOfStopLoss} total`,
                '        quality score 100%',
                `        expect earned $${row.expectedSharedAfterSeq} within $2`,
                '    }',
                '}',
                ''
            ].join('\n')
        );
    });

    it('writes a negative HEBA with the sign before the currency symbol', () => {
        const row = rows.find((candidate) => candidate.reproducible && candidate.hebaTotal.startsWith('-'))!;
        const text = reachContractText(row);
        expect(text).toContain(`        health equity benchmark adjustment -$${row.hebaTotal.slice(1)} total\n`);
        expect(text).toContain(`    program REACH ${row.option} year 2023\n`);
        const index = rows.indexOf(row);
        expect(errors(documents[index])).toEqual([]);
        expect(describeFailure(row, index)).toBeUndefined();
    });

    it('writes a positive HEBA and the professional option', () => {
        const positive = rows.find((candidate) => new Dec(candidate.hebaTotal).greaterThan(0))!;
        expect(reachContractText(positive)).toContain(`        health equity benchmark adjustment $${positive.hebaTotal} total\n`);
        const professional = rows.find((candidate) => candidate.option === 'professional')!;
        expect(reachContractText(professional)).toContain(`    program REACH professional year ${professional.performanceYear}\n`);
    });

    it('settles the same with an explicit `$0 total` HEBA line', async () => {
        const row = rows.find((candidate) => candidate.reproducible && new Dec(candidate.hebaTotal).isZero() && new Dec(candidate.expectedSharedAfterSeq).greaterThan(0))!;
        const text = reachContractText(row, { writeZeroHeba: true });
        expect(text).toContain('        health equity benchmark adjustment $0 total\n');
        const document = await buildText(text);
        expect(errors(document)).toEqual([]);
        const settlement = Aco.analysis.ContractAnalyzer.analyze(document)!.check(0)!;
        expect(settlement.expectations[0].passed).toBe(true);
        expect(settlement.benchmark.equals(row.finalBenchmark)).toBe(true);
    });

    it('writes a loss as a negative expectation', () => {
        const row = rows.find((candidate) => candidate.expectedSharedAfterSeq.startsWith('-'))!;
        expect(reachContractText(row)).toContain(`        expect earned -$${row.expectedSharedAfterSeq.slice(1)} within $2\n`);
    });
});
