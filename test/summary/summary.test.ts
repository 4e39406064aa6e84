/**
 * What the summary says and how safely it says it: the financial terms in plain English from the
 * model's values, figures that agree with the engine (the payout curve and break-even points are
 * settlements), and user text escaped in HTML, SVG and Markdown.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import * as fs from 'node:fs';
import { describe, expect, test } from 'vitest';
import { loadContracts } from '../../language/cli/contracts.js';
import type { ContractAnalysis } from '../../language/analysis/contract-analysis.js';
import { Dec } from '../../language/decimal.js';
import { settle } from '../../language/settlement/index.js';
import {
    breakEvens, buildSummary, escapeMarkdown, payoutCurve, probeScenario, summaryHtml, summaryMarkdown, summaryMonteCarlo, summaryInputOf } from '../../language/summary/index.js';

const root = path.resolve(import.meta.dirname, '../..');
const specText = fs.readFileSync(path.join(root, 'test/data/spec-contract.aco'), 'utf-8');

/** Loads contract text as if from a file in a temporary folder (nothing is written). */
async function analyse(text: string, name = 'contract.aco'): Promise<ContractAnalysis> {
    const absolute = path.join(os.tmpdir(), 'aco-summary-test', name);
    const [loaded] = await loadContracts([{ display: name, absolute, text }]);
    const errors = loaded.diagnostics.filter((d) => d.severity === 1).map((d) => `${d.range.start.line + 1}: ${d.message}`);
    expect(errors).toEqual([]);
    return loaded.analysis!;
}

describe('plain English from the model', () => {
    test('each financial term is one sentence with its figure', async () => {
        const analysis = await analyse(specText, 'spec.aco');
        const { markdown } = summaryMarkdown(analysis);
        expect(markdown).toContain('- The ACO keeps 75% of savings, scaled by its quality score, once savings reach 2% of the benchmark; no more than 20% of the benchmark.');
        expect(markdown).toContain('- Sequestration takes 2% of shared savings, before the cap.');
        expect(markdown).toContain('- The ACO owes a share of losses of 1 − 75% × its quality score, kept between 40% and 75%, once losses reach 2% of the benchmark; no more than 15% of the benchmark.');
        expect(markdown).toContain('The benchmark, the spending the ACO is measured against, is \\$1,050.00 per member per month: \\$157,500,000.00 for a performance year of 150,000 member months.');
        expect(markdown).toContain('Of what the ACO earns, 25% goes to a reserve for infrastructure and the rest is divided among the providers in proportion to their attributed lives, to the cent.');
        expect(markdown).toContain('Riverside Primary Care (RPC) is paid \\$42.00 per member per month for primary care, for each of its 6,200 attributed lives.');
        expect(markdown).toContain('2% of each capitation payment is withheld and returned in proportion to the quality score');
    });

    test('the measures table has threshold, target, weight and direction', async () => {
        const analysis = await analyse(specText, 'spec.aco');
        const { markdown } = summaryMarkdown(analysis);
        expect(markdown).toContain('| ID | Measure | Direction | Threshold | Target | Weight |');
        expect(markdown).toContain('| HBA1C | Diabetes: HbA1c poor control (&gt;9%) | lower is better | 20% | 15% | 25% |');
        expect(markdown).toContain('| READM | All-cause hospital readmission | lower is better | 16% | 14.5% | 25% |');
    });

    test('a change in the model changes the sentence (nothing is hard-coded)', async () => {
        const analysis = await analyse(specText.replace('sharing rate 75%', 'sharing rate 60%').replace('cap 20% of benchmark', 'cap 12.5% of benchmark'), 'spec-60.aco');
        const { markdown } = summaryMarkdown(analysis);
        expect(markdown).toContain('The ACO keeps 60% of savings, scaled by its quality score, once savings reach 2% of the benchmark; no more than 12.5% of the benchmark.');
    });

    test('every scenario has its waterfall table, straight from Settlement.steps', async () => {
        const analysis = await analyse(specText, 'spec.aco');
        const document = buildSummary(analysis);
        const waterfalls = document.blocks.filter((b) => b.kind === 'table' && b.className === 'waterfall');
        expect(waterfalls).toHaveLength(analysis.settlements.length);
        const table = waterfalls[0];
        if (table.kind !== 'table') {
            throw new Error('not a table');
        }
        const steps = analysis.settlements[0]!.steps;
        expect(table.rows.map((row) => row[4])).toEqual(steps.map((step) => step.explanation));
        const earnedRow = table.rows.find((row) => row[1] === 'Earned')!;
        expect(earnedRow[2]).toBe('$2,135,818.13');
        expect(summaryMarkdown(analysis).markdown).toContain('The ACO earns **\\$2,135,818.13**.');
    });
});

