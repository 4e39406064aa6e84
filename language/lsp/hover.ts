/**
 * Hover: what the term under the cursor means, then the one figure it produces, naming the
 * scenario (or projection year) the figure comes from. Inside a scenario that is the scenario's
 * own figure (a measure's credit, an expectation's pass or fail), with what the scenario earns and
 * a link to its full waterfall (Explain); outside, the driving scenario's. The benchmark line lists
 * each step from the benchmark as written to the one savings are measured against; the `program`
 * line, every term the preset supplies. Provider and measure IDs show what they name.
 */
import { AstUtils, CstUtils, type AstNode, type LangiumDocument } from 'langium';
import { AstNodeHoverProvider } from 'langium/lsp';
import type { Hover, HoverParams } from 'vscode-languageserver';
import type { AcoServices } from '../aco-module.js';
import { formatCount, formatPercent, settledMoney } from '../format.js';
import * as ast from '../generated/ast.js';
import { lineOf } from '../model/build-model.js';
import type { ContractModel } from '../model/contract-model.js';
import type { Settlement } from '../settlement/settlement-types.js';
import { AcoCommands } from './commands.js';
import { figureContext, STALE_NOTE, type FigureContext } from './document-analysis.js';
import { enclosingSource, labelMarkdown, REASON_TEXT, type FigureSource } from './figure-source.js';
import { editorPercent, lineFigure } from './line-figures.js';
import { codeSpan, escapeMarkdown } from './markdown-text.js';
import { presetMarkdown } from './preset-view.js';
import { TERM_DESCRIPTIONS } from './term-descriptions.js';

/** Text for a Markdown table cell: names inside explanations stay text, never links or images. */
const cell = escapeMarkdown;

/** A settlement's waterfall as a Markdown table (the "Explain scenario" preview). */
export function waterfallMarkdown(settlement: Settlement, model: ContractModel, title = `Scenario ${codeSpan(settlement.scenario)}`): string {
    const rows = settlement.steps.map((step, index) => {
        const figure = step.amount !== undefined ? settledMoney(step.amount, model) : step.rate !== undefined ? editorPercent(step.rate) : '';
        return `| ${index + 1} | ${cell(step.step)} | ${cell(figure)} | ${cell(step.explanation)}${step.line !== undefined ? ` (line ${step.line})` : ''} |`;
    });
    return [
        `**${title}**: ${settlement.earned.isNegative() ? 'owes' : 'earned'} **${cell(settledMoney(settlement.earned.abs(), model))}**`,
        '',
        '| # | Step | Amount | Explanation |',
        '|---:|---|---:|---|',
        ...rows
    ].join('\n');
}

