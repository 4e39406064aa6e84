/**
 * The `aco` command line: validate, simulate and test contracts with the same parser, validator
 * and settlement engine as the editor. Exit status: 0 fine, 1 contract errors or failed
 * expectations, 2 bad usage or unreadable input (CLI.md).
 */
import '../polyfills.js';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { createRequire } from 'node:module';
import { loadContracts, type LoadedContract } from './contracts.js';
import { collectContractPaths, InputError, readContract, writeFileAtomic } from './files.js';
import { fileJson } from './json-output.js';
import { formatContracts } from './format-command.js';
import { registerDiffCommand } from './diff-command.js';
import { junitXml } from './junit-output.js';
import { sarifLog } from './sarif-output.js';
import { registerSummaryCommand } from './summary-command.js';
import { applyEdits, expectationEdits } from './expect-update.js';
import { contractHeader, diagnosticLine, makeStyle, settlementText, type Style } from './text-output.js';
import { runMonteCarlo, SettlementError, type MonteCarloResult } from '../settlement/index.js';
import { runLanguageServerCommand } from '../lsp/worker-scripts.js';
import { Dec } from '../decimal.js';
import { formatPercent, settledMoney } from '../format.js';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

interface CommonOptions {
    format: string;
    quiet?: boolean;
    color: boolean;
}

function out(text = ''): void {
    process.stdout.write(text + '\n');
}

function styleFor(options: CommonOptions): Style {
    return makeStyle(options.color && process.stdout.isTTY === true && !process.env.NO_COLOR);
}

async function load(paths: string[]): Promise<LoadedContract[]> {
    return loadContracts(collectContractPaths(paths).map(readContract));
}

function printDiagnostics(contracts: readonly LoadedContract[], style: Style, quiet: boolean | undefined): void {
    for (const loaded of contracts) {
        for (const diagnostic of loaded.diagnostics) {
            if (quiet && diagnostic.severity !== 1) {
                continue;
            }
            out(diagnosticLine(loaded.file.display, diagnostic, style));
        }
    }
}

function count(n: number, word: string): string {
    return `${n} ${word}${n === 1 ? '' : 's'}`;
}

async function validateCommand(paths: string[], options: CommonOptions & { maxWarnings?: number }): Promise<number> {
    const contracts = await load(paths);
    const errors = contracts.reduce((n, c) => n + c.diagnostics.filter(d => d.severity === 1).length, 0);
    const warnings = contracts.reduce((n, c) => n + c.diagnostics.filter(d => d.severity === 2).length, 0);
    const maxWarnings = options.maxWarnings;
    if (options.format === 'json') {
        out(JSON.stringify({ files: contracts.map(c => fileJson(c, { scenarios: false })) }, null, 2));
    } else if (options.format === 'sarif') {
        out(JSON.stringify(sarifLog(contracts, version()), null, 2));
    } else {
        const style = styleFor(options);
        printDiagnostics(contracts, style, options.quiet);
        if (!options.quiet) {
            const summary = `${count(contracts.length, 'contract')}: ${count(errors, 'error')}, ${count(warnings, 'warning')}`;
            out(errors > 0 ? style.red(summary) : style.green(summary));
        }
    }
    if (errors > 0) {
        return EXIT_FAILED;
    }
    if (maxWarnings !== undefined && warnings > maxWarnings) {
        // On stderr, so JSON and SARIF on stdout stay valid documents.
        process.stderr.write(`Too many warnings: ${warnings} (the limit is ${maxWarnings}).\n`);
        return EXIT_FAILED;
    }
    return EXIT_OK;
}

