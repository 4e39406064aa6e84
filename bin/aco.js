#!/usr/bin/env -S node --max-semi-space-size=32 --min-semi-space-size=32
// The `aco` command: the CLI bundled by `npm run build` (scripts/bundle.mjs) into one module.
// A young generation of 32 MB from the start (when run as a program, e.g. `npx aco`) saves the
// garbage collector most of its scavenges when thousands of contracts are validated in one run:
// about a tenth of the time of 64 MB grown on demand, with a third less memory.
import module from 'node:module';
import v8 from 'node:v8';

// On Node 20 (V8 11) most of a large run's optimising compiles are of functions inlined into
// others, compiled again in each caller: a smaller inlining budget made `aco validate` over the
// 5,460 oracle contracts about 15% faster, with a fifth less CPU. Node 24 (V8 13, with its
// mid-tier compiler) was slower with it, so V8 12 and later keep their defaults; so does `aco lsp`,
// a long-lived server measured (bench/) with V8's defaults. Set before any of the CLI's code is
// compiled; worker threads share the process's flags.
if (Number(process.versions.v8.split('.')[0]) < 12 && process.argv[2] !== 'lsp') {
    v8.setFlagsFromString('--max-inlined-bytecode-size-cumulative=200');
}

// Node 22.1+ keeps V8's compiled code of the bundle on disk, so a run does not compile it afresh
// (Node 20 has no such cache). Enabled before the bundle loads: hence the dynamic import.
module.enableCompileCache?.();
await import('../out/cli/aco.mjs');
