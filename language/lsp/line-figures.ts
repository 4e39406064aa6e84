/**
 * The one figure each line of a contract produces under a settlement, read from the settlement's
 * waterfall (the step on that line), its capitation, distribution or expectations: a short label
 * for the inlay hint and a sentence for the tooltip and the hover. Inlay hints and hovers both
 * read it, so the figure beside a line and the figure in its hover are the same figure.
 */
import type { AstNode } from 'langium';
import type { ContractAnalysis } from '../analysis/contract-analysis.js';
import { Dec, ZERO } from '../decimal.js';
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

/** What a figure rule reads: the settlement, the contract model, and the node's line in the settled text. */
interface FigureInputs {
    settlement: Settlement;
    analysis: ContractAnalysis;
    line: number;
}

/** A kind of node that has a figure, and how its figure is read. */
interface FigureRule {
    is: (node: unknown) => boolean;
    figure: (node: AstNode, inputs: FigureInputs) => LineFigure | undefined;
}

const money = (amount: Dec, { analysis }: FigureInputs): string => settledMoney(amount, analysis.model);
const compact = (amount: Dec, { analysis }: FigureInputs): string => `≈ ${formatCompactMoney(amount, analysis.model.currency)}`;

/** The line's own step as the figure, its amount short beside the line after `prefix`. */
function fromStep(prefix: string): FigureRule['figure'] {
    return (node, inputs) => {
        const found = stepOf(inputs.settlement, node, inputs.line);
        return found?.amount !== undefined ? { label: `${prefix}${compact(found.amount, inputs)}`, text: found.explanation } : undefined;
    };
}

function either(...guards: Array<(node: unknown) => boolean>): (node: unknown) => boolean {
    return node => guards.some(is => is(node));
}

