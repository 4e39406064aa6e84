/**
 * The one way the CLI writes a file (`format`, `test --update`, `summary -o`). A write is planned
 * first (every refusal happens before anything is written), then staged (the whole content in a
 * temporary file beside the target, flushed to disk, with the target's mode and owner), then
 * committed (renamed over the target). So an interrupted run leaves either the old file or the new
 * one, never half of one, and a batch can stage everything before committing anything.
 *
 * What it refuses, with one line and exit status 2 (an `InputError`): anything that is not a
 * regular file (a device, a FIFO, a directory), a read-only file, a file with other hard links
 * (a rename would split them), a file whose owner it cannot keep and, for an output path, a
 * symbolic link. `--force` overrides the read-only, hard-link and owner refusals. `-` and
 * `/dev/stdout` mean standard output, written as a stream.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError, displayPath } from './files.js';

export interface WriteOptions {
    /** Write read-only files, files with other hard links (in place) and files whose owner cannot be kept. */
    force?: boolean;
    /**
     * A symbolic link at the path: `follow` rewrites the file it points to and keeps the link (a
     * contract rewritten in place); `refuse` (the default) will not write through it (an output path).
     */
    symlinks?: 'follow' | 'refuse';
}

/** Names that mean standard output. */
const STDOUT_NAMES = new Set(['-', '/dev/stdout', '/dev/fd/1', '/proc/self/fd/1']);

export function isStandardOutput(target: string): boolean {
    return STDOUT_NAMES.has(target);
}

interface ExistingFile {
    mode: number;
    uid: number;
    gid: number;
}

export interface WritePlan {
    /** As the user named it, for messages. */
    display: string;
    kind: 'stdout' | 'replace' | 'in-place';
    /** The file that will hold the content (a symbolic link's target when followed). */
    file: string;
    existing?: ExistingFile;
    force: boolean;
}

export interface StagedWrite {
    plan: WritePlan;
    content: string;
    /** The temporary file holding the content, for a replacement. */
    temporary?: string;
}

function errorCode(error: unknown): string {
    return (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
}

function lstatOrUndefined(file: string): fs.Stats | undefined {
    try {
        return fs.lstatSync(file);
    } catch (error) {
        if (errorCode(error) === 'ENOENT') {
            return undefined;
        }
        throw error;
    }
}

/** True when this process may not write the file: no write bit at all, or (not root) no access. */
function isReadOnly(file: string, stat: fs.Stats): boolean {
    if ((stat.mode & 0o222) === 0) {
        return true;
    }
    try {
        fs.accessSync(file, fs.constants.W_OK);
        return false;
    } catch {
        return true;
    }
}

/**
 * Checks that `target` can be written and how, writing nothing. Throws an `InputError` (one line,
 * exit status 2) for every refusal.
 */
export function planWrite(target: string, options: WriteOptions = {}): WritePlan {
    const force = options.force === true;
    if (isStandardOutput(target)) {
        return { display: target, kind: 'stdout', file: target, force };
    }
    const absolute = path.resolve(target);
    const display = displayPath(absolute);
    let file = absolute;
    let stat: fs.Stats | undefined;
    try {
        stat = lstatOrUndefined(absolute);
        if (stat?.isSymbolicLink()) {
            if (options.symlinks !== 'follow') {
                throw new InputError(`${display}: is a symbolic link; aco does not write through it (name the file it points to)`);
            }
            file = fs.realpathSync(absolute);
            stat = fs.statSync(file);
        }
    } catch (error) {
        if (error instanceof InputError) {
            throw error;
        }
        throw new InputError(`${display}: cannot be written (${errorCode(error)})`);
    }
    const directory = path.dirname(file);
    if (!stat) {
        if (!fs.existsSync(directory) || !fs.statSync(directory).isDirectory()) {
            throw new InputError(`${display}: the folder ${displayPath(directory)} does not exist`);
        }
        assertDirectoryWritable(directory, display);
        return { display, kind: 'replace', file, force };
    }
    if (!stat.isFile()) {
        throw new InputError(`${display}: not a regular file; aco writes only regular files (use - for standard output)`);
    }
    const existing = { mode: stat.mode & 0o7777, uid: stat.uid, gid: stat.gid };
    if (!force && isReadOnly(file, stat)) {
        throw new InputError(`${display}: is read-only; not rewritten (use --force to rewrite it)`);
    }
    if (stat.nlink > 1) {
        if (!force) {
            throw new InputError(`${display}: has ${stat.nlink} hard links; rewriting it would split them (use --force to write it in place)`);
        }
        return { display, kind: 'in-place', file, existing, force };
    }
    assertDirectoryWritable(directory, display);
    return { display, kind: 'replace', file, existing, force };
}

function assertDirectoryWritable(directory: string, display: string): void {
    try {
        fs.accessSync(directory, fs.constants.W_OK);
    } catch (error) {
        throw new InputError(`${display}: cannot be written (the folder is not writable: ${errorCode(error)})`);
    }
}

// ---- temporary files ------------------------------------------------------------------------

/** Temporary files this process has created and not yet renamed or removed. */
const liveTemporaries = new Set<string>();
let handlersInstalled = false;

function removeLiveTemporaries(): void {
    for (const file of liveTemporaries) {
        fs.rmSync(file, { force: true });
    }
    liveTemporaries.clear();
}

/** SIGINT and SIGTERM remove this process's temporary files, then end the process as the signal would. */
function installSignalCleanup(): void {
    if (handlersInstalled) {
        return;
    }
    handlersInstalled = true;
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
        process.once(signal, () => {
            removeLiveTemporaries();
            process.kill(process.pid, signal);
        });
    }
    process.once('exit', removeLiveTemporaries);
}

