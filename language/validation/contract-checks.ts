/**
 * Checks that need several sections at once, read from the contract model (presets applied):
 * term length, population and benchmark, attributed lives, distribution keys, loss caps, minimum
 * savings rates, and written terms that depart from the `program` preset.
 */
import type { AstNode, ValidationAcceptor } from 'langium';
import * as ast from '../generated/ast.js';
import { Dec } from '../decimal.js';
import { formatCount, formatPercent } from '../format.js';
import type { ContractModel } from '../model/contract-model.js';
import {
    MSSP_ALTERNATIVE_STANDARD_FIRST_YEAR, MSSP_HALF_RATE_FIRST_YEAR, REACH_GLOBAL_2026_FIRST_CORRIDOR_END, REACH_HEBA_FIRST_YEAR,
    msspVariableMinimumRate, presetHalfRate, presetNeedsWrittenCorridors, presetTerms, programLabel
} from '../settlement/presets.js';
import type { Corridor } from '../model/contract-model.js';
import { IssueCodes } from './issue-codes.js';
import { idName, sentence } from './node-names.js';

/** Finds the first line of a type in the first section of a type. */
function lineIn<S extends ast.Section, L extends AstNode>(contract: ast.Contract, isSection: (n: unknown) => n is S, isLine: (n: unknown) => n is L): L | undefined {
    const section = contract.sections.find(isSection) as (S & { lines?: readonly AstNode[] }) | undefined;
    return section?.lines?.find(isLine) as L | undefined;
}

export function checkTerm(contract: ast.Contract, model: ContractModel, accept: ValidationAcceptor): void {
    const { start, end, months } = model.term;
    const endLine = lineIn(contract, ast.isTerm, ast.isEndLine);
    if (!start || !end || !endLine || !/^\d{4}-\d{2}-\d{2}$/.test(start) || !/^\d{4}-\d{2}-\d{2}$/.test(end)) {
        return;
    }
    if (end <= start) {
        accept('error', `The term ends on ${end}, which is not after its start, ${start}.`, { node: endLine, property: 'date', code: IssueCodes.EndBeforeStart });
        return;
    }
    // The term covers start … end inclusive: compare the day after `end` with start + M months.
    const [sy, sm, sd] = start.split('-').map(Number);
    const [ey, em, ed] = end.split('-').map(Number);
    const dayAfterEnd = new Date(Date.UTC(ey, em - 1, ed + 1));
    const oneYearOn = new Date(Date.UTC(sy, sm - 1 + months, sd));
    if (dayAfterEnd < oneYearOn) {
        accept('error', `The term from ${start} to ${end} is shorter than one performance year (${months} months).`,
            { node: endLine, property: 'date', code: IssueCodes.TermTooShort });
    }
}

export function checkPopulation(contract: ast.Contract, model: ContractModel, accept: ValidationAcceptor): void {
    const population = contract.sections.find(ast.isPopulation);
    const { beneficiaries, minimumBeneficiaries, memberMonths, benchmark } = model.population;
    const scenarios = contract.sections.filter(ast.isScenario);
    if (!benchmark && !contract.sections.some(ast.isBenchmarkBuild) && scenarios.length > 0) {
        const message = 'The contract has scenarios but no benchmark: add `benchmark $… per member per month` (or `… total`) to the population section.';
        if (population) {
            accept('error', message, { node: population, keyword: 'population', code: IssueCodes.MissingBenchmark });
        } else {
            accept('error', message, { node: scenarios[0], keyword: 'scenario', code: IssueCodes.MissingBenchmark });
        }
    }
    const benchmarkLine = lineIn(contract, ast.isPopulation, ast.isBenchmarkLine);
    if (benchmark && benchmarkLine && benchmark.amount.isZero()) {
        accept('error', 'A benchmark of zero leaves nothing to measure savings against.',
            { node: benchmarkLine, property: 'amount', code: IssueCodes.MissingBenchmark });
    }
    const perMember = (benchmark && benchmark.basis !== 'total')
        || model.scenarios.some(s => s.expenditure?.kind === 'per member per month')
        || model.capitation.lines.some(l => l.providerId === undefined);
    if (perMember && !beneficiaries && !memberMonths) {
        const message = 'Per-member amounts need `assigned beneficiaries N` (or `member months N`) in the population section.';
        if (population) {
            accept('error', message, { node: population, keyword: 'population', code: IssueCodes.MissingBeneficiaries });
        } else {
            accept('error', message, { node: contract, keyword: 'contract', code: IssueCodes.MissingBeneficiaries });
        }
    }
    const assigned = lineIn(contract, ast.isPopulation, ast.isAssignedLine);
    if (beneficiaries && assigned && minimumBeneficiaries && beneficiaries.lessThan(minimumBeneficiaries)) {
        const whose = lineIn(contract, ast.isPopulation, ast.isMinimumAssignedLine) ? 'the contract minimum' : `the ${model.program?.program ?? 'program'} minimum`;
        accept('warning', `${formatCount(beneficiaries)} assigned beneficiaries is below ${whose} of ${formatCount(minimumBeneficiaries)}.`,
            { node: assigned, property: 'count', code: IssueCodes.BelowMinimumBeneficiaries });
    }
    // Attributed lives against assigned beneficiaries: sum-checks.ts.
}

