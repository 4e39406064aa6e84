/**
 * What the commands that take many files (`validate`, `simulate`, `test`, `format`) share: their
 * common options, reading every input before any output, the per-file report options, and writing
 * a rewritten contract back as one entry of a batch (reported, never fatal to the rest).
 */
import { collectContractPaths, InputError, readContract, type ContractFile } from './files.js';
import type { CommandName, FileReport, ReportOptions } from './file-report.js';
import { commitWrite, isStandardOutput, planWrite, stageWrite } from './output-file.js';
import { DEFAULT_CACHE_FILE, ReportCache } from './report-cache.js';
import { ReportPool } from './report-pool.js';
import { makeStyle, type Style } from './text-output.js';

export interface CommonOptions {
    format: string;
    quiet?: boolean;
    color: boolean;
    /** Threads to check contracts on. */
    jobs?: number;
    /** `--cache`: reuse the reports of unchanged files (report-cache.ts). */
    cache?: boolean;
    /** `--cache-location`: the cache file (implies `--cache`). */
    cacheLocation?: string;
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
 * reported, while the pool's workers start. With a cache, files whose reports it holds are not
 * checked again.
 */
export async function runReports(inputs: string[], options: ReportOptions, jobs: number | undefined, onReport: (report: FileReport) => void | Promise<void>,
    cacheLocation?: string): Promise<number> {
    const paths = collectContractPaths(inputs);
    if (cacheLocation !== undefined) {
        return runCachedReports(paths, options, jobs, onReport, cacheLocation);
    }
    const pool = new ReportPool(options, jobs, paths.length);
    try {
        const files: ContractFile[] = paths.map(readContract);
        await pool.run(files, onReport);
        return files.length;
    } finally {
        await pool.close();
    }
}

/**
 * `runReports` with the cache at `location`: saved reports are delivered in their place among
 * the ones the pool makes, and the cache is written once every report has been delivered.
 */
async function runCachedReports(paths: string[], options: ReportOptions, jobs: number | undefined, onReport: (report: FileReport) => void | Promise<void>,
    location: string): Promise<number> {
    const files: ContractFile[] = paths.map(readContract);
    const cache = ReportCache.open(location);
    const saved = files.map(file => cache.lookup(file, options));
    const misses = files.filter((_, index) => saved[index] === undefined);
    // Sized for the files left to check: a run that finds most reports in the cache starts no worker.
    const pool = new ReportPool(options, jobs, misses.length);
    let next = 0;
    const deliverSaved = async (): Promise<void> => {
        while (next < files.length && saved[next] !== undefined) {
            await onReport(saved[next++]!);
        }
    };
    try {
        // The pool's reports come in the order of `misses`: each is the next file without a saved report.
        await pool.run(misses, async report => {
            await deliverSaved();
            cache.store(files[next++], options, report);
            await onReport(report);
        });
        await deliverSaved();
    } finally {
        await pool.close();
    }
    const problem = cache.save();
    if (problem) {
        process.stderr.write(problem + '\n');
    }
    return files.length;
}

/** Where `--cache` or `--cache-location` keeps the cache; undefined without either. */
export function cacheLocationOf(options: CommonOptions): string | undefined {
    if (options.cacheLocation !== undefined && isStandardOutput(options.cacheLocation)) {
        throw new InputError(`--cache-location ${options.cacheLocation}: the cache is a file, not standard output`);
    }
    return options.cacheLocation ?? (options.cache ? DEFAULT_CACHE_FILE : undefined);
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
