/**
 * A summary document as GitHub Flavored Markdown (renders on any Git host): headings, paragraphs,
 * lists, pipe tables with aligned number columns and bold totals, the banner as an alert block
 * (`> [!CAUTION]`, a plain quote where alerts are not supported), parts separated by rules, and
 * the charts as SVG images, either files written beside the Markdown (`{ name, content }` for the
 * caller to write) or data URIs when there is no file to write beside (printing to stdout). All
 * user text is escaped (escape.ts).
 */
import type { Block, Inline, SummaryDocument, TableBlock } from './document.js';
import { cellText, cellTone, plainText } from './document.js';
import { escapeMarkdown } from './escape.js';

export interface SummaryFile {
    /** A file name (no directory), to be written beside the Markdown file. */
    name: string;
    content: string;
}

export interface MarkdownSummary {
    markdown: string;
    /** Chart files the Markdown refers to (empty with `inlineCharts`). */
    files: SummaryFile[];
}

export interface MarkdownOptions {
    /**
     * Prefix of chart file names: `{chartBaseName}-payout.svg`. Default `summary`; the command
     * passes the output file's name without its extension.
     */
    chartBaseName?: string;
    /** Embed charts as `data:image/svg+xml;base64,…` images instead of separate files. */
    inlineCharts?: boolean;
}

function inline(content: readonly Inline[]): string {
    return content.map((part) => (typeof part === 'string' ? escapeMarkdown(part) : `**${escapeMarkdown(part.strong)}**`)).join('');
}

/** UTF-8 text as base64 (portable: no Node `Buffer`). */
function base64(text: string): string {
    const bytes = new TextEncoder().encode(text);
    let binary = '';
    for (let index = 0; index < bytes.length; index += 0x8000) {
        binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
    }
    return btoa(binary);
}

/** A file name fragment safe on every file system: letters, digits, `-`, `_`, `.`. */
export function safeFileName(name: string): string {
    const safe = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '');
    return safe || 'summary';
}

function table(block: TableBlock): string[] {
    const lines: string[] = [];
    if (block.caption) {
        lines.push(`*${escapeMarkdown(block.caption)}*`, '');
    }
    const cell = (text: string, bold = false) => (text === '' ? ' ' : bold ? `**${escapeMarkdown(text)}**` : escapeMarkdown(text));
    lines.push(`| ${block.columns.map((c) => cell(c.header)).join(' | ')} |`);
    lines.push(`| ${block.columns.map((c) => (c.align === 'right' ? '---:' : ':---')).join(' | ')} |`);
    for (const row of block.rows) {
        lines.push(`| ${row.map((c) => cell(cellText(c), cellTone(c) === 'fail')).join(' | ')} |`);
    }
    for (const row of block.totals ?? []) {
        lines.push(`| ${row.map((c) => cell(cellText(c), true)).join(' | ')} |`);
    }
    if (block.note) {
        lines.push('', `*${inline(block.note)}*`);
    }
    return lines;
}

const ALERTS = { error: 'CAUTION', warning: 'WARNING', ok: 'NOTE' } as const;

/** Renders a summary document to Markdown, with its chart files. */
export function renderMarkdown(document: SummaryDocument, options: MarkdownOptions = {}): MarkdownSummary {
    const base = safeFileName(options.chartBaseName ?? 'summary');
    const files: SummaryFile[] = [];
    const out: string[] = [`# ${escapeMarkdown(document.title)}`, ''];
    if (document.subtitle) {
        out.push(`*${escapeMarkdown(document.subtitle)}*`, '');
    }
    let parts = 0;
    for (const block of document.blocks) {
        render(block);
    }
    out.push('---', '', `*${escapeMarkdown(document.footer)}*`, '');
    return { markdown: out.join('\n'), files };

    function render(block: Block): void {
        switch (block.kind) {
            case 'part':
                if (parts++ > 0) {
                    out.push('---', '');
                }
                break;
            case 'heading':
                out.push(`${'#'.repeat(block.level)} ${escapeMarkdown(block.text)}`, '');
                break;
            case 'paragraph':
                out.push(inline(block.content), '');
                break;
            case 'list':
                out.push(...block.items.map((item) => `- ${inline(item)}`), '');
                break;
            case 'table':
                out.push(...table(block), '');
                break;
            case 'banner':
                out.push(`> [!${ALERTS[block.tone]}]`, `> **${escapeMarkdown(block.title)}**`);
                if (block.items.length > 0) {
                    out.push('>', ...block.items.map((item) => `> - ${inline(item)}`));
                }
                out.push('');
                break;
            case 'facts':
                out.push(block.facts.map(([label, value]) => `**${escapeMarkdown(label)}:** ${escapeMarkdown(value)}`).join(' · '), '');
                break;
            case 'chart': {
                let target: string;
                if (options.inlineCharts) {
                    target = `data:image/svg+xml;base64,${base64(block.svg)}`;
                } else {
                    target = `${base}-${block.id}.svg`;
                    files.push({ name: target, content: block.svg });
                }
                out.push(`![${escapeMarkdown(block.title)}](${target})`, '');
                out.push(`*${escapeMarkdown(plainText(block.caption))}*`, '');
                break;
            }
        }
    }
}