describe('sparse contracts', () => {
    test('a contract with almost nothing still summarises, saying what is missing', async () => {
        const analysis = await analyse('contract "Bare" {\n    currency EUR\n}\n', 'bare.aco');
        const { markdown, files } = summaryMarkdown(analysis);
        expect(markdown).toContain('# Bare');
        expect(markdown).toContain('The contract has no scenarios.');
        expect(markdown).toContain('so there is no payout curve.');
        expect(markdown).toContain('The contract is one-sided');
        expect(markdown).toContain('Amounts are in euros, rounded half-up to cents.');
        expect(files).toEqual([]);
        expect(summaryHtml(analysis)).toContain('<h1>Bare</h1>');
    });

    test('a contract without scenarios draws the curve at a quality score of 100%', async () => {
        const analysis = await analyse(specText.replace(/scenario "Expected year" \{[^}]*\}/, ''), 'no-scenarios.aco');
        const curve = payoutCurve(analysis.model)!;
        expect(curve.basis).toBeUndefined();
        expect(curve.points).toHaveLength(81);
        // Full quality: 75% × 100% × 98% of 3% of $157.5M.
        expect(curve.points.find((p) => p.rate.equals('0.03'))!.earned.toFixed(2)).toBe('3472875.00');
        expect(summaryMarkdown(analysis).markdown).toContain('at a quality score of 100%');
    });
});

describe('figures asked of the engine', () => {
    test('the payout curve is 81 settlements from −15% to +25%, equal to settling the same year', async () => {
        const analysis = await analyse(specText, 'spec.aco');
        const curve = payoutCurve(analysis.model)!;
        expect(curve.points).toHaveLength(81);
        expect(curve.points[0].rate.toFixed()).toBe('-0.15');
        expect(curve.points[80].rate.toFixed()).toBe('0.25');
        // The Expected year saves exactly 3%: the curve's 3% point is its earned figure.
        const atThree = curve.points.find((p) => p.rate.equals('0.03'))!;
        expect(atThree.earned.toFixed(2)).toBe('2135818.13');
        expect(atThree.earned.equals(analysis.settlements[0]!.earned)).toBe(true);
        // Every point is what settle() says for that savings rate.
        for (const point of curve.points.filter((_, i) => i % 10 === 0)) {
            expect(point.earned.equals(settle(analysis.model, probeScenario(analysis.model, point.rate)).earned)).toBe(true);
        }
        // Past the 20% cap, earned stays at the cap; below −2% losses are owed.
        expect(curve.points[80].earned.lessThanOrEqualTo(new Dec('157500000').times('0.2'))).toBe(true);
        expect(curve.points[0].earned.isNegative()).toBe(true);
    });

    test('break-even expenditures are benchmark × (1 − MSR) and × (1 + MLR), and the engine agrees', async () => {
        const analysis = await analyse(specText, 'spec.aco');
        const [point] = breakEvens(analysis.model, analysis.settlements);
        expect(point.benchmark.toFixed(2)).toBe('157500000.00');
        expect(point.savingsAt.toFixed(2)).toBe('154350000.00');
        expect(point.lossesAt!.toFixed(2)).toBe('160650000.00');
        expect(point.savingsShared).toBe(true);
        expect(point.lossesOwed).toBe(true);
        const at = (rate: string) => settle(analysis.model, probeScenario(analysis.model, new Dec(rate))).earned;
        expect(at('0.02').greaterThan(0)).toBe(true); // spending exactly 154,350,000: shared
        expect(at('0.0199').isZero()).toBe(true); // a little more spending: nothing
        expect(at('-0.02').isNegative()).toBe(true); // spending exactly 160,650,000: owed
        expect(at('-0.0199').isZero()).toBe(true);
        const { markdown } = summaryMarkdown(analysis);
        expect(markdown).toContain('| Expected year | \\$157,500,000.00 | at or below \\$154,350,000.00 | at or above \\$160,650,000.00 |');
    });

    test('the Monte Carlo section appears with an uncertainty block, with its histogram', async () => {
        const analysis = await analyse(specText, 'spec.aco');
        const monteCarlo = summaryMonteCarlo(analysis.model)!;
        expect(monteCarlo.trials).toBe(100000);
        const html = summaryHtml(summaryInputOf(analysis, monteCarlo));
        expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg" class="aco-chart monte-carlo-chart"');
        expect(html.match(/<rect class="bar"/g)).toHaveLength(monteCarlo.histogram.counts.length);
        const withoutUncertainty = await analyse(specText.replace(/uncertainty \{[^}]*\}/, ''), 'spec-no-mc.aco');
        expect(summaryMonteCarlo(withoutUncertainty.model)).toBeUndefined();
        expect(summaryHtml(withoutUncertainty)).not.toContain('monte-carlo-chart');
    });

    test('Markdown charts: files beside it, or inline data URIs', async () => {
        const analysis = await analyse(specText, 'spec.aco');
        const input = summaryInputOf(analysis, summaryMonteCarlo(analysis.model));
        const files = summaryMarkdown(input, { chartBaseName: 'riverside' });
        expect(files.files.map((f) => f.name)).toEqual(['riverside-payout.svg', 'riverside-monte-carlo.svg']);
        expect(files.markdown).toContain('![Payout curve: earned against the savings rate](riverside-payout.svg)');
        const payout = files.files[0].content;
        expect(payout.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
        expect(payout).toContain('<path class="curve" data-points="81"');
        expect(payout.match(/<circle class="point"/g)).toHaveLength(81);
        expect(payout).toContain('class="zero-line"');
        expect(payout).toContain('class="axis-label"');
        const inline = summaryMarkdown(input, { inlineCharts: true });
        expect(inline.files).toEqual([]);
        expect(inline.markdown).toMatch(/!\[Payout curve: earned against the savings rate\]\(data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+\)/);
    });
});

