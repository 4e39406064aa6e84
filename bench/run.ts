/**
 * `npm run bench`: every benchmark in one process, each figure a ratio against a baseline measured
 * in the same run, printed with its target. `npm run bench -- portfolio lsp` runs only those.
 * Results (with every target and verdict) are written to bench/results/latest.json, which
 * `node out/bench/run.mjs --summary` prints again (the CI job's last lines).
 *
 * Each group's figures carry how steady the machine was while they were measured (machine-speed.ts),
 * so a target missed because the host took the CPU away can be told from one the code missed.
 *
 * Three modes serve the benchmarks themselves: `--parse-only DIR` (the portfolio's baseline, in a
 * fresh process) prints the parse-only times of DIR's contracts as JSON, `--in-process COMMAND DIR`
 * the times of the CLI's reports on them made in process, and `--speed-probe FILE PID`
 * times a fixed piece of work a few times a second until it is stopped or process PID ends.
 */
import '../language/polyfills.js';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inProcess } from './in-process.js';
import { runLanguageBench } from './language-bench.js';
import { runLspBench } from './lsp-bench.js';
import { runLspWorkspaceBench } from './lsp-workspace-bench.js';
import { runSpeedProbe, SpeedMonitor, steadinessLine, type Steadiness } from './machine-speed.js';
import { parseOnly } from './parse-only.js';
import { runPortfolioBench } from './portfolio-bench.js';
import { MONTE_CARLO_TARGET, runSettlementBench } from './settlement-bench.js';

const script = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(script), '../..');
const resultsFile = path.join(root, 'bench/results/latest.json');
const args = process.argv.slice(2);

interface Verdict {
    label: string;
    value: number;
    target: number;
    unit: string;
    met: boolean;
    /** How steady the machine was while the figure's group ran (absent in results saved before it was measured). */
    machine?: Steadiness;
}

/** A figure whose group ran with the machine slowed this share of the time or more is flagged. */
const UNSTEADY_SHARE = 0.05;

/** Whether the machine ran at half speed or less long enough, while `v` was measured, to flag it. */
function unsteady(v: Verdict): boolean {
    return v.machine !== undefined && v.machine.slowShare >= UNSTEADY_SHARE;
}

function verdictLine(v: Verdict): string {
    const digits = v.unit === ' ms' ? 1 : 2;
    const flag = v.machine && unsteady(v)
        ? `; the machine ran at half speed or less ${Math.round(v.machine.slowShare * 100)}% of the time (up to ${v.machine.worstSlowdown.toFixed(1)}× slower)`
        : '';
    return `${v.met ? 'PASS' : 'MISS'}  ${v.label}: ${v.value.toFixed(digits)}${v.unit} (target ≤ ${v.target}${v.unit})${flag}`;
}

function printSummary(): void {
    const saved = JSON.parse(fs.readFileSync(resultsFile, 'utf-8')) as { date: string; node: string; verdicts: Verdict[] };
    console.log(`== benchmarks (${saved.date}, Node ${saved.node}): ${saved.verdicts.filter(v => v.met).length} of ${saved.verdicts.length} targets met`);
    saved.verdicts.forEach(v => console.log(verdictLine(v)));
    const flagged = saved.verdicts.filter(unsteady).length;
    if (flagged > 0) {
        console.log(`${flagged} of these figures were measured while the host took this machine's CPU away for a while: a spell at half speed skews a ratio whichever side it falls on, so measure those again before reading anything into them.`);
    }
}

