/**
 * The panels' documents: the error banner shows each problem as text, the summary's own policy
 * gives way to the panel's (one script, with a nonce), and the CSV export quotes what needs it.
 */
import { describe, expect, test } from 'vitest';
import type { MonteCarloResponse } from '../../language/lsp/server-protocol.js';
import { bodyOf, monteCarloCsv, problemsHtml, summaryHtml } from '../../extension/webviews.js';

const webview = { cspSource: 'vscode-resource:' } as never;

describe('panels', () => {
    test('the error banner lists each problem as text, over the last valid summary greyed', () => {
        const html = problemsHtml(webview, 'The contract has errors: the summary shows once they are fixed.', [
            { line: 61, column: 21, message: "Expected '}' but found '<img src=x>'.", code: 'syntax-error' }
        ], '<h1>Last</h1>');
        expect(html).toContain('<span class="where">line 61, column 21</span>: Expected &#39;}&#39; but found &#39;&#60;img src=x&#62;&#39;.');
        expect(html).toContain('<div class="stale" aria-hidden="true"><h1>Last</h1></div>');
        expect(html).not.toContain('<img');
        // The banner opens at the top: its script does not restore a scroll position.
        expect(html).toContain('const keep = false;');
    });

    test('the summary keeps one policy, the panel\'s, which lets only its own script run', () => {
        const html = summaryHtml(webview, '<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src \'none\'"><style>p{}</style></head><body><p>x</p></body></html>');
        expect(html.match(/Content-Security-Policy/g)).toHaveLength(1);
        const nonce = /script-src 'nonce-([^']+)'/.exec(html)?.[1];
        expect(html).toContain(`<script nonce="${nonce}">`);
        expect(bodyOf(html)).toMatch(/^<style>p\{\}<\/style>/);
    });

    test('the CSV export: statistics, then every percentile', () => {
        const response = {
            contract: 'A, "quoted" contract', currency: 'USD',
            result: { trials: 10, seed: 1, mean: 1, sd: 0, pGain: 1, pLoss: 0, percentiles: { p5: 1, p25: 1, p50: 1, p75: 1, p95: 1 }, payerMeanNet: 0, histogram: { min: 0, max: 0, binWidth: 0, counts: [] } },
            formatted: {} as MonteCarloResponse['formatted'], chartSvg: '',
            tails: { worst5Mean: '$1,000.00', best5Mean: '$2.00' },
            percentileTable: [{ percentile: 1, earned: 1 }]
        } as MonteCarloResponse;
        const csv = monteCarloCsv(response);
        expect(csv).toMatch(/^statistic,value\ncontract,"A, ""quoted"" contract"\n/);
        expect(csv).toContain('expected shortfall (mean of worst 5%),"$1,000.00"\n');
        expect(csv).toMatch(/\n\npercentile,earned\np1,1\n$/);
    });
});
