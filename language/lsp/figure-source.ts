/**
 * Which settlement an editor figure comes from. A line inside a scenario shows that scenario's
 * figures; a line inside a projection year, that year's settlement of the projection; a line in a
 * `year N { … }` block of terms, a settlement of year N (a projection's, else a scenario's); every other
 * line, the driving scenario: the one the cursor is in, else the one picked in the status bar (or
 * named in `aco.inlayHints.scenario`), else the first that settles. Every figure names its source.
 */
import { AstUtils, type AstNode } from 'langium';
import type { ContractAnalysis } from '../analysis/contract-analysis.js';
import * as ast from '../generated/ast.js';
import { lineOf } from '../model/build-model.js';
import type { Settlement } from '../settlement/settlement-types.js';
import { codeSpan } from './markdown-text.js';

/** Why the driving scenario is the one it is, in words for a tooltip or the status bar. */
export type DrivingReason = 'cursor' | 'picked' | 'setting' | 'first';

export interface FigureSource {
    settlement: Settlement;
    /** `scenario "Loss year"`, or `projection "Base case", year 2`. */
    label: string;
    /** The scenario's index in the model, for a scenario. */
    scenarioIndex?: number;
    /** The projection's index and the year's position in it, for a projection year. */
    projection?: { index: number; year: number; name: string };
    /** Set on the driving source: why it drives. */
    reason?: DrivingReason;
    /** A scenario the author named (setting or pick) that the contract does not have. */
    missing?: string;
}

export const REASON_TEXT: Record<DrivingReason, string> = {
    cursor: 'the scenario the cursor is in',
    picked: 'the scenario picked in the status bar',
    setting: 'the scenario named in aco.inlayHints.scenario',
    first: 'the first scenario that settles'
};

/** What the author chose for one document: a pick from the status bar, the setting, the cursor's line. */
export interface DrivingChoice {
    picked?: string;
    setting?: string;
    /** 1-based line of the cursor, when the client reports it. */
    cursorLine?: number;
}

/** The source label as Markdown: the name in a code span. */
export function labelMarkdown(source: FigureSource): string {
    if (source.projection) {
        return `projection ${codeSpan(source.projection.name)}, year ${source.settlement.year}`;
    }
    return `scenario ${codeSpan(source.settlement.scenario)}`;
}

/** A scenario's settlement: in full, or (`full` false) only as far as its earned figure and `expect` lines need. */
export function scenarioSource(analysis: ContractAnalysis, index: number, full = true): FigureSource | undefined {
    const settlement = index < 0 ? undefined : full ? analysis.settlement(index) : analysis.check(index);
    return settlement && { settlement, label: `scenario "${settlement.scenario}"`, scenarioIndex: index };
}

/** The settlement of one year of a projection (`year` is the year block's position in it). */
export function projectionYearSource(analysis: ContractAnalysis, index: number, year: number): FigureSource | undefined {
    const projection = analysis.projection(index);
    const settled = projection?.years[year];
    return projection && settled && {
        settlement: settled.settlement,
        label: `projection "${projection.name}", year ${settled.year}`,
        projection: { index, year, name: projection.name }
    };
}

/** The scenario or projection year a node lies in, and its settlement (undefined when it cannot settle). */
export function enclosingSource(analysis: ContractAnalysis, node: AstNode, full = true): { found: boolean; source?: FigureSource } {
    const scenario = AstUtils.getContainerOfType(node, ast.isScenario);
    if (scenario) {
        return { found: true, source: scenarioSource(analysis, analysis.scenarioIndexAtLine(lineOf(scenario)), full) };
    }
    const year = AstUtils.getContainerOfType(node, ast.isProjectionYear);
    const projection = year && AstUtils.getContainerOfType(year, ast.isProjection);
    const contract = projection && AstUtils.getContainerOfType(projection, ast.isContract);
    if (year && projection && contract) {
        const index = contract.sections.filter(ast.isProjection).indexOf(projection);
        return { found: true, source: projectionYearSource(analysis, index, projection.items.filter(ast.isProjectionYear).indexOf(year)) };
    }
    // Terms that change from year N on: that year's settlement, of a projection or of a scenario set in that year.
    const terms = AstUtils.getContainerOfType(node, ast.isYearTerms);
    if (terms) {
        return { found: true, source: yearSource(analysis, Number(terms.year)) };
    }
    return { found: false };
}

/** A settlement of performance year `year`: a projection's year, else a scenario with `year N`. */
function yearSource(analysis: ContractAnalysis, year: number): FigureSource | undefined {
    for (let index = 0; index < analysis.model.projections.length; index++) {
        const position = analysis.model.projections[index].years.findIndex(y => y.year?.year === year);
        const source = position >= 0 ? projectionYearSource(analysis, index, position) : undefined;
        if (source) {
            return source;
        }
    }
    return scenarioSource(analysis, analysis.model.scenarios.findIndex(s => s.year?.year === year));
}

/** The innermost node that starts on a 1-based line (a scenario or projection year line, or one of theirs). */
function nodeAtLine(root: ast.Contract, line: number): AstNode | undefined {
    let found: AstNode | undefined;
    for (const node of AstUtils.streamAst(root)) {
        const range = node.$cstNode?.range;
        if (range && range.start.line + 1 <= line && range.end.line + 1 >= line) {
            found = node;
        }
    }
    return found;
}

/** Index of the scenario whose name matches, exactly or else ignoring case; -1 if none. */
export function scenarioNamed(analysis: ContractAnalysis, name: string): number {
    const scenarios = analysis.model.scenarios;
    const exact = scenarios.findIndex(s => s.name === name);
    return exact >= 0 ? exact : scenarios.findIndex(s => s.name.toLocaleLowerCase() === name.trim().toLocaleLowerCase());
}

/** The source of every figure outside a scenario or projection year. */
export function drivingSource(analysis: ContractAnalysis, root: ast.Contract | undefined, choice: DrivingChoice): FigureSource | undefined {
    if (root && choice.cursorLine !== undefined) {
        const node = nodeAtLine(root, choice.cursorLine);
        const inside = node && enclosingSource(analysis, node);
        if (inside?.source) {
            return { ...inside.source, reason: 'cursor' };
        }
    }
    let missing: string | undefined;
    for (const [name, reason] of [[choice.picked, 'picked'], [choice.setting, 'setting']] as const) {
        if (!name) {
            continue;
        }
        const index = scenarioNamed(analysis, name);
        const source = scenarioSource(analysis, index);
        if (source) {
            return { ...source, reason };
        }
        missing ??= index < 0 ? name : undefined;
    }
    for (let index = 0; index < analysis.model.scenarios.length; index++) {
        const source = scenarioSource(analysis, index);
        if (source) {
            return { ...source, reason: 'first', missing };
        }
    }
    return undefined;
}

/** The source of a figure on `node`'s line: its own scenario or projection year, else the driving one. */
export function sourceFor(analysis: ContractAnalysis, node: AstNode, driving: FigureSource | undefined): FigureSource | undefined {
    const inside = enclosingSource(analysis, node);
    return inside.found ? inside.source : driving;
}
