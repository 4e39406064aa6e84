/**
 * Runs a command's per-file reports over many files on every core: the files are cut into chunks,
 * and this thread and worker threads (each with its own language services) take chunks until none
 * is left. Reports come back in file order whichever thread made them, so the output of a run
 * does not depend on how many threads it used. Small runs stay on this thread: a worker costs
 * more to start than a few hundred contracts cost to check.
 *
 * Workers are started as soon as the number of files is known, before the files are read, so a
 * worker loads the language and builds its parser while this thread reads.
 */
import { createRequire } from 'node:module';
import * as os from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { ContractFile } from './files.js';
import { reportChunk, type FileReport, type ReportOptions } from './file-report.js';

/** A chunk is at most this many files or bytes, whichever comes first. */
const CHUNK_FILES = 64;
const CHUNK_BYTES = 512 * 1024;
/**
 * Unless `--jobs` asks for threads, a worker is started for about this many files or bytes: a
 * worker costs about two seconds of CPU to start (loading the language, building its parser,
 * optimising its code afresh), which the files it takes must repay. On two cores one thread
 * already has the second core to itself for V8's compiler and collector threads (a third of the
 * CPU of a run), so a worker competes with them: over the 5,460 oracle contracts (and 21,840 in
 * a busier test) `--jobs 2` took longer than `--jobs 1`.
 */
const FILES_PER_THREAD = 12_000;
const BYTES_PER_THREAD = 4 * 1024 * 1024;
/** Chunks handed to a worker ahead of time, so it never waits for this thread. */
const CHUNKS_IN_FLIGHT = 2;

let workerScript: string | undefined;

/**
 * node:worker_threads, loaded when the first worker starts. Never while the startup snapshot is
 * built (snapshot-main.ts): Node's worker module sets up state at load that a snapshot's heap does
 * not keep, and workers started from such a process fail.
 */
function workerThreads(): typeof import('node:worker_threads') {
    return createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
}

/** The script a worker thread runs (the `aco` entry point itself); without one, every report is made on this thread. */
export function setWorkerScript(script: string): void {
    workerScript = script;
}

/** The default number of threads: one per core. */
export function defaultJobs(): number {
    return Math.max(1, os.availableParallelism());
}

export interface Chunk {
    files: ContractFile[];
}

/** The files cut into the chunks a run hands out, in order (the portfolio benchmark cuts them alike). */
export function chunksOf(files: readonly ContractFile[]): Chunk[] {
    const chunks: Chunk[] = [];
    let current: Chunk | undefined;
    let bytes = 0;
    for (const file of files) {
        if (!current || current.files.length >= CHUNK_FILES || bytes >= CHUNK_BYTES) {
            current = { files: [] };
            chunks.push(current);
            bytes = 0;
        }
        current.files.push(file);
        bytes += file.text.length;
    }
    return chunks;
}

export interface ReportMessage {
    id: number;
    reports?: FileReport[];
    error?: string;
}

/** Yields to the event loop, so worker messages and signals are handled between chunks. */
function nextTurn(): Promise<void> {
    return new Promise(resolve => setImmediate(resolve));
}

interface PoolWorker {
    worker: Worker;
    /** Chunks sent and not yet answered. */
    outstanding: number;
}

export class ReportPool {
    private readonly workers: PoolWorker[] = [];

    /**
     * A pool for `fileCount` files: `jobs` threads (this one included) when the user asked for
     * them, else as many as the files repay, up to one per core.
     */
    constructor(private readonly options: ReportOptions, private readonly jobs: number | undefined, private readonly fileCount: number) {
        this.grow(jobs ?? Math.floor(fileCount / FILES_PER_THREAD));
    }

    /** Starts workers until the pool has `threads` threads, no more than the files' chunks or (by default) the cores. */
    private grow(threads: number): void {
        const chunks = Math.ceil(this.fileCount / CHUNK_FILES);
        const wanted = workerScript ? Math.max(1, Math.min(threads, chunks, this.jobs ?? defaultJobs())) : 1;
        while (this.workers.length + 1 < wanted) {
            const worker = new (workerThreads().Worker)(workerScript!, { workerData: { options: this.options } });
            this.workers.push({ worker, outstanding: 0 });
        }
    }

    /**
     * Reports on every file, calling `onReport` for each report in file order as soon as it and
     * every report before it are ready. If `onReport` throws, the run stops and the error is thrown.
     */
    async run(files: readonly ContractFile[], onReport: (report: FileReport) => void | Promise<void>): Promise<void> {
        if (this.jobs === undefined) {
            this.grow(Math.floor(files.reduce((n, f) => n + f.text.length, 0) / BYTES_PER_THREAD));
        }
        const chunks = chunksOf(files);
        const results: Array<FileReport[] | undefined> = new Array(chunks.length);
        let next = 0;
        let delivered = 0;
        let failure: unknown;
        let delivering = Promise.resolve();

        // In order, one at a time, however the chunks finish.
        const deliver = (): Promise<void> => {
            delivering = delivering.then(async () => {
                while (failure === undefined && delivered < chunks.length && results[delivered]) {
                    for (const report of results[delivered]!) {
                        await onReport(report);
                    }
                    results[delivered] = [];
                    delivered++;
                }
            }).catch(error => {
                failure ??= error;
            });
            return delivering;
        };

        const finished = this.workers.map(entry => new Promise<void>((resolve) => {
            const { worker } = entry;
            const dispatch = (): void => {
                while (entry.outstanding < CHUNKS_IN_FLIGHT && next < chunks.length && failure === undefined) {
                    const id = next++;
                    entry.outstanding++;
                    worker.postMessage({ id, files: chunks[id].files });
                }
                if (entry.outstanding === 0) {
                    resolve();
                }
            };
            worker.on('message', (message: ReportMessage) => {
                entry.outstanding--;
                if (message.error !== undefined) {
                    failure ??= new Error(message.error);
                } else {
                    results[message.id] = message.reports;
                    void deliver();
                }
                dispatch();
            });
            worker.on('error', error => {
                failure ??= error;
                resolve();
            });
            worker.on('exit', () => {
                if (entry.outstanding > 0) {
                    failure ??= new Error('a worker thread stopped before it finished');
                }
                resolve();
            });
            dispatch();
        }));
        // This thread takes chunks too.
        while (next < chunks.length && failure === undefined) {
            const id = next++;
            results[id] = await reportChunk(chunks[id].files, this.options);
            await deliver();
            await nextTurn();
        }
        if (failure === undefined) {
            await Promise.all(finished);
            await deliver();
        }
        if (failure !== undefined) {
            throw failure;
        }
    }

    /** Stops every worker. */
    async close(): Promise<void> {
        await Promise.all(this.workers.map(w => w.worker.terminate()));
    }
}
