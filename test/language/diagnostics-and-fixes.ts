/**
 * What an author sees and does in the editor, for the validation and quick-fix tests: the
 * diagnostics of a contract with the text each one underlines, the quick fixes offered on them,
 * and the contract after one is applied.
 */
import type { LangiumDocument } from 'langium';
import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { aco, textAt, validate } from '../helpers.js';

export interface Checked {
    document: LangiumDocument;
    all: Diagnostic[];
    /** The diagnostics with one code. */
    coded: (code: string) => Diagnostic[];
    /** The text a diagnostic (or a range) underlines. */
    at: (d: Diagnostic | Range) => string;
}

export async function check(text: string): Promise<Checked> {
    const { document, diagnostics } = await validate(text);
    return {
        document,
        all: diagnostics,
        coded: code => diagnostics.filter(d => d.code === code),
        at: d => ('range' in d ? textAt(document, d) : document.textDocument.getText(d))
    };
}

/** The code actions the editor offers for `diagnostics` (and, for refactorings, at `range`). */
export async function actionsFor(document: LangiumDocument, diagnostics: Diagnostic[], range: Range = diagnostics[0].range): Promise<CodeAction[]> {
    const actions = await aco.lsp.CodeActionProvider!.getCodeActions(document, {
        textDocument: { uri: document.uri.toString() }, range, context: { diagnostics }
    }) ?? [];
    return actions as CodeAction[];
}

/** The contract text once `action` is applied. */
export function applied(document: LangiumDocument, action: CodeAction): string {
    const edits = action.edit?.changes?.[document.uri.toString()] ?? [];
    return TextDocument.applyEdits(document.textDocument, edits);
}

/** The diagnostics as `code: message`, for a readable failure. */
export function listed(diagnostics: Diagnostic[]): string[] {
    return diagnostics.map(d => `${String(d.code)}: ${d.message}`);
}
