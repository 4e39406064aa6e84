/**
 * `aco summary PATH [--format md|html] [-o FILE]`: a human-readable summary of one contract.
 * Without `-o` the summary goes to stdout (Markdown with its charts as data-URI images); with
 * `-o` it is written atomically, and a Markdown summary's SVG charts are written beside it
 * (`NAME-payout.svg`, `NAME-monte-carlo.svg`). Diagnostics go to stderr so they never mix with a
 * summary on stdout. Exit status: 0, 1 when the contract has errors, 2 for bad input (an
 * `InputError`, which the program turns into status 2).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Option, type Command } from 'commander';
import { summaryHtml, summaryMarkdown, summaryMonteCarlo, summaryInputOf } from '../summary/index.js';
import { loadContracts, type LoadedContract } from './contracts.js';
import { InputError, readOneContract, writeFileAtomic } from './files.js';
import { diagnosticLine, makeStyle, type Style } from './text-output.js';

export interface SummaryCommandOptions {
    format: 'md' | 'html';
    /** Write here (charts beside it) instead of stdout. */
    output?: string;
    /** Print errors only (no warnings, no "wrote" line). */
    quiet?: boolean;
    /** False with `--no-color`. */
    color?: boolean;
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

export async function summaryCommand(input: string, options: SummaryCommandOptions): Promise<number> {
    const format = options.format ?? 'md';
    if (format !== 'md' && format !== 'html') {
        throw new InputError(`--format ${String(format)}: the summary is md or html`);
    }
    const file = readOneContract(input, 'summary');
    const [loaded] = await loadContracts([file]);
    const style = stderrStyle(options.color);
    const analysis = loaded.analysis;
    // Warnings are worth seeing (a failing expectation), but only on stderr.
    printDiagnosticsToStderr(loaded, style, options.quiet || loaded.hasErrors);
    if (loaded.hasErrors || !analysis) {
        process.stderr.write(`${file.display}: the contract has errors; no summary written\n`);
        return 1;
    }
    const summaryInput = summaryInputOf(analysis, summaryMonteCarlo(analysis.model));

    if (options.output === undefined) {
        const text = format === 'html' ? summaryHtml(summaryInput) : summaryMarkdown(summaryInput, { inlineCharts: true }).markdown;
        process.stdout.write(text);
        return 0;
    }

    const target = path.resolve(options.output);
    const directory = path.dirname(target);
    if (!fs.existsSync(directory) || !fs.statSync(directory).isDirectory()) {
        throw new InputError(`${options.output}: the folder ${path.dirname(options.output)} does not exist`);
    }
    const written: string[] = [];
    if (format === 'html') {
        writeFileAtomic(target, summaryHtml(summaryInput));
    } else {
        const chartBaseName = path.basename(target).replace(/\.[^.]*$/, '');
        const { markdown, files } = summaryMarkdown(summaryInput, { chartBaseName });
        // Charts first, so the Markdown never refers to a chart that is not there yet.
        for (const chart of files) {
            writeFileAtomic(path.join(directory, chart.name), chart.content);
            written.push(path.join(path.dirname(options.output), chart.name));
        }
        writeFileAtomic(target, markdown);
    }
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
        .addOption(new Option('--format <format>', 'output format').choices(['md', 'html']).default('md'))
        .option('-o, --output <file>', 'write the summary to this file (Markdown charts beside it) instead of stdout')
        .option('--quiet', 'print errors only')
        .option('--no-color', 'no colour (colour is off anyway when output is not a terminal)')
        .exitOverride()
        .action(async (input: string, options: SummaryCommandOptions) => {
            run(await summaryCommand(input, options));
        });
}
