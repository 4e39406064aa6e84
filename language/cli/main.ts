/**
 * The `aco` command line: validate, simulate and test contracts with the same parser, validator
 * and settlement engine as the editor. Exit status: 0 fine, 1 contract errors or failed
 * expectations, 2 bad usage or unreadable input (CLI.md).
 */
import '../polyfills.js';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { InputError } from './files.js';
import { formatCommand } from './format-command.js';
import { registerDiffCommand } from './diff-command.js';
import { simulateCommand } from './simulate-command.js';
import { registerSummaryCommand } from './summary-command.js';
import { testCommand } from './test-command.js';
import { validateCommand, type ValidateOptions } from './validate-command.js';
import { toolVersion as version } from './version.js';
import { DEFAULT_CACHE_FILE } from './report-cache.js';
import { SettlementError } from '../settlement/index.js';
import { MAX_TRIALS } from '../limits.js';
import { runLanguageServerCommand } from '../lsp/worker-scripts.js';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

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

/** More threads than this only cost memory. */
const MAX_JOBS = 256;

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
    // For the commands that take many files: large runs are checked on every core.
    const jobs = (command: Command): Command => command
        .option('--jobs <n>', 'threads to check contracts on (default: one per core when a run has tens of thousands of files)', wholeNumber(1, MAX_JOBS));
    // For the commands whose reports depend on nothing but the file and the options (not `format`, which rewrites).
    const cached = (command: Command): Command => command
        .option('--cache', `reuse the reports of files unchanged since the last run (kept in ${DEFAULT_CACHE_FILE})`)
        .option('--cache-location <file>', 'the cache file (implies --cache)');
    const wrap = <T>(action: (paths: string[], options: T) => Promise<number>) =>
        async (paths: string[], options: T): Promise<void> => run(await action(paths, options));

    common(cached(jobs(program.command('validate').argument('<paths...>', 'contract files or directories')
        .description('parse and validate contracts (directories: every *.aco below)')
        .option('--max-warnings <n>', 'fail when there are more than n warnings', wholeNumber(0)))), ['text', 'json', 'sarif'])
        .action(wrap((paths: string[], options: ValidateOptions) => validateCommand(paths, options, version())));
    common(cached(jobs(program.command('simulate').argument('<paths...>', 'contract files or directories')
        .description('settle every scenario and print what each party is paid')
        .option('--scenario <name>', 'only this scenario')
        .option('--explain', 'print the step-by-step waterfall')
        .option('--monte-carlo', 'run the uncertainty block')
        .option('--trials <n>', 'Monte Carlo trials (default: the contract\'s)', wholeNumber(1, MAX_TRIALS))
        .option('--seed <n>', 'Monte Carlo seed (default: the contract\'s)', wholeNumber(0, 4_294_967_295)))), ['text', 'json'])
        .action(wrap(simulateCommand));
    common(cached(jobs(program.command('test').argument('<paths...>', 'contract files or directories')
        .description('check every expect line of every scenario')
        .option('--update', 'write the computed figures into failing expect lines')
        .option('--force', 'with --update, also rewrite read-only and hard-linked files'))), ['text', 'json', 'junit'])
        .action(wrap(testCommand));
    registerSummaryCommand(program, run);
    registerDiffCommand(program, run);
    common(jobs(program.command('format').argument('<paths...>', 'contract files or directories')
        .description('rewrite contracts in the one canonical layout (the editor\'s formatter)')
        .option('--check', 'change nothing; exit 1 when a file is not formatted')
        .option('--force', 'also rewrite read-only and hard-linked files')), ['text'])
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
