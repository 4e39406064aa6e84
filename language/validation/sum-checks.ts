/**
 * Sums that must come out right, reported on the parts that make them: measure weights that sum
 * to 100%, provider shares that sum to 100% under `remainder by fixed shares`, and attributed
 * lives that stay within the assigned beneficiaries. Each part gets its own diagnostic, naming
 * the others as related information, so the author sees every line that takes part.
 */
import type { AstNode, ValidationAcceptor } from 'langium';
import * as ast from '../generated/ast.js';
import { Dec } from '../decimal.js';
import { formatCount, formatPercent } from '../format.js';
import type { ContractModel } from '../model/contract-model.js';
import { RELATED_LIMIT, related, relatedAll } from './diagnostic-extras.js';
import { IssueCodes } from './issue-codes.js';

/** One part of a sum: the node that holds it (or the item that lacks it) and its value. */
interface Part {
    /** The measure or provider. */
    owner: ast.Measure | ast.Provider;
    /** The `weight`, `share` or `attributed` line; undefined when the owner lacks one (it counts 0). */
    line?: AstNode;
    value: Dec;
}

/** `BCS 50% + CBP 30% + READM 15%`; past a dozen parts, the first ones and how many more. */
function partsText(parts: readonly Part[]): string {
    const shown = parts.slice(0, 12).map(part => `${part.owner.name} ${part.line ? formatPercent(part.value) : '(none)'}`).join(' + ');
    return parts.length > 12 ? `${shown} + ${parts.length - 12} more` : shown;
}

/** One error per part of a percentage sum that misses 100%, each naming the others. */
function reportPercentSum(parts: readonly Part[], what: 'weight' | 'share', sumMessage: string, code: string, accept: ValidationAcceptor): void {
    for (const part of parts) {
        const others = relatedAll(parts.filter(other => other !== part).slice(0, RELATED_LIMIT).map(other => other.line
            ? related(other.line, `${other.owner.name}: ${what} ${formatPercent(other.value)}`)
            : related(other.owner, `${other.owner.name}: no ${what} (counts 0%)`, 'name')));
        const message = part.line ? sumMessage : `${part.owner.name} has no ${what}, so it counts 0%: ${sumMessage.charAt(0).toLowerCase()}${sumMessage.slice(1)}`;
        accept('error', message, part.line
            ? { node: part.line, code, relatedInformation: others, data: { code } }
            : { node: part.owner, property: 'name', code, relatedInformation: others, data: { code } });
    }
}

/** Measure weights sum to 100%: every weight line (and every measure without one) is underlined. */
export function checkWeights(quality: ast.Quality, accept: ValidationAcceptor): void {
    const measures = quality.lines.filter(ast.isMeasure);
    if (measures.length === 0) {
        return;
    }
    const parts: Part[] = measures.map(measure => {
        const line = measure.lines.find(ast.isWeightLine);
        return { owner: measure, line: line?.rate !== undefined ? line : undefined, value: new Dec(line?.rate ?? 0) };
    });
    const sum = parts.reduce((total, part) => total.plus(part.value), new Dec(0));
    if (!sum.equals(1)) {
        reportPercentSum(parts, 'weight', `Measure weights sum to ${formatPercent(sum)}, not 100% (${partsText(parts)}).`, IssueCodes.WeightsSum, accept);
    }
}

/** Under `remainder by fixed shares`, provider shares sum to 100%: every share line is underlined. */
export function checkShares(contract: ast.Contract, model: ContractModel, accept: ValidationAcceptor): void {
    const distribution = contract.sections.find(ast.isDistribution);
    // `remainder by fixed shares` for both sides; a side's own key is checked in risk-checks.ts.
    const remainder = distribution?.lines.filter(ast.isRemainderLine).find(line => line.side === undefined);
    if (!remainder || remainder.key !== 'fixed' || model.distribution?.key !== 'fixed shares') {
        return;
    }
    const providers = contract.sections.find(ast.isProviders)?.providers ?? [];
    // `share P%` lines; `share of savings|losses` are the sides' own keys (risk-checks.ts).
    const parts: Part[] = providers.map(provider => {
        const line = provider.lines.filter(ast.isShareLine).find(share => share.side === undefined);
        return { owner: provider, line: line?.rate !== undefined ? line : undefined, value: new Dec(line?.rate ?? 0) };
    });
    const sum = parts.reduce((total, part) => total.plus(part.value), new Dec(0));
    if (sum.equals(1)) {
        return;
    }
    const message = `Provider shares sum to ${formatPercent(sum)}, not 100%, but the remainder is split by fixed shares (${parts.length > 0 ? partsText(parts) : 'no providers'}).`;
    if (parts.length === 0) {
        accept('error', message, { node: remainder, code: IssueCodes.SharesSum });
        return;
    }
    reportPercentSum(parts, 'share', message, IssueCodes.SharesSum, accept);
}

/**
 * Attributed lives cannot exceed the assigned beneficiaries. Counting providers in the order
 * written, the ones whose lives take the total over are underlined, each naming the assigned
 * beneficiaries and the providers before it.
 */
export function checkAttributedTotal(contract: ast.Contract, model: ContractModel, accept: ValidationAcceptor): void {
    const beneficiaries = model.population.beneficiaries;
    const providers = contract.sections.find(ast.isProviders)?.providers ?? [];
    const assigned = contract.sections.find(ast.isPopulation)?.lines.find(ast.isAssignedLine);
    if (!beneficiaries || providers.length === 0) {
        return;
    }
    const lives = providers.map(provider => {
        const line = provider.lines.find(ast.isAttributedLine);
        return { provider, line, count: new Dec(line?.count ?? 0) };
    });
    const total = lives.reduce((sum, item) => sum.plus(item.count), new Dec(0));
    if (!total.greaterThan(beneficiaries)) {
        return;
    }
    let running = new Dec(0);
    for (const [index, item] of lives.entries()) {
        running = running.plus(item.count);
        if (!item.line || item.count.isZero() || !running.greaterThan(beneficiaries)) {
            continue;
        }
        const others = relatedAll([
            assigned ? related(assigned, `${formatCount(beneficiaries)} assigned beneficiaries`) : undefined,
            ...lives.filter((other, at) => at !== index && other.line && !other.count.isZero()).slice(0, RELATED_LIMIT)
                .map(other => related(other.line!, `${other.provider.name}: ${formatCount(other.count)} attributed`))
        ]);
        accept('error', `${item.provider.name}'s ${formatCount(item.count)} attributed lives take the providers' total to ${formatCount(running)}, more than the ${formatCount(beneficiaries)} assigned beneficiaries (${formatCount(total)} in all).`,
            { node: item.line, code: IssueCodes.AttributedExceedsAssigned, relatedInformation: others });
    }
}
