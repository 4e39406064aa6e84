/**
 * What each command makes of one contract file, as plain data: the text for stdout and stderr,
 * the file's entry in a JSON or JUnit document, its diagnostics for SARIF, counts, and a new text
 * for the file (`format`, `test --update`). A report is computed wherever the file was loaded (this
 * thread or a worker thread) and printed, in file order, by the command on the main thread, which
 * alone writes to stdout and to files.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver';
import { Dec } from '../decimal.js';
import { formatPercent, settledMoney } from '../format.js';
import { runMonteCarlo, runTermMonteCarlo, type MonteCarloResult, type TermMonteCarloResult } from '../settlement/index.js';
import { ledgerText, projectionText, termMonteCarloText } from './agreement-output.js';
import { acoServices, loadContracts, releaseContracts, type LoadedContract } from './contracts.js';
import type { ContractFile } from './files.js';
import { applyEdits, expectationEdits } from './expect-update.js';
import { fileJson } from './json-output.js';
import { junitSuite } from './junit-output.js';
import { contractHeader, diagnosticLine, makeStyle, settlementText, type Style } from './text-output.js';

export type CommandName = 'validate' | 'simulate' | 'test' | 'format';

/** A command's options as a report needs them: plain data, so a worker thread can receive them. */
export interface ReportOptions {
    command: CommandName;
    format: string;
    quiet: boolean;
    /** Colour on stdout text. */
    color: boolean;
    /** Colour on stderr text. */
    errorColor: boolean;
    scenario?: string;
    explain?: boolean;
    monteCarlo?: boolean;
    trials?: number;
    seed?: number;
    update?: boolean;
    check?: boolean;
}

/** A diagnostic as SARIF needs it (no `data`, which the worker boundary need not carry). */
export type ReportDiagnostic = Pick<Diagnostic, 'range' | 'severity' | 'code' | 'message'>;

export interface FileReport {
    /** The path as shown. */
    file: string;
    absolute: string;
    errors: number;
    warnings: number;
    hasErrors: boolean;
    /** Text for standard output, every line ending in a newline (text formats only). */
    stdout: string;
    /** Text for standard error: diagnostics and messages a document on stdout must not hold. */
    stderr: string;
    /** The file's entry in the JSON document (indented for its place) or its JUnit `<testsuite>`. */
    entry?: string;
    /** For SARIF. */
    diagnostics?: ReportDiagnostic[];
    /** `test`: expectations that passed and failed (a contract with errors is one failure). */
    passed: number;
    failed: number;
    /** JUnit test cases and failures of this file. */
    tests: number;
    failures: number;
    /** A new text for the file and how many changes it holds (`format`, `test --update`). */
    rewrite?: { text: string; changes: number };
    /** `format`: why the file was left alone. */
    skipped?: string;
    /** Bad usage found in this file (exit status 2): `--scenario` names no scenario, and so on. */
    usageError?: string;
}

const ERROR = 1;
const WARNING = 2;

function lines(list: readonly string[]): string {
    return list.length === 0 ? '' : list.join('\n') + '\n';
}

const ENTRY_OPEN = '{\n  "files": [\n'.length;
const ENTRY_CLOSE = '\n  ]\n}'.length;

/** `value` as `JSON.stringify(document, null, 2)` writes it two levels deep, inside `{ "files": [ … ] }`. */
function jsonEntry(value: unknown): string {
    const text = JSON.stringify({ files: [value] }, null, 2);
    return text.slice(ENTRY_OPEN, text.length - ENTRY_CLOSE);
}

function diagnosticLines(loaded: LoadedContract, style: Style, errorsOnly: boolean): string[] {
    return loaded.diagnostics
        .filter(d => !errorsOnly || d.severity === ERROR)
        .map(d => diagnosticLine(loaded.file.display, d, style));
}

function emptyReport(loaded: LoadedContract): FileReport {
    return {
        file: loaded.file.display,
        absolute: loaded.file.absolute,
        errors: loaded.diagnostics.filter(d => d.severity === ERROR).length,
        warnings: loaded.diagnostics.filter(d => d.severity === WARNING).length,
        hasErrors: loaded.hasErrors,
        stdout: '',
        stderr: '',
        passed: 0,
        failed: 0,
        tests: 0,
        failures: 0
    };
}

