/**
 * `aco simulate`: every scenario of every contract settled, as tables (with `--explain`, the
 * waterfall) or the JSON document; `--monte-carlo` runs the uncertainty block. Exit status 1 when a
 * contract has errors, 2 when `--scenario` or `--monte-carlo` asks for what a contract lacks.
 */
import { InputError } from './files.js';
import { cacheLocationOf, jobsOf, out, runReports, reportOptions, type CommonOptions } from './batch-run.js';
import { filesDocument } from './json-output.js';

export interface SimulateOptions extends CommonOptions {
    scenario?: string;
    explain?: boolean;
    monteCarlo?: boolean;
    trials?: number;
    seed?: number;
}

export async function simulateCommand(paths: string[], options: SimulateOptions): Promise<number> {
    const entries: string[] = [];
    let failed = false;
    const extra = { scenario: options.scenario, explain: options.explain, monteCarlo: options.monteCarlo, trials: options.trials, seed: options.seed };
    await runReports(paths, reportOptions('simulate', options, extra), jobsOf(options), report => {
        if (report.usageError !== undefined) {
            throw new InputError(report.usageError);
        }
        failed ||= report.hasErrors;
        if (options.format === 'json') {
            entries.push(report.entry!);
            process.stderr.write(report.stderr);
        } else {
            process.stdout.write(report.stdout);
        }
    }, cacheLocationOf(options));
    if (options.format === 'json') {
        out(filesDocument(entries));
    }
    return failed ? 1 : 0;
}
