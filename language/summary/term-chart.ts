/**
 * The term year by year: a bar per performance year of what the ACO earns (green) or owes (red),
 * and the running term total as a line, so a reader sees both the good and bad years and where
 * the agreement ends up. Structure: `<svg class="aco-chart term-chart" data-years="5">`, each year
 * a `<rect class="year-bar" data-year data-earned>`, the total a `<path class="running-total">`.
 */
import type { Dec } from '../decimal.js';
import type { ContractModel } from '../model/contract-model.js';
import { BLUE, GREEN, INK, linear, MARGIN, MUTED, n, niceTicks, PLOT_H, PLOT_W, RED, svgOpen, xAxis, yAxis } from './chart-kit.js';
import { escapeHtml } from './escape.js';
import { compactMoney, money } from './figures.js';

export interface TermBar {
    /** `2024`, `2025/26`. */
    label: string;
    year: number;
    earned: Dec;
}

export function termChartSvg(bars: readonly TermBar[], model: ContractModel, title: string): string {
    const values = bars.map((b) => b.earned.toNumber());
    const running: number[] = [];
    values.reduce((sum, value) => {
        running.push(sum + value);
        return sum + value;
    }, 0);
    const yDomain = niceTicks(Math.min(0, ...values, ...running), Math.max(0, ...values, ...running), 6);
    const slot = PLOT_W / Math.max(1, bars.length);
    const centre = (index: number) => MARGIN.left + slot * (index + 0.5);
    const y = linear(yDomain.low, yDomain.high, MARGIN.top + PLOT_H, MARGIN.top);
    const description = `${title}: earned in each of ${bars.length} performance years and the running total.`;
    const parts = [svgOpen('term', 'term-chart', title, description, `data-years="${bars.length}"`)];
    // The x axis is categorical: one tick per year at the slot's centre.
    parts.push(xAxis(bars.map((_, i) => i), (i) => centre(i), (i) => bars[i]?.label ?? '', 'Performance year'));
    parts.push(yAxis(yDomain.ticks, y, (v) => compactMoney(v, model), 'Earned (negative: owed)'));
    parts.push(`<line class="zero-line" x1="${MARGIN.left}" y1="${n(y(0))}" x2="${MARGIN.left + PLOT_W}" y2="${n(y(0))}" stroke="${MUTED}" stroke-width="1.2"/>`);
    parts.push('<g class="bars">');
    bars.forEach((bar, index) => {
        const value = values[index];
        const top = y(Math.max(0, value));
        const bottom = y(Math.min(0, value));
        const width = Math.min(64, slot * 0.55);
        parts.push(`<rect class="year-bar" data-year="${bar.year}" data-earned="${bar.earned.toFixed()}" x="${n(centre(index) - width / 2)}" y="${n(top)}" width="${n(width)}" height="${n(Math.max(0.5, bottom - top))}" fill="${value < 0 ? RED : GREEN}" fill-opacity="0.85"><title>${escapeHtml(`${bar.label}: ${money(bar.earned, model)}`)}</title></rect>`);
    });
    parts.push('</g>');
    const path = running.map((total, i) => `${i === 0 ? 'M' : 'L'}${n(centre(i))},${n(y(total))}`).join(' ');
    parts.push(`<path class="running-total series-1" d="${path}" fill="none" stroke="${BLUE}" stroke-width="2.2"/>`);
    running.forEach((total, i) => parts.push(`<circle class="running-point" cx="${n(centre(i))}" cy="${n(y(total))}" r="3" fill="${BLUE}"/>`));
    const last = running[running.length - 1] ?? 0;
    parts.push(`<text class="label" x="${n(centre(running.length - 1))}" y="${n(y(last) - 10)}" text-anchor="middle" fill="${INK}" font-size="11.5" font-weight="600">${escapeHtml(`term total ${compactMoney(last, model)}`)}</text>`);
    parts.push('</svg>');
    return parts.join('\n') + '\n';
}
