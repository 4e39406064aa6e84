/**
 * The `aco` process: polyfills first, then the program; the exit status is main()'s. The same
 * module, started as a worker thread, is one of the threads that check contracts in a large run.
 */
import '../polyfills.js';
import { fileURLToPath } from 'node:url';
import { isMainThread } from 'node:worker_threads';
import { main } from './main.js';
import { setWorkerScript } from './report-pool.js';
import { runReportWorker } from './report-worker.js';

if (isMainThread) {
    setWorkerScript(fileURLToPath(import.meta.url));
    process.exitCode = await main(process.argv.slice(2));
} else {
    runReportWorker();
}
