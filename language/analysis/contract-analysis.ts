/**
 * One analysis per document build: the contract model and the settlement of every scenario.
 * Validation (failed expectations), hover, inlay hints, code lens and the CLI all read this cached
 * record, so a contract is settled once per change however many features ask; and a change
 * settles again only the scenarios it changed (settlement-reuse.ts).
 */
import { AstUtils, DocumentCache, type LangiumDocument } from 'langium';
import type { LangiumSharedCoreServices } from 'langium';
import * as ast from '../generated/ast.js';
import { buildModel } from '../model/build-model.js';
import type { ContractModel, ScenarioTerms } from '../model/contract-model.js';
import { settle, settleProjection, SettlementError } from '../settlement/index.js';
import type { ProjectionSettlement, Settlement } from '../settlement/settlement-types.js';
import { SettlementMemory, type Outcome } from './settlement-reuse.js';

/**
 * The settlements of one contract, worked out as far as each reader needs and only when asked:
 * `check(i)` (earned and the `expect` results, for validation and code lens) skips capitation,
 * and the distribution unless the scenario expects a provider's share; `settlement(i)` (capitation,
 * distribution, every step) is the full record. Validation checks only scenarios that have
 * `expect` lines, so a contract with thousands of providers and scenarios costs it one figure per
 * asserted scenario, not one per provider per scenario.
 */
export class ContractAnalysis {
    /** Why a scenario could not be settled, by scenario index. */
    readonly unsettled = new Map<number, string>();
    /** The 1-based line of the clause at fault, where the engine named one, by scenario index. */
    readonly unsettledLine = new Map<number, number>();
    private readonly checked = new Map<number, Settlement | undefined>();
    private readonly full = new Map<number, Settlement | undefined>();
    private readonly projected = new Map<number, ProjectionSettlement | undefined>();
    /** Why a projection could not be settled, by projection index. */
    readonly unsettledProjections = new Map<number, string>();

    private readonly memory: SettlementMemory;

    /** `previous`: the analysis of the document's version before this one, whose unchanged settlements are reused. */
    constructor(readonly model: ContractModel, previous?: ContractAnalysis) {
        this.memory = new SettlementMemory(model, previous?.memory);
    }

    /**
     * Scenario `index` settled far enough to check its `expect` lines and show what it earns:
     * no capitation, and the distribution only when a provider's share is expected.
     */
    check(index: number): Settlement | undefined {
        if (this.full.has(index)) {
            return this.full.get(index);
        }
        if (!this.checked.has(index)) {
            const scenario = this.model.scenarios[index];
            const divides = this.checkDivides(index);
            this.checked.set(index, scenario && this.attempt(index, divides ? 'check dividing' : 'check', scenario, () => settle(this.model, scenario, {
                capitation: false,
                distribution: divides
            })));
        }
        return this.checked.get(index);
    }

    /** The full settlement of scenario `index`, or undefined when it cannot be settled. */
    settlement(index: number): Settlement | undefined {
        if (!this.full.has(index)) {
            const scenario = this.model.scenarios[index];
            const checked = this.checked.get(index);
            const failed = this.checked.has(index) && checked === undefined;
            // Without capitation, and with the distribution already divided (or none), the check is the full record.
            const complete = checked !== undefined && this.model.capitation.lines.length === 0 && (!this.model.distribution || this.checkDivides(index));
            this.full.set(index, complete ? checked : scenario && !failed ? this.attempt(index, 'full', scenario, () => settle(this.model, scenario)) : undefined);
        }
        return this.full.get(index);
    }

    /** Whether the check of scenario `index` divides earned among providers (it does when a share is expected). */
    private checkDivides(index: number): boolean {
        return this.model.scenarios[index]?.expectations.some(e => e.kind === 'provider') ?? false;
    }

    /** Every scenario's full settlement, in order (undefined where one cannot be settled). */
    get settlements(): Array<Settlement | undefined> {
        return this.model.scenarios.map((_, index) => this.settlement(index));
    }

    /** Projection `index` settled year by year, or undefined when a year cannot be settled. */
    projection(index: number): ProjectionSettlement | undefined {
        if (!this.projected.has(index)) {
            const projection = this.model.projections[index];
            const outcome = projection ? this.memory.outcome('projection', projection, index, () => attempted(() => settleProjection(this.model, projection))) : { result: undefined };
            if (outcome.error !== undefined) {
                this.unsettledProjections.set(index, outcome.error);
            }
            this.projected.set(index, outcome.result);
        }
        return this.projected.get(index);
    }

    /** The index of the scenario that starts on a 1-based line, or -1. */
    scenarioIndexAtLine(line: number): number {
        return this.model.scenarios.findIndex(s => s.line === line);
    }

    /** Settles (or reuses) one scenario to the depth `kind` names, recording why it failed. */
    private attempt(index: number, kind: 'check' | 'check dividing' | 'full', scenario: ScenarioTerms, work: () => Settlement): Settlement | undefined {
        const outcome = this.memory.outcome(kind, scenario, index, () => attempted(work));
        if (outcome.error !== undefined) {
            this.unsettled.set(index, outcome.error);
            if (outcome.line) {
                this.unsettledLine.set(index, outcome.line);
            }
        }
        return outcome.result;
    }
}

/** What `work` gives, or why it threw. */
function attempted<T>(work: () => T): Outcome<T> {
    try {
        return { result: work() };
    } catch (error) {
        return {
            result: undefined,
            error: error instanceof Error ? error.message : String(error),
            line: error instanceof SettlementError && error.line ? error.line : undefined
        };
    }
}

/** Analyses a model: settlements are worked out lazily, see ContractAnalysis. */
export function analyzeModel(model: ContractModel, previous?: ContractAnalysis): ContractAnalysis {
    return new ContractAnalysis(model, previous);
}

export class ContractAnalyzer {
    private readonly cache: DocumentCache<string, ContractAnalysis>;
    /** Each document's latest analysis, kept across its versions (and dropped with the document) so the next can reuse its settlements. */
    private readonly latest = new WeakMap<LangiumDocument, ContractAnalysis>();

    constructor(services: { shared: LangiumSharedCoreServices }) {
        this.cache = new DocumentCache(services.shared);
    }

    /** The analysis of a document's contract, computed at most once per document version. */
    analyze(document: LangiumDocument): ContractAnalysis | undefined {
        const root = document.parseResult.value;
        if (!ast.isContract(root)) {
            return undefined;
        }
        return this.cache.get(document.uri, 'analysis', () => {
            const analysis = analyzeModel(buildModel(root), this.latest.get(document));
            this.latest.set(document, analysis);
            return analysis;
        });
    }

    analyzeNode(contract: ast.Contract): ContractAnalysis | undefined {
        return this.analyze(AstUtils.getDocument(contract));
    }
}
