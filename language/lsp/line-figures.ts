/**
 * The one figure each line of a contract produces under a settlement, read from the settlement's
 * waterfall (the step on that line), its capitation, distribution or expectations: a short label
 * for the inlay hint and a sentence for the tooltip and the hover. Inlay hints and hovers both
 * read it, so the figure beside a line and the figure in its hover are the same figure.
 */
import type { AstNode } from 'langium';
import type { ContractAnalysis } from '../analysis/contract-analysis.js';
import { Dec } from '../decimal.js';
import { fixedDigits, formatCompactMoney, settledMoney } from '../format.js';
import * as ast from '../generated/ast.js';
import { lineOf } from '../model/build-model.js';
import type { ExpectationResult, Settlement, SettlementStep } from '../settlement/settlement-types.js';
import type { FigureSource } from './figure-source.js';

export interface LineFigure {
    /** Short, beside the line: `≈ $2.14M`, `benchmark ≈ $342.46M`, `credit 76.00%`, `✓ expected`. */
    label: string;
    /** The exact figure in a sentence (plain text). */
    text: string;
    /** Where the hint goes: after the block's `{` (providers, measures, scenarios) rather than the line's end. */
    atBrace?: boolean;
}

/** A percent as the settlement's explanations print it: at least two decimals, at most six. */
export function editorPercent(rate: Dec): string {
    return `${rate.isNegative() && !rate.isZero() ? '-' : ''}${fixedDigits(rate.times(100), 2, 6)}%`;
}

/** The steps of a settlement that came from a 1-based line. */
export function stepsOnLine(settlement: Settlement, line: number): SettlementStep[] {
    return settlement.steps.filter(s => s.line === line);
}

/** The step that is a line's figure: a corridor's own band, else the last amount the line produced. */
function stepOf(settlement: Settlement, node: AstNode, line: number): SettlementStep | undefined {
    const steps = stepsOnLine(settlement, line);
    if (ast.isCorridorLine(node)) {
        return steps.find(s => s.step === 'corridor' && s.amount !== undefined);
    }
    return [...steps].reverse().find(s => s.amount !== undefined);
}

/**
 * The figure of `node` (a line, block or section) under `source`; `line` is where the node is in
 * the text the settlement came from (the node's own line unless the figures are stale).
 */
