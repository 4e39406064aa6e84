/**
 * The payout chart: what the ACO earns (above zero) or owes (below) against the savings rate, one
 * line per quality level, so the quality cliff shows as the gap between the line at the standard
 * and the line just below it (marked with an arrow and its size). Structure, for tests and for
 * the page's dark theme:
 * `<svg class="aco-chart payout-chart" data-series="3" data-points="81">`, each line a
 * `<path class="curve series-N" data-points="81" data-quality="0.6">`, the minimum rates as
 * `<g class="threshold-marker">`, the cliff as `<g class="cliff-marker">`, each scenario as a
 * numbered `<circle class="scenario-point">`.
 */
import type { Dec } from '../decimal.js';
import type { ContractModel } from '../model/contract-model.js';
import {
    BLUE, GREEN, HEIGHT, INK, legend, legendHeight, linear, MARGIN, MUTED, n, niceTicks, percentTick, PLOT_H, PLOT_W, RED, seriesStyle, svgOpen, verticalMarker, xAxis, yAxis
} from './chart-kit.js';
import { escapeHtml } from './escape.js';
import { compactMoney, fixedRate, money } from './figures.js';
import type { CurvePoint } from './probe.js';

export interface PayoutSeries {
    label: string;
    /** The quality score the line holds fixed. */
    quality?: Dec;
    points: CurvePoint[];
}

export interface PayoutChartInput {
    series: PayoutSeries[];
    /** The minimum savings rate, drawn as a dashed line at +MSR. */
    minimumSavingsRate?: Dec;
    /** The minimum loss rate, drawn as a dashed line at −MLR. */
    minimumLossRate?: Dec;
    /** Where each settled scenario falls: its savings rate and what it earned. */
    scenarios?: ReadonlyArray<{ label: string; rate: Dec; earned: Dec }>;
    /** The drop at the quality standard at one savings rate: earned at the standard and just below it. */
    cliff?: { rate: Dec; above: Dec; below: Dec };
}

