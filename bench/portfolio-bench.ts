/**
 * The CLI over a portfolio: `aco validate` and `aco simulate --format json` over every oracle
 * contract, run as users run them (the program, with its shebang's flags), against the baseline of
 * parsing the same files on one core in a fresh process (parse-only.ts), the two taken in turn.
 * Each figure is the best of `runs` runs (with the default number of threads: one, at this size,
 * on two cores). With them, the same reports made in process (in-process.ts), which part the work
 * per contract from what the CLI adds. Beside it, what the second core gives: `--jobs 2`, and two processes each
 * validating half the files at once against one of them alone (if the second core were free, the
 * pair would take as long as one).
 * Beside each CLI time, the CPU time of the run (Linux): spread perfectly over every core, it is the
 * least time any sharing out of that run's work could take.
 * And what `--cache` gives a CI job whose change touched one contract: `validate --cache` with
 * every other file's report in the cache (no target: the targets are for a run that checks
 * everything). And one contract validated, with and without the startup snapshot (no target).
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runFlags } from '../language/cli/snapshot.js';
import { withChildrenCpu } from './cpu-time.js';
import { oracleContracts, writeContracts } from './oracle-portfolio.js';
import type { InProcessResult } from './in-process.js';
import type { ParseOnlyResult } from './parse-only.js';

export interface PortfolioBenchResult {
    contracts: number;
    cores: number;
    baseline: ParseOnlyResult;
    /**
     * The CLI's reports made in process on one core, fresh process, with the CLI's V8 flags
     * (in-process.ts): the work per contract, without the CLI around it.
     */
    inProcessValidate: InProcessResult;
    inProcessSimulate: InProcessResult;
    cliStartMs: number;
    validateMs: number;
    simulateMs: number;
    /**
     * CPU time of those runs, every thread and process (the least of the rounds; undefined where
     * the system does not say: cpu-time.ts).
     */
    validateCpuMs?: number;
    simulateCpuMs?: number;
    /** `validate --jobs 2`. */
    validateTwoThreadsMs: number;
    validateTwoThreadsCpuMs?: number;
    /** Two `validate --jobs 1` processes at once, each over half the files (wall time of the pair). */
    halvesAtOnceMs: number;
    /** One of those processes alone. */
    halfAloneMs: number;
    /** `validate --cache` after one contract changed, every other report in the cache. */
    cachedOneChangedMs: number;
    /** `validate` of one contract, as `aco` runs it (from the startup snapshot where the build left one), and with ACO_NO_SNAPSHOT=1. */
    oneContractMs: number;
    oneContractWithoutSnapshotMs: number;
    /** CLI time over the baseline's first pass (the target is at most 2). */
    validateRatio: number;
    simulateRatio: number;
    /** The same over the baseline's second pass, parsing with optimised code. */
    validateRatioWarm: number;
    simulateRatioWarm: number;
    /**
     * The ratio each run would have if its CPU time were spread perfectly over every core: the
     * least that more threads or processes could give without less work.
     */
    validateFloorRatio?: number;
    simulateFloorRatio?: number;
}

/** The least of two figures either of which may be missing. */
function least(a: number | undefined, b: number | undefined): number | undefined {
    return a === undefined ? b : b === undefined ? a : Math.min(a, b);
}

function best(runs: number, measure: () => number): number {
    let result = Infinity;
    for (let i = 0; i < runs; i++) {
        result = Math.min(result, measure());
    }
    return result;
}

/** Wall time of running `cli` with each argument list at the same time. */
async function atOnce(cli: string, runs: string[][]): Promise<number> {
    const start = performance.now();
    await Promise.all(runs.map(args => new Promise<void>((resolve, reject) => {
        const child = spawn(cli, args, { stdio: 'ignore' });
        child.on('error', reject);
        child.on('exit', status => status === 0 ? resolve() : reject(new Error(`aco ${args.join(' ')} exited ${status}`)));
    })));
    return performance.now() - start;
}

