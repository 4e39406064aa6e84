/**
 * Quality measures: thresholds on the worse side of their targets, and a target on every measure.
 * (Weights that sum to 100% are checked in sum-checks.ts.)
 */
import type { ValidationAcceptor } from 'langium';
import * as ast from '../generated/ast.js';
import { Dec } from '../decimal.js';
import { formatPercent } from '../format.js';
import { IssueCodes } from './issue-codes.js';

export function checkMeasure(measure: ast.Measure, accept: ValidationAcceptor): void {
    const threshold = measure.lines.find(ast.isThresholdLine);
    const target = measure.lines.find(ast.isTargetLine);
    if (!target) {
        accept('error', `Measure '${measure.name}' needs a target.`, { node: measure, property: 'name', code: IssueCodes.MissingTarget });
        return;
    }
    if (!threshold?.rate || !target.rate) {
        return;
    }
    const lowerIsBetter = measure.lines.find(ast.isDirectionLine)?.direction === 'lower';
    const t = new Dec(threshold.rate);
    const g = new Dec(target.rate);
    if (lowerIsBetter ? !t.greaterThan(g) : !t.lessThan(g)) {
        const side = lowerIsBetter ? 'above' : 'below';
        const why = lowerIsBetter ? 'lower is better, so the threshold is the worse, higher figure' : 'higher is better, so the threshold is the worse, lower figure';
        accept('error', `The threshold ${formatPercent(t)} must be ${side} the target ${formatPercent(g)}: ${why}.`,
            { node: threshold, property: 'rate', code: IssueCodes.ThresholdSide, data: { code: IssueCodes.ThresholdSide } });
    }
}
