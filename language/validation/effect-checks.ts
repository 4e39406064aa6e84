/**
 * Terms that are present but can never pay anything (`never-pays`): a sharing section with no
 * rate, a 0% sharing rate or cap, corridors that all share 0%, a minimum savings rate of 100%, a
 * reserve that keeps the whole pool, a capitation line of zero; and terms that cannot change any
 * figure in this contract (`no-effect`, which scenario-checks.ts reports for the alternative
 * standard verdict): participant revenue without a revenue cap and the reverse, loss adjustments
 * in a one-sided contract, an alternative standard without a standard, an `above minimum` basis
 * or a half rate without a minimum, a capitation withhold without capitation.
 */
import type { AstNode, ValidationAcceptor } from 'langium';
import * as ast from '../generated/ast.js';
import { Dec } from '../decimal.js';
import type { ContractModel } from '../model/contract-model.js';
import { presetNeedsWrittenCorridors } from '../settlement/presets.js';
import { IssueCodes } from './issue-codes.js';

export function checkEffects(contract: ast.Contract, model: ContractModel, accept: ValidationAcceptor): void {
    checkSharingPays(contract, model, accept);
    checkOtherPayments(contract, accept);
    checkNoEffect(contract, model, accept);
}

function isZero(value: string | undefined): boolean {
    return value !== undefined && new Dec(value).isZero();
}

function neverPays(accept: ValidationAcceptor, node: AstNode, message: string, property?: string): void {
    accept('warning', message, property ? { node, property: property as never, code: IssueCodes.NeverPays } : { node, code: IssueCodes.NeverPays });
}

/** Shared savings and shared losses: a way to share, and one that is not zero. */
function checkSharingPays(contract: ast.Contract, model: ContractModel, accept: ValidationAcceptor): void {
    const waitsForCorridors = model.program !== undefined && presetNeedsWrittenCorridors(model.program);
    for (const [section, side] of [[contract.sections.find(ast.isSharedSavings), 'savings'], [contract.sections.find(ast.isSharedLosses), 'losses']] as const) {
        if (!section) {
            continue;
        }
        const lines: readonly AstNode[] = section.lines;
        const sharing = side === 'savings' ? model.savings.sharing ?? model.savings.tiers?.[0] : model.losses?.sharing ?? model.losses?.tiers?.[0];
        const verb = side === 'savings' ? 'pays the ACO' : 'makes the ACO owe';
        const it = `the shared ${side} section`;
        const tiered = (side === 'savings' ? model.savings.tiers : model.losses?.tiers) !== undefined;
        if (!sharing && !tiered && !waitsForCorridors) {
            accept('warning', `The shared ${side} section gives no sharing rate or corridors, so it never ${verb} anything: add \`sharing rate P%\` (or corridors).`,
                { node: section, keyword: 'shared', code: IssueCodes.NeverPays });
        }
        const rate = lines.find(ast.isSharingRateLine);
        if (rate && (isZero(rate.rate) || (rate.ceiling !== undefined && isZero(rate.ceiling)))) {
            neverPays(accept, rate, `A ${side === 'savings' ? 'savings' : 'loss'} sharing rate of 0% means ${it} never ${verb} anything.`, rate.rate !== undefined ? 'rate' : 'ceiling');
        }
        const corridors = lines.filter(ast.isCorridorLine);
        if (corridors.length > 0 && corridors.every(corridor => isZero(corridor.share))) {
            neverPays(accept, corridors[0], `Every ${side} corridor shares 0%, so ${it} never ${verb} anything.`);
        }
        const cap = lines.filter(ast.isCapLine).find(line => line.base === 'benchmark');
        if (cap && isZero(cap.rate)) {
            neverPays(accept, cap, `A cap of 0% of the benchmark means ${it} never ${verb} anything.`, 'rate');
        }
        const revenueCap = lines.filter(ast.isCapLine).find(line => line.base === 'revenue');
        if (side === 'losses' && revenueCap && isZero(revenueCap.rate) && model.losses?.participantRevenue) {
            neverPays(accept, revenueCap, 'A cap of 0% of participant revenue is the smaller cap, so the shared losses section never makes the ACO owe anything.', 'rate');
        }
        const minimum = side === 'savings' ? lines.find(ast.isMinimumSavingsRateLine) : lines.find(ast.isMinimumLossRateLine);
        if (minimum?.rate !== undefined && new Dec(minimum.rate).equals(1)) {
            neverPays(accept, minimum, `A minimum ${side === 'savings' ? 'savings' : 'loss'} rate of 100% is reached only when ${side === 'savings' ? 'nothing at all is spent' : 'spending doubles the benchmark'}: ${it} ${side === 'savings' ? 'never pays the ACO anything' : 'almost never makes the ACO owe anything'}.`, 'rate');
        }
    }
}

