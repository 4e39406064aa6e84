/**
 * Stale figures, greyed out. While a contract has errors the server sends the last valid
 * version's figures marked stale (`data: "aco.stale"`); inlay hints cannot be coloured, so this
 * middleware draws those as dimmed, italic decorations at the same places instead, and clears
 * them when fresh figures arrive.
 */
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';

const STALE_HINT = 'aco.stale';

export class StaleFigures implements vscode.Disposable {
    private readonly decoration = vscode.window.createTextEditorDecorationType({
        after: { color: new vscode.ThemeColor('disabledForeground'), fontStyle: 'italic', margin: '0 0 0 0.6em' }
    });
    /** The stale figures per document, drawn again when an editor shows it. */
    private readonly byDocument = new Map<string, vscode.DecorationOptions[]>();
    private readonly subscription = vscode.window.onDidChangeVisibleTextEditors(editors => editors.forEach(editor => this.draw(editor)));

    readonly middleware: Middleware = {
        provideInlayHints: async (document, range, token, next) => {
            const hints = await next(document, range, token);
            if (!hints) {
                return hints;
            }
            const stale = hints.filter(hint => (hint as { data?: unknown }).data === STALE_HINT);
            this.byDocument.set(document.uri.toString(), stale.map(hint => ({
                range: new vscode.Range(hint.position, hint.position),
                hoverMessage: typeof hint.tooltip === 'string' ? hint.tooltip : hint.tooltip,
                renderOptions: { after: { contentText: labelText(hint.label) } }
            })));
            vscode.window.visibleTextEditors.filter(editor => editor.document === document).forEach(editor => this.draw(editor));
            return hints.filter(hint => !stale.includes(hint));
        }
    };

    private draw(editor: vscode.TextEditor): void {
        editor.setDecorations(this.decoration, this.byDocument.get(editor.document.uri.toString()) ?? []);
    }

    dispose(): void {
        this.subscription.dispose();
        this.decoration.dispose();
    }
}

function labelText(label: string | vscode.InlayHintLabelPart[]): string {
    return typeof label === 'string' ? label : label.map(part => part.value).join('');
}
