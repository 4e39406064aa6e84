/**
 * Settlements carried from one version of a document to the next. An edit usually touches one
 * clause: when the contract's terms (everything in the model but its scenarios and projections)
 * are unchanged, a scenario whose own terms are unchanged settles exactly as before, so its
 * earlier outcome is taken instead of settling it again. "Unchanged" is decided on the model's
 * data compared in full (every amount, rate and source line), never on the text, so a reused
 * figure is the figure a fresh settlement would give, explanation lines included.
 *
 * Nothing is compared unless there is an earlier version: a document settled once (every file
 * the CLI reads) pays nothing for this.
 */
import { Dec } from '../decimal.js';
import type { ContractModel, ProjectionTerms, ScenarioTerms } from '../model/contract-model.js';

/** What one settlement attempt gave: the record, or why it failed (and the line at fault, if named). */
export interface Outcome<T> {
    result: T | undefined;
    error?: string;
    line?: number;
}

/** The kinds of attempt a version records: they settle to different depths, so each is its own entry. */
export type OutcomeKind = 'check' | 'check dividing' | 'full' | 'projection';

type Subject = ScenarioTerms | ProjectionTerms;

/** Keys of the model compared by subject, not as contract terms. */
const SUBJECT_LISTS = new Set(['scenarios', 'projections']);

function isPlain(value: object): boolean {
    const prototype = Object.getPrototypeOf(value) as unknown;
    return prototype === Object.prototype || prototype === null;
}

/**
 * Whether two pieces of model data are the same: decimals by value and sign, Maps and Sets by
 * their entries in order, plain objects by their defined properties (an `undefined` property is
 * the same as none), anything else by identity. `skip` names top-level properties left out.
 */
export function sameData(a: unknown, b: unknown, skip?: ReadonlySet<string>): boolean {
    if (a === b) {
        return true;
    }
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
        return false;
    }
    if (a instanceof Dec || b instanceof Dec) {
        return a instanceof Dec && b instanceof Dec && a.eq(b) && a.isNeg() === b.isNeg();
    }
    if (Array.isArray(a) || Array.isArray(b)) {
        return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameData(item, b[i]));
    }
    if (a instanceof Map || b instanceof Map) {
        return a instanceof Map && b instanceof Map && sameData([...a], [...b]);
    }
    if (a instanceof Set || b instanceof Set) {
        return a instanceof Set && b instanceof Set && sameData([...a], [...b]);
    }
    if (!isPlain(a) || !isPlain(b)) {
        return false;
    }
    const left = a as Record<string, unknown>;
    const right = b as Record<string, unknown>;
    const defined = (record: Record<string, unknown>): string[] => Object.keys(record).filter(key => record[key] !== undefined && !skip?.has(key));
    const keys = defined(left);
    return keys.length === defined(right).length && keys.every(key => sameData(left[key], right[key]));
}

/**
 * One version's outcomes, by kind and by the subject (scenario or projection) they settled, and
 * the version before it, consulted while this one is current.
 */
export class SettlementMemory {
    private readonly outcomes = new Map<OutcomeKind, Map<Subject, Outcome<unknown>>>();
    private previous?: SettlementMemory;
    /** Whether the previous version's contract terms equal this one's (decided on first use). */
    private previousMatches?: boolean;

    constructor(private readonly model: ContractModel, previous?: SettlementMemory) {
        // A version that settled nothing (one with errors, say, between two valid ones) has no
        // outcomes to give: the one before it is compared instead.
        const base = previous && previous.outcomes.size === 0 && previous.previous ? previous.previous : previous;
        // That version needs its own predecessor no longer: the chain stays two long.
        base?.retire();
        this.previous = base;
    }

    /**
     * The outcome of settling `subject` (the model's scenario or projection at `index`) to the depth
     * `kind` names: this version's own, else the previous version's for a subject with the same
     * data under the same contract terms, else what `work` gives now.
     */
    outcome<T>(kind: OutcomeKind, subject: Subject, index: number, work: () => Outcome<T>): Outcome<T> {
        let own = this.outcomes.get(kind);
        if (!own) {
            own = new Map();
            this.outcomes.set(kind, own);
        }
        let found = own.get(subject) as Outcome<T> | undefined;
        if (!found) {
            found = this.fromPrevious<T>(kind, subject, index) ?? work();
            own.set(subject, found);
        }
        return found;
    }

    private fromPrevious<T>(kind: OutcomeKind, subject: Subject, index: number): Outcome<T> | undefined {
        const previous = this.previous;
        if (!previous) {
            return undefined;
        }
        this.previousMatches ??= sameData(previous.model, this.model, SUBJECT_LISTS);
        if (!this.previousMatches) {
            this.previous = undefined;
            return undefined;
        }
        // The subject in the same place: a scenario (or projection) that moved has new source lines, so is never the same.
        const candidate = (kind === 'projection' ? previous.model.projections : previous.model.scenarios)[index];
        const outcome = candidate && previous.outcomes.get(kind)?.get(candidate);
        return outcome && sameData(candidate, subject) ? outcome as Outcome<T> : undefined;
    }

    private retire(): void {
        this.previous = undefined;
    }
}
