/**
 * CPU time beside wall time: how much of the machine a run kept busy. A run that used 4 s of CPU
 * in 3 s cannot take less than 2 s on two cores however its work is shared out, so CPU time over
 * the cores is the floor that threads or processes could bring a wall time down to.
 */
import * as fs from 'node:fs';

/** CPU time of this process so far, every thread (V8's compiler and collector threads too), in ms. */
export function processCpuMs(): number {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
}

/**
 * Linux's clock tick for the times in /proc (USER_HZ): fixed at 100 by the kernel's interface on
 * every architecture Node runs on, whatever the kernel's own timer frequency.
 */
const USER_HZ = 100;

/**
 * CPU time, in ms, of every child this process has waited for, their waited-for children
 * included (`cutime` and `cstime` in /proc/self/stat). Undefined where there is no /proc.
 */
export function childrenCpuMs(): number | undefined {
    let stat: string;
    try {
        stat = fs.readFileSync('/proc/self/stat', 'utf-8');
    } catch {
        return undefined;
    }
    // The fields after the command name, which is in parentheses and may hold spaces; cutime and cstime are the 16th and 17th fields.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[13]) + Number(fields[14]);
    return Number.isFinite(ticks) ? ticks * 1000 / USER_HZ : undefined;
}

/** `run`'s result and the CPU time of the children it started and waited for (undefined where that cannot be read). */
export function withChildrenCpu<T>(run: () => T): { result: T; cpuMs: number | undefined } {
    const before = childrenCpuMs();
    const result = run();
    const after = childrenCpuMs();
    return { result, cpuMs: before === undefined || after === undefined ? undefined : after - before };
}
