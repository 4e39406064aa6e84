/**
 * The summary shown in the editor's webview: the same renderer as `aco summary --format html`.
 */
import type { ContractAnalysis } from '../analysis/contract-analysis.js';

export function renderContractSummary(_analysis: ContractAnalysis): string {
    throw new Error('not wired yet');
}