export function checkDistribution(contract: ast.Contract, model: ContractModel, accept: ValidationAcceptor): void {
    const section = contract.sections.find(ast.isDistribution);
    if (!section || !model.distribution) {
        return;
    }
    const remainder = section.lines.find(ast.isRemainderLine);
    if (!remainder) {
        accept('error', 'Say how the pool is split: `remainder by attributed lives`, `remainder equally` or `remainder by fixed shares`.',
            { node: section, keyword: 'distribution', code: IssueCodes.MissingDistributionKey });
        return;
    }
    const providers = contract.sections.find(ast.isProviders)?.providers ?? [];
    if (model.distribution.key === 'attributed lives') {
        for (const provider of providers) {
            if (!provider.lines.some(ast.isAttributedLine)) {
                accept('error', `${sentence(idName('provider', provider))} has no \`attributed\` lives, but the remainder is split by attributed lives.`,
                    { node: provider, property: 'name', code: IssueCodes.MissingAttributed });
            }
        }
    }
    // Fixed shares that must sum to 100%: sum-checks.ts.
}

export function checkRiskTerms(contract: ast.Contract, model: ContractModel, accept: ValidationAcceptor): void {
    const savingsSection = contract.sections.find(ast.isSharedSavings);
    const lossesSection = contract.sections.find(ast.isSharedLosses);
    const losses = model.losses;
    const programLine = contract.sections.find(ast.isProgramLine);
    // REACH bounds losses by its corridors and has no loss cap; elsewhere corridors bound the share, not the amount.
    if (losses && !losses.cap && !losses.revenueCap && model.program?.program !== 'REACH') {
        const where = lossesSection ?? programLine;
        const corridors = losses.sharing?.kind === 'corridors';
        if (where) {
            accept(corridors ? 'warning' : 'error', corridors
                ? 'Losses are shared through corridors but not capped: the corridors bound the share owed, not the amount. Add `cap P% of benchmark` unless the contract means to leave losses uncapped.'
                : 'A two-sided contract must cap shared losses: add `cap P% of benchmark` to the shared losses section.',
            { node: where, keyword: lossesSection ? 'shared' : 'program', code: corridors ? IssueCodes.CorridorLossesUncapped : IssueCodes.MissingLossCap, data: { code: IssueCodes.MissingLossCap } });
        }
    }
    const savingsCap = model.savings.cap;
    if (losses?.cap && savingsCap && savingsCap.rate.lessThan(losses.cap.rate)) {
        const capLine = savingsSection?.lines.find(l => ast.isCapLine(l) && l.base === 'benchmark');
        const node = capLine ?? lossesSection ?? programLine;
        if (node) {
            accept('warning', `The savings cap (${formatPercent(savingsCap.rate)} of benchmark) is below the loss cap (${formatPercent(losses.cap.rate)}): the ACO can lose more than it can gain.`,
                { node, code: IssueCodes.SavingsCapBelowLossCap });
        }
    }
    checkMinimumRates(contract, model, accept);
    const complement = lossesSection?.lines.find(l => ast.isSharingRateLine(l) && l.floor !== undefined);
    if (complement && model.losses?.sharing?.kind === 'complement' && model.savings.sharing?.kind === 'corridors') {
        accept('error', '`1 - final sharing rate` is worked out from one savings sharing rate, but shared savings uses corridors: state the loss sharing rate.',
            { node: complement, keyword: 'sharing', code: IssueCodes.ComplementNeedsRate });
    }
}

