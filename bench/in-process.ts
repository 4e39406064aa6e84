/**
 * Where the CLI's time goes, run in a fresh process (`run.mjs --in-process COMMAND DIR`): the
 * reports of `aco validate` or `aco simulate --format json` made in process, on one core, with the
 * CLI's own chunks and report code, timed like the parse-only baseline (files read and the parser
 * built untimed, then a first pass and a second one with the code optimised). Against the
 * baseline, the first pass says how much of the CLI's ratio is the work each contract asks for;
 * the CLI's time beyond it is starting, reading, writing and the process.
 */
import { DocumentState, type Disposable } from 'langium';
import { acoServices } from '../language/cli/contracts.js';
import { reportChunk, WARM_UP_FILE, type ReportOptions } from '../language/cli/file-report.js';
import { collectContractPaths, readContract } from '../language/cli/files.js';
import { chunksOf } from '../language/cli/report-pool.js';
import { processCpuMs } from './cpu-time.js';

export interface InProcessResult {
    command: 'validate' | 'simulate';
    files: number;
    /** First pass in a fresh process. */
    coldMs: number;
    /** CPU time of the first pass, every thread of the process (cpu-time.ts). */
    coldCpuMs: number;
    /** Second pass, same process. */
    warmMs: number;
    /** The first pass by phase: the document builder's phases, then the reports and releasing the chunk. */
    coldPhasesMs: Record<string, number>;
}

/** The document builder's phases, named as they read in the benchmark's output. */
const PHASES: ReadonlyArray<[DocumentState, string]> = [
    [DocumentState.Parsed, 'parse'],
    [DocumentState.IndexedContent, 'exports'],
    [DocumentState.ComputedScopes, 'scopes'],
    [DocumentState.Linked, 'linking'],
    [DocumentState.IndexedReferences, 'reference index'],
    [DocumentState.Validated, 'validation']
];
const REPORTS = 'reports and release';

/**
 * Times each build phase of the chunks a pass loads: a phase ends when the builder says every
 * document of the chunk reached it. Releasing a chunk runs a build of no documents, not counted.
 */
function phaseClock(): { start(): void; stop(): void; take(): Record<string, number> } & Disposable {
    let phases: Record<string, number> = {};
    let mark = 0;
    const lap = (name: string): void => {
        const now = performance.now();
        phases[name] = (phases[name] ?? 0) + now - mark;
        mark = now;
    };
    const builder = acoServices().shared.workspace.DocumentBuilder;
    const listeners = PHASES.map(([state, name]) => builder.onBuildPhase(state, documents => {
        if (documents.length > 0) {
            lap(name);
        }
    }));
    return {
        dispose: () => listeners.forEach(listener => listener.dispose()),
        start: () => (mark = performance.now()),
        stop: () => lap(REPORTS),
        take: () => {
            const taken = phases;
            phases = {};
            return taken;
        }
    };
}

export async function inProcess(command: string, directory: string): Promise<InProcessResult> {
    if (command !== 'validate' && command !== 'simulate') {
        throw new Error(`--in-process takes validate or simulate, not ${command}`);
    }
    // Found and read as the CLI finds and reads them, so each report names its file as the CLI's does.
    const files = collectContractPaths([directory]).map(readContract);
    const options: ReportOptions = command === 'validate'
        ? { command, format: 'text', quiet: true, color: false, errorColor: false }
        : { command, format: 'json', quiet: false, color: false, errorColor: false };
    const chunks = chunksOf(files);
    const clock = phaseClock();
    // The CLI's reports hold what its output is written from; kept here until the pass ends, likewise.
    const pass = async (): Promise<number> => {
        const start = performance.now();
        const reports = [];
        for (const chunk of chunks) {
            clock.start();
            reports.push(await reportChunk(chunk.files, options));
            clock.stop();
        }
        const ms = performance.now() - start;
        if (reports.flat().length !== files.length) {
            throw new Error('a chunk lost a report');
        }
        return ms;
    };
    try {
        // The parser and the services are built on the first document, as for the baseline.
        await reportChunk([WARM_UP_FILE], options);
        clock.take();
        const cpuBefore = processCpuMs();
        const coldMs = await pass();
        const coldCpuMs = processCpuMs() - cpuBefore;
        const coldPhasesMs = clock.take();
        const warmMs = await pass();
        return { command, files: files.length, coldMs, coldCpuMs, warmMs, coldPhasesMs };
    } finally {
        clock.dispose();
    }
}
