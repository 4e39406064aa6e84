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
    monteCarlo: { trials: number };
}

export const DEFAULT_SETTINGS: EditorSettings = {
    inlayHints: { enabled: true, scenario: '' },
    monteCarlo: { trials: 100_000 }
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
    const chosen = scenarioName ? analysis.settlements.find(s => s?.scenario === scenarioName) : undefined;
    return chosen ?? analysis.settlements.find(s => s !== undefined);
}

/** The settlement of the scenario that starts on a 1-based line. */
export function settlementAtLine(analysis: ContractAnalysis, line: number): Settlement | undefined {
    return analysis.settlements.find(s => s?.scenarioLine === line);
}
