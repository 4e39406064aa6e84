/**
 * What the summary says and how safely it says it, as the people who sign would read it: the
 * terms in plain English and in the contract's own words, a first page that stands alone (the
 * banner, the scenarios side by side, the most the ACO can gain or lose, where sharing starts,
 * what the summary does not cover), no sentence that contradicts another, figures that agree with
 * the engine, line numbers only in the technical appendix, the sign-off, and user text escaped.
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
    breakEvens, buildSummary, cellText, contractLimits, escapeMarkdown, generationDate, GenerationDateError, noticesOf, payoutCurve,
    plainText, probeScenario, settleAtQuality, summaryHtml, summaryInputOf, summaryMarkdown, summaryMonteCarlo, termYears, vocabularyOf,
    type Block, type SummaryDocument, type SummaryInput
} from '../../language/summary/index.js';

const root = path.resolve(import.meta.dirname, '../..');
const specText = fs.readFileSync(path.join(root, 'test/data/spec-contract.aco'), 'utf-8');
const example = (name: string) => fs.readFileSync(path.join(root, 'examples', `${name}.aco`), 'utf-8');
const SIGN_OFF = { file: 'spec.aco', sha256: 'ab'.repeat(32), generated: new Date('2026-01-31T09:30:00Z'), toolVersion: '9.9.9' };

interface Loaded {
    analysis: ContractAnalysis;
    input: SummaryInput;
}

/** Loads contract text as if from a file in a temporary folder (nothing is written). */
async function load(text: string, name = 'contract.aco', allowErrors = false): Promise<Loaded> {
    const absolute = path.join(os.tmpdir(), 'aco-summary-test', name);
    const [loaded] = await loadContracts([{ display: name, absolute, text }]);
    if (!allowErrors) {
        const errors = loaded.diagnostics.filter((d) => d.severity === 1).map((d) => `${d.range.start.line + 1}: ${d.message}`);
        expect(errors).toEqual([]);
    }
    const analysis = loaded.analysis!;
    return { analysis, input: summaryInputOf(analysis, undefined, { notices: noticesOf(loaded.diagnostics), signOff: { ...SIGN_OFF, file: name } }) };
}

/** The blocks of one part of the document (`first-page`, `terms`, `charts`, `sign-off`, `appendix`). */
function partOf(document: SummaryDocument, id: string): Block[] {
    const start = document.blocks.findIndex((b) => b.kind === 'part' && b.id === id);
    expect(start, `part ${id}`).toBeGreaterThanOrEqual(0);
    const end = document.blocks.findIndex((b, i) => i > start && b.kind === 'part');
    return document.blocks.slice(start + 1, end < 0 ? undefined : end);
}

/** Every word a reader sees in some blocks (headings, paragraphs, lists, banners, tables). */
function words(blocks: readonly Block[]): string {
    return blocks.map((b) => {
        switch (b.kind) {
            case 'heading': return b.text;
            case 'paragraph': return plainText(b.content);
            case 'list': return b.items.map(plainText).join('\n');
            case 'banner': return [b.title, ...b.items.map(plainText)].join('\n');
            case 'table': return [b.caption ?? '', b.columns.map((c) => c.header).join(' | '), ...b.rows.map((r) => r.map(cellText).join(' | ')),
                ...(b.totals ?? []).map((r) => r.map(cellText).join(' | ')), b.note ? plainText(b.note) : ''].join('\n');
            case 'facts': return b.facts.map(([k, v]) => `${k}: ${v}`).join('\n');
            case 'chart': return plainText(b.caption);
            default: return '';
        }
    }).join('\n');
}

