/**
 * Quick fixes for the diagnostics with an obvious mend: rebalance measure weights to 100%, swap a
 * threshold and its target, add a missing loss cap, write the computed figure into a failing
 * `expect`, declare an unknown provider or measure, add a missing benchmark or distribution key,
 * and use the contract's currency symbol.
 */
import { AstUtils, CstUtils, GrammarUtils, type AstNode, type LangiumDocument } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver';
import { Dec } from '../decimal.js';
import * as ast from '../generated/ast.js';
import { IssueCodes } from '../validation/issue-codes.js';

type Fix = (diagnostic: Diagnostic, node: AstNode, document: LangiumDocument) => CodeAction[];

export class AcoCodeActionProvider implements CodeActionProvider {
    private readonly fixes: Record<string, Fix> = {
        [IssueCodes.WeightsSum]: rebalanceWeights,
        [IssueCodes.ThresholdSide]: swapThresholdAndTarget,
        [IssueCodes.MissingLossCap]: addLossCap,
        [IssueCodes.ExpectationFailed]: useComputedFigure,
        [IssueCodes.UnknownProvider]: declareProvider,
        [IssueCodes.UnknownMeasure]: declareMeasure,
        [IssueCodes.MissingBenchmark]: addBenchmark,
        [IssueCodes.MissingDistributionKey]: addDistributionKey,
        [IssueCodes.CurrencyMismatch]: useCurrencySymbol
    };

    getCodeActions(document: LangiumDocument, params: CodeActionParams): CodeAction[] {
        const root = document.parseResult.value.$cstNode;
        if (!root) {
            return [];
        }
        const actions: CodeAction[] = [];
        for (const diagnostic of params.context.diagnostics) {
            const fix = this.fixes[String(diagnostic.code)];
            const leaf = CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(diagnostic.range.start));
            if (fix && leaf) {
                actions.push(...fix(diagnostic, leaf.astNode, document));
            }
        }
        return actions;
    }
}

function action(title: string, diagnostic: Diagnostic, document: LangiumDocument, edits: TextEdit[], preferred = true): CodeAction {
    return {
        title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: preferred,
        edit: { changes: { [document.textDocument.uri]: edits } }
    };
}

function rangeOf(document: LangiumDocument, offset: number, length: number): Range {
    return { start: document.textDocument.positionAt(offset), end: document.textDocument.positionAt(offset + length) };
}

/** The indentation of the line a node starts on. */
function indentOf(document: LangiumDocument, node: AstNode): string {
    const line = node.$cstNode?.range.start.line ?? 0;
    const text = document.textDocument.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
    return /^\s*/.exec(text)?.[0].replace(/[\r\n]/g, '') ?? '';
}

/** An edit that adds a line at the end of a block, just before its closing `}`. */
function appendToBlock(document: LangiumDocument, block: AstNode, line: string): TextEdit | undefined {
    const close = GrammarUtils.findNodesForKeyword(block.$cstNode, '}').at(-1);
    if (!close) {
        return undefined;
    }
    const indent = indentOf(document, block);
    const before = document.textDocument.getText({ start: { line: close.range.start.line, character: 0 }, end: close.range.start });
    const closeOnOwnLine = before.trim() === '';
    const position = closeOnOwnLine ? { line: close.range.start.line, character: 0 } : close.range.start;
    const text = closeOnOwnLine ? `${indent}    ${line}\n` : ` ${line} `;
    return { range: { start: position, end: position }, newText: text };
}

/** Adds a whole section at the end of the contract. */
function appendSection(contract: ast.Contract, section: string): TextEdit | undefined {
    const close = GrammarUtils.findNodesForKeyword(contract.$cstNode, '}').at(-1);
    if (!close) {
        return undefined;
    }
    const indented = section.split('\n').map(l => `    ${l}`).join('\n');
    const position = { line: close.range.start.line, character: 0 };
    return { range: { start: position, end: position }, newText: `\n${indented}\n` };
}

const rebalanceWeights: Fix = (diagnostic, node, document) => {
    const quality = AstUtils.getContainerOfType(node, ast.isQuality);
    const weights = quality?.lines.filter(ast.isMeasure).map(m => m.lines.find(ast.isWeightLine));
    if (!quality || !weights || weights.length === 0) {
        return [];
    }
    const present = weights.filter((w): w is ast.WeightLine => w?.rate !== undefined);
    const edits = (values: Dec[]): TextEdit[] => present.map((line, i) => {
        const token = GrammarUtils.findNodeForProperty(line.$cstNode, 'rate')!;
        return { range: rangeOf(document, token.offset, token.length), newText: `${values[i].toFixed()}%` };
    });
    if (present.length !== weights.length) {
        return [];
    }
    const n = present.length;
    const sum = present.reduce((total, w) => total.plus(w.rate), new Dec(0));
    // Keep the proportions the author chose, scaled to 100% in hundredths of a percent (equal
    // weights when every weight is zero); the last measure takes what rounding leaves.
    const shares = present.map(w => sum.isZero() ? new Dec(1).dividedBy(n) : new Dec(w.rate).dividedBy(sum));
    const values = shares.map(share => share.times(100).toDecimalPlaces(2, Dec.ROUND_DOWN));
    values[n - 1] = new Dec(100).minus(values.slice(0, -1).reduce((total, v) => total.plus(v), new Dec(0)));
    return [action('Rebalance weights to 100%', diagnostic, document, edits(values))];
};

