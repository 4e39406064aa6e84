/**
 * The settlement engine's public API: pure functions from a contract model to settlements,
 * presets as data, and Monte Carlo. No Langium, LSP, file system or VS Code in here.
 */
export { settle, settleAll } from './settle.js';
export { SettlementError } from './errors.js';
export { DEFAULT_ROUNDING, moneyPlaces, moneyUnit, roundMoney } from './rounding.js';
export { memberMonths } from './benchmark.js';
export { measureCredit } from './quality-score.js';
export { splitByLargestRemainder } from './distribution.js';
export {
    MSSP_FIRST_YEAR,
    MSSP_LAST_YEAR,
    MSSP_MINIMUM_BENEFICIARIES,
    MSSP_VARIABLE_MSR_MINIMUM_BENEFICIARIES,
    REACH_FIRST_YEAR,
    REACH_LAST_YEAR,
    msspTrackIsTwoSided,
    msspVariableMinimumRate,
    presetProblem,
    presetTerms,
    programLabel,
    type PresetTerms
} from './presets.js';
export {
    MonteCarloCancelledError,
    runMonteCarlo,
    runMonteCarloAsync,
    type MonteCarloHistogram,
    type MonteCarloOptions,
    type MonteCarloResult
} from './monte-carlo.js';
export { SettlementKernel } from './monte-carlo-kernel.js';
export { runTermMonteCarlo, type TermMonteCarloOptions, type TermMonteCarloResult } from './monte-carlo-term.js';
export { settleProjection, settleProjections } from './projection.js';
export { advancePaidIn, advancePaidThrough, yearLedger } from './ledger.js';
export { measureMisses } from './measure-misses.js';
export type * from './settlement-types.js';
