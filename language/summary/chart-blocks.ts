/**
 * The charts section: which lines each chart draws and the words under it. Every point is a
 * settlement of a synthetic year (probe.ts); the quality levels are the ones a reader must see to
 * find the cliff: full quality, the standard itself, and a hundredth of a point below it.
 */
import { Dec, ONE, ZERO } from '../decimal.js';
import type { ContractModel } from '../model/contract-model.js';
import { modelForYear } from '../model/year-models.js';
import type { MonteCarloResult } from '../settlement/index.js';
import type { Settlement } from '../settlement/settlement-types.js';
import { heading, paragraph } from './blocks.js';
import { monteCarloChartSvg, payoutChartSvg, qualityChartSvg, type PayoutSeries, type QualitySeries } from './charts.js';
import type { Block } from './document.js';
import { count, fixedRate, money, moneyOfNumber, rate, shortRate } from './figures.js';
import { qualityMatters, type ContractLimits } from './limits.js';
import { CURVE_STEP, curveRates, curveYear, settleAtQuality, type MinimumRates } from './probe.js';
import { capital, vocabularyOf } from './vocabulary.js';

/** A hundredth of a percentage point: "just below" the standard. */
const JUST_BELOW = new Dec('0.0001');

interface Level {
    quality: Dec;
    label: string;
}

/** Full quality, a middle level where quality scales the share, the standard and just below it. */
function qualityLevels(model: ContractModel): Level[] {
    const standard = model.quality.standard?.rate;
    const levels: Level[] = [{ quality: ONE, label: 'quality score 100%' }];
    const scaled = model.savings.qualityAdjustment === 'scaled';
    if (standard && standard.greaterThan(0) && standard.lessThan(1)) {
        if (scaled && standard.lessThan('0.75')) {
            levels.push({ quality: new Dec('0.75'), label: 'quality score 75%' });
        }
        levels.push({ quality: standard, label: `quality score ${rate(standard)} (the standard)` });
        const below = standard.minus(JUST_BELOW);
        levels.push({ quality: below, label: `quality score ${shortRate(below, 4)} (just below the standard)` });
    } else {
        levels.push({ quality: new Dec('0.75'), label: 'quality score 75%' }, { quality: new Dec('0.5'), label: 'quality score 50%' });
    }
    return levels;
}

function sameLine(a: PayoutSeries, b: PayoutSeries): boolean {
    return a.points.length === b.points.length && a.points.every((p, i) => p.earned.equals(b.points[i].earned));
}

/** Lines at each quality level; neighbours that pay the same are one line, labelled with the range. */
export function payoutSeries(model: ContractModel, year: number): PayoutSeries[] | undefined {
    const rates = curveRates();
    const lines: Array<{ series: PayoutSeries; top: Level; bottom: Level }> = [];
    for (const level of qualityLevels(model)) {
        const points = [];
        for (const savingsRate of rates) {
            const settlement = settleAtQuality(model, savingsRate, level.quality, year);
            if (!settlement) {
                return undefined;
            }
            points.push({ rate: savingsRate, earned: settlement.earned });
        }
        const series: PayoutSeries = { label: level.label, quality: level.quality, points };
        const previous = lines[lines.length - 1];
        if (previous && sameLine(previous.series, series)) {
            previous.bottom = level;
            previous.series.quality = level.quality;
            previous.series.label = `quality score ${shortRate(level.quality, 4)} to ${shortRate(previous.top.quality, 4)}`;
            continue;
        }
        lines.push({ series, top: level, bottom: level });
    }
    return lines.map((line) => line.series);
}

/** The savings rate the cliff and the quality chart are read at: the first scenario that shares savings, else twice the MSR (at least 3%). */
function referenceRate(settlements: ReadonlyArray<Settlement | undefined>, minimums: MinimumRates, side: 'savings' | 'losses'): { rate: Dec; scenario?: string } {
    const threshold = (side === 'savings' ? minimums.savings : minimums.losses) ?? ZERO;
    const found = settlements.find((s) => s !== undefined && (side === 'savings' ? s.savingsRate.greaterThan(threshold) : s.savingsRate.negated().greaterThan(threshold)));
    if (found) {
        return { rate: found.savingsRate.abs(), scenario: found.scenario };
    }
    return { rate: Dec.max(threshold.times(2), new Dec('0.03')) };
}

