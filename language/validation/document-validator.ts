import {
    AstUtils, Cancellation, DefaultDocumentValidator, DefaultLinker, DocumentValidator, GrammarUtils, interruptAndCheck, type AstNode, type AstNodeDescription,
    type LangiumDocument, type LinkingError, type ReferenceInfo, type ValidationAcceptor, type ValidationCheck, type ValidationOptions
} from 'langium';
import { DiagnosticSeverity, type CancellationToken, type Diagnostic } from 'vscode-languageserver';
import type { AcoServices } from '../aco-module.js';
import type { ContractAnalyzer } from '../analysis/contract-analysis.js';
import * as ast from '../generated/ast.js';
import { currencySymbol } from '../format.js';
import { proposalIn } from '../parser/syntax-messages.js';
import { closestIds, declaredIds } from './id-suggestions.js';
import { IssueCodes } from './issue-codes.js';
import { forEachReference, preorder } from '../model/ast-walk.js';
import { AcoValidationRegistry } from './validation-registry.js';
import { scenarioName, sentence } from './node-names.js';
import { checkExpectations, checkProjectionExpectations } from './scenario-checks.js';

/** Nodes visited between looks at the cancellation token in an editor build (a few dozen take well under a millisecond). */
const NODES_PER_INTERRUPT = 32;

/**
 * For the node walks below, instead of Langium's await per node (a promise and a microtask each):
 * whether it is time, at this node, to look at the cancellation token (every few dozen nodes);
 * never when nothing can cancel the build (the CLI, the tests).
 */
function interruptDue(cancelToken: CancellationToken): () => boolean {
    // Langium's own `None` (vscode-jsonrpc's, which vscode-languageserver may hold another copy of).
    if (cancelToken === Cancellation.CancellationToken.None) {
        return () => false;
    }
    let visited = 0;
    return () => ++visited % NODES_PER_INTERRUPT === 0;
}

/**
 * Gives syntax and reference errors stable codes like every other diagnostic, so the editor, the
 * CLI's JSON and SARIF all show `syntax-error`, `unknown-provider` or `unknown-measure`; and, as
 * the last safety net, reports any scenario the engine cannot settle.
 */

export class AcoDocumentValidator extends DefaultDocumentValidator {
    private readonly analyzer: ContractAnalyzer;

    constructor(services: AcoServices) {
        super(services);
        this.analyzer = services.analysis.ContractAnalyzer;
    }

    override async validateDocument(document: LangiumDocument, options?: ValidationOptions, cancelToken?: CancellationToken): Promise<Diagnostic[]> {
        const diagnostics = await super.validateDocument(document, options, cancelToken);
        if (!diagnostics.some(d => d.severity === DiagnosticSeverity.Error)) {
            diagnostics.push(...this.settlementChecks(document));
        }
        // Looked up only for a syntax error: without a currency line it reads the whole text.
        let symbol: string | undefined;
        for (const diagnostic of diagnostics) {
            if (diagnostic.code === undefined) {
                diagnostic.code = codeFor(diagnostic.data as { code?: string; property?: string } | undefined);
            }
            if (diagnostic.code === IssueCodes.SyntaxError) {
                symbol ??= currencySymbol(contractCurrency(document));
                withProposedFigure(diagnostic, symbol);
            }
            diagnostic.source = 'aco';
        }
        return diagnostics;
    }

    /**
     * Langium's node walk, without its two awaits per node and check and its stream per node: each is a promise and a
     * microtask, which over thousands of contracts (or a 500-line contract on every keystroke) cost
     * more than the checks. A check that returns a promise is still awaited; an editor build (a
     * real token) looks for cancellation, and yields to the event loop when Langium's time slice is
     * up, every few dozen nodes instead of at every one.
     */
    protected override async validateAstNodes(rootNode: AstNode, options: ValidationOptions, acceptor: ValidationAcceptor, cancelToken: CancellationToken = Cancellation.CancellationToken.None): Promise<void> {
        if (this.profiler?.isActive('validating')) {
            return super.validateAstNodes(rootNode, options, acceptor, cancelToken);
        }
        const due = interruptDue(cancelToken);
        const { nodes, ends } = preorder(rootNode);
        for (let i = 0; i < nodes.length;) {
            const node = nodes[i];
            if (due()) {
                await interruptAndCheck(cancelToken);
            }
            const nodeOptions = this.validateSingleNodeOptions(node, options);
            if (nodeOptions.validateNode) {
                for (const check of this.checks(node.$type, options)) {
                    const pending = check(node, acceptor, cancelToken);
                    if (pending) {
                        await pending;
                    }
                }
            }
            i = nodeOptions.validateChildren ? i + 1 : ends[i];
        }
    }

    /** The checks of a node type: the registry's list itself when it keeps one (validation-registry.ts). */
    private checks(type: string, options: ValidationOptions): Iterable<ValidationCheck> {
        const registry = this.validationRegistry;
        return registry instanceof AcoValidationRegistry ? registry.checksFor(type, options.categories) : registry.getChecks(type, options.categories);
    }