interface SimulateOptions extends CommonOptions {
    scenario?: string;
    explain?: boolean;
    monteCarlo?: boolean;
    trials?: number;
    seed?: number;
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

async function simulateCommand(paths: string[], options: SimulateOptions): Promise<number> {
    const contracts = await load(paths);
    const style = styleFor(options);
    const results: Array<Record<string, unknown>> = [];
    let failed = false;
    for (const loaded of contracts) {
        const analysis = loaded.analysis;
        let monteCarlo: MonteCarloResult | undefined;
        if (!loaded.hasErrors && analysis && options.monteCarlo) {
            if (!analysis.model.uncertainty) {
                throw new InputError(`${loaded.file.display}: --monte-carlo needs an uncertainty block in the contract`);
            }
            monteCarlo = runMonteCarlo(analysis.model, { trials: options.trials, seed: options.seed });
        }
        if (options.scenario !== undefined && analysis && !analysis.model.scenarios.some(s => s.name === options.scenario)) {
            throw new InputError(`${loaded.file.display}: no scenario called "${options.scenario}"`);
        }
        failed ||= loaded.hasErrors;
        if (options.format === 'json') {
            results.push(fileJson(loaded, { scenarios: true, scenario: options.scenario, monteCarlo }));
            continue;
        }
        if (loaded.hasErrors || !analysis) {
            printDiagnostics([loaded], style, true);
            continue;
        }
        out(contractHeader(loaded.file.display, analysis.model, style));
        analysis.settlements.forEach((settlement, index) => {
            if (!settlement || (options.scenario !== undefined && settlement.scenario !== options.scenario)) {
                if (!settlement) {
                    out(`  Scenario "${analysis.model.scenarios[index].name}" cannot be settled: ${analysis.unsettled.get(index) ?? 'incomplete'}`);
                }
                return;
            }
            for (const line of settlementText(settlement, analysis.model, style, options.explain === true)) {
                out(line);
            }
        });
        if (analysis.settlements.length === 0) {
            out('  (no scenarios)');
        }
        if (monteCarlo) {
            monteCarloText(monteCarlo, loaded).forEach(l => out(l));
        }
        out();
    }
    if (options.format === 'json') {
        out(JSON.stringify({ files: results }, null, 2));
    }
    return failed ? EXIT_FAILED : EXIT_OK;
}

interface TestOptions extends CommonOptions {
    update?: boolean;
}

async function testCommand(paths: string[], options: TestOptions): Promise<number> {
    const contracts = await load(paths);
    const style = styleFor(options);
    let passed = 0;
    let failed = 0;
    let updated = 0;
    const lines: string[] = [];
    for (const loaded of contracts) {
        const analysis = loaded.analysis;
        if (loaded.hasErrors || !analysis) {
            failed++;
            lines.push(`${style.red('ERROR')} ${loaded.file.display}: the contract has errors`);
            printDiagnostics([loaded], style, true);
            continue;
        }
        for (const settlement of analysis.settlements) {
            for (const result of settlement?.expectations ?? []) {
                const what = result.kind === 'earned' ? 'earned' : `provider ${result.providerId}`;
                const label = `${loaded.file.display}:${result.line} "${settlement!.scenario}" ${what}`;
                if (result.passed) {
                    passed++;
                    if (!options.quiet) {
                        lines.push(`${style.green('PASS')} ${label} ${settledMoney(result.actual, analysis.model)}`);
                    }
                } else {
                    failed++;
                    lines.push(`${style.red('FAIL')} ${label}: expected ${settledMoney(result.expected, analysis.model)}, got ${settledMoney(result.actual, analysis.model)}`);
                }
            }
        }
        if (options.update) {
            const edits = expectationEdits(loaded.document, analysis);
            if (edits.length > 0) {
                writeFileAtomic(loaded.file.absolute, applyEdits(loaded.file.text, edits));
                updated += edits.length;
                lines.push(`${style.yellow('UPDATED')} ${loaded.file.display}: ${count(edits.length, 'expectation')} rewritten`);
            }
        }
    }
    if (options.format === 'json') {
        out(JSON.stringify({ files: contracts.map(c => fileJson(c, { scenarios: true })) }, null, 2));
    } else if (options.format === 'junit') {
        out(junitXml(contracts));
    } else {
        lines.forEach(l => out(l));
        out(`${passed} passed, ${failed} failed`);
    }
    if (options.update) {
        return contracts.some(c => c.hasErrors) ? EXIT_FAILED : EXIT_OK;
    }
    return failed > 0 || updated > 0 ? EXIT_FAILED : EXIT_OK;
}

async function formatCommand(paths: string[], options: CommonOptions & { check?: boolean }): Promise<number> {
    const outcomes = await formatContracts(paths, options.check === true);
    const style = styleFor(options);
    let unformatted = 0;
    for (const outcome of outcomes) {
        if (outcome.skipped) {
            process.stderr.write(`${outcome.file}: not formatted (${outcome.skipped})\n`);
            unformatted++;
        } else if (outcome.changed) {
            unformatted++;
            if (!options.quiet || options.check) {
                out(options.check ? `${style.yellow('would reformat')} ${outcome.file}` : `reformatted ${outcome.file}`);
            }
        }
    }
    if (!options.quiet) {
        out(options.check
            ? `${count(outcomes.length - unformatted, 'file')} formatted, ${count(unformatted, 'file')} not`
            : `${count(outcomes.length, 'file')} checked, ${outcomes.filter(o => o.changed).length} reformatted`);
    }
    return options.check && unformatted > 0 ? EXIT_FAILED : outcomes.some(o => o.skipped) ? EXIT_FAILED : EXIT_OK;
}

function version(): string {
    const require = createRequire(import.meta.url);
    for (const candidate of ['../../../package.json', '../../package.json']) {
        try {
            return (require(candidate) as { version: string }).version;
        } catch {
            // try the next layout (compiled output or sources)
        }
    }
    return '0.0.0';
}

/** Parses a whole-number option, rejecting anything else as bad usage (exit 2). */
function wholeNumber(minimum: number, maximum = Number.MAX_SAFE_INTEGER) {
    return (value: string): number => {
        const number = Number(value);
        if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(number) || number < minimum || number > maximum) {
            throw new InvalidArgumentError(`expected a whole number from ${minimum.toLocaleString('en-US')} to ${maximum.toLocaleString('en-US')}.`);
        }
        return number;
    };
}

