/**
 * Every published MSSP settlement of performance years 2022–2024 in
 * test/data/mssp-settlements-2022-2024.csv, settled as the contract `oracleContractText2022(row)`
 * writes it: as for 2013–2021 (oracles.test.ts), plus the agreement's term, the revenue category,
 * and in the scenario the alternative standard's verdict and the guardrail. The presets supply
 * the rest: the alternative standard's sliding scale from 2023, the half rate below the MSR for
 * low-revenue BASIC ACOs in agreements from 2024, 2% sequestration.
 */
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAcoServices } from '../../language/aco-module.js';
import { Dec } from '../../language/decimal.js';
import { presetProblem } from '../../language/settlement/index.js';
import { agreementEnd, isoFromUsDate, oracleContractText2022, oracleExtras2022, readOracleRows2022, type OracleRow2022 } from './oracle-rows-2022.js';
import { oracleContractText, percentFromFraction, type OracleContractExtras } from './oracle-rows.js';

const { shared, Aco } = createAcoServices(EmptyFileSystem);
let documents: LangiumDocument[] = [];

const rows = readOracleRows2022();

let variant = 0;

/** Whether the row, written with `change` applied to its extra lines, still reproduces the published figure. */
async function reproducesWith(row: OracleRow2022, change: (extras: OracleContractExtras) => OracleContractExtras): Promise<boolean> {
    const text = oracleContractText(row, change(oracleExtras2022(row)));
    const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`memory:///oracles-2022/variant-${++variant}.aco`));
    shared.workspace.LangiumDocuments.addDocument(document);
    await shared.workspace.DocumentBuilder.build([document], { validation: true });
    const settlement = Aco.analysis.ContractAnalyzer.analyze(document)!.check(0);
    return settlement?.expectations[0].passed ?? false;
}

beforeAll(async () => {
    documents = rows.map(row => shared.workspace.LangiumDocumentFactory.fromString(oracleContractText2022(row), URI.parse(`memory:///oracles-2022/line-${row.csvLine}.aco`)));
    documents.forEach(document => shared.workspace.LangiumDocuments.addDocument(document));
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
}, 120_000);

