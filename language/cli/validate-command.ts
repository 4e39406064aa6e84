/**
 * `aco validate`: diagnostics of every contract as text, the JSON document (no scenarios) or a
 * SARIF log. Exit status 1 on errors, or on more warnings than `--max-warnings`.
 */
import { cacheLocationOf, count, jobsOf, out, runReports, reportOptions, stdoutStyle, type CommonOptions } from './batch-run.js';
import { filesDocument } from './json-output.js';
import { sarifLog, type SarifInput } from './sarif-output.js';

export interface ValidateOptions extends CommonOptions {
    maxWarnings?: number;
}

export async function validateCommand(paths: string[], options: ValidateOptions, toolVersion: string): Promise<number> {
    let errors = 0;
    let warnings = 0;
    const entries: string[] = [];
    const sarif: SarifInput[] = [];
    const total = await runReports(paths, reportOptions('validate', options), jobsOf(options), report => {
        errors += report.errors;
        warnings += report.warnings;
        if (options.format === 'json') {
            entries.push(report.entry!);
        } else if (options.format === 'sarif') {
            sarif.push({ file: { absolute: report.absolute }, diagnostics: report.diagnostics! });
        } else {
            process.stdout.write(report.stdout);
        }
    }, cacheLocationOf(options));
    if (options.format === 'json') {
        out(filesDocument(entries));
    } else if (options.format === 'sarif') {
        out(JSON.stringify(sarifLog(sarif, toolVersion), null, 2));
    } else if (!options.quiet) {
        const style = stdoutStyle(options);
        const summary = `${count(total, 'contract')}: ${count(errors, 'error')}, ${count(warnings, 'warning')}`;
        out(errors > 0 ? style.red(summary) : style.green(summary));
    }
    if (errors > 0) {
        return 1;
    }
    if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
        // On stderr, so JSON and SARIF on stdout stay valid documents.
        process.stderr.write(`Too many warnings: ${warnings} (the limit is ${options.maxWarnings}).\n`);
        return 1;
    }
    return 0;
}