/** `.NAME.PID.tmp` beside the file: dot-named, so `aco` never reads it as a contract. */
function temporaryName(file: string, pid: number): string {
    return path.join(path.dirname(file), `.${path.basename(file)}.${pid}.tmp`);
}

function isRunning(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch (error) {
        return errorCode(error) === 'EPERM';
    }
}

/**
 * Removes `.NAME.PID.tmp` files a killed run (SIGKILL, a power cut) left beside `file`, where
 * that process is gone. Nothing else is touched.
 */
function removeStaleTemporaries(file: string): void {
    const base = path.basename(file);
    const prefix = `.${base}.`;
    let entries: string[];
    try {
        entries = fs.readdirSync(path.dirname(file));
    } catch {
        return;
    }
    for (const entry of entries) {
        if (!entry.startsWith(prefix) || !entry.endsWith('.tmp')) {
            continue;
        }
        const pid = entry.slice(prefix.length, -'.tmp'.length);
        if (/^\d+$/.test(pid) && Number(pid) !== process.pid && !isRunning(Number(pid))) {
            fs.rmSync(path.join(path.dirname(file), entry), { force: true });
        }
    }
}

function writeAll(fd: number, content: string): void {
    const bytes = Buffer.from(content, 'utf-8');
    let offset = 0;
    while (offset < bytes.length) {
        offset += fs.writeSync(fd, bytes, offset, bytes.length - offset, offset);
    }
}

/** Gives the temporary file the target's owner and mode (owner first: chown clears set-id bits). */
function copyOwnerAndMode(fd: number, plan: WritePlan): void {
    const existing = plan.existing;
    if (!existing) {
        // A new file gets the usual mode, less the umask.
        const umask = process.umask();
        fs.fchmodSync(fd, 0o666 & ~umask);
        return;
    }
    const stat = fs.fstatSync(fd);
    if (stat.uid !== existing.uid || stat.gid !== existing.gid) {
        try {
            fs.fchownSync(fd, existing.uid, existing.gid);
        } catch (error) {
            if (!plan.force) {
                throw new InputError(`${plan.display}: owned by another user; rewriting it would change its owner (${errorCode(error)}; use --force to rewrite it anyway)`);
            }
        }
    }
    fs.fchmodSync(fd, existing.mode);
}

/**
 * Writes the content where it can be committed: for a replacement, a temporary file beside the
 * target, flushed to disk, with the target's mode and owner. Nothing visible changes yet.
 */
export function stageWrite(plan: WritePlan, content: string): StagedWrite {
    if (plan.kind !== 'replace') {
        return { plan, content };
    }
    installSignalCleanup();
    removeStaleTemporaries(plan.file);
    const temporary = temporaryName(plan.file, process.pid);
    fs.rmSync(temporary, { force: true });
    let fd: number | undefined;
    try {
        // Created private, so a private file's content is never readable by others, even briefly.
        fd = fs.openSync(temporary, 'wx', 0o600);
        liveTemporaries.add(temporary);
        writeAll(fd, content);
        copyOwnerAndMode(fd, plan);
        fs.fsyncSync(fd);
        fs.closeSync(fd);
        fd = undefined;
        return { plan, content, temporary };
    } catch (error) {
        if (fd !== undefined) {
            fs.closeSync(fd);
        }
        discard(temporary);
        if (error instanceof InputError) {
            throw error;
        }
        throw new InputError(`${plan.display}: cannot be written (${errorCode(error)})`);
    }
}

function discard(temporary: string): void {
    fs.rmSync(temporary, { force: true });
    liveTemporaries.delete(temporary);
}

/** Makes a staged write visible: renames the temporary file over the target (or writes the stream). */
export function commitWrite(staged: StagedWrite): void {
    const { plan, content } = staged;
    try {
        if (plan.kind === 'stdout') {
            process.stdout.write(content);
        } else if (plan.kind === 'in-place') {
            // Every name of a hard-linked file must see the new content: overwrite the one inode.
            const fd = fs.openSync(plan.file, 'r+');
            try {
                writeAll(fd, content);
                fs.ftruncateSync(fd, Buffer.byteLength(content, 'utf-8'));
                fs.fsyncSync(fd);
            } finally {
                fs.closeSync(fd);
            }
        } else {
            fs.renameSync(staged.temporary!, plan.file);
            liveTemporaries.delete(staged.temporary!);
            syncDirectory(path.dirname(plan.file));
        }
    } catch (error) {
        abortWrite(staged);
        throw new InputError(`${plan.display}: cannot be written (${errorCode(error)})`);
    }
}

/** Forgets a staged write: its temporary file is removed and the target is left as it was. */
export function abortWrite(staged: StagedWrite): void {
    if (staged.temporary) {
        discard(staged.temporary);
    }
}

/** The rename itself is durable once the directory is flushed (where the platform allows it). */
function syncDirectory(directory: string): void {
    try {
        const fd = fs.openSync(directory, 'r');
        try {
            fs.fsyncSync(fd);
        } finally {
            fs.closeSync(fd);
        }
    } catch {
        // Some file systems cannot flush a directory; the rename has still happened.
    }
}

/** Plans, stages and commits one file. */
export function writeOutputFile(target: string, content: string, options: WriteOptions = {}): void {
    commitWrite(stageWrite(planWrite(target, options), content));
}
