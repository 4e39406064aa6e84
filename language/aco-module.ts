import './polyfills.js';
import { inject, type Module } from 'langium';
import {
    createDefaultModule, createDefaultSharedModule, type DefaultSharedModuleContext,
    type LangiumServices, type LangiumSharedServices, type PartialLangiumServices, type PartialLangiumSharedServices
} from 'langium/lsp';
import { AcoCodeActionProvider } from './lsp/code-actions.js';
import { AcoCodeLensProvider } from './lsp/code-lens.js';
import { AcoCompletionProvider } from './lsp/completion.js';
import { AcoDocumentSymbolProvider } from './lsp/document-symbols.js';
import { AcoConfigurationProvider } from './lsp/configuration.js';
import { AcoDocumentBuilder } from './lsp/document-builder.js';
import { AcoServiceRegistry } from './lsp/service-registry.js';
import { AcoDocumentFactory } from './lsp/document-factory.js';
import { AcoWorkspaceManager } from './lsp/workspace-manager.js';
import { AcoValidationRegistry } from './validation/validation-registry.js';
import { AcoReferences, NoReferenceDescriptions } from './references/local-references.js';
import { AcoDocumentUpdateHandler } from './lsp/document-update-handler.js';
import { AcoFormatter } from './lsp/formatter.js';
import { AcoHoverProvider } from './lsp/hover.js';
import { AcoInlayHintProvider } from './lsp/inlay-hints.js';
import { AcoSemanticTokenProvider } from './lsp/semantic-tokens.js';
import { AcoWorkspaceSymbolProvider } from './lsp/workspace-symbols.js';
import { EditorFocus } from './lsp/editor-focus.js';
import { LastValidVersions } from './lsp/last-valid.js';
import { AcoGeneratedModule, AcoGeneratedSharedModule } from './generated/module.js';
import { AcoValueConverter } from './parser/value-converter.js';
import { AcoLexerErrorMessageProvider, AcoParserErrorMessageProvider } from './parser/syntax-messages.js';
import { AcoScopeComputation, AcoScopeProvider } from './references/scope.js';
import { ContractAnalyzer } from './analysis/contract-analysis.js';
import { AcoLinker } from './validation/document-validator.js';
import { CascadeFreeDocumentValidator } from './parser/syntax-cascade.js';
import { AcoValidator, registerValidationChecks } from './validation/validator.js';

/** Services this language adds to Langium's. */
export type AcoAddedServices = {
    analysis: {
        ContractAnalyzer: ContractAnalyzer;
    };
    validation: {
        AcoValidator: AcoValidator;
    };
    /** What the editor features keep per open contract: the last valid version, the cursor and the picked scenario. */
    editor: {
        LastValidVersions: LastValidVersions;
        EditorFocus: EditorFocus;
    };
};

export type AcoServices = LangiumServices & AcoAddedServices;

/**
 * The one place where the language's services are chosen. Everything that differs from Langium's
 * defaults is listed here.
 */
export const AcoModule: Module<AcoServices, PartialLangiumServices & AcoAddedServices> = {
    parser: {
        ValueConverter: () => new AcoValueConverter(),
        ParserErrorMessageProvider: () => new AcoParserErrorMessageProvider(),
        LexerErrorMessageProvider: () => new AcoLexerErrorMessageProvider()
    },
    analysis: {
        ContractAnalyzer: (services) => new ContractAnalyzer(services)
    },
    editor: {
        LastValidVersions: (services) => new LastValidVersions(services.shared, services.analysis.ContractAnalyzer),
        EditorFocus: () => new EditorFocus()
    },
    workspace: {
        // References are found by walking their own file when asked (local-references.ts), not indexed.
        ReferenceDescriptionProvider: () => new NoReferenceDescriptions()
    },
    lsp: {
        Formatter: () => new AcoFormatter(),
        HoverProvider: (services) => new AcoHoverProvider(services),
        InlayHintProvider: (services) => new AcoInlayHintProvider(services),
        CodeLensProvider: (services) => new AcoCodeLensProvider(services),
        CompletionProvider: (services) => new AcoCompletionProvider(services),
        CodeActionProvider: () => new AcoCodeActionProvider(),
        SemanticTokenProvider: (services) => new AcoSemanticTokenProvider(services),
        DocumentSymbolProvider: () => new AcoDocumentSymbolProvider()
    },
    references: {
        References: (services) => new AcoReferences(services),
        Linker: (services) => new AcoLinker(services),
        ScopeComputation: (services) => new AcoScopeComputation(services),
        ScopeProvider: (services) => new AcoScopeProvider(services)
    },
    validation: {
        AcoValidator: (services) => new AcoValidator(services),
        ValidationRegistry: (services) => new AcoValidationRegistry(services),
        // Syntax errors reported once, without the checks their recovery makes meaningless.
        DocumentValidator: (services) => new CascadeFreeDocumentValidator(services)
    }
};

/** Shared services that differ from Langium's defaults. */
export const AcoSharedModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
    ServiceRegistry: (services) => new AcoServiceRegistry(services),
    lsp: {
        DocumentUpdateHandler: (services) => new AcoDocumentUpdateHandler(services),
        WorkspaceSymbolProvider: (services) => new AcoWorkspaceSymbolProvider(services)
    },
    workspace: {
        DocumentBuilder: (services) => new AcoDocumentBuilder(services),
        WorkspaceManager: (services) => new AcoWorkspaceManager(services),
        LangiumDocumentFactory: (services) => new AcoDocumentFactory(services),
        ConfigurationProvider: (services) => new AcoConfigurationProvider(services)
    }
};

/**
 * Creates the shared services and the ACO language services. Used by the language server, the CLI
 * and the tests alike; `context.fileSystemProvider` decides whether files come from disk, and
 * `overrides` lets an environment swap a service (the server parses large files in a worker).
 */
export function createAcoServices(context: DefaultSharedModuleContext, overrides?: Module<AcoServices, PartialLangiumServices>): {
    shared: LangiumSharedServices;
    Aco: AcoServices;
} {
    const shared = inject(createDefaultSharedModule(context), AcoGeneratedSharedModule, AcoSharedModule);
    const Aco = overrides
        ? inject(createDefaultModule({ shared }), AcoGeneratedModule, AcoModule, overrides)
        : inject(createDefaultModule({ shared }), AcoGeneratedModule, AcoModule);
    shared.ServiceRegistry.register(Aco);
    registerValidationChecks(Aco);
    // Created now, so it sees the first build (it keeps each contract's last valid version).
    void Aco.editor.LastValidVersions;
    if (!context.connection) {
        // Outside a language server nothing else triggers configuration loading.
        shared.workspace.ConfigurationProvider.initialized({});
    }
    return { shared, Aco };
}
