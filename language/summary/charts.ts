/**
 * The summary's SVG charts: the payout curve (earned against the savings rate) and the Monte
 * Carlo histogram. Each is a complete standalone SVG document (usable as a file beside a Markdown
 * summary, as a data URI, or inline in HTML) with presentation attributes only (no CSS, no
 * scripts) and a stable, testable structure:
 *
 * - payout: `<svg class="aco-chart payout-chart" data-points="81">`, the line as
 *   `<path class="curve" data-points="81">`, each point as `<circle class="point">`, the axes as
 *   `<g class="x-axis">`/`<g class="y-axis">` with `<text class="axis-label">`, the zero line as
 *   `<line class="zero-line">`, and the minimum rates as `<line class="threshold">`;
 * - Monte Carlo: `<svg class="aco-chart monte-carlo-chart" data-bins="40">`, each bin as
 *   `<rect class="bar">` with `data-count`, the mean as `<line class="mean-line">`.
 *
 * Coordinates are floats: a chart is a picture of figures the engine produced, not a settlement.
 */
import type { Dec } from '../decimal.js';
import type { ContractModel } from '../model/contract-model.js';
import type { MonteCarloResult } from '../settlement/index.js';
import { escapeHtml } from './escape.js';
import { compactMoney, fixedRate, money, moneyOfNumber } from './figures.js';
import type { PayoutCurve } from './probe.js';

