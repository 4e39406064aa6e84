/**
 * Quick fixes for the diagnostics with an obvious mend, and one refactoring. Validation carries
 * the edits it can work out itself (a unit word, a figure a hundred times larger, the figure a
 * syntax error proposes: `data.fixes` or `data.replacement`); the fixes here need the document:
 * rebalance weights or shares to exactly 100% (offered on every line of the sum), swap a
 * threshold and its target, add a missing loss cap, write the computed figure into one failing
 * `expect` or into every one at once, change a mistyped ID to the closest declared ones or declare
 * it with a stub that validates, add a missing benchmark or distribution key, use the contract's
 * currency symbol; and, on a `program` line, write out the terms the preset supplies.
 */
import { AstUtils, CstUtils, GrammarUtils, type AstNode, type LangiumDocument } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import {
    CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type Range, type TextEdit
} from 'vscode-languageserver';
import { Dec } from '../decimal.js';
import { formatCount, formatPercent } from '../format.js';
import * as ast from '../generated/ast.js';
import { programOf } from '../model/build-model.js';
import type { Corridor, ProgramPreset } from '../model/contract-model.js';
import { presetHalfRate, presetProblem, presetTerms, programLabel } from '../settlement/presets.js';
import type { FixData } from '../validation/diagnostic-extras.js';
import { closestIds, declaredIds } from '../validation/id-suggestions.js';
import { IssueCodes } from '../validation/issue-codes.js';

type Fix = (diagnostic: Diagnostic, node: AstNode, document: LangiumDocument) => CodeAction[];

export class AcoCodeActionProvider implements CodeActionProvider {
    private readonly fixes: Record<string, Fix> = {
        [IssueCodes.WeightsSum]: rebalanceWeights,
        [IssueCodes.SharesSum]: rebalanceShares,
        [IssueCodes.ThresholdSide]: swapThresholdAndTarget,
        [IssueCodes.MissingLossCap]: addLossCap,
        [IssueCodes.ExpectationFailed]: useComputedFigures,
        [IssueCodes.UnknownProvider]: fixUnknownId('provider'),
        [IssueCodes.UnknownMeasure]: fixUnknownId('measure'),
        [IssueCodes.MissingBenchmark]: addBenchmark,
        [IssueCodes.MissingDistributionKey]: addDistributionKey,
        [IssueCodes.CurrencyMismatch]: useCurrencySymbol,
        [IssueCodes.SyntaxError]: useReplacement(figure => `Write ${figure}`),
        [IssueCodes.CalendarYearAsIndex]: useReplacement(figure => `Change to year ${figure}`)
    };

    getCodeActions(document: LangiumDocument, params: CodeActionParams): CodeAction[] {
        const root = document.parseResult.value.$cstNode;
        if (!root) {
            return [];
        }
        const actions: CodeAction[] = [];
        for (const diagnostic of params.context.diagnostics) {
            actions.push(...proposedFixes(diagnostic, document));
            const fix = this.fixes[String(diagnostic.code)];
            // The node at the diagnostic; after a syntax error the token may lie outside the tree.
            const leaf = CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(diagnostic.range.start));
            if (fix) {
                actions.push(...fix(diagnostic, leaf?.astNode ?? document.parseResult.value, document));
            }
        }
        const only = params.context.only;
        if (!only || only.some(kind => CodeActionKind.RefactorRewrite.startsWith(kind))) {
            actions.push(...writeOutPreset(document, params.range));
        }
        return mergeSame(actions);
    }
}

function action(title: string, diagnostic: Diagnostic | undefined, document: LangiumDocument, edits: TextEdit[], preferred = true): CodeAction {
    return {
        title, kind: CodeActionKind.QuickFix, diagnostics: diagnostic ? [diagnostic] : [], isPreferred: preferred,
        edit: { changes: { [document.textDocument.uri]: edits } }
    };
}

/**
 * One action for the same edit, however many diagnostics ask for it: rebalancing is offered on
 * every weight line of the sum, and the author sees it once, listing every diagnostic it fixes.
 */
