/**
 * The last version of each open contract that validated without errors, with its analysis. While
 * the contract has errors the editor keeps showing these figures, marked as stale ("as of the last
 * valid version"), on the lines that did not change since; figures settled from a broken model
 * would mislead, and none at all leaves the author blind mid-edit.
 *
 * An edit inside one section reuses the other sections of the old tree for the new one; the kept
 * tree is named to the document factory, so the sections it shares keep their old positions.
 */
import { DocumentState, type LangiumDocument, type LangiumSharedCoreServices } from 'langium';
import type { AcoDocumentFactory } from './document-factory.js';
import type { ContractAnalysis, ContractAnalyzer } from '../analysis/contract-analysis.js';
import * as ast from '../generated/ast.js';
import { hasErrors } from './document-analysis.js';
import { invertLines, mapLines } from './line-map.js';

export interface ValidVersion {
    text: string;
    root: ast.Contract;
    analysis: ContractAnalysis;
}

/** The last valid version against the current text: which current line each of its lines is now. */
export interface StaleView extends ValidVersion {
    /** Old 0-based line → current 0-based line, or -1 where the line changed. */
    toCurrent: Int32Array;
    /** Current 0-based line → old 0-based line, or -1. */
    toOld: Int32Array;
}

export class LastValidVersions {
    // Keyed by the document (Langium updates it in place on each edit), so a closed one is let go with it.
    private readonly versions = new WeakMap<LangiumDocument, ValidVersion>();
    private readonly views = new WeakMap<LangiumDocument, { text: string; version: ValidVersion; view: StaleView }>();

    constructor(shared: LangiumSharedCoreServices, analyzer: ContractAnalyzer) {
        (shared.workspace.LangiumDocumentFactory as AcoDocumentFactory).addTreeKeeper(document => this.versions.get(document)?.root);
        shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, documents => {
            for (const document of documents) {
                const root = document.parseResult.value;
                // Only a validated version without errors counts (a build with validation off has no diagnostics).
                if (document.diagnostics !== undefined && !hasErrors(document) && ast.isContract(root)) {
                    const analysis = analyzer.analyze(document);
                    if (analysis) {
                        this.versions.set(document, { text: document.textDocument.getText(), root, analysis });
                    }
                }
            }
        });
    }

    /** The last valid version of a document that has errors now, mapped onto its current text. */
    staleView(document: LangiumDocument): StaleView | undefined {
        const version = this.versions.get(document);
        if (!version || !hasErrors(document)) {
            return undefined;
        }
        const text = document.textDocument.getText();
        const cached = this.views.get(document);
        if (cached && cached.text === text && cached.version === version) {
            return cached.view;
        }
        const current = text.split(/\r?\n/);
        const toCurrent = mapLines(version.text.split(/\r?\n/), current);
        const view: StaleView = { ...version, toCurrent, toOld: invertLines(toCurrent, current.length) };
        this.views.set(document, { text, version, view });
        return view;
    }
}