/** A command link that opens the explanation of the scenario or projection year at `position`. */
function explainLink(uri: string, source: FigureSource, position: { line: number; character: number }): string {
    const args = source.projection ? [uri, undefined, position] : [uri, source.settlement.scenario];
    // Every character that could end the link or its title is escaped, whatever the scenario's name.
    const query = encodeURIComponent(JSON.stringify(args)).replace(/[!'()*]/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    return `[Explain the full waterfall](command:${AcoCommands.explainScenario}?${query} "Open the settlement waterfall beside the editor")`;
}

export class AcoHoverProvider extends AstNodeHoverProvider {
    constructor(private readonly services: AcoServices) {
        super(services);
    }

    override async getHoverContent(document: LangiumDocument, params: HoverParams): Promise<Hover | undefined> {
        const root = document.parseResult.value.$cstNode;
        if (!root) {
            return undefined;
        }
        const offset = document.textDocument.offsetAt(params.position);
        const leaf = CstUtils.findLeafNodeAtOffset(root, offset);
        if (!leaf || leaf.hidden) {
            return undefined;
        }
        const node = leaf.astNode;
        const context = await figureContext(this.services, document);
        const parts: string[] = [];
        const named = referenceTarget(node, leaf.offset);
        const target = named?.target;
        const term = target ?? lineNode(node);
        if (named) {
            parts.push(this.describeNamed(named.target, named.usage, context));
        } else if (describeTerm(term)) {
            parts.push(describeTerm(term));
        }
        if (context && !target) {
            parts.push(...this.figures(term, context, document.uri.toString(), params.position));
        }
        if (context?.stale && parts.length > 1) {
            parts.push(`_Figures ${STALE_NOTE}._`);
        }
        return parts.length > 0 ? { contents: { kind: 'markdown', value: parts.join('\n\n') } } : undefined;
    }

    protected getAstNodeHoverContent(node: AstNode): string | undefined {
        return TERM_DESCRIPTIONS[node.$type];
    }

    /** The term's figure and, inside a scenario, the scenario's result with the Explain link. */
    private figures(term: AstNode, context: FigureContext, uri: string, position: { line: number; character: number }): string[] {
        const analysed = analysedNode(term, context);
        if (!analysed) {
            return [];
        }
        const inside = enclosingSource(context.analysis, analysed);
        const parts: string[] = [];
        if (inside.found) {
            const scenario = AstUtils.getContainerOfType(analysed, ast.isScenario) ?? AstUtils.getContainerOfType(analysed, ast.isProjectionYear);
            if (!inside.source) {
                const index = scenario && ast.isScenario(scenario) ? context.analysis.scenarioIndexAtLine(lineOf(scenario)) : -1;
                const reason = index >= 0 ? context.analysis.unsettled.get(index) : undefined;
                return [`This ${ast.isScenario(scenario) ? 'scenario' : 'projection year'} cannot be settled yet${reason ? `: ${escapeMarkdown(reason)}` : ''}.`];
            }
            const source = inside.source;
            const own = ast.isScenario(analysed) || ast.isProjectionYear(analysed) ? undefined : lineFigure(analysed, source, context.analysis);
            if (own) {
                parts.push(`**${escapeMarkdown(own.text)}**`);
            }
            parts.push(`${upperFirst(labelMarkdown(source))} ${scenarioResult(source.settlement, context.analysis.model)} ${explainLink(uri, source, position)}`);
            if (analysed === scenario) {
                parts.push(keyFigures(source.settlement, context.analysis.model));
            }
            return parts;
        }
        const driving = context.driving;
        if (!driving) {
            return [];
        }
        const under = `${labelMarkdown(driving)} (${REASON_TEXT[driving.reason ?? 'first']})`;
        if (ast.isProgramLine(analysed)) {
            const program = context.analysis.model.program;
            return program ? [presetMarkdown(program, context.analysis, driving.settlement, labelMarkdown(driving))] : [];
        }
        const figure = lineFigure(analysed, driving, context.analysis);
        if (ast.isBenchmarkLine(analysed)) {
            const chain = benchmarkChain(driving.settlement, context.analysis.model);
            if (chain) {
                parts.push(`${chain}\n\nUnder ${under}.`);
                return parts;
            }
        }
        if (figure) {
            parts.push(`${escapeMarkdown(figure.text)}\n\nUnder ${under}.`);
        } else if (ast.isAssignedLine(analysed) && context.analysis.model.population.beneficiaries) {
            parts.push(`${formatCount(context.analysis.model.population.beneficiaries)} beneficiaries.`);
        }
        return parts;
    }

    private describeNamed(node: ast.Provider | ast.Measure, usage: AstNode, context: FigureContext | undefined): string {
        const analysis = context?.analysis;
        const model = analysis?.model;
        // The figure follows the scenario the ID is written in (`expect provider RPC …` in "Loss year"), else the driving one.
        const here = context && analysedNode(usage, context);
        const inside = here && analysis ? enclosingSource(analysis, here) : { found: false };
        const source = inside.found ? inside.source : context?.driving;
        const under = source ? labelMarkdown(source) : '';
        if (ast.isProvider(node)) {
            const provider = model?.providers.find(p => p.id === node.name);
            const parts = [`**Provider ${codeSpan(node.name)}**: ${codeSpan(node.title)}`];
            if (provider?.role) {
                parts.push(`Role: ${escapeMarkdown(provider.role)}.`);
            }
            if (provider?.attributed) {
                parts.push(`${formatCount(provider.attributed)} attributed lives.`);
            }
            const share = source?.settlement.distribution?.providers.find(p => p.provider === node.name);
            if (share && model) {
                parts.push(`Receives **${escapeMarkdown(settledMoney(share.amount, model))}** under ${under}.`);
            }
            return parts.join('\n\n');
        }
        const measure = model?.quality.measures.find(m => m.id === node.name);
        const parts = [`**Measure ${codeSpan(node.name)}**: ${codeSpan(node.title)}`];
        if (measure) {
            const range = [
                measure.threshold ? `threshold ${formatPercent(measure.threshold)}` : 'all or nothing',
                measure.target ? `target ${formatPercent(measure.target)}` : undefined,
                measure.weight ? `weight ${formatPercent(measure.weight)}` : undefined
            ].filter(Boolean).join(', ');
            parts.push(`${measure.lowerIsBetter ? 'Lower' : 'Higher'} is better; ${range}.`);
            const credit = source?.settlement.steps.find(s => s.step === 'measure credit' && s.line === measure.line && s.rate !== undefined);
            if (credit?.rate) {
                parts.push(`Credit **${editorPercent(credit.rate)}** under ${under}.`);
            }
        }
        return parts.join('\n\n');
    }
}

function upperFirst(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}

function scenarioResult(settlement: Settlement, model: ContractModel): string {
    return settlement.earned.isNegative()
        ? `owes **${escapeMarkdown(settledMoney(settlement.earned.abs(), model))}**.`
        : `earns **${escapeMarkdown(settledMoney(settlement.earned, model))}**.`;
}

/** A scenario's headline figures, one line each (the full waterfall is behind Explain). */
function keyFigures(settlement: Settlement, model: ContractModel): string {
    const money = (amount: Settlement['benchmark']) => escapeMarkdown(settledMoney(amount, model));
    const rows = [
        `- Benchmark ${money(settlement.benchmark)}, expenditure ${money(settlement.expenditure)}`,
        `- Gross ${settlement.grossSavings.isNegative() ? 'loss' : 'savings'} ${money(settlement.grossSavings.abs())} (${editorPercent(settlement.savingsRate.abs())} of the benchmark)`,
        `- Quality score ${editorPercent(settlement.qualityScore)}, standard ${settlement.qualityStandardMet ? 'met' : 'not met'}`
    ];
    if (settlement.finalSharingRate !== undefined) {
        rows.push(`- Final sharing rate ${editorPercent(settlement.finalSharingRate)}`);
    }
    return rows.join('\n');
}

/** From the benchmark as written to the one savings are measured against, step by step. */
function benchmarkChain(settlement: Settlement, model: ContractModel): string | undefined {
    const start = settlement.steps.findIndex(s => s.step === 'benchmark');
    const end = settlement.steps.findIndex(s => s.step === 'gross savings');
    if (start < 0) {
        return undefined;
    }
    const chain = settlement.steps.slice(start, end < 0 ? undefined : end)
        .filter(s => s.amount !== undefined && s.step !== 'expenditure');
    const rows = chain.map((s, i) => `| ${i + 1} | ${cell(s.step)} | ${cell(settledMoney(s.amount!, model))} | ${cell(s.explanation)} |`);
    return [
        `**Benchmark**: ${cell(settledMoney(chain[0].amount!, model))} as written; savings are measured against **${cell(settledMoney(settlement.benchmark, model))}**.`,
        '',
        '| # | Step | Benchmark | How |',
        '|---:|---|---:|---|',
        ...rows
    ].join('\n');
}

/** The node of the analysed text that corresponds to `node` (itself when fresh; same kind, same line when stale). */
function analysedNode(node: AstNode, context: FigureContext): AstNode | undefined {
    if (!context.stale) {
        return node;
    }
    const line = context.analysedLine(lineOf(node));
    if (line === undefined) {
        return undefined;
    }
    return AstUtils.streamAst(context.root).find(n => n.$type === node.$type && lineOf(n) === line);
}

/**
 * The provider or measure a token names, when the token is an ID, and the node it is written in
 * (the declaration itself, or the `result`, `expect` or capitation line that refers to it).
 */
function referenceTarget(node: AstNode, offset: number): { target: ast.Provider | ast.Measure; usage: AstNode } | undefined {
    if ((ast.isProvider(node) || ast.isMeasure(node)) && node.$cstNode) {
        const name = CstUtils.findDeclarationNodeAtOffset(node.$cstNode, offset);
        return name && name.text === node.name ? { target: node, usage: node } : undefined;
    }
    for (const property of ['provider', 'measure'] as const) {
        const reference = (node as unknown as Record<string, { ref?: AstNode; $refNode?: { offset: number; end: number } } | undefined>)[property];
        const refNode = reference?.$refNode;
        if (refNode && offset >= refNode.offset && offset <= refNode.end) {
            const target = reference.ref;
            return ast.isProvider(target) || ast.isMeasure(target) ? { target, usage: node } : undefined;
        }
    }
    return undefined;
}

/** The term (line or block) a token belongs to. */
function lineNode(node: AstNode): AstNode {
    let current: AstNode = node;
    while (current.$container && TERM_DESCRIPTIONS[current.$type] === undefined) {
        current = current.$container;
    }
    return current;
}

function describeTerm(node: AstNode): string {
    return TERM_DESCRIPTIONS[node.$type] ?? '';
}