function validateReport(loaded: LoadedContract, options: ReportOptions, report: FileReport): void {
    if (options.format === 'json') {
        report.entry = jsonEntry(fileJson(loaded, { scenarios: false }));
    } else if (options.format === 'sarif') {
        report.diagnostics = loaded.diagnostics.map(({ range, severity, code, message }) => ({ range, severity, code, message }));
    } else {
        report.stdout = lines(diagnosticLines(loaded, makeStyle(options.color), options.quiet));
    }
}

function monteCarloText(result: MonteCarloResult, loaded: LoadedContract): string[] {
    const model = loaded.analysis!.model;
    const money = (n: number): string => settledMoney(new Dec(n), model);
    const p = result.percentiles;
    return [
        `  Monte Carlo: ${result.trials.toLocaleString('en-US')} trials, seed ${result.seed}`,
        `    mean earned ${money(result.mean)} (sd ${money(result.sd)})`,
        `    P(gain) ${formatPercent(new Dec(result.pGain), 2)} · P(loss) ${formatPercent(new Dec(result.pLoss), 2)}`,
        `    percentiles: 5th ${money(p.p5)} · 25th ${money(p.p25)} · median ${money(p.p50)} · 75th ${money(p.p75)} · 95th ${money(p.p95)}`,
        `    payer's mean net savings ${money(result.payerMeanNet)}`
    ];
}

function simulateReport(loaded: LoadedContract, options: ReportOptions, report: FileReport): void {
    const analysis = loaded.analysis;
    const style = makeStyle(options.color);
    let monteCarlo: MonteCarloResult | undefined;
    if (!loaded.hasErrors && analysis && options.monteCarlo) {
        if (!analysis.model.uncertainty) {
            report.usageError = `${loaded.file.display}: --monte-carlo needs an uncertainty block in the contract`;
            return;
        }
        monteCarlo = analysis.model.uncertainty.overTerm
            ? runTermMonteCarlo(analysis.model, { trials: options.trials, seed: options.seed })
            : runMonteCarlo(analysis.model, { trials: options.trials, seed: options.seed });
    }
    if (options.scenario !== undefined && analysis && !analysis.model.scenarios.some(s => s.name === options.scenario)) {
        report.usageError = `${loaded.file.display}: no scenario called "${options.scenario}"`;
        return;
    }
    if (options.format === 'json') {
        report.entry = jsonEntry(fileJson(loaded, { scenarios: true, scenario: options.scenario, monteCarlo }));
        if (loaded.hasErrors) {
            report.stderr = lines(diagnosticLines(loaded, makeStyle(options.errorColor), true));
        }
        return;
    }
    if (loaded.hasErrors || !analysis) {
        report.stdout = lines(diagnosticLines(loaded, style, true));
        return;
    }
    const out = [contractHeader(loaded.file.display, analysis.model, style)];
    analysis.settlements.forEach((settlement, index) => {
        if (!settlement) {
            out.push(`  Scenario "${analysis.model.scenarios[index].name}" cannot be settled: ${analysis.unsettled.get(index) ?? 'incomplete'}`);
            return;
        }
        if (options.scenario === undefined || settlement.scenario === options.scenario) {
            out.push(...settlementText(settlement, analysis.model, style, options.explain === true));
            if (options.explain && settlement.ledger) {
                out.push(...ledgerText(settlement.ledger, analysis.model));
            }
        }
    });
    analysis.model.projections.forEach((projection, index) => {
        const settled = analysis.projection(index);
        out.push(...(settled
            ? projectionText(settled, analysis.model, style)
            : [`  Projection "${projection.name}" cannot be settled: ${analysis.unsettledProjections.get(index) ?? 'incomplete'}`]));
    });
    if (analysis.settlements.length === 0 && analysis.model.projections.length === 0) {
        out.push('  (no scenarios)');
    }
    if (monteCarlo) {
        out.push(...('yearMeans' in monteCarlo ? termMonteCarloText(monteCarlo as TermMonteCarloResult, analysis.model) : monteCarloText(monteCarlo, loaded)));
    }
    out.push('');
    report.stdout = lines(out);
}

