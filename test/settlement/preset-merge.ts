/**
 * What the model builder does with a `program` line, reduced to what the settlement tests need:
 * preset terms first, written terms over them. Test scaffolding only; the real merge lives in
 * language/model/build-model.ts.
 */
import type { ContractModel, LossTerms, ProgramPreset, SavingsTerms } from '../../language/model/contract-model.js';
import { presetTerms } from '../../language/settlement/presets.js';
import { contract } from './model-builder.js';
import type { PartialDeep } from './model-types.js';

export interface WrittenTerms extends PartialDeep {
    /** Written `shared losses` terms (their presence alone makes the contract two-sided). */
    writtenLosses?: Partial<LossTerms>;
}

function defined<T extends object>(terms: T | undefined): Partial<T> {
    return Object.fromEntries(Object.entries(terms ?? {}).filter(([, value]) => value !== undefined)) as Partial<T>;
}

export function withPreset(program: ProgramPreset, written: WrittenTerms = {}): ContractModel {
    const preset = presetTerms(program);
    const { writtenLosses, savings, population, ...rest } = written;
    const mergedSavings: Partial<SavingsTerms> = { ...defined(preset.savings), ...defined(savings) };
    const model = contract({
        ...rest,
        program,
        population: {
            ...(preset.discount ? { discount: preset.discount } : {}),
            ...(preset.minimumBeneficiaries ? { minimumBeneficiaries: preset.minimumBeneficiaries } : {}),
            ...defined(population)
        },
        savings: mergedSavings
    });
    if (preset.losses || writtenLosses) {
        const { twoSided: _twoSided, ...presetLosses } = preset.losses ?? { twoSided: true };
        const losses: LossTerms = { line: program.line, ...defined(presetLosses), ...defined(writtenLosses) };
        model.losses = losses;
    }
    return model;
}
