/**
 * Webview documents for the summary and Monte Carlo panels, with a strict content security
 * policy: nothing remote, no script but this file's one small script (with a fresh nonce) that
 * keeps the scroll position across refreshes and sends the panel's buttons to the extension. Both
 * follow the VS Code theme through its CSS variables.
 */
import { randomBytes } from 'node:crypto';
import type * as vscode from 'vscode';
import type { ContractProblems, MonteCarloResponse } from '../language/lsp/server-protocol.js';

function policy(webview: vscode.Webview, nonce: string): string {
    return `default-src 'none'; img-src ${webview.cspSource} data:; style-src ${webview.cspSource} 'unsafe-inline'; font-src ${webview.cspSource}; script-src 'nonce-${nonce}';`;
}

function cspMeta(webview: vscode.Webview, nonce: string): string {
    return `<meta http-equiv="Content-Security-Policy" content="${policy(webview, nonce)}">`;
}

/**
 * Restores the scroll position the panel had before its content was replaced (the state survives
 * a new `html`), saves it as the reader scrolls, and posts `data-command` button clicks. The error
 * banner opens at the top and leaves the summary's position for when it comes back.
 */
function panelScript(nonce: string, keepScroll = true): string {
    return `<script nonce="${nonce}">
(() => {
    const vscode = acquireVsCodeApi();
    const state = vscode.getState() || {};
    const keep = ${keepScroll ? 'true' : 'false'};
    const restore = () => { if (keep && typeof state.scrollY === 'number') { window.scrollTo(0, state.scrollY); } };
    restore();
    window.addEventListener('load', restore);
    let timer;
    window.addEventListener('scroll', () => {
        clearTimeout(timer);
        timer = keep ? setTimeout(() => vscode.setState({ ...vscode.getState(), scrollY: window.scrollY }), 60) : undefined;
    });
    document.addEventListener('click', event => {
        const button = event.target instanceof Element ? event.target.closest('[data-command]') : null;
        if (button) {
            vscode.postMessage({ command: button.getAttribute('data-command') });
        }
    });
})();
</script>`;
}

function nonce(): string {
    return randomBytes(16).toString('base64');
}

function escapeHtml(text: string): string {
    return text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
}

/** The server's summary document with the policy first in its head and the scroll script last in its body. */
export function summaryHtml(webview: vscode.Webview, html: string): string {
    const n = nonce();
    // The document's own policy (no scripts at all) gives way to the panel's, which allows only its script.
    const own = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/gi, '');
    const withHead = /<head[^>]*>/i.test(own)
        ? own.replace(/<head[^>]*>/i, head => `${head}\n${cspMeta(webview, n)}`)
        : `<!DOCTYPE html><html><head><meta charset="utf-8">${cspMeta(webview, n)}</head><body>${own}</body></html>`;
    return /<\/body>/i.test(withHead) ? withHead.replace(/<\/body>/i, `${panelScript(n)}</body>`) : `${withHead}${panelScript(n)}`;
}

const BANNER_STYLE = `
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); background: var(--vscode-editor-background); margin: 0; padding: 1rem 1.5rem; }
.problems { border: 1px solid var(--vscode-inputValidation-errorBorder, #be1100); background: var(--vscode-inputValidation-errorBackground, rgba(190, 17, 0, 0.12));
  border-radius: 4px; padding: 0.8rem 1.1rem; margin-bottom: 1.2rem; }
.problems h2 { margin: 0 0 0.4rem; font-size: 1.05rem; }
.problems ol { margin: 0.3rem 0 0.2rem 1.2rem; padding: 0; }
.problems li { margin: 0.15rem 0; }
.problems .where { font-family: var(--vscode-editor-font-family); opacity: 0.8; }
.stale-note { color: var(--vscode-descriptionForeground); font-style: italic; margin: 0 0 0.6rem; }
.stale { opacity: 0.45; filter: grayscale(1); pointer-events: none; }
`;

/**
 * The panel while the contract has errors: a banner listing each problem, then (when there was
 * one) the last valid summary, greyed and said to be stale.
 */
