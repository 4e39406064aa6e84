/**
 * The VS Code client: starts the ACO language server and wires the commands. It computes nothing
 * about a contract itself; every figure, waterfall and summary comes from the server.
 */
import * as vscode from 'vscode';
import { LanguageClient, ResponseError, TransportKind, WorkDoneProgress, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { AcoRequests, type ContractProblems, type ExplainResult, type MonteCarloResponse, type SummaryResult } from '../language/lsp/server-protocol.js';
import { ScenarioStatus } from './scenario-status.js';
import { StaleFigures } from './stale-figures.js';
import { bodyOf, monteCarloCsv, monteCarloHtml, problemsHtml, summaryHtml } from './webviews.js';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    const serverModule = context.asAbsolutePath('out/extension/server.cjs');
    const serverOptions: ServerOptions = {
        run: { module: serverModule, transport: TransportKind.ipc },
        debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } }
    };
    const stale = new StaleFigures();
    const clientOptions: LanguageClientOptions = {
        documentSelector: [{ language: 'aco' }],
        synchronize: { configurationSection: 'aco' },
        // Hovers link to the scenario's explanation; no other command runs from a hover.
        markdown: { isTrusted: { enabledCommands: ['aco.explainScenario'] } },
        middleware: stale.middleware
    };
    client = new LanguageClient('aco', 'ACO Contracts', serverOptions, clientOptions);
    await client.start();
    const started = client;
    const status = new ScenarioStatus(started);

    context.subscriptions.push(
        stale,
        status,
        vscode.workspace.registerTextDocumentContentProvider(EXPLANATION_SCHEME, explanations),
        vscode.commands.registerCommand('aco.explainScenario', (uri?: string, scenario?: string, position?: { line: number; character: number }) =>
            explainScenario(started, uri, scenario, position)),
        vscode.commands.registerCommand('aco.showSummary', (uri?: string) => showSummary(started, context, uri)),
        vscode.commands.registerCommand('aco.runMonteCarlo', (uri?: string) => runMonteCarlo(started, context, uri)),
        vscode.commands.registerCommand('aco.pickScenario', () => status.pick())
    );
}

export async function deactivate(): Promise<void> {
    await client?.stop();
}

/** The contract a command is about: the one it was invoked on, else the active editor's. */
function contractUri(uri?: string): string | undefined {
    if (uri) {
        return uri;
    }
    const editor = vscode.window.activeTextEditor;
    if (editor?.document.languageId === 'aco') {
        return editor.document.uri.toString();
    }
    void vscode.window.showWarningMessage('Open an .aco contract first.');
    return undefined;
}

/**
 * Explanations are read-only Markdown documents of their own scheme, shown in the Markdown preview:
 * nothing to save, no untitled tab left behind.
 */
const EXPLANATION_SCHEME = 'aco-explanation';

class ExplanationProvider implements vscode.TextDocumentContentProvider {
    private readonly texts = new Map<string, string>();
    private readonly changed = new vscode.EventEmitter<vscode.Uri>();
    readonly onDidChange = this.changed.event;

    show(uri: vscode.Uri, text: string): void {
        this.texts.set(uri.toString(), text);
        this.changed.fire(uri);
    }

    provideTextDocumentContent(uri: vscode.Uri): string {
        return this.texts.get(uri.toString()) ?? '';
    }
}

const explanations = new ExplanationProvider();

/**
 * Explains a scenario: the one named (code lens), else the scenario or projection year at the
 * position (a hover's link), else the one under the cursor of the active editor (the palette),
 * else the driving scenario.
 */
async function explainScenario(client: LanguageClient, uri?: string, scenario?: string, position?: { line: number; character: number }): Promise<void> {
    const target = contractUri(uri);
    if (!target) {
        return;
    }
    const editor = vscode.window.activeTextEditor;
    const cursor = position ?? (scenario === undefined && editor?.document.uri.toString() === target
        ? { line: editor.selection.active.line, character: editor.selection.active.character } : undefined);
    try {
        const result = await client.sendRequest<ExplainResult>(AcoRequests.explainScenario, { uri: target, scenario: scenario ?? undefined, position: cursor });
        const name = `${result.title}.md`.replace(/[\\/]/g, '-');
        const document = vscode.Uri.from({ scheme: EXPLANATION_SCHEME, path: `/${name}`, query: encodeURIComponent(target) });
        explanations.show(document, `# ${result.title}\n\n${result.markdown}\n`);
        await vscode.commands.executeCommand('markdown.showPreviewToSide', document);
    } catch (error) {
        void vscode.window.showErrorMessage(`ACO: ${error instanceof Error ? error.message : String(error)}`);
    }
}

/** One summary panel per contract, refreshed as the contract is edited. */
const summaryPanels = new Map<string, vscode.WebviewPanel>();
/** The last summary each panel showed from a valid contract, shown greyed under the error banner. */
const lastValidSummaries = new Map<string, string>();

