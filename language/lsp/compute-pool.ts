/**
 * Runs Monte Carlo and summary jobs in worker threads, so a run of 100,000,000 trials never holds
 * up another document's diagnostics or hovers. At most two workers (a long run and a summary
 * refresh side by side); more jobs wait their turn. Cancelling a job ends its worker at once,
 * mid-loop; idle workers are ended after a minute, returning their memory.
 */
import { Worker } from 'node:worker_threads';
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';
import type { ComputeJob, ComputeResult } from './compute-jobs.js';
import type { WorkerReply } from './compute-worker.js';

const IDLE_MS = 60_000;

interface Pending {
    id: number;
    job: ComputeJob;
    resolve: (result: ComputeResult) => void;
    reject: (error: unknown) => void;
    onProgress?: (done: number, total: number) => void;
    /** Set once a worker runs it. */
    worker?: PooledWorker;
}

interface PooledWorker {
    thread: Worker;
    job?: Pending;
    idleTimer?: NodeJS.Timeout;
}

export class ComputePool {
    private readonly workers = new Set<PooledWorker>();
    private readonly queue: Pending[] = [];
    private nextId = 1;

    /** `report` hears of failures that are not the contract's fault (a worker that crashed). */
    constructor(private readonly script: string, private readonly report: (error: Error) => void, private readonly size = 2) {}

    run(job: ComputeJob, token: CancellationToken, onProgress?: (done: number, total: number) => void): Promise<ComputeResult> {
        return new Promise<ComputeResult>((resolve, reject) => {
            const pending: Pending = { id: this.nextId++, job, resolve, reject, onProgress };
            const cancel = token.onCancellationRequested(() => this.cancel(pending));
            const settle = <T>(then: (value: T) => void) => (value: T): void => {
                cancel.dispose();
                then(value);
            };
            pending.resolve = settle(resolve);
            pending.reject = settle(reject);
            this.queue.push(pending);
            this.dispatch();
        });
    }

    /** Ends every worker (the server is shutting down). */
    dispose(): void {
        for (const worker of this.workers) {
            void worker.thread.terminate();
        }
        this.workers.clear();
    }

    private dispatch(): void {
        while (this.queue.length > 0) {
            const worker = [...this.workers].find(w => !w.job) ?? (this.workers.size < this.size ? this.spawn() : undefined);
            if (!worker) {
                return;
            }
            const pending = this.queue.shift()!;
            clearTimeout(worker.idleTimer);
            worker.job = pending;
            pending.worker = worker;
            worker.thread.postMessage({ id: pending.id, job: pending.job });
        }
    }

    private spawn(): PooledWorker {
        const worker: PooledWorker = { thread: new Worker(this.script) };
        // A worker never keeps the server alive on its own.
        worker.thread.unref();
        worker.thread.on('message', (reply: WorkerReply) => this.receive(worker, reply));
        worker.thread.on('error', error => this.lose(worker, error));
        worker.thread.on('exit', code => this.lose(worker, new Error(`the compute worker stopped (exit code ${code})`)));
        this.workers.add(worker);
        return worker;
    }

    private receive(worker: PooledWorker, reply: WorkerReply): void {
        const pending = worker.job;
        if (!pending || pending.id !== reply.id) {
            return;
        }
        if ('progress' in reply) {
            pending.onProgress?.(reply.progress.done, reply.progress.total);
            return;
        }
        worker.job = undefined;
        if ('result' in reply) {
            pending.resolve(reply.result as ComputeResult);
        } else {
            if (!reply.refused) {
                // The worker's own stack says where it failed.
                this.report(Object.assign(new Error(reply.error), { stack: reply.stack }));
            }
            pending.reject(new ResponseError(LSPErrorCodes.RequestFailed, reply.error));
        }
        worker.idleTimer = setTimeout(() => this.retire(worker), IDLE_MS);
        worker.idleTimer.unref();
        this.dispatch();
    }

    private cancel(pending: Pending): void {
        const queued = this.queue.indexOf(pending);
        if (queued >= 0) {
            this.queue.splice(queued, 1);
        } else if (pending.worker && pending.worker.job === pending) {
            // Ending the thread is the only way to stop a computation mid-loop.
            pending.worker.job = undefined;
            this.retire(pending.worker);
        }
        pending.reject(new ResponseError(LSPErrorCodes.RequestCancelled, 'The request has been cancelled.'));
        this.dispatch();
    }

    private retire(worker: PooledWorker): void {
        clearTimeout(worker.idleTimer);
        this.workers.delete(worker);
        void worker.thread.terminate();
    }

    /** A worker that crashed or exited: its job fails with a clear message, and a new worker takes the queue. */
    private lose(worker: PooledWorker, error: Error): void {
        if (!this.workers.delete(worker)) {
            return;
        }
        const pending = worker.job;
        worker.job = undefined;
        if (pending) {
            this.report(error);
            pending.reject(new ResponseError(LSPErrorCodes.RequestFailed, `The computation failed: ${error.message}.`));
        }
        this.dispatch();
    }
}
