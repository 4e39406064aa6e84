/**
 * `aco summary PATH [--format md|html|pdf] [-o FILE]`: a human-readable summary of one contract.
 * PDF is the HTML summary printed by Chromium (summary/pdf.ts); the sign-off facts (the file's
 * SHA-256, the date, from SOURCE_DATE_EPOCH when set, and the version) and the validation
 * findings for the banner are gathered here.
 * Without `-o` the summary goes to stdout (Markdown with its charts as data-URI images); with
 * `-o` it is written atomically, and a Markdown summary's SVG charts are written beside it
 * (`NAME-payout.svg`, `NAME-monte-carlo.svg`). Diagnostics go to stderr so they never mix with a
 * summary on stdout. Exit status: 0, 1 when the contract has errors, 2 for bad input (an
 * `InputError`, which the program turns into status 2).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Option, type Command } from 'commander';
import {
    contentHash, generationDate, GenerationDateError, htmlToPdf, noticesOf, paperFor, PdfError, requireChromium, summaryHtml, summaryMarkdown,
    summaryMonteCarlo, summaryInputOf, type SignOff, type SummaryInput
} from '../summary/index.js';
import { loadContracts, type LoadedContract } from './contracts.js';
import { InputError, readOneContract } from './files.js';
import { abortWrite, commitWrite, isStandardOutput, planWrite, stageWrite, type StagedWrite, type WritePlan } from './output-file.js';
import { diagnosticLine, makeStyle, type Style } from './text-output.js';
import { packageVersion } from './version.js';

export interface SummaryCommandOptions {
    format: 'md' | 'html' | 'pdf';
    /** Write here (charts beside it) instead of stdout. */
    output?: string;
    /** Print errors only (no warnings, no "wrote" line). */
    quiet?: boolean;
    /** False with `--no-color`. */
    color?: boolean;
    /** Rewrite a read-only or hard-linked output file. */
    force?: boolean;
}

/**
 * Writes the summary to `output` and, for Markdown, its charts beside it; returns the charts'
 * paths as shown. Every file is planned and staged before any is committed, so when the summary
 * cannot be written no chart is left behind, and the Markdown never links to a missing chart.
 */
function writeSummaryFiles(plan: WritePlan, output: string, format: 'md' | 'html', input: SummaryInput, force: boolean): string[] {
    if (format === 'html') {
        commitWrite(stageWrite(plan, summaryHtml(input)));
        return [];
    }
    const chartBaseName = path.basename(plan.file).replace(/\.[^.]*$/, '');
    const { markdown, files } = summaryMarkdown(input, { chartBaseName });
    const charts = files.map(chart => ({ shown: path.join(path.dirname(output), chart.name), plan: planWrite(path.join(path.dirname(plan.file), chart.name), { force }), content: chart.content }));
    const staged: StagedWrite[] = [];
    try {
        staged.push(stageWrite(plan, markdown));
        for (const chart of charts) {
            staged.push(stageWrite(chart.plan, chart.content));
        }
    } catch (error) {
        staged.forEach(abortWrite);
        throw error;
    }
    // Charts first, so the Markdown never refers to a chart that is not there yet.
    for (const write of [...staged.slice(1), staged[0]]) {
        commitWrite(write);
    }
    return charts.map(c => c.shown);
}

export function stderrStyle(color: boolean | undefined): Style {
    return makeStyle(color !== false && process.stderr.isTTY === true && !process.env.NO_COLOR);
}

/** Prints a contract's diagnostics to stderr: errors always, the rest unless quiet. */
export function printDiagnosticsToStderr(loaded: LoadedContract, style: Style, quiet: boolean | undefined): void {
    for (const diagnostic of loaded.diagnostics) {
        if (quiet && diagnostic.severity !== 1) {
            continue;
        }
        process.stderr.write(diagnosticLine(loaded.file.display, diagnostic, style) + '\n');
    }
}

/** The sign-off facts of a contract file: its bytes' SHA-256, the generation date, the tool version. */
export function signOffOf(file: { display: string; absolute: string }): SignOff {
    try {
        const version = packageVersion();
        return { file: file.display, sha256: contentHash(fs.readFileSync(file.absolute)), generated: generationDate(), ...(version ? { toolVersion: version } : {}) };
    } catch (error) {
        throw new InputError(error instanceof GenerationDateError ? error.message : `${file.display}: ${error instanceof Error ? error.message : String(error)}`);
    }
}

