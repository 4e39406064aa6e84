/**
 * The three requests beyond LSP (server-protocol.ts): explain a scenario, render the summary, run
 * Monte Carlo. Parameters are checked first, so a bad one (`trials: "abc"`, a document that is not
 * open) is answered at once with a clear InvalidParams error. The summary and Monte Carlo run in
 * the compute pool when there is one, else on this thread between yields.
 */
import { CstUtils, DocumentState, URI, type LangiumDocument, type LangiumSharedCoreServices } from 'langium';
import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver';
import type { AcoServices } from '../aco-module.js';
import type { ContractAnalysis } from '../analysis/contract-analysis.js';
import { formatCount } from '../format.js';
import { SettlementError } from '../settlement/index.js';
import { JobRefused, monteCarloResponse, summaryResult, type ComputeJob, type ComputeResult } from './compute-jobs.js';
import type { ComputePool } from './compute-pool.js';
import * as ast from '../generated/ast.js';
import { editorSettings, hasErrors } from './document-analysis.js';
import { drivingSource, enclosingSource, scenarioNamed, scenarioSource, type FigureSource } from './figure-source.js';
import { waterfallMarkdown } from './hover.js';
import { codeSpan } from './markdown-text.js';
import { AcoRequests, MAX_MONTE_CARLO_TRIALS, type ContractProblems, type ExplainResult, type MonteCarloResponse, type SummaryResult } from './server-protocol.js';

function invalid(message: string): ResponseError<void> {
    return new ResponseError(ErrorCodes.InvalidParams, message);
}

function failed(message: string): ResponseError<void> {
    return new ResponseError(LSPErrorCodes.RequestFailed, message);
}

/** The params object of a request, or a clear error naming what is missing. */
function paramsObject(method: string, params: unknown): Record<string, unknown> {
    if (!params || typeof params !== 'object' || Array.isArray(params)) {
        throw invalid(`${method} takes an object of parameters, such as { "uri": "file:///contract.aco" }.`);
    }
    return params as Record<string, unknown>;
}

function uriParam(method: string, params: Record<string, unknown>): string {
    const uri = params.uri;
    if (typeof uri !== 'string' || uri.trim() === '') {
        throw invalid(`${method} needs "uri": the document's URI as a string, such as "file:///contract.aco".`);
    }
    return uri;
}

/** `position`: `{ line, character }`, 0-based, or absent. */
function positionParam(method: string, value: unknown): { line: number; character: number } | undefined {
    if (value === undefined || value === null) {
        return undefined;
    }
    const position = value as { line?: unknown; character?: unknown };
    if (typeof value !== 'object' || !Number.isSafeInteger(position.line) || (position.line as number) < 0
        || !Number.isSafeInteger(position.character) || (position.character as number) < 0) {
        throw invalid(`${method}: "position" must be { "line": n, "character": n } with 0-based whole numbers; got ${JSON.stringify(value)}.`);
    }
    return { line: position.line as number, character: position.character as number };
}

function optionalString(method: string, params: Record<string, unknown>, name: string): string | undefined {
    const value = params[name];
    if (value !== undefined && value !== null && typeof value !== 'string') {
        throw invalid(`${method}: "${name}" must be a string; got ${JSON.stringify(value)}.`);
    }
    return value ?? undefined;
}

/** `trials`: a whole number from 1 to the maximum, as for `aco simulate --trials`. */
export function trialsParam(value: unknown): number | undefined {
    if (value === undefined || value === null) {
        return undefined;
    }
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1 || value > MAX_MONTE_CARLO_TRIALS) {
        throw invalid(`${AcoRequests.monteCarlo}: "trials" must be a whole number from 1 to ${formatCount(MAX_MONTE_CARLO_TRIALS)}; got ${JSON.stringify(value) ?? String(value)}.`);
    }
    return value;
}

