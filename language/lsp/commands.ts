/** Command identifiers shared with the VS Code client (code lenses, hover links). */
export const AcoCommands = {
    explainScenario: 'aco.explainScenario',
    showSummary: 'aco.showSummary',
    runMonteCarlo: 'aco.runMonteCarlo',
    pickScenario: 'aco.pickScenario'
} as const;
