/**
 * The summary shown in the editor's webview: the same renderer as `aco summary --format html`,
 * fed from the document's cached analysis.
 */
import type { ContractAnalysis } from '../analysis/contract-analysis.js';
import { summaryHtml, summaryInputOf, summaryMonteCarlo } from '../summary/index.js';

export function renderContractSummary(analysis: ContractAnalysis): string {
    return summaryHtml(summaryInputOf(analysis, summaryMonteCarlo(analysis.model)));
}
