/**
 * The CLI over a portfolio: `aco validate` and `aco simulate --format json` over every oracle
 * contract, run as users run them (the program, with its shebang's flags), against the baseline of
 * parsing the same files on one core in a fresh process (parse-only.ts). Each figure is the best of
 * `runs` runs; the single-thread run (`--jobs 1`) is reported beside it.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { oracleContracts, writeContracts } from './oracle-portfolio.js';
import type { ParseOnlyResult } from './parse-only.js';

export interface PortfolioBenchResult {
    contracts: number;
    cores: number;
    baseline: ParseOnlyResult;
    cliStartMs: number;
    validateMs: number;
    simulateMs: number;
    validateOneThreadMs: number;
    simulateOneThreadMs: number;
    /** CLI time over the baseline's first pass (the target is at most 2). */
    validateRatio: number;
    simulateRatio: number;
    /** The same over the baseline's second pass, parsing with optimised code. */
    validateRatioWarm: number;
    simulateRatioWarm: number;
}

function best(runs: number, measure: () => number): number {
    let result = Infinity;
    for (let i = 0; i < runs; i++) {
        result = Math.min(result, measure());
    }
    return result;
}

export async function runPortfolioBench(root: string, benchScript: string, runs = 3): Promise<PortfolioBenchResult> {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'aco-portfolio-'));
    try {
        const texts = oracleContracts(root);
        writeContracts(directory, texts);
        const cli = path.join(root, 'bin/aco.js');
        const time = (args: string[]): number => {
            const start = performance.now();
            const run = spawnSync(cli, args, { encoding: 'utf-8', maxBuffer: 1 << 30 });
            const elapsed = performance.now() - start;
            if (run.status !== 0) {
                throw new Error(`aco ${args.join(' ')} exited ${run.status}: ${run.stderr.slice(0, 500)}`);
            }
            return elapsed;
        };
        const baselines = Array.from({ length: runs }, () => {
            const run = spawnSync(process.execPath, [benchScript, '--parse-only', directory], { encoding: 'utf-8' });
            if (run.status !== 0) {
                throw new Error(`parse-only baseline failed: ${run.stderr}`);
            }
            return JSON.parse(run.stdout) as ParseOnlyResult;
        });
        const baseline: ParseOnlyResult = {
            files: baselines[0].files,
            coldMs: Math.min(...baselines.map(b => b.coldMs)),
            warmMs: Math.min(...baselines.map(b => b.warmMs))
        };
        const cliStartMs = best(runs, () => time(['--version']));
        const validateMs = best(runs, () => time(['validate', directory, '--quiet']));
        const simulateMs = best(runs, () => time(['simulate', directory, '--format', 'json']));
        const validateOneThreadMs = time(['validate', directory, '--quiet', '--jobs', '1']);
        const simulateOneThreadMs = time(['simulate', directory, '--format', 'json', '--jobs', '1']);
        return {
            contracts: texts.length,
            cores: os.availableParallelism(),
            baseline,
            cliStartMs,
            validateMs,
            simulateMs,
            validateOneThreadMs,
            simulateOneThreadMs,
            validateRatio: validateMs / baseline.coldMs,
            simulateRatio: simulateMs / baseline.coldMs,
            validateRatioWarm: validateMs / baseline.warmMs,
            simulateRatioWarm: simulateMs / baseline.warmMs
        };
    } finally {
        fs.rmSync(directory, { recursive: true, force: true });
    }
}
