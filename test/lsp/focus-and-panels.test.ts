/**
 * Over the language server's stdio connection, as any client sees it: the cursor and the picked
 * scenario (`aco/focus`, `aco/pickScenario`), Explain at a position, the summary's answer while
 * the contract has errors (the problems to list), and what the Monte Carlo panel shows beside
 * the histogram.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FocusResult, MonteCarloResponse } from '../../language/lsp/server-protocol.js';
import { specText, startClient, type TestClient } from './lsp-client.js';

const twoYears = specText.replace('    uncertainty {', `    scenario "Loss year" {
        expenditure $1,100.00 per member per month
        quality score 80%
    }

    uncertainty {`);
const lineWith = (text: string, needle: string) => text.split('\n').findIndex(l => l.includes(needle));

let client: TestClient;
beforeAll(async () => {
    ({ client } = await startClient());
}, 30_000);
afterAll(async () => {
    await client?.stop();
});

describe('the scenario the figures follow', () => {
    const uri = 'file:///virtual/focus.aco';

    test('the status bar\'s view: every scenario with its result, and which one drives the figures and why', async () => {
        await client.open(uri, twoYears);
        await client.nextDiagnostics(uri, 0);
        const outside = await client.request<FocusResult>('aco/focus', { uri, position: { line: 0, character: 0 } });
        expect(outside.scenarios.map(s => [s.name, s.result])).toEqual([['Expected year', 'Earned $2,135,818.13'], ['Loss year', expect.stringMatching(/^Owes \$/)]]);
        expect(outside.driving).toMatchObject({ label: 'scenario "Expected year"', reason: 'first' });
        const inside = await client.request<FocusResult>('aco/focus', { uri, position: { line: lineWith(twoYears, 'quality score 80%'), character: 4 } });
        expect(inside.driving).toMatchObject({ label: 'scenario "Loss year"', reason: 'cursor', why: 'the scenario the cursor is in' });
    });

    test('a pick by name, in any case; an unknown name is a clear error that lists the scenarios', async () => {
        const picked = await client.request<FocusResult>('aco/pickScenario', { uri, scenario: 'LOSS YEAR' });
        expect(picked.picked).toBe('Loss year');
        const away = await client.request<FocusResult>('aco/focus', { uri, position: { line: 0, character: 0 } });
        expect(away.driving).toMatchObject({ label: 'scenario "Loss year"', reason: 'picked' });
        await expect(client.request('aco/pickScenario', { uri, scenario: 'Best year' })).rejects.toMatchObject({
            code: -32602, message: 'aco/pickScenario: the contract has no scenario "Best year"; it has "Expected year", "Loss year".'
        });
        const reset = await client.request<FocusResult>('aco/pickScenario', { uri, scenario: '' });
        expect(reset.driving?.reason).toBe('first');
    });

    test('bad parameters get a clear answer, never an internal error', async () => {
        await expect(client.request('aco/focus', { uri, position: { line: 'x' } })).rejects.toMatchObject({ code: -32602, message: expect.stringContaining('"position" must be') });
        await expect(client.request('aco/focus', { uri: 'file:///virtual/never-opened.aco' })).rejects.toMatchObject({ code: -32602, message: expect.stringContaining('no contract is open') });
        await expect(client.request('aco/pickScenario', { uri, scenario: 5 })).rejects.toMatchObject({ code: -32602, message: expect.stringContaining('"scenario" must be') });
        await expect(client.request('aco/pickScenario', null)).rejects.toMatchObject({ code: -32602 });
    });

    test('Explain at a position explains the scenario there', async () => {
        const explained = await client.request<{ title: string; markdown: string }>('aco/explainScenario', { uri, position: { line: lineWith(twoYears, 'expenditure $1,100.00'), character: 8 } });
        expect(explained.title).toMatch(/: Loss year$/);
        expect(explained.markdown).toMatch(/^\*\*Scenario `Loss year`\*\*: owes/);
        await expect(client.request('aco/explainScenario', { uri, position: { line: -1 } })).rejects.toMatchObject({ code: -32602 });
    });

    test('while the contract has errors the figures are stale, and the view says so', async () => {
        await client.change(uri, 2, twoYears.replace('sharing rate 75%', 'sharing rate 175%'));
        const stale = await client.request<FocusResult>('aco/focus', { uri, position: { line: 0, character: 0 } });
        expect(stale.stale).toBe(true);
        expect(stale.errors).toBe(1);
        expect(stale.driving?.label).toBe('scenario "Expected year"');
    });
});

describe('the panels', () => {
    test('the summary of a contract with errors answers with the problems to list, not a summary', async () => {
        const uri = 'file:///virtual/broken-summary.aco';
        await client.open(uri, specText.replace('    standard 40%', '    standard 40%x'));
        await client.nextDiagnostics(uri, 0);
        const error = await client.request('aco/summary', { uri }).catch((e: unknown) => e) as { code: number; message: string; data?: { problems: unknown[] } };
        expect(error.code).toBe(-32803);
        expect(error.data?.problems).toEqual([{ line: lineWith(specText, 'standard 40%') + 1, column: 21, message: "Expected '}' but found 'x'.", code: 'syntax-error' }]);
    });

    test('Monte Carlo: the inputs, the year and benchmark, the chance of reaching each cap, the tails and every percentile', async () => {
        const uri = 'file:///virtual/monte-carlo.aco';
        await client.open(uri, specText);
        await client.nextDiagnostics(uri, 0);
        const response = await client.request<MonteCarloResponse>('aco/monteCarlo', { uri, trials: 5000 });
        expect(response.inputs).toEqual(expect.arrayContaining([
            { what: 'Expenditure', value: 'normal, mean 97% of the benchmark, sd 2.5%' },
            { what: 'Quality score', value: 'uniform from 70% to 95%' },
            { what: 'Settled as', value: expect.stringMatching(/^performance year \d+$/) },
            { what: 'Benchmark', value: '$157,500,000.00' }
        ]));
        expect(response.caps?.map(c => [c.cap, c.amount])).toEqual([
            ['Savings cap 20% of the benchmark', '$31,500,000.00'],
            ['Loss cap 15% of the benchmark', '$23,625,000.00']
        ]);
        // 97% ± 2.5% of the benchmark never saves 20% or loses 15%.
        expect(response.caps?.every(c => c.probability === 0)).toBe(true);
        const money = (text: string) => Number(text.replace(/[$,]/g, ''));
        expect(money(response.tails!.worst5Mean)).toBeLessThan(response.result.percentiles.p5);
        expect(money(response.tails!.best5Mean)).toBeGreaterThan(response.result.percentiles.p95);
        expect(response.percentileTable).toHaveLength(99);
        expect(response.percentileTable![4].earned).toBeCloseTo(response.result.percentiles.p5, 1);
    });
});