export function problemsHtml(webview: vscode.Webview, message: string, problems: ContractProblems['problems'], lastValidBody: string | undefined): string {
    const n = nonce();
    const items = problems.map(p => `<li><span class="where">line ${p.line}, column ${p.column}</span>: ${escapeHtml(p.message)}${p.code ? ` <span class="where">[${escapeHtml(p.code)}]</span>` : ''}</li>`).join('');
    const stale = lastValidBody
        ? `<p class="stale-note">Below: the summary as of the last valid version.</p><div class="stale" aria-hidden="true">${lastValidBody}</div>`
        : '';
    return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">${cspMeta(webview, n)}<style>${BANNER_STYLE}</style></head>
<body>
<section class="problems" role="alert">
<h2>The summary cannot be shown: the contract has ${problems.length === 1 ? 'an error' : problems.length > 1 ? `${problems.length} errors` : 'errors'}</h2>
<p>${escapeHtml(message)}</p>
${items ? `<ol>${items}</ol>` : ''}
</section>
${stale}
${panelScript(n, false)}
</body></html>`;
}

/** The inside of a summary document's body, and its styles, to show under a banner. */
export function bodyOf(html: string): string {
    const styles = [...html.matchAll(/<style[^>]*>[\s\S]*?<\/style>/gi)].map(m => m[0]).join('\n');
    const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html;
    return `${styles}${body}`;
}

/** The Monte Carlo panel: inputs, the histogram, the statistics, the caps and the tails, and the CSV export. */
export function monteCarloHtml(webview: vscode.Webview, response: MonteCarloResponse): string {
    const n = nonce();
    const f = response.formatted;
    const r = response.result;
    const percent = (p: number): string => `${(p * 100).toFixed(1)}%`;
    const table = (caption: string, rows: Array<[string, string]>, className = ''): string => rows.length === 0 ? ''
        : `<table class="${className}"><caption>${escapeHtml(caption)}</caption>${rows.map(([k, v]) => `<tr><td>${escapeHtml(k)}</td><td class="figure">${escapeHtml(v)}</td></tr>`).join('')}</table>`;
    const statistics: Array<[string, string]> = [
        ['Mean earned', f.mean], ['Standard deviation', f.sd],
        ['Chance of earning savings', percent(r.pGain)], ['Chance of owing losses', percent(r.pLoss)],
        ['5th percentile (P5)', f.p5], ['25th percentile', f.p25], ['Median', f.p50], ['75th percentile', f.p75], ['95th percentile (P95)', f.p95],
        ["Payer's mean net savings", f.payerMeanNet]
    ];
    const tails: Array<[string, string]> = response.tails
        ? [['Expected shortfall: mean of the worst 5% of trials', response.tails.worst5Mean], ['Mean of the best 5% of trials', response.tails.best5Mean]]
        : [];
    const caps: Array<[string, string]> = (response.caps ?? []).map(c => [`${c.cap} (${c.amount})`, percent(c.probability)]);
    const inputs: Array<[string, string]> = (response.inputs ?? []).map(i => [i.what, i.value]);
    return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">${cspMeta(webview, n)}
<style>
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 1rem 1.5rem; }
h1 { font-size: 1.35rem; font-weight: 600; }
.layout { display: flex; flex-wrap: wrap; gap: 0.5rem 2.5rem; align-items: flex-start; }
table { border-collapse: collapse; margin: 0.6rem 0 1rem; }
caption { text-align: left; font-weight: 600; padding-bottom: 0.3rem; color: var(--vscode-descriptionForeground); }
td { padding: 0.2rem 1rem 0.2rem 0; border-bottom: 1px solid var(--vscode-panel-border, rgba(128, 128, 128, 0.25)); }
td.figure { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 0.5rem 0; }
svg { max-width: 100%; height: auto; border: 1px solid var(--vscode-panel-border, rgba(128, 128, 128, 0.35)); border-radius: 4px; }
button { font: inherit; color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: none; padding: 0.35rem 0.9rem; border-radius: 2px; cursor: pointer; }
button:hover { background: var(--vscode-button-hoverBackground); }
body.vscode-dark svg.aco-chart .background, body.vscode-high-contrast svg.aco-chart .background { fill: var(--vscode-editor-background, #1e1e1e); }
body.vscode-dark svg.aco-chart .grid { stroke: #33373d; }
body.vscode-dark svg.aco-chart .axis { stroke: #6b7280; }
body.vscode-dark svg.aco-chart .x-axis, body.vscode-dark svg.aco-chart .y-axis, body.vscode-dark svg.aco-chart .tick { fill: #a0a7b0; }
body.vscode-dark svg.aco-chart .axis-label, body.vscode-dark svg.aco-chart .label, body.vscode-dark svg.aco-chart text { fill: #e2e4e8; }
body.vscode-dark svg.aco-chart .zero-line, body.vscode-dark svg.aco-chart .mean-line { stroke: #c9ced6; }
body.vscode-dark svg.aco-chart .p-loss .label { fill: #ff8a80; stroke: #1b1d21; }
body.vscode-dark svg.aco-chart .p-gain { fill: #5fd39a; stroke: #1b1d21; }
</style></head>
<body>
<h1>Monte Carlo: ${escapeHtml(response.contract)}</h1>
<p><button type="button" data-command="exportCsv" title="Save the statistics and every percentile as a CSV file">Export CSV</button></p>
<figure class="histogram">${response.chartSvg}</figure>
<div class="layout">
${table('Inputs', inputs, 'inputs')}
${table('What the contract pays', statistics, 'statistics')}
${table('Chance of reaching each cap', caps, 'caps')}
${table('Tails', tails, 'tails')}
</div>
${panelScript(n)}
</body></html>`;
}

/** The CSV export: the inputs and statistics, then earned at every percentile from 1 to 99. */
export function monteCarloCsv(response: MonteCarloResponse): string {
    const quote = (text: string | number): string => {
        const value = String(text);
        return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
    };
    const r = response.result;
    const rows: Array<Array<string | number>> = [
        ['contract', response.contract], ['currency', response.currency],
        ...(response.inputs ?? []).map(i => [i.what.toLowerCase(), i.value]),
        ['mean', r.mean], ['sd', r.sd], ['p(gain)', r.pGain], ['p(loss)', r.pLoss],
        ['p5', r.percentiles.p5], ['p25', r.percentiles.p25], ['p50', r.percentiles.p50], ['p75', r.percentiles.p75], ['p95', r.percentiles.p95],
        ['payer mean net savings', r.payerMeanNet],
        ...(response.tails ? [['expected shortfall (mean of worst 5%)', response.tails.worst5Mean], ['mean of best 5%', response.tails.best5Mean]] : []),
        ...(response.caps ?? []).map(c => [`p(${c.cap.toLowerCase()})`, c.probability])
    ];
    const percentiles = (response.percentileTable ?? []).map(p => [`p${p.percentile}`, p.earned]);
    return [['statistic', 'value'], ...rows, [], ['percentile', 'earned'], ...percentiles].map(row => row.map(quote).join(',')).join('\n') + '\n';
}
