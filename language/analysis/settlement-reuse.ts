/**
 * Settlements carried from one version of a document to the next. An edit usually touches one
 * clause: when the contract's terms (everything in the model but its scenarios and projections)
 * are unchanged, a scenario whose own terms are unchanged settles exactly as before, so its
 * earlier outcome is taken instead of settling it again. "Unchanged" is decided on the model's
 * data written out in full (every amount, rate and source line), never on the text, so a
 * reused figure is the figure a fresh settlement would give, explanation lines included.
 *
 * Keys are only ever computed when there is an earlier version to compare with: a document
 * settled once (every file the CLI reads) pays nothing for this.
 */
import type { ContractModel } from '../model/contract-model.js';

/** What one settlement attempt gave: the record, or why it failed (and the line at fault, if named). */
export interface Outcome<T> {
    result: T | undefined;
    error?: string;
    line?: number;
}

/** A value's data as one string: Maps and Sets by their entries, decimals by their value (their `toJSON`). */
export function inputKey(value: unknown): string {
    return JSON.stringify(value, (_key, item: unknown) => {
        if (item instanceof Map) {
            return { $map: [...item.entries()] };
        }
        if (item instanceof Set) {
            return { $set: [...item.values()] };
        }
        return item;
    });
}

/** The kinds of attempt a version records: they settle to different depths, so each is its own entry. */
export type OutcomeKind = 'check' | 'check dividing' | 'full' | 'projection';

/** The inputs of one attempt: a scenario or a projection of the model. */
type Subject = object;

/**
 * One version's outcomes, by kind and by the subject (scenario or projection) they settled, and
 * the version before it, consulted while this one is current.
 */
export class SettlementMemory {
    private readonly outcomes = new Map<OutcomeKind, Map<Subject, Outcome<unknown>>>();
    private contractKey?: string;
    /** This version's subjects by key, per kind: built once, when the next version first asks. */
    private readonly byKey = new Map<OutcomeKind, Map<string, Outcome<unknown>>>();
    private previous?: SettlementMemory;
    /** Whether the previous version's contract terms equal this one's (decided on first use). */
    private previousMatches?: boolean;

    constructor(private readonly model: ContractModel, previous?: SettlementMemory) {
        // The previous version needs its own predecessor no longer: the chain stays two long.
        previous?.retire();
        this.previous = previous;
    }

    /**
     * The outcome of settling `subject` to the depth `kind` names: this version's own, else the
     * previous version's for a subject with the same data under the same contract terms, else
     * what `work` gives now.
     */
    outcome<T>(kind: OutcomeKind, subject: Subject, work: () => Outcome<T>): Outcome<T> {
        let own = this.outcomes.get(kind);
        if (!own) {
            own = new Map();
            this.outcomes.set(kind, own);
        }
        let found = own.get(subject) as Outcome<T> | undefined;
        if (!found) {
            found = this.fromPrevious<T>(kind, subject) ?? work();
            own.set(subject, found);
        }
        return found;
    }

    private fromPrevious<T>(kind: OutcomeKind, subject: Subject): Outcome<T> | undefined {
        const previous = this.previous;
        if (!previous) {
            return undefined;
        }
        this.previousMatches ??= previous.contractTerms() === this.contractTerms();
        if (!this.previousMatches) {
            this.previous = undefined;
            return undefined;
        }
        return previous.keyed(kind).get(inputKey(subject)) as Outcome<T> | undefined;
    }

    /** The model without its scenarios and projections, as a key. */
    private contractTerms(): string {
        return this.contractKey ??= inputKey({ ...this.model, scenarios: undefined, projections: undefined });
    }

    private keyed(kind: OutcomeKind): Map<string, Outcome<unknown>> {
        let keyed = this.byKey.get(kind);
        if (!keyed) {
            keyed = new Map();
            for (const [subject, outcome] of this.outcomes.get(kind) ?? []) {
                keyed.set(inputKey(subject), outcome);
            }
            this.byKey.set(kind, keyed);
        }
        return keyed;
    }

    private retire(): void {
        this.previous = undefined;
    }
}
