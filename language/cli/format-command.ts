/**
 * `aco format [--check]`: the editor's formatter applied to files. With `--check` nothing is
 * written and the exit status says whether every file is already in the canonical layout. A batch
 * names every file it rewrote and every file it could not write, and goes on past the latter.
 */
import { count, jobsOf, out, runReports, reportOptions, stdoutStyle, writeRewrite, type CommonOptions } from './batch-run.js';

export interface FormatOptions extends CommonOptions {
    check?: boolean;
    force?: boolean;
}

export async function formatCommand(paths: string[], options: FormatOptions): Promise<number> {
    const style = stdoutStyle(options);
    const check = options.check === true;
    let unformatted = 0;
    let reformatted = 0;
    let skipped = 0;
    let unwritten = 0;
    const total = await runReports(paths, reportOptions('format', options, { check }), jobsOf(options), report => {
        if (report.skipped) {
            process.stderr.write(`${report.file}: not formatted (${report.skipped})\n`);
            skipped++;
        } else if (report.rewrite && check) {
            unformatted++;
            out(`${style.yellow('would reformat')} ${report.file}`);
        } else if (report.rewrite) {
            if (writeRewrite(report, options.force === true)) {
                reformatted++;
                if (!options.quiet) {
                    out(`reformatted ${report.file}`);
                }
            } else {
                unwritten++;
            }
        }
    });
    if (!options.quiet || unwritten > 0) {
        if (check) {
            out(`${count(total - unformatted - skipped, 'file')} formatted, ${count(unformatted + skipped, 'file')} not`);
        } else {
            const failures = unwritten > 0 ? `, ${unwritten} could not be written` : '';
            out(`${count(total, 'file')} checked, ${reformatted} reformatted${failures}`);
        }
    }
    if (unwritten > 0) {
        return 2;
    }
    return unformatted > 0 || skipped > 0 ? 1 : 0;
}
