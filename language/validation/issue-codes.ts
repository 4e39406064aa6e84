/**
 * Every diagnostic code the language reports, in one place. Codes are stable: CI configurations
 * (`--format sarif`, JSON consumers) and quick fixes refer to them. Kept apart from the validator
 * so code actions can import them without import loops.
 */
export const IssueCodes = {
    // Errors: the contract cannot be settled.
    SyntaxError: 'syntax-error',
    UnknownProvider: 'unknown-provider',
    UnknownMeasure: 'unknown-measure',
    DuplicateId: 'duplicate-id',
    DuplicateSection: 'duplicate-section',
    DuplicateLine: 'duplicate-line',
    MisplacedLine: 'misplaced-line',
    PercentRange: 'percent-range',
    NegativeAmount: 'negative-amount',
    NotWholeNumber: 'not-whole-number',
    CurrencyMismatch: 'currency-mismatch',
    UnknownCurrency: 'unknown-currency',
    InvalidDate: 'invalid-date',
    EndBeforeStart: 'end-before-start',
    TermTooShort: 'term-too-short',
    WeightsSum: 'weights-sum',
    SharesSum: 'shares-sum',
    MissingAttributed: 'missing-attributed',
    AttributedExceedsAssigned: 'attributed-exceeds-assigned',
    ThresholdSide: 'threshold-side',
    MissingTarget: 'missing-target',
    CorridorOrder: 'corridor-order',
    CorridorGap: 'corridor-gap',
    CorridorOverlap: 'corridor-overlap',
    LossRateBounds: 'loss-rate-bounds',
    ComplementNotOne: 'complement-not-one',
    MissingLossCap: 'missing-loss-cap',
    RateAndCorridors: 'rate-and-corridors',
    MissingExpenditure: 'missing-expenditure',
    MissingQuality: 'missing-quality',
    MissingBenchmark: 'missing-benchmark',
    MissingBeneficiaries: 'missing-beneficiaries',
    VariableMinimumTooSmall: 'variable-minimum-too-small',
    UnknownTrack: 'unknown-track',
    UnsupportedProgram: 'unsupported-program',
    MissingDistributionKey: 'missing-distribution-key',
    MissingMinimumRate: 'missing-minimum-rate',
    IncompleteUncertainty: 'incomplete-uncertainty',
    InvalidYear: 'invalid-year',
    CannotSettle: 'cannot-settle',
    // Warnings: legal, but likely a mistake or a risk.
    BelowMinimumBeneficiaries: 'below-minimum-beneficiaries',
    MsrBelowVariation: 'msr-below-variation',
    SavingsCapBelowLossCap: 'savings-cap-below-loss-cap',
    ExpectationFailed: 'expectation-failed',
    PresetOverride: 'preset-override',
    CapitationDoubleCount: 'capitation-double-count'
} as const;

export type IssueCode = (typeof IssueCodes)[keyof typeof IssueCodes];

/** The codes reported as warnings (legal, but likely a mistake or a risk); every other code is an error. */
export const WarningCodes: ReadonlySet<IssueCode> = new Set<IssueCode>([
    IssueCodes.BelowMinimumBeneficiaries, IssueCodes.MsrBelowVariation, IssueCodes.SavingsCapBelowLossCap,
    IssueCodes.ExpectationFailed, IssueCodes.PresetOverride, IssueCodes.CapitationDoubleCount
]);

/** One-line help per code, for SARIF rules and hover. */
export const IssueHelp: Record<IssueCode, string> = {
    'syntax-error': 'The text does not follow the contract language; the message says what was expected.',
    'unknown-provider': 'A provider ID is used that no `provider` in the `providers` section declares.',
    'unknown-measure': 'A measure ID is used that no `measure` in the `quality` section declares.',
    'duplicate-id': 'Two providers or measures share an ID; IDs must be unique within a contract.',
    'duplicate-section': 'A section appears twice; every section except `scenario` appears at most once.',
    'duplicate-line': 'A term is given twice within a section; only one can apply.',
    'misplaced-line': 'A term stands in a section where it has no meaning (e.g. a minimum loss rate under shared savings).',
    'percent-range': 'A rate must lie between 0% and 100%.',
    'negative-amount': 'Money amounts and counts cannot be negative here.',
    'not-whole-number': 'Counts (beneficiaries, months, trials, years) are whole numbers.',
    'currency-mismatch': "A money amount's symbol does not match the contract's `currency`.",
    'unknown-currency': 'The `currency` line names a currency the language does not know (USD, GBP or EUR).',
    'invalid-date': 'Dates are ISO calendar dates (YYYY-MM-DD) that exist.',
    'end-before-start': 'The term must end after it starts.',
    'term-too-short': 'The term must cover at least one performance year.',
    'weights-sum': 'Quality measure weights must sum to 100%.',
    'shares-sum': 'Provider shares must sum to 100% when the remainder is split by fixed shares.',
    'missing-attributed': 'Splitting by attributed lives needs `attributed` on every provider.',
    'attributed-exceeds-assigned': 'Providers together cannot have more attributed lives than the assigned beneficiaries.',
    'threshold-side': 'A threshold must be on the worse side of its target (higher when lower is better).',
    'missing-target': 'A quality measure needs a `target`.',
    'corridor-order': 'Corridors must be listed in ascending order.',
    'corridor-gap': 'Corridors must cover the whole range without gaps.',
    'corridor-overlap': 'Corridors must not overlap.',
    'loss-rate-bounds': 'The floor of a loss sharing rate cannot be above its ceiling.',
    'complement-not-one': 'The complement form reads `sharing rate 1 - final sharing rate between F% and C%`.',
    'missing-loss-cap': 'A two-sided contract must cap shared losses.',
    'rate-and-corridors': 'Give either one sharing rate or corridors, not both.',
    'missing-expenditure': 'A scenario needs one expenditure line (`expenditure …` or `savings P%`).',
    'missing-quality': 'In a contract with measures, a scenario needs a `quality score` or a `result` for every measure.',
    'missing-benchmark': 'A contract with scenarios needs a benchmark in its `population` section.',
    'missing-beneficiaries': 'A per-member benchmark, expenditure or capitation needs `assigned beneficiaries` (or `member months`).',
    'variable-minimum-too-small': 'The MSSP variable minimum savings rate table starts at 5,000 beneficiaries; state the rate below that.',
    'unknown-track': 'MSSP tracks are `track 1`, `track 1+`, `track 2`, `track 3`, `BASIC A` … `BASIC E` and `ENHANCED`.',
    'unsupported-program': 'The program preset does not cover this track and year.',
    'missing-distribution-key': 'A distribution needs a `remainder` line saying how the pool is split.',
    'below-minimum-beneficiaries': 'Fewer assigned beneficiaries than the program or contract minimum.',
    'msr-below-variation': 'The minimum savings rate is below what random variation alone would exceed at this population size.',
    'savings-cap-below-loss-cap': 'The ACO can lose more than it can gain: the savings cap is below the loss cap.',
    'expectation-failed': 'A scenario expectation does not match what the contract settles to.',
    'preset-override': "A written term departs from the `program` preset's published rules.",
    'capitation-double-count': 'Total-care capitation with a benchmark that already includes those services counts them twice.',
    'missing-minimum-rate': 'A two-sided MSSP contract must state its elected minimum savings rate (used for losses too).',
    'incomplete-uncertainty': 'An uncertainty block needs an expenditure or savings distribution, and ranges that run from low to high.',
    'invalid-year': 'Performance years are counted from 1.',
    'cannot-settle': 'The engine cannot settle this scenario; the message says what it lacks.'
};
