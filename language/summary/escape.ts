/**
 * Escaping of user text (contract, party, provider, measure and scenario names, and the engine's
 * explanations that quote them) for the summaries. Everything a contract author typed renders as
 * text: `<script>` shows as `<script>`, never as markup, in HTML, in SVG and in Markdown.
 */

const HTML_ENTITIES: Readonly<Record<string, string>> = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    "'": '&#39;'
};

/** Text for HTML and SVG (XML) content and attribute values. */
export function escapeHtml(text: string): string {
    return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);
}

/**
 * Inline text for Markdown (CommonMark and GitHub Flavored Markdown, including GitHub's `$…$`
 * math and tables): ASCII punctuation that could start markup is backslash-escaped, angle brackets
 * become entities so no HTML tag can form, an `&` that would start an entity is escaped, and line
 * breaks become spaces so the text stays inside its paragraph or table cell. The renderers never
 * start a line with user text, so line-start markup (`-`, `+`, `1.`) needs no escape.
 */
export function escapeMarkdown(text: string): string {
    return text
        .replace(/\r\n?|\n/g, ' ')
        .replace(/[\\`*_[\]#|~$]/g, (c) => `\\${c}`)
        .replace(/&(?=#?[A-Za-z0-9]+;)/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;');
}
