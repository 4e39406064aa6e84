/**
 * `aco test`: every `expect` line of every scenario checked, as PASS/FAIL lines, the JSON
 * document or JUnit XML. With `--update`, failing figures are written into their files. A
 * machine-readable document owns stdout; everything else then goes to stderr.
 */
import { cacheLocationOf, count, jobsOf, out, runReports, reportOptions, stderrStyle, stdoutStyle, writeRewrite, type CommonOptions } from './batch-run.js';
import { filesDocument } from './json-output.js';
import { junitDocument, type JunitSuite } from './junit-output.js';

export interface TestOptions extends CommonOptions {
    update?: boolean;
    force?: boolean;
}

export async function testCommand(paths: string[], options: TestOptions): Promise<number> {
    const machine = options.format !== 'text';
    const style = machine ? stderrStyle(options) : stdoutStyle(options);
    const text = (line: string): void => {
        (machine ? process.stderr : process.stdout).write(line + '\n');
    };
    let passed = 0;
    let failed = 0;
    let updated = 0;
    let withErrors = 0;
    let unwritten = 0;
    const entries: string[] = [];
    const suites: JunitSuite[] = [];
    await runReports(paths, reportOptions('test', options, { update: options.update }), jobsOf(options), report => {
        passed += report.passed;
        failed += report.failed;
        withErrors += report.hasErrors ? 1 : 0;
        if (options.format === 'json') {
            entries.push(report.entry!);
        } else if (options.format === 'junit') {
            suites.push({ xml: report.entry!, tests: report.tests, failures: report.failures });
        }
        (machine ? process.stderr : process.stdout).write(machine ? report.stderr : report.stdout);
        if (report.rewrite) {
            if (writeRewrite(report, options.force === true)) {
                updated += report.rewrite.changes;
                text(`${style.yellow('UPDATED')} ${report.file}: ${count(report.rewrite.changes, 'expectation')} rewritten`);
            } else {
                unwritten++;
            }
        }
    }, cacheLocationOf(options));
    if (options.format === 'json') {
        out(filesDocument(entries));
    } else if (options.format === 'junit') {
        process.stdout.write(junitDocument(suites));
    } else {
        out(`${passed} passed, ${failed} failed`);
    }
    if (unwritten > 0) {
        text(`${count(unwritten, 'file')} could not be written`);
        return 2;
    }
    if (options.update) {
        return withErrors > 0 ? 1 : 0;
    }
    return failed > 0 || updated > 0 ? 1 : 0;
}
