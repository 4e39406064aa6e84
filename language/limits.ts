/**
 * The largest values the language accepts, stated once: validation reports a value beyond one of
 * them as an error, the CLI refuses an option beyond one, and docs/language.md and docs/cli.md
 * print them. Each is far beyond any real contract, and small enough that every figure the engine
 * derives from it stays an ordinary number (no exponent notation, no float overflow in Monte
 * Carlo, no invalid calendar date).
 */

/** Money: one quadrillion ($10^15) either way; the largest ACO benchmark is about $10^10. */
export const MAX_MONEY = '1000000000000000';
/** Counts (beneficiaries, member months, attributed lives, quarters, seeds): one billion (10^9). */
export const MAX_COUNT = '1000000000';
/** Percents: ±1,000% (a rate is in 0–100% anyway; this bounds spreads, trends and shares). */
export const MAX_PERCENT_FRACTION = '10';
/** A performance year: ten years (120 months); the longest MSSP performance year was 21 months. */
export const MAX_PERFORMANCE_YEAR_MONTHS = 120;
/**
 * Monte Carlo trials: ten million. Each trial keeps one 8-byte result (sorted afterwards), so this
 * is about 160 MB and two seconds; `npm run bench` measures it.
 */
export const MAX_TRIALS = 10_000_000;
/** Monte Carlo seeds: 32 bits. */
export const MAX_SEED = 4_294_967_295;
