/**
 * What the client said it can do, in `initialize`, for the few features that differ by client:
 * snippet completions and asking the client to redraw inlay hints (registering for settings
 * changes is configuration.ts). Before (or without) an `initialize`, as in tests and the CLI, everything is allowed.
 */
import type { LangiumSharedServices } from 'langium/lsp';
import type { ClientCapabilities } from 'vscode-languageserver';

export interface AcoClientCapabilities {
    snippets: boolean;
    inlayHintRefresh: boolean;
}

const ANY_CLIENT: AcoClientCapabilities = { snippets: true, inlayHintRefresh: true };

const known = new WeakMap<object, AcoClientCapabilities>();

export function readCapabilities(capabilities: ClientCapabilities): AcoClientCapabilities {
    return {
        snippets: capabilities.textDocument?.completion?.completionItem?.snippetSupport === true,
        inlayHintRefresh: capabilities.workspace?.inlayHint?.refreshSupport === true
    };
}

/** The capabilities of the client of these shared services, once it has initialized. */
export function clientCapabilities(shared: LangiumSharedServices): AcoClientCapabilities {
    let capabilities = known.get(shared);
    if (!capabilities) {
        capabilities = { ...ANY_CLIENT };
        known.set(shared, capabilities);
        const current = capabilities;
        shared.lsp.LanguageServer.onInitialize(params => Object.assign(current, readCapabilities(params.capabilities)));
    }
    return capabilities;
}
