/** Model types re-exported for the tests, plus the override shape `contract()` takes. */
import type { ContractModel, SavingsTerms } from '../../language/model/contract-model.js';

export type * from '../../language/model/contract-model.js';

export type PartialDeep = Partial<Omit<ContractModel, 'savings'>> & { savings?: Partial<SavingsTerms> };