    /**
     * Checks that settle the contract, run only once it has no errors (a figure settled from a
     * 175% sharing rate would mislead): failed `expect` lines, and scenarios that cannot settle.
     */
    private settlementChecks(document: LangiumDocument): Diagnostic[] {
        const root = document.parseResult.value;
        const analysis = this.analyzer.analyze(document);
        if (!ast.isContract(root) || !analysis) {
            return [];
        }
        const diagnostics = this.unsettledScenarios(document);
        const accept: ValidationAcceptor = (severity, message, info) => diagnostics.push(this.toDiagnostic(severity, message, info));
        checkExpectations(root, analysis, accept);
        checkProjectionExpectations(root, analysis, accept);
        return diagnostics;
    }

    /**
     * A contract that passes every check must settle. Where the engine still cannot settle a
     * scenario (a gap no other rule describes), that scenario gets an error with the engine's
     * reason, so `aco test` and CI fail instead of skipping it. Checked only when there is no other
     * error, so a known mistake is not reported twice. The first scenario is settled in full once
     * (capitation and distribution depend on the contract, not the scenario); the others as far
     * as earned.
     */
    private unsettledScenarios(document: LangiumDocument): Diagnostic[] {
        const root = document.parseResult.value;
        const analysis = this.analyzer.analyze(document);
        if (!ast.isContract(root) || !analysis) {
            return [];
        }
        const scenarios = root.sections.filter(ast.isScenario);
        const diagnostics: Diagnostic[] = [];
        scenarios.forEach((scenario, index) => {
            const settled = index === 0 ? analysis.settlement(index) : analysis.check(index);
            const reason = analysis.unsettled.get(index);
            if (settled || !reason) {
                return;
            }
            const line = analysis.unsettledLine.get(index);
            // The clause the engine named: the term (a `…Line`, provider or measure) on that line.
            const atClause = line !== undefined ? AstUtils.streamAst(root).find(n => n.$cstNode?.range.start.line === line - 1
                && (n.$type.endsWith('Line') || ast.isProvider(n) || ast.isMeasure(n))) : undefined;
            const range = atClause?.$cstNode?.range ?? GrammarUtils.findNodeForProperty(scenario.$cstNode, 'name')?.range ?? scenario.$cstNode?.range;
            if (range) {
                diagnostics.push({
                    severity: DiagnosticSeverity.Error,
                    range,
                    message: `${sentence(scenarioName(scenario))} cannot be settled: ${reason}`,
                    code: IssueCodes.CannotSettle,
                    data: { code: IssueCodes.CannotSettle }
                });
            }
        });
        return diagnostics;
    }
}

/** The contract's currency code: its `currency` line, read from the text when the parse broke off. */
function contractCurrency(document: LangiumDocument): string {
    const root = document.parseResult.value;
    const line = ast.isContract(root) ? root.sections.find(ast.isCurrencyLine) : undefined;
    return line?.code ?? /\bcurrency\s+([A-Z]{3})\b/.exec(document.textDocument.getText())?.[1] ?? 'USD';
}

/**
 * A syntax error that proposes a figure (`write 75%`, `write $1,050.00`) carries it for the quick
 * fix; a money figure takes the contract's currency symbol, which the parser does not know.
 */
function withProposedFigure(diagnostic: Diagnostic, symbol: string): void {
    const message = diagnostic.message;
    let proposal = typeof message === 'string' ? proposalIn(message) : undefined;
    if (typeof message !== 'string' || !proposal) {
        return;
    }
    if (symbol && symbol !== '$' && /^-?\$/.test(proposal)) {
        const local = proposal.replace('$', symbol);
        diagnostic.message = message.replace(`write ${proposal}`, `write ${local}`);
        proposal = local;
    }
    diagnostic.data = { ...(diagnostic.data as object | undefined), code: IssueCodes.SyntaxError, replacement: proposal };
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
    /**
     * Langium's linking walk, without an await and streams per node (see validateAstNodes above): an editor
     * build looks for cancellation every few dozen nodes.
     */
    override async link(document: LangiumDocument, cancelToken: CancellationToken = Cancellation.CancellationToken.None): Promise<void> {
        if (this.profiler?.isActive('linking')) {
            return super.link(document, cancelToken);
        }
        const due = interruptDue(cancelToken);
        const link = (ref: ReferenceInfo): void => this.doLink(ref, document);
        for (const node of preorder(document.parseResult.value).nodes) {
            if (due()) {
                await interruptAndCheck(cancelToken);
            }
            forEachReference(node, link);
        }
    }

    protected override createLinkingError(refInfo: ReferenceInfo, targetDescription?: AstNodeDescription): LinkingError {
        const id = refInfo.reference.$refText;
        const root = AstUtils.findRootNode(refInfo.container);
        const kind = refInfo.property === 'measure' ? 'measure' : 'provider';
        const close = ast.isContract(root) ? closestIds(id, declaredIds(root, kind)) : [];
        const suggestion = close.length > 0 ? ` Did you mean ${close.join(' or ')}?` : '';
        const message = kind === 'measure'
            ? `Unknown measure '${id}': no measure with this ID is declared in the quality section.${suggestion}`
            : `Unknown provider '${id}': no provider with this ID is declared in the providers section.${suggestion}`;
        return { info: refInfo, message, targetDescription };
    }
}