function workDoneTokenParam(value: unknown): string | number | undefined {
    if (value === undefined || value === null) {
        return undefined;
    }
    if (typeof value !== 'string' && typeof value !== 'number') {
        throw invalid(`${AcoRequests.monteCarlo}: "workDoneToken" must be a string or a number; got ${JSON.stringify(value)}.`);
    }
    return value;
}

export interface CustomRequestContext {
    connection: Connection;
    shared: LangiumSharedCoreServices;
    Aco: AcoServices;
    pool?: ComputePool;
}

export function registerCustomRequests({ connection, shared, Aco, pool }: CustomRequestContext): void {
    /** The document at `uri`, once validated; a URI no document has is a clear error at once. */
    async function validatedDocument(method: string, uri: string, token: CancellationToken): Promise<LangiumDocument> {
        let parsed: URI;
        try {
            parsed = URI.parse(uri, true);
        } catch {
            throw invalid(`${method}: "${uri}" is not a URI.`);
        }
        const documents = shared.workspace.LangiumDocuments;
        // Only open documents are validated (document-builder.ts): a file merely in the workspace is not one.
        if (!documents.hasDocument(parsed) || !shared.workspace.TextDocuments?.get(parsed.toString())) {
            throw invalid(`${method}: no contract is open at ${uri}. Open the file first (textDocument/didOpen).`);
        }
        // An edit the client sent just before this request is applied first (Langium queues it as a write).
        await shared.workspace.WorkspaceLock.read(() => undefined);
        await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated, parsed, token);
        const document = documents.getDocument(parsed);
        if (!document) {
            throw invalid(`${method}: the contract at ${uri} was closed.`);
        }
        return document;
    }

    function analysis(document: LangiumDocument): ContractAnalysis {
        const result = Aco.analysis.ContractAnalyzer.analyze(document);
        if (!result) {
            throw failed('This file does not hold a contract.');
        }
        return result;
    }

    /** A job in the pool, or here (yielding between chunks) without one. */
    async function compute(job: ComputeJob, document: LangiumDocument, token: CancellationToken,
        onProgress?: (done: number, total: number) => void): Promise<ComputeResult> {
        if (pool) {
            return pool.run(job, token, onProgress);
        }
        const controller = new AbortController();
        const cancel = token.onCancellationRequested(() => controller.abort());
        try {
            return job.kind === 'summary'
                ? summaryResult(analysis(document), { uri: document.uri.toString(), text: document.textDocument.getText(), diagnostics: document.diagnostics })
                : await monteCarloResponse(analysis(document).model, job.trials, { signal: controller.signal, onProgress });
        } catch (error) {
            if (controller.signal.aborted) {
                throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The request has been cancelled.');
            }
            // What the contract lacks (no benchmark, nothing drawn) is the answer, not a server failure.
            throw error instanceof JobRefused || error instanceof SettlementError ? failed(error.message) : error;
        } finally {
            cancel.dispose();
        }
    }

    connection.onRequest(AcoRequests.explainScenario, async (raw: unknown, token: CancellationToken): Promise<ExplainResult> => {
        const method = AcoRequests.explainScenario;
        const params = paramsObject(method, raw);
        const uri = uriParam(method, params);
        const scenario = optionalString(method, params, 'scenario');
        const position = positionParam(method, params.position);
        const document = await validatedDocument(method, uri, token);
        const result = analysis(document);
        if (scenario !== undefined && scenarioNamed(result, scenario) < 0) {
            throw invalid(`${method}: the contract has no scenario "${scenario}".`);
        }
        if (hasErrors(document)) {
            throw failed('The contract has errors: fix them to explain a scenario (see the Problems panel).');
        }
        const root = document.parseResult.value as ast.Contract;
        // A named scenario; else the scenario or projection year at the position (the cursor); else the driving one.
        let source: FigureSource | undefined;
        if (scenario !== undefined) {
            source = scenarioSource(result, scenarioNamed(result, scenario));
        } else {
            const leaf = position && root.$cstNode ? CstUtils.findLeafNodeAtOffset(root.$cstNode, document.textDocument.offsetAt(position)) : undefined;
            const inside = leaf ? enclosingSource(result, leaf.astNode) : { found: false };
            const settings = await editorSettings(Aco);
            source = inside.found ? inside.source : drivingSource(result, root, Aco.editor.EditorFocus.choice(uri, settings.inlayHints.scenario));
        }
        if (!source) {
            throw failed(scenario !== undefined ? `Scenario "${scenario}" cannot be settled: ${result.unsettled.get(scenarioNamed(result, scenario)) ?? 'see the Problems panel'}.` : 'No scenario can be settled.');
        }
        const title = source.projection ? `${result.model.name}: ${source.projection.name}, year ${source.settlement.year}` : `${result.model.name}: ${source.settlement.scenario}`;
        const heading = source.projection ? `Projection ${codeSpan(source.projection.name)}, year ${source.settlement.year}` : undefined;
        return { title, markdown: waterfallMarkdown(source.settlement, result.model, heading) };
    });

    /** A refusal that lists the contract's errors (`data.problems`), for the client's banner. */
    function refusal(document: LangiumDocument, message: string): ResponseError<ContractProblems> {
        const errors = (document.diagnostics ?? []).filter(d => d.severity === 1);
        return new ResponseError(LSPErrorCodes.RequestFailed, message, {
            problems: errors.map(d => ({ line: d.range.start.line + 1, column: d.range.start.character + 1, message: typeof d.message === 'string' ? d.message : d.message.value, code: d.code === undefined ? undefined : String(d.code) }))
        });
    }

    /** As `aco summary` and `aco simulate` refuse them: figures from a contract with errors would mislead. */
    function withoutErrors(document: LangiumDocument, what: string): void {
        if (hasErrors(document)) {
            throw refusal(document, `The contract has errors: ${what} once they are fixed.`);
        }
    }

    connection.onRequest(AcoRequests.summary, async (raw: unknown, token: CancellationToken): Promise<SummaryResult> => {
        const method = AcoRequests.summary;
        const uri = uriParam(method, paramsObject(method, raw));
        const document = await validatedDocument(method, uri, token);
        analysis(document);
        // As `aco summary`: no summary of a broken model (a contract that does not parse has no whole
        // model; one with a 175% rate would mislead). The answer lists the errors for the panel's banner.
        const { lexerErrors, parserErrors } = document.parseResult;
        if (lexerErrors.length > 0 || parserErrors.length > 0) {
            throw refusal(document, 'The contract has syntax errors: the summary shows once they are fixed.');
        }
        withoutErrors(document, 'the summary shows');
        return await compute({ kind: 'summary', uri, text: document.textDocument.getText() }, document, token) as SummaryResult;
    });

    connection.onRequest(AcoRequests.monteCarlo, async (raw: unknown, token: CancellationToken): Promise<MonteCarloResponse> => {
        const method = AcoRequests.monteCarlo;
        const params = paramsObject(method, raw);
        const uri = uriParam(method, params);
        const trials = trialsParam(params.trials);
        const workDoneToken = workDoneTokenParam(params.workDoneToken);
        const document = await validatedDocument(method, uri, token);
        if (!analysis(document).model.uncertainty) {
            throw failed('The contract has no uncertainty block.');
        }
        withoutErrors(document, 'Monte Carlo runs');
        const progress = workDoneToken !== undefined
            ? (done: number, total: number) => void connection.sendProgress({ method: '$/progress' } as never, workDoneToken, {
                kind: 'report', percentage: Math.round(done / total * 100), message: `${formatCount(done)} of ${formatCount(total)} trials`
            } as never)
            : undefined;
        return await compute({ kind: 'monteCarlo', uri, text: document.textDocument.getText(), trials }, document, token, progress) as MonteCarloResponse;
    });
}