function formatOption(choices: string[]): Option {
    return new Option('--format <format>', 'output format').choices(choices).default('text');
}

export function buildProgram(run: (code: number) => void): Command {
    const program = new Command('aco')
        .description('Validate, simulate and test Accountable Care Organization contracts (.aco files).')
        .version(version(), '--version')
        .exitOverride()
        .showHelpAfterError('(run `aco --help` for usage)');
    const common = (command: Command, formats: string[]): Command => command
        .addOption(formatOption(formats))
        .option('--quiet', 'print errors only')
        .option('--no-color', 'no colour (colour is off anyway when output is not a terminal)')
        .exitOverride();
    const wrap = <T>(action: (paths: string[], options: T) => Promise<number>) =>
        async (paths: string[], options: T): Promise<void> => run(await action(paths, options));

    common(program.command('validate').argument('<paths...>', 'contract files or directories')
        .description('parse and validate contracts (directories: every *.aco below)')
        .option('--max-warnings <n>', 'fail when there are more than n warnings', wholeNumber(0)), ['text', 'json', 'sarif'])
        .action(wrap(validateCommand));
    common(program.command('simulate').argument('<paths...>', 'contract files or directories')
        .description('settle every scenario and print what each party is paid')
        .option('--scenario <name>', 'only this scenario')
        .option('--explain', 'print the step-by-step waterfall')
        .option('--monte-carlo', 'run the uncertainty block')
        .option('--trials <n>', 'Monte Carlo trials (default: the contract\'s)', wholeNumber(1, 100_000_000))
        .option('--seed <n>', 'Monte Carlo seed (default: the contract\'s)', wholeNumber(0, 4_294_967_295)), ['text', 'json'])
        .action(wrap(simulateCommand));
    common(program.command('test').argument('<paths...>', 'contract files or directories')
        .description('check every expect line of every scenario')
        .option('--update', 'write the computed figures into failing expect lines'), ['text', 'json', 'junit'])
        .action(wrap(testCommand));
    registerSummaryCommand(program, run);
    registerDiffCommand(program, run);
    common(program.command('format').argument('<paths...>', 'contract files or directories')
        .description('rewrite contracts in the one canonical layout (the editor\'s formatter)')
        .option('--check', 'change nothing; exit 1 when a file is not formatted'), ['text'])
        .action(wrap(formatCommand));
    // The editor's language server, for any LSP client (docs/editor.md); it runs until the client exits.
    program.command('lsp').description('run the language server for an editor, over standard input and output')
        .option('--stdio', 'standard input and output (the default and only transport)')
        .exitOverride()
        .action(runLanguageServerCommand);
    return program;
}

/** Runs the CLI and returns its exit status; never throws for bad input. */
export async function main(argv: string[]): Promise<number> {
    // A reader that stops early (`aco … | head`) is not an error.
    process.stdout.on('error', error => {
        if ((error as NodeJS.ErrnoException).code === 'EPIPE') {
            process.exit(process.exitCode ?? EXIT_OK);
        }
        throw error;
    });
    let code = EXIT_OK;
    const program = buildProgram(c => { code = c; });
    try {
        await program.parseAsync(argv, { from: 'user' });
        return code;
    } catch (error) {
        if (error instanceof CommanderError) {
            // Help and version exit 0; every other commander error is bad usage.
            return error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? EXIT_OK : EXIT_USAGE;
        }
        if (error instanceof InputError) {
            process.stderr.write(`aco: ${error.message}\n`);
            return EXIT_USAGE;
        }
        if (error instanceof SettlementError) {
            process.stderr.write(`aco: ${error.message}\n`);
            return EXIT_FAILED;
        }
        process.stderr.write(`aco: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
        return EXIT_USAGE;
    }
}