const HOSTILE = specText
    .replace('contract "Riverside Health Partners — MSSP ENHANCED 2025"', 'contract "<script>alert(1)</script>"')
    .replace('provider RPC "Riverside Primary Care"', 'provider RPC "<b>&\\"\' | *x* _y_ $1 $2 [a](b)"')
    .replace('payer "Centers for Medicare & Medicaid Services"', 'payer "<img src=x onerror=alert(2)>"')
    .replace('measure BCS "Breast cancer screening"', 'measure BCS "<i>BCS</i> &amp; `code`"')
    .replace('scenario "Expected year"', 'scenario "</td><script>x()</script> | pipe"');

describe('user text is text, never markup', () => {
    test('HTML escapes names, providers, measures and scenarios', async () => {
        const analysis = await analyse(HOSTILE, 'hostile.aco');
        expect(analysis.model.name).toBe('<script>alert(1)</script>');
        const html = summaryHtml(summaryInputOf(analysis, summaryMonteCarlo(analysis.model)));
        expect(html).not.toMatch(/<script/i);
        expect(html).not.toMatch(/<b>|<i>|<img/i);
        expect(html).not.toContain('</td><script>');
        expect(html).toContain('<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>');
        expect(html).toContain('&lt;b&gt;&amp;&quot;&#39; | *x* _y_ $1 $2 [a](b)');
        expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
        expect(html).toContain('&lt;i&gt;BCS&lt;/i&gt; &amp;amp; `code`');
        // No attribute can be broken out of: every quote in user text is an entity.
        expect(html).not.toMatch(/onerror=alert\(2\)>/);
    });

    test('Markdown escapes the same text, and tables keep their columns', async () => {
        const analysis = await analyse(HOSTILE, 'hostile.aco');
        const { markdown, files } = summaryMarkdown(analysis, { chartBaseName: 'hostile' });
        expect(markdown).not.toMatch(/<script|<b>|<i>|<img/i);
        expect(markdown.split('\n')[0]).toBe('# &lt;script&gt;alert(1)&lt;/script&gt;');
        expect(markdown).toContain('&lt;b&gt;&"\' \\| \\*x\\* \\_y\\_ \\$1 \\$2 \\[a\\](b)');
        expect(markdown).toContain('&lt;i&gt;BCS&lt;/i&gt; &amp;amp; \\`code\\`');
        // Every table row has as many unescaped pipes as its header.
        const lines = markdown.split('\n');
        let columns = -1;
        for (const line of lines) {
            if (!line.startsWith('|')) {
                columns = -1;
                continue;
            }
            const pipes = line.replace(/\\\\/g, '').replace(/\\\|/g, '').split('|').length;
            if (columns < 0) {
                columns = pipes;
            }
            expect(pipes, line).toBe(columns);
        }
        // The charts escape too (they are SVG, which is XML).
        for (const file of files) {
            expect(file.content).not.toMatch(/<script/i);
        }
        const payout = files.find((f) => f.name === 'hostile-payout.svg')!.content;
        expect(payout).toContain('&lt;/td&gt;&lt;script&gt;x()&lt;/script&gt; | pipe');
    });

    test('escapeMarkdown leaves ordinary prose readable', () => {
        expect(escapeMarkdown("St. Mary's Hospital — 14.5% (top box)")).toBe("St. Mary's Hospital — 14.5% (top box)");
        expect(escapeMarkdown('Medicare & Medicaid')).toBe('Medicare & Medicaid');
        expect(escapeMarkdown('a\nb')).toBe('a b');
        expect(escapeMarkdown('&amp; <x>')).toBe('&amp;amp; &lt;x&gt;');
    });
});