/** Every kind of node with a figure, the first that matches a node giving its figure. */
const FIGURE_RULES: FigureRule[] = [
    {
        is: ast.isBenchmarkLine,
        figure: (node, inputs) => {
            const { settlement, line } = inputs;
            const written = stepsOnLine(settlement, line).find(s => s.step === 'benchmark' && s.amount !== undefined) ?? stepOf(settlement, node, line);
            if (!written?.amount) {
                return undefined;
            }
            const final = settlement.benchmark.equals(written.amount) ? ''
                : ` Savings are measured against ${money(settlement.benchmark, inputs)}, after the steps listed in the hover.`;
            return { label: compact(written.amount, inputs), text: `Benchmark as written: ${money(written.amount, inputs)}.${final}` };
        }
    },
    { is: either(ast.isDiscountLine, ast.isQualityWithholdLine, ast.isHealthEquityLine), figure: fromStep('benchmark ') },
    {
        is: either(ast.isMinimumSavingsRateLine, ast.isMinimumLossRateLine),
        figure: (node, inputs) => {
            const { settlement } = inputs;
            const kind = ast.isMinimumSavingsRateLine(node) ? 'minimum savings rate' : 'minimum loss rate';
            // The threshold in money: the rate the engine applied in this year, times its benchmark.
            const applied = settlement.steps.find(s => s.step === kind);
            if (!applied || settlement.minimumRate === undefined || settlement.minimumRate.isZero()) {
                return undefined;
            }
            const threshold = settlement.minimumRate.times(settlement.benchmark);
            const what = kind === 'minimum savings rate' ? 'Savings must reach' : 'Losses are owed past';
            return { label: compact(threshold, inputs), text: `${what} ${money(threshold, inputs)} (${editorPercent(settlement.minimumRate)} of the benchmark ${money(settlement.benchmark, inputs)}). ${applied.explanation}` };
        }
    },
    {
        is: ast.isCapLine,
        figure: (node, inputs) => {
            const { settlement } = inputs;
            const found = stepOf(settlement, node, inputs.line);
            if (found?.amount === undefined) {
                return undefined;
            }
            const index = settlement.steps.indexOf(found);
            const before = settlement.steps.slice(0, index).reverse().find(s => s.amount !== undefined)?.amount;
            const binds = before !== undefined && !before.abs().equals(found.amount.abs());
            return { label: `${binds ? 'capped' : 'within cap'} ${compact(found.amount, inputs)}`, text: found.explanation };
        }
    },
    { is: ast.isSequestrationLine, figure: fromStep('after ') },
    { is: ast.isReserveLine, figure: fromStep('reserve ') },
    { is: ast.isRemainderLine, figure: fromStep('to providers ') },
    {
        is: either(ast.isSharingRateLine, ast.isCorridorLine, ast.isQualityTierLine, ast.isBonusPoolLine, ast.isMlrFloorLine, ast.isSharingFloorLine, ast.isHalfRateLine,
            ast.isEnrollmentType, ast.isPersonYearsLine, ast.isBaseCostLine, ast.isBudgetTrendLine, ast.isRiskScoreRatioLine, ast.isRiskAdjustmentLine),
        figure: fromStep('')
    },
    {
        is: either(ast.isCapitationRateLine, ast.isCareCoordinationLine),
        figure: (_node, inputs) => {
            const paid = inputs.settlement.capitation.find(c => c.line === inputs.line);
            return paid ? { label: compact(paid.paid, inputs), text: `Paid ${money(paid.paid, inputs)} in the year; withheld ${money(paid.withheld, inputs)}, returned ${money(paid.returned, inputs)}.` } : undefined;
        }
    },
    {
        is: ast.isCapitationWithholdLine,
        figure: (_node, inputs) => {
            const { settlement } = inputs;
            if (settlement.capitation.length === 0) {
                return undefined;
            }
            const withheld = settlement.capitation.reduce((sum, c) => sum.plus(c.withheld), ZERO);
            const returned = settlement.capitation.reduce((sum, c) => sum.plus(c.returned), ZERO);
            return withheld.isZero() ? undefined
                : { label: `returned ${compact(returned, inputs)} of ${formatCompactMoney(withheld, inputs.analysis.model.currency)}`, text: `Withheld ${money(withheld, inputs)} from capitation in the year; returned ${money(returned, inputs)}.` };
        }
    },
    {
        is: ast.isProvider,
        figure: (node, inputs) => {
            const name = (node as ast.Provider).name;
            const share = inputs.settlement.distribution?.providers.find(p => p.provider === name);
            return share ? { label: compact(share.amount, inputs), text: `${name}'s share of the distribution: ${money(share.amount, inputs)}.`, atBrace: true } : undefined;
        }
    },
    {
        is: ast.isMeasure,
        figure: (node, { settlement, analysis, line }) => {
            const measureLine = analysis.model.quality.measures.find(m => m.id === (node as ast.Measure).name)?.line ?? line;
            return creditFigure(settlement, measureLine, true);
        }
    },
    {
        is: ast.isResultLine,
        figure: (node, { settlement, analysis }) => {
            const id = (node as ast.ResultLine).measure?.$refText;
            const measureLine = analysis.model.quality.measures.find(m => m.id === id)?.line;
            return id && measureLine !== undefined ? creditFigure(settlement, measureLine, false) : undefined;
        }
    },
    {
        is: ast.isStandardLine,
        figure: (_node, { settlement }) => {
            const verdict = settlement.qualityStandardMet ? 'met' : 'not met';
            return { label: `score ${editorPercent(settlement.qualityScore)}, ${verdict}`, text: `Quality score ${editorPercent(settlement.qualityScore)}: the standard is ${verdict}.` };
        }
    },
    {
        is: either(ast.isExpectEarnedLine, ast.isExpectProviderLine, ast.isExpectBonusLine),
        figure: (_node, inputs) => {
            const result = inputs.settlement.expectations.find(e => e.line === inputs.line);
            return result && expectationFigure(result, amount => money(amount, inputs));
        }
    },
    {
        is: either(ast.isScenario, ast.isProjectionYear),
        figure: (_node, inputs) => {
            const earned = inputs.settlement.earned;
            const owes = earned.isNegative();
            return {
                label: `${owes ? 'owes' : 'earned'} ${compact(earned.abs(), inputs)}`,
                text: `${owes ? 'Owes' : 'Earned'} ${money(earned.abs(), inputs)}`,
                atBrace: true
            };
        }
    }
];

/**
 * The rule of each node type, found once per type: a hint request walks every node in view, and
 * most (values, keywords' containers, sections) have no figure, so they are passed over with one
 * lookup instead of a test against every rule. A type's rule is the first whose test takes a node
 * of that type (the tests read only `$type`, subtypes included).
 */
const rulesByType = new Map<string, FigureRule | null>();

function ruleFor(type: string): FigureRule | undefined {
    let rule = rulesByType.get(type);
    if (rule === undefined) {
        const probe = { $type: type };
        rule = FIGURE_RULES.find(r => r.is(probe)) ?? null;
        rulesByType.set(type, rule);
    }
    return rule ?? undefined;
}

/** True when nodes of this one's type can have a figure (for skipping the rest cheaply). */
export function mayHaveFigure(node: AstNode): boolean {
    return ruleFor(node.$type) !== undefined;
}

/**
 * The figure of `node` (a line, block or section) under `source`; `line` is where the node is in
 * the text the settlement came from (the node's own line unless the figures are stale).
 */
export function lineFigure(node: AstNode, source: FigureSource, analysis: ContractAnalysis, line?: number): LineFigure | undefined {
    return ruleFor(node.$type)?.figure(node, { settlement: source.settlement, analysis, line: line ?? lineOf(node) });
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
