/**
 * Code lens above each scenario ("Earned $2,135,818.13 · explain · summary"), above each
 * projection (the term total and net cash) and above the `uncertainty` block ("Run Monte Carlo (100,000 trials)"). The commands run in the client, which
 * asks the server for the waterfall, the summary or the simulation.
 */
import type { LangiumDocument } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import type { AcoServices } from '../aco-module.js';
import { formatCount, settledMoney } from '../format.js';
import * as ast from '../generated/ast.js';
import { lineOf } from '../model/build-model.js';
import { analysisOf, checkAtLine, editorSettings, hasErrors } from './document-analysis.js';

import { AcoCommands } from './commands.js';

export { AcoCommands };

export class AcoCodeLensProvider implements CodeLensProvider {
    constructor(private readonly services: AcoServices) {}

    async provideCodeLens(document: LangiumDocument, _params: CodeLensParams): Promise<CodeLens[]> {
        const root = document.parseResult.value;
        const analysis = analysisOf(this.services, document);
        if (!ast.isContract(root) || !analysis) {
            return [];
        }
        const uri = document.uri.toString();
        const broken = hasErrors(document);
        // While the contract has errors: the last valid version's figures, said to be so.
        const stale = broken ? this.services.editor.LastValidVersions.staleView(document) : undefined;
        const staleNote = ' (as of the last valid version)';
        const lenses: CodeLens[] = [];
        for (const section of root.sections) {
            const cst = section.$cstNode;
            if (!cst) {
                continue;
            }
            const range = { start: cst.range.start, end: cst.range.start };
            if (ast.isScenario(section)) {
                const lastValid = stale?.analysis.model.scenarios.findIndex(s => s.name === section.name) ?? -1;
                const settlement = !broken ? checkAtLine(analysis, lineOf(section)) : lastValid >= 0 ? stale?.analysis.check(lastValid) : undefined;
                const title = settlement
                    ? `${settlement.earned.isNegative() ? 'Owes' : 'Earned'} ${settledMoney(settlement.earned.abs(), analysis.model)}${broken ? staleNote : ''}`
                    : broken ? 'Fix the errors to settle' : 'Cannot settle yet';
                const args = [uri, section.name];
                lenses.push(
                    { range, command: { title, command: AcoCommands.explainScenario, arguments: args } },
                    { range, command: { title: 'explain', command: AcoCommands.explainScenario, arguments: args } },
                    { range, command: { title: 'summary', command: AcoCommands.showSummary, arguments: [uri] } }
                );
            } else if (ast.isProjection(section)) {
                // The term total: what the agreement earns over every year, and the cash it nets the ACO.
                const index = root.sections.filter(ast.isProjection).indexOf(section);
                const lastValid = stale?.analysis.model.projections.findIndex(p => p.name === section.name) ?? -1;
                const projection = !broken ? analysis.projection(index) : lastValid >= 0 ? stale?.analysis.projection(lastValid) : undefined;
                const money = (amount: Parameters<typeof settledMoney>[0]) => settledMoney(amount, analysis.model);
                const title = projection
                    ? `Term total: ${projection.totalEarned.isNegative() ? 'owes' : 'earns'} ${money(projection.totalEarned.abs())} over ${projection.years.length} years · net cash ${money(projection.totalNetCash)}${broken ? staleNote : ''}`
                    : broken ? 'Fix the errors to settle' : 'Cannot settle yet';
                lenses.push({ range, command: { title, command: AcoCommands.showSummary, arguments: [uri] } });
            } else if (ast.isUncertainty(section)) {
                const settings = await editorSettings(this.services);
                // The `aco.monteCarlo.trials` setting (when above 0) overrides the contract's `trials`.
                const trials = settings.monteCarlo.trials > 0 ? settings.monteCarlo.trials : (analysis.model.uncertainty?.trials ?? 10_000);
                lenses.push({ range, command: { title: `Run Monte Carlo (${formatCount(trials)} trials)`, command: AcoCommands.runMonteCarlo, arguments: [uri] } });
            }
        }
        return lenses;
    }
}
