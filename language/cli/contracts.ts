/**
 * Loads contract files into the one set of language services and validates them, exactly as the
 * language server does; each result carries its diagnostics and the cached analysis (model and
 * settlements).
 */
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver';
import { createAcoServices, type AcoServices } from '../aco-module.js';
import type { ContractAnalysis } from '../analysis/contract-analysis.js';
import * as ast from '../generated/ast.js';
import type { ContractFile } from './files.js';

export interface LoadedContract {
    file: ContractFile;
    document: LangiumDocument;
    contractName?: string;
    diagnostics: Diagnostic[];
    hasErrors: boolean;
    analysis?: ContractAnalysis;
}

let services: AcoServices | undefined;

/** The language services, created once per process. */
export function acoServices(): AcoServices {
    services ??= createAcoServices(EmptyFileSystem).Aco;
    return services;
}

export async function loadContracts(files: readonly ContractFile[]): Promise<LoadedContract[]> {
    const aco = acoServices();
    const shared = aco.shared;
    const documents = files.map(file => {
        const uri = URI.file(file.absolute);
        // A file read again in the same process (tests, `aco diff a.aco a.aco`) replaces its old document.
        if (shared.workspace.LangiumDocuments.hasDocument(uri)) {
            shared.workspace.LangiumDocuments.deleteDocument(uri);
        }
        const document = shared.workspace.LangiumDocumentFactory.fromString(file.text, uri);
        shared.workspace.LangiumDocuments.addDocument(document);
        return document;
    });
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    return files.map((file, index) => {
        const document = documents[index];
        const diagnostics = [...(document.diagnostics ?? [])].sort((a, b) =>
            a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
        const root = document.parseResult.value;
        return {
            file,
            document,
            contractName: ast.isContract(root) ? root.name : undefined,
            diagnostics,
            hasErrors: diagnostics.some(d => d.severity === 1),
            analysis: aco.analysis.ContractAnalyzer.analyze(document)
        };
    });
}

/**
 * Forgets loaded contracts: their documents, index entries and cached analyses. A batch loads
 * a chunk of files, reports on them and releases them, so memory (and the garbage collector's
 * work) stays that of one chunk however many files a run has.
 */
export async function releaseContracts(contracts: readonly LoadedContract[]): Promise<void> {
    await acoServices().shared.workspace.DocumentBuilder.update([], contracts.map(c => c.document.uri));
}
