/**
 * `aco test --format junit`: the scenario expectations as JUnit XML, the test report format CI
 * systems (GitHub Actions reporters, GitLab, Jenkins, Azure Pipelines) display. One `<testsuite>`
 * per contract file; one `<testcase>` per `expect` line (name: the scenario and what it checks;
 * classname: the file); a failed expectation is a `<failure message="expected X, got Y">`. A
 * contract with errors is one failing test case listing its error diagnostics; a scenario that
 * cannot be settled fails each of its expectations.
 */
import type { Diagnostic } from 'vscode-languageserver';
import type { ContractModel } from '../model/contract-model.js';
import type { ExpectationResult } from '../settlement/settlement-types.js';
import type { LoadedContract } from './contracts.js';
import { settledMoney } from '../format.js';

/** Text for XML content and attribute values; characters XML 1.0 forbids are dropped. */
export function escapeXml(text: string): string {
    return text
        // eslint-disable-next-line no-control-regex
        .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&apos;');
}

interface TestCase {
    name: string;
    line?: number;
    failure?: { message: string; type: string; detail: string };
}

function expectationName(scenario: string, result: ExpectationResult): string {
    return `${scenario}: ${result.kind === 'earned' ? 'earned' : `provider ${result.providerId ?? ''} receives`}`;
}

function diagnosticText(file: string, diagnostic: Diagnostic): string {
    const severity = ['', 'error', 'warning', 'info', 'hint'][diagnostic.severity ?? 1] ?? 'error';
    const message = typeof diagnostic.message === 'string' ? diagnostic.message : (diagnostic.message as { value: string }).value;
    const code = diagnostic.code !== undefined ? ` [${String(diagnostic.code)}]` : '';
    return `${file}:${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1}: ${severity}: ${message}${code}`;
}

function casesOf(loaded: LoadedContract): TestCase[] {
    const file = loaded.file.display;
    const analysis = loaded.analysis;
    if (loaded.hasErrors || !analysis) {
        const errors = loaded.diagnostics.filter((d) => d.severity === 1 || d.severity === undefined);
        const count = errors.length;
        return [{
            name: 'contract is valid',
            line: errors[0] ? errors[0].range.start.line + 1 : undefined,
            failure: {
                message: `the contract has ${count} error${count === 1 ? '' : 's'}`,
                type: 'contract-errors',
                detail: errors.map((d) => diagnosticText(file, d)).join('\n')
            }
        }];
    }
    const model: ContractModel = analysis.model;
    const cases: TestCase[] = [];
    model.scenarios.forEach((scenario, index) => {
        const settlement = analysis.settlements[index];
        if (!settlement) {
            const why = analysis.unsettled.get(index) ?? 'the scenario cannot be settled';
            for (const expectation of scenario.expectations) {
                const what = expectation.kind === 'provider' ? `provider ${expectation.providerId} receives` : expectation.kind === 'bonus' ? 'quality bonus' : 'earned';
                cases.push({
                    name: `${scenario.name}: ${what}`,
                    line: expectation.line,
                    failure: { message: `cannot be settled: ${why}`, type: 'unsettled', detail: why }
                });
            }
            return;
        }
        for (const result of settlement.expectations) {
            const testCase: TestCase = { name: expectationName(settlement.scenario, result), line: result.line };
            if (!result.passed) {
                const expected = settledMoney(result.expected, model);
                const actual = settledMoney(result.actual, model);
                const within = result.tolerance.isZero() ? '' : ` (within ${settledMoney(result.tolerance, model)})`;
                testCase.failure = {
                    message: `expected ${expected}, got ${actual}`,
                    type: 'expectation-failed',
                    detail: `${file}:${result.line}: scenario "${settlement.scenario}" expected ${expected}${within}, but the contract settles to ${actual}.`
                };
            }
            cases.push(testCase);
        }
    });
    return cases;
}

export interface JunitSuite {
    /** The `<testsuite>` element, indented for its place, each line ending in a newline. */
    xml: string;
    tests: number;
    failures: number;
}

/** One contract's `<testsuite>`: its expectations as test cases. */
export function junitSuite(loaded: LoadedContract): JunitSuite {
    const cases = casesOf(loaded);
    const failed = cases.filter((c) => c.failure).length;
    const file = escapeXml(loaded.file.display);
    const out = [`  <testsuite name="${file}" tests="${cases.length}" failures="${failed}" errors="0" skipped="0">`];
    for (const testCase of cases) {
        const attributes = `name="${escapeXml(testCase.name)}" classname="${file}" file="${file}"${testCase.line ? ` line="${testCase.line}"` : ''}`;
        if (!testCase.failure) {
            out.push(`    <testcase ${attributes}/>`);
            continue;
        }
        out.push(`    <testcase ${attributes}>`);
        out.push(`      <failure message="${escapeXml(testCase.failure.message)}" type="${escapeXml(testCase.failure.type)}">${escapeXml(testCase.failure.detail)}</failure>`);
        out.push('    </testcase>');
    }
    out.push('  </testsuite>');
    return { xml: out.join('\n') + '\n', tests: cases.length, failures: failed };
}

/** The JUnit XML document around the suites, in order. */
export function junitDocument(suites: readonly JunitSuite[]): string {
    const total = suites.reduce((n, s) => n + s.tests, 0);
    const failures = suites.reduce((n, s) => n + s.failures, 0);
    return '<?xml version="1.0" encoding="UTF-8"?>\n'
        + `<testsuites name="aco test" tests="${total}" failures="${failures}" errors="0">\n`
        + suites.map((s) => s.xml).join('')
        + '</testsuites>\n';
}

/** The JUnit XML report of every expectation of every contract. */
export function junitXml(contracts: readonly LoadedContract[]): string {
    return junitDocument(contracts.map(junitSuite));
}
