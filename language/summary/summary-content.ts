/**
 * What the summary says, as a format-neutral document (document.ts): plain English first, then
 * the figures. Every figure is read from the model or from a `Settlement` record (the scenarios',
 * or a synthetic one the engine settled in probe.ts); nothing here recomputes a settlement.
 */
import { Dec } from '../decimal.js';
import type { ContractModel, ExpenditureDraw, QualityDraw } from '../model/contract-model.js';
import type { MonteCarloResult } from '../settlement/index.js';
import type { Settlement, SettlementStep } from '../settlement/settlement-types.js';
import { monteCarloChartSvg, payoutChartSvg } from './charts.js';
import type { Block, Inline, SummaryDocument, TableColumn } from './document.js';
import { count, dateInWords, fixedRate, money, moneyOfNumber, rate, shortRate, statedMoney } from './figures.js';
import { breakEvens, CURVE_STEP, minimumRates, payoutCurve, yearOneBenchmark, type BreakEven, type PayoutCurve } from './probe.js';
import {
    capitationSentences, contractSentences, directionInWords, distributionSentences, listInWords, lossSentences,
    presetSuppliedTerms, qualitySentences, roleInWords, savingsSentences
} from './terms.js';

/** What a summary is made from: the analysis of one contract, and optionally its Monte Carlo run. */
export interface SummaryInput {
    model: ContractModel;
    /** One per scenario, in order; undefined where the scenario cannot be settled. */
    settlements: ReadonlyArray<Settlement | undefined>;
    /** Why a scenario could not be settled, by scenario index. */
    unsettled?: ReadonlyMap<number, string>;
    /** The `uncertainty` block's run (the caller runs it: `runMonteCarlo(model)`). */
    monteCarlo?: MonteCarloResult;
}

const left = (header: string): TableColumn => ({ header, align: 'left' });
const right = (header: string): TableColumn => ({ header, align: 'right' });

function heading(text: string, id: string, level: 2 | 3 = 2): Block {
    return { kind: 'heading', level, text, id };
}

function paragraph(...content: Inline[]): Block {
    return { kind: 'paragraph', content };
}

