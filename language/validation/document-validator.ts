import { DefaultDocumentValidator, DefaultLinker, DocumentValidator, type LangiumDocument, type LinkingError, type ReferenceInfo, type AstNodeDescription, type ValidationOptions } from 'langium';
import type { CancellationToken, Diagnostic } from 'vscode-languageserver';
import { IssueCodes } from './issue-codes.js';

/**
 * Gives syntax and reference errors stable codes like every other diagnostic, so the editor, the
 * CLI's JSON and SARIF all show `syntax-error`, `unknown-provider` or `unknown-measure`.
 */
export class AcoDocumentValidator extends DefaultDocumentValidator {
    override async validateDocument(document: LangiumDocument, options?: ValidationOptions, cancelToken?: CancellationToken): Promise<Diagnostic[]> {
        const diagnostics = await super.validateDocument(document, options, cancelToken);
        for (const diagnostic of diagnostics) {
            if (diagnostic.code === undefined) {
                diagnostic.code = codeFor(diagnostic.data as { code?: string; property?: string } | undefined);
            }
            diagnostic.source = 'aco';
        }
        return diagnostics;
    }
}

function codeFor(data: { code?: string; property?: string } | undefined): string | undefined {
    switch (data?.code) {
        case DocumentValidator.LexingError:
        case DocumentValidator.ParsingError:
            return IssueCodes.SyntaxError;
        case DocumentValidator.LinkingError:
            return data.property === 'measure' ? IssueCodes.UnknownMeasure : IssueCodes.UnknownProvider;
        default:
            return data?.code;
    }
}

/** Unknown IDs explained in the author's terms, naming where the ID should be declared. */
export class AcoLinker extends DefaultLinker {
    protected override createLinkingError(refInfo: ReferenceInfo, targetDescription?: AstNodeDescription): LinkingError {
        const id = refInfo.reference.$refText;
        const message = refInfo.property === 'measure'
            ? `Unknown measure '${id}': no measure with this ID is declared in the quality section.`
            : `Unknown provider '${id}': no provider with this ID is declared in the providers section.`;
        return { info: refInfo, message, targetDescription };
    }
}
