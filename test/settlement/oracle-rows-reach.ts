/**
 * The published GPDC (2021–2022) and ACO REACH (2023) settlements
 * (test/data/reach-settlements-2021-2023.csv, see its README) as rows, and each row written as an
 * `.aco` contract under `program REACH global|professional year Y`.
 *
 * CMS publishes the final benchmark already net of the discount and the quality withhold (the
 * file cannot rebuild it from the unadjusted benchmark), so the contract states that benchmark
 * with `discount 0%` and `quality withhold 0% of benchmark`, adds the health equity benchmark
 * adjustment, and lets the preset supply the corridors and sequestration.
 */
import { fileURLToPath } from 'node:url';
import type { ReachOption } from '../../language/model/contract-model.js';
import { Dec } from '../../language/decimal.js';
import { moneyFromDollars, percentFromFraction, readCsvRecords } from './oracle-rows.js';

export interface ReachOracleRow {
    performanceYear: number;
    acoId: string;
    /** `Standard`, `New Entrant`, `High Needs`. */
    acoType: string;
    /** The CSV's `risk_arrangement`: `Global` → global, `Professional` → professional. */
    option: ReachOption;
    capitation: string;
    stopLoss: boolean;
    /** The discount CMS applied (a fraction): already inside `finalBenchmark`. */
    discount: string;
    unadjustedBenchmark: string;
    /** Dollars, exact text: net of the discount and the quality withhold, before HEBA. */
    finalBenchmark: string;
    /** The health equity benchmark adjustment in dollars, signed ('0' before 2023). */
    hebaTotal: string;
    /** `finalBenchmark + hebaTotal`: the benchmark the corridors are measured on. */
    corridorBasis: string;
    tcc: string;
    /** Total cost of care net of stop-loss: the expenditure. */
    tccNetOfStopLoss: string;
    grossSavings: string;
    /** Shared savings (+) or losses (−) before sequestration. */
    expectedShared: string;
    /** After 2% sequestration of positive savings: what the contract must earn. */
    expectedSharedAfterSeq: string;
    /** A fraction. */
    qualityScore: string;
    reproducible: boolean;
    note: string;
    /** 1-based line in the CSV (header is line 1). */
    csvLine: number;
}

const DEFAULT_REACH_CSV = fileURLToPath(new URL('../data/reach-settlements-2021-2023.csv', import.meta.url));

/** The README's tolerance for every REACH row: earned within $2 of `expected_shared_after_seq`. */
export const REACH_TOLERANCE = '2';

function reachOption(text: string): ReachOption {
    switch (text.trim()) {
        case 'Global':
            return 'global';
        case 'Professional':
            return 'professional';
        default:
            throw new Error(`unknown risk arrangement: ${text}`);
    }
}

export function readReachOracleRows(path: string = DEFAULT_REACH_CSV): ReachOracleRow[] {
    return readCsvRecords(path).map(({ field, csvLine }) => ({
        performanceYear: Number(field('performance_year')),
        acoId: field('aco_id'),
        acoType: field('aco_type'),
        option: reachOption(field('risk_arrangement')),
        capitation: field('capitation'),
        stopLoss: field('stop_loss') === 'Yes',
        discount: field('discount'),
        unadjustedBenchmark: field('unadj_benchmark'),
        finalBenchmark: field('final_benchmark'),
        hebaTotal: field('heba_total'),
        corridorBasis: field('corridor_basis'),
        tcc: field('tcc'),
        tccNetOfStopLoss: field('tcc_net_of_stop_loss'),
        grossSavings: field('gross_savings'),
        expectedShared: field('expected_shared'),
        expectedSharedAfterSeq: field('expected_shared_after_seq'),
        qualityScore: field('quality_score'),
        reproducible: field('reproducible') === '1',
        note: field('note'),
        csvLine
    }));
}

export interface ReachContractOptions {
    /** Write the HEBA line even when the adjustment is zero (`$0 total`). Default: only when non-zero. */
    writeZeroHeba?: boolean;
}

/** The row as `.aco` text: the REACH preset, the published benchmark and HEBA, one scenario with its `expect`. */
export function reachContractText(row: ReachOracleRow, options: ReachContractOptions = {}): string {
    const lines = [
        `contract "PY${row.performanceYear} ${row.acoId}" {`,
        `    program REACH ${row.option} year ${row.performanceYear}`,
        '    population {',
        `        benchmark ${moneyFromDollars(row.finalBenchmark)} total`,
        '        discount 0%'
    ];
    if (options.writeZeroHeba || !new Dec(row.hebaTotal).isZero()) {
        lines.push(`        health equity benchmark adjustment ${moneyFromDollars(row.hebaTotal)} total`);
    }
    lines.push(
        '    }',
        '    shared savings { quality withhold 0% of benchmark }',
        `    scenario "Performance year ${row.performanceYear}" {`,
        `        expenditure ${moneyFromDollars(row.tccNetOfStopLoss)} total`,
        `        quality score ${percentFromFraction(row.qualityScore)}`,
        `        expect earned ${moneyFromDollars(row.expectedSharedAfterSeq)} within ${moneyFromDollars(REACH_TOLERANCE)}`,
        '    }',
        '}',
        ''
    );
    return lines.join('\n');
}
