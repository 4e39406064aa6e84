/**
 * What a `program` preset supplies, term by term, for the hover on the `program` line: each term
 * as it would be written, whether the contract writes its own instead, and the figure the term
 * produced under the hover's scenario (the waterfall step it drove). The quick fix "Write out the
 * terms … supplies" (code-actions.ts) writes the same terms into the contract.
 */
import type { ContractAnalysis } from '../analysis/contract-analysis.js';
import { formatCount, formatPercent, settledMoney } from '../format.js';
import type { Corridor, ProgramPreset } from '../model/contract-model.js';
import { presetProblem, presetTerms, programLabel } from '../settlement/presets.js';
import type { Settlement } from '../settlement/settlement-types.js';
import { editorPercent } from './line-figures.js';
import { escapeMarkdown } from './markdown-text.js';

interface PresetTerm {
    /** As it would be written, e.g. `cap 20% of benchmark`. */
    text: string;
    /** The waterfall steps it drives (on the `program` line when the preset's term applied). */
    steps: string[];
    /** True when the contract writes this kind of term itself (the written term applies). */
    overridden: boolean;
    /** The line of the term written in the contract, when it is. */
    writtenLine?: number;
    /** Its steps are wherever they fall (the quality adjustment acts on the sharing rate's step). */
    anywhere?: boolean;
}

function corridorText(band: Corridor): string {
    const pct = (rate: typeof band.lower) => formatPercent(rate);
    return band.lower.isZero() && band.upper !== undefined ? `corridor up to ${pct(band.upper)} share ${pct(band.share)}`
        : band.upper === undefined ? `corridor over ${pct(band.lower)} share ${pct(band.share)}`
            : `corridor ${pct(band.lower)} to ${pct(band.upper)} share ${pct(band.share)}`;
}

/** Every term the preset supplies, in the order of the sections they belong to. */
function presetList(program: ProgramPreset, analysis: ContractAnalysis): PresetTerm[] {
    const preset = presetTerms(program);
    const model = analysis.model;
    // A term the model holds from the preset is marked `fromPreset`; anything else was written.
    const written = (term: { fromPreset?: boolean; line?: number } | undefined): boolean => {
        writtenLine = term !== undefined && term.fromPreset !== true ? term.line : undefined;
        return writtenLine !== undefined;
    };
    let writtenLine: number | undefined;
    const out: PresetTerm[] = [];
    const add = (text: string, steps: string[], overridden: boolean) => {
        out.push({ text, steps, overridden, writtenLine: overridden ? writtenLine : undefined });
        writtenLine = undefined;
    };
    if (preset.minimumBeneficiaries) {
        add(`minimum assigned beneficiaries ${formatCount(preset.minimumBeneficiaries)}`, [], model.population.minimumBeneficiaries !== undefined
            && !model.population.minimumBeneficiaries.equals(preset.minimumBeneficiaries));
    }
    if (preset.discount) {
        add(`discount ${formatPercent(preset.discount.rate)}`, ['discount'], written(model.population.discount));
    }
    const s = preset.savings;
    if (s.minimumRate) {
        add(s.minimumRate.kind === 'variable' ? 'minimum savings rate variable' : `minimum savings rate ${formatPercent(s.minimumRate.rate)}`,
            ['minimum savings rate'], written(model.savings.minimumRate));
    }
    if (s.sharing) {
        const overridden = written(model.savings.sharing);
        if (s.sharing.kind === 'rate') {
            add(`sharing rate ${formatPercent(s.sharing.rate)}`, ['final sharing rate'], overridden);
        } else {
            s.sharing.corridors.forEach(band => add(`${corridorText(band)} (savings)`, ['corridor'], overridden));
        }
    }
    if (s.qualityAdjustment) {
        add(`quality adjustment ${s.qualityAdjustment}`, ['final sharing rate'], written({ line: model.savings.qualityAdjustmentLine, fromPreset: model.savings.qualityAdjustmentLine === undefined || model.savings.qualityAdjustmentLine === program.line }));
        out[out.length - 1].anywhere = true;
    }
    if (s.basis) {
        add(`sharing basis ${s.basis}`, [], written({ line: model.savings.basisLine, fromPreset: model.savings.basisLine === undefined || model.savings.basisLine === program.line }));
    }
    if (s.cap) {
        add(`cap ${formatPercent(s.cap.rate)} of benchmark`, ['savings cap'], written(model.savings.cap));
    }
    if (s.sequestration) {
        add(`sequestration ${formatPercent(s.sequestration.rate)}`, ['sequestration'], written(model.savings.sequestration));
    }
    if (s.qualityWithhold) {
        add(`quality withhold ${formatPercent(s.qualityWithhold.rate)} of benchmark`, ['quality withhold'], written(model.savings.qualityWithhold));
    }
    if (model.savings.halfRateBelowMinimum?.fromPreset) {
        add('below minimum savings rate share half', [], false);
    }
    const l = preset.losses;
    if (l?.sharing) {
        const overridden = written(model.losses?.sharing);
        if (l.sharing.kind === 'rate') {
            add(`sharing rate ${formatPercent(l.sharing.rate)} (losses)`, ['loss sharing rate'], overridden);
        } else if (l.sharing.kind === 'complement') {
            add(`sharing rate 1 - final sharing rate between ${formatPercent(l.sharing.floor)} and ${formatPercent(l.sharing.ceiling)} (losses)`, ['loss sharing rate'], overridden);
        } else {
            l.sharing.corridors.forEach(band => add(`${corridorText(band)} (losses)`, ['corridor'], overridden));
        }
    }
    if (l?.cap) {
        add(`cap ${formatPercent(l.cap.rate)} of benchmark (losses)`, ['loss cap'], written(model.losses?.cap));
    }
    if (l?.revenueCap) {
        add(`cap ${formatPercent(l.revenueCap.rate)} of revenue (losses)`, ['loss cap'], written(model.losses?.revenueCap));
    }
    if (preset.alternativeStandard) {
        add('alternative standard scaled', [], false);
    }
    return out;
}

