/**
 * The normative JSON document of `validate`, `simulate` and `test --format json` (CLI.md): money
 * and rates as exact decimal strings, money with the contract's rounding, lines 1-based. Fields
 * may be added; none may be renamed or dropped.
 */
import type { Diagnostic } from 'vscode-languageserver';
import type { Dec } from '../decimal.js';
import type { Rounding } from '../model/contract-model.js';
import type { MonteCarloResult } from '../settlement/index.js';
import { moneyPlaces, roundMoney } from '../settlement/rounding.js';
import type { Settlement } from '../settlement/settlement-types.js';
import type { LoadedContract } from './contracts.js';
import type { TermMonteCarloResult } from '../settlement/index.js';
import { ledgerJson, projectionJson, termMonteCarloJson } from './agreement-output.js';

const SEVERITIES = ['', 'error', 'warning', 'info', 'hint'] as const;

export interface JsonDiagnostic {
    severity: string;
    code: string;
    message: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
}

export function diagnosticJson(diagnostic: Diagnostic): JsonDiagnostic {
    return {
        severity: SEVERITIES[diagnostic.severity ?? 1] ?? 'error',
        code: String(diagnostic.code ?? 'unknown'),
        message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value,
        line: diagnostic.range.start.line + 1,
        column: diagnostic.range.start.character + 1,
        endLine: diagnostic.range.end.line + 1,
        endColumn: diagnostic.range.end.character + 1
    };
}

/** Money as the contract settles it: rounded by its rule, two places (none with whole units). */
export function moneyJson(amount: Dec, rounding: Rounding): string {
    return roundMoney(amount, rounding).toFixed(moneyPlaces(rounding));
}

/** Rates exactly, without exponent notation. */
export function rateJson(rate: Dec): string {
    return rate.toFixed();
}

export function settlementJson(settlement: Settlement, rounding: Rounding): Record<string, unknown> {
    const money = (amount: Dec): string => moneyJson(amount, rounding);
    return {
        name: settlement.scenario,
        line: settlement.scenarioLine,
        benchmark: money(settlement.benchmark),
        expenditure: money(settlement.expenditure),
        grossSavings: money(settlement.grossSavings),
        savingsRate: rateJson(settlement.savingsRate),
        qualityScore: rateJson(settlement.qualityScore),
        qualityStandardMet: settlement.qualityStandardMet,
        ...(settlement.minimumRate ? { minimumRate: rateJson(settlement.minimumRate) } : {}),
        ...(settlement.finalSharingRate ? { finalSharingRate: rateJson(settlement.finalSharingRate) } : {}),
        ...(settlement.lossSharingRate ? { lossSharingRate: rateJson(settlement.lossSharingRate) } : {}),
        earned: money(settlement.earned),
        capitation: settlement.capitation.map(c => ({
            service: c.service,
            ...(c.provider ? { provider: c.provider } : {}),
            paid: money(c.paid),
            withheld: money(c.withheld),
            returned: money(c.returned)
        })),
        ...(settlement.distribution ? {
            distribution: {
                reserve: money(settlement.distribution.reserve),
                remainder: money(settlement.distribution.remainder),
                providers: settlement.distribution.providers.map(p => ({ provider: p.provider, amount: money(p.amount) }))
            }
        } : {}),
        steps: settlement.steps.map(step => ({
            step: step.step,
            ...(step.amount !== undefined ? { amount: money(step.amount) } : {}),
            ...(step.rate !== undefined ? { rate: rateJson(step.rate) } : {}),
            explanation: step.explanation,
            ...(step.line ? { line: step.line } : {})
        })),
        expectations: settlement.expectations.map(e => ({
            kind: e.kind,
            ...(e.providerId ? { provider: e.providerId } : {}),
            expected: money(e.expected),
            actual: money(e.actual),
            tolerance: money(e.tolerance),
            passed: e.passed,
            line: e.line
        })),
        year: settlement.year,
        ...(settlement.ledger ? { ledger: ledgerJson(settlement.ledger, rounding) } : {})
    };
}

export function monteCarloJson(result: MonteCarloResult): Record<string, unknown> {
    return {
        trials: result.trials,
        seed: result.seed,
        mean: result.mean,
        sd: result.sd,
        pLoss: result.pLoss,
        pGain: result.pGain,
        percentiles: { ...result.percentiles },
        payerMeanNet: result.payerMeanNet
    };
}

export interface FileJsonOptions {
    /** Include the settlement of each scenario (only for files without errors). */
    scenarios: boolean;
    /** Restrict to one scenario by name. */
    scenario?: string;
    monteCarlo?: MonteCarloResult;
}

export function fileJson(loaded: LoadedContract, options: FileJsonOptions): Record<string, unknown> {
    const result: Record<string, unknown> = {
        file: loaded.file.display,
        ...(loaded.contractName !== undefined ? { contract: loaded.contractName } : {}),
        diagnostics: loaded.diagnostics.map(diagnosticJson)
    };
    const analysis = loaded.analysis;
    if (options.scenarios && !loaded.hasErrors && analysis) {
        result.scenarios = analysis.settlements
            .filter((s): s is Settlement => s !== undefined)
            .filter(s => options.scenario === undefined || s.scenario === options.scenario)
            .map(s => settlementJson(s, analysis.model.rounding));
        if (analysis.model.projections.length > 0) {
            result.projections = analysis.model.projections.flatMap((_, index) => {
                const projection = analysis.projection(index);
                return projection ? [projectionJson(projection, analysis.model.rounding)] : [];
            });
        }
        if (options.monteCarlo) {
            result.monteCarlo = 'yearMeans' in options.monteCarlo ? termMonteCarloJson(options.monteCarlo as TermMonteCarloResult) : monteCarloJson(options.monteCarlo);
        }
    }
    return result;
}

/**
 * The `{ "files": [ … ] }` document from its entries (each already indented for its place): the
 * same text as `JSON.stringify(document, null, 2)`, without holding every file's object at once.
 */
export function filesDocument(entries: readonly string[]): string {
    return entries.length === 0 ? '{\n  "files": []\n}' : `{\n  "files": [\n${entries.join(',\n')}\n  ]\n}`;
}
