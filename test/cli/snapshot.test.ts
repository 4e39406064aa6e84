/**
 * `aco` from its startup snapshot (language/cli/snapshot.ts): a run from the blob prints and exits
 * exactly as the bundle does, workers included; the program uses a blob only when the record
 * beside it matches this Node, its flags and the bundle; a blob Node cannot load falls back to the
 * bundle; and `npm run build` leaves one for the Node that ran it. A test blob is built into a
 * folder of its own under out/ (beside the package.json the version is read from).
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { buildProgram } from '../../language/cli/main.js';
import {
    CONTRACT_COMMANDS, PARENT_VARIABLE, recordPath, runFlags, runFromSnapshot, snapshotArguments, usableSnapshot, type SnapshotRecord, type UsableSnapshot
} from '../../language/cli/snapshot.js';
import { rereadVersion, toolVersion } from '../../language/cli/version.js';

const root = path.resolve(import.meta.dirname, '../..');
const examples = path.join(root, 'examples');
const builtCli = path.join(root, 'out/cli');
// The test blob, built while the tests are collected (so each suite below knows whether it has one).
const cli = fs.mkdtempSync(path.join(root, 'out/snapshot-test-'));
const bundle = path.join(cli, 'aco.mjs');
fs.copyFileSync(path.join(builtCli, 'aco.mjs'), bundle);
const build = spawnSync(process.execPath, ['scripts/build-snapshot.mjs', cli], { cwd: root, encoding: 'utf-8' });
const built = JSON.parse(fs.readFileSync(recordPath(cli), 'utf-8')) as SnapshotRecord | { error: string };
const snapshot = usableSnapshot(cli, bundle, {}, []) as UsableSnapshot;

interface Run { status: number | null; stdout: string; stderr: string }

function fromSnapshot(args: string[], cwd = root): Run {
    const run = spawnSync(process.execPath, snapshotArguments(snapshot, bundle, args), { cwd, encoding: 'utf-8', env: { ...process.env, NO_COLOR: '1', SOURCE_DATE_EPOCH: '1800000000' } });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function fromBundle(args: string[], cwd = root): Run {
    const run = spawnSync(process.execPath, [...runFlags(), bundle, ...args], { cwd, encoding: 'utf-8', env: { ...process.env, NO_COLOR: '1', SOURCE_DATE_EPOCH: '1800000000' } });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

afterAll(() => {
    fs.rmSync(cli, { recursive: true, force: true });
});

describe('building the snapshot', () => {
    test('refuses a bundle older than the sources the snapshot is built from (the two would not be the same code)', () => {
        const stale = fs.mkdtempSync(path.join(root, 'out/snapshot-stale-'));
        try {
            fs.copyFileSync(path.join(builtCli, 'aco.mjs'), path.join(stale, 'aco.mjs'));
            fs.utimesSync(path.join(stale, 'aco.mjs'), new Date(2000, 0, 1), new Date(2000, 0, 1));
            const run = spawnSync(process.execPath, ['scripts/build-snapshot.mjs', stale], { cwd: root, encoding: 'utf-8' });
            expect(run.stderr).toMatch(/changed after .*aco\.mjs was bundled: run npm run build/);
            expect(JSON.parse(fs.readFileSync(recordPath(stale), 'utf-8'))).toHaveProperty('error');
            expect(fs.readdirSync(stale).filter(f => f.endsWith('.blob'))).toEqual([]);
        } finally {
            fs.rmSync(stale, { recursive: true, force: true });
        }
    }, 60_000);

    test('the commands that start from it are the commands that parse contracts: every command but the language server', () => {
        const names = buildProgram(() => undefined).commands.map(command => command.name());
        expect([...names].sort()).toEqual([...CONTRACT_COMMANDS, 'lsp'].sort());
    });

    // Node 20 is the Node of VS Code's extension host and of this project's CI: it must get one.
    test.runIf(process.versions.node.startsWith('20.'))('Node 20 gets a blob the program can use', () => {
        expect(built).not.toHaveProperty('error');
        expect(snapshot).toBeDefined();
        expect(build.stderr).toBe('');
    });

    test('a Node that cannot run from a blob (Node 24.9: worker threads abort) gets a record saying why, and the program runs the bundle', () => {
        if ('error' in built) {
            expect(built.error).toMatch(/worker thread|--build-snapshot|--version/);
            expect(build.stderr).toContain('aco will start without a snapshot');
            expect(snapshot).toBeUndefined();
            expect(fs.readdirSync(cli).filter(f => f.endsWith('.blob'))).toEqual([]);
        } else {
            expect(snapshot).toBeDefined();
            expect(fs.existsSync(snapshot.blob)).toBe(true);
        }
    });
});

describe.runIf(!('error' in built))('a run from the snapshot', () => {
    const broken = path.join(root, 'test/data/spec-contract.aco');
    test.each([
        ['--version'],
        ['validate', examples, '--format', 'json'],
        ['simulate', path.join(examples, 'mssp-enhanced-2024.aco'), '--format', 'json'],
        ['simulate', path.join(examples, 'mssp-enhanced-2024.aco'), '--monte-carlo', '--trials', '2000'],
        ['test', examples, '--format', 'junit'],
        ['validate', examples, '--jobs', '2', '--format', 'sarif'],
        ['summary', broken, '--format', 'md'],
        ['validate', 'no-such-file.aco'],
        ['simulate', examples, '--trials', 'many']
    ])('aco %s … prints and exits as the bundle does', (...args: string[]) => {
        const expected = fromBundle(args);
        const actual = fromSnapshot(args);
        expect(actual).toEqual(expected);
        expect(actual.stdout.length + actual.stderr.length).toBeGreaterThan(0);
    }, 60_000);

    test('a contract with errors exits 1, with the same diagnostics as from the bundle', () => {
        const broken = path.join(cli, 'broken.aco');
        fs.writeFileSync(broken, 'contract "Broken" {\n    shared savings { sharing rate 175% }\n}\n');
        const run = fromSnapshot(['validate', broken]);
        expect(run.status).toBe(1);
        expect(run).toEqual(fromBundle(['validate', broken]));
        expect(run.stdout).toContain('error');
    });

    test('ends itself once the program that started it is gone (killed outright, it could not pass a signal on)', async () => {
        // A program stand-in that starts the run as bin/aco.js does, then is killed with SIGKILL.
        const many = fs.mkdtempSync(path.join(cli, 'many-'));
        const text = fs.readFileSync(path.join(examples, 'mssp-enhanced-2024.aco'), 'utf-8');
        for (let i = 0; i < 3000; i++) {
            fs.writeFileSync(path.join(many, `${String(i).padStart(4, '0')}.aco`), text);
        }
        const starter = `const { spawn } = require('node:child_process');
            const child = spawn(process.execPath, ${JSON.stringify(snapshotArguments(snapshot, bundle, ['validate', many, '--quiet']))},
                { stdio: 'ignore', env: { ...process.env, ${PARENT_VARIABLE}: String(process.pid) } });
            console.log(child.pid);
            setInterval(() => {}, 1000);`;
        const program = spawn(process.execPath, ['-e', starter], { stdio: ['ignore', 'pipe', 'inherit'] });
        const childPid = Number(await new Promise<string>(resolve => program.stdout.once('data', data => resolve(String(data)))));
        const alive = (): boolean => {
            try {
                process.kill(childPid, 0);
                return true;
            } catch {
                return false;
            }
        };
        await new Promise(resolve => setTimeout(resolve, 800));
        expect(alive()).toBe(true);
        program.kill('SIGKILL');
        // It checks twice a second; the 3,000 contracts of 229 lines would keep it busy for many seconds more.
        const deadline = Date.now() + 5000;
        while (alive() && Date.now() < deadline) {
            await new Promise(resolve => setTimeout(resolve, 100));
        }
        expect(alive()).toBe(false);
    }, 30_000);

    test('reads the version from package.json when it starts, not when the blob was built', () => {
        const folder = fs.mkdtempSync(path.join(cli, 'package-'));
        fs.mkdirSync(path.join(folder, 'out/cli'), { recursive: true });
        fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ name: 'aco-contracts', version: '9.8.7' }));
        try {
            rereadVersion(path.join(folder, 'out/cli/aco.mjs'));
            expect(toolVersion()).toBe('9.8.7');
        } finally {
            rereadVersion(bundle);
        }
        expect(toolVersion()).toBe(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf-8')).version);
    });

    test('resolves the working folder when the run starts, not when the blob was built', () => {
        const run = fromSnapshot(['validate', '.', '--format', 'json'], examples);
        expect(run.status).toBe(0);
        const files = (JSON.parse(run.stdout) as { files: Array<{ file: string }> }).files.map(f => f.file);
        expect(files).toContain('mssp-enhanced-2024.aco');
    });
});

describe.runIf(!('error' in built))('which blob the program uses', () => {
    const record = (): SnapshotRecord => JSON.parse(fs.readFileSync(recordPath(cli), 'utf-8')) as SnapshotRecord;

    test('none under ACO_NO_SNAPSHOT=1, or when NODE_OPTIONS could add flags the blob was not built with', () => {
        expect(usableSnapshot(cli, bundle, {}, [])).toEqual(snapshot);
        expect(usableSnapshot(cli, bundle, { ACO_NO_SNAPSHOT: '1' }, [])).toBeUndefined();
        expect(usableSnapshot(cli, bundle, { NODE_OPTIONS: '--max-old-space-size=4096' }, [])).toBeUndefined();
    });

    test('none when the program was given Node options of its own (--max-old-space-size, --cpu-prof): the run would lose them', () => {
        expect(usableSnapshot(cli, bundle, {}, runFlags().slice(0, 2))).toEqual(snapshot);
        expect(usableSnapshot(cli, bundle, {}, [...runFlags().slice(0, 2), '--max-old-space-size=16'])).toBeUndefined();
        expect(usableSnapshot(cli, bundle, {}, ['--cpu-prof'])).toBeUndefined();
    });

    test('none once the bundle is rebuilt, for another Node binary or flags, or when the build failed', () => {
        const saved = fs.readFileSync(recordPath(cli), 'utf-8');
        try {
            const edit = (change: (r: SnapshotRecord) => void): void => {
                const r = record();
                change(r);
                fs.writeFileSync(recordPath(cli), JSON.stringify(r));
            };
            edit(r => { r.bundle.mtimeMs -= 1000; });
            expect(usableSnapshot(cli, bundle, {}, [])).toBeUndefined();
            fs.writeFileSync(recordPath(cli), saved);
            // A checkout moved or copied: the heap holds the paths it was built at.
            edit(r => { r.bundle.path = path.join('/elsewhere', r.bundle.path); });
            expect(usableSnapshot(cli, bundle, {}, [])).toBeUndefined();
            fs.writeFileSync(recordPath(cli), saved);
            edit(r => { r.node.execPath = '/elsewhere/node'; });
            expect(usableSnapshot(cli, bundle, {}, [])).toBeUndefined();
            fs.writeFileSync(recordPath(cli), saved);
            edit(r => { r.flags = r.flags.slice(1); });
            expect(usableSnapshot(cli, bundle, {}, [])).toBeUndefined();
            fs.writeFileSync(recordPath(cli), JSON.stringify({ error: 'node --build-snapshot exited 1' }));
            expect(usableSnapshot(cli, bundle, {}, [])).toBeUndefined();
            fs.writeFileSync(recordPath(cli), 'not json');
            expect(usableSnapshot(cli, bundle, {}, [])).toBeUndefined();
        } finally {
            fs.writeFileSync(recordPath(cli), saved);
        }
        expect(usableSnapshot(cli, bundle, {}, [])).toEqual(snapshot);
    });

    test('none once the blob is changed after it was built (Node crashes on a damaged blob)', () => {
        const blob = snapshot.blob;
        const saved = fs.readFileSync(blob);
        try {
            fs.writeFileSync(blob, saved.subarray(0, saved.length >> 1));
            expect(usableSnapshot(cli, bundle, {}, [])).toBeUndefined();
        } finally {
            // The blob as built, and the record brought up to its new time.
            fs.writeFileSync(blob, saved);
            const r = record();
            r.blobFile.mtimeMs = fs.statSync(blob).mtimeMs;
            fs.writeFileSync(recordPath(cli), JSON.stringify(r));
        }
        expect(usableSnapshot(cli, bundle, {}, [])).toEqual(snapshot);
    });

    // Node 20 (V8 11) refuses a blob run under other V8 flags than it was built with; Node 24 loads it.
    test.runIf(Number(process.versions.v8.split('.')[0]) < 12)('a blob Node refuses (other flags) leaves the run to the caller (undefined), not a failure', async () => {
        expect(await runFromSnapshot({ ...snapshot, flags: [...snapshot.flags, '--jitless'] }, bundle, ['--version'], 'ignore')).toBeUndefined();
    });

    test('a child the system refuses to start (an argument too long) leaves the run to the caller, signals left to it', async () => {
        const listening = process.listenerCount('SIGTERM');
        expect(await runFromSnapshot(snapshot, bundle, ['validate', 'x'.repeat(256 * 1024)], 'ignore')).toBeUndefined();
        expect(process.listenerCount('SIGTERM')).toBe(listening);
    });

    test('the program ends with the exit status of the run from the snapshot', async () => {
        expect(await runFromSnapshot(snapshot, bundle, ['validate', 'no-such-file.aco'], 'ignore')).toBe(2);
        expect(await runFromSnapshot(snapshot, bundle, ['validate', path.join(examples, 'mssp-enhanced-2024.aco')], 'ignore')).toBe(0);
    });
});

describe('the built program', () => {
    // Where `npm run build` ran on this Node and could make a blob (building the test blob above says whether it can).
    const record = recordPath(builtCli);
    const builtHere = fs.existsSync(record) && !('error' in built);

    test.runIf(builtHere)('npm run build left a snapshot this Node starts aco from', () => {
        expect(JSON.parse(fs.readFileSync(record, 'utf-8'))).not.toHaveProperty('error');
        expect(usableSnapshot(builtCli, path.join(builtCli, 'aco.mjs'), {}, [])).toBeDefined();
    });

    test.runIf(builtHere)('a signal that stops aco stops the run from the snapshot too', async () => {
        // A long run: Monte Carlo over every example, many times over.
        const child = spawn(process.execPath, [path.join(root, 'bin/aco.js'), 'simulate', examples, examples, examples, '--monte-carlo', '--trials', '1000000'], { stdio: 'ignore' });
        await new Promise(resolve => setTimeout(resolve, 1500));
        child.kill('SIGTERM');
        const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>(resolve => child.on('exit', (c, s) => resolve([c, s])));
        expect(signal).toBe('SIGTERM');
        expect(code).toBeNull();
    }, 30_000);
});
