/**
 * The risk and quality terms of commercial and NHS contracts: quality tiers that tile 0–100%
 * without overlap, one way of setting the rate (a rate, corridors or tiers), shares of gains and
 * of losses that sum to 100%, a collar (minimum rate) that leaves room under the cap, a benchmark
 * of the premium with a premium to take it of, claims above an attachment point with an
 * attachment point to be above, a risk score with a risk adjustment to use it, and a quality
 * bonus with a pool.
 */
import type { AstNode, ValidationAcceptor } from 'langium';
import * as ast from '../generated/ast.js';
import { Dec } from '../decimal.js';
import { formatPercent } from '../format.js';
import type { ContractModel } from '../model/contract-model.js';
import { IssueCodes } from './issue-codes.js';

export function checkRiskAllocation(contract: ast.Contract, model: ContractModel, accept: ValidationAcceptor): void {
    for (const section of contract.sections.filter((s): s is ast.SharedSavings | ast.SharedLosses => ast.isSharedSavings(s) || ast.isSharedLosses(s))) {
        checkTiers(section, accept);
    }
    checkSideShares(contract, model, accept);
    checkCollar(contract, model, accept);
    checkPremiumAndAttachment(contract, model, accept);
    const bonus = contract.sections.find(ast.isQualityBonus);
    if (bonus && !bonus.lines.some(ast.isBonusPoolLine)) {
        accept('error', 'Say how large the quality bonus pool is: `pool 2% of benchmark` or `pool $500,000`.',
            { node: bonus, keyword: 'bonus', code: IssueCodes.QualityTiers });
    }
}

/** Tiers start at 0%, follow one another without gap or overlap, end with `from …`; not beside a rate or corridors. */
function checkTiers(section: ast.SharedSavings | ast.SharedLosses, accept: ValidationAcceptor): void {
    const lines: readonly AstNode[] = section.lines;
    const tiers = lines.filter(ast.isQualityTierLine);
    if (tiers.length === 0) {
        return;
    }
    const other = lines.find(line => ast.isSharingRateLine(line) || ast.isCorridorLine(line));
    if (other) {
        accept('error', 'Give the sharing rate one way: one rate, corridors, or quality tiers.', { node: tiers[0], keyword: 'tier', code: IssueCodes.RateAndCorridors });
    }
    let reach = new Dec(0);
    let open = false;
    for (const tier of tiers) {
        const lower = tier.from === 'up' ? new Dec(0) : new Dec(tier.lower ?? '0');
        const upper = tier.from === 'from' || tier.upper === undefined ? undefined : new Dec(tier.upper);
        if (open) {
            accept('error', 'A `from …` tier covers every score above it: it comes last.', { node: tier, keyword: 'tier', code: IssueCodes.QualityTiers });
            return;
        }
        if (upper !== undefined && !upper.greaterThan(lower)) {
            accept('error', `This tier runs from ${formatPercent(lower)} to ${formatPercent(upper)}: its upper edge must be above its lower edge.`, { node: tier, property: 'upper', code: IssueCodes.QualityTiers });
            return;
        }
        if (!lower.equals(reach)) {
            accept('error', lower.lessThan(reach)
                ? `This tier starts at ${formatPercent(lower)}, inside the previous one, which runs to ${formatPercent(reach)}.`
                : `The tiers leave scores from ${formatPercent(reach)} to ${formatPercent(lower)} without a rate.`,
            { node: tier, property: tier.from === 'up' ? 'upper' : 'lower', code: IssueCodes.QualityTiers });
            return;
        }
        reach = upper ?? reach;
        open = upper === undefined;
    }
    if (!open && reach.lessThan(1)) {
        accept('error', `The tiers stop at ${formatPercent(reach)}: end with \`quality tier from ${formatPercent(reach)} share …\` so every score has a rate.`,
            { node: tiers[tiers.length - 1], keyword: 'tier', code: IssueCodes.QualityTiers });
    }
}

