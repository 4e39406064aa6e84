/**
 * Every published MSSP settlement in test/data/mssp-settlements.csv, settled as the contract
 * `oracleContractText(row)` writes it would be: `program MSSP <track> year <Y>` (the preset), the
 * row's benchmark and expenditure totals, its minimum savings rate where the contract must state
 * it, its quality score and verdict, the disaster adjustment and the forgiven share.
 */
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAcoServices } from '../../language/aco-module.js';
import { msspTrackIsTwoSided, presetProblem } from '../../language/settlement/index.js';
import { oracleContractText, oracleMinimumRate, percentFromFraction, readOracleRows } from './oracle-rows.js';

/**
 * The rows go through the whole language, as a contract author's file would: parser, linker,
 * validator, model builder (which applies the `program` preset) and the settlement engine.
 */
const { shared, Aco } = createAcoServices(EmptyFileSystem);
let documents: LangiumDocument[] = [];

const rows = readOracleRows();

beforeAll(async () => {
    documents = rows.map(row => shared.workspace.LangiumDocumentFactory.fromString(oracleContractText(row), URI.parse(`memory:///oracles/line-${row.csvLine}.aco`)));
    documents.forEach(document => shared.workspace.LangiumDocuments.addDocument(document));
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
}, 120_000);

describe('MSSP published settlements (oracle)', () => {
    it('reads all 3,765 rows, 3 of them marked not reproducible', () => {
        expect(rows).toHaveLength(3765);
        expect(rows.filter((row) => !row.reproducible)).toHaveLength(3);
    });

    it('has a supported preset for every row', () => {
        const problems = rows
            .map((row) => presetProblem({ program: 'MSSP', track: row.track, year: row.performanceYear, line: 2 }))
            .filter((problem) => problem !== undefined);
        expect(problems).toEqual([]);
    });

    it('writes every row as a contract that validates without errors', () => {
        const invalid = documents.flatMap((document, index) => (document.diagnostics ?? [])
            .filter(d => d.severity === 1)
            .map(d => `CSV line ${rows[index].csvLine}: ${d.message}`));
        expect(invalid).toEqual([]);
    });

    it('reproduces every reproducible row within its tolerance', () => {
        const failures: string[] = [];
        let checked = 0;
        rows.forEach((row, index) => {
            if (!row.reproducible) {
                return;
            }
            const analysis = Aco.analysis.ContractAnalyzer.analyze(documents[index])!;
            const settlement = analysis.check(0);
            checked++;
            if (!settlement) {
                failures.push(`CSV line ${row.csvLine}: cannot be settled: ${analysis.unsettled.get(0)}`);
                return;
            }
            const [expectation] = settlement.expectations;
            if (!expectation.passed) {
                failures.push(
                    `CSV line ${row.csvLine} PY${row.performanceYear} ${row.acoId} track ${row.track}: earned ${settlement.earnedExact.toFixed(2)}, ` +
                        `published ${row.expectedEarned} ± ${row.tolerance} (r ${settlement.savingsRate.toFixed(6)}, ` +
                        `MSR ${settlement.minimumRate?.toString() ?? '–'}, Q ${row.qualityScore}, met ${row.metQualityStandard})`
                );
            }
        });
        expect(checked).toBe(3762);
        expect(failures).toEqual([]);
    });

    it('uses the variable table where the published rate is the table, and states it elsewhere', () => {
        const kinds = new Map<string, number>();
        for (const row of rows) {
            const kind = oracleMinimumRate(row).kind;
            kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
        }
        expect(kinds.get('preset')).toBeGreaterThan(2500);
        expect(kinds.get('variable')).toBeGreaterThan(50);
        expect(kinds.get('fixed')).toBeGreaterThan(500);
    });
});

describe('oracle rows as contract text', () => {
    it('moves the decimal point for percents, without arithmetic', () => {
        expect(percentFromFraction('0.02972454491')).toBe('2.972454491%');
        expect(percentFromFraction('1')).toBe('100%');
        expect(percentFromFraction('0')).toBe('0%');
        expect(percentFromFraction('0.005')).toBe('0.5%');
        expect(percentFromFraction('0.9644')).toBe('96.44%');
        expect(percentFromFraction('0.02')).toBe('2%');
        expect(percentFromFraction('-0.015')).toBe('-1.5%');
    });

    it('writes a one-sided row on the table with the preset alone', () => {
        const row = rows.find((candidate) => candidate.acoId === 'A00934' && candidate.performanceYear === 2013)!;
        expect(oracleContractText(row)).toBe(
            [
                'contract "PY2013 A00934" {',
                '    program MSSP track 1 year 2013',
                '    population {',
                '        assigned beneficiaries 12369',
                '        benchmark $107675573.8 total',
                '    }',
                '    scenario "Performance year 2013" {',
                '        expenditure $100247479.8 total',
                '        quality score 100%',
                '        quality standard met',
                '        expect earned $3639766.07 within $1',
                '    }',
                '}',
                ''
            ].join('\n')
        );
    });

    it('states the elected rate of a two-sided row for savings and losses, with losses reduced and forgiven', () => {
        const row = rows.find((candidate) => candidate.reproducible && msspTrackIsTwoSided(candidate.track) && candidate.disasterAdjustment !== '0')!;
        const text = oracleContractText(row);
        expect(text).toMatch(/shared savings \{ minimum savings rate (variable|[\d.]+%) \}/);
        expect(text).toMatch(/shared losses \{ minimum loss rate (variable|[\d.]+%) \}/);
        expect(text).toContain(`losses reduced by $${row.disasterAdjustment.replace('-', '')}`);
        expect(text).toMatch(/expect earned -?\$[\d.]+ within \$[\d.]+/);
        const forgiven = rows.find((candidate) => candidate.lossesForgivenShare === '1' && msspTrackIsTwoSided(candidate.track))!;
        expect(oracleContractText(forgiven)).toContain('losses forgiven 100%');
        const negative = rows.find((candidate) => candidate.expectedEarned.startsWith('-'))!;
        expect(oracleContractText(negative)).toContain(`expect earned -$${negative.expectedEarned.slice(1)} within`);
    });

    it('writes BASIC and ENHANCED tracks by name', () => {
        const basic = rows.find((candidate) => candidate.track === 'BASIC C')!;
        expect(oracleContractText(basic)).toContain(`program MSSP BASIC C year ${basic.performanceYear}`);
        const enhanced = rows.find((candidate) => candidate.track === 'ENHANCED')!;
        expect(oracleContractText(enhanced)).toContain(`program MSSP ENHANCED year ${enhanced.performanceYear}`);
        const plus = rows.find((candidate) => candidate.track === '1+')!;
        expect(oracleContractText(plus)).toContain(`program MSSP track 1+ year ${plus.performanceYear}`);
    });
});
