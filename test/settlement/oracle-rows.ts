/**
 * The published MSSP settlements (test/data/mssp-settlements.csv, see its README) as rows, and
 * each row written as an `.aco` contract in the language's normative forms, so the same oracle
 * can be run through the engine directly (oracles.test.ts) and through the parser.
 *
 * Every decision about how a row becomes a contract is made once, here (`oracleMinimumRate`), and
 * both the text and the directly built model follow it.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Dec } from '../../language/decimal.js';
import type { MsspTrack } from '../../language/model/contract-model.js';
import { msspTrackIsTwoSided, msspVariableMinimumRate } from '../../language/settlement/presets.js';

export interface OracleRow {
    performanceYear: number;
    acoId: string;
    /** As the preset names it (`BASIC A`); the CSV writes `BASIC-A`. */
    track: MsspTrack;
    /** Exact decimal text, as in the CSV. */
    assignedBeneficiaries: string;
    benchmarkTotal: string;
    expenditureTotal: string;
    /** A fraction. */
    minimumSavingsRate: string;
    metQualityStandard: boolean;
    /** A fraction. */
    qualityScore: string;
    publishedFinalSharingRate: string;
    maxSharingRate: string;
    savingsCapRate: string;
    sequestrationRate: string;
    /** ≤ 0: CMS's reduction of owed losses. */
    disasterAdjustment: string;
    lossesForgivenShare: string;
    /** Dollars; negative for owed losses. */
    expectedEarned: string;
    tolerance: string;
    reproducible: boolean;
    note: string;
    /** 1-based line in the CSV (header is line 1). */
    csvLine: number;
}

const DEFAULT_CSV = fileURLToPath(new URL('../data/mssp-settlements.csv', import.meta.url));

/** Splits one CSV line, honouring double-quoted fields. */
function csvFields(line: string): string[] {
    const fields: string[] = [];
    let field = '';
    let quoted = false;
    for (let index = 0; index < line.length; index++) {
        const char = line[index];
        if (quoted) {
            if (char === '"' && line[index + 1] === '"') {
                field += '"';
                index++;
            } else if (char === '"') {
                quoted = false;
            } else {
                field += char;
            }
        } else if (char === '"') {
            quoted = true;
        } else if (char === ',') {
            fields.push(field);
            field = '';
        } else {
            field += char;
        }
    }
    fields.push(field);
    return fields;
}

/** One CSV record: `field(name)` is the column's text (an unknown column throws). */
export interface CsvRecord {
    field: (name: string) => string;
    /** 1-based line in the CSV (header is line 1). */
    csvLine: number;
}

/** The records of a CSV file with a header line; blank lines are skipped. */
export function readCsvRecords(path: string): CsvRecord[] {
    const lines = readFileSync(path, 'utf8').split(/\r?\n/);
    const header = csvFields(lines[0]);
    const name = path.split(/[\\/]/).pop() ?? path;
    const records: CsvRecord[] = [];
    lines.slice(1).forEach((line, index) => {
        if (line.trim() === '') {
            return;
        }
        const values = csvFields(line);
        const field = (column: string): string => {
            const at = header.indexOf(column);
            if (at < 0) {
                throw new Error(`${name} has no column ${column}`);
            }
            return values[at] ?? '';
        };
        records.push({ field, csvLine: index + 2 });
    });
    return records;
}

/** The columns every MSSP settlements file shares (see test/data/mssp-settlements.README.md). */
export function oracleRowFromRecord({ field, csvLine }: CsvRecord): OracleRow {
    return {
        performanceYear: Number(field('performance_year')),
        acoId: field('aco_id'),
        track: field('track').replace('-', ' ') as MsspTrack,
        assignedBeneficiaries: field('assigned_beneficiaries'),
        benchmarkTotal: field('benchmark_total'),
        expenditureTotal: field('expenditure_total'),
        minimumSavingsRate: field('minimum_savings_rate'),
        metQualityStandard: field('met_quality_standard') === '1',
        qualityScore: field('quality_score'),
        publishedFinalSharingRate: field('published_final_sharing_rate'),
        maxSharingRate: field('max_sharing_rate'),
        savingsCapRate: field('savings_cap_rate'),
        sequestrationRate: field('sequestration_rate'),
        disasterAdjustment: field('disaster_adjustment'),
        lossesForgivenShare: field('losses_forgiven_share'),
        expectedEarned: field('expected_earned'),
        tolerance: field('tolerance'),
        reproducible: field('reproducible') === '1',
        note: field('note'),
        csvLine
    };
}

export function readOracleRows(path: string = DEFAULT_CSV): OracleRow[] {
    return readCsvRecords(path).map(oracleRowFromRecord);
}

/**
 * The CSV gives the variable table's rate at full precision (to about 1e-12); other rates differ
 * from the table by 1e-5 or more. Anything within 1e-9 is the table.
 */
const VARIABLE_MATCH = new Dec('1e-9');

