/**
 * The worker thread that runs the server's long computations (compute-pool.ts): it parses the
 * contract's text, analyses it and answers with the Monte Carlo response or the summary,
 * reporting Monte Carlo progress on the way. The main thread stays free for every other request.
 */
import '../polyfills.js';
import { EmptyFileSystem, URI } from 'langium';
import { parentPort } from 'node:worker_threads';
import { createAcoServices } from '../aco-module.js';
import { SettlementError } from '../settlement/index.js';
import { JobRefused, monteCarloResponse, summaryResult, type ComputeJob } from './compute-jobs.js';

const { shared, Aco } = createAcoServices(EmptyFileSystem);

export type WorkerReply =
    | { id: number; progress: { done: number; total: number } }
    | { id: number; result: unknown }
    | { id: number; error: string; stack?: string; refused: boolean };

async function run(job: ComputeJob, id: number): Promise<unknown> {
    const uri = URI.parse(job.uri);
    const documents = shared.workspace.LangiumDocuments;
    if (documents.hasDocument(uri)) {
        documents.deleteDocument(uri);
    }
    const document = shared.workspace.LangiumDocumentFactory.fromString(job.text, uri);
    documents.addDocument(document);
    try {
        // A summary's banner shows the contract's errors and warnings, so its document is validated.
        await shared.workspace.DocumentBuilder.build([document], { validation: job.kind === 'summary' });
        const analysis = Aco.analysis.ContractAnalyzer.analyze(document);
        if (!analysis) {
            throw new JobRefused('This file does not hold a contract.');
        }
        if (job.kind === 'summary') {
            return summaryResult(analysis, { uri: job.uri, text: job.text, diagnostics: document.diagnostics });
        }
        let last = 0;
        return await monteCarloResponse(analysis.model, job.trials, {
            onProgress: (done, total) => {
                // A report every 2% at most: progress messages are cheap but not free.
                if (done === total || (done - last) / total >= 0.02) {
                    last = done;
                    parentPort?.postMessage({ id, progress: { done, total } } satisfies WorkerReply);
                }
            }
        });
    } finally {
        documents.deleteDocument(uri);
    }
}

parentPort?.on('message', (message: { id: number; job: ComputeJob }) => {
    run(message.job, message.id).then(
        result => parentPort?.postMessage({ id: message.id, result } satisfies WorkerReply),
        (error: unknown) => parentPort?.postMessage({
            id: message.id, error: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined,
            refused: error instanceof JobRefused || error instanceof SettlementError
        } satisfies WorkerReply)
    );
});
