/**
 * Webview documents for the summary and Monte Carlo panels, with a strict content security
 * policy: nothing remote, no scripts at all, only inline styles and data-URI images.
 */
import type * as vscode from 'vscode';
import type { MonteCarloResponse } from '../language/lsp/server-protocol.js';

function policy(webview: vscode.Webview): string {
    return `default-src 'none'; img-src ${webview.cspSource} data:; style-src ${webview.cspSource} 'unsafe-inline'; font-src ${webview.cspSource};`;
}

function cspMeta(webview: vscode.Webview): string {
    return `<meta http-equiv="Content-Security-Policy" content="${policy(webview)}">`;
}

/** The server's summary document with the policy put first in its head. */
export function summaryHtml(webview: vscode.Webview, html: string): string {
    if (/<head[^>]*>/i.test(html)) {
        return html.replace(/<head[^>]*>/i, head => `${head}\n${cspMeta(webview)}`);
    }
    return `<!DOCTYPE html><html><head><meta charset="utf-8">${cspMeta(webview)}</head><body>${html}</body></html>`;
}

function escapeHtml(text: string): string {
    return text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
}

export function monteCarloHtml(webview: vscode.Webview, response: MonteCarloResponse): string {
    const f = response.formatted;
    const r = response.result;
    const percent = (p: number): string => `${(p * 100).toFixed(1)}%`;
    const rows: Array<[string, string]> = [
        ['Trials', r.trials.toLocaleString('en-US')], ['Seed', String(r.seed)], ['Mean earned', f.mean], ['Standard deviation', f.sd],
        ['Chance of earning savings', percent(r.pGain)], ['Chance of owing losses', percent(r.pLoss)],
        ['5th percentile', f.p5], ['25th percentile', f.p25], ['Median', f.p50], ['75th percentile', f.p75], ['95th percentile', f.p95],
        ["Payer's mean net savings", f.payerMeanNet]
    ];
    return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">${cspMeta(webview)}
<style>
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 1rem 1.5rem; }
table { border-collapse: collapse; margin-top: 1rem; }
td { padding: 0.2rem 1rem 0.2rem 0; } td.figure { text-align: right; font-variant-numeric: tabular-nums; }
svg { max-width: 100%; height: auto; background: #fff; }
</style></head>
<body>
<h1>Monte Carlo: ${escapeHtml(response.contract)}</h1>
<figure class="histogram">${response.chartSvg}</figure>
<table>${rows.map(([k, v]) => `<tr><td>${escapeHtml(k)}</td><td class="figure">${escapeHtml(v)}</td></tr>`).join('')}</table>
</body></html>`;
}
