/**
 * Runs a command's per-file reports over many files on every core: the files are cut into chunks,
 * and this thread and worker threads (each with its own language services) take chunks until none
 * is left. Reports come back in file order whichever thread made them, so the output of a run
 * does not depend on how many threads it used. Small runs stay on this thread: a worker costs
 * more to start than a few hundred contracts cost to check.
 */
import * as os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ContractFile } from './files.js';
import { reportChunk, type FileReport, type ReportOptions } from './file-report.js';

/** A chunk is at most this many files or bytes, whichever comes first. */
const CHUNK_FILES = 64;
const CHUNK_BYTES = 512 * 1024;
/** A worker thread is worth starting for about this many files or bytes. */
const FILES_PER_THREAD = 400;
const BYTES_PER_THREAD = 2 * 1024 * 1024;
/** Chunks handed to a worker ahead of time, so it never waits for this thread. */
const CHUNKS_IN_FLIGHT = 2;

let workerScript: string | undefined;

/** The script a worker thread runs (the `aco` entry point itself); without one, every report is made on this thread. */
export function setWorkerScript(script: string): void {
    workerScript = script;
}

/** The default number of threads: one per core. */
export function defaultJobs(): number {
    return Math.max(1, os.availableParallelism());
}

interface Chunk {
    start: number;
    files: ContractFile[];
}

function chunksOf(files: readonly ContractFile[]): Chunk[] {
    const chunks: Chunk[] = [];
    let current: Chunk | undefined;
    let bytes = 0;
    files.forEach((file, index) => {
        if (!current || current.files.length >= CHUNK_FILES || bytes >= CHUNK_BYTES) {
            current = { start: index, files: [] };
            chunks.push(current);
            bytes = 0;
        }
        current.files.push(file);
        bytes += file.text.length;
    });
    return chunks;
}

/** Threads worth using for these files, at most `jobs`. */
function threadsFor(files: readonly ContractFile[], chunks: number, jobs: number): number {
    if (!workerScript) {
        return 1;
    }
    const bytes = files.reduce((n, f) => n + f.text.length, 0);
    const worth = Math.max(Math.floor(files.length / FILES_PER_THREAD), Math.floor(bytes / BYTES_PER_THREAD), 1);
    return Math.max(1, Math.min(jobs, worth, chunks));
}

interface ChunkMessage {
    id: number;
    files: ContractFile[];
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

/**
 * Reports on every file with up to `jobs` threads, calling `onReport` for each report in file
 * order as soon as it and every report before it are ready. If `onReport` throws, the run stops
 * and the error is thrown.
 */
export async function reportFiles(
    files: readonly ContractFile[], options: ReportOptions, jobs: number,
    onReport: (report: FileReport) => void | Promise<void>
): Promise<void> {
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

    const workers: Worker[] = [];
    const finished: Array<Promise<void>> = [];
    for (let i = 1; i < threadsFor(files, chunks.length, jobs); i++) {
        const worker = new Worker(workerScript!, { workerData: { options } });
        workers.push(worker);
        finished.push(new Promise<void>((resolve) => {
            let outstanding = 0;
            const dispatch = (): void => {
                while (outstanding < CHUNKS_IN_FLIGHT && next < chunks.length && failure === undefined) {
                    const id = next++;
                    outstanding++;
                    worker.postMessage({ id, files: chunks[id].files } satisfies ChunkMessage);
                }
                if (outstanding === 0) {
                    resolve();
                }
            };
            worker.on('message', (message: ReportMessage) => {
                outstanding--;
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
                failure ??= outstanding > 0 ? new Error('a worker thread stopped before it finished') : undefined;
                resolve();
            });
            dispatch();
        }));
    }
    try {
        // This thread takes chunks too.
        while (next < chunks.length && failure === undefined) {
            const id = next++;
            results[id] = await reportChunk(chunks[id].files, options);
            await deliver();
            await nextTurn();
        }
        if (failure === undefined) {
            await Promise.all(finished);
            await deliver();
        }
    } finally {
        await Promise.all(workers.map(w => w.terminate()));
    }
    if (failure !== undefined) {
        throw failure;
    }
}
