/**
 * The Monte Carlo distribution of earned as a histogram, with what a reader asks of it marked:
 * the chance of a loss (the years left of zero, shaded and labelled), the mean, and the caps on
 * gains and losses (a dashed line at each, when they fall near the simulated range).
 * Structure: `<svg class="aco-chart monte-carlo-chart" data-bins="40">`, each bin a
 * `<rect class="bar" data-count>`, `<line class="mean-line">`, `<g class="p-loss">`,
 * `<g class="cap-marker" data-side="gain|loss">`.
 */
import { Dec } from '../decimal.js';
import type { ContractModel } from '../model/contract-model.js';
import type { MonteCarloResult } from '../settlement/index.js';
import { BLUE, GREEN, INK, linear, MARGIN, MUTED, n, niceTicks, percentTick, PLOT_H, PLOT_W, RED, svgOpen, verticalMarker, xAxis, yAxis } from './chart-kit.js';
import { escapeHtml } from './escape.js';
import { compactMoney, fixedRate, moneyOfNumber } from './figures.js';

export interface MonteCarloMarks {
    /** The most the ACO can gain in the simulated year (a positive amount). */
    maxGain?: Dec;
    /** The most it can owe (a negative amount). */
    maxLoss?: Dec;
}

/** A cap is drawn when it lies within half the simulated range beyond it: further out it would squash the bars. */
function nearRange(value: number, low: number, high: number): boolean {
    const span = Math.max(high - low, 1);
    return value >= low - span / 2 && value <= high + span / 2;
}

export function monteCarloChartSvg(result: MonteCarloResult, model: ContractModel, marks: MonteCarloMarks = {}): string {
    const histogram = result.histogram;
    const counts = histogram.counts;
    const bins = counts.length;
    const width = histogram.binWidth > 0 ? histogram.binWidth : 1;
    const low = histogram.binWidth > 0 ? histogram.min : histogram.min - 0.5;
    const high = histogram.binWidth > 0 ? histogram.max : histogram.min + 0.5;
    const caps: Array<{ side: 'gain' | 'loss'; value: number }> = [];
    if (marks.maxGain && nearRange(marks.maxGain.toNumber(), low, high)) {
        caps.push({ side: 'gain', value: marks.maxGain.toNumber() });
    }
    if (marks.maxLoss && nearRange(marks.maxLoss.toNumber(), low, high)) {
        caps.push({ side: 'loss', value: marks.maxLoss.toNumber() });
    }
    const xDomain = niceTicks(Math.min(low, 0, ...caps.map((c) => c.value)), Math.max(high, 0, ...caps.map((c) => c.value)), 6);
    const x = linear(xDomain.low, xDomain.high, MARGIN.left, MARGIN.left + PLOT_W);
    const trials = Math.max(1, result.trials);
    const maxShare = Math.max(...counts, 0) / trials;
    const yDomain = niceTicks(0, maxShare > 0 ? maxShare * 1.12 : 0.01, 5);
    const y = linear(0, yDomain.high, MARGIN.top + PLOT_H, MARGIN.top);

    const share = (p: number) => fixedRate(new Dec(p), 1);
    const description = `Distribution of earned over ${result.trials} Monte Carlo trials (seed ${result.seed}) in ${bins} equal bins from ${moneyOfNumber(histogram.min, model)} to ${moneyOfNumber(histogram.max, model)}; P(loss) ${share(result.pLoss)}, P(gain) ${share(result.pGain)}.`;
    const parts = [svgOpen('monte-carlo', 'monte-carlo-chart', 'Monte Carlo distribution of earned', description, `data-bins="${bins}" data-trials="${result.trials}"`)];
    parts.push(xAxis(xDomain.ticks, x, (v) => compactMoney(v, model), 'Earned in one simulated year (negative: owed)'));
    parts.push(yAxis(yDomain.ticks, y, percentTick, 'Share of trials'));

    // The loss side, shaded, with the chance of landing there.
    if (xDomain.low < 0) {
        const zero = x(0);
        parts.push(`<g class="p-loss" data-p-loss="${result.pLoss}"><rect class="loss-area" x="${MARGIN.left}" y="${MARGIN.top}" width="${n(zero - MARGIN.left)}" height="${PLOT_H}" fill="${RED}" fill-opacity="0.06"/>` +
            `<text class="label" x="${n(MARGIN.left + 8)}" y="${MARGIN.top + 18}" fill="${RED}" font-size="12.5" font-weight="600" stroke="#ffffff" stroke-width="3" paint-order="stroke">${escapeHtml(`P(loss) ${share(result.pLoss)}`)}</text></g>`);
    }
    parts.push(`<text class="label p-gain" x="${MARGIN.left + PLOT_W - 8}" y="${MARGIN.top + 18}" text-anchor="end" fill="${GREEN}" font-size="12.5" font-weight="600" stroke="#ffffff" stroke-width="3" paint-order="stroke">${escapeHtml(`P(gain) ${share(result.pGain)}`)}</text>`);

    parts.push('<g class="bars">');
    counts.forEach((binCount, index) => {
        const from = low + index * width;
        const to = from + width;
        const middle = (from + to) / 2;
        const left = x(from);
        const barWidth = Math.max(0.5, x(to) - left - 1);
        const top = y(binCount / trials);
        // A bin holding zero (often a tall one: the years inside the minimum rates) is grey.
        const colour = from <= 0 && to >= 0 ? MUTED : middle < 0 ? RED : BLUE;
        parts.push(`<rect class="bar" x="${n(left + 0.5)}" y="${n(top)}" width="${n(barWidth)}" height="${n(MARGIN.top + PLOT_H - top)}" fill="${colour}" fill-opacity="0.85" data-count="${binCount}"><title>${escapeHtml(`${moneyOfNumber(from, model)} to ${moneyOfNumber(to, model)}: ${binCount} trials`)}</title></rect>`);
    });
    parts.push('</g>');
    if (xDomain.low < 0 && xDomain.high > 0) {
        parts.push(`<line class="zero-line" x1="${n(x(0))}" y1="${MARGIN.top}" x2="${n(x(0))}" y2="${MARGIN.top + PLOT_H}" stroke="${INK}" stroke-width="1.2"/>`);
    }
    for (const cap of caps) {
        const label = `${cap.side === 'gain' ? 'savings cap' : 'loss cap'} ${compactMoney(cap.value, model)}`;
        parts.push(verticalMarker(`cap-marker cap-${cap.side}`, x(cap.value), label, cap.side === 'gain' ? 'end' : 'start', cap.side === 'gain' ? GREEN : RED, MARGIN.top + 36)
            .replace('<g class=', `<g data-side="${cap.side}" class=`));
    }
    const mean = x(result.mean);
    parts.push(`<g class="mean-marker"><line class="mean-line" x1="${n(mean)}" y1="${MARGIN.top}" x2="${n(mean)}" y2="${MARGIN.top + PLOT_H}" stroke="${INK}" stroke-width="1.2" stroke-dasharray="5 3"/>` +
        `<text class="label" x="${n(mean)}" y="${MARGIN.top - 8}" text-anchor="middle" fill="${INK}" font-size="11">${escapeHtml(`mean ${compactMoney(result.mean, model)}`)}</text></g>`);
    parts.push('</svg>');
    return parts.join('\n') + '\n';
}