/** `remainder of savings|losses by fixed shares`: that side's shares sum to 100%, on each share line. */
function checkSideShares(contract: ast.Contract, model: ContractModel, accept: ValidationAcceptor): void {
    const distribution = model.distribution;
    const providers = contract.sections.find(ast.isProviders)?.providers ?? [];
    for (const side of ['savings', 'losses'] as const) {
        const key = side === 'savings' ? distribution?.savingsKey : distribution?.lossesKey;
        if (key !== 'fixed shares') {
            continue;
        }
        const lines = providers.map(provider => provider.lines.filter(ast.isShareLine).find(line => line.side === side) ?? provider.lines.filter(ast.isShareLine).find(line => line.side === undefined));
        const missing = providers.filter((_, index) => !lines[index]);
        for (const provider of missing) {
            accept('error', `Provider '${provider.name}' has no \`share of ${side}\`, but the remainder of ${side} is split by fixed shares.`,
                { node: provider, property: 'name', code: IssueCodes.SharesSum });
        }
        const sum = lines.reduce((total, line) => total.plus(line?.rate ?? 0), new Dec(0));
        if (missing.length === 0 && !sum.equals(1)) {
            for (const line of lines) {
                accept('error', `Shares of ${side} sum to ${formatPercent(sum)}, not 100%.`, { node: line!, property: 'rate', code: IssueCodes.SharesSum });
            }
        }
    }
}

/** A minimum rate (the collar) at or above the cap leaves nothing that can ever be paid. */
function checkCollar(contract: ast.Contract, model: ContractModel, accept: ValidationAcceptor): void {
    const savings = model.savings;
    const msr = savings.minimumRate?.kind === 'fixed' ? savings.minimumRate.rate : undefined;
    const msrLine = contract.sections.find(ast.isSharedSavings)?.lines.find(ast.isMinimumSavingsRateLine);
    if (msr && savings.cap && savings.basis === 'above minimum' && !msr.lessThan(savings.cap.rate) && msrLine) {
        accept('error', `The collar (minimum savings rate ${formatPercent(msr)}) is as wide as the ${formatPercent(savings.cap.rate)} cap: with savings shared above the minimum, nothing can ever be paid.`,
            { node: msrLine, property: 'rate', code: IssueCodes.CollarWiderThanCap });
    }
    const losses = model.losses;
    const mlr = losses?.minimumRate?.kind === 'fixed' ? losses.minimumRate.rate : undefined;
    const mlrLine = contract.sections.find(ast.isSharedLosses)?.lines.find(ast.isMinimumLossRateLine);
    if (mlr && losses?.cap && losses.basis === 'above minimum' && !mlr.lessThan(losses.cap.rate) && mlrLine) {
        accept('error', `The collar (minimum loss rate ${formatPercent(mlr)}) is as wide as the ${formatPercent(losses.cap.rate)} loss cap: with losses shared above the minimum, nothing can ever be owed.`,
            { node: mlrLine, property: 'rate', code: IssueCodes.CollarWiderThanCap });
    }
}

function checkPremiumAndAttachment(contract: ast.Contract, model: ContractModel, accept: ValidationAcceptor): void {
    const population = contract.sections.find(ast.isPopulation);
    const benchmark = population?.lines.find(ast.isBenchmarkLine);
    if (benchmark?.basis === 'of' && !model.population.premium) {
        accept('error', 'A benchmark of the premium needs the premium: add `premium $… per member per month` to the population section.',
            { node: benchmark, property: 'share', code: IssueCodes.MissingBenchmark });
    }
    for (const scenario of contract.sections.filter(ast.isScenario)) {
        const excess = scenario.lines.find(ast.isExcessLine);
        if (excess && !model.population.attachment) {
            accept('error', 'Claims above an attachment point need the attachment point: add `truncation at $… per member` (or `stop-loss at …`) to the population section.',
                { node: excess, code: IssueCodes.AttachmentMissing });
        }
        const risk = scenario.lines.find(ast.isScenarioRiskLine);
        if (risk && !model.population.riskAdjustment) {
            accept('warning', 'This risk score changes nothing: add `risk adjusted against risk score …` to the population section to adjust the benchmark by it.',
                { node: risk, code: IssueCodes.NoEffect });
        }
        if (risk?.score !== undefined && !new Dec(risk.score).greaterThan(0)) {
            accept('error', 'Risk scores must be above zero.', { node: risk, property: 'score', code: IssueCodes.RiskScoreNotPositive });
        }
    }
}