function mergeSame(actions: CodeAction[]): CodeAction[] {
    const byKey = new Map<string, CodeAction>();
    for (const candidate of actions) {
        const key = `${candidate.title}\u0000${JSON.stringify(candidate.edit)}`;
        const seen = byKey.get(key);
        if (seen) {
            seen.diagnostics = [...(seen.diagnostics ?? []), ...(candidate.diagnostics ?? [])];
        } else {
            byKey.set(key, candidate);
        }
    }
    return [...byKey.values()];
}

/** The edits validation worked out and carried in the diagnostic's data. */
function proposedFixes(diagnostic: Diagnostic, document: LangiumDocument): CodeAction[] {
    const fixes = (diagnostic.data as FixData | undefined)?.fixes ?? [];
    return fixes.map((fix, index) => action(fix.title, diagnostic, document, fix.edits, index === 0));
}

/** A diagnostic whose data names the figure that replaces its range. */
function useReplacement(title: (figure: string) => string): Fix {
    return (diagnostic, _node, document) => {
        const replacement = (diagnostic.data as FixData | undefined)?.replacement;
        return replacement ? [action(title(replacement), diagnostic, document, [{ range: diagnostic.range, newText: replacement }])] : [];
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

/** An edit that adds lines at the end of a block, just before its closing `}`. */
function appendToBlock(document: LangiumDocument, block: AstNode, lines: string | readonly string[]): TextEdit | undefined {
    const close = GrammarUtils.findNodesForKeyword(block.$cstNode, '}').at(-1);
    if (!close) {
        return undefined;
    }
    const indent = indentOf(document, block);
    const before = document.textDocument.getText({ start: { line: close.range.start.line, character: 0 }, end: close.range.start });
    const closeOnOwnLine = before.trim() === '';
    const position = closeOnOwnLine ? { line: close.range.start.line, character: 0 } : close.range.start;
    const all = typeof lines === 'string' ? [lines] : lines;
    const text = closeOnOwnLine ? all.map(line => `${indent}    ${line.replace(/\n/g, `\n${indent}    `)}\n`).join('') : ` ${all.join(' ')} `;
    return { range: { start: position, end: position }, newText: text };
}

/** Adds a whole section to the contract: before `before` (a section), or at the end. */
function addSection(contract: ast.Contract, section: string, before?: AstNode): TextEdit | undefined {
    const indent = '    ';
    const indented = section.split('\n').map(l => `${indent}${l}`).join('\n');
    if (before?.$cstNode) {
        const position = { line: before.$cstNode.range.start.line, character: 0 };
        return { range: { start: position, end: position }, newText: `${indented}\n\n` };
    }
    const close = GrammarUtils.findNodesForKeyword(contract.$cstNode, '}').at(-1);
    if (!close) {
        return undefined;
    }
    const position = { line: close.range.start.line, character: 0 };
    return { range: { start: position, end: position }, newText: `\n${indented}\n` };
}

/** Adds a whole section just after `after`, keeping the blank line that follows it, if any. */
function addSectionAfter(document: LangiumDocument, after: AstNode, section: string): TextEdit | undefined {
    const end = after.$cstNode?.range.end;
    if (!end) {
        return undefined;
    }
    const indent = indentOf(document, after);
    const indented = section.split('\n').map(l => `${indent}${l}`).join('\n');
    const next = document.textDocument.getText({ start: { line: end.line + 1, character: 0 }, end: { line: end.line + 2, character: 0 } });
    return { range: { start: end, end }, newText: next.trim() === '' && next !== '' ? `\n\n${indented}` : `\n${indented}` };
}

// ---- Sums to 100% -----------------------------------------------------------------------------

/**
 * Percents (in hundredths) for each share that sum to exactly 100: each share floored to a
 * hundredth of a percent, the hundredths left over given one each to the largest remainders
 * (ties in order), so the author's proportions survive and the sum is exact.
 */
function hundredths(shares: readonly Dec[]): Dec[] {
    const exact = shares.map(share => share.times(100));
    const floors = exact.map(value => value.toDecimalPlaces(2, Dec.ROUND_DOWN));
    let left = new Dec(100).minus(floors.reduce((total, value) => total.plus(value), new Dec(0))).times(100).round().toNumber();
    const order = exact.map((value, index) => ({ index, rest: value.minus(floors[index]) })).sort((a, b) => b.rest.comparedTo(a.rest) || a.index - b.index);
    for (const { index } of order) {
        if (left <= 0) {
            break;
        }
        floors[index] = floors[index].plus('0.01');
        left--;
    }
    return floors;
}

/**
 * The edits that make the parts of a sum come to 100%: lines that have a percent get the
 * rebalanced one; parts without a line get one when the written ones fall short of 100%.
 */
function rebalance(document: LangiumDocument, parts: ReadonlyArray<{ owner: AstNode; line?: { rate?: string; $cstNode?: unknown } & AstNode }>, keyword: string): TextEdit[] {
    const written = parts.filter(part => part.line?.rate !== undefined);
    const missing = parts.filter(part => part.line?.rate === undefined);
    const sum = written.reduce((total, part) => total.plus(part.line!.rate!), new Dec(0));
    let shares: Dec[];
    let targets: typeof parts;
    if (missing.length > 0 && sum.lessThan(1)) {
        // The written parts keep their figures; the parts without one share what is left.
        targets = [...written, ...missing];
        const each = new Dec(1).minus(sum).dividedBy(missing.length);
        shares = [...written.map(part => new Dec(part.line!.rate!)), ...missing.map(() => each)];
    } else if (written.length > 0) {
        targets = written;
        shares = written.map(part => sum.isZero() ? new Dec(1).dividedBy(written.length) : new Dec(part.line!.rate!).dividedBy(sum));
    } else {
        targets = missing;
        shares = missing.map(() => new Dec(1).dividedBy(missing.length));
    }
    const values = hundredths(shares);
    return targets.flatMap((part, index) => {
        const percent = `${values[index].toFixed()}%`;
        const token = part.line && GrammarUtils.findNodeForProperty(part.line.$cstNode as never, 'rate');
        if (token) {
            return [{ range: rangeOf(document, token.offset, token.length), newText: percent }];
        }
        const edit = appendToBlock(document, part.owner, `${keyword} ${percent}`);
        return edit ? [edit] : [];
    });
}

const rebalanceWeights: Fix = (diagnostic, node, document) => {
    const quality = AstUtils.getContainerOfType(node, ast.isQuality);
    const measures = quality?.lines.filter(ast.isMeasure) ?? [];
    if (measures.length === 0) {
        return [];
    }
    const edits = rebalance(document, measures.map(measure => ({ owner: measure, line: measure.lines.find(ast.isWeightLine) })), 'weight');
    return edits.length > 0 ? [action('Rebalance weights to 100%', diagnostic, document, edits)] : [];
};

/** Rebalances the shares of the sum the diagnostic is about: `share P%`, or one side's `share of savings|losses`. */
const rebalanceShares: Fix = (diagnostic, node, document) => {
    const contract = AstUtils.getContainerOfType(node, ast.isContract);
    const providers = contract?.sections.find(ast.isProviders)?.providers ?? [];
    if (providers.length === 0) {
        return [];
    }
    const line = AstUtils.getContainerOfType(node, ast.isShareLine);
    const side = line ? line.side : /share of (savings|losses)/.exec(typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value)?.[1] as 'savings' | 'losses' | undefined;
    const shareOf = (provider: ast.Provider): ast.ShareLine | undefined => {
        const shares = provider.lines.filter(ast.isShareLine);
        return shares.find(share => share.side === side) ?? (side ? shares.find(share => share.side === undefined) : undefined);
    };
    const edits = rebalance(document, providers.map(provider => ({ owner: provider, line: shareOf(provider) })), side ? `share of ${side}` : 'share');
    return edits.length > 0 ? [action('Rebalance shares to 100%', diagnostic, document, edits)] : [];
};

// ---- Single terms ------------------------------------------------------------------------------------

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
        : addSection(contract, `shared losses {\n    cap ${rate} of benchmark\n}`);
    return edit ? [action(`Cap shared losses at ${rate} of the benchmark`, diagnostic, document, [edit])] : [];
};

/** One failing `expect`, and (when there are more) every failing `expect` of the document at once. */
const useComputedFigures: Fix = (diagnostic, _node, document) => {
    const replacement = (diagnostic.data as FixData | undefined)?.replacement;
    if (!replacement) {
        return [];
    }
    const actions = [action(`Expect ${replacement} (the computed figure)`, diagnostic, document, [{ range: diagnostic.range, newText: replacement }])];
    const failing = (document.diagnostics ?? []).filter(d => d.code === IssueCodes.ExpectationFailed && (d.data as FixData | undefined)?.replacement);
    if (failing.length > 1) {
        const all = action(`Update every failing expect (${failing.length})`, diagnostic, document,
            failing.map(d => ({ range: d.range, newText: (d.data as FixData).replacement! })), false);
        all.diagnostics = failing;
        actions.push(all);
    }
    return actions;
};

const addBenchmark: Fix = (diagnostic, node, document) => {
    const contract = AstUtils.getContainerOfType(node, ast.isContract);
    if (!contract) {
        return [];
    }
    const population = contract.sections.find(ast.isPopulation);
    const line = 'benchmark $1,000.00 per member per month';
    const edit = population ? appendToBlock(document, population, line) : addSection(contract, `population {\n    ${line}\n}`);
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

// ---- Unknown IDs ------------------------------------------------------------------------------------

/** "Change to CVP" for the closest declared IDs, then "Declare provider CPV". */
function fixUnknownId(kind: 'provider' | 'measure'): Fix {
    return (diagnostic, node, document) => {
        const contract = AstUtils.getContainerOfType(node, ast.isContract);
        const id = document.textDocument.getText(diagnostic.range);
        if (!contract || !/^[_a-zA-Z]\w*$/.test(id)) {
            return [];
        }
        const close = closestIds(id, declaredIds(contract, kind));
        const changes = close.map((candidate, index) => action(`Change to ${candidate}`, diagnostic, document, [{ range: diagnostic.range, newText: candidate }], index === 0));
        const declaration = kind === 'provider' ? declareProvider(contract, id, document) : declareMeasure(contract, id, document);
        return [...changes, ...(declaration ? [action(`Declare ${kind} ${id}`, diagnostic, document, declaration, close.length === 0)] : [])];
    };
}

/** Where scenarios and the like begin: new term sections go before them. */
function firstOutcomeSection(contract: ast.Contract): AstNode | undefined {
    return contract.sections.find(section => ast.isScenario(section) || ast.isProjection(section) || ast.isUncertainty(section));
}

/** A declaration block: `provider ID "ID" {` + lines + `}`. */
function block(head: string, lines: readonly string[]): string {
    return `${head} {\n${lines.map(line => `    ${line}`).join('\n')}\n}`;
}

/**
 * A provider stub that validates: `role other`, and `attributed 0` where the contract needs
 * attributed lives (the remainder split by them, or capitation paid to the provider), `share 0%`
 * where it is split by fixed shares. The author fills in the figures.
 */
function declareProvider(contract: ast.Contract, id: string, document: LangiumDocument): TextEdit[] | undefined {
    const key = contract.sections.find(ast.isDistribution)?.lines.find(ast.isRemainderLine)?.key;
    const paidTo = AstUtils.streamAllContents(contract).some(node => (ast.isCapitationRateLine(node) || ast.isCareCoordinationLine(node)) && node.provider?.$refText === id);
    const lines = ['role other'];
    if (key === 'attributed' || paidTo) {
        lines.push('attributed 0');
    }
    if (key === 'fixed') {
        lines.push('share 0%');
    }
    const declaration = block(`provider ${id} "${id}"`, lines);
    const providers = contract.sections.find(ast.isProviders);
    const edit = providers ? appendToBlock(document, providers, declaration)
        : addSection(contract, block('providers', declaration.split('\n')), firstOutcomeSection(contract));
    return edit ? [edit] : undefined;
}

/**
 * A measure stub that validates: a target, a weight that keeps the sum (0% beside other measures,
 * 100% alone), and a `result … 0%` in every other scenario that lists results, so none lacks one.
 */
function declareMeasure(contract: ast.Contract, id: string, document: LangiumDocument): TextEdit[] | undefined {
    const quality = contract.sections.find(ast.isQuality);
    const alone = !quality?.lines.some(ast.isMeasure);
    const declaration = block(`measure ${id} "${id}"`, ['target 80%', `weight ${alone ? '100%' : '0%'}`]);
    const edit = quality ? appendToBlock(document, quality, declaration)
        : addSection(contract, block('quality', declaration.split('\n')), firstOutcomeSection(contract));
    if (!edit) {
        return undefined;
    }
    const edits = [edit];
    const blocks = AstUtils.streamAllContents(contract).filter((node): node is ast.Scenario | ast.ProjectionYear => ast.isScenario(node) || ast.isProjectionYear(node));
    for (const scenario of blocks) {
        const results = scenario.lines.filter(ast.isResultLine);
        if (results.length > 0 && !results.some(result => result.measure?.$refText === id) && !scenario.lines.some(ast.isQualityScoreLine)) {
            const add = appendToBlock(document, scenario, `result ${id} 0%`);
            if (add) {
                edits.push(add);
            }
        }
    }
    return edits;
}

// ---- Writing out the preset ------------------------------------------------------------------------

function percent(rate: Dec): string {
    return formatPercent(rate);
}

function corridorLines(corridors: readonly Corridor[]): string[] {
    return corridors.map(band => band.lower.isZero() && band.upper !== undefined
        ? `corridor up to ${percent(band.upper)} share ${percent(band.share)}`
        : band.upper === undefined ? `corridor over ${percent(band.lower)} share ${percent(band.share)}`
            : `corridor ${percent(band.lower)} to ${percent(band.upper)} share ${percent(band.share)}`);
}

/** The lines a preset supplies that a section does not write yet, by section. */
function presetLines(contract: ast.Contract, program: ProgramPreset): Record<'population' | 'savings' | 'losses' | 'quality', string[]> {
    const preset = presetTerms(program);
    const population: readonly AstNode[] = contract.sections.find(ast.isPopulation)?.lines ?? [];
    const savings: readonly AstNode[] = contract.sections.find(ast.isSharedSavings)?.lines ?? [];
    const losses: readonly AstNode[] = contract.sections.find(ast.isSharedLosses)?.lines ?? [];
    const quality: readonly AstNode[] = contract.sections.find(ast.isQuality)?.lines ?? [];
    const capOf = (lines: readonly AstNode[], base: string): boolean => lines.some(line => ast.isCapLine(line) && line.base === base);
    const out = { population: [] as string[], savings: [] as string[], losses: [] as string[], quality: [] as string[] };

    if (preset.minimumBeneficiaries && !population.some(ast.isMinimumAssignedLine)) {
        out.population.push(`minimum assigned beneficiaries ${formatCount(preset.minimumBeneficiaries)}`);
    }
    if (preset.discount && !population.some(ast.isDiscountLine)) {
        out.population.push(`discount ${percent(preset.discount.rate)}`);
    }
    const s = preset.savings;
    if (s.minimumRate && !savings.some(ast.isMinimumSavingsRateLine)) {
        out.savings.push(s.minimumRate.kind === 'variable' ? 'minimum savings rate variable' : `minimum savings rate ${percent(s.minimumRate.rate)}`);
    }
    if (s.sharing && !savings.some(line => ast.isSharingRateLine(line) || ast.isCorridorLine(line))) {
        out.savings.push(...(s.sharing.kind === 'rate' ? [`sharing rate ${percent(s.sharing.rate)}`] : corridorLines(s.sharing.corridors)));
    }
    if (s.qualityAdjustment && !savings.some(ast.isQualityAdjustmentLine)) {
        out.savings.push(`quality adjustment ${s.qualityAdjustment}`);
    }
    if (s.basis && !savings.some(ast.isSharingBasisLine)) {
        out.savings.push(`sharing basis ${s.basis}`);
    }
    if (s.cap && !capOf(savings, 'benchmark')) {
        out.savings.push(`cap ${percent(s.cap.rate)} of benchmark`);
    }
    if (s.sequestration && !savings.some(ast.isSequestrationLine)) {
        out.savings.push(`sequestration ${percent(s.sequestration.rate)}`);
    }
    if (s.qualityWithhold && !savings.some(ast.isQualityWithholdLine)) {
        out.savings.push(`quality withhold ${percent(s.qualityWithhold.rate)} of benchmark`);
    }
    const assigned = population.find(ast.isAssignedLine)?.count;
    const half = presetHalfRate(program, {
        revenueCategory: population.find(ast.isRevenueCategoryLine)?.category,
        beneficiaries: assigned !== undefined ? new Dec(assigned) : undefined,
        termStart: contract.sections.find(ast.isTerm)?.lines.find(ast.isStartLine)?.date
    });
    if (half && !savings.some(ast.isHalfRateLine)) {
        out.savings.push('below minimum savings rate share half');
    }
    const l = preset.losses;
    if (l?.sharing && !losses.some(line => ast.isSharingRateLine(line) || ast.isCorridorLine(line))) {
        out.losses.push(...(l.sharing.kind === 'rate' ? [`sharing rate ${percent(l.sharing.rate)}`]
            : l.sharing.kind === 'complement' ? [`sharing rate 1 - final sharing rate between ${percent(l.sharing.floor)} and ${percent(l.sharing.ceiling)}`]
                : corridorLines(l.sharing.corridors)));
    }
    if (l?.cap && !capOf(losses, 'benchmark')) {
        out.losses.push(`cap ${percent(l.cap.rate)} of benchmark`);
    }
    if (l?.revenueCap && !capOf(losses, 'revenue')) {
        // A revenue cap does something only with the revenue it is a share of.
        out.losses.push(losses.some(ast.isParticipantRevenueLine)
            ? `cap ${percent(l.revenueCap.rate)} of revenue`
            : `// cap ${percent(l.revenueCap.rate)} of revenue, with participant revenue MONEY (the smaller cap binds)`);
    }
    // The alternative standard matters only beside a standard (without one the standard is always met).
    if (preset.alternativeStandard && !quality.some(ast.isAlternativeStandardLine) && quality.some(ast.isStandardLine)) {
        out.quality.push('alternative standard scaled');
    }
    return out;
}

/** On a `program` line: write the terms its preset supplies into the contract, figure by figure. */
function writeOutPreset(document: LangiumDocument, range: Range): CodeAction[] {
    const contract = document.parseResult.value;
    if (!ast.isContract(contract)) {
        return [];
    }
    const line = contract.sections.find(ast.isProgramLine);
    const at = line?.$cstNode?.range;
    const program = programOf(line);
    if (!line || !at || !program || presetProblem(program) || range.start.line > at.end.line || range.end.line < at.start.line) {
        return [];
    }
    const lines = presetLines(contract, program);
    const sections: ReadonlyArray<[keyof typeof lines, AstNode | undefined, string]> = [
        ['population', contract.sections.find(ast.isPopulation), 'population'],
        ['savings', contract.sections.find(ast.isSharedSavings), 'shared savings'],
        ['losses', contract.sections.find(ast.isSharedLosses), 'shared losses'],
        ['quality', contract.sections.find(ast.isQuality), 'quality']
    ];
    const edits: TextEdit[] = [];
    sections.forEach(([key, section, keyword], index) => {
        if (lines[key].length === 0) {
            return;
        }
        // A new section goes after the last of the sections written before it in this order.
        const after = sections.slice(0, index).map(([, existing]) => existing).filter((existing): existing is AstNode => existing !== undefined).at(-1);
        const edit = section ? appendToBlock(document, section, lines[key])
            : after ? addSectionAfter(document, after, block(keyword, lines[key]))
                : addSection(contract, block(keyword, lines[key]), firstOutcomeSection(contract) ?? contract.sections.find(s => !ast.isProgramLine(s) && !ast.isCurrencyLine(s) && !ast.isRoundingLine(s)));
        if (edit) {
            edits.push(edit);
        }
    });
    if (edits.length === 0) {
        return [];
    }
    return [{
        title: `Write out the terms ${programLabel(program)} supplies`,
        kind: CodeActionKind.RefactorRewrite,
        edit: { changes: { [document.textDocument.uri]: edits } }
    }];
}
