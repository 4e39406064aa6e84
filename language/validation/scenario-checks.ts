/**
 * Scenarios: exactly one expenditure line, a quality score or a result for every measure, and
 * `expect` assertions that hold (a failed one is a warning that shows the computed figure).
 */
import { AstUtils, type ValidationAcceptor } from 'langium';
import * as ast from '../generated/ast.js';
import { settledMoney } from '../format.js';
import type { ContractAnalysis } from '../analysis/contract-analysis.js';
import type { ContractModel } from '../model/contract-model.js';
import { IssueCodes } from './issue-codes.js';
import { scenarioName, sentence } from './node-names.js';

export function checkScenarioShape(scenario: ast.Scenario, accept: ValidationAcceptor): void {
    // Expenditure by enrollment type is one expenditure, written over several lines.
    const byType = scenario.lines.filter(ast.isTypeExpenditureLine);
    const spending = [...byType.slice(0, 1), ...scenario.lines.filter(l => ast.isExpenditureLine(l) || ast.isSavingsLine(l))];
    if (spending.length === 0) {
        accept('error', `${sentence(scenarioName(scenario))} has no expenditure line: add \`expenditure $… per member per month\`, \`expenditure $… total\` or \`savings P%\`.`,
            { node: scenario, property: 'name', code: IssueCodes.MissingExpenditure });
    }
    for (const extra of spending.slice(1)) {
        accept('error', 'A scenario has one expenditure line; this one repeats it.', { node: extra, code: IssueCodes.DuplicateLine });
    }
    const contract = scenario.$container;
    const measures = contract.sections.find(ast.isQuality)?.lines.filter(ast.isMeasure) ?? [];
    if (measures.length === 0 || scenario.lines.some(ast.isQualityScoreLine)) {
        return;
    }
    const given = new Set(scenario.lines.filter(ast.isResultLine).map(r => r.measure?.$refText));
    const missing = measures.filter(m => !given.has(m.name)).map(m => m.name);
    if (missing.length > 0) {
        accept('error', given.size === 0
            ? `${sentence(scenarioName(scenario))} gives neither a quality score nor measure results: add \`quality score P%\` or a \`result\` for ${missing.join(', ')}.`
            : `${sentence(scenarioName(scenario))} has no result for ${missing.join(', ')}: give a \`result\` for every measure, or a \`quality score\`.`,
        { node: scenario, property: 'name', code: IssueCodes.MissingQuality });
    }
}

/**
 * Scenario lines that need a contract term to take effect: `alternative standard met|not met`
 * only matters under `alternative standard scaled` (written, or an MSSP preset from 2023).
 */
export function checkScenarioTerms(contract: ast.Contract, model: ContractModel, accept: ValidationAcceptor): void {
    if (model.quality.alternativeStandard) {
        return;
    }
    for (const scenario of contract.sections.filter(ast.isScenario)) {
        for (const line of scenario.lines.filter(ast.isAlternativeStandardVerdictLine)) {
            accept('warning', 'The contract has no alternative quality standard, so this line changes nothing: add `alternative standard scaled` to the quality section (MSSP presets supply it from 2023).',
                { node: line, code: IssueCodes.NoEffect });
        }
    }
}

/** Warns on each `expect` line whose figure differs from the settlement, showing the computed one. */
export function checkExpectations(contract: ast.Contract, analysis: ContractAnalysis, accept: ValidationAcceptor): void {
    const scenarios = contract.sections.filter(ast.isScenario);
    const model = analysis.model;
    scenarios.forEach((scenario, index) => {
        const hasExpectations = analysis.model.scenarios[index]?.expectations.length;
        const settlement = hasExpectations ? analysis.check(index) : undefined;
        if (!settlement) {
            return;
        }
        const lines = scenario.lines.filter(l => ast.isExpectEarnedLine(l) || ast.isExpectProviderLine(l));
        for (const result of settlement.expectations) {
            if (result.passed) {
                continue;
            }
            const line = lines.find(l => (l.$cstNode?.range.start.line ?? -1) + 1 === result.line);
            if (!line) {
                continue;
            }
            const actual = settledMoney(result.actual, model);
            const expected = settledMoney(result.expected, model);
            const what = result.kind === 'earned' ? 'earns' : `pays provider ${result.providerId}`;
            accept('warning', `Expected ${expected}, but ${scenarioName(scenario)} ${what} ${actual}.`, {
                node: line, property: 'amount', code: IssueCodes.ExpectationFailed,
                data: { code: IssueCodes.ExpectationFailed, replacement: actual }
            });
        }
    });
}

/**
 * Projections: each year's own `expect` lines, and the `expect term …` lines against the term
 * totals; a projection that cannot be settled is an error with the engine's reason.
 */
export function checkProjectionExpectations(contract: ast.Contract, analysis: ContractAnalysis, accept: ValidationAcceptor): void {
    const model = analysis.model;
    contract.sections.filter(ast.isProjection).forEach((projection, index) => {
        const settled = analysis.projection(index);
        if (!settled) {
            const reason = analysis.unsettledProjections.get(index);
            if (reason) {
                accept('error', `Projection "${projection.name}" cannot be settled: ${reason}`, { node: projection, property: 'name', code: IssueCodes.CannotSettle });
            }
            return;
        }
        const lineAt = (line: number) => AstUtils.streamAst(projection).find(node => (node.$cstNode?.range.start.line ?? -1) + 1 === line
            && (ast.isExpectEarnedLine(node) || ast.isExpectProviderLine(node) || ast.isExpectTermLine(node)));
        for (const { settlement } of settled.years) {
            for (const result of settlement.expectations.filter(e => !e.passed)) {
                const node = lineAt(result.line);
                if (node) {
                    const actual = settledMoney(result.actual, model);
                    accept('warning', `Expected ${settledMoney(result.expected, model)}, but year ${settlement.year} of projection "${projection.name}" ${result.kind === 'earned' ? 'earns' : `pays provider ${result.providerId}`} ${actual}.`,
                        { node, property: 'amount', code: IssueCodes.ExpectationFailed, data: { code: IssueCodes.ExpectationFailed, replacement: actual } });
                }
            }
        }
        for (const result of settled.expectations.filter(e => !e.passed)) {
            const node = lineAt(result.line);
            if (node) {
                const actual = settledMoney(result.actual, model);
                accept('warning', `Expected ${settledMoney(result.expected, model)}, but projection "${projection.name}" ${result.kind === 'earned' ? 'earns' : 'nets the ACO'} ${actual} over the term.`,
                    { node, property: 'amount', code: IssueCodes.ExpectationFailed, data: { code: IssueCodes.ExpectationFailed, replacement: actual } });
            }
        }
    });
}