async function showSummary(client: LanguageClient, context: vscode.ExtensionContext, uri?: string): Promise<void> {
    const target = contractUri(uri);
    if (!target) {
        return;
    }
    let panel = summaryPanels.get(target);
    if (panel) {
        panel.reveal(vscode.ViewColumn.Beside, true);
    } else {
        // The one script is the panel's own (webviews.ts): it keeps the scroll position across refreshes.
        panel = vscode.window.createWebviewPanel('aco.summary', 'Contract summary', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
            { enableScripts: true, localResourceRoots: [] });
        summaryPanels.set(target, panel);
        const opened = panel;
        let timer: NodeJS.Timeout | undefined;
        const follow = vscode.workspace.onDidChangeTextDocument(event => {
            if (event.document.uri.toString() === target) {
                clearTimeout(timer);
                timer = setTimeout(() => void refreshSummary(client, opened, target), 400);
            }
        });
        opened.onDidDispose(() => {
            follow.dispose();
            clearTimeout(timer);
            summaryPanels.delete(target);
            lastValidSummaries.delete(target);
        }, undefined, context.subscriptions);
    }
    await refreshSummary(client, panel, target);
}

async function refreshSummary(client: LanguageClient, panel: vscode.WebviewPanel, uri: string): Promise<void> {
    try {
        const result = await client.sendRequest<SummaryResult>(AcoRequests.summary, { uri });
        panel.title = `Summary: ${result.title}`;
        lastValidSummaries.set(uri, result.html);
        panel.webview.html = summaryHtml(panel.webview, result.html);
    } catch (error) {
        // A contract with errors: a banner listing them, over the last valid summary (greyed), never a summary of a broken model.
        const message = error instanceof Error ? error.message : String(error);
        const data = error instanceof ResponseError ? error.data as ContractProblems | undefined : undefined;
        const last = lastValidSummaries.get(uri);
        panel.webview.html = problemsHtml(panel.webview, message, Array.isArray(data?.problems) ? data.problems : [], last && bodyOf(last));
    }
}

async function runMonteCarlo(client: LanguageClient, context: vscode.ExtensionContext, uri?: string): Promise<void> {
    const target = contractUri(uri);
    if (!target) {
        return;
    }
    // 0 (the default) keeps the contract's own `trials`.
    const setting = vscode.workspace.getConfiguration('aco').get<number>('monteCarlo.trials') ?? 0;
    const trials = setting > 0 ? setting : undefined;
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'ACO: running Monte Carlo', cancellable: true }, async (progress, token) => {
        const workDoneToken = `aco-monte-carlo-${Date.now()}`;
        let reported = 0;
        const listener = client.onProgress(WorkDoneProgress.type, workDoneToken, (value: { kind: string; percentage?: number; message?: string }) => {
            if (value.kind === 'report' && value.percentage !== undefined) {
                progress.report({ increment: value.percentage - reported, message: value.message });
                reported = value.percentage;
            }
        });
        try {
            const response = await client.sendRequest<MonteCarloResponse>(AcoRequests.monteCarlo, { uri: target, trials, workDoneToken }, token);
            const panel = vscode.window.createWebviewPanel('aco.monteCarlo', `Monte Carlo: ${response.contract}`, vscode.ViewColumn.Beside, { enableScripts: true, localResourceRoots: [] });
            panel.webview.html = monteCarloHtml(panel.webview, response);
            panel.webview.onDidReceiveMessage((message: { command?: string }) => {
                if (message.command === 'exportCsv') {
                    void exportCsv(target, response);
                }
            }, undefined, context.subscriptions);
            context.subscriptions.push(panel);
        } catch (error) {
            if (!token.isCancellationRequested) {
                void vscode.window.showErrorMessage(`ACO: ${error instanceof Error ? error.message : String(error)}`);
            }
        } finally {
            listener.dispose();
        }
    });
}

/** Saves the Monte Carlo statistics and percentiles as CSV, by default beside the contract. */
async function exportCsv(contract: string, response: MonteCarloResponse): Promise<void> {
    const source = vscode.Uri.parse(contract);
    const name = source.path.replace(/^.*\//, '').replace(/\.aco$/i, '') || 'contract';
    const target = await vscode.window.showSaveDialog({
        defaultUri: source.with({ path: source.path.replace(/[^/]*$/, `${name}-monte-carlo.csv`) }),
        filters: { CSV: ['csv'] },
        title: 'Export the Monte Carlo results as CSV'
    });
    if (!target) {
        return;
    }
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(monteCarloCsv(response)));
    void vscode.window.showInformationMessage(`ACO: Monte Carlo results saved to ${vscode.workspace.asRelativePath(target)}.`);
}
