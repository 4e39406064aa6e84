/**
 * A worker thread of the report pool: it receives chunks of contract files, reports on each chunk
 * with its own language services and sends the reports back. Chunks are handled one at a time, in
 * the order they arrive.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { reportChunk, WARM_UP_FILE, type ReportOptions } from './file-report.js';
import type { ContractFile } from './files.js';
import type { ReportMessage } from './report-pool.js';

export function runReportWorker(): void {
    const port = parentPort;
    if (!port) {
        return;
    }
    const { options } = workerData as { options: ReportOptions };
    // Load the language and build the parser now, while the main thread reads the files.
    let queue: Promise<unknown> = reportChunk([WARM_UP_FILE], options)
        .catch(() => undefined);
    port.on('message', ({ id, files }: { id: number; files: ContractFile[] }) => {
        queue = queue.then(async () => {
            let message: ReportMessage;
            try {
                message = { id, reports: await reportChunk(files, options) };
            } catch (error) {
                message = { id, error: error instanceof Error ? error.message : String(error) };
            }
            port.postMessage(message);
        });
    });
}
