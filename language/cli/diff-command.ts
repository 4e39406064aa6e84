/**
 * `aco diff OLD NEW [--format text|json|md|html]`: term-by-term changes between two versions of a
 * contract and their payout impact under each scenario of NEW; `md` and `html` are the amendment
 * in the summary's first-page style, with both files' hashes for the sign-off. Exit status: 0 (a
 * difference is not a failure); 1 when either contract has errors (their diagnostics are
 * printed); 2 for bad input (an `InputError`).
 */
import { Option, type Command } from 'commander';
import { contractDiff, diffHtml, diffJson, diffMarkdown, diffText } from '../diff/index.js';
import { noticesOf } from '../summary/index.js';
import { makeStyle } from './text-output.js';
import { loadContracts } from './contracts.js';
import { readOneContract } from './files.js';
import { printDiagnosticsToStderr, signOffOf, stderrStyle } from './summary-command.js';

export interface DiffCommandOptions {
    format?: 'text' | 'json' | 'md' | 'html';
    quiet?: boolean;
    /** False with `--no-color`. */
    color?: boolean;
}

export async function diffCommand(oldPath: string, newPath: string, options: DiffCommandOptions = {}): Promise<number> {
    const oldFile = readOneContract(oldPath, 'diff');
    const newFile = readOneContract(newPath, 'diff');
    // One at a time: OLD and NEW may be the same file.
    const [before] = await loadContracts([oldFile]);
    const [after] = await loadContracts([newFile]);
    const errorStyle = stderrStyle(options.color);
    let failed = false;
    for (const loaded of [before, after]) {
        if (loaded.hasErrors || !loaded.analysis) {
            printDiagnosticsToStderr(loaded, errorStyle, true);
            process.stderr.write(`${loaded.file.display}: the contract has errors\n`);
            failed = true;
        }
    }
    if (failed) {
        return 1;
    }
    const oldModel = before.analysis!.model;
    const newModel = after.analysis!.model;
    const diff = contractDiff(oldModel, newModel);
    const labels = { old: oldFile.display, new: newFile.display };
    if (options.format === 'md' || options.format === 'html') {
        const document = { diff, before: oldModel, after: newModel, labels, notices: noticesOf(after.diagnostics), signOff: { old: signOffOf(oldFile), new: signOffOf(newFile) } };
        process.stdout.write(options.format === 'md' ? diffMarkdown(document) : diffHtml(document));
    } else if (options.format === 'json') {
        process.stdout.write(JSON.stringify(diffJson(diff, oldModel, newModel, labels), null, 2) + '\n');
    } else {
        const style = makeStyle(options.color !== false && process.stdout.isTTY === true && !process.env.NO_COLOR);
        process.stdout.write(diffText(diff, oldModel, newModel, labels, style).join('\n') + '\n');
    }
    return 0;
}

/** Adds `aco diff` to a commander program; `run` receives the exit status. */
export function registerDiffCommand(program: Command, run: (code: number) => void): Command {
    return program.command('diff')
        .argument('<old>', 'the earlier version of the contract')
        .argument('<new>', 'the later version of the contract')
        .description('term-by-term changes between two versions of a contract, and their payout impact under each scenario of NEW')
        .addOption(new Option('--format <format>', 'output format (md and html: the amendment for the people who approve it)').choices(['text', 'json', 'md', 'html']).default('text'))
        .option('--quiet', 'print errors only')
        .option('--no-color', 'no colour (colour is off anyway when output is not a terminal)')
        .exitOverride()
        .action(async (oldPath: string, newPath: string, options: DiffCommandOptions) => {
            run(await diffCommand(oldPath, newPath, options));
        });
}