/** 0% to 100% in 1% steps, with the standard and a hundredth of a point below it. */
function qualityGrid(standard: Dec | undefined): Dec[] {
    const grid = Array.from({ length: 101 }, (_, i) => new Dec(i).dividedBy(100));
    if (standard && standard.greaterThan(0) && standard.lessThan(1)) {
        grid.push(standard, standard.minus(JUST_BELOW));
    }
    return [...new Map(grid.map((q) => [q.toFixed(), q])).values()].sort((a, b) => a.comparedTo(b));
}

function qualitySeries(model: ContractModel, savingsRate: Dec, label: string, year: number): QualitySeries | undefined {
    const points = [];
    for (const quality of qualityGrid(model.quality.standard?.rate)) {
        const settlement = settleAtQuality(model, savingsRate, quality, year);
        if (!settlement) {
            return undefined;
        }
        points.push({ quality, earned: settlement.earned });
    }
    return { label, savingsRate, points };
}

export interface ChartInput {
    model: ContractModel;
    settlements: ReadonlyArray<Settlement | undefined>;
    minimums: MinimumRates;
    limits?: ContractLimits;
    monteCarlo?: MonteCarloResult;
}

export function chartBlocks(input: ChartInput): Block[] {
    const { model, settlements, minimums } = input;
    const w = vocabularyOf(model);
    const year = curveYear(model);
    const blocks: Block[] = [heading('Charts', 'charts')];
    const series = payoutSeries(model, year);
    if (!series) {
        blocks.push(paragraph('The contract cannot be settled at a range of savings rates (a benchmark or population figure is missing), so there are no charts.'));
        return blocks;
    }
    const rates = curveRates();
    const matters = qualityMatters(model, rates, year);
    const standard = model.quality.standard?.rate;
    const savingsRef = referenceRate(settlements, minimums, 'savings');
    let cliff: { rate: Dec; above: Dec; below: Dec } | undefined;
    if (matters && standard && standard.greaterThan(0) && standard.lessThan(1)) {
        const above = settleAtQuality(model, savingsRef.rate, standard, year);
        const below = settleAtQuality(model, savingsRef.rate, standard.minus(JUST_BELOW), year);
        if (above && below && !above.earned.equals(below.earned)) {
            cliff = { rate: savingsRef.rate, above: above.earned, below: below.earned };
        }
    }
    const scenarios = settlements.filter((s): s is Settlement => s !== undefined).map((s) => ({ label: s.scenario, rate: s.savingsRate, earned: s.earned }));

    blocks.push(heading('Payout against the savings rate', 'payout-curve', 3));
    const first = series[0].points[0];
    const last = series[0].points[series[0].points.length - 1];
    const intro = matters
        ? `What ${w.aco} earns (above zero) or owes (below zero) at each savings rate, one line per quality score.`
        : `What ${w.aco} earns (above zero) or owes (below zero) at each savings rate; quality does not change it.`;
    const cliffWords = cliff
        ? ` Missing the ${rate(standard!)} quality standard by a hundredth of a point costs ${money(cliff.above.minus(cliff.below).abs(), model)} at ${fixedRate(savingsRef.rate)} savings${savingsRef.scenario ? ` (as in “${savingsRef.scenario}”)` : ''}: the quality cliff, marked in red.`
        : '';
    blocks.push(paragraph(`${intro} At full quality, ${fixedRate(last.rate, 0)} savings earns ${money(last.earned, model)}; spending ${fixedRate(first.rate.abs(), 0)} over ${w.benchmark} ${first.earned.isNegative() ? `costs ${money(first.earned.abs(), model)}` : 'costs nothing'}.${cliffWords}`));
    blocks.push({
        kind: 'chart',
        id: 'payout',
        title: 'Payout against the savings rate',
        svg: payoutChartSvg({ series, minimumSavingsRate: minimums.savings, minimumLossRate: minimums.losses, scenarios, cliff }, model),
        caption: [`Each line is ${count(series[0].points.length)} settlements by the engine, from ${fixedRate(first.rate, 0)} to ${fixedRate(last.rate, 0)} of ${w.benchmark} in ${fixedRate(CURVE_STEP, 1)} steps; the numbered dots are the scenarios, in the order of the table on the first page.`]
    });

    if (matters) {
        const lines: QualitySeries[] = [];
        const gain = qualitySeries(model, savingsRef.rate, `at ${fixedRate(savingsRef.rate)} savings`, year);
        if (gain) {
            lines.push(gain);
        }
        if (modelForYear(model, year).losses) {
            const lossRef = referenceRate(settlements, minimums, 'losses');
            const loss = qualitySeries(model, lossRef.rate.negated(), `at ${fixedRate(lossRef.rate)} over ${w.benchmark}`, year);
            if (loss && loss.points.some((p) => !p.earned.equals(loss.points[0].earned))) {
                lines.push(loss);
            }
        }
        if (lines.length > 0) {
            blocks.push(heading('Payout against the quality score', 'quality-curve', 3));
            blocks.push(paragraph(standard
                ? `How the quality score moves what ${w.aco} earns or owes at a fixed level of spending; the red line is the ${rate(standard)} quality standard.`
                : `How the quality score moves what ${w.aco} earns or owes at a fixed level of spending.`));
            blocks.push({
                kind: 'chart',
                id: 'quality',
                title: 'Payout against the quality score',
                svg: qualityChartSvg(lines, standard, model),
                caption: [`Settled at every whole quality score from 0% to 100%${standard ? `, at the standard and just below it` : ''}.`]
            });
        }
    }

    if (input.monteCarlo) {
        blocks.push(...monteCarloBlocks(input, input.monteCarlo));
    }
    return blocks;
}

