/**
 * `aco` started from a V8 startup snapshot: a heap in which the CLI's code is loaded and the
 * parser already built, saved by `npm run build` (scripts/build-snapshot.mjs) for the Node that
 * built it. Starting from it skips loading the 2 MB bundle and building the parser: about 0.4 s of
 * CPU on every run, most of what checking one contract costs. The program (bin/aco.js) starts
 * `node --snapshot-blob` with the same V8 flags the blob was built with; V8 refuses a blob made
 * under other flags or by another Node binary, so it is used only when the record written beside
 * it says that this very binary, these flags and this bundle made it. Otherwise, and for `aco lsp`
 * (a long-lived server) and under `ACO_NO_SNAPSHOT=1`, the program loads the bundle as before.
 * This module is loaded by the program before anything else: it stays small.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Node's exit status when it cannot load a startup snapshot. */
const SNAPSHOT_FAILURE = 14;

/**
 * The commands that parse contracts, which start from the snapshot: it saves them more than a
 * second process costs. `--version`, `--help` and the long-lived `aco lsp` load the bundle
 * (bin/aco.js). A test holds this list to the commands main.ts registers.
 */
export const CONTRACT_COMMANDS: readonly string[] = ['validate', 'simulate', 'test', 'format', 'summary', 'diff'];

/**
 * Set by the program for the child it starts: its own process id. The child ends itself once that
 * process is gone (snapshot-main.ts), so a program killed outright (SIGKILL, a cancelled CI job)
 * leaves no run behind writing to the terminal.
 */
export const PARENT_VARIABLE = 'ACO_SNAPSHOT_PARENT';

/**
 * The V8 flags of an `aco` run. A young generation of 32 MB from the start saves the collector
 * most of its scavenges when thousands of contracts are validated in one run. On Node 20 (V8 11)
 * most optimising compiles of a large run are of functions inlined into others, compiled again in
 * each caller: a smaller inlining budget made `aco validate` over the 5,460 oracle contracts about
 * 15% faster; V8 12 and later (with their mid-tier compiler) were slower with it.
 */
export function runFlags(v8Version: string = process.versions.v8): string[] {
    return ['--max-semi-space-size=32', '--min-semi-space-size=32', ...inliningFlags(v8Version)];
}

/** The flags of runFlags that V8 takes once running (the others size the heap, which exists by then). */
export function inliningFlags(v8Version: string = process.versions.v8): string[] {
    return Number(v8Version.split('.')[0]) < 12 ? ['--max-inlined-bytecode-size-cumulative=200'] : [];
}

/**
 * What the build wrote beside a blob: what made it, so a run uses it only with the same. (When
 * the blob could not be built, the record holds `{ error }` instead.)
 */
export interface SnapshotRecord {
    /** The blob's file name, in the same folder. */
    blob: string;
    /** Its size and time once checked: Node cannot tell a damaged blob, and crashes on one. */
    blobFile: { size: number; mtimeMs: number };
    node: { execPath: string; version: string; size: number; mtimeMs: number };
    /** The V8 flags it was built with, and must be run with. */
    flags: string[];
    /**
     * The bundle (aco.mjs) built with it: a bundle rebuilt since makes the blob stale, and one at
     * another path (a checkout moved or copied) too, since the heap holds the paths it was built at.
     */
    bundle: { path: string; size: number; mtimeMs: number };
}

/** The record's file for this Node (blobs of several Node versions can sit side by side). */
export function recordPath(cliDirectory: string, node: Pick<NodeJS.Process, 'version' | 'platform' | 'arch'> = process): string {
    return path.join(cliDirectory, `aco-${node.version}-${node.platform}-${node.arch}.snapshot.json`);
}

function stamp(file: string): { size: number; mtimeMs: number } {
    const stat = fs.statSync(file);
    return { size: stat.size, mtimeMs: stat.mtimeMs };
}

/** The record of a blob just built from `bundle` by this process's Node with `flags`. */
export function recordFor(blob: string, bundle: string, flags: string[]): SnapshotRecord {
    return {
        blob: path.basename(blob),
        blobFile: stamp(blob),
        node: { execPath: process.execPath, version: process.version, ...stamp(process.execPath) },
        flags,
        bundle: { path: path.resolve(bundle), ...stamp(bundle) }
    };
}

