/**
 * How editor features reach the cached analysis of a document, and which scenario drives the
 * inline figures (the author's pick from the settings, else the first that settles).
 */
import type { LangiumDocument } from 'langium';
import type { AcoServices } from '../aco-module.js';
import type { ContractAnalysis } from '../analysis/contract-analysis.js';
import type { Settlement } from '../settlement/settlement-types.js';

export interface EditorSettings {
    inlayHints: { enabled: boolean; scenario: string };
    /** 0: the contract's own `trials`. */
    monteCarlo: { trials: number };
}

export const DEFAULT_SETTINGS: EditorSettings = {
    inlayHints: { enabled: true, scenario: '' },
    monteCarlo: { trials: 0 }
};

/** The `aco` settings the client sent (VS Code: `aco.inlayHints.*`, `aco.monteCarlo.*`). */
export async function editorSettings(services: AcoServices): Promise<EditorSettings> {
    const provider = services.shared.workspace.ConfigurationProvider;
    const inlay = (await provider.getConfiguration('aco', 'inlayHints') ?? {}) as Partial<EditorSettings['inlayHints']>;
    const monteCarlo = (await provider.getConfiguration('aco', 'monteCarlo') ?? {}) as Partial<EditorSettings['monteCarlo']>;
    return {
        inlayHints: { ...DEFAULT_SETTINGS.inlayHints, ...inlay },
        monteCarlo: { ...DEFAULT_SETTINGS.monteCarlo, ...monteCarlo }
    };
}

export function analysisOf(services: AcoServices, document: LangiumDocument): ContractAnalysis | undefined {
    return services.analysis.ContractAnalyzer.analyze(document);
}

/** The settlement that drives inline figures: the named scenario if it settles, else the first that does. */
export function drivingSettlement(analysis: ContractAnalysis, scenarioName: string): Settlement | undefined {
    const scenarios = analysis.model.scenarios;
    const chosen = scenarioName ? scenarios.findIndex(s => s.name === scenarioName) : -1;
    if (chosen >= 0 && analysis.settlement(chosen)) {
        return analysis.settlement(chosen);
    }
    for (let index = 0; index < scenarios.length; index++) {
        const settlement = analysis.settlement(index);
        if (settlement) {
            return settlement;
        }
    }
    return undefined;
}

/** The settlement of the scenario that starts on a 1-based line. */
export function settlementAtLine(analysis: ContractAnalysis, line: number): Settlement | undefined {
    const index = analysis.scenarioIndexAtLine(line);
    return index >= 0 ? analysis.settlement(index) : undefined;
}

/** Earned (and the expectations) of the scenario at a line, without settling capitation or shares. */
export function checkAtLine(analysis: ContractAnalysis, line: number): Settlement | undefined {
    const index = analysis.scenarioIndexAtLine(line);
    return index >= 0 ? analysis.check(index) : undefined;
}

/** True when the document's last validation reported an error. */
export function hasErrors(document: LangiumDocument): boolean {
    return (document.diagnostics ?? []).some(d => d.severity === 1);
}
