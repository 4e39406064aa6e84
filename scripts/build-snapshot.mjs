// Builds the startup snapshot `aco` runs from (language/cli/snapshot.ts): the snapshot's script
// bundled as one CommonJS file (what `node --build-snapshot` takes), the blob built from it by this
// Node with the flags of a run, checked by running `aco --version` and a run with a worker thread
// from it, and the record of what
// made it written beside it. The record is written even when the blob cannot be built, holding the
// reason, so a test can tell "not built by this Node" from "failed to build".
// Run by scripts/bundle.mjs after the bundle; alone: `node scripts/build-snapshot.mjs [folder]`
// (default out/cli, which must hold aco.mjs).
import { spawnSync } from 'node:child_process';
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { recordFor, recordPath, runFlags, snapshotArguments } from '../out/language/cli/snapshot.js';

/**
 * Builds the blob into `cliDirectory` (default out/cli) for the bundle there; returns the record,
 * or `{ error }` when it could not be built (then no blob is left).
 */
export async function buildSnapshot(cliDirectory = 'out/cli') {
    const script = path.join(cliDirectory, 'aco-snapshot.cjs');
    const bundle = path.resolve(cliDirectory, 'aco.mjs');
    const blob = path.resolve(cliDirectory, `aco-${process.version}-${process.platform}-${process.arch}.blob`);
    const record = recordPath(cliDirectory);
    // Built under another name and renamed once it works: a blob cut short crashes Node.
    const building = `${blob}.${process.pid}.tmp`;
    fs.rmSync(record, { force: true });
    fs.rmSync(blob, { force: true });
    try {
        const { metafile } = await esbuild.build({
            entryPoints: ['language/cli/snapshot-main.ts'], outfile: script, bundle: true, platform: 'node', target: 'node20', format: 'cjs',
            mainFields: ['module', 'main'], legalComments: 'none', logLevel: 'warning', metafile: true,
            // import.meta has no CommonJS form: the script's own URL, for the modules that find files beside themselves.
            define: { 'import.meta.url': '__acoModuleUrl' },
            banner: { js: 'var __acoModuleUrl = require("node:url").pathToFileURL(__filename).href;' }
        });
        // The blob is stamped with aco.mjs and runs beside it (worker threads, the report cache):
        // a source changed since aco.mjs was bundled would pair new code with the old bundle.
        const bundled = fs.statSync(bundle).mtimeMs;
        const newer = Object.keys(metafile.inputs).find(input => (fs.statSync(input, { throwIfNoEntry: false })?.mtimeMs ?? 0) > bundled);
        if (newer) {
            throw new Error(`${newer} changed after ${path.relative('.', bundle)} was bundled: run npm run build`);
        }
        const flags = runFlags();
        // --no-warnings: Node warns that some built-in modules are not verified in snapshots; none is used while building.
        const build = spawnSync(process.execPath, [...flags, '--no-warnings', '--snapshot-blob', building, '--build-snapshot', script], { encoding: 'utf-8' });
        if (build.status !== 0) {
            throw new Error(`node --build-snapshot exited ${build.status}: ${(build.stderr || build.stdout).trim().split('\n').slice(0, 3).join(' ')}`);
        }
        const version = JSON.parse(fs.readFileSync('package.json', 'utf-8')).version;
        const check = spawnSync(process.execPath, snapshotArguments({ blob: building, flags }, bundle, ['--version']), { encoding: 'utf-8' });
        if (check.status !== 0 || check.stdout.trim() !== version) {
            throw new Error(`aco --version from the snapshot printed ${JSON.stringify(check.stdout.trim())} (status ${check.status}): ${check.stderr.trim()}`);
        }
        // Workers start from the bundle in a process that started from the blob: Node 24.9 aborts there
        // (an assertion in its pipe bindings) where Node 20 does not. Two chunks' worth of files
        // and two threads, so one worker runs.
        const workers = fs.mkdtempSync(path.join(path.dirname(blob), 'snapshot-check-'));
        try {
            for (let i = 0; i < 130; i++) {
                fs.writeFileSync(path.join(workers, `${String(i).padStart(3, '0')}.aco`), `contract "Check ${i}" { }\n`);
            }
            const run = spawnSync(process.execPath, snapshotArguments({ blob: building, flags }, bundle, ['validate', workers, '--quiet', '--jobs', '2']), { encoding: 'utf-8' });
            if (run.status !== 0) {
                const why = run.signal ?? `status ${run.status}`;
                throw new Error(`a run with a worker thread from the snapshot failed (${why}): ${run.stderr.trim().split('\n').slice(0, 2).join(' ')}`);
            }
        } finally {
            fs.rmSync(workers, { recursive: true, force: true });
        }
        fs.renameSync(building, blob);
        const written = recordFor(blob, bundle, flags);
        fs.writeFileSync(record, JSON.stringify(written, null, 2) + '\n');
        return written;
    } catch (error) {
        fs.rmSync(building, { force: true });
        fs.rmSync(blob, { force: true });
        const message = error instanceof Error ? error.message : String(error);
        fs.writeFileSync(record, JSON.stringify({ error: message }, null, 2) + '\n');
        return { error: message };
    }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
    const result = await buildSnapshot(process.argv[2]);
    if (result.error) {
        console.warn(`aco will start without a snapshot: ${result.error}`);
    }
}