function capitalise(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Builds the whole summary document. */
export function buildSummary(input: SummaryInput): SummaryDocument {
    const { model } = input;
    const minimums = minimumRates(model);
    const blocks: Block[] = [];

    blocks.push(heading('The contract', 'contract'));
    blocks.push(paragraph(contractSentences(model, yearOneBenchmark(model)).join(' ')));

    blocks.push(heading('Financial terms', 'financial-terms'));
    const termItems: Inline[][] = [...savingsSentences(model, minimums), ...lossSentences(model, minimums)].map((s) => [s]);
    const preset = presetSuppliedTerms(model);
    if (preset.length > 0) {
        termItems.push([`The program preset supplies ${listInWords(preset)}; every other term is written in the contract.`]);
    }
    blocks.push({ kind: 'list', items: termItems });

    blocks.push(...providerBlocks(model));
    blocks.push(...capitationBlocks(model));
    blocks.push(...qualityBlocks(model));
    blocks.push(...scenarioBlocks(input));
    blocks.push(...breakEvenBlocks(model, breakEvens(model, input.settlements), minimums));
    blocks.push(...payoutBlocks(model, payoutCurve(model), minimums));
    if (input.monteCarlo) {
        blocks.push(...monteCarloBlocks(model, input.monteCarlo));
    }

    const { payer, aco } = model.parties;
    const parties = [payer, aco].filter((p): p is string => p !== undefined).join(' and ');
    const { start, end } = model.term;
    const term = start && end ? `${dateInWords(start)} to ${dateInWords(end)}` : '';
    const subtitle = [parties, term].filter((s) => s !== '').join(' · ');
    return { title: model.name || 'Untitled contract', ...(subtitle ? { subtitle } : {}), blocks };
}

function providerBlocks(model: ContractModel): Block[] {
    if (model.providers.length === 0 && !model.distribution) {
        return [];
    }
    const blocks: Block[] = [heading('Providers and how the pool is divided', 'providers')];
    const sentences = distributionSentences(model);
    if (model.providers.length > 0) {
        const hasTin = model.providers.some((p) => p.tin !== undefined);
        const hasNpi = model.providers.some((p) => p.npi !== undefined);
        const hasAttributed = model.providers.some((p) => p.attributed !== undefined);
        const hasShare = model.providers.some((p) => p.share !== undefined);
        const columns: TableColumn[] = [left('ID'), left('Provider'), left('Role')];
        if (hasTin) {
            columns.push(left('TIN'));
        }
        if (hasNpi) {
            columns.push(left('NPI'));
        }
        if (hasAttributed) {
            columns.push(right('Attributed lives'));
        }
        if (hasShare) {
            columns.push(right('Fixed share'));
        }
        const rows = model.providers.map((p) => {
            const row = [p.id, p.name, roleInWords(p.role)];
            if (hasTin) {
                row.push(p.tin ?? '');
            }
            if (hasNpi) {
                row.push(p.npi ?? '');
            }
            if (hasAttributed) {
                row.push(p.attributed ? count(p.attributed) : '');
            }
            if (hasShare) {
                row.push(p.share ? rate(p.share) : '');
            }
            return row;
        });
        const noun = model.providers.length === 1 ? 'provider' : 'providers';
        blocks.push(paragraph(`The ACO has ${model.providers.length} participating ${noun}.`));
        blocks.push({ kind: 'table', caption: 'Providers', columns, rows, className: 'providers' });
    }
    if (sentences.length > 0) {
        blocks.push(paragraph(sentences.join(' ')));
    }
    return blocks;
}

function capitationBlocks(model: ContractModel): Block[] {
    const capitation = model.capitation;
    if (capitation.lines.length === 0 && !capitation.withhold) {
        return [];
    }
    const blocks: Block[] = [heading('Capitation and withholds', 'capitation')];
    blocks.push(paragraph(
        'Capitation is paid beside the settlement, not inside the savings calculation. ',
        capitationSentences(model).join(' ')
    ));
    if (capitation.lines.length > 0) {
        const names = new Map(model.providers.map((p) => [p.id, p.name]));
        blocks.push({
            kind: 'table',
            caption: 'Capitation',
            columns: [left('Service'), left('Paid to'), right('Per member per month'), right('Withhold')],
            rows: capitation.lines.map((line) => [
                capitalise(line.service),
                line.providerId ? `${names.get(line.providerId) ?? line.providerId} (${line.providerId})` : 'every member month',
                statedMoney(line.rate, model),
                capitation.withhold ? rate(capitation.withhold.rate) : '—'
            ]),
            className: 'capitation'
        });
    }
    return blocks;
}

function qualityBlocks(model: ContractModel): Block[] {
    const quality = model.quality;
    const blocks: Block[] = [heading('Quality', 'quality')];
    blocks.push(paragraph(qualitySentences(model).join(' ')));
    if (quality.measures.length > 0) {
        blocks.push({
            kind: 'table',
            caption: 'Quality measures',
            columns: [left('ID'), left('Measure'), left('Direction'), right('Threshold'), right('Target'), right('Weight')],
            rows: quality.measures.map((m) => [
                m.id,
                m.name,
                directionInWords(m),
                m.threshold !== undefined ? rate(m.threshold) : '—',
                m.target !== undefined ? rate(m.target) : '—',
                m.weight !== undefined ? rate(m.weight) : '—'
            ]),
            className: 'measures'
        });
    }
    return blocks;
}

function stepFigure(step: SettlementStep, model: ContractModel): [string, string] {
    return [
        step.amount !== undefined ? money(step.amount, model) : '',
        step.rate !== undefined ? shortRate(step.rate, 4) : ''
    ];
}

function scenarioBlocks(input: SummaryInput): Block[] {
    const { model } = input;
    const blocks: Block[] = [heading('Scenarios', 'scenarios')];
    if (model.scenarios.length === 0) {
        blocks.push(paragraph('The contract has no scenarios.'));
        return blocks;
    }
    const noun = model.scenarios.length === 1 ? 'scenario' : 'scenarios';
    blocks.push(paragraph(`The contract settles ${model.scenarios.length} ${noun}. Each table is the engine's waterfall: every step of the settlement, its figure and the clause it came from.`));
    model.scenarios.forEach((scenario, index) => {
        blocks.push(heading(`Scenario: ${scenario.name}`, `scenario-${index + 1}`, 3));
        const settlement = input.settlements[index];
        if (!settlement) {
            const why = input.unsettled?.get(index) ?? 'the contract lacks a figure it needs';
            blocks.push(paragraph(`This scenario cannot be settled: ${why}`));
            return;
        }
        blocks.push(paragraph(...scenarioSentence(settlement, model, scenario.standardVerdict !== undefined)));
        blocks.push({
            kind: 'table',
            caption: `Waterfall: ${settlement.scenario}`,
            columns: [right('#'), left('Step'), right('Amount'), right('Rate'), left('Explanation'), right('Line')],
            rows: settlement.steps.map((step, stepIndex) => {
                const [amount, stepRate] = stepFigure(step, model);
                return [String(stepIndex + 1), capitalise(step.step), amount, stepRate, step.explanation, step.line ? String(step.line) : ''];
            }),
            className: 'waterfall'
        });
        const distribution = settlement.distribution;
        if (distribution) {
            const names = new Map(model.providers.map((p) => [p.id, p.name]));
            blocks.push({
                kind: 'table',
                caption: `Distribution: ${settlement.scenario}`,
                columns: [left('Recipient'), right('Amount')],
                rows: [
                    ['Reserve for infrastructure', money(distribution.reserve, model)],
                    ...distribution.providers.map((p) => [`${names.get(p.provider) ?? p.provider} (${p.provider})`, money(p.amount, model)]),
                    ['Total', money(settlement.earned, model)]
                ],
                className: 'distribution'
            });
        }
        if (settlement.capitation.length > 0) {
            blocks.push({
                kind: 'table',
                caption: `Capitation: ${settlement.scenario}`,
                columns: [left('Service'), left('Paid to'), right('Paid'), right('Withheld'), right('Returned')],
                rows: settlement.capitation.map((c) => [capitalise(c.service), c.provider ?? 'all members', money(c.paid, model), money(c.withheld, model), money(c.returned, model)]),
                className: 'capitation-results'
            });
        }
        if (settlement.expectations.length > 0) {
            blocks.push({
                kind: 'table',
                caption: `Expectations: ${settlement.scenario}`,
                columns: [left('Expectation'), right('Expected'), right('Settled'), left('Result')],
                rows: settlement.expectations.map((e) => [
                    e.kind === 'earned' ? 'Earned' : `${e.providerId ?? ''} receives`,
                    money(e.expected, model),
                    money(e.actual, model),
                    e.passed ? 'passes' : 'fails'
                ]),
                className: 'expectations'
            });
        }
    });
    return blocks;
}

/** "Spending of $X against a benchmark of $Y is a saving of 3.22% …; the ACO earns **$Z**." */
function scenarioSentence(settlement: Settlement, model: ContractModel, verdictStated: boolean): Inline[] {
    const parts: Inline[] = [];
    const gross = settlement.grossSavings;
    const position = gross.greaterThan(0)
        ? `a saving of ${fixedRate(settlement.savingsRate)} of the benchmark (${money(gross, model)})`
        : gross.lessThan(0)
            ? `a loss of ${fixedRate(settlement.savingsRate.abs())} of the benchmark (${money(gross.abs(), model)})`
            : 'exactly the benchmark';
    parts.push(`Spending of ${money(settlement.expenditure, model)} against a benchmark of ${money(settlement.benchmark, model)} is ${position}. `);
    const standard = model.quality.standard || verdictStated
        ? settlement.qualityStandardMet ? ', so the quality standard is met' : ', and the quality standard is not met'
        : '';
    parts.push(`The quality score is ${shortRate(settlement.qualityScore, 2)}${standard}. `);
    if (settlement.earned.greaterThan(0)) {
        parts.push('The ACO earns ', { strong: money(settlement.earned, model) }, '.');
    } else if (settlement.earned.lessThan(0)) {
        parts.push('The ACO owes ', { strong: money(settlement.earned.abs(), model) }, '.');
    } else {
        parts.push('The ACO ', { strong: 'neither earns nor owes anything' }, '.');
    }
    return parts;
}

function breakEvenBlocks(model: ContractModel, points: readonly BreakEven[], minimums: { savings?: Dec; losses?: Dec }): Block[] {
    if (points.length === 0) {
        return [];
    }
    const blocks: Block[] = [heading('Break-even points', 'break-even')];
    const savingsWords = minimums.savings && !minimums.savings.isZero()
        ? `Savings start to be shared when spending falls to the benchmark less the ${rate(minimums.savings)} minimum savings rate`
        : 'Savings are shared from the first dollar below the benchmark';
    const lossWords = !model.losses
        ? 'the contract is one-sided, so no spending makes the ACO owe losses'
        : minimums.losses && !minimums.losses.isZero()
            ? `losses start to be owed when spending rises to the benchmark plus the ${rate(minimums.losses)} minimum loss rate`
            : 'losses are owed from the first dollar above the benchmark';
    blocks.push(paragraph(`${savingsWords}; ${lossWords}. The benchmark of each scenario comes from its settlement (trend and quality withholds move it).`));
    const columns: TableColumn[] = [left('Scenario'), right('Benchmark'), right('Savings shared when spending is'), right('Losses owed when spending is')];
    blocks.push({
        kind: 'table',
        caption: 'Break-even expenditures',
        columns,
        rows: points.map((p) => [
            p.scenario,
            money(p.benchmark, model),
            `${p.savingsInclusive ? 'at or below' : 'below'} ${money(p.savingsAt, model)}${p.savingsShared ? '' : ' (none at this quality)'}`,
            p.lossesAt === undefined
                ? 'never (one-sided)'
                : `${p.lossesInclusive ? 'at or above' : 'above'} ${money(p.lossesAt, model)}${p.lossesOwed ? '' : ' (none owed)'}`
        ]),
        className: 'break-even'
    });
    return blocks;
}

function payoutBlocks(model: ContractModel, curve: PayoutCurve | undefined, minimums: { savings?: Dec; losses?: Dec }): Block[] {
    const blocks: Block[] = [heading('Payout curve', 'payout-curve')];
    if (!curve || curve.points.length === 0) {
        blocks.push(paragraph('The contract cannot be settled at a range of savings rates (a benchmark or population figure is missing), so there is no payout curve.'));
        return blocks;
    }
    const first = curve.points[0];
    const last = curve.points[curve.points.length - 1];
    const basis = curve.basis ? `the quality of scenario “${curve.basis}”` : 'a quality score of 100%';
    const endWords = (point: typeof first, label: string): string => point.earned.greaterThan(0)
        ? `at ${label} the ACO earns ${money(point.earned, model)}`
        : point.earned.lessThan(0)
            ? `at ${label} it owes ${money(point.earned.abs(), model)}`
            : `at ${label} it neither earns nor owes anything`;
    blocks.push(paragraph(
        `What the ACO earns (above zero) or owes (below zero) at each savings rate, holding ${basis} fixed: ${endWords(last, `${fixedRate(last.rate, 0)} savings`)}, and ${endWords(first, `spending ${fixedRate(first.rate.abs(), 0)} over the benchmark`)}.`
    ));
    blocks.push({
        kind: 'chart',
        id: 'payout',
        title: 'Payout curve: earned against the savings rate',
        svg: payoutChartSvg(curve, model, { minimumSavingsRate: minimums.savings, minimumLossRate: minimums.losses }),
        caption: [`Earned at savings rates from ${fixedRate(first.rate, 0)} to ${fixedRate(last.rate, 0)} of the benchmark in ${fixedRate(CURVE_STEP, 1)} steps: ${curve.points.length} settlements by the engine, at ${basis}.`]
    });
    return blocks;
}

function drawInWords(expenditure: ExpenditureDraw | undefined, quality: QualityDraw | undefined): string {
    const parts: string[] = [];
    if (expenditure?.kind === 'expenditure normal') {
        parts.push(`spending is drawn from a normal distribution with a mean of ${rate(expenditure.mean)} of the benchmark and a standard deviation of ${rate(expenditure.sd)}`);
    } else if (expenditure?.kind === 'savings normal') {
        parts.push(`the savings rate is drawn from a normal distribution with a mean of ${rate(expenditure.mean)} and a standard deviation of ${rate(expenditure.sd)}`);
    }
    if (quality?.kind === 'uniform') {
        parts.push(`the quality score uniformly from ${rate(quality.low)} to ${rate(quality.high)}`);
    } else if (quality?.kind === 'normal') {
        parts.push(`the quality score from a normal distribution with a mean of ${rate(quality.mean)} and a standard deviation of ${rate(quality.sd)}, kept between 0% and 100%`);
    }
    return parts.join('; ');
}

function monteCarloBlocks(model: ContractModel, result: MonteCarloResult): Block[] {
    const blocks: Block[] = [heading('Monte Carlo', 'monte-carlo')];
    const uncertainty = model.uncertainty;
    const draws = drawInWords(uncertainty?.expenditure, uncertainty?.quality);
    const m = (value: number) => moneyOfNumber(value, model);
    const share = (value: number) => fixedRate(new Dec(value), 1);
    blocks.push(paragraph(
        `The uncertainty block settles ${count(result.trials)} simulated years (seed ${result.seed})${draws ? `: ${draws}` : ''}. `,
        'The ACO earns ', { strong: m(result.mean) }, ` on average; it earns something in ${share(result.pGain)} of the years and owes in ${share(result.pLoss)}.`
    ));
    const p = result.percentiles;
    blocks.push({
        kind: 'table',
        caption: 'Monte Carlo statistics',
        columns: [left('Statistic'), right('Value')],
        rows: [
            ['Trials', count(result.trials)],
            ['Seed', String(result.seed)],
            ['Mean earned', m(result.mean)],
            ['Standard deviation', m(result.sd)],
            ['P(earned > 0)', share(result.pGain)],
            ['P(earned < 0)', share(result.pLoss)],
            ['5th percentile', m(p.p5)],
            ['25th percentile', m(p.p25)],
            ['Median', m(p.p50)],
            ['75th percentile', m(p.p75)],
            ['95th percentile', m(p.p95)],
            ["Payer's mean net savings", m(result.payerMeanNet)]
        ],
        className: 'monte-carlo'
    });
    blocks.push({
        kind: 'chart',
        id: 'monte-carlo',
        title: 'Monte Carlo distribution of earned',
        svg: monteCarloChartSvg(result, model),
        caption: [`How often each amount was earned (blue) or owed (red) across ${count(result.trials)} trials, in ${result.histogram.counts.length} equal bins; the grey bin holds zero and the dashed line is the mean.`]
    });
    return blocks;
}

/** The summary's input from a contract analysis (full settlements of every scenario). */
export function summaryInputOf(analysis: { model: ContractModel; settlements: ReadonlyArray<Settlement | undefined>; unsettled: ReadonlyMap<number, string> }, monteCarlo?: MonteCarloResult): SummaryInput {
    return { model: analysis.model, settlements: analysis.settlements, unsettled: analysis.unsettled, monteCarlo };
}
