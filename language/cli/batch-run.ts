/**
 * What the commands that take many files (`validate`, `simulate`, `test`, `format`) share: their
 * common options, reading every input before any output, the per-file report options, and writing
 * a rewritten contract back as one entry of a batch (reported, never fatal to the rest).
 */
import { collectContractPaths, InputError, readContract, type ContractFile } from './files.js';
import type { CommandName, FileReport, ReportOptions } from './file-report.js';
import { commitWrite, planWrite, stageWrite } from './output-file.js';
import { ReportPool } from './report-pool.js';
import { makeStyle, type Style } from './text-output.js';

export interface CommonOptions {
    format: string;
    quiet?: boolean;
    color: boolean;
    /** Threads to check contracts on. */
    jobs?: number;
}

export function out(text = ''): void {
    process.stdout.write(text + '\n');
}

export function count(n: number, word: string): string {
    return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function colorOn(stream: NodeJS.WriteStream, options: CommonOptions): boolean {
    return options.color && stream.isTTY === true && !process.env.NO_COLOR;
}

export function stdoutStyle(options: CommonOptions): Style {
    return makeStyle(colorOn(process.stdout, options));
}

export function stderrStyle(options: CommonOptions): Style {
    return makeStyle(colorOn(process.stderr, options));
}

/**
 * Reports on every contract the inputs name, calling `onReport` in file order; returns how many
 * files there were. Every file is read (and every unreadable one refused) before anything is
 * reported, while the pool's workers start.
 */
export async function runReports(inputs: string[], options: ReportOptions, jobs: number | undefined, onReport: (report: FileReport) => void | Promise<void>): Promise<number> {
    const paths = collectContractPaths(inputs);
    const pool = new ReportPool(options, jobs, paths.length);
    try {
        const files: ContractFile[] = paths.map(readContract);
        await pool.run(files, onReport);
        return files.length;
    } finally {
        await pool.close();
    }
}

/** The threads `--jobs` asks for; undefined leaves it to the pool (one per core, for runs that repay it). */
export function jobsOf(options: CommonOptions): number | undefined {
    return options.jobs;
}

export function reportOptions(command: CommandName, options: CommonOptions, extra: Partial<ReportOptions> = {}): ReportOptions {
    return {
        command,
        format: options.format,
        quiet: options.quiet === true,
        color: colorOn(process.stdout, options),
        errorColor: colorOn(process.stderr, options),
        ...extra
    };
}

/**
 * Writes a report's new text over its file. A file that cannot be written is reported on stderr
 * and returns false; the batch goes on with the next file.
 */
export function writeRewrite(report: FileReport, force: boolean): boolean {
    try {
        commitWrite(stageWrite(planWrite(report.absolute, { force, symlinks: 'follow' }), report.rewrite!.text));
        return true;
    } catch (error) {
        if (error instanceof InputError) {
            process.stderr.write(`aco: ${error.message}\n`);
            return false;
        }
        throw error;
    }
}
