/**
 * Contract text (provider, measure, scenario and contract names) shown in Markdown surfaces
 * (hover, the explanation preview). A name is the author's text, not Markdown: rendered as a code
 * span it can never become a link, an image (a tracking pixel) or HTML, whatever it contains.
 */

/** `text` as one inline code span; safe in a table cell too (`|` escaped, line breaks flattened). */
export function codeSpan(text: string): string {
    const flat = text.replace(/[\r\n]+/g, ' ');
    // A fence one backtick longer than the longest run inside, padded when the text touches it.
    const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map(run => run.length));
    const fence = '`'.repeat(longest + 1);
    const pad = flat.startsWith('`') || flat.endsWith('`') || flat === '' ? ' ' : '';
    return `${fence}${pad}${flat.replace(/\|/g, '\\|')}${pad}${fence}`;
}

/**
 * Plain text (an explanation sentence) as Markdown that renders as written: the characters that
 * open emphasis, code, links, images, HTML or table cells are escaped, and so are the `://`, `www.`
 * and `@` that would turn a web or mail address into a link. Money and percents are untouched.
 */
export function escapeMarkdown(text: string): string {
    return text
        .replace(/[\\`*_{}[\]<>|~!#&@]/g, c => `\\${c}`)
        .replace(/:\/\//g, '\\://')
        .replace(/\bwww\./gi, w => `${w.slice(0, 3)}\\.`)
        .replace(/[\r\n]+/g, ' ');
}