export async function runPortfolioBench(root: string, benchScript: string, runs = 3): Promise<PortfolioBenchResult> {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'aco-portfolio-'));
    try {
        const texts = oracleContracts(root);
        const files = writeContracts(directory, texts);
        const cli = path.join(root, 'bin/aco.js');
        /** Wall and CPU time of one `aco` run. */
        const timed = (args: string[], env: NodeJS.ProcessEnv = process.env): { ms: number; cpuMs: number | undefined } => {
            const start = performance.now();
            const { result: run, cpuMs } = withChildrenCpu(() => spawnSync(cli, args, { encoding: 'utf-8', maxBuffer: 1 << 30, env }));
            const ms = performance.now() - start;
            if (run.status !== 0) {
                throw new Error(`aco ${args.join(' ')} exited ${run.status}: ${run.stderr.slice(0, 500)}`);
            }
            return { ms, cpuMs };
        };
        const time = (args: string[], env?: NodeJS.ProcessEnv): number => timed(args, env).ms;
        const parseOnly = (): ParseOnlyResult => {
            const run = spawnSync(process.execPath, [benchScript, '--parse-only', directory], { encoding: 'utf-8' });
            if (run.status !== 0) {
                throw new Error(`parse-only baseline failed: ${run.stderr}`);
            }
            return JSON.parse(run.stdout) as ParseOnlyResult;
        };
        const inProcess = (command: 'validate' | 'simulate'): InProcessResult => {
            // With the V8 flags `aco` runs with, so the CLI's time beyond this is what the CLI adds.
            const run = spawnSync(process.execPath, [...runFlags(), benchScript, '--in-process', command, directory], { encoding: 'utf-8' });
            if (run.status !== 0) {
                throw new Error(`in-process ${command} failed: ${run.stderr}`);
            }
            return JSON.parse(run.stdout) as InProcessResult;
        };
        // The baseline, the two CLI runs and the same reports in process taken in turn, round after
        // round, so that a ratio's two sides see the machine alike: on a shared host its speed
        // changes from one minute to the next.
        const baselines: ParseOnlyResult[] = [];
        const inProcessValidates: InProcessResult[] = [];
        const inProcessSimulates: InProcessResult[] = [];
        let validateMs = Infinity;
        let simulateMs = Infinity;
        let validateCpuMs: number | undefined;
        let simulateCpuMs: number | undefined;
        for (let i = 0; i < runs; i++) {
            baselines.push(parseOnly());
            const validate = timed(['validate', directory, '--quiet']);
            validateMs = Math.min(validateMs, validate.ms);
            validateCpuMs = least(validateCpuMs, validate.cpuMs);
            const simulate = timed(['simulate', directory, '--format', 'json']);
            simulateMs = Math.min(simulateMs, simulate.ms);
            simulateCpuMs = least(simulateCpuMs, simulate.cpuMs);
            inProcessValidates.push(inProcess('validate'));
            inProcessSimulates.push(inProcess('simulate'));
        }
        const fastest = <T extends { coldMs: number; coldCpuMs: number; warmMs: number }>(all: T[]): T => ({
            ...all[0],
            coldMs: Math.min(...all.map(b => b.coldMs)),
            coldCpuMs: Math.min(...all.map(b => b.coldCpuMs)),
            warmMs: Math.min(...all.map(b => b.warmMs))
        });
        const baseline = fastest(baselines);
        const cliStartMs = best(runs, () => time(['--version']));
        const one = ['validate', files[0], '--quiet'];
        const oneContractMs = best(runs, () => time(one));
        const oneContractWithoutSnapshotMs = best(runs, () => time(one, { ...process.env, ACO_NO_SNAPSHOT: '1' }));
        const twoThreads = timed(['validate', directory, '--quiet', '--jobs', '2']);
        const cacheFile = path.join(os.tmpdir(), `${path.basename(directory)}.acocache`);
        const cachedOneChangedMs = (() => {
            try {
                const cached = ['validate', directory, '--quiet', '--cache-location', cacheFile];
                time(cached);
                // A different change each run, so each run checks exactly one contract again.
                return best(runs, () => {
                    fs.appendFileSync(files[0], `\n// change ${Date.now()}-${Math.random()}\n`);
                    return time(cached);
                });
            } finally {
                fs.rmSync(cacheFile, { force: true });
                fs.writeFileSync(files[0], texts[0]);
            }
        })();
        const half = Math.ceil(texts.length / 2);
        const halves = [texts.slice(0, half), texts.slice(half)].map((part, i) => {
            const folder = path.join(directory, `half-${i}`);
            writeContracts(folder, part);
            return folder;
        });
        const halfAloneMs = time(['validate', halves[0], '--quiet', '--jobs', '1']);
        const halvesAtOnceMs = await atOnce(cli, halves.map(folder => ['validate', folder, '--quiet', '--jobs', '1']));
        const cores = os.availableParallelism();
        const floor = (cpuMs: number | undefined): number | undefined => cpuMs === undefined ? undefined : cpuMs / cores / baseline.coldMs;
        return {
            contracts: texts.length,
            cores,
            baseline,
            inProcessValidate: fastest(inProcessValidates),
            inProcessSimulate: fastest(inProcessSimulates),
            cliStartMs,
            validateMs,
            simulateMs,
            validateCpuMs,
            simulateCpuMs,
            validateTwoThreadsMs: twoThreads.ms,
            validateTwoThreadsCpuMs: twoThreads.cpuMs,
            halvesAtOnceMs,
            halfAloneMs,
            cachedOneChangedMs,
            oneContractMs,
            oneContractWithoutSnapshotMs,
            validateRatio: validateMs / baseline.coldMs,
            simulateRatio: simulateMs / baseline.coldMs,
            validateRatioWarm: validateMs / baseline.warmMs,
            simulateRatioWarm: simulateMs / baseline.warmMs,
            validateFloorRatio: floor(validateCpuMs),
            simulateFloorRatio: floor(simulateCpuMs)
        };
    } finally {
        fs.rmSync(directory, { recursive: true, force: true });
    }
}
