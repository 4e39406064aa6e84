#!/usr/bin/env -S node --max-semi-space-size=64
// The `aco` command: the CLI bundled by `npm run build` (scripts/bundle.mjs) into one module.
// The larger young generation (when run as a program, e.g. `npx aco`) halves the garbage
// collector's scavenges when thousands of contracts are validated in one run.
import module from 'node:module';

// Node 22.1+ keeps V8's compiled code of the bundle on disk, so a run does not compile it afresh
// (Node 20 has no such cache). Enabled before the bundle loads: hence the dynamic import.
module.enableCompileCache?.();
await import('../out/cli/aco.mjs');
