/**
 * The published MSSP settlements for performance years 2022–2024
 * (test/data/mssp-settlements-2022-2024.csv, see its README) as rows, and each row written as an
 * `.aco` contract. The layout is that of mssp-settlements.csv plus the columns of the later
 * rules: the alternative quality standard, the half rate below the minimum savings rate, the
 * ACPT guardrail, the revenue category and the agreement's start, which the contract carries as
 * its term (the half rate depends on it).
 *
 * The CSV parsing and the contract writer are shared with oracle-rows.ts, so a 2022–2024 row is
 * written exactly as an earlier one, with these lines added.
 */
import { fileURLToPath } from 'node:url';
import { oracleContractText, oracleRowFromRecord, readCsvRecords, type OracleContractExtras, type OracleRow } from './oracle-rows.js';

export interface OracleRow2022 extends OracleRow {
    /** The standard was missed but the alternative standard met (PY2024): the sliding scale. */
    altQualityStandardMet: boolean;
    /** CMS shared savings below the MSR at half the rate (a low-revenue BASIC ACO, PY2024). */
    reducedHalfRate: boolean;
    /** The ACPT guardrail applied (PY2024): nothing shared on savings. */
    acptGuardrail: boolean;
    /** CMS's loss sharing rate as published (a fraction), or '' where none is given. */
    publishedLossRate: string;
    revenueCategory: 'low' | 'high';
    /** The agreement's start as the CSV writes it (`07/01/2019`, `1/1/2024`). */
    agreementStartText: string;
    /** ISO dates of the agreement period, as the contract's term states them. */
    agreementStart: string;
    agreementEnd: string;
}

const DEFAULT_CSV_2022 = fileURLToPath(new URL('../data/mssp-settlements-2022-2024.csv', import.meta.url));

/** `07/01/2019` or `7/1/2019` (month/day/year) → `2019-07-01`. */
export function isoFromUsDate(text: string): string {
    const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
    if (!match) {
        throw new Error(`not a MM/DD/YYYY date: ${text}`);
    }
    const [, month, day, year] = match;
    return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/**
 * The end of an MSSP agreement period that starts on `start` (ISO): five years, the last day
 * before the fifth anniversary; an agreement starting mid-year (the 1 July 2019 start of the
 * BASIC and ENHANCED tracks) ran to the end of the calendar year, five and a half years.
 */
export function agreementEnd(start: string): string {
    const [year, month, day] = start.split('-').map(Number);
    if (month !== 1 || day !== 1) {
        return `${year + 5}-12-31`;
    }
    const end = new Date(Date.UTC(year + 5, month - 1, day) - 24 * 60 * 60 * 1000);
    return end.toISOString().slice(0, 10);
}

function revenueCategory(text: string): 'low' | 'high' {
    switch (text.trim()) {
        case 'Low Revenue':
            return 'low';
        case 'High Revenue':
            return 'high';
        default:
            throw new Error(`unknown revenue category: ${text}`);
    }
}

export function readOracleRows2022(path: string = DEFAULT_CSV_2022): OracleRow2022[] {
    return readCsvRecords(path).map((record) => {
        const { field } = record;
        const start = isoFromUsDate(field('agreement_start'));
        return {
            ...oracleRowFromRecord(record),
            altQualityStandardMet: field('alt_quality_standard_met') === '1',
            reducedHalfRate: field('reduced_half_rate') === '1',
            acptGuardrail: field('acpt_guardrail') === '1',
            publishedLossRate: field('published_loss_rate'),
            revenueCategory: revenueCategory(field('revenue_category')),
            agreementStartText: field('agreement_start'),
            agreementStart: start,
            agreementEnd: agreementEnd(start)
        };
    });
}

/** From this year a scenario that misses the quality standard can meet the alternative one. */
const ALTERNATIVE_STANDARD_FIRST_YEAR = 2023;

/** What the row adds to the 2013–2021 contract. */
export function oracleExtras2022(row: OracleRow2022): OracleContractExtras {
    const extras: OracleContractExtras = {
        term: { start: row.agreementStart, end: row.agreementEnd },
        revenueCategory: row.revenueCategory
    };
    if (!row.metQualityStandard && (row.altQualityStandardMet || row.performanceYear >= ALTERNATIVE_STANDARD_FIRST_YEAR)) {
        extras.alternativeStandard = row.altQualityStandardMet ? 'met' : 'not met';
    }
    if (row.acptGuardrail) {
        extras.guardrail = true;
    }
    return extras;
}

/** The row as `.aco` text: as oracleContractText, with the term, revenue category and verdicts. */
export function oracleContractText2022(row: OracleRow2022): string {
    return oracleContractText(row, oracleExtras2022(row));
}
