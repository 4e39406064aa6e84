/**
 * `aco validate --format sarif`: diagnostics as a SARIF 2.1.0 log, the format code-scanning
 * tools (GitHub code scanning, Azure DevOps, the SARIF viewers) read to annotate pull requests.
 * One run; the tool's rules are every issue code the language reports (issue-codes.ts, with its
 * one-line help) plus any other code a result uses; each result points at its file (relative to
 * %SRCROOT%, forward slashes) and its 1-based region.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver';
import { IssueHelp, WarningCodes, type IssueCode } from '../validation/issue-codes.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SARIF_VERSION = '2.1.0';

type SarifLevel = 'error' | 'warning' | 'note';

/** LSP severity (1 error, 2 warning, 3 information, 4 hint) to a SARIF level. */
export function sarifLevel(severity: number | undefined): SarifLevel {
    return severity === undefined || severity === 1 ? 'error' : severity === 2 ? 'warning' : 'note';
}

/** The default level of each issue code, from the warning list in issue-codes.ts. */
function defaultLevel(code: string): SarifLevel {
    return WarningCodes.has(code as IssueCode) ? 'warning' : 'error';
}

function firstSentence(text: string): string {
    const match = /^(.*?[.!?])(\s|$)/.exec(text);
    return match ? match[1] : text;
}

/** `missing-loss-cap` → `MissingLossCap`. */
function ruleName(code: string): string {
    return code.split(/[^A-Za-z0-9]+/).filter((part) => part !== '').map((part) => part[0].toUpperCase() + part.slice(1)).join('');
}

function ruleFor(code: string, level: SarifLevel): Record<string, unknown> {
    const help = (IssueHelp as Record<string, string | undefined>)[code] ?? `Diagnostic ${code}.`;
    return {
        id: code,
        name: ruleName(code),
        shortDescription: { text: firstSentence(help) },
        fullDescription: { text: help },
        help: { text: help },
        defaultConfiguration: { level }
    };
}

function diagnosticCode(diagnostic: Pick<Diagnostic, 'code'>): string {
    return diagnostic.code === undefined || diagnostic.code === '' ? 'unknown' : String(diagnostic.code);
}

function messageText(diagnostic: Pick<Diagnostic, 'message'>): string {
    return typeof diagnostic.message === 'string' ? diagnostic.message : (diagnostic.message as { value: string }).value;
}

/**
 * Where a file is for SARIF: a relative URI under %SRCROOT% (the working directory), each
 * segment percent-encoded and joined with `/`; a file outside it gets an absolute `file:` URI.
 */
export function artifactLocation(absolute: string, root = process.cwd()): { uri: string; uriBaseId?: string } {
    const relative = path.relative(root, absolute);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
        return { uri: pathToFileURL(absolute).href };
    }
    return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

/** What SARIF needs of a contract file: where it is and its diagnostics. */
export interface SarifInput {
    file: { absolute: string };
    diagnostics: ReadonlyArray<Pick<Diagnostic, 'range' | 'severity' | 'code' | 'message'>>;
}

/** The SARIF 2.1.0 log of every diagnostic of every contract. */
export function sarifLog(contracts: readonly SarifInput[], toolVersion: string): object {
    const rules = new Map<string, Record<string, unknown>>();
    const ruleIndexes = new Map<string, number>();
    for (const code of Object.keys(IssueHelp) as IssueCode[]) {
        rules.set(code, ruleFor(code, defaultLevel(code)));
        ruleIndexes.set(code, ruleIndexes.size);
    }
    const results: Array<Record<string, unknown>> = [];
    for (const loaded of contracts) {
        const location = artifactLocation(loaded.file.absolute);
        for (const diagnostic of loaded.diagnostics) {
            const code = diagnosticCode(diagnostic);
            const level = sarifLevel(diagnostic.severity);
            if (!rules.has(code)) {
                rules.set(code, ruleFor(code, level));
                ruleIndexes.set(code, ruleIndexes.size);
            }
            const { start, end } = diagnostic.range;
            results.push({
                ruleId: code,
                ruleIndex: ruleIndexes.get(code),
                level,
                message: { text: messageText(diagnostic) },
                locations: [{
                    physicalLocation: {
                        artifactLocation: location,
                        region: {
                            startLine: start.line + 1,
                            startColumn: start.character + 1,
                            endLine: end.line + 1,
                            endColumn: end.character + 1
                        }
                    }
                }]
            });
        }
    }
    return {
        $schema: SARIF_SCHEMA,
        version: SARIF_VERSION,
        runs: [{
            tool: {
                driver: {
                    name: 'aco',
                    version: toolVersion,
                    semanticVersion: toolVersion,
                    rules: [...rules.values()]
                }
            },
            originalUriBaseIds: {
                '%SRCROOT%': { uri: pathToFileURL(process.cwd() + path.sep).href }
            },
            columnKind: 'utf16CodeUnits',
            results
        }]
    };
}
