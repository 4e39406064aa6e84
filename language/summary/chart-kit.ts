/**
 * What every summary chart is drawn with: the canvas, scales, "nice" ticks, axes, a legend and
 * the colours. A chart is a complete standalone SVG document with presentation attributes only (no
 * CSS, no scripts), so it reads the same as a file beside Markdown, as a data URI or inline in
 * HTML; every element carries a class (`background`, `grid`, `tick`, `axis-label`, `label`,
 * `series-N`) so the HTML page can recolour it for a dark editor theme, and series differ by
 * dash pattern as well as colour, so they stay apart in a black-and-white print.
 *
 * Coordinates are floats: a chart is a picture of figures the engine produced, not a settlement.
 */
import { escapeHtml } from './escape.js';

export const WIDTH = 720;
export const HEIGHT = 400;
export const MARGIN = { left: 88, right: 24, top: 36, bottom: 62 };
export const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
export const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

export const INK = '#1f2933';
export const MUTED = '#616e7c';
export const GRID = '#e4e7eb';
export const AXIS = '#9aa5b1';
export const RED = '#b42318';
export const GREEN = '#1e7b4f';
export const BLUE = '#1f5fa8';

/** Series colours (blue, green, orange, purple) and dash patterns, in the order series are drawn. */
export const SERIES = [
    { colour: BLUE, dash: '' },
    { colour: '#b45309', dash: '7 4' },
    { colour: '#7c3aed', dash: '2 3' },
    { colour: GREEN, dash: '9 3 2 3' }
] as const;

export function seriesStyle(index: number): { colour: string; dash: string } {
    return SERIES[index % SERIES.length];
}

/** Two decimals at most: coordinates stay short and stable. */
export function n(value: number): string {
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
export function niceTicks(low: number, high: number, target = 6): { ticks: number[]; low: number; high: number } {
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

export type Scale = (value: number) => number;

export function linear(domainLow: number, domainHigh: number, rangeLow: number, rangeHigh: number): Scale {
    const span = domainHigh - domainLow || 1;
    return (value: number) => rangeLow + ((value - domainLow) / span) * (rangeHigh - rangeLow);
}

export function svgOpen(id: string, className: string, title: string, description: string, data: string, height = HEIGHT): string {
    return [
        `<svg xmlns="http://www.w3.org/2000/svg" class="aco-chart ${className}" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-labelledby="${id}-title ${id}-desc" font-family="${escapeHtml(FONT)}" font-size="12" ${data}>`,
        `<title id="${id}-title">${escapeHtml(title)}</title>`,
        `<desc id="${id}-desc">${escapeHtml(description)}</desc>`,
        `<rect class="background" x="0" y="0" width="${WIDTH}" height="${height}" fill="#ffffff"/>`
    ].join('\n');
}

export function xAxis(ticks: number[], x: Scale, label: (value: number) => string, title: string): string {
    const bottom = MARGIN.top + PLOT_H;
    const parts = [`<g class="x-axis" fill="${MUTED}" text-anchor="middle">`];
    parts.push(`<line class="axis" x1="${MARGIN.left}" y1="${bottom}" x2="${MARGIN.left + PLOT_W}" y2="${bottom}" stroke="${AXIS}" stroke-width="1"/>`);
    for (const tick of ticks) {
        const at = n(x(tick));
        parts.push(`<line class="grid" x1="${at}" y1="${MARGIN.top}" x2="${at}" y2="${bottom}" stroke="${GRID}" stroke-width="1"/>`);
        parts.push(`<line class="axis" x1="${at}" y1="${bottom}" x2="${at}" y2="${bottom + 5}" stroke="${AXIS}" stroke-width="1"/>`);
        parts.push(`<text class="tick" x="${at}" y="${bottom + 19}">${escapeHtml(label(tick))}</text>`);
    }
    parts.push(`<text class="axis-label" x="${n(MARGIN.left + PLOT_W / 2)}" y="${bottom + 48}" fill="${INK}" font-size="13">${escapeHtml(title)}</text>`);
    parts.push('</g>');
    return parts.join('\n');
}

export function yAxis(ticks: number[], y: Scale, label: (value: number) => string, title: string): string {
    const parts = [`<g class="y-axis" fill="${MUTED}" text-anchor="end">`];
    parts.push(`<line class="axis" x1="${MARGIN.left}" y1="${MARGIN.top}" x2="${MARGIN.left}" y2="${MARGIN.top + PLOT_H}" stroke="${AXIS}" stroke-width="1"/>`);
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
export function percentTick(value: number): string {
    const percent = Math.round(value * 10000) / 100;
    return `${Object.is(percent, -0) ? 0 : percent}%`;
}

const LEGEND_ROW = 18;
const LEGEND_COLUMNS = 2;

/** The height a legend below the plot adds to the chart. */
export function legendHeight(entries: number): number {
    return entries > 1 ? Math.ceil(entries / LEGEND_COLUMNS) * LEGEND_ROW + 8 : 0;
}

/**
 * A legend below the x-axis title, two entries to a row: a swatch in each series' colour and
 * dash, and its label. Below the plot it can never hide a line.
 */
export function legend(entries: ReadonlyArray<{ label: string; index: number }>): string {
    const top = HEIGHT + 2;
    const columnWidth = PLOT_W / LEGEND_COLUMNS;
    const parts = ['<g class="legend">'];
    entries.forEach((entry, position) => {
        const { colour, dash } = seriesStyle(entry.index);
        const x = MARGIN.left + (position % LEGEND_COLUMNS) * columnWidth;
        const cy = top + Math.floor(position / LEGEND_COLUMNS) * LEGEND_ROW + LEGEND_ROW / 2;
        parts.push(`<line class="series-${entry.index + 1}" x1="${n(x)}" y1="${n(cy)}" x2="${n(x + 26)}" y2="${n(cy)}" stroke="${colour}" stroke-width="2.4"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`);
        parts.push(`<text class="label" x="${n(x + 32)}" y="${n(cy + 4)}" fill="${INK}" font-size="11.5">${escapeHtml(entry.label)}</text>`);
    });
    parts.push('</g>');
    return parts.join('\n');
}

/** A dashed vertical marker with a label at the top of the plot. */
export function verticalMarker(className: string, px: number, label: string, anchor: 'start' | 'middle' | 'end', colour = MUTED, labelY = MARGIN.top - 8): string {
    const labelX = anchor === 'start' ? px + 3 : anchor === 'end' ? px - 3 : px;
    return `<g class="${className}"><line class="marker-line" x1="${n(px)}" y1="${MARGIN.top}" x2="${n(px)}" y2="${MARGIN.top + PLOT_H}" stroke="${colour}" stroke-width="1.2" stroke-dasharray="4 3"/>` +
        `<text class="label halo" x="${n(labelX)}" y="${n(labelY)}" text-anchor="${anchor}" fill="${colour}" font-size="11" stroke="#ffffff" stroke-width="3" paint-order="stroke">${escapeHtml(label)}</text></g>`;
}
