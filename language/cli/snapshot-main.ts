/**
 * The script the startup snapshot is built from (scripts/build-snapshot.mjs, `node
 * --build-snapshot`): it loads the CLI, creates the language services, and validates and settles
 * one contract, so the parser is built and the code of a typical run compiled; then it names the
 * function a run from the snapshot starts with. Nothing here may depend on the machine or the
 * moment it was built on (environment, working folder, time): all of that is read when a run
 * starts.
 */
import '../polyfills.js';
import * as v8 from 'node:v8';
import { acoServices } from './contracts.js';
import { reportChunk } from './file-report.js';
import { main } from './main.js';
import { setRunningCode } from './report-cache.js';
import { setWorkerScript } from './report-pool.js';
import { PARENT_VARIABLE } from './snapshot.js';
import { rereadVersion } from './version.js';

/**
 * Checked and settled once while the blob is built, so the code a typical run needs is compiled
 * in it: a program preset, savings and losses. The documents are released again (reportChunk).
 */
const WARM_UP = `contract "Warm-up" {
    program MSSP ENHANCED year 2024
    population {
        assigned beneficiaries 12,500
        benchmark $1,050 per member per month
    }
    shared savings {
        minimum savings rate 2%
    }
    scenario "Savings" {
        savings 3%
        quality score 90%
    }
    scenario "Losses" {
        expenditure $1,100 per member per month
        quality score 80%
    }
}
`;

acoServices();
const warmUp = { display: 'warm-up.aco', absolute: '/warm-up.aco', text: WARM_UP };
// Node takes the snapshot once the event loop is empty, so after this; a failure fails the build.
void (async () => {
    for (const command of ['validate', 'simulate'] as const) {
        await reportChunk([warmUp], { command, format: 'text', quiet: false, color: false, errorColor: false });
    }
    // Checked after everything the build runs. Node's worker module keeps state a snapshot cannot
    // hold: loaded while building, every worker of a run from the blob would fail.
    if ((process as unknown as { moduleLoadList: string[] }).moduleLoadList
        .some(name => name === 'NativeModule worker_threads' || name === 'NativeModule internal/worker')) {
        throw new Error('node:worker_threads was loaded while the snapshot was built: load it when a worker starts (report-pool.ts)');
    }
})().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
});

// `node --snapshot-blob BLOB -- BUNDLE ARGS…` (snapshot.ts): BUNDLE is out/cli/aco.mjs, the same
// code as a module, which worker threads start from and which names this build in the report cache.
v8.startupSnapshot.setDeserializeMainFunction(async () => {
    const [bundle, ...args] = process.argv.slice(1);
    setWorkerScript(bundle);
    setRunningCode(bundle);
    // package.json may have changed since the blob was built (`npm version`): read it again.
    rereadVersion(bundle);
    endWithParent();
    process.exitCode = await main(args);
});

/**
 * When the program that started this run is gone (killed outright, so it could not pass a signal
 * on), this run ends as on a hangup: its temporary files removed (output-file.ts), and nothing
 * more written to a terminal nobody is waiting on. Windows keeps a dead parent's id as `ppid`,
 * so there only the signals the program passes on end the run.
 */
function endWithParent(): void {
    const parent = process.env[PARENT_VARIABLE];
    // Not for what this run starts (Chromium for a PDF): only the program's own child has it.
    delete process.env[PARENT_VARIABLE];
    if (parent === undefined) {
        return;
    }
    const hangUpIfGone = (): boolean => String(process.ppid) !== parent && process.kill(process.pid, 'SIGHUP');
    // Killed while this run was starting, or later.
    if (!hangUpIfGone()) {
        setInterval(hangUpIfGone, 500).unref();
    }
}
