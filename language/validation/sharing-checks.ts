/**
 * Shared savings and shared losses sections: one rate or corridors (not both), corridors that tile
 * the range in ascending order, loss-rate bounds in the right order, the `1 - final sharing rate`
 * form written with the number 1.
 */
import { GrammarUtils, type AstNode, type ValidationAcceptor } from 'langium';
import * as ast from '../generated/ast.js';
import { Dec } from '../decimal.js';
import { formatPercent } from '../format.js';
import { percentExpectedMessage } from '../parser/syntax-messages.js';
import { IssueCodes } from './issue-codes.js';

export function checkSharingForm(section: ast.SharedSavings | ast.SharedLosses, accept: ValidationAcceptor): void {
    const lines: readonly AstNode[] = section.lines;
    const rate = lines.find(ast.isSharingRateLine);
    const corridors = lines.filter(ast.isCorridorLine);
    if (rate && corridors.length > 0) {
        accept('error', 'Give either one sharing rate or corridors, not both.',
            { node: rate, keyword: 'sharing', code: IssueCodes.RateAndCorridors });
    }
    checkCorridors(corridors, accept);
}

function edges(line: ast.CorridorLine): { lower?: Dec; upper?: Dec } {
    return {
        lower: line.from === 'up' ? new Dec(0) : line.lower !== undefined ? new Dec(line.lower) : undefined,
        upper: line.from === 'over' ? undefined : line.upper !== undefined ? new Dec(line.upper) : undefined
    };
}

/** Corridors must start at 0, follow one another without gap or overlap, and ascend. */
export function checkCorridors(corridors: readonly ast.CorridorLine[], accept: ValidationAcceptor): void {
    let previous: { lower: Dec; upper?: Dec } | undefined;
    for (const line of corridors) {
        const { lower, upper } = edges(line);
        if (lower === undefined) {
            continue;
        }
        if (upper !== undefined && !upper.greaterThan(lower)) {
            accept('error', `This corridor runs from ${formatPercent(lower)} to ${formatPercent(upper)}: its upper edge must be above its lower edge.`,
                { node: line, property: 'upper', code: IssueCodes.CorridorOrder });
            return;
        }
        const reach = previous ? previous.upper : new Dec(0);
        if (previous && (reach === undefined || lower.lessThan(previous.lower))) {
            accept('error', 'Corridors must be listed in ascending order, ending with the `over` corridor.',
                { node: line, keyword: 'corridor', code: IssueCodes.CorridorOrder });
            return;
        }
        if (reach !== undefined && lower.lessThan(reach)) {
            accept('error', `This corridor starts at ${formatPercent(lower)}, inside the previous one, which runs to ${formatPercent(reach)}.`,
                { node: line, property: line.from === 'up' ? 'upper' : 'lower', code: IssueCodes.CorridorOverlap });
            return;
        }
        if (reach !== undefined && lower.greaterThan(reach)) {
            accept('error', previous
                ? `Corridors leave a gap between ${formatPercent(reach)} and ${formatPercent(lower)}.`
                : `Corridors must start at 0% (\`corridor up to …\`); nothing would cover 0% to ${formatPercent(lower)}.`,
            { node: line, property: 'lower', code: IssueCodes.CorridorGap });
            return;
        }
        previous = { lower, upper };
    }
}

export function checkSharingRate(line: ast.SharingRateLine, accept: ValidationAcceptor): void {
    if (line.one !== undefined && line.floor === undefined) {
        const text = GrammarUtils.findNodeForProperty(line.$cstNode, 'one')?.text ?? line.one;
        const { message, proposal } = percentExpectedMessage(text, 'SharingRateLine');
        accept('error', message, { node: line, property: 'one', code: IssueCodes.SyntaxError, data: { code: IssueCodes.SyntaxError, replacement: proposal } });
        return;
    }
    if (line.one !== undefined && line.one !== '1') {
        accept('error', `Write \`1 - final sharing rate\`, not \`${line.one} - final sharing rate\`.`,
            { node: line, property: 'one', code: IssueCodes.ComplementNotOne });
    }
    if (line.floor !== undefined && line.ceiling !== undefined && new Dec(line.floor).greaterThan(line.ceiling)) {
        accept('error', `The loss sharing rate's floor ${formatPercent(new Dec(line.floor))} is above its ceiling ${formatPercent(new Dec(line.ceiling))}.`,
            { node: line, property: 'floor', code: IssueCodes.LossRateBounds });
    }
}