export interface UsableSnapshot {
    blob: string;
    flags: string[];
}

/**
 * The snapshot this process can start `aco` from, if there is one: built by this Node binary,
 * with the flags this run would use, from the bundle as it is now, and nothing (NODE_OPTIONS, or
 * Node options given to this process beyond the program's own, such as `--max-old-space-size`
 * or `--cpu-prof`) asking for a process the child would not be.
 */
export function usableSnapshot(cliDirectory: string, bundle: string, env: NodeJS.ProcessEnv = process.env,
    execArgv: readonly string[] = process.execArgv): UsableSnapshot | undefined {
    if (env.ACO_NO_SNAPSHOT === '1' || (env.NODE_OPTIONS ?? '').trim() !== '') {
        return undefined;
    }
    const own = runFlags();
    if (execArgv.some(flag => !own.includes(flag))) {
        return undefined;
    }
    try {
        const record = JSON.parse(fs.readFileSync(recordPath(cliDirectory), 'utf-8')) as SnapshotRecord | { error: string };
        if ('error' in record) {
            return undefined;
        }
        const node = stamp(process.execPath);
        const code = stamp(bundle);
        const blob = path.join(cliDirectory, record.blob);
        const written = stamp(blob);
        const same = record.blobFile.size === written.size && record.blobFile.mtimeMs === written.mtimeMs
            && record.node.execPath === process.execPath && record.node.version === process.version
            && record.node.size === node.size && record.node.mtimeMs === node.mtimeMs
            && record.bundle.path === path.resolve(bundle) && record.bundle.size === code.size && record.bundle.mtimeMs === code.mtimeMs
            && JSON.stringify(record.flags) === JSON.stringify(own);
        return same ? { blob, flags: record.flags } : undefined;
    } catch {
        return undefined; // no record, or one this code cannot read: run without
    }
}

/** Node's arguments for `aco args` from the snapshot: the bundle comes first, as snapshot-main.ts expects. */
export function snapshotArguments(snapshot: UsableSnapshot, bundle: string, args: string[]): string[] {
    return [...snapshot.flags, '--snapshot-blob', snapshot.blob, '--', bundle, ...args];
}

/**
 * Runs `aco args` from the snapshot in a child process that shares this one's standard streams,
 * and resolves to its exit status, or to undefined when Node could not be started or could not
 * load the blob (the caller then runs `aco` itself). Signals sent to this process alone are
 * passed on; a child ended by a signal ends this process with the same signal, as if it had been
 * the one running.
 */
export function runFromSnapshot(snapshot: UsableSnapshot, bundle: string, args: string[], stdio: 'inherit' | 'ignore' = 'inherit'): Promise<number | undefined> {
    return new Promise(resolve => {
        let child: ChildProcess;
        try {
            child = spawn(process.execPath, snapshotArguments(snapshot, bundle, args), {
                stdio, env: { ...process.env, [PARENT_VARIABLE]: String(process.pid) }
            });
        } catch {
            // spawn throws for some failures (E2BIG: an argument list the system refuses) instead of emitting `error`.
            resolve(undefined);
            return;
        }
        // A terminal's Ctrl-C reaches the child too (same process group): this process waits for
        // it. On Windows the console sends it to both, and `kill` there would end the child at once.
        const signals: NodeJS.Signals[] = process.platform === 'win32'
            ? ['SIGTERM', 'SIGHUP']
            : ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR2'];
        const forward = (signal: NodeJS.Signals): void => {
            child.kill(signal);
        };
        const stopForwarding = (): void => {
            for (const signal of signals) {
                process.off(signal, forward);
            }
        };
        for (const signal of signals) {
            process.on(signal, forward);
        }
        // Not started after all (no process to wait for): the caller runs `aco` itself, with this
        // process's own signal handling.
        child.on('error', () => {
            stopForwarding();
            resolve(undefined);
        });
        child.on('exit', (code, signal) => {
            stopForwarding();
            if (signal) {
                process.kill(process.pid, signal);
                return;
            }
            resolve(code === SNAPSHOT_FAILURE ? undefined : code ?? 1);
        });
    });
}
