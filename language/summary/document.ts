/**
 * The summary as a format-neutral document: parts, headings, paragraphs, lists, tables, banners,
 * facts and charts whose text is plain (unescaped) strings. `summary-content.ts` (and the diff's
 * `diff-document.ts`) build it; `markdown.ts` and `html.ts` render it, each escaping every string
 * for its format. One content builder, two renderers: the Markdown and HTML cannot say different
 * things.
 */

/** A run of text; `strong` runs are emphasised (a key figure). */
export type Inline = string | { strong: string };

export type Align = 'left' | 'right';

export interface TableColumn {
    header: string;
    align: Align;
}

/** How a figure reads at a glance: a gain, a loss, a failed check. Colour in HTML, a word in Markdown is already in the text. */
export type Tone = 'gain' | 'loss' | 'pass' | 'fail' | 'muted';

/** A table cell: its text, and optionally a tone. */
export type Cell = string | { text: string; tone: Tone };

export interface TableBlock {
    kind: 'table';
    caption?: string;
    columns: TableColumn[];
    rows: Cell[][];
    /** Closing rows (totals), set apart from the body. */
    totals?: Cell[][];
    /** A note printed under the table. */
    note?: Inline[];
    className?: string;
}

export interface ChartBlock {
    kind: 'chart';
    /** Stable name (`payout`, `quality`, `monte-carlo`, `term`); Markdown chart files are named after it. */
    id: string;
    /** Alternative text and figure title. */
    title: string;
    /** A complete, standalone SVG document (escaped by its builder). */
    svg: string;
    caption: Inline[];
}

/** What must be seen before anything else: failed expectations, warnings, errors, or that all is well. */
export interface BannerBlock {
    kind: 'banner';
    tone: 'error' | 'warning' | 'ok';
    title: string;
    items: Inline[][];
}

/** Label and value pairs: the document control (file, hash, date, version). */
export interface FactsBlock {
    kind: 'facts';
    facts: Array<[string, string]>;
    className?: string;
}

/**
 * The start of a part of the document. `first-page` stands alone on the first printed page;
 * each later part starts on a new page in print.
 */
export interface PartBlock {
    kind: 'part';
    id: 'first-page' | 'terms' | 'charts' | 'sign-off' | 'appendix' | string;
}

export type Block =
    | PartBlock
    | { kind: 'heading'; level: 2 | 3; text: string; id?: string }
    | { kind: 'paragraph'; content: Inline[] }
    | { kind: 'list'; items: Inline[][] }
    | TableBlock
    | BannerBlock
    | FactsBlock
    | ChartBlock;

export interface SummaryDocument {
    /** What the document is, after the title in the page title: `contract summary`, `amendment`. */
    kind: string;
    title: string;
    /** One line under the title: the parties and the term. */
    subtitle?: string;
    blocks: Block[];
    /** The closing line: where the figures come from and what they leave out. */
    footer: string;
    /**
     * Running text for the printed page's margin (the contract's hash and date), so every page of
     * a signed copy names the contract it describes.
     */
    pageFooter?: string;
}

/** Plain text of a run of inlines (for alt text and tests). */
export function plainText(content: readonly Inline[]): string {
    return content.map((part) => (typeof part === 'string' ? part : part.strong)).join('');
}

export function cellText(cell: Cell): string {
    return typeof cell === 'string' ? cell : cell.text;
}

export function cellTone(cell: Cell): Tone | undefined {
    return typeof cell === 'string' ? undefined : cell.tone;
}
