/**
 * How steady the machine was while the benchmarks ran. A virtual machine's host can take its CPU
 * away for seconds at a time: on the 2-core machine the benchmarks were written on, the same
 * integer loop took anywhere from 0.8 to 8.5 s. A figure measured in such a spell (or a ratio whose
 * baseline was) says nothing about the code, so each benchmark group reports how much slower than
 * its best the machine was while that group ran.
 *
 * A separate process (`run.mjs --speed-probe FILE PID`) times a fixed piece of pure CPU work five
 * times a second (about 1.5% of one core, at the lowest priority), in CPU time, and writes each
 * time down; the benchmark process reads them at the end. The probe's fastest time in the whole
 * run is the machine's speed when nothing else takes it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Between probes: often enough to catch a spell of a second, rarely enough to cost little. */
const PROBE_INTERVAL_MS = 200;

/**
 * A fixed piece of integer work, a few milliseconds on a quiet core; returns the CPU time it took
 * in ms. CPU time, not wall time: the benchmark's own threads competing for the two cores delay
 * the probe without changing its CPU time, while a host that slows the machine inflates it.
 */
export function probeOnce(): number {
    const start = process.cpuUsage();
    let x = 0x9e3779b9;
    for (let i = 0; i < 1_000_000; i++) {
        // xorshift: nothing the compiler can fold away, no memory traffic.
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
    }
    const used = process.cpuUsage(start);
    const elapsed = (used.user + used.system) / 1000;
    // Never true; keeps `x` alive.
    if (x === 0.5) {
        console.log(x);
    }
    return elapsed;
}

/** Whether process `pid` is still running. */
function alive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch {
        return false;
    }
}

/**
 * The probe process: appends one line per probe, `<epoch ms> <probe ms>`, to `file` until it is
 * killed, or until the benchmark process `parent` is gone (killed itself, it cannot stop the probe).
 */
export function runSpeedProbe(file: string, parent: number): void {
    // The lowest priority: the probe runs when a core is free and never delays what is measured
    // (its CPU time does not depend on when it runs).
    try {
        os.setPriority(19);
    } catch {
        // Not allowed here: the probe still runs, at normal priority.
    }
    probeOnce();
    setInterval(() => {
        if (!alive(parent)) {
            process.exit(0);
        }
        const ms = probeOnce();
        fs.appendFileSync(file, `${Date.now()} ${ms.toFixed(3)}\n`);
    }, PROBE_INTERVAL_MS);
}

/** How much slower than its best the machine ran over a window of the run. */
export interface Steadiness {
    probes: number;
    /** Median probe time in the window over the fastest probe of the run. */
    typicalSlowdown: number;
    /** Slowest probe in the window over the fastest of the run. */
    worstSlowdown: number;
    /** Share of the window's probes at least twice the fastest: time the machine ran at half speed or less. */
    slowShare: number;
}

/**
 * The probe process of one benchmark run. Its probes go to a file rather than a pipe, so they
 * are not held up while the benchmark process is busy (the in-process benchmarks keep it busy for
 * seconds).
 */
export class SpeedMonitor {
    private readonly child: ChildProcess;
    private readonly directory: string;
    private readonly file: string;
    private probes: Probe[] = [];

    constructor(benchScript: string) {
        this.directory = fs.mkdtempSync(path.join(os.tmpdir(), 'aco-speed-'));
        this.file = path.join(this.directory, 'probes.txt');
        this.child = spawn(process.execPath, [benchScript, '--speed-probe', this.file, String(process.pid)], { stdio: 'ignore' });
        // The monitor must never keep the benchmark process alive.
        this.child.unref();
    }

    /** Stops the probes and reads them. */
    stop(): void {
        this.child.kill();
        const text = fs.existsSync(this.file) ? fs.readFileSync(this.file, 'utf-8') : '';
        fs.rmSync(this.directory, { recursive: true, force: true });
        this.probes = text.split('\n').map(line => line.split(' ').map(Number))
            .filter(([at, ms]) => Number.isFinite(at) && Number.isFinite(ms))
            .map(([at, ms]) => ({ at, ms }));
    }

    /** The steadiness between two `Date.now()` times, after `stop`. */
    window(from: number, to: number): Steadiness | undefined {
        return steadiness(this.probes, from, to);
    }
}

export interface Probe {
    /** When it ended (`Date.now()`). */
    at: number;
    /** Its CPU time, ms. */
    ms: number;
}

/** The steadiness of the probes between two times, against the fastest probe of all; undefined with no probe in the window. */
export function steadiness(probes: readonly Probe[], from: number, to: number): Steadiness | undefined {
    const inWindow = probes.filter(p => p.at >= from && p.at <= to).map(p => p.ms).sort((a, b) => a - b);
    if (inWindow.length === 0) {
        return undefined;
    }
    const fastest = Math.min(...probes.map(p => p.ms));
    return {
        probes: inWindow.length,
        typicalSlowdown: inWindow[Math.floor(inWindow.length / 2)] / fastest,
        worstSlowdown: inWindow[inWindow.length - 1] / fastest,
        slowShare: inWindow.filter(ms => ms >= 2 * fastest).length / inWindow.length
    };
}

/** One line for a benchmark group: how steady the machine was while it ran. */
export function steadinessLine(s: Steadiness | undefined): string {
    if (!s) {
        return 'machine speed: not measured (no probe in this window)';
    }
    const share = Math.round(s.slowShare * 100);
    return `machine speed while this ran: the probe took typically ${s.typicalSlowdown.toFixed(2)}× its best time, at worst ${s.worstSlowdown.toFixed(1)}×; `
        + `half speed or less ${share}% of the time (${s.probes} probes)`;
}
