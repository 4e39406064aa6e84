/**
 * What `aco simulate` prints for whole agreements: a projection as a year-by-year table with its
 * term total, the cash ledger of a year, and Monte Carlo over the term; and the same as JSON
 * (fields added to CLI.md's, none changed).
 */
import { Dec } from '../decimal.js';
import { settledMoney } from '../format.js';
import type { ContractModel, Rounding } from '../model/contract-model.js';
import type { TermMonteCarloResult } from '../settlement/index.js';
import type { Ledger, ProjectionSettlement } from '../settlement/settlement-types.js';
import { moneyJson, monteCarloJson, rateJson } from './json-output.js';
import type { Style } from './text-output.js';

export function ledgerJson(ledger: Ledger, rounding: Rounding): Record<string, unknown> {
    return {
        year: ledger.year,
        entries: ledger.entries.map((entry) => ({
            stream: entry.stream,
            ...(entry.provider ? { provider: entry.provider } : {}),
            direction: entry.direction,
            timing: entry.timing,
            amount: moneyJson(entry.amount, rounding),
            explanation: entry.explanation,
            ...(entry.line ? { line: entry.line } : {})
        })),
        netToAco: moneyJson(ledger.netToAco, rounding),
        advanceBalance: moneyJson(ledger.advanceBalance, rounding)
    };
}

export function projectionJson(projection: ProjectionSettlement, rounding: Rounding): Record<string, unknown> {
    const money = (amount: Dec) => moneyJson(amount, rounding);
    return {
        name: projection.name,
        line: projection.line,
        years: projection.years.map(({ year, settlement, ledger }) => ({
            year,
            benchmark: money(settlement.benchmark),
            expenditure: money(settlement.expenditure),
            grossSavings: money(settlement.grossSavings),
            savingsRate: rateJson(settlement.savingsRate),
            qualityScore: rateJson(settlement.qualityScore),
            earned: money(settlement.earned),
            ledger: ledgerJson(ledger, rounding)
        })),
        totalEarned: money(projection.totalEarned),
        totalNetCash: money(projection.totalNetCash),
        expectations: projection.expectations.map((e) => ({
            kind: e.kind, expected: money(e.expected), actual: money(e.actual), tolerance: money(e.tolerance), passed: e.passed, line: e.line
        }))
    };
}

export function termMonteCarloJson(result: TermMonteCarloResult): Record<string, unknown> {
    return { ...monteCarloJson(result), overTheTerm: true, years: result.years, yearMeans: result.yearMeans, correlation: result.correlation };
}

function pad(rows: string[][]): string[] {
    const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
    return rows.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ').trimEnd());
}

/** A projection as a table: one row per year, the term total last. */
export function projectionText(projection: ProjectionSettlement, model: ContractModel, style: Style): string[] {
    const money = (amount: Dec) => settledMoney(amount, model);
    const rows = [['Year', 'Benchmark', 'Expenditure', 'Savings rate', 'Earned', 'Net cash to ACO']];
    for (const { year, settlement, ledger } of projection.years) {
        rows.push([String(year), money(settlement.benchmark), money(settlement.expenditure), `${settlement.savingsRate.times(100).toDecimalPlaces(2).toFixed(2)}%`,
            money(settlement.earned), money(ledger.netToAco)]);
    }
    rows.push(['Term', '', '', '', money(projection.totalEarned), money(projection.totalNetCash)]);
    const lines = [`  Projection "${projection.name}" (line ${projection.line})`, ...pad(rows).map((row) => `    ${row}`)];
    for (const e of projection.expectations) {
        const label = e.kind === 'earned' ? 'term earned' : 'term net cash';
        lines.push(e.passed
            ? `    ${style.green('PASS')} ${label} ${money(e.actual)}`
            : `    ${style.red('FAIL')} ${label}: expected ${money(e.expected)}, got ${money(e.actual)}`);
    }
    return lines;
}

/** The cash ledger of a year, one line per stream. */
export function ledgerText(ledger: Ledger, model: ContractModel): string[] {
    if (ledger.entries.length === 0) {
        return [];
    }
    const rows = ledger.entries.map((entry) => [
        `  ${entry.stream}${entry.provider ? ` (${entry.provider})` : ''}`,
        entry.direction, entry.timing, settledMoney(entry.amount, model)
    ]);
    rows.push(['  net cash to the ACO', '', '', settledMoney(ledger.netToAco, model)]);
    return ['    Cash ledger', ...pad(rows).map((row) => `    ${row}`)];
}

export function termMonteCarloText(result: TermMonteCarloResult, model: ContractModel): string[] {
    const money = (amount: number) => settledMoney(new Dec(amount), model);
    const p = result.percentiles;
    return [
        `  Monte Carlo over the term (${result.years} years, ${result.trials.toLocaleString('en-US')} trials, seed ${result.seed}${result.correlation ? `, year-to-year correlation ${(result.correlation * 100).toFixed(0)}%` : ''})`,
        `    term total: mean ${money(result.mean)} · sd ${money(result.sd)}`,
        `    P(term total < 0) ${(result.pLoss * 100).toFixed(1)}% · P(term total > 0) ${(result.pGain * 100).toFixed(1)}%`,
        `    percentiles: 5th ${money(p.p5)} · 25th ${money(p.p25)} · median ${money(p.p50)} · 75th ${money(p.p75)} · 95th ${money(p.p95)}`,
        `    mean by year: ${result.yearMeans.map((mean, index) => `${index + 1}: ${money(mean)}`).join(' · ')}`,
        `    payer's mean net savings over the term ${money(result.payerMeanNet)}`
    ];
}