/**
 * How the contract states the minimum savings (and, two-sided, loss) rate:
 * - `preset`: nothing written, the one-sided preset's `variable` rate applies;
 * - `variable`: written as `variable` (a two-sided ACO that elected the table);
 * - `fixed`: written as the CSV's percent (an elected rate, or a one-sided rate off the table,
 *   e.g. below 5,000 beneficiaries).
 */
export type OracleMinimumRate = { kind: 'preset' } | { kind: 'variable' } | { kind: 'fixed'; fraction: string };

export function oracleMinimumRate(row: OracleRow): OracleMinimumRate {
    const table = msspVariableMinimumRate(new Dec(row.assignedBeneficiaries));
    const matchesTable = table !== undefined && table.minus(row.minimumSavingsRate).abs().lessThanOrEqualTo(VARIABLE_MATCH);
    if (matchesTable) {
        return msspTrackIsTwoSided(row.track) ? { kind: 'variable' } : { kind: 'preset' };
    }
    return { kind: 'fixed', fraction: row.minimumSavingsRate };
}

/** `0.02972454491` → `2.972454491%`: the decimal point moved two places, no arithmetic. */
export function percentFromFraction(fraction: string): string {
    const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(fraction.trim());
    if (!match) {
        throw new Error(`not a decimal fraction: ${fraction}`);
    }
    const [, sign, whole, decimals = ''] = match;
    const padded = decimals.padEnd(2, '0');
    const integer = (whole + padded.slice(0, 2)).replace(/^0+(?=\d)/, '');
    const rest = padded.slice(2).replace(/0+$/, '');
    const text = rest ? `${integer}.${rest}` : integer;
    return (sign && text !== '0' ? '-' : '') + text + '%';
}

/** `-702674` → `-$702674`; the grammar's MONEY terminal takes the sign before the symbol. */
export function moneyFromDollars(dollars: string): string {
    const text = dollars.trim();
    return text.startsWith('-') ? `-$${text.slice(1)}` : `$${text}`;
}

function isZero(text: string): boolean {
    return new Dec(text).isZero();
}

function trackWords(track: MsspTrack): string {
    return track.startsWith('BASIC') || track === 'ENHANCED' ? track : `track ${track}`;
}

/**
 * What later MSSP years add to a row's contract (all optional; without them the text is the
 * 2013–2021 form): the term, the revenue category, and the scenario's alternative standard and
 * guardrail verdicts.
 */
export interface OracleContractExtras {
    /** ISO dates. */
    term?: { start: string; end: string };
    revenueCategory?: 'low' | 'high';
    alternativeStandard?: 'met' | 'not met';
    guardrail?: boolean;
}

/** The row as `.aco` text: the program preset, the row's figures, one scenario with its `expect`. */
export function oracleContractText(row: OracleRow, extras: OracleContractExtras = {}): string {
    const lines = [
        `contract "PY${row.performanceYear} ${row.acoId}" {`,
        `    program MSSP ${trackWords(row.track)} year ${row.performanceYear}`
    ];
    if (extras.term) {
        lines.push('    term {', `        start ${extras.term.start}`, `        end ${extras.term.end}`, '    }');
    }
    lines.push(
        '    population {',
        `        assigned beneficiaries ${row.assignedBeneficiaries}`,
        `        benchmark ${moneyFromDollars(row.benchmarkTotal)} total`
    );
    if (extras.revenueCategory) {
        lines.push(`        revenue category ${extras.revenueCategory}`);
    }
    lines.push('    }');
    const minimum = oracleMinimumRate(row);
    const stated = minimum.kind === 'variable' ? 'variable' : minimum.kind === 'fixed' ? percentFromFraction(minimum.fraction) : undefined;
    if (stated !== undefined) {
        lines.push(`    shared savings { minimum savings rate ${stated} }`);
        if (msspTrackIsTwoSided(row.track)) {
            lines.push(`    shared losses { minimum loss rate ${stated} }`);
        }
    }
    lines.push(
        `    scenario "Performance year ${row.performanceYear}" {`,
        `        expenditure ${moneyFromDollars(row.expenditureTotal)} total`,
        `        quality score ${percentFromFraction(row.qualityScore)}`,
        `        quality standard ${row.metQualityStandard ? 'met' : 'not met'}`
    );
    if (extras.alternativeStandard) {
        lines.push(`        alternative standard ${extras.alternativeStandard}`);
    }
    if (extras.guardrail) {
        lines.push('        guardrail applies');
    }
    // Loss adjustments only mean something on a two-sided track (one-sided rows carry them as data).
    const twoSided = msspTrackIsTwoSided(row.track);
    if (!isZero(row.disasterAdjustment) && twoSided) {
        lines.push(`        losses reduced by ${moneyFromDollars(row.disasterAdjustment.replace(/^-/, ''))}`);
    }
    if (!isZero(row.lossesForgivenShare) && twoSided) {
        lines.push(`        losses forgiven ${percentFromFraction(row.lossesForgivenShare)}`);
    }
    lines.push(`        expect earned ${moneyFromDollars(row.expectedEarned)} within ${moneyFromDollars(row.tolerance)}`, '    }', '}', '');
    return lines.join('\n');
}