const swapThresholdAndTarget: Fix = (diagnostic, node, document) => {
    const measure = AstUtils.getContainerOfType(node, ast.isMeasure);
    const threshold = measure?.lines.find(ast.isThresholdLine);
    const target = measure?.lines.find(ast.isTargetLine);
    const t = GrammarUtils.findNodeForProperty(threshold?.$cstNode, 'rate');
    const g = GrammarUtils.findNodeForProperty(target?.$cstNode, 'rate');
    if (!t || !g) {
        return [];
    }
    return [action('Swap threshold and target', diagnostic, document, [
        { range: rangeOf(document, t.offset, t.length), newText: g.text },
        { range: rangeOf(document, g.offset, g.length), newText: t.text }
    ])];
};

const addLossCap: Fix = (diagnostic, node, document) => {
    const contract = AstUtils.getContainerOfType(node, ast.isContract);
    if (!contract) {
        return [];
    }
    const losses = contract.sections.find(ast.isSharedLosses);
    const savingsCap = contract.sections.find(ast.isSharedSavings)?.lines.find(l => ast.isCapLine(l) && l.base === 'benchmark') as ast.CapLine | undefined;
    const rate = savingsCap ? `${new Dec(savingsCap.rate).times(100).toFixed()}%` : '15%';
    const edit = losses ? appendToBlock(document, losses, `cap ${rate} of benchmark`)
        : appendSection(contract, `shared losses {\n    cap ${rate} of benchmark\n}`);
    return edit ? [action(`Cap shared losses at ${rate} of the benchmark`, diagnostic, document, [edit])] : [];
};

const useComputedFigure: Fix = (diagnostic, _node, document) => {
    const replacement = (diagnostic.data as { replacement?: string } | undefined)?.replacement;
    if (!replacement) {
        return [];
    }
    return [action(`Expect ${replacement} (the computed figure)`, diagnostic, document, [{ range: diagnostic.range, newText: replacement }])];
};

function referencedName(document: LangiumDocument, diagnostic: Diagnostic): string {
    return document.textDocument.getText(diagnostic.range);
}

/**
 * Declares an unknown ID where such IDs live: `what` names the kind, `section` finds (or names)
 * its section, and `body` is the declaration's lines.
 */
function declareId(what: 'provider' | 'measure', sectionKeyword: string, findSection: (contract: ast.Contract) => AstNode | undefined, body: string): Fix {
    return (diagnostic, node, document) => {
        const contract = AstUtils.getContainerOfType(node, ast.isContract);
        const id = referencedName(document, diagnostic);
        if (!contract || !/^[_a-zA-Z]\w*$/.test(id)) {
            return [];
        }
        const section = findSection(contract);
        const declaration = `${what} ${id} "${id}" {\n${body}\n}`;
        const edit = section
            ? appendToBlock(document, section, declaration.replace(/\n/g, `\n${indentOf(document, section)}    `))
            : appendSection(contract, `${sectionKeyword} {\n    ${declaration.replace(/\n/g, '\n    ')}\n}`);
        return edit ? [action(`Declare ${what} ${id}`, diagnostic, document, [edit])] : [];
    };
}

const declareProvider = declareId('provider', 'providers', contract => contract.sections.find(ast.isProviders), '    role other');
const declareMeasure = declareId('measure', 'quality', contract => contract.sections.find(ast.isQuality), '    target 80%\n    weight 0%');

const addBenchmark: Fix = (diagnostic, node, document) => {
    const contract = AstUtils.getContainerOfType(node, ast.isContract);
    if (!contract) {
        return [];
    }
    const population = contract.sections.find(ast.isPopulation);
    const line = 'benchmark $1,000.00 per member per month';
    const edit = population ? appendToBlock(document, population, line) : appendSection(contract, `population {\n    ${line}\n}`);
    return edit ? [action('Add a benchmark line to fill in', diagnostic, document, [edit])] : [];
};

const addDistributionKey: Fix = (diagnostic, node, document) => {
    const distribution = AstUtils.getContainerOfType(node, ast.isDistribution);
    const edit = distribution && appendToBlock(document, distribution, 'remainder by attributed lives');
    return edit ? [action('Split the remainder by attributed lives', diagnostic, document, [edit])] : [];
};

const useCurrencySymbol: Fix = (diagnostic, _node, document) => {
    const symbol = (diagnostic.data as { symbol?: string } | undefined)?.symbol;
    const text = document.textDocument.getText(diagnostic.range);
    if (!symbol) {
        return [];
    }
    return [action(`Write ${text.replace(/[$£€]/, symbol)}`, diagnostic, document, [{ range: diagnostic.range, newText: text.replace(/[$£€]/, symbol) }])];
};
