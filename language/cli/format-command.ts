/**
 * `aco format [--check]`: the editor's formatter applied to files. With `--check` nothing is
 * written and the exit status says whether every file is already in the canonical layout.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { acoServices, loadContracts } from './contracts.js';
import { collectContractPaths, readContract, writeFileAtomic } from './files.js';

export interface FormatOutcome {
    file: string;
    changed: boolean;
    skipped?: string;
}

/** Formats each contract; files with syntax errors are left alone (their layout is ambiguous). */
export async function formatContracts(paths: string[], check: boolean): Promise<FormatOutcome[]> {
    const contracts = await loadContracts(collectContractPaths(paths).map(readContract));
    const formatter = acoServices().lsp.Formatter!;
    const outcomes: FormatOutcome[] = [];
    for (const loaded of contracts) {
        const { parseResult } = loaded.document;
        if (parseResult.lexerErrors.length > 0 || parseResult.parserErrors.length > 0) {
            outcomes.push({ file: loaded.file.display, changed: false, skipped: 'has syntax errors' });
            continue;
        }
        const edits = await formatter.formatDocument(loaded.document, {
            textDocument: { uri: loaded.document.uri.toString() },
            options: { tabSize: 4, insertSpaces: true }
        });
        const formatted = TextDocument.applyEdits(loaded.document.textDocument, edits);
        const changed = formatted !== loaded.file.text;
        if (changed && !check) {
            writeFileAtomic(loaded.file.absolute, formatted);
        }
        outcomes.push({ file: loaded.file.display, changed });
    }
    return outcomes;
}