function tables(blocks: readonly Block[], className: string) {
    return blocks.filter((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table' && (b.className ?? '').split(' ').includes(className));
}

describe('plain English from the model', () => {
    test('each financial term is one sentence with its figure', async () => {
        const { input } = await load(specText, 'spec.aco');
        const { markdown } = summaryMarkdown(input);
        expect(markdown).toContain('- The ACO keeps 75% of savings, scaled by its quality score, once savings reach 2% of the benchmark; no more than 20% of the benchmark.');
        expect(markdown).toContain('- Sequestration takes 2% of shared savings, before the cap.');
        expect(markdown).toContain('- The ACO owes a share of losses of 1 − 75% × its quality score, kept between 40% and 75%, once losses reach 2% of the benchmark; no more than 15% of the benchmark.');
        expect(markdown).toContain('The benchmark, the spending the ACO is measured against, is \\$1,050.00 per member per month: \\$157,500,000.00 for a performance year of 150,000 member months.');
        expect(markdown).toContain('Of what the ACO earns, 25% goes to a reserve for infrastructure and the rest is divided among the participating providers in proportion to their attributed lives, to the cent.');
        expect(markdown).toContain('Riverside Primary Care (RPC) is paid \\$42.00 per member per month for primary care, for each of its 6,200 attributed lives.');
        expect(markdown).toContain('2% of each capitation payment is withheld and returned in proportion to the quality score');
    });

    test('a change in the model changes the sentence (nothing is hard-coded)', async () => {
        const { input } = await load(specText.replace('sharing rate 75%', 'sharing rate 60%').replace('cap 20% of benchmark', 'cap 12.5% of benchmark'), 'spec-60.aco');
        expect(summaryMarkdown(input).markdown).toContain('The ACO keeps 60% of savings, scaled by its quality score, once savings reach 2% of the benchmark; no more than 12.5% of the benchmark.');
    });

    test('the measures table has threshold, target, weight and direction', async () => {
        const { markdown } = summaryMarkdown((await load(specText, 'spec.aco')).input);
        expect(markdown).toContain('| ID | Measure | Direction | Threshold | Target | Weight |');
        expect(markdown).toContain('| HBA1C | Diabetes: HbA1c poor control (&gt;9%) | lower is better | 20% | 15% | 25% |');
    });
});

describe('the contract\'s own words', () => {
    test('an NHS contract has a commissioner, an alliance, a registered population, a budget and whole pounds', async () => {
        const { input, analysis } = await load(example('nhs-integrated-care'), 'nhs.aco');
        expect(vocabularyOf(analysis.model).family).toBe('nhs');
        const text = words(buildSummary(input).blocks.filter((b) => b.kind !== 'table' || b.className !== 'waterfall'));
        expect(text).toContain('NHS Wessex Integrated Care Board, the commissioner');
        expect(text).toContain('the provider alliance');
        expect(text).toContain('The registered population is 248,600 patients');
        expect(text).toContain('The alliance keeps 50% of savings');
        expect(text).toContain('rounded half-even to the whole pound');
        expect(text).toContain('in the fixed shares of the providers table, to the whole pound');
        for (const wrong of ['accountable care organization', 'beneficiar', 'to the cent', 'pounds sterling', 'listed below', 'first dollar']) {
            expect(text, wrong).not.toContain(wrong);
        }
    });

    test('REACH aligns beneficiaries, the MSSP assigns them, a commercial contract has members', async () => {
        const reach = words(buildSummary((await load(example('reach-global-2024'), 'reach.aco')).input).blocks);
        expect(reach).toContain('beneficiaries are aligned to the ACO');
        expect(reach).not.toContain('assigned to the ACO');
        const mssp = words(buildSummary((await load(example('mssp-enhanced-2024'), 'mssp.aco')).input).blocks);
        expect(mssp).toContain('beneficiaries are assigned to the ACO');
        const commercial = words(buildSummary((await load(example('commercial-aqc'), 'aqc.aco')).input).blocks);
        expect(commercial).toContain('42,300 members are attributed to the ACO');
    });

    test('a score below the standard that the scenario states as met says both, never "so it is met"', async () => {
        const text = specText.replace('standard 40%', 'standard 77.05%').replace('result READM 15.1%', 'result READM 15.1%\n        quality standard met')
            .replace(/expect earned \$2,135,818\.13\n\s*expect provider RPC receives \$794,524\.35/, '');
        const { input } = await load(text, 'verdict.aco');
        const sentence = words(partOf(buildSummary(input), 'terms'));
        expect(sentence).toContain('The quality score is 61.5%, below the 77.05% standard; but the scenario states that the quality standard is met, so it counts as met.');
        expect(sentence).not.toMatch(/61\.5%, so the (quality )?standard is met/);
        const comparison = tables(partOf(buildSummary(input), 'first-page'), 'comparison')[0];
        expect(cellText(comparison.rows[0][3])).toBe('61.5%, met as stated');
    });
});

describe('the first page stands alone', () => {
    test('the banner, the scenarios side by side, the limits, where sharing starts and what is not covered', async () => {
        const { input, analysis } = await load(example('nhs-integrated-care'), 'nhs.aco');
        const first = partOf(buildSummary(input), 'first-page');
        expect(first[0]).toMatchObject({ kind: 'facts', className: 'document-control compact' });
        const expectations = analysis.settlements.reduce((n, s) => n + s!.expectations.length, 0);
        const banner = first.find((b) => b.kind === 'banner')!;
        expect(banner).toMatchObject({ tone: 'ok', title: `All ${expectations} expectations written in the contract hold, and validation reports no warnings.` });
        // One row per scenario, what it earns as the engine settled it.
        const comparison = tables(first, 'comparison')[0];
        const pounds = (amount: Dec) => `£${amount.abs().toFixed(0).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
        expect(comparison.rows.map((r) => [cellText(r[0]), cellText(r[4])])).toEqual(analysis.settlements.map((s) => [
            s!.scenario, s!.earned.isZero() ? 'nothing' : s!.earned.isNegative() ? `owes ${pounds(s!.earned)}` : pounds(s!.earned)
        ]));
        const text = words(first);
        expect(text).toContain('The most the alliance can gain or lose');
        expect(text).toContain('Savings are shared once spending is 0.5% or more under the budget (at or below £430,895,894)');
        expect(text).toContain('In “Outcomes standard missed” the quality score misses the standard, so no savings are shared at any spending.');
        expect(text).toContain('How the budget was set.');
        expect(text).toContain('When money moves.');
    });

    test('a failing expectation is the first thing on the page, in red, in words', async () => {
        const { input } = await load(specText.replace('expect earned $2,135,818.13', 'expect earned $2,000,000.00'), 'failing.aco');
        const first = partOf(buildSummary(input), 'first-page');
        const banner = first.find((b) => b.kind === 'banner');
        expect(banner).toMatchObject({ kind: 'banner', tone: 'error', title: '1 expectation of 2 fails: check this before relying on the figures.' });
        expect(words([banner!])).toContain('Scenario “Expected year”: the contract expects earned of $2,000,000.00, but the terms settle to $2,135,818.13.');
        expect(cellText(tables(first, 'comparison')[0].rows[0].at(-1)!)).toBe('1 of 2 fails');
        const html = summaryHtml(input);
        expect(html.indexOf('class="banner banner-error"')).toBeLessThan(html.indexOf('id="at-a-glance"'));
    });

    test('validation warnings are in the banner; errors replace the figures', async () => {
        const warned = await load(specText.replace('cap 20% of benchmark', 'cap 10% of benchmark'), 'warned.aco');
        const banner = buildSummary(warned.input).blocks.find((b) => b.kind === 'banner')!;
        expect(banner).toMatchObject({ tone: 'warning', title: 'Validation reports 1 warning: check this before relying on the figures.' });
        expect(words([banner])).toContain('The savings cap (10% of benchmark) is below the loss cap (15%)');
        const broken = await load(specText.replace('sharing rate 75%', 'sharing rate 175%'), 'broken.aco', true);
        const document = buildSummary(broken.input);
        expect(document.blocks.find((b) => b.kind === 'banner')).toMatchObject({ tone: 'error' });
        expect(words(document.blocks)).toContain('No figures are shown until the contract\'s errors are fixed.');
        expect(document.blocks.some((b) => b.kind === 'chart' || (b.kind === 'table' && b.className === 'comparison'))).toBe(false);
    });

    test('the most the ACO can gain or lose is the engine at the caps, and the term total is their sum', async () => {
        const { analysis } = await load(specText, 'spec.aco');
        const limits = contractLimits(analysis.model)!;
        expect(limits.years).toHaveLength(5);
        expect(limits.varies).toBe(false);
        expect(limits.years[0].gain!.amount.toFixed(2)).toBe('31500000.00'); // 20% of $157.5M
        expect(limits.years[0].loss!.amount.toFixed(2)).toBe('-23625000.00'); // 15% of $157.5M
        expect(limits.years[0].gain!.amount.equals(settleAtQuality(analysis.model, new Dec(1), new Dec(1), 1)!.earned)).toBe(true);
        expect(limits.total!.gain!.toFixed(2)).toBe('157500000.00');
        // One row stands for five identical years, with the term total below it.
        const table = tables(partOf(buildSummary((await load(specText, 'spec.aco')).input), 'first-page'), 'limits')[0];
        expect(table.rows.map((r) => r.map(cellText))).toEqual([['Each of the 5 years', '$157,500,000.00', '$31,500,000.00', '$23,625,000.00']]);
        expect(table.totals!.map((r) => r.map(cellText))).toEqual([['Term total, 5 years', '$787,500,000.00', '$157,500,000.00', '$118,125,000.00']]);
    });

    test('a trend puts the years side by side; a contract without caps says so', async () => {
        const aqc = await load(example('commercial-aqc'), 'aqc.aco');
        const limits = contractLimits(aqc.analysis.model)!;
        expect(limits.varies).toBe(true);
        const across = tables(partOf(buildSummary(aqc.input), 'first-page'), 'across')[0];
        expect(across.columns.map((c) => c.header)).toEqual(['', '2024', '2025', '2026', '2027', '2028', 'Term total']);
        const gains = limits.years.map((y) => y.gain!.amount);
        expect(cellText(across.rows[1][6])).toBe(`$${gains.reduce((a, b) => a.plus(b)).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`);
        const reach = await load(example('reach-global-2024'), 'reach.aco');
        const row = tables(partOf(buildSummary(reach.input), 'first-page'), 'limits')[0].rows[0];
        expect(cellText(row[2])).toMatch(/^no cap \(\$[\d,.]+ at 25% savings\)$/);
    });

    test('term years follow the agreement: dates, labels, a short last year', async () => {
        const nhs = termYears((await load(example('nhs-integrated-care'), 'nhs.aco')).analysis.model);
        expect(nhs.years.map((y) => [y.start, y.end])).toEqual([
            ['2025-04-01', '2026-03-31'], ['2026-04-01', '2027-03-31'], ['2027-04-01', '2028-03-31'], ['2028-04-01', '2029-03-31'], ['2029-04-01', '2030-03-31']
        ]);
        expect(nhs.shortLastYearMonths).toBe(0);
        const short = termYears((await load(specText.replace('end 2029-12-31', 'end 2027-06-30'), 'short.aco')).analysis.model);
        expect(short.years).toHaveLength(3);
        expect(short.shortLastYearMonths).toBe(6);
    });
});

describe('presentation', () => {
    test('source lines appear only in the technical appendix', async () => {
        const { input } = await load(example('commercial-aqc'), 'aqc.aco');
        const document = buildSummary(input);
        for (const part of ['first-page', 'terms', 'charts', 'sign-off']) {
            for (const table of partOf(document, part).filter((b) => b.kind === 'table')) {
                expect(table.kind === 'table' && table.columns.map((c) => c.header)).not.toContain('Line');
            }
        }
        const waterfalls = tables(partOf(document, 'appendix'), 'waterfall');
        expect(waterfalls).toHaveLength(4);
        expect(waterfalls[0].columns.at(-1)!.header).toBe('Line');
    });

    test('every scenario\'s waterfall is in the appendix, straight from Settlement.steps', async () => {
        const { analysis, input } = await load(specText, 'spec.aco');
        const [waterfall] = tables(partOf(buildSummary(input), 'appendix'), 'waterfall');
        expect(waterfall.rows.map((row) => cellText(row[4]))).toEqual(analysis.settlements[0]!.steps.map((step) => step.explanation));
        expect(cellText(waterfall.rows.find((row) => row[1] === 'Earned')![2])).toBe('$2,135,818.13');
        expect(summaryMarkdown(input).markdown).toContain('The ACO earns **\\$2,135,818.13**.');
    });

    test('break-even rows are never identical, and the note names only reasons the contract has', async () => {
        const aqc = buildSummary((await load(example('commercial-aqc'), 'aqc.aco')).input);
        const [table] = tables(partOf(aqc, 'terms'), 'break-even');
        const rows = table.rows.map((r) => r.slice(1).map(cellText).join('|'));
        expect(new Set(rows).size).toBe(rows.length);
        expect(cellText(table.rows[0][0])).toBe('Year 1 expected; Severe overrun hits the loss cap');
        // The NHS contract has one budget for every scenario: one sentence, no table, no word of trend or withholds.
        const nhs = buildSummary((await load(example('nhs-integrated-care'), 'nhs.aco')).input);
        expect(tables(nhs.blocks, 'break-even')).toEqual([]);
        expect(words(nhs.blocks)).not.toMatch(/because of the trend|quality withhold/);
    });

    test('the payments of the year, every stream, with the net cash the first page shows', async () => {
        const { analysis, input } = await load(specText, 'spec.aco');
        const document = buildSummary(input);
        const [streams] = tables(partOf(document, 'terms'), 'streams');
        expect(streams.rows.map((r) => cellText(r[0]))).toEqual([
            'Capitation after the withhold (RPC)', 'Withheld from capitation, kept by the payer (RPC)', 'Withhold returned by quality (RPC)',
            'Capitation after the withhold (LFM)', 'Withheld from capitation, kept by the payer (LFM)', 'Withhold returned by quality (LFM)', 'Shared savings', 'Sequestration, kept by the payer'
        ]);
        const net = analysis.settlements[0]!.ledger!.netToAco;
        expect(cellText(streams.totals![0][1])).toBe(`$${net.toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`);
        expect(cellText(tables(partOf(document, 'first-page'), 'comparison')[0].rows[0][5])).toBe(cellText(streams.totals![0][1]));
    });
});

describe('figures asked of the engine', () => {
    test('the payout curve is 81 settlements from −15% to +25%, equal to settling the same year', async () => {
        const { analysis } = await load(specText, 'spec.aco');
        const curve = payoutCurve(analysis.model)!;
        expect(curve.points).toHaveLength(81);
        const atThree = curve.points.find((p) => p.rate.equals('0.03'))!;
        expect(atThree.earned.equals(analysis.settlements[0]!.earned)).toBe(true);
        for (const point of curve.points.filter((_, i) => i % 10 === 0)) {
            expect(point.earned.equals(settle(analysis.model, probeScenario(analysis.model, point.rate)).earned)).toBe(true);
        }
    });

    test('the payout chart has a line at full quality, at the standard and just below it, and the cliff between', async () => {
        const { input, analysis } = await load(example('nhs-integrated-care'), 'nhs.aco');
        const { files } = summaryMarkdown(input, { chartBaseName: 'nhs' });
        const payout = files.find((f) => f.name === 'nhs-payout.svg')!.content;
        // Full quality and the standard pay the same under a gate: one line for both, and one just below.
        expect(payout).toContain('data-series="2"');
        expect(payout.match(/<path class="curve series-\d" data-points="81"/g)).toHaveLength(2);
        expect(payout).toContain('data-quality="0.5999"');
        const cliff = /<g class="cliff-marker" data-rate="([\d.]+)" data-drop="([\d.-]+)">/.exec(payout)!;
        const rate = new Dec(cliff[1]);
        const drop = settleAtQuality(analysis.model, rate, new Dec('0.6'), 1)!.earned.minus(settleAtQuality(analysis.model, rate, new Dec('0.5999'), 1)!.earned);
        expect(cliff[2]).toBe(drop.toFixed());
        expect(payout).toContain(`quality cliff: £${drop.abs().toFixed(0).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`);
        const quality = files.find((f) => f.name === 'nhs-quality.svg')!.content;
        expect(quality).toContain('<g class="standard-marker">');
        expect(quality).toContain('quality standard 60%');
    });

    test('break-even expenditures are benchmark × (1 − MSR) and × (1 + MLR), and the engine agrees', async () => {
        const { analysis } = await load(specText, 'spec.aco');
        const [point] = breakEvens(analysis.model, analysis.settlements);
        expect(point.savingsAt.toFixed(2)).toBe('154350000.00');
        expect(point.lossesAt!.toFixed(2)).toBe('160650000.00');
        const at = (rate: string) => settle(analysis.model, probeScenario(analysis.model, new Dec(rate))).earned;
        expect(at('0.02').greaterThan(0)).toBe(true);
        expect(at('0.0199').isZero()).toBe(true);
        expect(at('-0.02').isNegative()).toBe(true);
    });

    test('the Monte Carlo chart marks P(loss) and the caps', async () => {
        const { analysis } = await load(specText, 'spec.aco');
        const monteCarlo = summaryMonteCarlo(analysis.model)!;
        const { files } = summaryMarkdown(summaryInputOf(analysis, monteCarlo), { chartBaseName: 'mc' });
        const chart = files.find((f) => f.name === 'mc-monte-carlo.svg')!.content;
        expect(chart.match(/<rect class="bar"/g)).toHaveLength(monteCarlo.histogram.counts.length);
        expect(chart).toContain(`<g class="p-loss" data-p-loss="${monteCarlo.pLoss}">`);
        expect(chart).toContain(`P(loss) ${(monteCarlo.pLoss * 100).toFixed(1)}%`);
        const without = await load(specText.replace(/uncertainty \{[^}]*\}/, ''), 'no-mc.aco');
        expect(summaryHtml(without.input)).not.toContain('monte-carlo-chart');
    });
});

describe('sign-off', () => {
    test('the hash, the date, the version and a line per party', async () => {
        const { input } = await load(specText, 'spec.aco');
        const signOff = partOf(buildSummary(input), 'sign-off');
        expect(words(signOff)).toContain(`SHA-256: ${'ab'.repeat(32)}`);
        expect(words(signOff)).toContain('Generated: 31 January 2026, 09:30 UTC');
        expect(words(signOff)).toContain('Tool: aco 9.9.9');
        const [approval] = tables(signOff, 'approval');
        expect(approval.columns.map((c) => c.header)).toEqual(['Party', 'Name', 'Title', 'Signature', 'Date']);
        expect(approval.rows.map((r) => cellText(r[0]))).toEqual(['For Centers for Medicare & Medicaid Services', 'For Riverside Health Partners ACO, LLC']);
        const html = summaryHtml(input);
        expect(html).toContain('@bottom-left { content: "spec.aco · SHA-256 abababababab… · generated 31 January 2026, 09:30 UTC"');
        expect(html).toContain('counter(page) " of " counter(pages)');
    });

    test('SOURCE_DATE_EPOCH fixes the generation date; anything but whole seconds is refused', () => {
        expect(generationDate({ SOURCE_DATE_EPOCH: '1767225600' }).toISOString()).toBe('2026-01-01T00:00:00.000Z');
        expect(() => generationDate({ SOURCE_DATE_EPOCH: 'yesterday' })).toThrow(GenerationDateError);
        expect(Math.abs(generationDate({}).getTime() - Date.now())).toBeLessThan(5000);
    });
});

describe('sparse contracts', () => {
    test('a contract with almost nothing still summarises, saying what is missing', async () => {
        const { input } = await load('contract "Bare" {\n    currency EUR\n}\n', 'bare.aco');
        const { markdown, files } = summaryMarkdown(input);
        expect(markdown).toContain('# Bare');
        expect(markdown).toContain('The contract has no scenarios.');
        expect(markdown).toContain('so there are no charts.');
        expect(markdown).toContain('The contract is one-sided');
        expect(markdown).toContain('Amounts are in euros, rounded half-up to the cent.');
        expect(files).toEqual([]);
    });
});

const HOSTILE = specText
    .replace('contract "Riverside Health Partners — MSSP ENHANCED 2025"', 'contract "<script>alert(1)</script>"')
    .replace('provider RPC "Riverside Primary Care"', 'provider RPC "<b>&\\"\' | *x* _y_ $1 $2 [a](b)"')
    .replace('payer "Centers for Medicare & Medicaid Services"', 'payer "<img src=x onerror=alert(2)>"')
    .replace('measure BCS "Breast cancer screening"', 'measure BCS "<i>BCS</i> &amp; `code`"')
    .replace('scenario "Expected year"', 'scenario "</td><script>x()</script> | pipe"');

describe('user text is text, never markup', () => {
    test('HTML escapes names, providers, measures and scenarios, in the page and in its print margin', async () => {
        const { analysis } = await load(HOSTILE, 'hostile.aco');
        const html = summaryHtml(summaryInputOf(analysis, summaryMonteCarlo(analysis.model), { signOff: { ...SIGN_OFF, file: '"</style><script>x</script>.aco' } }));
        expect(html).not.toMatch(/<script/i);
        expect(html).not.toMatch(/<b>|<i>|<img/i);
        expect(html).toContain('<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>');
        expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
        expect(html).not.toMatch(/onerror=alert\(2\)>/);
        // The running footer is CSS: its quotes and angle brackets are escapes, so the style element cannot be closed early.
        expect(html.match(/<\/style>/g)).toHaveLength(1);
    });

    test('Markdown escapes the same text, and tables keep their columns', async () => {
        const { input } = await load(HOSTILE, 'hostile.aco');
        const { markdown, files } = summaryMarkdown(input, { chartBaseName: 'hostile' });
        expect(markdown).not.toMatch(/<script|<b>|<i>|<img/i);
        expect(markdown.split('\n')[0]).toBe('# &lt;script&gt;alert(1)&lt;/script&gt;');
        let columns = -1;
        for (const line of markdown.split('\n')) {
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
        for (const file of files) {
            expect(file.content).not.toMatch(/<script/i);
        }
    });

    test('escapeMarkdown leaves ordinary prose readable', () => {
        expect(escapeMarkdown("St. Mary's Hospital — 14.5% (top box)")).toBe("St. Mary's Hospital — 14.5% (top box)");
        expect(escapeMarkdown('a\nb')).toBe('a b');
    });
});
