/**
 * `aco/focus` and `aco/pickScenario`: the client reports the cursor and the scenario picked in its
 * status bar; the server answers which scenario drives the figures now, and the scenarios there
 * are to pick from. When the driving scenario changes, the inline figures are redrawn.
 */
import { DocumentState, URI, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { ErrorCodes, ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver';
import type { AcoServices } from '../aco-module.js';
import { settledMoney } from '../format.js';
import { clientCapabilities } from './client-capabilities.js';
import { figureContext, hasErrors } from './document-analysis.js';
import { REASON_TEXT, scenarioNamed } from './figure-source.js';
import { AcoRequests, type FocusResult, type ScenarioChoice } from './server-protocol.js';

function invalid(message: string): ResponseError<void> {
    return new ResponseError(ErrorCodes.InvalidParams, message);
}

function params(method: string, raw: unknown): { uri: string; rest: Record<string, unknown> } {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
        throw invalid(`${method} takes an object of parameters, such as { "uri": "file:///contract.aco" }.`);
    }
    const rest = raw as Record<string, unknown>;
    if (typeof rest.uri !== 'string' || rest.uri.trim() === '') {
        throw invalid(`${method} needs "uri": the document's URI as a string.`);
    }
    return { uri: rest.uri, rest };
}

/** `position`: `{ line, character }` (0-based), or null/absent. */
function positionParam(method: string, value: unknown): { line: number; character: number } | undefined {
    if (value === undefined || value === null) {
        return undefined;
    }
    const position = value as { line?: unknown; character?: unknown };
    if (typeof value !== 'object' || !Number.isSafeInteger(position.line) || (position.line as number) < 0) {
        throw invalid(`${method}: "position" must be { "line": n, "character": n } with 0-based numbers; got ${JSON.stringify(value)}.`);
    }
    return { line: position.line as number, character: Number.isSafeInteger(position.character) ? position.character as number : 0 };
}

export function registerFocusRequests(connection: Connection, shared: LangiumSharedServices, Aco: AcoServices): void {
    const focus = Aco.editor.EditorFocus;
    /** The driving label last reported per document: a change redraws the inline figures. */
    const shown = new Map<string, string>();

    async function documentAt(method: string, uri: string, token: CancellationToken): Promise<LangiumDocument> {
        let parsed: URI;
        try {
            parsed = URI.parse(uri, true);
        } catch {
            throw invalid(`${method}: "${uri}" is not a URI.`);
        }
        // Only open documents are validated (document-builder.ts): a file merely in the workspace is not one.
        if (!shared.workspace.LangiumDocuments.hasDocument(parsed) || !shared.workspace.TextDocuments?.get(parsed.toString())) {
            throw invalid(`${method}: no contract is open at ${uri}.`);
        }
        // An edit the client sent just before this request is applied first (Langium queues it as a write).
        await shared.workspace.WorkspaceLock.read(() => undefined);
        await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated, parsed, token);
        const document = shared.workspace.LangiumDocuments.getDocument(parsed);
        if (!document) {
            throw invalid(`${method}: the contract at ${uri} was closed.`);
        }
        return document;
    }

    async function result(document: LangiumDocument): Promise<FocusResult> {
        const uri = document.uri.toString();
        const context = await figureContext(Aco, document);
        const errors = (document.diagnostics ?? []).filter(d => d.severity === 1).length;
        const scenarios: ScenarioChoice[] = context ? context.analysis.model.scenarios.map((scenario, index) => {
            const settled = context.analysis.check(index);
            const money = settled && settledMoney(settled.earned.abs(), context.analysis.model);
            return {
                name: scenario.name,
                line: context.currentLine(scenario.line) ?? scenario.line,
                result: settled ? `${settled.earned.isNegative() ? 'Owes' : 'Earned'} ${money}` : `Cannot settle: ${context.analysis.unsettled.get(index) ?? 'see the problems'}`,
                settles: settled !== undefined
            };
        }) : [];
        const driving = context?.driving;
        const label = driving ? `${driving.label}${context?.stale ? ' (stale)' : ''}` : '';
        if (shown.get(uri) !== label) {
            // Changed since the figures were drawn: redraw them (if the client can be asked to).
            if (shown.has(uri) && clientCapabilities(shared).inlayHintRefresh) {
                void connection.languages.inlayHint.refresh().catch(() => undefined);
            }
            shown.set(uri, label);
        }
        return {
            scenarios,
            driving: driving && {
                label: driving.label,
                scenario: driving.projection ? undefined : driving.settlement.scenario,
                reason: driving.reason ?? 'first',
                why: REASON_TEXT[driving.reason ?? 'first']
            },
            picked: focus.choice(uri, '').picked,
            stale: context?.stale !== undefined,
            errors: hasErrors(document) ? errors : 0
        };
    }

    connection.onRequest(AcoRequests.focus, async (raw: unknown, token: CancellationToken): Promise<FocusResult> => {
        const method = AcoRequests.focus;
        const { uri, rest } = params(method, raw);
        const position = positionParam(method, rest.position);
        const document = await documentAt(method, uri, token);
        focus.moveCursor(document.uri.toString(), position ? position.line + 1 : undefined);
        return result(document);
    });

    connection.onRequest(AcoRequests.pickScenario, async (raw: unknown, token: CancellationToken): Promise<FocusResult> => {
        const method = AcoRequests.pickScenario;
        const { uri, rest } = params(method, raw);
        const scenario = rest.scenario;
        if (scenario !== undefined && scenario !== null && typeof scenario !== 'string') {
            throw invalid(`${method}: "scenario" must be a scenario's name as a string; got ${JSON.stringify(scenario)}.`);
        }
        const document = await documentAt(method, uri, token);
        const analysis = Aco.analysis.ContractAnalyzer.analyze(document);
        const index = scenario && analysis ? scenarioNamed(analysis, scenario) : -1;
        if (scenario && index < 0) {
            const names = analysis?.model.scenarios.map(s => `"${s.name}"`).join(', ');
            throw invalid(`${method}: the contract has no scenario "${scenario}"${names ? `; it has ${names}` : ''}.`);
        }
        focus.pick(document.uri.toString(), index >= 0 ? analysis!.model.scenarios[index].name : undefined);
        return result(document);
    });

    shared.workspace.DocumentBuilder.onUpdate((_changed, deleted) => deleted.forEach(uri => {
        focus.forget(uri.toString());
        shown.delete(uri.toString());
    }));
}
