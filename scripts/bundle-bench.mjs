// Bundles the benchmarks (which read test data helpers as well as the language) into one file.
import * as esbuild from 'esbuild';

await esbuild.build({
    entryPoints: ['bench/run.ts'], outfile: 'out/bench/run.mjs', bundle: true, platform: 'node', target: 'node20', format: 'esm',
    packages: 'external', logLevel: 'warning'
});
