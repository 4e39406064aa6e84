/**
 * The one validator registry: which check runs on which node type. The checks themselves live in
 * files grouped by what they look at (values, structure, quality, sharing, sums, the whole
 * contract, scenarios, plausibility, effects, program terms); every diagnostic code is in
 * issue-codes.ts. The checks that settle the contract
 * (failed expectations, scenarios that cannot settle) run last, in AcoDocumentValidator, once no
 * rule here has reported an error.
 */
import { AstUtils, type AstNode, type ValidationAcceptor, type ValidationChecks } from 'langium';
import * as ast from '../generated/ast.js';
import type { AcoServices } from '../aco-module.js';
import { ContractAnalyzer } from '../analysis/contract-analysis.js';
import {
    checkCapitationDoubleCount, checkDistribution, checkPopulation, checkPresetOverrides, checkRiskTerms, checkTerm, checkUncertainty
} from './contract-checks.js';
import { checkAgreementYears } from './agreement-checks.js';
import { checkRiskAllocation } from './risk-checks.js';
import { checkBaseYearFigures, checkBaseYearWeights, checkBenchmarkBuild, checkRiskScoreRatio } from './benchmark-checks.js';
import { checkEffects } from './effect-checks.js';
import { checkPlausibility, checkRatePlausibility, RATE_LINE_TYPES } from './plausibility-checks.js';
import { checkPresetTerms } from './preset-term-checks.js';
import { checkMeasure } from './quality-checks.js';
import { checkScenarioShape, checkScenarioTerms } from './scenario-checks.js';
import { checkSharingForm, checkSharingRate } from './sharing-checks.js';
import {
    checkLossesLinesPlacement, checkProgram, checkSavingsLinesPlacement, checkSectionLines, checkSections, checkUniqueIds
} from './structure-checks.js';
import { checkAttributedTotal, checkShares, checkWeights } from './sum-checks.js';
import { checkCounts, checkCurrency, checkDate, checkMagnitudes, checkMoney, checkRates, checkYear } from './value-checks.js';

export function registerValidationChecks(services: AcoServices): void {
    const registry = services.validation.ValidationRegistry;
    const validator = services.validation.AcoValidator;
    const checks: ValidationChecks<ast.AcoAstType> = {
        AstNode: validator.checkValues,
        Contract: validator.checkContract,
        ProgramLine: checkProgram,
        CurrencyLine: checkCurrency,
        StartLine: checkDate,
        YearLine: checkYear,
        PerformanceYearLine: checkYear,
        EndLine: checkDate,
        Parties: checkSectionLines,
        Term: checkSectionLines,
        Population: checkSectionLines,
        BenchmarkBuild: checkSectionLines,
        EnrollmentType: checkSectionLines,
        BaseYearWeightsLine: checkBaseYearWeights,
        BaseCostsLine: checkBaseYearFigures,
        RiskScoresLine: checkBaseYearFigures,
        NationalCostsLine: checkBaseYearFigures,
        RegionalCostsLine: checkBaseYearFigures,
        NationalWeightsLine: checkBaseYearFigures,
        RiskScoreRatioLine: checkRiskScoreRatio,
        Provider: checkSectionLines,
        Capitation: checkSectionLines,
        SharedSavings: [checkSectionLines, checkSavingsLinesPlacement, checkSharingForm],
        SharedLosses: [checkSectionLines, checkLossesLinesPlacement, checkSharingForm],
        SharingRateLine: checkSharingRate,
        Quality: [checkSectionLines, checkWeights],
        Measure: [checkSectionLines, checkMeasure],
        Distribution: checkSectionLines,
        Scenario: [checkSectionLines, checkScenarioShape],
        Uncertainty: checkSectionLines
    };
    registry.register(checks, validator);
    // Every rate line type, several of which have checks above: a second set rather than arrays in each.
    registry.register(Object.fromEntries(RATE_LINE_TYPES.map(type => [type, validator.checkRatePlausibility])), validator);
}

export class AcoValidator {
    private readonly analyzer: ContractAnalyzer;

    constructor(services: AcoServices) {
        this.analyzer = services.analysis.ContractAnalyzer;
    }

    /** Value checks apply to any node that has money, percent or count properties. */
    checkValues(node: AstNode, accept: ValidationAcceptor): void {
        checkRates(node, accept);
        checkMoney(node, accept);
        checkCounts(node, accept);
        checkMagnitudes(node, accept);
    }

    /** A rate far outside what programs use; the contract model (for a minimum rate's ceiling) from the cached analysis. */
    checkRatePlausibility(node: AstNode, accept: ValidationAcceptor): void {
        checkRatePlausibility(node, () => this.analyzer.analyze(AstUtils.getDocument(node))?.model, accept);
    }

    /** Checks across sections, read from the contract model of the cached analysis. */
    checkContract(contract: ast.Contract, accept: ValidationAcceptor): void {
        checkSections(contract, accept);
        checkUniqueIds(contract, accept);
        const analysis = this.analyzer.analyzeNode(contract);
        if (!analysis) {
            return;
        }
        const model = analysis.model;
        checkTerm(contract, model, accept);
        checkPopulation(contract, model, accept);
        checkBenchmarkBuild(contract, model, accept);
        checkDistribution(contract, model, accept);
        checkRiskTerms(contract, model, accept);
        checkCapitationDoubleCount(contract, model, accept);
        checkUncertainty(contract, model, accept);
        checkPresetOverrides(contract, model, accept);
        checkScenarioTerms(contract, model, accept);
        checkShares(contract, model, accept);
        checkAttributedTotal(contract, model, accept);
        checkPlausibility(contract, model, accept);
        checkEffects(contract, model, accept);
        checkPresetTerms(contract, model, accept);
        checkAgreementYears(contract, model, accept);
        checkRiskAllocation(contract, model, accept);
        // Failed `expect` lines and unsettleable scenarios are checked after every other rule,
        // and only when none reported an error: see AcoDocumentValidator.
    }
}
