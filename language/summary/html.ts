/**
 * The summary as one self-contained HTML file: inline CSS, inline SVG charts, no scripts, no
 * network (a Content-Security-Policy says so to the browser), and print rules so it prints
 * cleanly on A4 and Letter: the page size is left to the printer (`@page { size: auto }`),
 * nothing is wider than the page, and tables, figures and headings avoid page breaks inside.
 * All user text is escaped (escape.ts).
 */
import type { Block, Inline, SummaryDocument } from './document.js';
import { escapeHtml } from './escape.js';

const STYLE = `
:root {
  --ink: #1f2933; --muted: #616e7c; --rule: #d9dee3; --rule-strong: #9aa5b1;
  --band: #f5f7fa; --accent: #1f5fa8; --gain: #1e7b4f; --loss: #b42318;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; color: var(--ink); background: #fff;
  font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
main { max-width: 62rem; margin: 0 auto; padding: 2.5rem 1.5rem 3rem; }
header { border-bottom: 3px solid var(--accent); padding-bottom: 0.9rem; margin-bottom: 1.6rem; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 0 0 0.35rem; letter-spacing: -0.01em; }
.subtitle { margin: 0; color: var(--muted); font-size: 0.98rem; }
h2 { font-size: 1.3rem; margin: 2.2rem 0 0.7rem; padding-bottom: 0.25rem; border-bottom: 1px solid var(--rule); }
h3 { font-size: 1.08rem; margin: 1.7rem 0 0.5rem; }
p { margin: 0.5rem 0 0.9rem; max-width: 52rem; }
ul { margin: 0.4rem 0 1rem; padding-left: 1.3rem; max-width: 52rem; }
li { margin: 0.3rem 0; }
strong { font-weight: 650; }
.table-wrap { overflow-x: auto; margin: 0.6rem 0 1.2rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.88rem; font-variant-numeric: tabular-nums; }
caption { caption-side: top; text-align: left; font-weight: 600; color: var(--muted); font-size: 0.82rem;
  text-transform: uppercase; letter-spacing: 0.04em; padding: 0 0 0.35rem; }
th, td { padding: 0.38rem 0.6rem; border-bottom: 1px solid var(--rule); vertical-align: top; text-align: left; }
thead th { border-bottom: 2px solid var(--rule-strong); font-weight: 600; background: var(--band); }
tbody tr:nth-child(even) td { background: #fafbfc; }
th.num, td.num { text-align: right; }
td.num { white-space: nowrap; }
table.break-even td.num { white-space: normal; }
table.waterfall { font-size: 0.8rem; }
table.waterfall td:nth-child(5) { min-width: 18rem; color: #323f4b; }
table.distribution, table.monte-carlo, table.expectations, table.capitation-results { width: auto; min-width: 55%; }
table.distribution tr:last-child td { font-weight: 600; }
table.distribution tr:last-child td { border-top: 2px solid var(--rule-strong); }
td.pass { color: var(--gain); font-weight: 600; }
td.fail { color: var(--loss); font-weight: 600; }
figure { margin: 1rem 0 1.6rem; }
figure svg { display: block; width: 100%; max-width: 720px; height: auto; border: 1px solid var(--rule); border-radius: 4px; }
figcaption { color: var(--muted); font-size: 0.85rem; margin-top: 0.45rem; max-width: 720px; }
footer { margin-top: 2.5rem; padding-top: 0.8rem; border-top: 1px solid var(--rule); color: var(--muted); font-size: 0.82rem; }
@page { size: auto; margin: 16mm 14mm; }
@media print {
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  table, figure, tr { break-inside: avoid; page-break-inside: avoid; }
  .table-wrap { overflow: visible; }
  table.waterfall td:nth-child(5) { min-width: 0; }
  thead { display: table-header-group; }
  tbody tr:nth-child(even) td, thead th { background: none; }
  figure svg { max-width: 100%; border: none; }
  a { color: inherit; text-decoration: none; }
}
`;

function inline(content: readonly Inline[]): string {
    return content.map((part) => (typeof part === 'string' ? escapeHtml(part) : `<strong>${escapeHtml(part.strong)}</strong>`)).join('');
}

function table(block: Extract<Block, { kind: 'table' }>): string {
    const cls = (align: string, extra = '') => {
        const names = [align === 'right' ? 'num' : '', extra].filter((n) => n !== '');
        return names.length > 0 ? ` class="${names.join(' ')}"` : '';
    };
    const head = block.columns.map((c) => `<th scope="col"${cls(c.align)}>${escapeHtml(c.header)}</th>`).join('');
    const body = block.rows.map((row) => {
        const cells = row.map((text, index) => {
            const column = block.columns[index];
            const result = block.className === 'expectations' && index === 3 ? (text === 'passes' ? 'pass' : 'fail') : '';
            return `<td${cls(column?.align ?? 'left', result)}>${escapeHtml(text)}</td>`;
        });
        return `<tr>${cells.join('')}</tr>`;
    });
    return [
        `<div class="table-wrap"><table${block.className ? ` class="${escapeHtml(block.className)}"` : ''}>`,
        block.caption ? `<caption>${escapeHtml(block.caption)}</caption>` : '',
        `<thead><tr>${head}</tr></thead>`,
        `<tbody>\n${body.join('\n')}\n</tbody>`,
        '</table></div>'
    ].filter((s) => s !== '').join('\n');
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
        '<meta name="generator" content="aco summary">',
        `<title>${escapeHtml(document.title)} — contract summary</title>`,
        `<style>${STYLE}</style>`,
        '</head>',
        '<body>',
        '<main class="summary">',
        '<header>',
        `<h1>${escapeHtml(document.title)}</h1>`
    ];
    if (document.subtitle) {
        out.push(`<p class="subtitle">${escapeHtml(document.subtitle)}</p>`);
    }
    out.push('</header>');
    let sectionOpen = false;
    for (const block of document.blocks) {
        switch (block.kind) {
            case 'heading':
                if (block.level === 2) {
                    if (sectionOpen) {
                        out.push('</section>');
                    }
                    out.push(`<section${block.id ? ` id="${escapeHtml(block.id)}"` : ''}>`);
                    sectionOpen = true;
                    out.push(`<h2>${escapeHtml(block.text)}</h2>`);
                } else {
                    out.push(`<h3${block.id ? ` id="${escapeHtml(block.id)}"` : ''}>${escapeHtml(block.text)}</h3>`);
                }
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
            case 'chart':
                out.push(`<figure class="chart" id="chart-${escapeHtml(block.id)}">`, block.svg.trimEnd(), `<figcaption>${inline(block.caption)}</figcaption>`, '</figure>');
                break;
        }
    }
    if (sectionOpen) {
        out.push('</section>');
    }
    out.push(
        '<footer>Generated by <code>aco summary</code> from the contract text: every figure is the settlement engine\'s.</footer>',
        '</main>',
        '</body>',
        '</html>',
        ''
    );
    return out.join('\n');
}
