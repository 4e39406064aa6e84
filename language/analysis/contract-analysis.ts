/**
 * One analysis per document build: the contract model and the settlement of every scenario.
 * Validation (failed expectations), hover, inlay hints, code lens and the CLI all read this cached
 * record, so a contract is settled once per change however many features ask.
 */
import { AstUtils, DocumentCache, type LangiumDocument } from 'langium';
import type { LangiumSharedCoreServices } from 'langium';
import * as ast from '../generated/ast.js';
import { buildModel } from '../model/build-model.js';
import type { ContractModel } from '../model/contract-model.js';
import { settle } from '../settlement/index.js';
import type { Settlement } from '../settlement/settlement-types.js';

export interface ContractAnalysis {
    model: ContractModel;
    /** One entry per scenario, in order; undefined where the scenario cannot be settled. */
    settlements: Array<Settlement | undefined>;
    /** Why a scenario could not be settled, by scenario index. */
    unsettled: Map<number, string>;
}

/** Settles every scenario of a model; a scenario that cannot settle is reported, not thrown. */
export function analyzeModel(model: ContractModel): ContractAnalysis {
    const unsettled = new Map<number, string>();
    const settlements = model.scenarios.map((scenario, index) => {
        try {
            return settle(model, scenario);
        } catch (error) {
            unsettled.set(index, error instanceof Error ? error.message : String(error));
            return undefined;
        }
    });
    return { model, settlements, unsettled };
}

export class ContractAnalyzer {
    private readonly cache: DocumentCache<string, ContractAnalysis>;

    constructor(services: { shared: LangiumSharedCoreServices }) {
        this.cache = new DocumentCache(services.shared);
    }

    /** The analysis of a document's contract, computed at most once per document version. */
    analyze(document: LangiumDocument): ContractAnalysis | undefined {
        const root = document.parseResult.value;
        if (!ast.isContract(root)) {
            return undefined;
        }
        return this.cache.get(document.uri, 'analysis', () => analyzeModel(buildModel(root)));
    }

    analyzeNode(contract: ast.Contract): ContractAnalysis | undefined {
        return this.analyze(AstUtils.getDocument(contract));
    }
}
