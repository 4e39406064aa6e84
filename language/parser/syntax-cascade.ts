/**
 * One mistake, reported once. After a syntax error the parser recovers by guessing where a
 * block ended, and what follows is read against that guess: a stray `}` closes the measure, then
 * the quality section, then the contract ("Unexpected 'measure' after the end of the contract"),
 * and the checks that read the cut section report what the guess lost (a bogus "weights sum to
 * 25%", "needs a target"). So, while a contract has syntax errors:
 *   - a section (the one a syntax error is in, or for an error between sections the one before
 *     it) reports its first syntax error only; each lexer error is its own mistake, and mistakes
 *     in different sections are each reported;
 *   - what comes after the end of the contract is not reported once an error came before it;
 *   - no check is reported from a section with a syntax error, nor an unknown ID whose section
 *     has one, nor a whole-contract check (on the contract's name): those were not read as written.
 */
import type { AstNode, LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver';
import type { AcoServices } from '../aco-module.js';
import * as ast from '../generated/ast.js';
import { AcoDocumentValidator } from '../validation/document-validator.js';
import { IssueCodes } from '../validation/issue-codes.js';

export function withoutCascades(document: LangiumDocument, diagnostics: Diagnostic[]): Diagnostic[] {
    const text = document.textDocument;
    const at = (d: Diagnostic) => text.offsetAt(d.range.start);
    // Syntax errors carry the `syntax-error` code; the lexer's are where it reported them.
    const lexerOffsets = new Set(document.parseResult.lexerErrors.map(e => e.offset));
    const kindOf = (d: Diagnostic): 'lexing' | 'parsing' | 'check' => d.code !== IssueCodes.SyntaxError ? 'check' : lexerOffsets.has(at(d)) ? 'lexing' : 'parsing';
    const syntax = diagnostics.filter(d => kindOf(d) !== 'check').sort((a, b) => at(a) - at(b));
    if (syntax.length === 0) {
        return diagnostics;
    }
    const root = document.parseResult.value;
    const sections: readonly AstNode[] = ast.isContract(root) ? root.sections : [];
    const end = root.$cstNode?.end ?? Infinity;
    /** The section an offset is in, or the last one before it (-1: before every section). */
    const owner = (offset: number): number => {
        for (let index = sections.length - 1; index >= 0; index--) {
            if ((sections[index].$cstNode?.offset ?? Infinity) <= offset) {
                return index;
            }
        }
        return -1;
    };
    const damaged = new Set<number>();
    const kept: Diagnostic[] = [];
    const lexingLines = new Set(syntax.filter(d => kindOf(d) === 'lexing').map(d => d.range.start.line));
    for (const diagnostic of syntax) {
        const offset = at(diagnostic);
        const section = owner(offset);
        if (offset >= end) {
            // After the contract closed: a consequence of an earlier mistake, if there was one.
            if (kept.length === 0) {
                kept.push(diagnostic);
            }
            continue;
        }
        const first = !damaged.has(section);
        damaged.add(section);
        if (kindOf(diagnostic) === 'lexing' || (first && !lexingLines.has(diagnostic.range.start.line))) {
            kept.push(diagnostic);
        }
    }
    const cut = (guard: (node: AstNode) => boolean) => sections.some((s, index) => guard(s) && damaged.has(index));
    const providersCut = cut(ast.isProviders);
    const qualityCut = cut(ast.isQuality);
    const header = ast.isContract(root) ? root.$cstNode?.range.start.line : undefined;
    const checks = diagnostics.filter(d => kindOf(d) === 'check').filter(d => {
        const offset = at(d);
        if (offset >= end || damaged.has(owner(offset)) || d.range.start.line === header) {
            return false;
        }
        if (d.code === IssueCodes.UnknownProvider) {
            return !providersCut;
        }
        if (d.code === IssueCodes.UnknownMeasure) {
            return !qualityCut;
        }
        return true;
    });
    return [...kept, ...checks].sort((a, b) => at(a) - at(b));
}

/** The document validator with cascades suppressed. */
export class CascadeFreeDocumentValidator extends AcoDocumentValidator {
    constructor(services: AcoServices) {
        super(services);
    }

    override async validateDocument(...args: Parameters<AcoDocumentValidator['validateDocument']>): Promise<Diagnostic[]> {
        const [document] = args;
        return withoutCascades(document, await super.validateDocument(...args));
    }
}
