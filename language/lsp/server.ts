/**
 * The language server: Langium's services plus three requests the VS Code client's commands use
 * (explain a scenario, render the summary, run Monte Carlo with progress and cancellation).
 */
import '../polyfills.js';
import { DocumentState, URI, type LangiumDocument } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { startLanguageServer } from 'langium/lsp';
import { ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver';
import { createAcoServices, type AcoServices } from '../aco-module.js';
import { runMonteCarloAsync } from '../settlement/index.js';
import { Dec } from '../decimal.js';
import { monteCarloChartSvg } from '../summary/charts.js';
import { SizeAwareAsyncParser } from './async-parser.js';
import { AcoRequests, type ExplainResult, type MonteCarloResponse, type SummaryResult } from './server-protocol.js';
import { settledMoney } from '../format.js';
import { renderContractSummary } from './summary-view.js';
import { waterfallMarkdown } from './hover.js';

export interface ServerOptions {
    /** The bundled parser worker script; without it, every document parses on the main thread. */
    parserWorker?: string;
}

export function startAcoServer(connection: Connection, options: ServerOptions = {}): AcoServices {
    // A failed request to the client (say, one that cannot register capabilities) is logged, never fatal.
    process.on('unhandledRejection', reason => connection.console.error(`ACO server: ${reason instanceof Error ? reason.message : String(reason)}`));
    const worker = options.parserWorker;
    const { shared, Aco } = createAcoServices({ connection, ...NodeFileSystem },
        worker ? { parser: { AsyncParser: services => new SizeAwareAsyncParser(services, worker) } } : undefined);
    startLanguageServer(shared);

    /** The document at `uri`, once it has been validated (and so analysed). */
    async function validatedDocument(uri: string, token?: CancellationToken): Promise<LangiumDocument> {
        const parsed = URI.parse(uri);
        await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated, parsed, token);
        const document = shared.workspace.LangiumDocuments.getDocument(parsed);
        if (!document) {
            throw new ResponseError(1, `No contract is open at ${uri}.`);
        }
        return document;
    }

    function analysis(document: LangiumDocument) {
        const result = Aco.analysis.ContractAnalyzer.analyze(document);
        if (!result) {
            throw new ResponseError(1, 'This file does not hold a contract.');
        }
        return result;
    }

    connection.onRequest(AcoRequests.explainScenario, async (params: { uri: string; scenario?: string }, token): Promise<ExplainResult> => {
        const result = analysis(await validatedDocument(params.uri, token));
        const settlement = result.settlements.find(s => s && (params.scenario === undefined || s.scenario === params.scenario));
        if (!settlement) {
            throw new ResponseError(1, params.scenario ? `Scenario "${params.scenario}" cannot be settled: fix the contract's errors first.` : 'No scenario can be settled.');
        }
        return { title: `${result.model.name}: ${settlement.scenario}`, markdown: waterfallMarkdown(settlement, result.model) };
    });

    connection.onRequest(AcoRequests.summary, async (params: { uri: string }, token): Promise<SummaryResult> => {
        const document = await validatedDocument(params.uri, token);
        const result = analysis(document);
        return { title: result.model.name, html: renderContractSummary(result) };
    });

    connection.onRequest(AcoRequests.monteCarlo, async (params: { uri: string; trials?: number; workDoneToken?: string | number }, token): Promise<MonteCarloResponse> => {
        const result = analysis(await validatedDocument(params.uri, token));
        const model = result.model;
        if (!model.uncertainty) {
            throw new ResponseError(1, 'The contract has no uncertainty block.');
        }
        const progress = params.workDoneToken !== undefined
            ? (done: number, total: number) => void connection.sendProgress({ method: '$/progress' } as never, params.workDoneToken!, {
                kind: 'report', percentage: Math.round(done / total * 100), message: `${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} trials`
            } as never)
            : undefined;
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        const mc = await runMonteCarloAsync(model, { trials: params.trials ?? model.uncertainty.trials, signal: controller.signal, onProgress: progress });
        const { sorted: _sorted, ...rest } = mc;
        const money = (n: number): string => settledMoney(new Dec(n), model);
        return {
            contract: model.name,
            currency: model.currency,
            result: rest,
            formatted: {
                mean: money(mc.mean), sd: money(mc.sd), p5: money(mc.percentiles.p5), p25: money(mc.percentiles.p25),
                p50: money(mc.percentiles.p50), p75: money(mc.percentiles.p75), p95: money(mc.percentiles.p95), payerMeanNet: money(mc.payerMeanNet)
            },
            chartSvg: monteCarloChartSvg(mc, model)
        };
    });

    // Inline figures depend on the `aco.inlayHints` settings: redraw them when those change.
    shared.workspace.ConfigurationProvider.onConfigurationSectionUpdate(update => {
        if (update.section === 'aco') {
            void connection.languages.inlayHint.refresh().catch(() => undefined);
        }
    });

    return Aco;
}
