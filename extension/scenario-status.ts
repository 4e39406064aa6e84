/**
 * The status-bar item that shows which scenario the figures are for ("ACO: Expected year"), and
 * switches it with a picker. The client reports the cursor as it moves (`aco/focus`), so the
 * server can follow the scenario the cursor is in; the item says when it does, and when the
 * figures are stale because the contract has errors.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { AcoRequests, type FocusResult } from '../language/lsp/server-protocol.js';

export class ScenarioStatus implements vscode.Disposable {
    private readonly item = vscode.window.createStatusBarItem('aco.scenario', vscode.StatusBarAlignment.Left, 50);
    private readonly subscriptions: vscode.Disposable[] = [];
    private timer: NodeJS.Timeout | undefined;
    private last: { uri: string; result: FocusResult } | undefined;

    constructor(private readonly client: LanguageClient) {
        this.item.name = 'ACO scenario';
        this.item.command = 'aco.pickScenario';
        this.subscriptions.push(
            vscode.window.onDidChangeActiveTextEditor(() => this.schedule(0)),
            vscode.window.onDidChangeTextEditorSelection(event => {
                if (event.textEditor === vscode.window.activeTextEditor) {
                    this.schedule(150);
                }
            }),
            vscode.workspace.onDidChangeTextDocument(event => {
                if (event.document === vscode.window.activeTextEditor?.document) {
                    this.schedule(400);
                }
            })
        );
        this.schedule(0);
    }

    /** Reports the cursor after `delay` ms of quiet, then shows what the server answers. */
    private schedule(delay: number): void {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.update(), delay);
    }

    private async update(): Promise<void> {
        const editor = vscode.window.activeTextEditor;
        if (editor?.document.languageId !== 'aco') {
            this.item.hide();
            return;
        }
        const uri = editor.document.uri.toString();
        const position = editor.selection.active;
        try {
            const result = await this.client.sendRequest<FocusResult>(AcoRequests.focus, { uri, position: { line: position.line, character: position.character } });
            this.show(uri, result);
        } catch {
            // The document may have closed meanwhile; the next event updates the item.
        }
    }

    private show(uri: string, result: FocusResult): void {
        this.last = { uri, result };
        const driving = result.driving;
        const name = driving ? driving.label.replace(/^scenario "(.*)"$/, '$1') : 'no scenario settles';
        const marks = [driving?.reason === 'cursor' ? '(cursor)' : '', result.stale ? '(stale)' : ''].filter(Boolean).join(' ');
        this.item.text = `$(graph) ACO: ${name}${marks ? ` ${marks}` : ''}`;
        const tooltip = new vscode.MarkdownString(undefined, true);
        tooltip.appendMarkdown(driving ? `Figures outside scenarios are for **${escape(driving.label)}**: ${driving.why}.` : 'No scenario of this contract settles yet.');
        if (result.stale) {
            tooltip.appendMarkdown(`\n\nThe contract has ${result.errors === 1 ? 'an error' : `${result.errors} errors`}: figures are as of the last valid version.`);
        }
        tooltip.appendMarkdown('\n\nClick to pick the scenario that drives the figures.');
        this.item.tooltip = tooltip;
        this.item.backgroundColor = result.stale ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
        this.item.show();
    }

    /** The picker: every scenario with what it earns; the first entry goes back to the default. */
    async pick(): Promise<void> {
        const editor = vscode.window.activeTextEditor;
        if (editor?.document.languageId !== 'aco') {
            void vscode.window.showWarningMessage('Open an .aco contract first.');
            return;
        }
        const uri = editor.document.uri.toString();
        const current = await this.client.sendRequest<FocusResult>(AcoRequests.focus, { uri, position: editor.selection.active });
        type Item = vscode.QuickPickItem & { scenario?: string };
        const items: Item[] = [
            { label: '$(discard) Default', description: 'the scenario in aco.inlayHints.scenario, else the first that settles', picked: current.picked === undefined },
            ...current.scenarios.map(s => ({
                label: s.name, description: s.result, detail: s.settles ? undefined : 'cannot be settled yet',
                scenario: s.name, picked: s.name === current.picked
            }))
        ];
        const chosen = await vscode.window.showQuickPick(items, {
            title: 'ACO: the scenario that drives the figures',
            placeHolder: current.driving ? `Now: ${current.driving.label} (${current.driving.why})` : 'Pick a scenario'
        });
        if (!chosen) {
            return;
        }
        try {
            const result = await this.client.sendRequest<FocusResult>(AcoRequests.pickScenario, { uri, scenario: chosen.scenario ?? '' });
            this.show(uri, result);
            if (result.driving?.reason === 'cursor' && chosen.scenario) {
                void vscode.window.showInformationMessage(`ACO: "${chosen.scenario}" drives the figures once the cursor leaves ${result.driving.label}.`);
            }
        } catch (error) {
            void vscode.window.showErrorMessage(`ACO: ${error instanceof Error ? error.message : String(error)}`);
        }
    }

    get current(): { uri: string; result: FocusResult } | undefined {
        return this.last;
    }

    dispose(): void {
        clearTimeout(this.timer);
        this.item.dispose();
        this.subscriptions.forEach(s => s.dispose());
    }
}

function escape(text: string): string {
    return text.replace(/[\\`*_{}[\]<>|]/g, c => `\\${c}`);
}