describe('MSSP published settlements 2022–2024 (oracle)', () => {
    it('reads all 1,411 rows, 4 of them marked not reproducible', () => {
        expect(rows).toHaveLength(1411);
        expect(rows.filter((row) => !row.reproducible)).toHaveLength(4);
        const years = new Set(rows.map((row) => row.performanceYear));
        expect([...years].sort()).toEqual([2022, 2023, 2024]);
    });

    it('holds the README\'s counts: 29 PY2024 rows on the alternative standard, 13 at the half rate, the guardrail', () => {
        const alternative = rows.filter((row) => row.altQualityStandardMet);
        expect(alternative).toHaveLength(29);
        expect(alternative.every((row) => row.performanceYear === 2024 && !row.metQualityStandard)).toBe(true);
        const half = rows.filter((row) => row.reducedHalfRate);
        expect(half).toHaveLength(13);
        expect(half.every((row) => row.performanceYear === 2024 && row.track.startsWith('BASIC') && row.revenueCategory === 'low')).toBe(true);
        expect(half.every((row) => row.agreementStart >= '2024-01-01' && Number(row.assignedBeneficiaries) >= 5000)).toBe(true);
        const guardrail = rows.filter((row) => row.acptGuardrail);
        expect(guardrail.length).toBeGreaterThan(0);
        expect(guardrail.every((row) => row.performanceYear === 2024)).toBe(true);
    });

    it('has a supported preset for every row', () => {
        const problems = rows
            .map((row) => presetProblem({ program: 'MSSP', track: row.track, year: row.performanceYear, line: 2 }))
            .filter((problem) => problem !== undefined);
        expect(problems).toEqual([]);
    });

    it('gives every row a term that covers its performance year', () => {
        const outside = rows
            .filter((row) => !(row.agreementStart <= `${row.performanceYear}-01-01` && row.agreementEnd >= `${row.performanceYear}-12-31`))
            .map((row) => `CSV line ${row.csvLine}: ${row.agreementStart} – ${row.agreementEnd} for PY${row.performanceYear}`);
        expect(outside).toEqual([]);
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
                    `CSV line ${row.csvLine} PY${row.performanceYear} ${row.acoId} ${row.track}: earned ${settlement.earnedExact.toFixed(2)}, ` +
                        `published ${row.expectedEarned} ± ${row.tolerance} (r ${settlement.savingsRate.toFixed(6)}, ` +
                        `MSR ${settlement.minimumRate?.toString() ?? '–'}, FSR ${settlement.finalSharingRate?.toString() ?? '–'}, ` +
                        `LSR ${settlement.lossSharingRate?.toString() ?? '–'} (published ${row.publishedLossRate || '–'}), Q ${row.qualityScore}, ` +
                        `met ${row.metQualityStandard}, alt ${row.altQualityStandardMet}, half ${row.reducedHalfRate}, guardrail ${row.acptGuardrail})`
                );
            }
        });
        expect(checked).toBe(1407);
        expect(failures).toEqual([]);
    });

    it('settles losses at the published loss sharing rate (published to 4 places)', () => {
        const compared: string[] = [];
        const off: string[] = [];
        rows.forEach((row, index) => {
            const settlement = Aco.analysis.ContractAnalyzer.analyze(documents[index])!.check(0);
            if (!row.reproducible || row.publishedLossRate === '' || settlement?.lossSharingRate === undefined) {
                return;
            }
            compared.push(row.acoId);
            if (settlement.lossSharingRate.minus(row.publishedLossRate).abs().greaterThan('0.0001')) {
                off.push(`CSV line ${row.csvLine} ${row.track} Q ${row.qualityScore}: ${settlement.lossSharingRate.toString()} vs published ${row.publishedLossRate}`);
            }
        });
        expect(compared.length).toBeGreaterThan(20);
        expect(off).toEqual([]);
    });

    it('shares at the published final sharing rate R × Q on the alternative standard', () => {
        const compared: string[] = [];
        const off: string[] = [];
        rows.forEach((row, index) => {
            const settlement = Aco.analysis.ContractAnalyzer.analyze(documents[index])!.check(0);
            if (!row.altQualityStandardMet || settlement?.finalSharingRate === undefined) {
                return;
            }
            compared.push(row.acoId);
            if (settlement.finalSharingRate.minus(row.publishedFinalSharingRate).abs().greaterThan('0.0001')) {
                off.push(`CSV line ${row.csvLine} ${row.track} Q ${row.qualityScore}: ${settlement.finalSharingRate.toString()} vs published ${row.publishedFinalSharingRate}`);
            }
        });
        expect(compared.length).toBeGreaterThan(10);
        expect(off).toEqual([]);
    });

    it('needs the alternative standard verdict for every alternative-standard row that shared savings', async () => {
        const sharing = rows.filter((row) => row.altQualityStandardMet && new Dec(row.expectedEarned).greaterThan(0));
        expect(sharing.length).toBeGreaterThan(10);
        for (const row of sharing) {
            expect(await reproducesWith(row, (extras) => extras), `CSV line ${row.csvLine}`).toBe(true);
            expect(await reproducesWith(row, (extras) => ({ ...extras, alternativeStandard: 'not met' })), `CSV line ${row.csvLine}`).toBe(false);
        }
    });

    it('needs the revenue category and the 2024 term start for every half-rate row', async () => {
        for (const row of rows.filter((candidate) => candidate.reducedHalfRate)) {
            expect(await reproducesWith(row, (extras) => ({ ...extras, revenueCategory: 'high' })), `CSV line ${row.csvLine}`).toBe(false);
            expect(await reproducesWith(row, (extras) => ({ ...extras, revenueCategory: undefined })), `CSV line ${row.csvLine}`).toBe(false);
            expect(await reproducesWith(row, (extras) => ({ ...extras, term: { start: '2022-01-01', end: '2026-12-31' } })), `CSV line ${row.csvLine}`).toBe(false);
            expect(await reproducesWith(row, (extras) => ({ ...extras, term: undefined })), `CSV line ${row.csvLine}`).toBe(false);
        }
    });

    it('needs `guardrail applies` for the guardrail rows with gross savings, and not for those with losses', async () => {
        const guardrail = rows.filter((candidate) => candidate.acptGuardrail);
        const withSavings = guardrail.filter((row) => new Dec(row.benchmarkTotal).greaterThan(row.expenditureTotal));
        expect(withSavings.length).toBeGreaterThan(0);
        expect(withSavings.length).toBeLessThan(guardrail.length);
        for (const row of guardrail) {
            const needed = withSavings.includes(row);
            expect(await reproducesWith(row, (extras) => ({ ...extras, guardrail: false })), `CSV line ${row.csvLine}`).toBe(!needed);
        }
    });

    it('does not reproduce the rows marked not reproducible, for the reason the note gives', () => {
        // The notes say why: a mid-year termination paid nothing, and a revenue-based loss cap
        // (the participant revenue is not in the file) binds below the benchmark cap.
        const marked = rows.filter((row) => !row.reproducible);
        expect(marked.every((row) => /mid-year termination|revenue-based loss cap/.test(row.note))).toBe(true);
        const reproducedAnyway = marked.filter((row) => {
            const settlement = Aco.analysis.ContractAnalyzer.analyze(documents[rows.indexOf(row)])!.check(0);
            return settlement?.expectations[0].passed;
        });
        expect(reproducedAnyway.map((row) => `CSV line ${row.csvLine}`)).toEqual([]);
    });
});