function checkMinimumRates(contract: ast.Contract, model: ContractModel, accept: ValidationAcceptor): void {
    const beneficiaries = model.population.beneficiaries;
    const msrLine = lineIn(contract, ast.isSharedSavings, ast.isMinimumSavingsRateLine);
    const mlrLine = lineIn(contract, ast.isSharedLosses, ast.isMinimumLossRateLine);
    for (const line of [msrLine, mlrLine]) {
        if (line?.variable && beneficiaries && beneficiaries.lessThan(5000)) {
            accept('error', `The variable minimum savings rate table starts at 5,000 assigned beneficiaries; with ${formatCount(beneficiaries)}, state the rate.`,
                { node: line, property: 'variable', code: IssueCodes.VariableMinimumTooSmall });
        }
    }
    const program = model.program;
    const programLine = contract.sections.find(ast.isProgramLine);
    if (program?.program === 'MSSP' && programLine && model.losses && !model.savings.minimumRate) {
        accept('error', `A two-sided MSSP contract must state its elected minimum savings rate (0%, 0.5%, 1%, 1.5%, 2% or variable) in the shared savings section; it applies to losses too.`,
            { node: programLine, keyword: 'program', code: IssueCodes.MissingMinimumRate });
    }
    const presetVariable = [model.savings.minimumRate, model.losses?.minimumRate].some(rate => rate?.kind === 'variable' && rate.fromPreset);
    if (presetVariable && programLine && beneficiaries && beneficiaries.lessThan(5000)) {
        accept('error', `The ${program?.program ?? ''} preset uses the variable minimum savings rate, whose table starts at 5,000 assigned beneficiaries; with ${formatCount(beneficiaries)}, state the rate in the shared savings section.`,
            { node: programLine, keyword: 'program', code: IssueCodes.VariableMinimumTooSmall });
    }
    // One-sided contracts only: with a symmetric minimum loss rate, noise cuts both ways.
    const stated = model.savings.minimumRate;
    if (!model.losses && stated?.kind === 'fixed' && msrLine && beneficiaries && beneficiaries.greaterThanOrEqualTo(5000)) {
        const variation = msspVariableMinimumRate(beneficiaries);
        if (variation && stated.rate.lessThan(variation)) {
            accept('warning', `A minimum savings rate of ${formatPercent(stated.rate)} is below the ${formatPercent(variation.toDecimalPlaces(4))} that random variation alone can exceed for ${formatCount(beneficiaries)} beneficiaries (MSSP variable table): the payer may share savings that are only noise.`,
                { node: msrLine, property: 'rate', code: IssueCodes.MsrBelowVariation });
        }
    }
}

/** The uncertainty block must say what to draw, with ranges that run from low to high. */
export function checkUncertainty(contract: ast.Contract, model: ContractModel, accept: ValidationAcceptor): void {
    const section = contract.sections.find(ast.isUncertainty);
    if (!section || !model.uncertainty) {
        return;
    }
    if (!model.uncertainty.expenditure) {
        accept('error', 'Say what to draw: add `expenditure normal mean P% of benchmark sd P%` or `savings normal mean P% sd P%`.',
            { node: section, keyword: 'uncertainty', code: IssueCodes.IncompleteUncertainty });
    }
    const uniform = section.lines.find(ast.isQualityDistributionLine);
    if (uniform?.shape === 'uniform' && uniform.low !== undefined && uniform.high !== undefined && new Dec(uniform.low).greaterThan(uniform.high)) {
        accept('error', `The quality score range runs from ${formatPercent(new Dec(uniform.low))} down to ${formatPercent(new Dec(uniform.high))}: write the low end first.`,
            { node: uniform, property: 'low', code: IssueCodes.IncompleteUncertainty });
    }
}