/** The reserve, and capitation lines. */
function checkOtherPayments(contract: ast.Contract, accept: ValidationAcceptor): void {
    const reserve = contract.sections.find(ast.isDistribution)?.lines.find(ast.isReserveLine);
    if (reserve?.rate !== undefined && new Dec(reserve.rate).equals(1)) {
        neverPays(accept, reserve, reserve.savingsOnly
            ? 'A reserve of 100% of savings keeps all shared savings for infrastructure: the providers never receive any savings, whatever the remainder line says.'
            : 'A reserve of 100% keeps the whole pool for infrastructure: the providers never receive anything, whatever the remainder line says.', 'rate');
    }
    for (const line of contract.sections.find(ast.isCapitation)?.lines ?? []) {
        if ((ast.isCapitationRateLine(line) || ast.isCareCoordinationLine(line)) && isZero(line.amount)) {
            neverPays(accept, line, `This ${ast.isCareCoordinationLine(line) ? 'care-coordination fee' : 'capitation line'} pays $0 per member per month: it never pays anything.`, 'amount');
        }
    }
}

function noEffect(accept: ValidationAcceptor, node: AstNode, message: string): void {
    accept('warning', message, { node, code: IssueCodes.NoEffect });
}

function checkNoEffect(contract: ast.Contract, model: ContractModel, accept: ValidationAcceptor): void {
    const losses = contract.sections.find(ast.isSharedLosses);
    const savings = contract.sections.find(ast.isSharedSavings);
    const revenue = losses?.lines.find(ast.isParticipantRevenueLine);
    const revenueCap = losses?.lines.filter(ast.isCapLine).find(line => line.base === 'revenue');
    if (revenue && !model.losses?.revenueCap) {
        noEffect(accept, revenue, 'Participant revenue is used only by a loss cap of revenue: add `cap P% of revenue` to shared losses, or remove this line.');
    }
    if (revenueCap && !model.losses?.participantRevenue) {
        noEffect(accept, revenueCap, 'A cap of revenue needs `participant revenue MONEY` in shared losses; without it only the cap of the benchmark applies.');
    }
    if (!model.losses) {
        for (const scenario of contract.sections.filter(ast.isScenario)) {
            for (const line of scenario.lines.filter(l => ast.isLossesReducedLine(l) || ast.isLossesForgivenLine(l))) {
                noEffect(accept, line, 'The contract shares no losses (it has no shared losses section or two-sided program), so this line changes nothing.');
            }
        }
    }
    const alternative = contract.sections.find(ast.isQuality)?.lines.find(ast.isAlternativeStandardLine);
    if (alternative && !model.quality.standard) {
        noEffect(accept, alternative, 'Without a `standard`, the quality standard is always met, so the alternative standard never applies: add `standard P%`, or remove this line.');
    }
    const minimumRate = model.savings.minimumRate;
    const noMinimum = !minimumRate || (minimumRate.kind === 'fixed' && minimumRate.rate.isZero());
    const basis = savings?.lines.find(ast.isSharingBasisLine);
    if (basis?.basis === 'above' && noMinimum) {
        noEffect(accept, basis, 'Without a minimum savings rate above 0%, sharing above the minimum is sharing from the first dollar: this line changes nothing.');
    }
    const half = savings?.lines.find(ast.isHalfRateLine);
    if (half && noMinimum && model.program?.program !== 'REACH') {
        noEffect(accept, half, 'Without a minimum savings rate above 0%, no savings fall below it: this line changes nothing.');
    }
    const capitation = contract.sections.find(ast.isCapitation);
    const withhold = capitation?.lines.find(ast.isCapitationWithholdLine);
    if (withhold && !capitation?.lines.some(line => ast.isCapitationRateLine(line) || ast.isCareCoordinationLine(line))) {
        noEffect(accept, withhold, 'The capitation section pays nothing to withhold from: add a capitation line, or remove the withhold.');
    }
}
