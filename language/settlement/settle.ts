/**
 * The settlement of one performance year: SETTLEMENT.md's numbered steps in order, each done by
 * the module that holds its rule. This file only sequences them and assembles the record.
 *
 * Step keys recorded in the waterfall, in order of appearance:
 * `benchmark`, `trend`, `discount` (1–2); `measure credit`, `quality score`, `quality standard` (3);
 * `quality withhold`, `health equity adjustment` (4); `expenditure` (5); `gross savings` (6);
 * savings: `guardrail`, `minimum savings rate`, `quality gate` or `alternative standard`,
 * `final sharing rate` or `corridor`… `shared savings`, `sequestration`, `savings cap` (7); losses: `minimum loss rate`, `loss sharing rate` or `corridor`…
 * `owed losses`, `loss cap`, `losses reduced`, `losses forgiven`, or `no shared losses` (8);
 * `no savings or losses` when G = 0; `earned` (9); `capitation` (10); `reserve`, `remainder`,
 * `provider share` (11).
 */
import { ZERO } from '../decimal.js';
import type { ContractModel, ScenarioTerms } from '../model/contract-model.js';
import { modelForYear, scenarioYear } from '../model/year-models.js';
import { assertPositiveBenchmark, baseBenchmark, discountedBenchmark, withholdFromBenchmark } from './benchmark.js';
import { settleCapitation } from './capitation.js';
import { distribute } from './distribution.js';
import { qualityBonus } from './quality-bonus.js';
import { advancePaidThrough, yearLedger } from './ledger.js';
import { checkExpectations } from './expectations.js';
import { expenditure, grossSavings } from './expenditure.js';
import { moneyText } from './explain.js';
import { lossRules, oweLosses } from './losses.js';
import { qualityScore, qualityStandardMet } from './quality-score.js';
import { DEFAULT_ROUNDING, roundMoney, roundingText, withoutNegativeZero } from './rounding.js';
import { savingsRules, shareSavings, type YearPosition } from './savings.js';
import type { Ledger, Settlement } from './settlement-types.js';
import { addStep, type Steps } from './waterfall.js';

/**
 * What to work out beyond earned. Capitation and the distribution cost a figure per line and per
 * provider; checking `expect earned` needs neither, so validation of large contracts skips them.
 */
export interface SettleOptions {
    /** Settle capitation lines (step 10). Default true. */
    capitation?: boolean;
    /** Divide earned among providers (step 11). Default true. */
    distribution?: boolean;
}

