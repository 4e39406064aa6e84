/**
 * `aco test --update`: writes the computed figure into every failing `expect` line, leaving the
 * rest of the file byte for byte as it was. The editor's quick fix uses the same edits.
 */
import { AstUtils, GrammarUtils, type LangiumDocument } from 'langium';
import * as ast from '../generated/ast.js';
import type { ContractAnalysis } from '../analysis/contract-analysis.js';
import { settledMoney } from '../format.js';

export interface TextEdit {
    offset: number;
    length: number;
    text: string;
    line: number;
}

/** The edits that make every failing expectation of a document pass. */
export function expectationEdits(document: LangiumDocument, analysis: ContractAnalysis): TextEdit[] {
    const edits: TextEdit[] = [];
    const { model } = analysis;
    const root = document.parseResult.value;
    if (!ast.isContract(root)) {
        return edits;
    }
    const expectLines = AstUtils.streamAllContents(root)
        .filter((n): n is ast.ExpectEarnedLine | ast.ExpectProviderLine => ast.isExpectEarnedLine(n) || ast.isExpectProviderLine(n))
        .toArray();
    for (const settlement of analysis.settlements) {
        for (const result of settlement?.expectations ?? []) {
            if (result.passed) {
                continue;
            }
            const node = expectLines.find(n => (n.$cstNode?.range.start.line ?? -1) + 1 === result.line);
            const amount = GrammarUtils.findNodeForProperty(node?.$cstNode, 'amount');
            if (!amount) {
                continue;
            }
            const text = settledMoney(result.actual, model);
            edits.push({ offset: amount.offset, length: amount.length, text, line: result.line });
        }
    }
    return edits;
}

/** Applies edits (non-overlapping) to a text, from the end so earlier offsets stay valid. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
    let result = text;
    for (const edit of [...edits].sort((a, b) => b.offset - a.offset)) {
        result = result.slice(0, edit.offset) + edit.text + result.slice(edit.offset + edit.length);
    }
    return result;
}
