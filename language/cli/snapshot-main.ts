/**
 * The script the startup snapshot is built from (scripts/build-snapshot.mjs, `node
 * --build-snapshot`): it loads the CLI, creates the language services and parses one contract,
 * so the parser is built and its code compiled, then names the function a run from the snapshot
 * starts with. Nothing here may depend on the machine or the moment it was built on (environment,
 * working folder, time): all of that is read when a run starts.
 */
import '../polyfills.js';
import * as v8 from 'node:v8';
import { URI } from 'langium';
import { acoServices } from './contracts.js';
import { main } from './main.js';
import { setRunningCode } from './report-cache.js';
import { setWorkerScript } from './report-pool.js';
import { toolVersion } from './version.js';

const aco = acoServices();
aco.shared.workspace.LangiumDocumentFactory.fromString('contract "Warm-up" { }\n', URI.file('/warm-up.aco'));
// Read from package.json now, beside the bundle this blob is built with.
toolVersion();

// Node's worker module keeps state a snapshot cannot hold: loaded now, every worker of a run would fail.
if ((process as unknown as { moduleLoadList: string[] }).moduleLoadList
    .some(name => name === 'NativeModule worker_threads' || name === 'NativeModule internal/worker')) {
    throw new Error('node:worker_threads was loaded while the snapshot was built: load it when a worker starts (report-pool.ts)');
}

// `node --snapshot-blob BLOB -- BUNDLE ARGS…` (snapshot.ts): BUNDLE is out/cli/aco.mjs, the same
// code as a module, which worker threads start from and which names this build in the report cache.
v8.startupSnapshot.setDeserializeMainFunction(async () => {
    const [bundle, ...args] = process.argv.slice(1);
    setWorkerScript(bundle);
    setRunningCode(bundle);
    process.exitCode = await main(args);
});