export function lineFigure(node: AstNode, source: FigureSource, analysis: ContractAnalysis, line = lineOf(node)): LineFigure | undefined {
    const settlement = source.settlement;
    const model = analysis.model;
    const money = (amount: Dec): string => settledMoney(amount, model);
    const compact = (amount: Dec): string => `≈ ${formatCompactMoney(amount, model.currency)}`;
    const step = (): SettlementStep | undefined => stepOf(settlement, node, line);
    const fromStep = (prefix: string): LineFigure | undefined => {
        const found = step();
        return found?.amount !== undefined ? { label: `${prefix}${compact(found.amount)}`, text: found.explanation } : undefined;
    };

    if (ast.isBenchmarkLine(node)) {
        const written = stepsOnLine(settlement, line).find(s => s.step === 'benchmark' && s.amount !== undefined) ?? step();
        if (!written?.amount) {
            return undefined;
        }
        const final = settlement.benchmark.equals(written.amount) ? ''
            : ` Savings are measured against ${money(settlement.benchmark)}, after the steps listed in the hover.`;
        return { label: compact(written.amount), text: `Benchmark as written: ${money(written.amount)}.${final}` };
    }
    if (ast.isDiscountLine(node) || ast.isQualityWithholdLine(node) || ast.isHealthEquityLine(node)) {
        return fromStep('benchmark ');
    }
    if (ast.isMinimumSavingsRateLine(node) || ast.isMinimumLossRateLine(node)) {
        const kind = ast.isMinimumSavingsRateLine(node) ? 'minimum savings rate' : 'minimum loss rate';
        // The threshold in money: the rate the engine applied in this year, times its benchmark.
        const applied = settlement.steps.find(s => s.step === kind);
        if (!applied || settlement.minimumRate === undefined || settlement.minimumRate.isZero()) {
            return undefined;
        }
        const threshold = settlement.minimumRate.times(settlement.benchmark);
        const what = kind === 'minimum savings rate' ? 'Savings must reach' : 'Losses are owed past';
        return { label: compact(threshold), text: `${what} ${money(threshold)} (${editorPercent(settlement.minimumRate)} of the benchmark ${money(settlement.benchmark)}). ${applied.explanation}` };
    }
    if (ast.isCapLine(node)) {
        const found = step();
        if (found?.amount === undefined) {
            return undefined;
        }
        const index = settlement.steps.indexOf(found);
        const before = settlement.steps.slice(0, index).reverse().find(s => s.amount !== undefined)?.amount;
        const binds = before !== undefined && !before.abs().equals(found.amount.abs());
        return { label: `${binds ? 'capped' : 'within cap'} ${compact(found.amount)}`, text: found.explanation };
    }
    if (ast.isSequestrationLine(node)) {
        return fromStep('after ');
    }
    if (ast.isReserveLine(node)) {
        return fromStep('reserve ');
    }
    if (ast.isRemainderLine(node)) {
        return fromStep('to providers ');
    }
    if (ast.isSharingRateLine(node) || ast.isCorridorLine(node) || ast.isQualityTierLine(node) || ast.isBonusPoolLine(node)
        || ast.isMlrFloorLine(node) || ast.isSharingFloorLine(node) || ast.isHalfRateLine(node)) {
        return fromStep('');
    }
    if (ast.isEnrollmentType(node) || ast.isPersonYearsLine(node) || ast.isBaseCostLine(node) || ast.isBudgetTrendLine(node)
        || ast.isRiskScoreRatioLine(node) || ast.isRiskAdjustmentLine(node)) {
        return fromStep('');
    }
    if (ast.isCapitationRateLine(node) || ast.isCareCoordinationLine(node)) {
        const paid = settlement.capitation.find(c => c.line === line);
        return paid ? { label: compact(paid.paid), text: `Paid ${money(paid.paid)} in the year; withheld ${money(paid.withheld)}, returned ${money(paid.returned)}.` } : undefined;
    }
    if (ast.isCapitationWithholdLine(node) && settlement.capitation.length > 0) {
        const withheld = settlement.capitation.reduce((sum, c) => sum.plus(c.withheld), new Dec(0));
        const returned = settlement.capitation.reduce((sum, c) => sum.plus(c.returned), new Dec(0));
        return withheld.isZero() ? undefined
            : { label: `returned ${compact(returned)} of ${formatCompactMoney(withheld, model.currency)}`, text: `Withheld ${money(withheld)} from capitation in the year; returned ${money(returned)}.` };
    }
    if (ast.isProvider(node)) {
        const share = settlement.distribution?.providers.find(p => p.provider === node.name);
        return share ? { label: compact(share.amount), text: `${node.name}'s share of the distribution: ${money(share.amount)}.`, atBrace: true } : undefined;
    }
    if (ast.isMeasure(node)) {
        const measureLine = model.quality.measures.find(m => m.id === node.name)?.line ?? line;
        return creditFigure(settlement, measureLine, true);
    }
    if (ast.isResultLine(node)) {
        const id = node.measure?.$refText;
        const measureLine = model.quality.measures.find(m => m.id === id)?.line;
        return id && measureLine !== undefined ? creditFigure(settlement, measureLine, false) : undefined;
    }
    if (ast.isStandardLine(node)) {
        const verdict = settlement.qualityStandardMet ? 'met' : 'not met';
        return { label: `score ${editorPercent(settlement.qualityScore)}, ${verdict}`, text: `Quality score ${editorPercent(settlement.qualityScore)}: the standard is ${verdict}.` };
    }
    if (ast.isExpectEarnedLine(node) || ast.isExpectProviderLine(node) || ast.isExpectBonusLine(node)) {
        const result = settlement.expectations.find(e => e.line === line);
        return result && expectationFigure(result, money);
    }
    if (ast.isScenario(node) || ast.isProjectionYear(node)) {
        const owes = settlement.earned.isNegative();
        return {
            label: `${owes ? 'owes' : 'earned'} ${compact(settlement.earned.abs())}`,
            text: `${owes ? 'Owes' : 'Earned'} ${money(settlement.earned.abs())}`,
            atBrace: true
        };
    }
    return undefined;
}

function creditFigure(settlement: Settlement, measureLine: number, atBrace: boolean): LineFigure | undefined {
    const credit = settlement.steps.find(s => s.step === 'measure credit' && s.line === measureLine && s.rate !== undefined);
    return credit?.rate !== undefined ? { label: `credit ${editorPercent(credit.rate)}`, text: credit.explanation, atBrace } : undefined;
}

/** Pass or fail, with the difference when it fails. */
export function expectationFigure(result: Pick<ExpectationResult, 'passed' | 'expected' | 'actual'>, money: (amount: Dec) => string): LineFigure {
    if (result.passed) {
        return { label: '✓ met', text: `Met: the settlement gives ${money(result.actual)}, as expected.` };
    }
    const difference = result.actual.minus(result.expected);
    const signed = `${difference.isNegative() ? '−' : '+'}${money(difference.abs())}`;
    const side = difference.isNegative() ? 'less' : 'more';
    return { label: `✗ ${signed}`, text: `Fails: the settlement gives ${money(result.actual)}, ${money(difference.abs())} ${side} than the expected ${money(result.expected)}.` };
}
