/**
 * Step 3 of SETTLEMENT.md: the quality score Q and whether the quality standard is met.
 */
import { Dec, ONE, ZERO } from '../decimal.js';
import type { ContractModel, MeasureTerm, ScenarioTerms } from '../model/contract-model.js';
import { SettlementError } from './errors.js';
import { percentText } from './explain.js';
import { exact } from './arithmetic.js';
import { standardMet } from './year-rules.js';
import { addStep, type Steps } from './waterfall.js';

function clamp01(value: Dec): Dec {
    return Dec.max(ZERO, Dec.min(ONE, value));
}

/**
 * A measure's credit for result `x`: linear between threshold and target, clamped to [0, 1]
 * (`(x − t) / (g − t)`, or `(t − x) / (t − g)` when lower is better, which is the same
 * expression). Without a threshold (or with threshold = target, where the line has no slope) the
 * measure is all or nothing at its target.
 */
export function measureCredit(measure: MeasureTerm, result: Dec): Dec {
    const target = measure.target;
    if (!target) {
        throw new SettlementError(`Measure ${measure.id} has no target, so its result cannot be scored.`, measure.line);
    }
    const threshold = measure.threshold;
    if (!threshold || threshold.equals(target)) {
        const meets = measure.lowerIsBetter ? result.lessThanOrEqualTo(target) : result.greaterThanOrEqualTo(target);
        return meets ? ONE : ZERO;
    }
    return clamp01(result.minus(threshold).dividedBy(target.minus(threshold)));
}

/**
 * Measure weights: as stated; when no measure states one, all weigh the same. A measure without
 * a weight among weighted ones counts 0 (validation requires weights summing to 100%).
 */
function measureWeights(measures: readonly MeasureTerm[]): Dec[] {
    const anyWeight = measures.some((measure) => measure.weight !== undefined);
    return measures.map((measure) => (anyWeight ? (measure.weight ?? ZERO) : ONE));
}

/**
 * Q: the scenario's `quality score`; else the weighted average of the measure credits; else 1
 * (a contract without measures whose scenario gives no score).
 */
export function qualityScore(model: ContractModel, scenario: ScenarioTerms, steps: Steps): Dec {
    if (scenario.qualityScore) {
        const score = scenario.qualityScore.rate;
        addStep(steps, 'quality score', () => `Quality score ${percentText(score)}, as the scenario states.`, scenario.qualityScore.line, {
            rate: score
        });
        return score;
    }
    const measures = model.quality.measures;
    if (measures.length === 0) {
        addStep(
            steps,
            'quality score',
            () => 'The contract has no quality measures and the scenario gives no quality score, so the quality score is 100%.',
            scenario.line,
            { rate: ONE }
        );
        return ONE;
    }
    const weights = measureWeights(measures);
    const totalWeight = weights.reduce((sum, weight) => sum.plus(weight), ZERO);
    if (!totalWeight.greaterThan(0)) {
        throw new SettlementError('The quality measures have no weight, so no quality score can be formed.', measures[0].line);
    }
    let weighted = ZERO;
    measures.forEach((measure, index) => {
        const result = scenario.results.get(measure.id);
        if (!result) {
            throw new SettlementError(
                `Scenario "${scenario.name}" gives neither a quality score nor a result for measure ${measure.id}.`,
                scenario.line
            );
        }
        const credit = measureCredit(measure, result);
        weighted = weighted.plus(weights[index].times(credit));
        addStep(steps, 'measure credit', () => creditExplanation(measure, result, credit), measure.line, { rate: credit });
    });
    const score = weighted.dividedBy(totalWeight);
    addStep(
        steps,
        'quality score',
        () => `Quality score ${percentText(score)}: the weighted average of ${measures.length} measure credit${measures.length === 1 ? '' : 's'}.`,
        scenario.line,
        { rate: score }
    );
    return score;
}

function creditExplanation(measure: MeasureTerm, result: Dec, credit: Dec): string {
    const direction = measure.lowerIsBetter ? 'lower is better' : 'higher is better';
    const against = measure.threshold
        ? `threshold ${percentText(measure.threshold)} and target ${percentText(measure.target ?? ZERO)}`
        : `target ${percentText(measure.target ?? ZERO)}, all or nothing`;
    return `${measure.id} result ${percentText(result)} against ${against} (${direction}): credit ${percentText(credit)}.`;
}

/**
 * The quality standard is met when the scenario says so (`quality standard met|not met`), else
 * when Q ≥ standard, else (no standard) always.
 */
export function qualityStandardMet(model: ContractModel, scenario: ScenarioTerms, score: Dec, steps: Steps): boolean {
    const verdict = scenario.standardVerdict;
    const standard = model.quality.standard;
    const met = standardMet(exact, score, standard?.rate, verdict?.met);
    if (verdict) {
        addStep(
            steps,
            'quality standard',
            () => `The quality standard is ${verdict.met ? 'met' : 'not met'}, as the scenario states.`,
            verdict.line
        );
        return met;
    }
    if (!standard) {
        addStep(steps, 'quality standard', () => 'The contract sets no quality standard, so it is met.', undefined);
        return met;
    }
    addStep(
        steps,
        'quality standard',
        () => `Quality score ${percentText(score)} is ${met ? 'at or above' : 'below'} the ${percentText(standard.rate)} standard, so the quality standard is ${met ? 'met' : 'not met'}.`,
        standard.line,
        { rate: standard.rate }
    );
    return met;
}
