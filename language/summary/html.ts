/**
 * A summary document as one self-contained HTML file: inline CSS, inline SVG charts, no scripts,
 * no network (a Content-Security-Policy says so to the browser). In print every part after the
 * first starts a new page, so the first page stands alone; tables, figures, the banner and the
 * approval block never break inside; each page's margin names the contract file by hash and
 * numbers the page. In VS Code's dark themes (the webview's `body.vscode-dark`) the page and its
 * charts take the editor's colours. All user text is escaped (escape.ts).
 */
import type { Block, Inline, SummaryDocument, TableBlock } from './document.js';
import { cellText, cellTone } from './document.js';
import { escapeHtml } from './escape.js';

const STYLE = `
:root {
  --ink: #1f2933; --muted: #616e7c; --rule: #d9dee3; --rule-strong: #9aa5b1; --page: #ffffff;
  --band: #f5f7fa; --stripe: #fafbfc; --accent: #1f5fa8; --gain: #1e7b4f; --loss: #b42318;
  --error-bg: #fdecea; --error-rule: #b42318; --warning-bg: #fff4e5; --warning-rule: #b45309;
  --ok-bg: #edf7f1; --ok-rule: #1e7b4f;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; color: var(--ink); background: var(--page);
  font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  -webkit-print-color-adjust: exact; print-color-adjust: exact;
}
main { max-width: 62rem; margin: 0 auto; padding: 2.5rem 1.5rem 3rem; }
header { border-bottom: 3px solid var(--accent); padding-bottom: 0.7rem; margin-bottom: 1rem; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 0 0 0.35rem; letter-spacing: -0.01em; }
.subtitle { margin: 0; color: var(--muted); font-size: 0.98rem; }
h2 { font-size: 1.3rem; margin: 2.2rem 0 0.7rem; padding-bottom: 0.25rem; border-bottom: 1px solid var(--rule); }
h3 { font-size: 1.08rem; margin: 1.5rem 0 0.45rem; }
p { margin: 0.5rem 0 0.9rem; max-width: 54rem; }
ul { margin: 0.4rem 0 1rem; padding-left: 1.3rem; max-width: 54rem; }
li { margin: 0.3rem 0; }
strong { font-weight: 650; }
dl.document-control { display: flex; flex-wrap: wrap; gap: 0.2rem 1.4rem; margin: 0 0 1rem; font-size: 0.82rem; color: var(--muted); }
dl.document-control div { display: flex; gap: 0.4rem; }
dl.document-control dt { font-weight: 600; }
dl.document-control dd { margin: 0; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
dl.document-control:not(.compact) { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; font-size: 0.9rem; color: var(--ink); }
dl.document-control:not(.compact) div { display: contents; }
.banner { border: 1px solid var(--rule); border-left: 6px solid var(--rule-strong); border-radius: 4px; padding: 0.65rem 1rem; margin: 0.6rem 0 1.1rem; }
.banner p { margin: 0; font-weight: 650; }
.banner ul { margin: 0.45rem 0 0.1rem; }
.banner-error { background: var(--error-bg); border-color: var(--error-rule); }
.banner-warning { background: var(--warning-bg); border-color: var(--warning-rule); }
.banner-ok { background: var(--ok-bg); border-color: var(--ok-rule); padding: 0.45rem 1rem; }
.banner-ok p { font-weight: 500; }
.table-wrap { overflow-x: auto; margin: 0.5rem 0 1.1rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.88rem; font-variant-numeric: tabular-nums; }
caption { caption-side: top; text-align: left; font-weight: 600; color: var(--muted); font-size: 0.8rem;
  text-transform: uppercase; letter-spacing: 0.04em; padding: 0 0 0.35rem; }
th, td { padding: 0.34rem 0.55rem; border-bottom: 1px solid var(--rule); vertical-align: top; text-align: left; }
thead th { border-bottom: 2px solid var(--rule-strong); font-weight: 600; background: var(--band); }
tbody tr:nth-child(even) td { background: var(--stripe); }
tfoot td { font-weight: 650; border-top: 2px solid var(--rule-strong); border-bottom: none; }
th.num, td.num { text-align: right; }
td.num { white-space: nowrap; }
td.gain { color: var(--gain); } td.loss { color: var(--loss); } td.muted { color: var(--muted); }
td.pass { color: var(--gain); font-weight: 600; } td.fail { color: var(--loss); font-weight: 700; }
.table-note { color: var(--muted); font-size: 0.82rem; margin: -0.6rem 0 1.1rem; }
table.break-even td.num { white-space: normal; }
table.comparison td:first-child { min-width: 7em; }
table.recipients td:first-child, table.streams td:first-child { min-width: 12em; }
table.comparison td:nth-child(n+2) { white-space: nowrap; }
table.limits.across td:first-child { white-space: nowrap; }
table.waterfall { font-size: 0.78rem; }
table.waterfall td:nth-child(5) { min-width: 18rem; }
table.monte-carlo, table.expectations, table.capitation-results, table.term-years, table.projections { width: auto; min-width: 55%; }
table.approval td { height: 4.2rem; vertical-align: bottom; }
table.approval td:first-child { width: 34%; vertical-align: middle; }
figure { margin: 0.8rem 0 1.4rem; }
figure svg { display: block; width: 100%; max-width: 720px; height: auto; border: 1px solid var(--rule); border-radius: 4px; }
figcaption { color: var(--muted); font-size: 0.85rem; margin-top: 0.45rem; max-width: 720px; }
footer { margin-top: 2.5rem; padding-top: 0.8rem; border-top: 1px solid var(--rule); color: var(--muted); font-size: 0.82rem; }
body.vscode-dark, body.vscode-high-contrast:not(.vscode-high-contrast-light) {
  --ink: var(--vscode-editor-foreground, #d4d4d4); --muted: #a0a7b0; --rule: #3c4148; --rule-strong: #6b7280;
  --page: var(--vscode-editor-background, #1e1e1e); --band: #262a30; --stripe: #23262b; --accent: #6ea8fe;
  --gain: #5fd39a; --loss: #ff8a80; --error-bg: #3b1f1f; --error-rule: #ff8a80; --warning-bg: #3a2e1a;
  --warning-rule: #f0b35b; --ok-bg: #1c3026; --ok-rule: #5fd39a;
}
body.vscode-dark svg.aco-chart .background, body.vscode-high-contrast svg.aco-chart .background { fill: #1b1d21; }
body.vscode-dark svg.aco-chart .grid, body.vscode-high-contrast svg.aco-chart .grid { stroke: #33373d; }
body.vscode-dark svg.aco-chart .axis, body.vscode-high-contrast svg.aco-chart .axis { stroke: #6b7280; }
body.vscode-dark svg.aco-chart .x-axis, body.vscode-dark svg.aco-chart .y-axis, body.vscode-dark svg.aco-chart .tick { fill: #a0a7b0; }
body.vscode-dark svg.aco-chart .axis-label, body.vscode-dark svg.aco-chart .label { fill: #e2e4e8; }
body.vscode-dark svg.aco-chart .zero-line, body.vscode-dark svg.aco-chart .mean-line { stroke: #c9ced6; }
body.vscode-dark svg.aco-chart .legend-box { stroke: #3c4148; }
body.vscode-dark svg.aco-chart .series-1 { stroke: #6ea8fe; }
body.vscode-dark svg.aco-chart .series-2 { stroke: #f0b35b; }
body.vscode-dark svg.aco-chart .series-3 { stroke: #c4a1ff; }
body.vscode-dark svg.aco-chart .series-4 { stroke: #5fd39a; }
body.vscode-dark svg.aco-chart .cliff-line, body.vscode-dark svg.aco-chart .cliff-head { stroke: #ff8a80; }
body.vscode-dark svg.aco-chart .cliff-label, body.vscode-dark svg.aco-chart .p-loss .label { fill: #ff8a80; }
body.vscode-dark svg.aco-chart .p-gain { fill: #5fd39a; }
body.vscode-dark figure svg { border-color: #3c4148; }
body.vscode-dark svg.aco-chart .halo, body.vscode-dark svg.aco-chart .p-loss .label, body.vscode-dark svg.aco-chart .p-gain { stroke: #1b1d21; }
@page { size: auto; margin: 12mm 14mm 15mm; }
@media print {
  body { font-size: 9.5pt; background: #fff; }
  main { max-width: none; padding: 0; }
  h1 { font-size: 14pt; margin-bottom: 0.1rem; } h2 { font-size: 13pt; margin-top: 0; } h3 { font-size: 11pt; margin: 0.9rem 0 0.3rem; }
  header { padding-bottom: 0.35rem; margin-bottom: 0.45rem; border-bottom-width: 2px; }
  .subtitle { font-size: 9pt; }
  dl.document-control.compact { font-size: 7.5pt; margin-bottom: 0.4rem; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  #part-first-page { font-size: 8.6pt; line-height: 1.4; }
  #part-first-page h2 { font-size: 12pt; margin: 0.5rem 0 0.3rem; padding-bottom: 0.1rem; }
  #part-first-page p, #part-first-page ul { margin: 0.3rem 0 0.55rem; }
  #part-first-page li { margin: 0.15rem 0; }
  #part-first-page h3 { margin: 0.5rem 0 0.2rem; font-size: 10.5pt; }
  #part-first-page table { font-size: 7.6pt; }
  #part-first-page table.comparison { font-size: 7.4pt; }
  table.recipients, table.streams, table.break-even, table.capitation-results { font-size: 8pt; }
  table.recipients td:first-child, table.streams td:first-child { min-width: 9em; }
  #part-first-page th, #part-first-page td { padding: 0.2rem 0.3rem; }
  #part-first-page th:first-child, #part-first-page td:first-child { padding-left: 0; }
  #part-first-page th:last-child, #part-first-page td:last-child { padding-right: 0; }
  #part-first-page .table-note { margin: -0.35rem 0 0.5rem; font-size: 7.8pt; }
  #part-first-page .banner { margin: 0.3rem 0 0.6rem; padding: 0.4rem 0.8rem; }
  .part + .part { break-before: page; page-break-before: always; }
  table, figure, tr, .banner, dl.document-control { break-inside: avoid; page-break-inside: avoid; }
  table.waterfall { break-inside: auto; }
  .table-wrap { overflow: visible; }
  table.waterfall td:nth-child(5) { min-width: 0; }
  thead { display: table-header-group; }
  tbody tr:nth-child(even) td, thead th { background: none; }
  figure svg { max-width: 100%; max-height: 95mm; border: none; }
  figcaption { font-size: 8.5pt; }
  footer { margin-top: 1rem; }
  a { color: inherit; text-decoration: none; }
}
`;

