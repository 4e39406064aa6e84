/** When one named measure misses: what clawbacks and measure-based withholds turn on. */
import type { Dec } from '../decimal.js';
import type { MeasureTerm } from '../model/contract-model.js';

/** A measure misses when its result is worse than its threshold (its target, without one). */
export function measureMisses(measure: MeasureTerm, result: Dec): boolean {
    const bar = measure.threshold ?? measure.target;
    if (bar === undefined) {
        return false;
    }
    return measure.lowerIsBetter ? result.greaterThan(bar) : result.lessThan(bar);
}