export function payoutChartSvg(input: PayoutChartInput, model: ContractModel): string {
    const series = input.series.map((s) => s.points.map((p) => ({ rate: p.rate.toNumber(), earned: p.earned.toNumber(), exact: p })));
    const all = series.flat();
    const xLow = all.length > 0 ? Math.min(...all.map((p) => p.rate)) : -0.15;
    const xHigh = all.length > 0 ? Math.max(...all.map((p) => p.rate)) : 0.25;
    const earned = all.map((p) => p.earned);
    const yDomain = niceTicks(Math.min(0, ...earned), Math.max(0, ...earned), 6);
    const x = linear(xLow, xHigh, MARGIN.left, MARGIN.left + PLOT_W);
    const y = linear(yDomain.low, yDomain.high, MARGIN.top + PLOT_H, MARGIN.top);
    const xTicks: number[] = [];
    for (let tick = Math.ceil(xLow * 20 - 1e-9); tick <= Math.floor(xHigh * 20 + 1e-9); tick++) {
        xTicks.push(tick / 20);
    }
    const points = series[0]?.length ?? 0;
    const levels = input.series.map((s) => s.label).join('; ');
    const description = `Earned (negative: owed) at savings rates from ${percentTick(xLow)} to ${percentTick(xHigh)} of the benchmark, ${points} settled points per line, at ${input.series.length === 1 ? 'one quality level' : `${input.series.length} quality levels`}: ${levels}.`;
    const legendRows = input.series.length > 1 ? legendHeight(input.series.length) : 0;
    const parts = [svgOpen('payout', 'payout-chart', 'Payout against the savings rate', description, `data-series="${input.series.length}" data-points="${points}"`, HEIGHT + legendRows)];
    parts.push(xAxis(xTicks, x, percentTick, 'Savings rate (share of the benchmark; negative: spending above it)'));
    parts.push(yAxis(yDomain.ticks, y, (v) => compactMoney(v, model), 'Earned (negative: owed)'));

    // The zero lines: no savings (x = 0) and nothing earned (y = 0).
    parts.push(`<line class="zero-line" x1="${n(x(0))}" y1="${MARGIN.top}" x2="${n(x(0))}" y2="${MARGIN.top + PLOT_H}" stroke="${MUTED}" stroke-width="1"/>`);
    parts.push(`<line class="zero-line" x1="${MARGIN.left}" y1="${n(y(0))}" x2="${MARGIN.left + PLOT_W}" y2="${n(y(0))}" stroke="${MUTED}" stroke-width="1.2"/>`);

    // The MSR label reads rightwards from its line and the MLR label leftwards, so they never overlap.
    if (input.minimumSavingsRate?.greaterThan(0) && input.minimumSavingsRate.toNumber() <= xHigh) {
        parts.push(verticalMarker('threshold-marker', x(input.minimumSavingsRate.toNumber()), `MSR ${fixedRate(input.minimumSavingsRate, 1)}`, 'start'));
    }
    if (input.minimumLossRate?.greaterThan(0) && -input.minimumLossRate.toNumber() >= xLow) {
        parts.push(verticalMarker('threshold-marker', x(-input.minimumLossRate.toNumber()), `MLR ${fixedRate(input.minimumLossRate, 1)}`, 'end'));
    }

    // Later series first, so the first (full quality) line is drawn on top.
    for (let index = series.length - 1; index >= 0; index--) {
        const { colour, dash } = seriesStyle(index);
        const path = series[index].map((p, i) => `${i === 0 ? 'M' : 'L'}${n(x(p.rate))},${n(y(p.earned))}`).join(' ');
        const quality = input.series[index].quality;
        parts.push(`<path class="curve series-${index + 1}" data-points="${series[index].length}"${quality ? ` data-quality="${quality.toFixed()}"` : ''} d="${path}" fill="none" stroke="${colour}" stroke-width="2.4" stroke-linejoin="round"${dash ? ` stroke-dasharray="${dash}"` : ''}><title>${escapeHtml(input.series[index].label)}</title></path>`);
    }

    const cliff = input.cliff;
    if (cliff && !cliff.above.equals(cliff.below)) {
        const cx = x(cliff.rate.toNumber());
        const top = y(Math.max(cliff.above.toNumber(), cliff.below.toNumber()));
        const bottom = y(Math.min(cliff.above.toNumber(), cliff.below.toNumber()));
        const drop = money(cliff.above.minus(cliff.below).abs(), model);
        const labelRight = cx < MARGIN.left + PLOT_W * 0.62;
        parts.push(`<g class="cliff-marker" data-rate="${cliff.rate.toFixed()}" data-drop="${cliff.above.minus(cliff.below).toFixed()}">` +
            `<line class="cliff-line" x1="${n(cx)}" y1="${n(top)}" x2="${n(cx)}" y2="${n(bottom)}" stroke="${RED}" stroke-width="1.6"/>` +
            `<path class="cliff-head" d="M${n(cx - 4)},${n(bottom - 7)} L${n(cx)},${n(bottom)} L${n(cx + 4)},${n(bottom - 7)}" fill="none" stroke="${RED}" stroke-width="1.6"/>` +
            `<text class="label cliff-label" x="${n(labelRight ? cx + 7 : cx - 7)}" y="${n((top + bottom) / 2 + 4)}" text-anchor="${labelRight ? 'start' : 'end'}" fill="${RED}" font-size="11.5" font-weight="600">${escapeHtml(`quality cliff: ${drop}`)}</text></g>`);
    }

    if (input.scenarios && input.scenarios.length > 0) {
        parts.push('<g class="scenarios">');
        input.scenarios.forEach((scenario, index) => {
            const sx = x(Math.max(xLow, Math.min(xHigh, scenario.rate.toNumber())));
            const sy = y(Math.max(yDomain.low, Math.min(yDomain.high, scenario.earned.toNumber())));
            const colour = scenario.earned.greaterThan(0) ? GREEN : scenario.earned.lessThan(0) ? RED : BLUE;
            parts.push(`<g class="scenario-point" data-rate="${scenario.rate.toFixed()}" data-earned="${scenario.earned.toFixed()}"><circle cx="${n(sx)}" cy="${n(sy)}" r="4.2" fill="${colour}" stroke="#ffffff" stroke-width="1.2"/>` +
                `<text class="label" x="${n(sx + 6)}" y="${n(sy - 6)}" fill="${INK}" font-size="11" font-weight="600">${index + 1}</text>` +
                `<title>${escapeHtml(`${index + 1}. ${scenario.label}: ${fixedRate(scenario.rate, 2)} savings, earned ${money(scenario.earned, model)}`)}</title></g>`);
        });
        parts.push('</g>');
    }

    if (input.series.length > 1) {
        parts.push(legend(input.series.map((s, index) => ({ label: s.label, index }))));
    }
    parts.push('</svg>');
    return parts.join('\n') + '\n';
}
