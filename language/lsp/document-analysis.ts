/**
 * How editor features reach the cached analysis of a document, and which scenario drives the
 * inline figures (figure-source.ts). While a contract has errors, the figures are those of its
 * last valid version (last-valid.ts), marked stale.
 */
import type { LangiumDocument } from 'langium';
import type { AcoServices } from '../aco-module.js';
import type { ContractAnalysis } from '../analysis/contract-analysis.js';
import * as ast from '../generated/ast.js';
import type { Settlement } from '../settlement/settlement-types.js';
import { drivingSource, type FigureSource } from './figure-source.js';
import type { StaleView } from './last-valid.js';

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

/**
 * Where a document's figures come from now: its own analysis when it has no errors, else its last
 * valid version (`stale`), whose lines map onto the current text; undefined when there is neither.
 */
export interface FigureContext {
    analysis: ContractAnalysis;
    /** The AST the analysis was built from (the last valid version's when stale). */
    root: ast.Contract;
    /** The source of figures outside scenarios and projection years. */
    driving?: FigureSource;
    stale?: StaleView;
    /** A current 1-based line as a line of the analysed text (the same line when fresh), or undefined where it changed. */
    analysedLine(line: number): number | undefined;
    /** A 1-based line of the analysed text as a current line, or undefined. */
    currentLine(line: number): number | undefined;
}

export async function figureContext(services: AcoServices, document: LangiumDocument): Promise<FigureContext | undefined> {
    const settings = await editorSettings(services);
    const choice = services.editor.EditorFocus.choice(document.uri.toString(), settings.inlayHints.scenario);
    if (!hasErrors(document)) {
        const root = document.parseResult.value;
        const analysis = analysisOf(services, document);
        if (!analysis || !ast.isContract(root)) {
            return undefined;
        }
        return { analysis, root, driving: drivingSource(analysis, root, choice), analysedLine: line => line, currentLine: line => line };
    }
    const stale = services.editor.LastValidVersions.staleView(document);
    if (!stale) {
        return undefined;
    }
    const map = (table: Int32Array) => (line: number): number | undefined => {
        const mapped = table[line - 1];
        return mapped === undefined || mapped < 0 ? undefined : mapped + 1;
    };
    const analysedLine = map(stale.toOld);
    const cursorLine = choice.cursorLine !== undefined ? analysedLine(choice.cursorLine) : undefined;
    return {
        analysis: stale.analysis,
        root: stale.root,
        driving: drivingSource(stale.analysis, stale.root, { ...choice, cursorLine }),
        stale,
        analysedLine,
        currentLine: map(stale.toCurrent)
    };
}

/** Appended to a stale figure's tooltip or hover. */
export const STALE_NOTE = 'as of the last valid version: the contract has errors now';
