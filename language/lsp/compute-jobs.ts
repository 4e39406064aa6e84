/**
 * The long computations behind the custom requests, a Monte Carlo run and a contract summary
 * (which runs the contract's own Monte Carlo), written once for the compute worker and for the
 * in-process fallback used where no worker script exists.
 */
import { Dec } from '../decimal.js';
import type { ContractAnalysis } from '../analysis/contract-analysis.js';
import { settledMoney } from '../format.js';
import type { ContractModel } from '../model/contract-model.js';
import { runMonteCarloAsync } from '../settlement/index.js';
import { monteCarloChartSvg } from '../summary/charts.js';
import { monteCarloDetails } from './monte-carlo-view.js';
import type { MonteCarloResponse, SummaryResult } from './server-protocol.js';
import { renderContractSummary, type SummarySource } from './summary-view.js';

/** A job as sent to the worker: the contract's text, so the worker needs nothing else. */
export type ComputeJob =
    | { kind: 'monteCarlo'; uri: string; text: string; trials?: number }
    | { kind: 'summary'; uri: string; text: string };

export type ComputeResult = MonteCarloResponse | SummaryResult;

/** A clear refusal (no uncertainty block): answered as such, not logged as a failure. */
export class JobRefused extends Error {}

export interface JobControl {
    signal?: AbortSignal;
    onProgress?: (done: number, total: number) => void;
}

export async function monteCarloResponse(model: ContractModel, trials: number | undefined, control: JobControl = {}): Promise<MonteCarloResponse> {
    if (!model.uncertainty) {
        throw new JobRefused('The contract has no uncertainty block.');
    }
    const mc = await runMonteCarloAsync(model, { trials: trials ?? model.uncertainty.trials, signal: control.signal, onProgress: control.onProgress });
    const { sorted: _sorted, ...rest } = mc;
    const money = (n: number): string => settledMoney(new Dec(n), model);
    return {
        contract: model.name,
        currency: model.currency,
        result: rest,
        formatted: {
            mean: money(mc.mean), sd: money(mc.sd), p5: money(mc.percentiles.p5), p25: money(mc.percentiles.p25),
            p50: money(mc.percentiles.p50), p75: money(mc.percentiles.p75), p95: money(mc.percentiles.p95), payerMeanNet: money(mc.payerMeanNet)
        },
        chartSvg: monteCarloChartSvg(mc, model),
        ...monteCarloDetails(model, mc)
    };
}

export function summaryResult(analysis: ContractAnalysis, source?: SummarySource): SummaryResult {
    return { title: analysis.model.name, html: renderContractSummary(analysis, source) };
}
