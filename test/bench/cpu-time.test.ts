/**
 * The portfolio benchmark's CPU figures: a child's CPU time, not its wall time, and that of the
 * processes it waited for (`aco` runs its work in a child started from the startup snapshot).
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { childrenCpuMs, withChildrenCpu } from '../../bench/cpu-time.js';

/** A Node child running `code`. */
function node(code: string): () => void {
    return () => {
        const run = spawnSync(process.execPath, ['-e', code], { encoding: 'utf-8' });
        expect(run.status, run.stderr).toBe(0);
    };
}

/** Busy until this process has used `ms` of CPU. */
const spin = (ms: number): string => 'const cpu = () => { const { user, system } = process.cpuUsage(); return (user + system) / 1000; };'
    + ` const until = cpu() + ${ms}; while (cpu() < until) {}`;

describe.runIf(process.platform === 'linux')('CPU time of the children a run waits for', () => {
    test('a child busy for 400 ms of CPU counts at least that much', () => {
        const { cpuMs } = withChildrenCpu(node(spin(400)));
        // /proc counts in 10 ms ticks.
        expect(cpuMs).toBeGreaterThanOrEqual(390);
    });

    test('a child that waits for 600 ms counts only what it computed', () => {
        const { cpuMs } = withChildrenCpu(node('setTimeout(() => {}, 600)'));
        expect(cpuMs).toBeLessThan(400);
    });

    test('the CPU of a child\'s own child counts once the child has waited for it', () => {
        const inner = JSON.stringify(spin(400));
        const { cpuMs } = withChildrenCpu(node(`const run = require('node:child_process').spawnSync(process.execPath, ['-e', ${inner}]); process.exit(run.status ?? 1)`));
        expect(cpuMs).toBeGreaterThanOrEqual(390);
    });

    test('the running total never goes down', () => {
        const before = childrenCpuMs()!;
        node('')();
        expect(childrenCpuMs()!).toBeGreaterThanOrEqual(before);
    });
});