/** PDF bytes to the planned file: a temporary file beside it, renamed into place (output-file.ts stages text). */
function writePdf(plan: WritePlan, bytes: Uint8Array): void {
    const temporary = path.join(path.dirname(plan.file), `.${path.basename(plan.file)}.${process.pid}.tmp`);
    try {
        fs.writeFileSync(temporary, bytes, { flag: 'w', mode: 0o644 });
        fs.renameSync(temporary, plan.file);
    } catch (error) {
        fs.rmSync(temporary, { force: true });
        throw new InputError(`${plan.display}: cannot be written (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
}

export async function summaryCommand(input: string, options: SummaryCommandOptions): Promise<number> {
    const format = options.format ?? 'md';
    if (format !== 'md' && format !== 'html' && format !== 'pdf') {
        throw new InputError(`--format ${String(format)}: the summary is md, html or pdf`);
    }
    if (format === 'pdf') {
        // Before any work: without Chromium there is nothing to print with.
        try {
            requireChromium();
        } catch (error) {
            throw new InputError(error instanceof PdfError ? error.message : String(error));
        }
    }
    const file = readOneContract(input, 'summary');
    // Refused before any work: a device, a read-only file, a folder that does not exist.
    const toStdout = options.output === undefined || isStandardOutput(options.output);
    const plan = toStdout ? undefined : planWrite(options.output!, { force: options.force });
    const [loaded] = await loadContracts([file]);
    const style = stderrStyle(options.color);
    const analysis = loaded.analysis;
    // Warnings are worth seeing (a failing expectation), but only on stderr.
    printDiagnosticsToStderr(loaded, style, options.quiet || loaded.hasErrors);
    if (loaded.hasErrors || !analysis) {
        process.stderr.write(`${file.display}: the contract has errors; no summary written\n`);
        return 1;
    }
    const monteCarlo = summaryMonteCarlo(analysis.model);
    if (analysis.model.uncertainty && !monteCarlo) {
        // Never a summary that silently lacks the section its contract asks for.
        process.stderr.write(`${file.display}: the uncertainty block cannot be run; no summary written\n`);
        return 1;
    }
    const summaryInput = summaryInputOf(analysis, monteCarlo, { notices: noticesOf(loaded.diagnostics), signOff: signOffOf(file) });

    if (format === 'pdf') {
        if (!plan && process.stdout.isTTY) {
            throw new InputError('--format pdf writes a binary file: give -o FILE.pdf, or redirect standard output');
        }
        let bytes: Uint8Array;
        try {
            bytes = await htmlToPdf(summaryHtml(summaryInput), { paper: paperFor(analysis.model) });
        } catch (error) {
            throw new InputError(error instanceof Error ? error.message : String(error));
        }
        if (!plan || plan.kind === 'stdout') {
            process.stdout.write(bytes);
        } else {
            writePdf(plan, bytes);
        }
        if (plan && plan.kind !== 'stdout' && !options.quiet) {
            process.stdout.write(`Wrote ${options.output}\n`);
        }
        return 0;
    }

    if (!plan) {
        const text = format === 'html' ? summaryHtml(summaryInput) : summaryMarkdown(summaryInput, { inlineCharts: true }).markdown;
        process.stdout.write(text);
        return 0;
    }

    const written = writeSummaryFiles(plan, options.output!, format, summaryInput, options.force === true);
    if (!options.quiet) {
        const charts = written.length > 0 ? ` (charts: ${written.join(', ')})` : '';
        process.stdout.write(`Wrote ${options.output}${charts}\n`);
    }
    return 0;
}

/** Adds `aco summary` to a commander program; `run` receives the exit status. */
export function registerSummaryCommand(program: Command, run: (code: number) => void): Command {
    return program.command('summary')
        .argument('<path>', 'the contract file')
        .description('a human-readable summary of the contract: terms in plain English, waterfalls, break-even points, payout curve')
        .addOption(new Option('--format <format>', 'output format (pdf: the HTML printed by Chromium)').choices(['md', 'html', 'pdf']).default('md'))
        .option('-o, --output <file>', 'write the summary to this file (Markdown charts beside it) instead of stdout')
        .option('--force', 'rewrite the output file even when it is read-only or has other hard links')
        .option('--quiet', 'print errors only')
        .option('--no-color', 'no colour (colour is off anyway when output is not a terminal)')
        .exitOverride()
        .action(async (input: string, options: SummaryCommandOptions) => {
            run(await summaryCommand(input, options));
        });
}
