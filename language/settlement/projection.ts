/**
 * A projection settled: each of its years in order, each under that year's terms and program
 * rules (`settle` picks the year's model), the benchmark carried by the contract's trend, the
 * advance investment balance carried from year to year in the ledger, and the term totals its
 * `expect term …` lines check.
 */
import { ZERO, type Dec } from '../decimal.js';
import type { ContractModel, ProjectionTerms } from '../model/contract-model.js';
import { modelForYear } from '../model/year-models.js';
import { yearLedger } from './ledger.js';
import { settle } from './settle.js';
import type { ProjectionSettlement, TermExpectationResult } from './settlement-types.js';

export function settleProjection(model: ContractModel, projection: ProjectionTerms): ProjectionSettlement {
    let advance: Dec = ZERO;
    let totalEarned: Dec = ZERO;
    let totalNetCash: Dec = ZERO;
    const years = projection.years.map((scenario) => {
        const settlement = settle(model, scenario);
        const ledger = yearLedger(modelForYear(model, settlement.year), scenario, settlement, advance);
        advance = ledger.advanceBalance;
        totalEarned = totalEarned.plus(settlement.earned);
        totalNetCash = totalNetCash.plus(ledger.netToAco);
        return { year: settlement.year, settlement: { ...settlement, ledger }, ledger };
    });
    const expectations = projection.expectations.map((expectation): TermExpectationResult => {
        const actual = expectation.kind === 'earned' ? totalEarned : totalNetCash;
        const tolerance = expectation.tolerance?.abs() ?? ZERO;
        return {
            kind: expectation.kind,
            expected: expectation.amount,
            actual,
            tolerance,
            passed: actual.minus(expectation.amount).abs().lessThanOrEqualTo(tolerance),
            line: expectation.line
        };
    });
    return { name: projection.name, line: projection.line, years, totalEarned, totalNetCash, expectations };
}

/** Every projection of the contract, in order. */
export function settleProjections(model: ContractModel): ProjectionSettlement[] {
    return model.projections.map((projection) => settleProjection(model, projection));
}