export function checkCapitationDoubleCount(contract: ast.Contract, model: ContractModel, accept: ValidationAcceptor): void {
    const capitation = contract.sections.find(ast.isCapitation);
    // Capitation paid to a provider is rate × its attributed lives × months: it needs them.
    for (const line of capitation?.lines.filter(ast.isCapitationRateLine) ?? []) {
        const provider = line.provider?.ref;
        if (provider && !provider.lines.some(ast.isAttributedLine)) {
            accept('error', `Capitation is paid to ${provider.name} per attributed life, but ${provider.name} has no \`attributed\` lives.`,
                { node: line, property: 'provider', code: IssueCodes.MissingAttributed });
        }
    }
    if (!model.population.benchmark && !model.population.builtBenchmark) {
        return;
    }
    for (const line of capitation?.lines.filter(ast.isCapitationRateLine) ?? []) {
        if (line.service === 'total' && !line.reconciled) {
            accept('warning', 'Total-care capitation is paid on top of a benchmark that already covers those services: the same care is counted twice. If expenditure counts the capitated care (REACH Total Care Capitation), write `reconciled` after the rate.',
                { node: line, property: 'service', code: IssueCodes.CapitationDoubleCount });
        }
    }
}

/** Compares each written term with what the `program` preset says, and warns where they differ. */
export function checkPresetOverrides(contract: ast.Contract, model: ContractModel, accept: ValidationAcceptor): void {
    const program = model.program;
    if (!program) {
        return;
    }
    const preset = presetTerms(program);
    const label = program.program === 'MSSP' ? `MSSP ${program.track.startsWith('BASIC') || program.track === 'ENHANCED' ? program.track : `track ${program.track}`} (${program.year})`
        : `REACH ${program.option} (${program.year})`;
    const warn = (node: AstNode, what: string, written: string, published: string): void => {
        accept('warning', `The ${label} preset sets ${what} at ${published}; this contract's ${written} departs from the program's published rules.`,
            { node, code: IssueCodes.PresetOverride });
    };
    const compareRate = (node: AstNode | undefined, written: string | undefined, published: Dec | undefined, what: string): void => {
        if (node && written !== undefined && published !== undefined && !published.equals(written)) {
            warn(node, what, formatPercent(new Dec(written)), formatPercent(published));
        }
    };
    const savings = contract.sections.find(ast.isSharedSavings)?.lines ?? [];
    const losses = contract.sections.find(ast.isSharedLosses)?.lines ?? [];
    const savingsRate = savings.find(ast.isSharingRateLine);
    const presetSharing = preset.savings.sharing;
    compareRate(savingsRate, savingsRate?.rate, presetSharing?.kind === 'rate' ? presetSharing.rate : undefined, 'the sharing rate');
    const cap = savings.find(l => ast.isCapLine(l) && l.base === 'benchmark') as ast.CapLine | undefined;
    compareRate(cap, cap?.rate, preset.savings.cap?.rate, 'the savings cap');
    const sequestration = savings.find(ast.isSequestrationLine);
    compareRate(sequestration, sequestration?.rate, preset.savings.sequestration?.rate ?? new Dec(0), 'sequestration');
    const adjustment = savings.find(ast.isQualityAdjustmentLine);
    if (adjustment && preset.savings.qualityAdjustment && adjustment.mode !== preset.savings.qualityAdjustment) {
        warn(adjustment, 'the quality adjustment', `'${adjustment.mode}'`, `'${preset.savings.qualityAdjustment}'`);
    }
    const withhold = savings.find(ast.isQualityWithholdLine);
    compareRate(withhold, withhold?.rate, preset.savings.qualityWithhold?.rate ?? new Dec(0), 'the quality withhold');
    const msr = savings.find(ast.isMinimumSavingsRateLine);
    if (msr && preset.savings.minimumRate?.kind === 'variable' && !msr.variable) {
        warn(msr, 'the minimum savings rate', formatPercent(new Dec(msr.rate ?? '0')), 'the variable MSSP table');
    }
    const lossRate = losses.find(ast.isSharingRateLine);
    const presetLoss = preset.losses?.sharing;
    if (lossRate && presetLoss) {
        if (presetLoss.kind === 'rate' && lossRate.rate !== undefined) {
            compareRate(lossRate, lossRate.rate, presetLoss.rate, 'the loss sharing rate');
        } else if (presetLoss.kind === 'complement' && (lossRate.floor === undefined || !presetLoss.floor.equals(lossRate.floor) || !presetLoss.ceiling.equals(lossRate.ceiling ?? '0'))) {
            warn(lossRate, 'the loss sharing rate', 'loss sharing rate', `1 − final sharing rate between ${formatPercent(presetLoss.floor)} and ${formatPercent(presetLoss.ceiling)}`);
        }
    }
    const lossCap = losses.find(l => ast.isCapLine(l) && l.base === 'benchmark') as ast.CapLine | undefined;
    compareRate(lossCap, lossCap?.rate, preset.losses?.cap?.rate, 'the loss cap');
    const discount = lineIn(contract, ast.isPopulation, ast.isDiscountLine);
    compareRate(discount, discount?.rate, preset.discount?.rate ?? (program.program === 'REACH' ? new Dec(0) : undefined), 'the discount');
    compareCorridors(savings, preset.savings.sharing, warn, 'the savings corridors');
    compareCorridors(losses, preset.losses?.sharing, warn, 'the loss corridors');
    checkPresetAllows(contract, model, accept);
}