function testReport(loaded: LoadedContract, options: ReportOptions, report: FileReport): void {
    const analysis = loaded.analysis;
    const machine = options.format !== 'text';
    // A document on stdout owns it: what people read goes to stderr.
    const style = makeStyle(machine ? options.errorColor : options.color);
    const out: string[] = [];
    if (options.format === 'json') {
        report.entry = jsonEntry(fileJson(loaded, { scenarios: true }));
    } else if (options.format === 'junit') {
        const suite = junitSuite(loaded);
        report.entry = suite.xml;
        report.tests = suite.tests;
        report.failures = suite.failures;
    }
    if (loaded.hasErrors || !analysis) {
        report.failed = 1;
        out.push(`${style.red('ERROR')} ${loaded.file.display}: the contract has errors`, ...diagnosticLines(loaded, style, true));
    } else {
        // Scenarios, then each projection's years, then the projections' term totals.
        const projected = analysis.model.projections.flatMap((_, index) => analysis.projection(index)?.years.map(year => year.settlement) ?? []);
        for (const settlement of [...analysis.settlements, ...projected]) {
            for (const result of settlement?.expectations ?? []) {
                const what = result.kind === 'provider' ? `provider ${result.providerId}` : result.kind === 'bonus' ? 'quality bonus' : 'earned';
                const label = `${loaded.file.display}:${result.line} "${settlement!.scenario}" ${what}`;
                if (result.passed) {
                    report.passed++;
                    if (!options.quiet && !machine) {
                        out.push(`${style.green('PASS')} ${label} ${settledMoney(result.actual, analysis.model)}`);
                    }
                } else {
                    report.failed++;
                    if (!machine) {
                        out.push(`${style.red('FAIL')} ${label}: expected ${settledMoney(result.expected, analysis.model)}, got ${settledMoney(result.actual, analysis.model)}`);
                    }
                }
            }
        }
        analysis.model.projections.forEach((projection, index) => {
            for (const result of analysis.projection(index)?.expectations ?? []) {
                const label = `${loaded.file.display}:${result.line} projection "${projection.name}" term ${result.kind}`;
                if (result.passed) {
                    report.passed++;
                    if (!options.quiet && !machine) {
                        out.push(`${style.green('PASS')} ${label} ${settledMoney(result.actual, analysis.model)}`);
                    }
                } else {
                    report.failed++;
                    if (!machine) {
                        out.push(`${style.red('FAIL')} ${label}: expected ${settledMoney(result.expected, analysis.model)}, got ${settledMoney(result.actual, analysis.model)}`);
                    }
                }
            }
        });
        if (options.update) {
            const edits = expectationEdits(loaded.document, analysis);
            if (edits.length > 0) {
                report.rewrite = { text: applyEdits(loaded.file.text, edits), changes: edits.length };
            }
        }
    }
    if (machine) {
        report.stderr = lines(out);
    } else {
        report.stdout = lines(out);
    }
}

async function formatReport(loaded: LoadedContract, report: FileReport): Promise<void> {
    const { parseResult } = loaded.document;
    if (parseResult.lexerErrors.length > 0 || parseResult.parserErrors.length > 0) {
        // The layout of a file that does not parse is ambiguous: leave it alone.
        report.skipped = 'has syntax errors';
        return;
    }
    const edits = await acoServices().lsp.Formatter!.formatDocument(loaded.document, {
        textDocument: { uri: loaded.document.uri.toString() },
        options: { tabSize: 4, insertSpaces: true }
    });
    const formatted = TextDocument.applyEdits(loaded.document.textDocument, edits);
    if (formatted !== loaded.file.text) {
        report.rewrite = { text: formatted, changes: edits.length };
    }
}

/** The report of one loaded contract for a command. */
export async function reportFile(loaded: LoadedContract, options: ReportOptions): Promise<FileReport> {
    const report = emptyReport(loaded);
    switch (options.command) {
        case 'validate':
            validateReport(loaded, options, report);
            break;
        case 'simulate':
            simulateReport(loaded, options, report);
            break;
        case 'test':
            testReport(loaded, options, report);
            break;
        case 'format':
            await formatReport(loaded, report);
            break;
    }
    return report;
}

/**
 * A contract with nothing in it: reporting on it first loads the language and builds the parser,
 * so the files after it are not charged for that (a worker thread's start, the benchmarks' passes).
 */
export const WARM_UP_FILE: ContractFile = { display: 'warm-up.aco', absolute: '/warm-up.aco', text: 'contract "Warm-up" { }\n' };

/** Loads a chunk of files, reports on each and releases them. */
export async function reportChunk(files: readonly ContractFile[], options: ReportOptions): Promise<FileReport[]> {
    const loaded = await loadContracts(files);
    const reports: FileReport[] = [];
    for (const contract of loaded) {
        reports.push(await reportFile(contract, options));
    }
    await releaseContracts(loaded);
    return reports;
}
