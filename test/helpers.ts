/**
 * Test helpers: one set of language services for a test file, and a parse-and-validate call that
 * returns the AST and the diagnostics (via langium/test's validationHelper).
 */
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { parseHelper, validationHelper, type ValidationResult } from 'langium/test';
import type { Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createAcoServices } from '../language/aco-module.js';
import type { Contract } from '../language/generated/ast.js';

export const services = createAcoServices(EmptyFileSystem);
export const aco = services.Aco;
export const parse = parseHelper<Contract>(aco);
export const validate: (text: string) => Promise<ValidationResult<Contract>> = validationHelper<Contract>(aco);

export function errorsOf(result: { diagnostics: Diagnostic[] }): Diagnostic[] {
    return result.diagnostics.filter(d => d.severity === 1);
}

export function warningsOf(result: { diagnostics: Diagnostic[] }): Diagnostic[] {
    return result.diagnostics.filter(d => d.severity === 2);
}

export function codesOf(result: { diagnostics: Diagnostic[] }): string[] {
    return result.diagnostics.map(d => String(d.code));
}

/** The source text a diagnostic's range covers. */
export function textAt(document: LangiumDocument, diagnostic: Diagnostic): string {
    return document.textDocument.getText(diagnostic.range);
}

/** A small valid one-sided contract; tests splice lines into it. */
export function contract(body: string): string {
    return `contract "Test" {\n${body}\n}\n`;
}

let opened = 0;

/**
 * Opens `text` as a new document (or at `uri`), or edits the document already open there in place
 * as an editor's change does, and validates it: the language server's own update path.
 */
export async function openDocument(text: string, uri = `file:///opened-${++opened}.aco`): Promise<LangiumDocument> {
    const workspace = services.shared.workspace;
    const parsed = URI.parse(uri);
    const previous = workspace.TextDocuments.get(uri);
    workspace.TextDocuments.set(TextDocument.create(uri, 'aco', (previous?.version ?? 0) + 1, text));
    if (workspace.LangiumDocuments.hasDocument(parsed)) {
        await workspace.DocumentBuilder.update([parsed], []);
        return workspace.LangiumDocuments.getDocument(parsed)!;
    }
    const document = workspace.LangiumDocumentFactory.fromTextDocument(workspace.TextDocuments.get(uri)!, parsed);
    workspace.LangiumDocuments.addDocument(document);
    await workspace.DocumentBuilder.build([document], { validation: true });
    return document;
}