function corridorsText(corridors: readonly Pick<Corridor, 'lower' | 'upper' | 'share'>[]): string {
    return corridors.map(c => `${c.upper === undefined ? `over ${formatPercent(c.lower)}` : `${formatPercent(c.lower)}–${formatPercent(c.upper)}`}: ${formatPercent(c.share)}`).join(', ');
}

/** Written corridors against the preset's, band by band. */
function compareCorridors(
    lines: readonly AstNode[],
    presetSharing: { kind: string; corridors?: Corridor[] } | undefined,
    warn: (node: AstNode, what: string, written: string, published: string) => void,
    what: string
): void {
    const written = lines.filter(ast.isCorridorLine);
    const published = presetSharing?.kind === 'corridors' ? presetSharing.corridors ?? [] : [];
    if (written.length === 0 || published.length === 0) {
        return;
    }
    const bands = written.map(line => ({
        lower: line.from === 'up' ? new Dec(0) : new Dec(line.lower ?? '0'),
        upper: line.from === 'over' || line.upper === undefined ? undefined : new Dec(line.upper),
        share: new Dec(line.share ?? '0')
    }));
    const same = bands.length === published.length && bands.every((band, index) => {
        const other = published[index];
        return band.lower.equals(other.lower) && band.share.equals(other.share)
            && (band.upper === undefined ? other.upper === undefined : other.upper !== undefined && band.upper.equals(other.upper));
    });
    if (!same) {
        warn(written[0], what, `corridors (${corridorsText(bands)})`, corridorsText(published));
    }
}

/**
 * Terms a program does not provide for at all, or not in this year: a discount under MSSP, a
 * minimum rate under REACH, the alternative standard before 2023, the half rate outside its
 * conditions, the guardrail before 2024, the health equity adjustment outside REACH 2023 on; and
 * REACH global 2026, whose corridors the contract must write out.
 */
