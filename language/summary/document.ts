/**
 * The summary as a format-neutral document: headings, paragraphs, lists, tables and charts whose
 * text is plain (unescaped) strings. `summary-content.ts` builds it from the model and the
 * settlements; `markdown.ts` and `html.ts` render it, each escaping every string for its format.
 * One content builder, two renderers: the Markdown and HTML summaries cannot say different things.
 */

/** A run of text; `strong` runs are emphasised (a key figure). */
export type Inline = string | { strong: string };

export type Align = 'left' | 'right';

export interface TableColumn {
    header: string;
    align: Align;
}

export interface ChartBlock {
    kind: 'chart';
    /** Stable name: `payout` or `monte-carlo`; Markdown files are named after it. */
    id: string;
    /** Alternative text and figure title. */
    title: string;
    /** A complete, standalone SVG document (escaped by its builder). */
    svg: string;
    caption: Inline[];
}

export type Block =
    | { kind: 'heading'; level: 2 | 3; text: string; id?: string }
    | { kind: 'paragraph'; content: Inline[] }
    | { kind: 'list'; items: Inline[][] }
    | { kind: 'table'; caption?: string; columns: TableColumn[]; rows: string[][]; className?: string }
    | ChartBlock;

export interface SummaryDocument {
    title: string;
    /** One line under the title: the parties and the term. */
    subtitle?: string;
    blocks: Block[];
}

/** Plain text of a run of inlines (for alt text and tests). */
export function plainText(content: readonly Inline[]): string {
    return content.map((part) => (typeof part === 'string' ? part : part.strong)).join('');
}
