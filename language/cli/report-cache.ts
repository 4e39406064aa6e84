/**
 * `--cache`: the reports of files that have not changed since the last run are read back instead
 * of checked again, as `eslint --cache` does. A CI job that keeps the cache file between runs
 * checks only the contracts a change touched.
 *
 * A report is reused only when everything it depends on is the same: the file's path (as shown
 * and absolute), its exact text (SHA-256), the command and every option that shapes a report
 * (format, `--quiet`, colour, scenario, seed…) and the `aco` build itself (its version and a
 * hash of the running code, so any rebuild starts afresh). Contracts do not refer to one another,
 * so no other file matters. Reports that rewrite a file (`test --update`) or report bad usage are
 * never kept.
 *
 * The cache is one JSON file, replaced whole (written beside itself and renamed, so an
 * interrupted run leaves the old one), in a folder made for it if need be. One that cannot be
 * read, or was written by another build, is ignored; one that cannot be written is reported on
 * stderr and the run's result stands.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileReport, ReportOptions } from './file-report.js';
import { displayPath, type ContractFile } from './files.js';
import { writeOutputFile } from './output-file.js';
import { toolVersion } from './version.js';

/** Where `--cache` keeps its file unless `--cache-location` says otherwise (in the working directory). */
export const DEFAULT_CACHE_FILE = '.acocache';

/** Bumped when the file's layout changes. */
const LAYOUT = 1;

interface CacheFile {
    layout: number;
    /** The build that wrote it. */
    build: string;
    entries: Record<string, { sha256: string; report: FileReport }>;
}

function sha256(text: string): string {
    return createHash('sha256').update(text).digest('hex');
}

let buildHash: string | undefined;
/** The file of the running code: this module's own (in the bundle, the whole CLI) unless set. */
let runningCode: string | undefined;

/** Names the file the running code was built from (a run from the startup snapshot: the bundle beside it). */
export function setRunningCode(file: string): void {
    runningCode = file;
    buildHash = undefined;
}

/** The running `aco`: its version and a hash of the code of its file. */
function currentBuild(): string {
    if (buildHash === undefined) {
        let code = '';
        try {
            code = fs.readFileSync(runningCode ?? fileURLToPath(import.meta.url), 'utf-8');
        } catch {
            // No file to read (an unusual loader): the version alone.
        }
        buildHash = sha256(code);
    }
    return `${toolVersion()} ${buildHash}`;
}

function keyOf(file: ContractFile, options: ReportOptions): string {
    return JSON.stringify([file.absolute, file.display, options]);
}

/** Whether a report can be kept: it rewrites nothing and reports no bad usage. */
function keepable(report: FileReport): boolean {
    return report.rewrite === undefined && report.usageError === undefined;
}

export class ReportCache {
    /** The keys this run looked up or stored: kept whether or not their files still exist. */
    private readonly used = new Set<string>();

    private constructor(private readonly location: string, private readonly build: string, private readonly entries: CacheFile['entries']) {}

    /** The cache at `location`, empty when there is none, it cannot be read or another build wrote it. */
    static open(location: string): ReportCache {
        const build = currentBuild();
        let entries: CacheFile['entries'] = {};
        try {
            const saved = JSON.parse(fs.readFileSync(location, 'utf-8')) as Partial<CacheFile>;
            if (saved.layout === LAYOUT && saved.build === build && saved.entries && typeof saved.entries === 'object') {
                entries = saved.entries;
            }
        } catch {
            // No cache yet, or not one of ours: start empty.
        }
        return new ReportCache(location, build, entries);
    }

    /** The saved report of this file, if nothing it depends on has changed. */
    lookup(file: ContractFile, options: ReportOptions): FileReport | undefined {
        const key = keyOf(file, options);
        const entry = this.entries[key];
        if (entry && entry.sha256 === sha256(file.text)) {
            this.used.add(key);
            return entry.report;
        }
        return undefined;
    }

    store(file: ContractFile, options: ReportOptions, report: FileReport): void {
        const key = keyOf(file, options);
        if (keepable(report)) {
            this.entries[key] = { sha256: sha256(file.text), report };
            this.used.add(key);
        } else {
            delete this.entries[key];
        }
    }

    /**
     * Writes the cache: this run's entries and those of other runs whose files still exist.
     * Returns a message for stderr when it cannot be written.
     */
    save(): string | undefined {
        const entries: CacheFile['entries'] = {};
        for (const [key, entry] of Object.entries(this.entries)) {
            if (this.used.has(key) || fs.existsSync(entry.report.absolute)) {
                entries[key] = entry;
            }
        }
        const saved: CacheFile = { layout: LAYOUT, build: this.build, entries };
        // A CI job restores the cache's folder only once there is a cache to restore.
        const folder = path.dirname(path.resolve(this.location));
        try {
            fs.mkdirSync(folder, { recursive: true });
        } catch (error) {
            const code = (error as NodeJS.ErrnoException).code ?? String(error);
            return `aco: ${displayPath(folder)}: cannot be made a folder for the cache (${code === 'EEXIST' ? 'a file is in the way' : code}); the cache was not updated`;
        }
        // A folder or a device in the way (writeOutputFile would suggest `-`, which a cache cannot be).
        const existing = fs.statSync(this.location, { throwIfNoEntry: false });
        if (existing && !existing.isFile()) {
            return `aco: ${displayPath(path.resolve(this.location))}: not a regular file; the cache was not updated`;
        }
        try {
            writeOutputFile(this.location, JSON.stringify(saved) + '\n');
            return undefined;
        } catch (error) {
            return `aco: ${error instanceof Error ? error.message : String(error)}; the cache was not updated`;
        }
    }
}