/** Settles one scenario. Throws SettlementError when the contract lacks a figure it needs. */
export function settle(contract: ContractModel, scenario: ScenarioTerms, options: SettleOptions = {}): Settlement {
    const steps: Steps = [];
    // The year's own terms and program rules (year N { … } blocks, that calendar year's preset).
    const year = scenarioYear(contract, scenario);
    const model = modelForYear(contract, year);
    const currency = model.currency;
    const rounding = model.rounding ?? DEFAULT_ROUNDING;
    const money = (amount: Parameters<typeof moneyText>[0]) => moneyText(amount, currency);

    // 1–4: the benchmark, the quality score and the quality withhold on the benchmark.
    const base = baseBenchmark(model, year, steps, scenario);
    const discounted = discountedBenchmark(model, base, steps);
    const quality = qualityScore(model, scenario, steps);
    const standardMet = qualityStandardMet(model, scenario, quality, steps);
    const { benchmark } = withholdFromBenchmark(model, discounted, quality, standardMet, steps);
    assertPositiveBenchmark(benchmark, model.population.benchmark?.line);

    // 5–6: expenditure and gross savings.
    const spent = expenditure(model, scenario, benchmark, steps);
    const { gross, rate } = grossSavings(model, benchmark, spent, steps, scenario.expenditure?.line);

    // 7–8: shared savings or owed losses.
    const position: YearPosition = {
        benchmark,
        gross,
        rate,
        quality,
        standardMet,
        alternativeMet: scenario.alternativeVerdict?.met === true,
        guardrail: scenario.guardrail !== undefined,
        standardLine: scenario.standardVerdict?.line ?? model.quality.standard?.line,
        alternativeLine: scenario.alternativeVerdict?.line,
        guardrailLine: scenario.guardrail?.line
    };
    let earnedExact = ZERO;
    let sequestered;
    let minimumRate;
    let finalSharingRate;
    let lossSharingRate;
    if (gross.greaterThan(0)) {
        const savings = shareSavings(savingsRules(model), position, currency, steps);
        ({ minimumRate, finalSharingRate, sequestered } = savings);
        earnedExact = savings.shared;
    } else if (gross.lessThan(0)) {
        const rules = lossRules(model);
        if (rules) {
            const losses = oweLosses(rules, position, scenario, currency, steps);
            ({ minimumRate, lossSharingRate } = losses);
            earnedExact = losses.owed;
        } else {
            addStep(
                steps,
                'no shared losses',
                () => `Gross loss ${money(gross.abs())}, but the contract has no shared losses, so the ACO owes nothing.`,
                scenario.expenditure?.line
            );
        }
    } else {
        addStep(steps, 'no savings or losses', () => 'Expenditure equals the benchmark: no savings to share and no losses to owe.', scenario.expenditure?.line);
    }
    earnedExact = withoutNegativeZero(earnedExact);

    // 9: earned, rounded: the figure `expect earned` checks.
    const earned = roundMoney(earnedExact, rounding);
    const what = earned.isNegative() ? 'owed losses' : 'shared savings';
    addStep(
        steps,
        'earned',
        () => (earned.equals(earnedExact)
            ? `Earned ${money(earned)}${earned.isZero() ? '' : ` (${what})`}.`
            : `Earned ${money(earned)} (${what}): ${money(earnedExact)} rounded ${roundingText(rounding)}.`),
        scenario.line,
        { amount: earned }
    );

    // Beside the settlement: the quality bonus pool, capitation; then the distribution of earned.
    const bonus = qualityBonus(model, benchmark, quality, standardMet, rounding, steps);
    const capitation = options.capitation === false ? [] : settleCapitation(model, scenario, quality, standardMet, rounding, steps);
    const distribution = options.distribution === false ? undefined : distribute(model, earned, rounding, steps);

    const settlement: Settlement = {
        scenario: scenario.name,
        scenarioLine: scenario.line,
        benchmark,
        expenditure: spent,
        grossSavings: gross,
        savingsRate: rate,
        qualityScore: quality,
        qualityStandardMet: standardMet,
        earnedExact,
        earned,
        capitation,
        steps,
        expectations: checkExpectations(scenario, earned, distribution, bonus),
        year
    };
    if (bonus !== undefined) {
        settlement.qualityBonus = bonus;
    }
    if (sequestered !== undefined) {
        settlement.sequestered = sequestered;
    }
    if (options.capitation !== false) {
        // Built when read (JSON, summaries, the editor): a lone scenario assumes every advance
        // investment paid before this year is still outstanding.
        let ledger: Ledger | undefined;
        Object.defineProperty(settlement, 'ledger', {
            enumerable: true,
            configurable: true,
            get: () => (ledger ??= yearLedger(model, scenario, settlement, advancePaidThrough(model.advanceInvestment, year - 1), rounding))
        });
    }
    if (minimumRate !== undefined) {
        settlement.minimumRate = minimumRate;
    }
    if (finalSharingRate !== undefined) {
        settlement.finalSharingRate = finalSharingRate;
    }
    if (lossSharingRate !== undefined) {
        settlement.lossSharingRate = lossSharingRate;
    }
    if (distribution) {
        settlement.distribution = distribution;
    }
    return settlement;
}

/** Every scenario of the contract, in order. */
export function settleAll(model: ContractModel): Settlement[] {
    return model.scenarios.map((scenario) => settle(model, scenario));
}
