/**
 * The summary shown in the editor's webview: the same renderer as `aco summary --format html`,
 * fed from the document's cached analysis, with the document's diagnostics for the first page's
 * banner (errors, failed expectations, warnings) and the hash of its text for the sign-off.
 */
import type { Diagnostic } from 'vscode-languageserver';
import type { ContractAnalysis } from '../analysis/contract-analysis.js';
import { contentHash, noticesOf, summaryHtml, summaryInputOf, summaryMonteCarlo } from '../summary/index.js';

/** The document the summary describes: its URI and text, and its diagnostics when it was validated. */
export interface SummarySource {
    uri: string;
    text: string;
    diagnostics?: readonly Diagnostic[];
}

export function renderContractSummary(analysis: ContractAnalysis, source?: SummarySource): string {
    const context = source
        ? {
            notices: noticesOf(source.diagnostics),
            signOff: { file: decodeURIComponent(source.uri.replace(/^.*\//, '')), sha256: contentHash(source.text), generated: new Date() }
        }
        : {};
    return summaryHtml(summaryInputOf(analysis, summaryMonteCarlo(analysis.model), context));
}
