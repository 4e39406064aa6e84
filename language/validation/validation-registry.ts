/**
 * Langium's validation registry, with checks that cost nothing beyond themselves. Langium wraps
 * every check in two async functions (a promise and a microtask per check per node, even for a
 * synchronous check, and every ACO check is synchronous) and builds a stream of the checks for
 * each node it visits. Over thousands of contracts, or a large one on every keystroke, that
 * bookkeeping cost as much as the checks. Here a synchronous check is called directly (a check
 * that does return a promise still has its errors caught), and each node type's list of checks is
 * worked out once.
 */
import {
    isOperationCancelled, stream, ValidationRegistry, type AstNode, type MaybePromise, type Stream, type ValidationAcceptor,
    type ValidationCategory, type ValidationCheck
} from 'langium';

/** Why a check failed, as Langium words it. */
const MESSAGE_CONTEXT = 'An error occurred during validation';

export class AcoValidationRegistry extends ValidationRegistry {
    /** The checks of a node type, for one set of categories (`undefined`: all of them). */
    private readonly lists = new Map<string, Map<string, readonly ValidationCheck[]>>();

    protected override wrapValidationException(check: ValidationCheck, thisObj: unknown): ValidationCheck {
        return (node, accept, cancelToken): MaybePromise<void> => {
            try {
                const result = check.call(thisObj, node, accept, cancelToken);
                return result instanceof Promise ? result.catch(error => this.report(error, accept, node)) : undefined;
            } catch (error) {
                this.report(error, accept, node);
                return undefined;
            }
        };
    }

    /** What Langium's handleException does with a failed check: the error on the node, cancellation passed on. */
    private report(error: unknown, accept: ValidationAcceptor, node: AstNode): void {
        if (isOperationCancelled(error)) {
            throw error;
        }
        console.error(`${MESSAGE_CONTEXT}:`, error);
        if (error instanceof Error && error.stack) {
            console.error(error.stack);
        }
        accept('error', `${MESSAGE_CONTEXT}: ${error instanceof Error ? error.message : String(error)}`, { node });
    }

    override register(...args: Parameters<ValidationRegistry['register']>): void {
        this.lists.clear();
        super.register(...args);
    }

    /** The checks for a node of `type`, as an array worked out once per type and set of categories. */
    checksFor(type: string, categories?: ValidationCategory[]): readonly ValidationCheck[] {
        const key = categories === undefined ? '' : categories.join('\n');
        let byType = this.lists.get(key);
        if (!byType) {
            byType = new Map();
            this.lists.set(key, byType);
        }
        let list = byType.get(type);
        if (!list) {
            list = super.getChecks(type, categories).toArray();
            byType.set(type, list);
        }
        return list;
    }

    override getChecks(type: string, categories?: ValidationCategory[]): Stream<ValidationCheck> {
        return stream(this.checksFor(type, categories));
    }
}
