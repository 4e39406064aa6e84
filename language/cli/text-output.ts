/**
 * Plain-text output for people at a terminal: diagnostics as `file:line:column: severity: message
 * [code]`, settlements as aligned tables, the waterfall with `--explain`. Colour only on a terminal.
 */
import type { Diagnostic } from 'vscode-languageserver';
import type { Dec } from '../decimal.js';
import { formatCount, formatPercent, settledMoney } from '../format.js';
import type { ContractModel } from '../model/contract-model.js';
import type { Settlement } from '../settlement/settlement-types.js';

export interface Style {
    red(text: string): string;
    yellow(text: string): string;
    green(text: string): string;
    bold(text: string): string;
    dim(text: string): string;
}

export function makeStyle(color: boolean): Style {
    const wrap = (open: number, close: number) => (text: string): string => color ? `\u001b[${open}m${text}\u001b[${close}m` : text;
    return { red: wrap(31, 39), yellow: wrap(33, 39), green: wrap(32, 39), bold: wrap(1, 22), dim: wrap(2, 22) };
}

const SEVERITY_WORDS = ['', 'error', 'warning', 'info', 'hint'];

export function diagnosticLine(file: string, diagnostic: Diagnostic, style: Style): string {
    const severity = SEVERITY_WORDS[diagnostic.severity ?? 1] ?? 'error';
    const painted = severity === 'error' ? style.red(severity) : severity === 'warning' ? style.yellow(severity) : severity;
    const { line, character } = diagnostic.range.start;
    const code = diagnostic.code !== undefined ? ` ${style.dim(`[${diagnostic.code}]`)}` : '';
    const message = typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
    return `${file}:${line + 1}:${character + 1}: ${painted}: ${message}${code}`;
}


function table(rows: Array<[string, string, string?]>): string[] {
    const labelWidth = Math.max(...rows.map(r => r[0].length));
    const valueWidth = Math.max(...rows.map(r => r[1].length));
    return rows.map(([label, value, note]) => `    ${label.padEnd(labelWidth)}  ${value.padStart(valueWidth)}${note ? `  ${note}` : ''}`);
}

export function settlementText(settlement: Settlement, model: ContractModel, style: Style, explain: boolean): string[] {
    const money = (amount: Dec): string => settledMoney(amount, model);
    const lines = [`  ${style.bold(`Scenario "${settlement.scenario}"`)} ${style.dim(`(line ${settlement.scenarioLine})`)}`];
    const rows: Array<[string, string, string?]> = [
        ['Benchmark', money(settlement.benchmark)],
        ['Expenditure', money(settlement.expenditure)],
        ['Gross savings', money(settlement.grossSavings), `(${formatPercent(settlement.savingsRate, 4)} of benchmark)`],
        ['Quality score', formatPercent(settlement.qualityScore, 4), settlement.qualityStandardMet ? '(standard met)' : '(standard not met)']
    ];
    if (settlement.finalSharingRate) {
        rows.push(['Final sharing rate', formatPercent(settlement.finalSharingRate, 4)]);
    }
    if (settlement.lossSharingRate) {
        rows.push(['Loss sharing rate', formatPercent(settlement.lossSharingRate, 4)]);
    }
    const earned = money(settlement.earned);
    rows.push(['Earned', settlement.earned.isNegative() ? style.red(earned) : style.green(earned),
        settlement.earned.isNegative() ? '(owed by the ACO)' : settlement.earned.isZero() ? '' : '(paid to the ACO)']);
    lines.push(...table(rows));
    if (settlement.distribution) {
        const d = settlement.distribution;
        lines.push('    Distribution');
        lines.push(...table([
            ['  reserve', money(d.reserve)],
            ...d.providers.map((p): [string, string] => [`  ${p.provider}`, money(p.amount)])
        ]));
    }
    if (settlement.capitation.length > 0) {
        lines.push('    Capitation (paid · withheld · returned)');
        lines.push(...table(settlement.capitation.map((c): [string, string, string] => [
            `  ${c.service}${c.provider ? ` to ${c.provider}` : ''}`, money(c.paid), `· ${money(c.withheld)} · ${money(c.returned)}`
        ])));
    }
    if (explain) {
        lines.push('    Waterfall');
        const keyWidth = Math.max(22, ...settlement.steps.map((step) => step.step.length));
        settlement.steps.forEach((step, index) => {
            const figure = step.amount !== undefined ? money(step.amount) : step.rate !== undefined ? formatPercent(step.rate, 6) : '';
            const where = step.line ? style.dim(` (line ${step.line})`) : '';
            lines.push(`    ${String(index + 1).padStart(2)}. ${step.step.padEnd(keyWidth)} ${figure.padStart(18)}  ${step.explanation}${where}`);
        });
    }
    return lines;
}

export function contractHeader(file: string, model: ContractModel, style: Style): string {
    const n = model.population.beneficiaries;
    return `${style.bold(file)} — ${model.name}${n ? style.dim(` (${formatCount(n)} beneficiaries)`) : ''}`;
}
