import './polyfills.js';
import { inject, type Module } from 'langium';
import {
    createDefaultModule, createDefaultSharedModule, type DefaultSharedModuleContext,
    type LangiumServices, type LangiumSharedServices, type PartialLangiumServices
} from 'langium/lsp';
import { AcoGeneratedModule, AcoGeneratedSharedModule } from './generated/module.js';
import { AcoValueConverter } from './parser/value-converter.js';
import { AcoLexerErrorMessageProvider, AcoParserErrorMessageProvider } from './parser/syntax-messages.js';
import { AcoScopeComputation, AcoScopeProvider } from './references/scope.js';
import { ContractAnalyzer } from './analysis/contract-analysis.js';
import { AcoDocumentValidator, AcoLinker } from './validation/document-validator.js';
import { AcoValidator, registerValidationChecks } from './validation/validator.js';

/** Services this language adds to Langium's. */
export type AcoAddedServices = {
    analysis: {
        ContractAnalyzer: ContractAnalyzer;
    };
    validation: {
        AcoValidator: AcoValidator;
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
    references: {
        Linker: (services) => new AcoLinker(services),
        ScopeComputation: (services) => new AcoScopeComputation(services),
        ScopeProvider: (services) => new AcoScopeProvider(services)
    },
    validation: {
        AcoValidator: (services) => new AcoValidator(services),
        DocumentValidator: (services) => new AcoDocumentValidator(services)
    }
};

/**
 * Creates the shared services and the ACO language services. Used by the language server, the CLI
 * and the tests alike; `context.fileSystemProvider` decides whether files come from disk.
 */
export function createAcoServices(context: DefaultSharedModuleContext): {
    shared: LangiumSharedServices;
    Aco: AcoServices;
} {
    const shared = inject(createDefaultSharedModule(context), AcoGeneratedSharedModule);
    const Aco = inject(createDefaultModule({ shared }), AcoGeneratedModule, AcoModule);
    shared.ServiceRegistry.register(Aco);
    registerValidationChecks(Aco);
    if (!context.connection) {
        // Outside a language server nothing else triggers configuration loading.
        shared.workspace.ConfigurationProvider.initialized({});
    }
    return { shared, Aco };
}
