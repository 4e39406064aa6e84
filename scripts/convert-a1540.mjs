// One-off converter: CMS's PY2022 financial reconciliation report for ACO A1540 (an .xlsx) to a
// structured JSON of every input and intermediate of its Tables 1–3 and appendix tables A1–A5,
// for test/settlement/benchmark-build.test.ts.
//
//   node scripts/convert-a1540.mjs [report.xlsx] [out.json]
//
// Defaults: test/data/mssp-financial-reconciliation-report-A1540-py2022.xlsx → test/data/a1540-py2022.json.
//
// Numbers are kept as the workbook stores them (the text of each cell's <v>, up to 15 significant
// digits), never passed through a JavaScript number. Cells that show "–" (not applicable) become
// null. Rows are found by their labels ("[B] Per Capita Expenditures", then the four enrollment
// types below it), and a label that is not where the report puts it stops the conversion, so a
// different report layout cannot silently produce wrong figures.
//
// The workbook also carries a few cells that are not CMS's: formulas (and a note or two) in
// columns to the right of the tables, left by whoever checked the report (e.g. Table 3 C32
// `=B31*B32`, a quality-scaled rate CMS did not use in 2022). A column holding any formula is
// treated as such a column: its cells go to `annotations`, never into the figures.
//
// Reads the .xlsx with yauzl (a devDependency) and a small reading of the sheet XML: no other
// dependency.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import yauzl from 'yauzl';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const inputPath = resolve(process.argv[2] ?? resolve(root, 'test/data/mssp-financial-reconciliation-report-A1540-py2022.xlsx'));
const outputPath = resolve(process.argv[3] ?? resolve(root, 'test/data/a1540-py2022.json'));

/** @returns {Promise<Map<string, Buffer>>} every file of the zip, by its path */
function readZip(path) {
    return new Promise((resolvePromise, reject) => {
        yauzl.open(path, { lazyEntries: true }, (openError, zip) => {
            if (openError || !zip) {
                reject(openError ?? new Error(`cannot open ${path}`));
                return;
            }
            /** @type {Map<string, Buffer>} */
            const files = new Map();
            zip.on('error', reject);
            zip.on('end', () => resolvePromise(files));
            zip.on('entry', (entry) => {
                if (entry.fileName.endsWith('/')) {
                    zip.readEntry();
                    return;
                }
                zip.openReadStream(entry, (streamError, stream) => {
                    if (streamError || !stream) {
                        reject(streamError ?? new Error(`cannot read ${entry.fileName}`));
                        return;
                    }
                    /** @type {Buffer[]} */
                    const chunks = [];
                    stream.on('data', (chunk) => chunks.push(chunk));
                    stream.on('error', reject);
                    stream.on('end', () => {
                        files.set(entry.fileName, Buffer.concat(chunks));
                        zip.readEntry();
                    });
                });
            });
            zip.readEntry();
        });
    });
}

/** XML character data to text: the five named entities and numeric references. */
function unescapeXml(text) {
    return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_, name) => {
        switch (name) {
            case 'amp': return '&';
            case 'lt': return '<';
            case 'gt': return '>';
            case 'quot': return '"';
            case 'apos': return "'";
            default: return String.fromCodePoint(name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10));
        }
    });
}

/** The text of every <t> inside an element (a shared string may be split into rich-text runs). */
function runsText(xml) {
    let text = '';
    for (const match of xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g)) {
        text += unescapeXml(match[1] ?? '');
    }
    return text;
}

function attribute(tag, name) {
    const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
    return match ? unescapeXml(match[1]) : undefined;
}

function sharedStrings(xml) {
    if (!xml) {
        return [];
    }
    return [...xml.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)].map((match) => runsText(match[1] ?? ''));
}

/**
 * @typedef {{ ref: string, column: string, row: number, kind: 'number' | 'text' | 'boolean' | 'error', value: string, formula?: string }} Cell
 * @returns {Cell[]}
 */
