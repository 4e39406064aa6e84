/**
 * Hover: what the term under the cursor means, with the figure it produces; inside a scenario,
 * the whole settlement waterfall as a table. Provider and measure IDs show what they name.
 */
import { AstUtils, CstUtils, type AstNode, type LangiumDocument } from 'langium';
import { AstNodeHoverProvider } from 'langium/lsp';
import type { Hover, HoverParams } from 'vscode-languageserver';
import type { AcoServices } from '../aco-module.js';
import type { ContractAnalysis } from '../analysis/contract-analysis.js';
import { formatCount, formatPercent, settledMoney } from '../format.js';
import * as ast from '../generated/ast.js';
import { lineOf } from '../model/build-model.js';
import type { ContractModel } from '../model/contract-model.js';
import type { Settlement } from '../settlement/settlement-types.js';
import { analysisOf, editorSettings, drivingSettlement, settlementAtLine } from './document-analysis.js';
import { codeSpan, escapeMarkdown } from './markdown-text.js';
import { TERM_DESCRIPTIONS } from './term-descriptions.js';

/** Text for a Markdown table cell: names inside explanations stay text, never links or images. */
const cell = escapeMarkdown;

/** A settlement's waterfall as a Markdown table (hover and the "Explain scenario" command). */
export function waterfallMarkdown(settlement: Settlement, model: ContractModel): string {
    const rows = settlement.steps.map((step, index) => {
        const figure = step.amount !== undefined ? settledMoney(step.amount, model) : step.rate !== undefined ? formatPercent(step.rate, 6) : '';
        return `| ${index + 1} | ${cell(step.step)} | ${cell(figure)} | ${cell(step.explanation)} |`;
    });
    return [
        `**Scenario ${codeSpan(settlement.scenario)}**: earned **${cell(settledMoney(settlement.earned, model))}**`,
        '',
        '| # | Step | Amount | Explanation |',
        '|---:|---|---:|---|',
        ...rows
    ].join('\n');
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
        const analysis = analysisOf(this.services, document);
        const node = leaf.astNode;
        // A provider or measure ID, where declared or used: what it names.
        const target = referenceTarget(node, leaf.offset);
        if (target && analysis) {
            return markdown(await this.describeNamed(target, analysis));
        }
        const scenario = AstUtils.getContainerOfType(node, ast.isScenario);
        if (scenario && analysis) {
            const settlement = settlementAtLine(analysis, lineOf(scenario));
            const term = describeTerm(lineNode(node));
            if (settlement) {
                return markdown(`${term}\n\n${waterfallMarkdown(settlement, analysis.model)}`);
            }
            const reason = analysis.unsettled.get(analysis.model.scenarios.findIndex(s => s.line === lineOf(scenario)));
            return markdown(`${term}\n\nThis scenario cannot be settled yet${reason ? `: ${escapeMarkdown(reason)}` : ''}.`);
        }
        const line = lineNode(node);
        const figure = analysis ? await this.figureFor(line, analysis) : undefined;
        return markdown(describeTerm(line) + (figure ? `\n\n${figure}` : ''));
    }

    protected getAstNodeHoverContent(node: AstNode): string | undefined {
        return TERM_DESCRIPTIONS[node.$type];
    }

    /** The figure a term produces under the driving scenario, as one line. */
    private async figureFor(node: AstNode, analysis: ContractAnalysis): Promise<string | undefined> {
        const settings = await editorSettings(this.services);
        const settlement = drivingSettlement(analysis, settings.inlayHints.scenario);
        const model = analysis.model;
        if (!settlement) {
            return undefined;
        }
        const under = `under scenario ${codeSpan(settlement.scenario)}`;
        const line = lineOf(node);
        const steps = settlement.steps.filter(s => s.line === line);
        const capitation = settlement.capitation.find(c => c.line === line);
        if (capitation) {
            return `Paid ${settledMoney(capitation.paid, model)} in the year; withheld ${settledMoney(capitation.withheld, model)}, returned ${settledMoney(capitation.returned, model)} (${under}).`;
        }
        if (ast.isAssignedLine(node) && model.population.beneficiaries) {
            return `${formatCount(model.population.beneficiaries)} beneficiaries.`;
        }
        if (steps.length > 0) {
            return steps.map(s => `- ${escapeMarkdown(s.explanation)}`).join('\n') + `\n\n(${under})`;
        }
        return undefined;
    }

    private async describeNamed(node: ast.Provider | ast.Measure, analysis: ContractAnalysis): Promise<string> {
        const model = analysis.model;
        if (ast.isProvider(node)) {
            const provider = model.providers.find(p => p.id === node.name);
            const parts = [`**Provider ${codeSpan(node.name)}**: ${codeSpan(node.title)}`];
            if (provider?.role) {
                parts.push(`Role: ${escapeMarkdown(provider.role)}.`);
            }
            if (provider?.attributed) {
                parts.push(`${formatCount(provider.attributed)} attributed lives.`);
            }
            const settings = await editorSettings(this.services);
            const settlement = drivingSettlement(analysis, settings.inlayHints.scenario);
            const share = settlement?.distribution?.providers.find(p => p.provider === node.name);
            if (share && settlement) {
                parts.push(`Receives ${settledMoney(share.amount, model)} under scenario ${codeSpan(settlement.scenario)}.`);
            }
            return parts.join('\n\n');
        }
        const measure = model.quality.measures.find(m => m.id === node.name);
        const parts = [`**Measure ${codeSpan(node.name)}**: ${codeSpan(node.title)}`];
        if (measure) {
            const range = [
                measure.threshold ? `threshold ${formatPercent(measure.threshold)}` : 'all or nothing',
                measure.target ? `target ${formatPercent(measure.target)}` : undefined,
                measure.weight ? `weight ${formatPercent(measure.weight)}` : undefined
            ].filter(Boolean).join(', ');
            parts.push(`${measure.lowerIsBetter ? 'Lower' : 'Higher'} is better; ${range}.`);
        }
        return parts.join('\n\n');
    }
}

function markdown(value: string): Hover {
    return { contents: { kind: 'markdown', value } };
}

/** The provider or measure a token names, when the token is an ID (declaration or reference). */
function referenceTarget(node: AstNode, offset: number): ast.Provider | ast.Measure | undefined {
    if ((ast.isProvider(node) || ast.isMeasure(node)) && node.$cstNode) {
        const name = CstUtils.findDeclarationNodeAtOffset(node.$cstNode, offset);
        return name && name.text === node.name ? node : undefined;
    }
    for (const property of ['provider', 'measure'] as const) {
        const reference = (node as unknown as Record<string, { ref?: AstNode; $refNode?: { offset: number; end: number } } | undefined>)[property];
        const refNode = reference?.$refNode;
        if (refNode && offset >= refNode.offset && offset <= refNode.end) {
            const target = reference.ref;
            return ast.isProvider(target) || ast.isMeasure(target) ? target : undefined;
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