function checkPresetAllows(contract: ast.Contract, model: ContractModel, accept: ValidationAcceptor): void {
    const program = model.program;
    if (!program) {
        return;
    }
    const label = programLabel(program);
    const disallowed = (node: AstNode | undefined, message: string): void => {
        if (node) {
            accept('warning', `${message} (${label}).`, { node, code: IssueCodes.PresetDisallowed });
        }
    };
    const savings = contract.sections.find(ast.isSharedSavings);
    const losses = contract.sections.find(ast.isSharedLosses);
    const halfRate = savings?.lines.find(ast.isHalfRateLine);
    const alternative = lineIn(contract, ast.isQuality, ast.isAlternativeStandardLine);
    const equity = lineIn(contract, ast.isPopulation, ast.isHealthEquityLine);
    const guardrails = contract.sections.filter(ast.isScenario).flatMap(scenario => scenario.lines.filter(ast.isGuardrailLine));
    if (program.program === 'MSSP') {
        disallowed(lineIn(contract, ast.isPopulation, ast.isDiscountLine), 'MSSP benchmarks carry no discount: the program has no such term');
        disallowed(equity, 'MSSP has no health equity benchmark adjustment; it is an ACO REACH term (from 2023)');
        if (alternative && program.year < MSSP_ALTERNATIVE_STANDARD_FIRST_YEAR) {
            disallowed(alternative, `The alternative quality standard and its sliding scale began in performance year ${MSSP_ALTERNATIVE_STANDARD_FIRST_YEAR}`);
        }
        if (program.year < MSSP_HALF_RATE_FIRST_YEAR) {
            for (const line of guardrails) {
                disallowed(line, `The guardrail began in performance year ${MSSP_HALF_RATE_FIRST_YEAR}`);
            }
        }
        if (halfRate && !presetHalfRate(program, { revenueCategory: model.population.revenueCategory?.category, beneficiaries: model.population.beneficiaries, termStart: model.term.start })) {
            accept('warning', `The program shares savings below the minimum savings rate at half the rate only for low-revenue BASIC ACOs (\`revenue category low\`) with at least 5,000 assigned beneficiaries, in agreements starting on or after 2024-01-01, from performance year ${MSSP_HALF_RATE_FIRST_YEAR} (42 CFR 425.605(h)); this contract does not meet those conditions (${label}).`,
                { node: halfRate, code: IssueCodes.PresetOverride });
        }
        return;
    }
    for (const line of [savings?.lines.find(ast.isMinimumSavingsRateLine), losses?.lines.find(ast.isMinimumLossRateLine)]) {
        disallowed(line, 'ACO REACH has no minimum savings or loss rate: savings and losses are shared from the first dollar through the corridors');
    }
    disallowed(halfRate, 'ACO REACH has no minimum savings rate, so there is nothing below it to share at half the rate');
    disallowed(alternative, 'ACO REACH has no alternative quality standard: quality acts through the withhold');
    for (const line of guardrails) {
        disallowed(line, 'The guardrail is an MSSP rule');
    }
    if (equity && program.year < REACH_HEBA_FIRST_YEAR && !model.population.healthEquityAdjustment?.amount.isZero()) {
        disallowed(equity, `The health equity benchmark adjustment began in ${REACH_HEBA_FIRST_YEAR}`);
    }
    if (presetNeedsWrittenCorridors(program)) {
        const programLine = contract.sections.find(ast.isProgramLine);
        const end = formatPercent(REACH_GLOBAL_2026_FIRST_CORRIDOR_END);
        for (const [section, what] of [[savings, 'savings'], [losses, 'losses']] as const) {
            const lines: readonly AstNode[] = section?.lines ?? [];
            const corridors = lines.filter(ast.isCorridorLine);
            const rate = lines.find(ast.isSharingRateLine);
            if (corridors.length === 0 && !rate) {
                accept('error', `${label} supplies the discount, withhold and sequestration but not the ${what} corridors: from 2026 the first global corridor ends at ${end} (100% to the ACO), and the bands above it are not in the published sources. Write the corridors in the shared ${what} section, starting \`corridor up to ${end} share 100%\`.`,
                    { node: section ?? programLine ?? contract, keyword: section ? 'shared' : programLine ? 'program' : 'contract', code: IssueCodes.CorridorsRequired });
                continue;
            }
            const first = corridors[0];
            if (first && (first.from !== 'up' || first.upper === undefined || !new Dec(first.upper).equals(REACH_GLOBAL_2026_FIRST_CORRIDOR_END) || !new Dec(first.share ?? '0').equals(1))) {
                accept('warning', `From 2026 the first REACH global corridor is \`up to ${end} share 100%\`; this contract's first ${what} corridor departs from it (${label}).`,
                    { node: first, code: IssueCodes.PresetOverride });
            }
        }
    }
}
