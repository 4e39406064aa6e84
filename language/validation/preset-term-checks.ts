/**
 * Written terms a `program` does not provide for, beyond those contract-checks.ts already reports
 * (`preset-disallowed`, `preset-override`): corridors under MSSP, a shared losses section under a
 * one-sided MSSP track, an elected minimum rate outside MSSP's choices, one sharing rate or a
 * revenue category under ACO REACH, and a basis other than the first dollar.
 */
import type { AstNode, ValidationAcceptor } from 'langium';
import * as ast from '../generated/ast.js';
import { Dec } from '../decimal.js';
import { formatPercent } from '../format.js';
import type { ContractModel } from '../model/contract-model.js';
import { MSSP_VARIABLE_MSR_MINIMUM_BENEFICIARIES, msspTrackIsTwoSided, programLabel } from '../settlement/presets.js';
import { IssueCodes } from './issue-codes.js';

/** The minimum savings (and loss) rates a two-sided MSSP ACO may elect, besides `variable` (42 CFR 425.605(b), 425.610(b)). */
const MSSP_ELECTED_RATES = ['0', '0.005', '0.01', '0.015', '0.02'].map(rate => new Dec(rate));

export function checkPresetTerms(contract: ast.Contract, model: ContractModel, accept: ValidationAcceptor): void {
    const program = model.program;
    if (!program) {
        return;
    }
    const label = programLabel(program);
    const disallowed = (node: AstNode, message: string, property?: string): void => {
        accept('warning', `${message} (${label}).`, property ? { node, property: property as never, code: IssueCodes.PresetDisallowed } : { node, code: IssueCodes.PresetDisallowed });
    };
    const savings = contract.sections.find(ast.isSharedSavings);
    const losses = contract.sections.find(ast.isSharedLosses);
    const sharingLines: readonly AstNode[] = [...(savings?.lines ?? []), ...(losses?.lines ?? [])];
    if (program.program === 'MSSP') {
        const corridor = sharingLines.find(ast.isCorridorLine);
        if (corridor) {
            disallowed(corridor, 'MSSP shares savings and losses at one rate, not through corridors: corridors are an ACO REACH term');
        }
        if (losses && !msspTrackIsTwoSided(program.track)) {
            accept('warning', `${label} is one-sided: the program shares no losses, so this section writes terms the program does not have (${label}).`,
                { node: losses, keyword: 'shared', code: IssueCodes.PresetDisallowed });
        }
        // Below 5,000 beneficiaries an elected `variable` rate is worked out beyond the table (CMS's
        // published rates for such ACOs run up to 25%), so any stated rate may be the ACO's.
        const beneficiaries = model.population.beneficiaries;
        if (msspTrackIsTwoSided(program.track) && !(beneficiaries && beneficiaries.lessThan(MSSP_VARIABLE_MSR_MINIMUM_BENEFICIARIES))) {
            for (const line of sharingLines.filter(l => ast.isMinimumSavingsRateLine(l) || ast.isMinimumLossRateLine(l)) as Array<ast.MinimumSavingsRateLine | ast.MinimumLossRateLine>) {
                if (line.rate !== undefined && !MSSP_ELECTED_RATES.some(rate => rate.equals(line.rate!))) {
                    disallowed(line, `A two-sided MSSP ACO elects a minimum savings and loss rate of 0%, 0.5%, 1%, 1.5% or 2%, or \`variable\`; ${formatPercent(new Dec(line.rate))} is not one of them`, 'rate');
                }
            }
        }
    } else {
        for (const line of sharingLines.filter(ast.isSharingRateLine)) {
            disallowed(line, 'ACO REACH shares savings and losses through its risk corridors, not at one rate: write `corridor …` lines to change them');
        }
        const category = contract.sections.find(ast.isPopulation)?.lines.find(ast.isRevenueCategoryLine);
        if (category) {
            disallowed(category, 'The revenue category is an MSSP term; ACO REACH has none');
        }
    }
    // In shared losses the basis is a loss deadband, a term of its own; REACH has no minimum at
    // all (effect-checks.ts says the basis changes nothing there).
    const basis = savings?.lines.find(ast.isSharingBasisLine);
    if (basis?.basis === 'above' && program.program === 'MSSP') {
        accept('warning', `The ${label} preset shares savings from the first dollar; this contract's \`sharing basis above minimum\` departs from the program's published rules.`,
            { node: basis, code: IssueCodes.PresetOverride });
    }
}