const WIDTH = 720;
const HEIGHT = 380;
const MARGIN = { left: 88, right: 24, top: 28, bottom: 62 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

const INK = '#1f2933';
const MUTED = '#616e7c';
const GRID = '#e4e7eb';
const AXIS = '#9aa5b1';
const BLUE = '#1f5fa8';
const RED = '#b42318';
const GREEN = '#1e7b4f';

/** Two decimals at most: coordinates stay short and stable. */
function n(value: number): string {
    const rounded = Math.round(value * 100) / 100;
    return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** A "nice" step (1, 2, 2.5 or 5 × 10^k) giving about `target` intervals over `span`. */
function niceStep(span: number, target: number): number {
    if (!(span > 0)) {
        return 1;
    }
    const raw = span / target;
    const power = Math.pow(10, Math.floor(Math.log10(raw)));
    const fraction = raw / power;
    const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
    return nice * power;
}

/** Ticks covering [low, high] with nice steps; the domain widens to the outer ticks. */
function niceTicks(low: number, high: number, target = 6): { ticks: number[]; low: number; high: number } {
    if (low === high) {
        const pad = Math.abs(low) > 0 ? Math.abs(low) * 0.5 : 1;
        low -= pad;
        high += pad;
    }
    const step = niceStep(high - low, target);
    const first = Math.floor(low / step + 1e-9) * step;
    const last = Math.ceil(high / step - 1e-9) * step;
    const ticks: number[] = [];
    for (let value = first; value <= last + step / 2; value += step) {
        ticks.push(Math.abs(value) < step * 1e-9 ? 0 : value);
    }
    return { ticks, low: first, high: last };
}

function svgOpen(id: string, className: string, title: string, description: string, data: string): string {
    return [
        `<svg xmlns="http://www.w3.org/2000/svg" class="aco-chart ${className}" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-labelledby="${id}-title ${id}-desc" font-family="${escapeHtml(FONT)}" font-size="12" ${data}>`,
        `<title id="${id}-title">${escapeHtml(title)}</title>`,
        `<desc id="${id}-desc">${escapeHtml(description)}</desc>`,
        `<rect class="background" x="0" y="0" width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`
    ].join('\n');
}

interface Scale {
    (value: number): number;
}

function linear(domainLow: number, domainHigh: number, rangeLow: number, rangeHigh: number): Scale {
    const span = domainHigh - domainLow || 1;
    return (value: number) => rangeLow + ((value - domainLow) / span) * (rangeHigh - rangeLow);
}

function xAxis(ticks: number[], x: Scale, label: (value: number) => string, title: string): string {
    const bottom = MARGIN.top + PLOT_H;
    const parts = [`<g class="x-axis" fill="${MUTED}" text-anchor="middle">`];
    parts.push(`<line x1="${MARGIN.left}" y1="${bottom}" x2="${MARGIN.left + PLOT_W}" y2="${bottom}" stroke="${AXIS}" stroke-width="1"/>`);
    for (const tick of ticks) {
        const at = n(x(tick));
        parts.push(`<line class="grid" x1="${at}" y1="${MARGIN.top}" x2="${at}" y2="${bottom}" stroke="${GRID}" stroke-width="1"/>`);
        parts.push(`<line x1="${at}" y1="${bottom}" x2="${at}" y2="${bottom + 5}" stroke="${AXIS}" stroke-width="1"/>`);
        parts.push(`<text class="tick" x="${at}" y="${bottom + 19}">${escapeHtml(label(tick))}</text>`);
    }
    parts.push(`<text class="axis-label" x="${n(MARGIN.left + PLOT_W / 2)}" y="${HEIGHT - 14}" fill="${INK}" font-size="13">${escapeHtml(title)}</text>`);
    parts.push('</g>');
    return parts.join('\n');
}

function yAxis(ticks: number[], y: Scale, label: (value: number) => string, title: string): string {
    const parts = [`<g class="y-axis" fill="${MUTED}" text-anchor="end">`];
    parts.push(`<line x1="${MARGIN.left}" y1="${MARGIN.top}" x2="${MARGIN.left}" y2="${MARGIN.top + PLOT_H}" stroke="${AXIS}" stroke-width="1"/>`);
    for (const tick of ticks) {
        const at = n(y(tick));
        parts.push(`<line class="grid" x1="${MARGIN.left}" y1="${at}" x2="${MARGIN.left + PLOT_W}" y2="${at}" stroke="${GRID}" stroke-width="1"/>`);
        parts.push(`<text class="tick" x="${MARGIN.left - 8}" y="${at}" dy="4">${escapeHtml(label(tick))}</text>`);
    }
    const middle = n(MARGIN.top + PLOT_H / 2);
    parts.push(`<text class="axis-label" x="18" y="${middle}" transform="rotate(-90 18 ${middle})" text-anchor="middle" fill="${INK}" font-size="13">${escapeHtml(title)}</text>`);
    parts.push('</g>');
    return parts.join('\n');
}

/** A percent tick: `-15%`, `0%`, `2.5%`. */
function percentTick(value: number): string {
    const percent = Math.round(value * 10000) / 100;
    return `${Object.is(percent, -0) ? 0 : percent}%`;
}

export interface PayoutChartOptions {
    /** The minimum savings rate, drawn as a dashed line at +MSR. */
    minimumSavingsRate?: Dec;
    /** The minimum loss rate, drawn as a dashed line at −MLR. */
    minimumLossRate?: Dec;
}

/** The payout curve as an SVG line chart: one `<circle class="point">` per settled savings rate. */
export function payoutChartSvg(curve: PayoutCurve, model: ContractModel, options: PayoutChartOptions = {}): string {
    const points = curve.points.map((p) => ({ rate: p.rate.toNumber(), earned: p.earned.toNumber(), exact: p }));
    const xLow = points.length > 0 ? points[0].rate : -0.15;
    const xHigh = points.length > 0 ? points[points.length - 1].rate : 0.25;
    const earnedValues = points.map((p) => p.earned);
    const yDomain = niceTicks(Math.min(0, ...earnedValues), Math.max(0, ...earnedValues), 6);
    const x = linear(xLow, xHigh, MARGIN.left, MARGIN.left + PLOT_W);
    const y = linear(yDomain.low, yDomain.high, MARGIN.top + PLOT_H, MARGIN.top);
    const xTicks: number[] = [];
    for (let tick = Math.ceil(xLow * 20 - 1e-9); tick <= Math.floor(xHigh * 20 + 1e-9); tick++) {
        xTicks.push(tick / 20);
    }

    const description = `Earned by the ACO (negative: owed) at savings rates from ${percentTick(xLow)} to ${percentTick(xHigh)} of the benchmark, ${points.length} settled points${curve.basis ? `, at the quality of scenario "${curve.basis}"` : ', at a quality score of 100%'}.`;
    const parts = [svgOpen('payout', 'payout-chart', 'Payout curve: earned against the savings rate', description, `data-points="${points.length}"`)];
    parts.push(xAxis(xTicks, x, percentTick, 'Savings rate (share of the benchmark; negative: spending above it)'));
    parts.push(yAxis(yDomain.ticks, y, (v) => compactMoney(v, model), 'Earned (negative: owed by the ACO)'));

    // The zero lines: no savings (x = 0) and nothing earned (y = 0).
    parts.push(`<line class="zero-line" x1="${n(x(0))}" y1="${MARGIN.top}" x2="${n(x(0))}" y2="${MARGIN.top + PLOT_H}" stroke="${MUTED}" stroke-width="1"/>`);
    parts.push(`<line class="zero-line" x1="${MARGIN.left}" y1="${n(y(0))}" x2="${MARGIN.left + PLOT_W}" y2="${n(y(0))}" stroke="${MUTED}" stroke-width="1.2"/>`);

    // The minimum rates: the MSR label reads rightwards from its line, the MLR label leftwards,
    // so the two never overlap however close they are.
    const thresholds: Array<[number, string, 'start' | 'end']> = [];
    if (options.minimumSavingsRate && options.minimumSavingsRate.greaterThan(0)) {
        thresholds.push([options.minimumSavingsRate.toNumber(), `MSR ${fixedRate(options.minimumSavingsRate, 1)}`, 'start']);
    }
    if (options.minimumLossRate && options.minimumLossRate.greaterThan(0)) {
        thresholds.push([-options.minimumLossRate.toNumber(), `MLR ${fixedRate(options.minimumLossRate, 1)}`, 'end']);
    }
    for (const [at, label, anchor] of thresholds) {
        if (at < xLow || at > xHigh) {
            continue;
        }
        const px = x(at);
        const labelX = n(anchor === 'start' ? px + 3 : px - 3);
        parts.push(`<g class="threshold-marker"><line class="threshold" x1="${n(px)}" y1="${MARGIN.top}" x2="${n(px)}" y2="${MARGIN.top + PLOT_H}" stroke="${MUTED}" stroke-width="1" stroke-dasharray="4 3"/>` +
            `<text x="${labelX}" y="${MARGIN.top - 8}" text-anchor="${anchor}" fill="${MUTED}" font-size="11">${escapeHtml(label)}</text></g>`);
    }

    const path = points.map((p, index) => `${index === 0 ? 'M' : 'L'}${n(x(p.rate))},${n(y(p.earned))}`).join(' ');
    parts.push(`<path class="curve" data-points="${points.length}" d="${path}" fill="none" stroke="${BLUE}" stroke-width="2.2" stroke-linejoin="round"/>`);
    parts.push('<g class="points">');
    for (const p of points) {
        const colour = p.earned > 0 ? GREEN : p.earned < 0 ? RED : BLUE;
        parts.push(`<circle class="point" cx="${n(x(p.rate))}" cy="${n(y(p.earned))}" r="2.4" fill="${colour}" data-rate="${p.exact.rate.toFixed()}" data-earned="${p.exact.earned.toFixed()}"><title>${escapeHtml(`Savings ${fixedRate(p.exact.rate, 1)}: earned ${money(p.exact.earned, model)}`)}</title></circle>`);
    }
    parts.push('</g>');
    parts.push('</svg>');
    return parts.join('\n') + '\n';
}

/** The Monte Carlo distribution of earned as an SVG histogram: one `<rect class="bar">` per bin. */
export function monteCarloChartSvg(result: MonteCarloResult, model: ContractModel): string {
    const histogram = result.histogram;
    const counts = histogram.counts;
    const bins = counts.length;
    const width = histogram.binWidth > 0 ? histogram.binWidth : 1;
    const low = histogram.binWidth > 0 ? histogram.min : histogram.min - 0.5;
    const high = histogram.binWidth > 0 ? histogram.max : histogram.min + 0.5;
    const xDomain = niceTicks(Math.min(low, 0), Math.max(high, 0), 6);
    const x = linear(xDomain.low, xDomain.high, MARGIN.left, MARGIN.left + PLOT_W);
    const trials = Math.max(1, result.trials);
    const maxShare = Math.max(...counts, 0) / trials;
    const yDomain = niceTicks(0, maxShare > 0 ? maxShare : 0.01, 5);
    const y = linear(0, yDomain.high, MARGIN.top + PLOT_H, MARGIN.top);

    const description = `Distribution of earned over ${result.trials} Monte Carlo trials (seed ${result.seed}) in ${bins} equal bins from ${moneyOfNumber(histogram.min, model)} to ${moneyOfNumber(histogram.max, model)}.`;
    const parts = [svgOpen('monte-carlo', 'monte-carlo-chart', 'Monte Carlo distribution of earned', description, `data-bins="${bins}" data-trials="${result.trials}"`)];
    parts.push(xAxis(xDomain.ticks, x, (v) => compactMoney(v, model), 'Earned in one trial (negative: owed by the ACO)'));
    parts.push(yAxis(yDomain.ticks, y, percentTick, 'Share of trials'));
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
    const mean = n(x(result.mean));
    parts.push(`<g class="mean-marker"><line class="mean-line" x1="${mean}" y1="${MARGIN.top}" x2="${mean}" y2="${MARGIN.top + PLOT_H}" stroke="${INK}" stroke-width="1.2" stroke-dasharray="5 3"/>` +
        `<text x="${mean}" y="${MARGIN.top - 8}" text-anchor="middle" fill="${INK}" font-size="11">${escapeHtml(`mean ${compactMoney(result.mean, model)}`)}</text></g>`);
    parts.push('</svg>');
    return parts.join('\n') + '\n';
}
