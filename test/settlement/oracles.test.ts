/**
 * Every published MSSP settlement in test/data/mssp-settlements.csv, settled as the contract
 * `oracleContractText(row)` writes it would be: `program MSSP <track> year <Y>` (the preset), the
 * row's benchmark and expenditure totals, its minimum savings rate where the contract must state
 * it, its quality score and verdict, the disaster adjustment and the forgiven share.
 */
import { describe, expect, it } from 'vitest';
import { Dec } from '../../language/decimal.js';
import type { ContractModel, MinimumRate, ProgramPreset, ScenarioTerms } from '../../language/model/contract-model.js';
import { msspTrackIsTwoSided, presetProblem, settle } from '../../language/settlement/index.js';
import { oracleContractText, oracleMinimumRate, percentFromFraction, readOracleRows, type OracleRow } from './oracle-rows.js';
import { withPreset } from './preset-merge.js';

/** The model the row's contract text means (lines as `oracleContractText` lays them out). */
function oracleModel(row: OracleRow): ContractModel {
    const program: ProgramPreset = { program: 'MSSP', track: row.track, year: row.performanceYear, line: 2 };
    const minimum = oracleMinimumRate(row);
    const stated = (line: number): MinimumRate | undefined =>
        minimum.kind === 'fixed'
            ? { kind: 'fixed', rate: new Dec(minimum.fraction), line }
            : minimum.kind === 'variable'
              ? { kind: 'variable', line }
              : undefined;
    const twoSided = msspTrackIsTwoSided(row.track);
    const model = withPreset(program, {
        name: `PY${row.performanceYear} ${row.acoId}`,
        population: {
            beneficiaries: new Dec(row.assignedBeneficiaries),
            beneficiariesLine: 4,
            benchmark: { amount: new Dec(row.benchmarkTotal), basis: 'total', line: 5 }
        },
        savings: stated(7) ? { minimumRate: stated(7) } : {},
        writtenLosses: twoSided && stated(8) ? { minimumRate: stated(8), line: 8 } : undefined
    });
    const scenarioLine = minimum.kind === 'preset' ? 7 : twoSided ? 9 : 8;
    const scenario: ScenarioTerms = {
        name: `Performance year ${row.performanceYear}`,
        line: scenarioLine,
        expenditure: { kind: 'total', amount: new Dec(row.expenditureTotal), line: scenarioLine + 1 },
        results: new Map(),
        qualityScore: { rate: new Dec(row.qualityScore), line: scenarioLine + 2 },
        standardVerdict: { met: row.metQualityStandard, line: scenarioLine + 3 },
        expectations: [
            { kind: 'earned', amount: new Dec(row.expectedEarned), tolerance: new Dec(row.tolerance), line: scenarioLine + 4 }
        ]
    };
    if (!new Dec(row.disasterAdjustment).isZero()) {
        scenario.lossesReducedBy = { amount: new Dec(row.disasterAdjustment).abs(), line: scenarioLine + 4 };
    }
    if (!new Dec(row.lossesForgivenShare).isZero()) {
        scenario.lossesForgiven = { rate: new Dec(row.lossesForgivenShare), line: scenarioLine + 4 };
    }
    model.scenarios = [scenario];
    return model;
}

const rows = readOracleRows();

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

    it('reproduces every reproducible row within its tolerance', () => {
        const failures: string[] = [];
        let checked = 0;
        for (const row of rows.filter((candidate) => candidate.reproducible)) {
            const model = oracleModel(row);
            const settlement = settle(model, model.scenarios[0]);
            const [expectation] = settlement.expectations;
            checked++;
            if (!expectation.passed) {
                failures.push(
                    `CSV line ${row.csvLine} PY${row.performanceYear} ${row.acoId} track ${row.track}: earned ${settlement.earnedExact.toFixed(2)}, ` +
                        `published ${row.expectedEarned} ± ${row.tolerance} (r ${settlement.savingsRate.toFixed(6)}, ` +
                        `MSR ${settlement.minimumRate?.toString() ?? '–'}, Q ${row.qualityScore}, met ${row.metQualityStandard})`
                );
            }
        }
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
