/**
 * Every handler the server registers answers, whatever goes wrong inside it. An unexpected error
 * is logged once to the client's output (`window/logMessage`: VS Code's "ACO Contracts" channel)
 * and the request is answered empty (`null`, valid for every LSP request), so one odd document
 * never shows a person a stack trace or an error pop-up. Deliberate errors (a ResponseError with a
 * clear message, a cancellation) pass through unchanged.
 *
 * The guard wraps the connection itself, so it covers Langium's handlers as well as ours.
 */
import { isOperationCancelled } from 'langium';
import { LSPErrorCodes, ResponseError, type Connection } from 'vscode-languageserver';

/** Registrations whose handlers must run as written (the handshake and the shutdown). */
const LIFECYCLE = new Set(['onInitialize', 'onInitialized', 'onShutdown', 'onExit', 'onRequest:initialize', 'onRequest:shutdown']);

/** Sub-objects of the connection that register handlers (`languages.inlayHint.on`, `workspace.onDid…`). */
const NESTED = new Set(['languages', 'workspace', 'notebooks', 'semanticTokens', 'inlayHint', 'inlineValue', 'diagnostics',
    'callHierarchy', 'typeHierarchy', 'moniker', 'foldingRange', 'synchronization', 'inlineCompletion']);

export type ErrorReporter = (what: string, error: unknown, outcome?: string) => void;

/** Logs each distinct failure once (a hover that fails on every mouse move logs one line). */
export function onceReporter(connection: Connection): ErrorReporter {
    const seen = new Set<string>();
    return (what, error, outcome = 'answered empty') => {
        const message = error instanceof Error ? error.message : String(error);
        const key = `${what}: ${message}`;
        if (seen.has(key)) {
            return;
        }
        seen.add(key);
        const where = error instanceof Error ? error.stack?.split('\n').slice(1, 4).map(l => l.trim()).join(' < ') : undefined;
        connection.console.error(`ACO server: ${what} failed (${outcome}): ${message}${where ? ` (at ${where})` : ''}`);
    };
}

/**
 * A deliberate error answer. Duck-typed: Langium and vscode-languageserver may each bring their own
 * copy of vscode-jsonrpc, whose ResponseError classes differ.
 */
function isResponseError(value: unknown): value is ResponseError<unknown> {
    return value instanceof ResponseError || (value instanceof Error && typeof (value as { code?: unknown }).code === 'number'
        && typeof (value as { toJson?: unknown }).toJson === 'function');
}

/** The answer to a failed handler: the error itself when deliberate, else null after logging it. */
function settle(what: string, error: unknown, report: ErrorReporter): unknown {
    // Langium answers a request for a document it does not have with ServerCancelled, which some
    // clients retry without end; nothing will ever be there to answer about, so answer empty.
    if (isResponseError(error) && error.code === LSPErrorCodes.ServerCancelled && error.message.startsWith('No document found')) {
        report(what, error);
        return null;
    }
    if (isResponseError(error)) {
        return error;
    }
    if (isOperationCancelled(error)) {
        return new ResponseError(LSPErrorCodes.RequestCancelled, 'The request has been cancelled.');
    }
    report(what, error);
    return null;
}

function guardHandler(handler: (...args: unknown[]) => unknown, what: string, report: ErrorReporter): (...args: unknown[]) => unknown {
    return function guarded(this: unknown, ...args: unknown[]): unknown {
        try {
            const result = handler.apply(this, args);
            if (result && typeof (result as PromiseLike<unknown>).then === 'function') {
                return Promise.resolve(result).then(value => isResponseError(value) ? settle(what, value, report) : value,
                    error => settle(what, error, report));
            }
            return isResponseError(result) ? settle(what, result, report) : result;
        } catch (error) {
            return settle(what, error, report);
        }
    };
}

/** A readable name for what a handler answers: `hover`, `inlayHint`, `aco/summary`. */
function describe(path: string, name: string, args: unknown[]): string {
    if ((name === 'onRequest' || name === 'onNotification') && typeof args[0] === 'string') {
        return args[0];
    }
    if ((name === 'onRequest' || name === 'onNotification') && args[0] && typeof (args[0] as { method?: unknown }).method === 'string') {
        return (args[0] as { method: string }).method;
    }
    const base = name === 'on' ? path.split('.').at(-1) ?? name : name.replace(/^on/, '');
    return base.charAt(0).toLowerCase() + base.slice(1);
}

function guardObject<T extends object>(target: T, path: string, report: ErrorReporter): T {
    return new Proxy(target, {
        get(object, property, receiver) {
            const value = Reflect.get(object, property, receiver) as unknown;
            if (typeof property !== 'string') {
                return value;
            }
            if (typeof value === 'function' && /^on([A-Z]|$)/.test(property)) {
                return (...args: unknown[]) => {
                    const what = describe(path, property, args);
                    if (LIFECYCLE.has(property) || LIFECYCLE.has(`${property}:${what}`)) {
                        return (value as (...a: unknown[]) => unknown).apply(object, args);
                    }
                    // The handler is the last function argument (`onRequest(method, handler)`, `onProgress(type, token, handler)`).
                    const index = args.map(a => typeof a).lastIndexOf('function');
                    const guardedArgs = args.map((arg, i) => i === index ? guardHandler(arg as (...a: unknown[]) => unknown, what, report) : arg);
                    return (value as (...a: unknown[]) => unknown).apply(object, guardedArgs);
                };
            }
            if (value && typeof value === 'object' && NESTED.has(property)) {
                return guardObject(value, path ? `${path}.${property}` : property, report);
            }
            return value;
        }
    });
}

/** The connection with every handler guarded; what it registers is otherwise unchanged. */
export function guardConnection(connection: Connection, report: ErrorReporter = onceReporter(connection)): Connection {
    return guardObject(connection, '', report);
}
