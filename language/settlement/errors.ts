/**
 * The one error a settlement raises: the contract (or scenario) lacks something the arithmetic
 * needs. Validation reports the same gaps as diagnostics first, so a contract without errors
 * never throws; the line lets a caller that settles anyway point at the clause.
 */
export class SettlementError extends Error {
    constructor(
        message: string,
        /** 1-based line of the clause at fault, when known. */
        readonly line?: number
    ) {
        super(message);
        this.name = 'SettlementError';
    }
}