/** A string for a CSS `content` value inside a <style> element: no quote, backslash, newline or `<` survives raw. */
function cssString(text: string): string {
    return `"${text.replace(/[\\"<>\n\r]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
}

/** The printed page's margin boxes: the running footer on the left, the page number on the right. */
function pageStyle(document: SummaryDocument): string {
    const left = document.pageFooter ? `@bottom-left { content: ${cssString(document.pageFooter)}; font: 7.5pt system-ui, sans-serif; color: #616e7c; }` : '';
    return `@page { ${left} @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 7.5pt system-ui, sans-serif; color: #616e7c; } }`;
}

function inline(content: readonly Inline[]): string {
    return content.map((part) => (typeof part === 'string' ? escapeHtml(part) : `<strong>${escapeHtml(part.strong)}</strong>`)).join('');
}

function table(block: TableBlock): string {
    const cls = (align: string, extra = '') => {
        const names = [align === 'right' ? 'num' : '', extra].filter((name) => name !== '');
        return names.length > 0 ? ` class="${names.join(' ')}"` : '';
    };
    const row = (cells: TableBlock['rows'][number]) => `<tr>${cells.map((cell, index) =>
        `<td${cls(block.columns[index]?.align ?? 'left', cellTone(cell) ?? '')}>${escapeHtml(cellText(cell))}</td>`).join('')}</tr>`;
    const head = block.columns.map((c) => `<th scope="col"${cls(c.align)}>${escapeHtml(c.header)}</th>`).join('');
    const out = [
        `<div class="table-wrap"><table${block.className ? ` class="${escapeHtml(block.className)}"` : ''}>`,
        block.caption ? `<caption>${escapeHtml(block.caption)}</caption>` : '',
        `<thead><tr>${head}</tr></thead>`,
        `<tbody>\n${block.rows.map(row).join('\n')}\n</tbody>`,
        block.totals && block.totals.length > 0 ? `<tfoot>\n${block.totals.map(row).join('\n')}\n</tfoot>` : '',
        '</table></div>'
    ];
    if (block.note) {
        out.push(`<p class="table-note">${inline(block.note)}</p>`);
    }
    return out.filter((s) => s !== '').join('\n');
}

function render(block: Block, out: string[]): void {
    switch (block.kind) {
        case 'part':
            break;
        case 'heading':
            out.push(`<h${block.level}${block.id ? ` id="${escapeHtml(block.id)}"` : ''}>${escapeHtml(block.text)}</h${block.level}>`);
            break;
        case 'paragraph':
            out.push(`<p>${inline(block.content)}</p>`);
            break;
        case 'list':
            out.push('<ul>', ...block.items.map((item) => `<li>${inline(item)}</li>`), '</ul>');
            break;
        case 'table':
            out.push(table(block));
            break;
        case 'banner':
            out.push(`<div class="banner banner-${block.tone}"${block.tone === 'ok' ? '' : ' role="alert"'}>`, `<p class="banner-title">${escapeHtml(block.title)}</p>`);
            if (block.items.length > 0) {
                out.push('<ul>', ...block.items.map((item) => `<li>${inline(item)}</li>`), '</ul>');
            }
            out.push('</div>');
            break;
        case 'facts':
            out.push(`<dl class="${escapeHtml(block.className ?? 'facts')}">${block.facts.map(([label, value]) => `<div><dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd></div>`).join('')}</dl>`);
            break;
        case 'chart':
            out.push(`<figure class="chart" id="chart-${escapeHtml(block.id)}">`, block.svg.trimEnd(), `<figcaption>${inline(block.caption)}</figcaption>`, '</figure>');
            break;
    }
}

/** Renders a summary document to one self-contained HTML page. */
export function renderHtml(document: SummaryDocument): string {
    const out: string[] = [
        '<!DOCTYPE html>',
        '<html lang="en">',
        '<head>',
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
        '<meta name="generator" content="aco">',
        `<title>${escapeHtml(document.title)} — ${escapeHtml(document.kind)}</title>`,
        `<style>${STYLE}${pageStyle(document)}\n</style>`,
        '</head>',
        '<body>',
        '<main class="summary">'
    ];
    let partOpen = false;
    let headerDone = false;
    const openHeader = () => {
        out.push('<header>', `<h1>${escapeHtml(document.title)}</h1>`);
        if (document.subtitle) {
            out.push(`<p class="subtitle">${escapeHtml(document.subtitle)}</p>`);
        }
        out.push('</header>');
        headerDone = true;
    };
    for (const block of document.blocks) {
        if (block.kind === 'part') {
            if (partOpen) {
                out.push('</div>');
            }
            out.push(`<div class="part" id="part-${escapeHtml(block.id)}">`);
            partOpen = true;
            if (!headerDone) {
                openHeader();
            }
            continue;
        }
        if (!headerDone) {
            openHeader();
        }
        render(block, out);
    }
    if (!headerDone) {
        openHeader();
    }
    if (partOpen) {
        out.push('</div>');
    }
    out.push(`<footer>${escapeHtml(document.footer)}</footer>`, '</main>', '</body>', '</html>', '');
    return out.join('\n');
}
