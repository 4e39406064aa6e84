/**
 * The money each clause produces, shown after the clause under the driving scenario: the
 * benchmark total, the minimum savings threshold, the shared amount, each capitation line's annual
 * payment, each provider's share, each scenario's earned figure. Short (`≈ $2.14M`); exact in the
 * tooltip. Every figure is read from the cached settlement.
 */
import { GrammarUtils, type AstNode, type LangiumDocument } from 'langium';
import { AbstractInlayHintProvider, type InlayHintAcceptor } from 'langium/lsp';
import { InlayHintKind, type CancellationToken, type InlayHint, type InlayHintParams } from 'vscode-languageserver';
import type { AcoServices } from '../aco-module.js';
import type { ContractAnalysis } from '../analysis/contract-analysis.js';
import type { Dec } from '../decimal.js';
import { formatCompactMoney, settledMoney } from '../format.js';
import * as ast from '../generated/ast.js';
import { lineOf } from '../model/build-model.js';
import type { Settlement } from '../settlement/settlement-types.js';
import type { MinimumRate } from '../model/contract-model.js';
import { msspVariableMinimumRate } from '../settlement/presets.js';
import { analysisOf, checkAtLine, drivingSettlement, editorSettings, hasErrors } from './document-analysis.js';

interface HintContext {
    analysis: ContractAnalysis;
    settlement: Settlement;
}

export class AcoInlayHintProvider extends AbstractInlayHintProvider {
    private context: HintContext | undefined;

    constructor(private readonly services: AcoServices) {
        super();
    }

    override async getInlayHints(document: LangiumDocument, params: InlayHintParams, cancelToken?: CancellationToken): Promise<InlayHint[] | undefined> {
        const settings = await editorSettings(this.services);
        // Figures settled from a contract with errors (a 175% sharing rate) would mislead.
        if (!settings.inlayHints.enabled || hasErrors(document)) {
            return [];
        }
        const analysis = analysisOf(this.services, document);
        const settlement = analysis && drivingSettlement(analysis, settings.inlayHints.scenario);
        if (!analysis || !settlement) {
            return [];
        }
        this.context = { analysis, settlement };
        try {
            return await super.getInlayHints(document, params, cancelToken);
        } finally {
            this.context = undefined;
        }
    }

    computeInlayHint(node: AstNode, acceptor: InlayHintAcceptor): void {
        const context = this.context;
        const end = node.$cstNode?.range.end;
        if (!context || !end) {
            return;
        }
        const { settlement } = context;
        const hint = (amount: Dec | undefined, what: string): void => {
            if (amount === undefined) {
                return;
            }
            const model = context.analysis.model;
            acceptor({
                position: end,
                label: `≈ ${formatCompactMoney(amount, model.currency)}`,
                tooltip: `${what}: ${settledMoney(amount, model)} under scenario "${settlement.scenario}"`,
                kind: InlayHintKind.Type,
                paddingLeft: true
            });
        };
        const line = lineOf(node);
        if (ast.isBenchmarkLine(node)) {
            hint(settlement.benchmark, 'Benchmark');
        } else if (ast.isMinimumSavingsRateLine(node)) {
            hint(minimumThreshold(context.analysis.model.savings.minimumRate, context), 'Savings must reach');
        } else if (ast.isMinimumLossRateLine(node)) {
            hint(minimumThreshold(context.analysis.model.losses?.minimumRate, context), 'Losses are owed past');
        } else if (ast.isSharingRateLine(node) || ast.isCorridorLine(node) || ast.isQualityTierLine(node) || ast.isBonusPoolLine(node) || ast.isMlrFloorLine(node)) {
            const step = [...settlement.steps].reverse().find(s => s.line === line && s.amount !== undefined);
            hint(step?.amount, 'Shared amount');
        } else if (ast.isDiscountLine(node) || ast.isQualityWithholdLine(node) || ast.isHealthEquityLine(node)) {
            const step = settlement.steps.find(s => s.line === line && s.amount !== undefined);
            hint(step?.amount, 'Benchmark after this term');
        } else if (ast.isEnrollmentType(node) || ast.isPersonYearsLine(node) || ast.isBaseCostLine(node)) {
            const step = [...settlement.steps].reverse().find(s => s.line === line && s.amount !== undefined);
            hint(step?.amount, ast.isEnrollmentType(node) ? 'Updated benchmark per capita' : 'Benchmark');
        } else if (ast.isSequestrationLine(node)) {
            hint(settlement.steps.find(s => s.step === 'sequestration' && s.line === line)?.amount, 'Shared savings after sequestration');
        } else if (ast.isCapitationRateLine(node)) {
            hint(settlement.capitation.find(c => c.line === line)?.paid, 'Capitation paid in the year');
        } else if (ast.isProvider(node) && settlement.distribution) {
            const share = settlement.distribution.providers.find(p => p.provider === node.name)?.amount;
            const model = context.analysis.model;
            if (share) {
                acceptor({
                    position: findOpeningBrace(node) ?? end,
                    label: `≈ ${formatCompactMoney(share, model.currency)}`,
                    tooltip: `${node.name}'s share of the distribution: ${settledMoney(share, model)} under scenario "${settlement.scenario}"`,
                    kind: InlayHintKind.Type,
                    paddingLeft: true
                });
            }
        } else if (ast.isScenario(node)) {
            const own = checkAtLine(context.analysis, line);
            if (own) {
                const model = context.analysis.model;
                acceptor({
                    position: findOpeningBrace(node) ?? end,
                    label: `earned ≈ ${formatCompactMoney(own.earned, model.currency)}`,
                    tooltip: `Earned ${settledMoney(own.earned, model)}`,
                    kind: InlayHintKind.Type,
                    paddingLeft: true
                });
            }
        }
    }
}

/** A minimum rate in money: the rate (stated, or the MSSP table at N) times the benchmark. */
function minimumThreshold(rate: MinimumRate | undefined, context: HintContext): Dec | undefined {
    const beneficiaries = context.analysis.model.population.beneficiaries;
    const fraction = rate?.kind === 'fixed' ? rate.rate
        : rate?.kind === 'variable' && beneficiaries ? msspVariableMinimumRate(beneficiaries) : undefined;
    return fraction?.times(context.settlement.benchmark);
}

/** The position just after a block's `{`, where a scenario's earned figure reads naturally. */
function findOpeningBrace(node: ast.Scenario | ast.Provider): { line: number; character: number } | undefined {
    return GrammarUtils.findNodeForKeyword(node.$cstNode, '{')?.range.end;
}