function drawInWords(model: ContractModel): string {
    const uncertainty = model.uncertainty;
    const parts: string[] = [];
    const expenditure = uncertainty?.expenditure;
    const quality = uncertainty?.quality;
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

function monteCarloBlocks(input: ChartInput, result: MonteCarloResult): Block[] {
    const { model } = input;
    const w = vocabularyOf(model);
    const blocks: Block[] = [heading('Monte Carlo', 'monte-carlo', 3)];
    const draws = drawInWords(model);
    const m = (value: number) => moneyOfNumber(value, model);
    const share = (value: number) => fixedRate(new Dec(value), 1);
    blocks.push(paragraph(
        `The uncertainty block settles ${count(result.trials)} simulated years (seed ${result.seed})${draws ? `: ${draws}` : ''}. `,
        `${capital(w.aco)} earns `, { strong: m(result.mean) }, ` on average; it earns something in ${share(result.pGain)} of the years and owes in `, { strong: share(result.pLoss) }, '.'
    ));
    const p = result.percentiles;
    blocks.push({
        kind: 'table',
        caption: 'Monte Carlo statistics',
        columns: [{ header: 'Statistic', align: 'left' }, { header: 'Value', align: 'right' }],
        rows: [
            ['Trials', count(result.trials)],
            ['Seed', String(result.seed)],
            ['Mean earned', m(result.mean)],
            ['Standard deviation', m(result.sd)],
            ['P(gain): earned > 0', share(result.pGain)],
            ['P(loss): earned < 0', share(result.pLoss)],
            ['5th percentile', m(p.p5)],
            ['25th percentile', m(p.p25)],
            ['Median', m(p.p50)],
            ['75th percentile', m(p.p75)],
            ['95th percentile', m(p.p95)],
            [`${capital(w.payer.replace(/^the /, ''))}'s mean net savings`, m(result.payerMeanNet)]
        ],
        className: 'monte-carlo'
    });
    const limit = input.limits?.years.find((y) => y.year.year === (model.agreement?.defaultYear ?? 1)) ?? input.limits?.years[0];
    const marks = {
        ...(limit?.gain?.capped ? { maxGain: limit.gain.amount } : {}),
        ...(limit?.loss?.capped ? { maxLoss: limit.loss.amount } : {})
    };
    blocks.push({
        kind: 'chart',
        id: 'monte-carlo',
        title: 'Monte Carlo distribution of earned',
        svg: monteCarloChartSvg(result, model, marks),
        caption: [`How often each amount was earned (blue) or owed (red) across ${count(result.trials)} trials, in ${result.histogram.counts.length} equal bins; the grey bin holds zero, the shaded side is a loss, the dashed line is the mean${marks.maxGain || marks.maxLoss ? ' and the labelled lines are the caps' : ''}.`]
    });
    return blocks;
}
