/**
 * What a diagnostic carries beyond its message: related locations (the other parts of a sum that
 * does not add up) and the edits of the quick fixes it proposes. Validation knows the nodes and so
 * the ranges; code-actions.ts only applies what a diagnostic carries.
 */
import { AstUtils, GrammarUtils, type AstNode } from 'langium';
import type { DiagnosticRelatedInformation, Range } from 'vscode-languageserver-types';

/** One text edit of a proposed fix. */
export interface ProposedEdit {
    range: Range;
    newText: string;
}

/** A quick fix a diagnostic proposes: its title and edits. The first of a list is preferred. */
export interface ProposedFix {
    title: string;
    edits: ProposedEdit[];
}

/** The `data` of a diagnostic that proposes fixes. */
export interface FixData {
    code: string;
    fixes?: ProposedFix[];
    /** The figure that replaces the diagnostic's range (failed `expect`, syntax errors, year numbers). */
    replacement?: string;
}

/** The range of a node's property, a keyword of it, or the whole node. */
export function rangeOf(node: AstNode, property?: string, keyword?: string): Range | undefined {
    const cst = property !== undefined ? GrammarUtils.findNodeForProperty(node.$cstNode, property)
        : keyword !== undefined ? GrammarUtils.findNodeForKeyword(node.$cstNode, keyword) : node.$cstNode;
    return cst?.range;
}

/** From where `property` starts to the end of the node: the unit words of `$1,050.00 per member per month`. */
export function rangeFrom(node: AstNode, property: string): Range | undefined {
    const start = GrammarUtils.findNodeForProperty(node.$cstNode, property)?.range.start;
    const end = node.$cstNode?.range.end;
    return start && end ? { start, end } : undefined;
}

/** A fix that replaces one range. */
export function replaceFix(title: string, range: Range | undefined, newText: string): ProposedFix[] {
    return range ? [{ title, edits: [{ range, newText }] }] : [];
}

/** A related location: another part of the same sum, named in `message`. */
export function related(node: AstNode, message: string, property?: string): DiagnosticRelatedInformation | undefined {
    const range = rangeOf(node, property);
    if (!range) {
        return undefined;
    }
    return { location: { uri: AstUtils.getDocument(node).uri.toString(), range }, message };
}

/** At most this many related locations per diagnostic: a sum over thousands of providers stays readable (and linear). */
export const RELATED_LIMIT = 20;

/** The related locations that exist (a node without text has none), the first `RELATED_LIMIT` of them. */
export function relatedAll(items: ReadonlyArray<DiagnosticRelatedInformation | undefined>): DiagnosticRelatedInformation[] {
    return items.filter((item): item is DiagnosticRelatedInformation => item !== undefined).slice(0, RELATED_LIMIT);
}