describe('2022–2024 oracle rows as contract text', () => {
    it('reads US dates and ends a five-year agreement the day before its fifth anniversary', () => {
        expect(isoFromUsDate('07/01/2019')).toBe('2019-07-01');
        expect(isoFromUsDate('1/1/2024')).toBe('2024-01-01');
        expect(agreementEnd('2022-01-01')).toBe('2026-12-31');
        expect(agreementEnd('2024-01-01')).toBe('2028-12-31');
        // The July 2019 start ran five and a half years, to the end of 2024.
        expect(agreementEnd('2019-07-01')).toBe('2024-12-31');
    });

    it('keeps the quality score\'s exact text', () => {
        const row = rows.find((candidate) => candidate.qualityScore === '0.7915000000000001')!;
        expect(oracleContractText2022(row)).toContain('        quality score 79.15000000000001%\n');
    });

    it('writes a row with its term and revenue category', () => {
        const row = rows.find((candidate) => candidate.acoId === 'A1001' && candidate.performanceYear === 2022)!;
        expect(oracleContractText2022(row)).toBe(
            [
                'contract "PY2022 A1001" {',
                '    program MSSP ENHANCED year 2022',
                '    term {',
                '        start 2019-07-01',
                '        end 2024-12-31',
                '    }',
                '    population {',
                `        assigned beneficiaries ${row.assignedBeneficiaries}`,
                `        benchmark $${row.benchmarkTotal} total`,
                '        revenue category low',
                '    }',
                '    shared savings { minimum savings rate variable }',
                '    shared losses { minimum loss rate variable }',
                '    scenario "Performance year 2022" {',
                `        expenditure $${row.expenditureTotal} total`,
                `        quality score ${percentFromFraction(row.qualityScore)}`,
                '        quality standard met',
                '        losses forgiven 100%',
                `        expect earned $${row.expectedEarned} within $${row.tolerance}`,
                '    }',
                '}',
                ''
            ].join('\n')
        );
    });

    it('writes `alternative standard met` where the standard was missed and the alternative met', () => {
        const row = rows.find((candidate) => candidate.altQualityStandardMet)!;
        const text = oracleContractText2022(row);
        expect(text).toContain('        quality standard not met\n        alternative standard met\n');
        const met = rows.find((candidate) => candidate.metQualityStandard && candidate.performanceYear === 2024)!;
        expect(oracleContractText2022(met)).not.toContain('alternative standard');
    });

    it('writes a half-rate row with the facts the preset needs, and no half-rate line of its own', () => {
        const row = rows.find((candidate) => candidate.reducedHalfRate)!;
        const text = oracleContractText2022(row);
        expect(text).toContain('        revenue category low\n');
        expect(text).toContain(`        start ${row.agreementStart}\n`);
        expect(row.agreementStart >= '2024-01-01').toBe(true);
        expect(text).not.toContain('below minimum savings rate');
        expect(new Dec(row.expectedEarned).greaterThan(0)).toBe(true);
        expect(new Dec(row.benchmarkTotal).minus(row.expenditureTotal).dividedBy(row.benchmarkTotal).lessThan(row.minimumSavingsRate)).toBe(true);
    });

    it('writes `guardrail applies` where the guardrail is flagged', () => {
        const row = rows.find((candidate) => candidate.acptGuardrail)!;
        expect(oracleContractText2022(row)).toContain('        guardrail applies\n');
        expect(rows.filter((candidate) => !candidate.acptGuardrail).some((candidate) => oracleContractText2022(candidate).includes('guardrail'))).toBe(false);
    });

    it('writes `revenue category high` for a high-revenue row', () => {
        const row = rows.find((candidate) => candidate.revenueCategory === 'high')!;
        expect(oracleContractText2022(row)).toContain('        revenue category high\n');
    });
});