function sheetCells(xml, strings) {
    /** @type {Cell[]} */
    const cells = [];
    for (const match of xml.matchAll(/<c(\s[^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
        const tag = match[1];
        const body = match[2] ?? '';
        const ref = attribute(tag, 'r');
        if (!ref) {
            throw new Error('a cell without a reference: the sheet is not in the expected form');
        }
        const type = attribute(tag, 't') ?? 'n';
        const v = /<v>([\s\S]*?)<\/v>/.exec(body);
        const f = /<f(?:\s[^>]*)?>([\s\S]*?)<\/f>/.exec(body);
        let value;
        /** @type {Cell['kind'] | undefined} */
        let kind;
        if (type === 'inlineStr') {
            const inline = /<is>([\s\S]*?)<\/is>/.exec(body);
            value = inline ? runsText(inline[1]) : undefined;
            kind = 'text';
        } else if (v) {
            const raw = unescapeXml(v[1]);
            if (type === 's') {
                value = strings[Number(raw)];
                kind = 'text';
            } else if (type === 'str') {
                value = raw;
                kind = 'text';
            } else if (type === 'b') {
                value = raw === '1' ? 'true' : 'false';
                kind = 'boolean';
            } else if (type === 'e') {
                value = raw;
                kind = 'error';
            } else {
                value = raw;
                kind = 'number';
            }
        }
        if (value === undefined && !f) {
            continue;
        }
        const [, column, row] = /^([A-Z]+)([0-9]+)$/.exec(ref) ?? [];
        cells.push({ ref, column, row: Number(row), kind: kind ?? 'text', value: value ?? '', ...(f ? { formula: unescapeXml(f[1]) } : {}) });
    }
    return cells;
}

/** Sheet name → cells, in workbook order. */
function workbookSheets(files) {
    const text = (path) => files.get(path)?.toString('utf-8');
    const workbook = text('xl/workbook.xml');
    const rels = text('xl/_rels/workbook.xml.rels');
    if (!workbook || !rels) {
        throw new Error(`${inputPath} is not an .xlsx workbook`);
    }
    /** @type {Map<string, string>} */
    const targets = new Map();
    for (const match of rels.matchAll(/<Relationship(\s[^>]*?)\/?>/g)) {
        targets.set(attribute(match[1], 'Id'), attribute(match[1], 'Target'));
    }
    const strings = sharedStrings(text('xl/sharedStrings.xml'));
    /** @type {Map<string, Cell[]>} */
    const sheets = new Map();
    for (const match of workbook.matchAll(/<sheet(\s[^>]*?)\/?>/g)) {
        const name = attribute(match[1], 'name');
        const target = targets.get(attribute(match[1], 'r:id'));
        const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
        sheets.set(name, sheetCells(text(path), strings));
    }
    return sheets;
}

const annotations = [];

/** One sheet's cells, looked up by address and by row label; formula columns set aside. */
class Sheet {
    constructor(name, cells) {
        this.name = name;
        /** @type {string[] | undefined} the labels of the rows looked up, while `table` records them */
        this.touched = undefined;
        const formulaColumns = new Set(cells.filter((cell) => cell.formula !== undefined).map((cell) => cell.column));
        /** @type {Map<string, Cell>} */
        this.cells = new Map();
        for (const cell of cells) {
            if (formulaColumns.has(cell.column)) {
                annotations.push({ sheet: name, cell: cell.ref, value: cell.value, ...(cell.formula !== undefined ? { formula: cell.formula } : {}) });
            } else {
                this.cells.set(cell.ref, cell);
            }
        }
    }

    label(row) {
        return (this.cells.get(`A${row}`)?.value ?? '').trim();
    }

    /**
     * The row of the table whose label starts with `prefix` (or is `prefix`, when `exact`): exactly
     * one. The notes under a table ("Note: …", then "[B] Per Capita Expenditures are based on …")
     * repeat the row letters, so rows from the first "Note" on are not searched.
     */
    row(prefix, exact = false) {
        const allRows = [...new Set([...this.cells.values()].map((cell) => cell.row))].sort((a, b) => a - b);
        const notes = allRows.find((row) => /^Note\b/.test(this.label(row))) ?? Infinity;
        const rows = allRows.filter((row) => row < notes && (exact ? this.label(row) === prefix : this.label(row).startsWith(prefix)));
        if (rows.length !== 1) {
            throw new Error(`${this.name}: ${rows.length} rows labelled "${prefix}${exact ? '' : '…'}"`);
        }
        this.touched?.push(this.label(rows[0]));
        return rows[0];
    }

    /** The notes under the table, by row letter: "[K]" → "The product of BY3 CMS-HCC Risk Score [C] and …". */
    notes() {
        const rows = [...new Set([...this.cells.values()].map((cell) => cell.row))].sort((a, b) => a - b);
        const start = rows.find((row) => /^Note\b/.test(this.label(row))) ?? Infinity;
        /** @type {Record<string, string>} */
        const notes = {};
        for (const row of rows.filter((r) => r > start)) {
            const match = /^(\[[A-Z]+[0-9]?\])\s*([\s\S]*)$/.exec(this.label(row));
            if (match) {
                notes[match[1]] = match[2].replace(/\s+/g, ' ').trim();
            }
        }
        return notes;
    }

    /** Text of a cell, trimmed; undefined when empty. */
    text(ref) {
        const value = this.cells.get(ref)?.value;
        return value === undefined ? undefined : value.trim();
    }

    /** A figure as stored: the number's text, or null for "–" / "Not applicable"; anything else stops the conversion. */
    figure(ref) {
        const cell = this.cells.get(ref);
        if (!cell) {
            throw new Error(`${this.name} ${ref}: empty, a figure was expected`);
        }
        if (cell.kind === 'number') {
            return cell.value;
        }
        const text = cell.value.trim();
        if (text === '–' || text === '-' || text === 'Not applicable') {
            return null;
        }
        throw new Error(`${this.name} ${ref}: "${text}" is not a figure`);
    }

    /** The figure on the row labelled `prefix`, in `column`. */
    at(prefix, column) {
        return this.figure(`${column}${this.row(prefix)}`);
    }

    /** The four enrollment-type rows right under the row labelled `prefix`: type → (key → figure of column). */
    byType(prefix, columns) {
        const start = this.row(prefix);
        return Object.fromEntries(ENROLLMENT_TYPES.map(([key, label], index) => {
            const row = start + 1 + index;
            if (this.label(row) !== label) {
                throw new Error(`${this.name} row ${row}: "${this.label(row)}", expected "${label}" under "${prefix}"`);
            }
            return [key, typeof columns === 'string'
                ? this.figure(`${columns}${row}`)
                : Object.fromEntries(Object.entries(columns).map(([name, column]) => [name, this.figure(`${column}${row}`)]))];
        }));
    }

    /** Row `label` (exact) → the text in column B. */
    value(label) {
        return this.text(`B${this.row(label, true)}`);
    }
}

/** The report's enrollment types, in its order: key in the JSON, label in the sheets. */
const ENROLLMENT_TYPES = [['esrd', 'ESRD'], ['disabled', 'Disabled'], ['agedDual', 'Aged/dual'], ['agedNonDual', 'Aged/non-dual']];
const BY = { by1: 'B', by2: 'C', by3: 'D' };
const BY_PY = { by1: 'B', by2: 'C', by3: 'D', py: 'F' };

/**
 * A table of the report: its title, each field read by its function, `rows` (the report's label of
 * the row, or column, each field comes from: "[K] Risk-Adjusted Regional Expenditures After …")
 * and `notes` (CMS's definition of each lettered row, from under the table).
 */
function table(sheet, fields, labels = undefined) {
    const values = {};
    const rows = {};
    for (const [key, read] of Object.entries(fields)) {
        sheet.touched = [];
        values[key] = read();
        rows[key] = labels?.[key] ?? [...new Set(sheet.touched)].map((label) => label.replace(/\s+/g, ' ').trim()).join(' / ');
    }
    sheet.touched = undefined;
    return { title: sheet.label(1), ...values, rows, notes: sheet.notes() };
}

/** Table A1 is laid out by column: its column headers ("BY3 CMS-HCC Risk Score\n[A]") as "[A] BY3 CMS-HCC Risk Score". */
function columnHeader(sheet, ref) {
    const [text, letter] = (sheet.text(ref) ?? '').split('\n').map((part) => part.trim());
    return letter ? `${letter} ${text}` : text;
}

const files = await readZip(inputPath);
const sheets = new Map([...workbookSheets(files)].map(([name, cells]) => [name, new Sheet(name, cells)]));
function sheet(name) {
    const found = sheets.get(name);
    if (!found) {
        throw new Error(`no sheet "${name}" in ${inputPath}`);
    }
    return found;
}

const cover = sheet('Cover');
const parameters = sheet('Parameters');
const t1 = sheet('Table 1 - Historical Benchmark');
const a3 = sheet('Table A3 - Trend & Update');
const t2 = sheet('Table 2 - Updated Benchmark');
const t3 = sheet('Table 3 - Shared Savings Losses');
const a1 = sheet('Table A1 - Risk');
const a2 = sheet('Table A2 - Renormalization');
const a4 = sheet('Table A4 - MSR');
const a5 = sheet('Table A5 - Inputs by Track');

/** A Parameters row under a heading: the n-th row labelled `label` after the heading row. */
function parameterUnder(heading, label) {
    const start = parameters.row(heading);
    for (let row = start + 1; row < start + 8; row++) {
        if (parameters.label(row) === label) {
            return parameters.text(`B${row}`);
        }
    }
    throw new Error(`Parameters: no "${label}" under "${heading}"`);
}

function periods(heading) {
    return {
        by1: parameterUnder(heading, 'Benchmark Year 1 (BY1)'),
        by2: parameterUnder(heading, 'Benchmark Year 2 (BY2)'),
        by3: parameterUnder(heading, 'Benchmark Year 3 (BY3)'),
        py: parameterUnder(heading, 'Performance Year (PY)')
    };
}

function yesNo(text) {
    if (text === 'Yes' || text === 'No') {
        return text === 'Yes';
    }
    throw new Error(`"${text}" is neither Yes nor No`);
}

const coverLines = [...cover.cells.values()].filter((cell) => cell.column === 'A').sort((a, b) => a.row - b.row).map((cell) => cell.value.trim());
const [, acoId, acoName] = /^([^,]+),\s*(.*)$/.exec(coverLines[0]) ?? [];

const report = {
    source: {
        file: relative(dirname(outputPath), inputPath).replaceAll('\\', '/'),
        convertedBy: 'scripts/convert-a1540.mjs',
        acoId,
        acoName,
        title: coverLines[1],
        program: coverLines[2],
        agreementStart: coverLines[3].replace(/\s*Agreement Start Date$/, ''),
        note: 'Figures are the cell values as the workbook stores them (text, up to 15 significant digits); null where the report shows "–" (not applicable). CMS: "Numerical values presented in this table are rounded for presentation purposes only. All calculations and formulas use additional precision."'
    },
    enrollmentTypes: Object.fromEntries(ENROLLMENT_TYPES),
    parameters: {
        performanceYear: parameters.value('Performance Year for which ACO is Being Reconciled'),
        assignmentWindow: periods('Claims-Based Beneficiary Assignment Window'),
        voluntaryAlignmentEndDate: periods('Voluntary Alignment End Date'),
        expenditureAndRiskScorePeriod: periods('Expenditure & Risk Score Period'),
        claimsRunOut: parameters.value('Claims Run-Out Period'),
        claimsCompletionFactor: parameters.at('Claims Completion Factor', 'B'),
        dateProduced: parameters.value('Date Produced'),
        track: parameters.value('ACO Track'),
        agreementPeriod: parameters.value('ACO Agreement Period'),
        agreementPeriodSubjectToRegionalAdjustment: parameters.value('ACO Agreement Period Subject to Regional Adjustment'),
        assignmentMethodology: parameters.value('ACO Assignment Methodology'),
        /** As written: "1/3", or a percentage. */
        benchmarkYearWeights: {
            by1: parameterUnder('Benchmark Year Weights', 'Benchmark Year 1 (BY1)'),
            by2: parameterUnder('Benchmark Year Weights', 'Benchmark Year 2 (BY2)'),
            by3: parameterUnder('Benchmark Year Weights', 'Benchmark Year 3 (BY3)')
        },
        regionalAdjustmentWeights: {
            higherSpending: parameters.at("ACO Determined to Have Higher Spending than the ACO's Regional Service Area", 'B'),
            lowerSpending: parameters.at("ACO Determined to Have Lower Spending than the ACO's Regional Service Area", 'B')
        },
        expenditureTruncationThresholds: parameters.byType('Expenditure Truncation Threshold', 'B')
    },
    table1: table(t1, {
        /** [A1] */
        assignedBeneficiaries: () => Object.fromEntries(Object.entries(BY).map(([year, column]) => [year, t1.at('[A1]', column)])),
        /** [A2] */
        personYears: () => Object.fromEntries(Object.entries(BY).map(([year, column]) => [year, t1.at('[A2]', column)])),
        /** [B] */
        perCapitaExpenditures: () => t1.byType('[B] ', BY),
        /** [C] */
        riskScores: () => t1.byType('[C] ', BY),
        /** [D] risk(BY3) / risk(BYk) */
        riskRatios: () => t1.byType('[D] ', BY),
        /** [E] */
        blendedTrendFactors: () => t1.byType('[E] ', BY),
        /** [F] cost × risk ratio × trend */
        trendedPerCapitaExpenditures: () => t1.byType('[F] ', BY),
        /** [G], benchmark-year columns: [F] × the year's weight */
        weightedTrendedExpenditures: () => t1.byType('[G] ', BY),
        /** [G], Benchmark column: the sum over years */
        historicalBenchmarkExpenditures: () => t1.byType('[G] ', 'F'),
        /** [H] BY3 person-year proportions */
        assignedBeneficiaryProportions: () => t1.byType('[H] ', 'D'),
        /** [I] Σ [G] × [H] */
        historicalBenchmarkBeforeRegionalAdjustment: () => t1.at('[I] ', 'F'),
        /** [J] BY3 risk-adjusted regional expenditures (Table A3 [C] BY3) */
        riskAdjustedRegionalExpenditures: () => t1.byType('[J] ', 'D'),
        /** [K] [J] × BY3 risk score: the ACO's risk-adjusted regional average */
        regionalAverageExpenditures: () => t1.byType('[K] ', 'F'),
        /** [L] [K] − [G] */
        regionalDifference: () => t1.byType('[L] ', 'F'),
        /** [M] Σ [L] × [H] */
        weightedAverageRegionalDifference: () => t1.at('[M] ', 'F'),
        /** [N] */
        regionalAdjustmentWeight: () => t1.at('[N] ', 'F'),
        /** [O] [L] × [N] */
        regionalAdjustmentBeforeCap: () => t1.byType('[O] ', 'F'),
        /** [P] 5% of BY3 national per capita (Table A3 [A]) */
        regionalAdjustmentCap: () => t1.byType('[P] ', 'F'),
        /** [Q] [O] clamped to ±[P] */
        regionalAdjustmentAfterCap: () => t1.byType('[Q] ', 'F'),
        /** [R] [G] + [Q] */
        regionallyAdjustedHistoricalBenchmarkExpenditures: () => t1.byType('[R] ', 'F'),
        /** [S] Σ [R] × [H] */
        regionallyAdjustedHistoricalBenchmark: () => t1.at('[S] ', 'F')
    }),
    tableA3: table(a3, {
        /** [A] OACT national assignable FFS per capita expenditures */
        nationalPerCapitaExpenditures: () => a3.byType('[A] ', BY_PY),
        /** [B] nat(BY3)/nat(BYk); PY: nat(PY)/nat(BY3) */
        nationalTrendAndUpdateFactors: () => a3.byType('[B] ', BY_PY),
        /** [C] */
        riskAdjustedRegionalExpenditures: () => a3.byType('[C] ', BY_PY),
        /** [D] reg(BY3)/reg(BYk); PY: reg(PY)/reg(BY3) */
        regionalTrendAndUpdateFactors: () => a3.byType('[D] ', BY_PY),
        /** [E] */
        nationalComponentWeights: () => a3.byType('[E] ', BY_PY),
        /** [F] 1 − [E] */
        regionalComponentWeights: () => a3.byType('[F] ', BY_PY),
        /** [G] [B] × [E] + [D] × [F] */
        blendedTrendAndUpdateFactors: () => a3.byType('[G] ', BY_PY)
    }),
    table2: table(t2, {
        /** [A] = Table 1 [R] */
        regionallyAdjustedHistoricalBenchmarkExpenditures: () => t2.byType('[A] ', 'B'),
        /** [A], total row = Table 1 [S] */
        regionallyAdjustedHistoricalBenchmark: () => t2.figure(`B${t2.row('Regionally-Adjusted Historical Benchmark', true)}`),
        /** [B] */
        riskScores: () => t2.byType('[B] ', { by3: 'B', py: 'D' }),
        /** [C] min(PY / BY3, cap) */
        riskRatiosCapped: () => t2.byType('[C] ', 'D'),
        /** [D] [A] × [C] */
        riskAdjustedHistoricalBenchmark: () => t2.byType('[D] ', 'D'),
        /** [E] = Table A3 [G] PY */
        updateFactors: () => t2.byType('[E] ', 'D'),
        /** [F] [D] × [E] */
        updatedBenchmarkExpenditures: () => t2.byType('[F] ', 'D'),
        /** [G] PY person-year proportions */
        assignedBeneficiaryProportions: () => t2.byType('[G] ', 'D'),
        /** [H] Σ [F] × [G] */
        updatedBenchmark: () => t2.at('[H] ', 'D')
    }),
    table3: table(t3, {
        assignedBeneficiaries: () => t3.at('[A] ', 'B'),
        personYears: () => t3.at('[B] ', 'B'),
        perCapitaExpendituresByType: () => t3.byType('[C] ', 'B'),
        assignedBeneficiaryProportions: () => t3.byType('[D] ', 'B'),
        perCapitaExpenditures: () => t3.at('[E] ', 'B'),
        perCapitaBenchmarkExpenditures: () => t3.at('[F] ', 'B'),
        totalExpenditures: () => t3.at('[G] ', 'B'),
        totalBenchmarkExpenditures: () => t3.at('[H] ', 'B'),
        benchmarkMinusExpenditures: () => t3.at('[I] ', 'B'),
        totalSavings: () => t3.at('[J] ', 'B'),
        totalLosses: () => t3.at('[K] ', 'B'),
        minimumSavingsRate: () => t3.at('[L] ', 'B'),
        minimumLossRate: () => t3.at('[M] ', 'B'),
        minimumSavingsAmount: () => t3.at('[N] ', 'B'),
        minimumLossAmount: () => t3.at('[O] ', 'B'),
        savingsOrLossesRealized: () => t3.text(`B${t3.row('[P] ')}`),
        maximumSharingRate: () => t3.at('[Q] ', 'B'),
        qualityPerformanceScore: () => t3.at('[R] ', 'B'),
        metQualityPerformanceStandard: () => yesNo(t3.text(`B${t3.row('[S] ')}`)),
        finalSharingRate: () => t3.at('[T] ', 'B'),
        sharedLossRate: () => t3.at('[U] ', 'B'),
        sharedSavings: () => t3.at('[V] ', 'B'),
        sharedSavingsCap: () => t3.at('[W] ', 'B'),
        sequestrationAdjustment: () => t3.at('[X] ', 'B'),
        earnedPerformancePayment: () => t3.at('[Y] ', 'B'),
        sharedLosses: () => t3.at('[Z] ', 'B'),
        participantFfsRevenue: () => t3.at('[AA] ', 'B'),
        sharedLossesCap: () => t3.at('[BB] ', 'B'),
        sharedLossesAfterCap: () => t3.at('[CC] ', 'B'),
        eucShareOfBeneficiaries: () => t3.at('[DD] ', 'B'),
        eucShareOfYear: () => t3.at('[EE] ', 'B'),
        eucAdjustment: () => t3.at('[FF] ', 'B'),
        paymentDueToCms: () => t3.at('[GG] ', 'B')
    }),
    tableA1: table(a1, {
        by3RiskScores: () => a1.byType('Medicare Enrollment Type', 'B'),
        pyRiskScores: () => a1.byType('Medicare Enrollment Type', 'C'),
        uncappedRiskRatios: () => a1.byType('Medicare Enrollment Type', 'D'),
        riskRatioCaps: () => a1.byType('Medicare Enrollment Type', 'E'),
        finalRiskRatios: () => a1.byType('Medicare Enrollment Type', 'F')
    }, {
        by3RiskScores: columnHeader(a1, 'B4'),
        pyRiskScores: columnHeader(a1, 'C4'),
        uncappedRiskRatios: columnHeader(a1, 'D4'),
        riskRatioCaps: columnHeader(a1, 'E4'),
        finalRiskRatios: columnHeader(a1, 'F4')
    }),
    tableA2: {
        title: a2.label(1),
        /** The national assignable FFS mean CMS-HCC risk scores each year's raw scores are divided by. */
        nationalMeanRiskScores: a2.byType('Medicare Enrollment Type', { by1: 'B', by2: 'C', by3: 'D', py: 'E' })
    },
    tableA4: {
        title: a4.label(1),
        bands: (() => {
            const bands = [];
            for (let row = a4.row('Number of Assigned Beneficiaries Range') + 1; a4.cells.has(`A${row}`); row++) {
                const cell = (column) => {
                    const found = a4.cells.get(`${column}${row}`);
                    return found ? found.value.trim() : null;
                };
                bands.push({ low: cell('A'), high: cell('B'), msrLow: cell('C'), msrHigh: cell('D') });
            }
            return bands;
        })()
    },
    tableA5: {
        title: a5.label(1),
        /** Input → track → the report's text or rate. */
        ...(() => {
            const header = a5.row('Input');
            const tracks = ['B', 'C', 'D', 'E', 'F', 'G'].map((column) => [column, a5.text(`${column}${header}`)]);
            const inputs = {};
            for (let row = header + 1; a5.cells.has(`A${row}`); row++) {
                const name = a5.label(row).split('\n')[0].trim();
                inputs[name] = Object.fromEntries(tracks.map(([column, track]) => {
                    const cell = a5.cells.get(`${column}${row}`);
                    return [track, cell ? cell.value.trim() : null];
                }));
            }
            return { inputs };
        })()
    },
    annotations: {
        note: 'Cells outside CMS\'s tables (columns holding formulas, with their neighbours): checks left in the workbook by whoever reviewed it, not figures of the report.',
        cells: annotations
    }
};

mkdirSync(dirname(outputPath), { recursive: true });
writeFileSync(outputPath, JSON.stringify(report, null, 2) + '\n');
console.log(`${relative(process.cwd(), inputPath)} → ${relative(process.cwd(), outputPath)}: ${sheets.size} sheets, ${annotations.length} annotation cells set aside`);