/** The figure a preset term produced: its steps on the `program` line, under the settlement. */
function termFigure(term: PresetTerm, settlement: Settlement | undefined, line: number, analysis: ContractAnalysis): string {
    // A term the contract writes applies instead; its figure is the written line's.
    const own = !term.overridden ? '' : term.writtenLine !== undefined ? `line ${term.writtenLine} writes its own, which applies` : 'the contract writes its own, which applies';
    if (!settlement || term.steps.length === 0) {
        return own || 'applies';
    }
    const at = term.overridden ? term.writtenLine : line;
    const steps = settlement.steps.filter(s => (term.anywhere || s.line === at) && term.steps.includes(s.step));
    // The quality adjustment's figure is the final sharing rate it produced.
    const figures = steps.map(s => term.anywhere && settlement.finalSharingRate !== undefined ? `final sharing rate ${editorPercent(settlement.finalSharingRate)}`
        : s.amount !== undefined ? settledMoney(s.amount, analysis.model) : s.rate !== undefined ? editorPercent(s.rate) : '').filter(Boolean);
    const figure = figures.length > 0 ? figures.join(', ') : 'no effect in this scenario';
    return own ? `${figure} (${own})` : figure;
}

/** The hover section on a `program` line: every term the preset supplies, with its figure. */
export function presetMarkdown(program: ProgramPreset, analysis: ContractAnalysis, settlement: Settlement | undefined, under: string): string {
    const problem = presetProblem(program);
    if (problem) {
        return escapeMarkdown(problem);
    }
    const terms = presetList(program, analysis);
    const rows = terms.map(term => {
        const figure = termFigure(term, settlement, program.line, analysis);
        return `| \`${term.text}\` | ${escapeMarkdown(figure)} |`;
    });
    const earned = settlement ? `\n\nUnder ${under} the contract earns **${escapeMarkdown(settledMoney(settlement.earned, analysis.model))}** with these terms.` : '';
    return [
        `**${escapeMarkdown(programLabel(program))} supplies ${terms.length} terms**${settlement ? ` (figures under ${under})` : ''}:`,
        '',
        '| Term | Figure |',
        '|---|---:|',
        ...rows
    ].join('\n') + earned + '\n\nThe quick fix **Write out the terms** (Ctrl+.) writes them into the contract.';
}