/** A mode that serves a benchmark: its result as one line of JSON, or its error in one line and exit code 2. */
async function serve(result: () => unknown): Promise<never> {
    try {
        process.stdout.write(JSON.stringify(await result()) + '\n');
        process.exit(0);
    } catch (error) {
        process.stderr.write(`${args[0]}: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(2);
    }
}
if (args[0] === '--parse-only') {
    await serve(() => parseOnly(args[1]));
}
if (args[0] === '--in-process') {
    await serve(() => inProcess(args[1], args[2]));
}
if (args[0] === '--speed-probe') {
    runSpeedProbe(args[1], Number(args[2]));
} else if (args[0] === '--summary') {
    printSummary();
    process.exit(0);
} else {
    await runBenchmarks();
}

/** Every benchmark group asked for, in one process, then the results file and the summary. */
async function runBenchmarks(): Promise<void> {
    const wanted = (name: string): boolean => args.length === 0 || args.includes(name);
    const results: Record<string, unknown> = {};
    const verdicts: Verdict[] = [];
    const monitor = new SpeedMonitor(script);
    /** Each group's figures, with when the group ran: its machine steadiness is worked out at the end, against the run's fastest probe. */
    const windows: Array<{ name: string; from: number; to: number; verdicts: Verdict[] }> = [];
    const group = async (name: string, title: string, run: () => Promise<void>): Promise<void> => {
        if (!wanted(name)) {
            return;
        }
        console.log(title);
        const before = verdicts.length;
        const from = Date.now();
        await run();
        windows.push({ name, from, to: Date.now(), verdicts: verdicts.slice(before) });
    };

    /** Records a figure against its target and prints it there and then. */
    function verdict(label: string, value: number, target: number, unit = '×'): void {
        const v: Verdict = { label, value, target, unit, met: value <= target };
        verdicts.push(v);
        console.log(`  ${verdictLine(v)}`);
    }

    function ms(value: number): string {
        return `${value.toFixed(1)} ms`;
    }

    // The probe process stops however the run ends.
    try {
        await group('language', '== parsing against linking + validation', async () => {
            const r = await runLanguageBench();
            results.language = r;
            console.log(`large contract (2,000 providers, 500 measures, 1,000 scenarios): parse ${ms(r.large.parseMs)}, link + validate ${ms(r.large.linkAndValidateMs)}`);
            console.log(`3,000 small contracts: parse ${ms(r.small.parseMs)}, link + validate ${ms(r.small.linkAndValidateMs)}`);
            verdict('link + validate / parse, large contract', r.large.ratio, 1.5);
            verdict('link + validate / parse, small contracts', r.small.ratio, 1.5);
            verdict('time at double size / time, large contract', r.largeGrowth, 2.2);
            verdict('time at double size / time, small contracts', r.smallGrowth, 2.2);
        });

        await group('settlement', '== settlement engine and Monte Carlo', async () => {
            const r = await runSettlementBench();
            results.settlement = r;
            for (const [key, value] of Object.entries(r)) {
                console.log(`${key}: ${typeof value === 'number' ? value.toLocaleString('en-US', { maximumFractionDigits: 3 }) : value}`);
            }
            const ratio = Number(r.monteCarloRatio ?? NaN);
            if (!Number.isNaN(ratio)) {
                verdict('Monte Carlo kernel / hand-written Float64Array loop', ratio, MONTE_CARLO_TARGET);
            }
        });

        await group('portfolio', '== the CLI over every oracle contract, against parsing them on one core', async () => {
            const r = await runPortfolioBench(root, script);
            results.portfolio = r;
            console.log(`${r.contracts.toLocaleString('en-US')} contracts, ${r.cores} cores. Baseline, parse only, one core, fresh process: ${ms(r.baseline.coldMs)}`
                + ` (CPU ${ms(r.baseline.coldCpuMs)}; again, optimised: ${ms(r.baseline.warmMs)})`);
            console.log(`aco --version ${ms(r.cliStartMs)}; validate ${ms(r.validateMs)}; simulate --format json ${ms(r.simulateMs)}`);
            if (r.validateCpuMs !== undefined && r.simulateCpuMs !== undefined) {
                const busy = (cpu: number, wall: number): string => `CPU ${ms(cpu)} in ${ms(wall)}, ${(cpu / wall).toFixed(2)} cores busy`;
                console.log(`  validate: ${busy(r.validateCpuMs, r.validateMs)}; simulate: ${busy(r.simulateCpuMs, r.simulateMs)}. Spread perfectly over ${r.cores} cores, `
                    + `${r.validateFloorRatio!.toFixed(2)}× and ${r.simulateFloorRatio!.toFixed(2)}× parse only: the least more threads could give without less work (no target)`);
            }
            const base = r.baseline;
            for (const [name, cli, work] of [['validate', r.validateMs, r.inProcessValidate], ['simulate --format json', r.simulateMs, r.inProcessSimulate]] as const) {
                console.log(`${name}'s reports made in process, one core, fresh process: ${ms(work.coldMs)} (CPU ${ms(work.coldCpuMs)}; ${(work.coldMs / base.coldMs).toFixed(2)}× parse only; `
                    + `optimised ${ms(work.warmMs)}, ${(work.warmMs / base.warmMs).toFixed(2)}× the optimised parse); `
                    // Each side is its best of the rounds, so a CLI that adds next to nothing can come out a little faster.
                    + `the CLI around them ${cli > work.coldMs ? ms(cli - work.coldMs) : 'nothing measurable'} (no target)`);
                console.log(`  by phase, first pass: ${Object.entries(work.coldPhasesMs).map(([phase, t]) => `${phase} ${ms(t)} (${(t / base.coldMs).toFixed(2)}×)`).join(', ')}`);
            }
            console.log(`one contract: validate ${ms(r.oneContractMs)}, with ACO_NO_SNAPSHOT=1 ${ms(r.oneContractWithoutSnapshotMs)} (the startup snapshot; no target)`);
            const twoThreadsCpu = r.validateTwoThreadsCpuMs === undefined ? '' : ` (CPU ${ms(r.validateTwoThreadsCpuMs)})`;
            console.log(`the second core: validate --jobs 2 ${ms(r.validateTwoThreadsMs)}${twoThreadsCpu}; two processes on half the files each, at once ${ms(r.halvesAtOnceMs)}, one of them alone ${ms(r.halfAloneMs)} `
                + `(${(r.halvesAtOnceMs / r.halfAloneMs).toFixed(2)}×: 1.00× would mean a free second core)`);
            console.log(`a CI run whose change touched one contract: validate --cache ${ms(r.cachedOneChangedMs)} (${(r.cachedOneChangedMs / r.baseline.coldMs).toFixed(2)}× the baseline; no target)`);
            verdict('aco validate, every oracle contract / parse only', r.validateRatio, 2);
            verdict('aco simulate --format json, every oracle contract / parse only', r.simulateRatio, 2);
        });

        await group('lsp-workspace', '== the language server opening a workspace of oracle contracts, against a workspace of one', async () => {
            const r = await runLspWorkspaceBench(root);
            results.lspWorkspace = r;
            for (const run of [r.one, r.many]) {
                console.log(`${run.contracts.toLocaleString('en-US')} contract(s): first diagnostics of the opened file ${ms(run.firstDiagnosticsMs)}, all indexed ${ms(run.indexedMs)}, `
                    + `${run.residentMb.toFixed(0)} MB resident; an edit: diagnostics in ${ms(run.editToDiagnosticsMs)}, ${run.otherDocumentsRevalidated} other documents re-validated`);
            }
            const many = r.many.contracts.toLocaleString('en-US');
            console.log(`CLI validate of the same ${many}: ${ms(r.cliValidateMs)}; memory per contract ${r.kbPerContract.toFixed(1)} KB`);
            verdict(`first diagnostics, ${many}-contract workspace / one-contract workspace`, r.firstDiagnosticsRatio, 2);
            verdict('every contract indexed / CLI validate of the same files', r.indexedOverCliRatio, 2);
            verdict('other documents re-validated by one edit', r.many.otherDocumentsRevalidated, 0, ' documents');
        });

        await group('lsp', '== editing over stdio: edit → diagnostics + inlay hints, against parsing the document', async () => {
            const r = await runLspBench(root);
            results.lsp = r;
            console.log(`server start to first diagnostics: ${ms(r.startToFirstDiagnosticsMs)}`);
            for (const [label, t] of [['typical example', r.typical], ['500 lines, 20 scenarios', r.medium], ['largest generated contract', r.largest], ['largest, a space typed near the top', r.largestTop]] as const) {
                console.log(`${label} (${t.lines.toLocaleString('en-US')} lines): figures on p50 ${ms(t.hintsOn.p50)}, p95 ${ms(t.hintsOn.p95)}; off p50 ${ms(t.hintsOff.p50)}, p95 ${ms(t.hintsOff.p95)}`);
                console.log(`    in process, no server: parse ${ms(t.inProcess.parseMs)}, link + validate ${ms(t.inProcess.linkAndValidateMs)} (${(t.inProcess.linkAndValidateMs / t.inProcess.parseMs).toFixed(2)}× parse), inlay hints of the whole document ${ms(t.inProcess.inlayHintsMs)}`);
            }
            verdict('500 lines, 20 scenarios: edit p95 / parse', r.medium.overParse, 2);
            verdict('500 lines, 20 scenarios: edit p95 with figures / without', r.medium.hintsRatio, 1.3);
            verdict('20,551 lines: edit p95 / parse', r.largest.overParse, 3);
            verdict('20,551 lines: edit p95 with figures / without', r.largest.hintsRatio, 1.3);
            verdict('20,551 lines, a space typed near the top: edit p95 / parse', r.largestTop.overParse, 3);
            verdict('typical example: edit p95 with figures / without', r.typical.hintsRatio, 1.3);
            verdict('typical example: edit p95', r.typical.hintsOn.p95, 50, ' ms');
        });
    } finally {
        monitor.stop();
    }
    console.log('');
    for (const { name, from, to, verdicts: measured } of windows) {
        const machine = monitor.window(from, to);
        measured.forEach(v => { v.machine = machine; });
        console.log(`${name}: ${steadinessLine(machine)}`);
    }

    fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
    // A partial run keeps the other benchmarks' last results.
    const previous = fs.existsSync(resultsFile) && args.length > 0 ? JSON.parse(fs.readFileSync(resultsFile, 'utf-8')) as { results?: Record<string, unknown>; verdicts?: Verdict[] } : {};
    const labels = new Set(verdicts.map(v => v.label));
    fs.writeFileSync(resultsFile, JSON.stringify({
        date: new Date().toISOString(),
        node: process.version,
        results: { ...(previous.results ?? {}), ...results },
        verdicts: [...(previous.verdicts ?? []).filter(v => !labels.has(v.label)), ...verdicts]
    }, null, 2) + '\n');
    console.log('');
    printSummary();
}
