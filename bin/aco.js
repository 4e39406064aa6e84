#!/usr/bin/env -S node --max-semi-space-size=64
// The `aco` command: the CLI bundled by `npm run build` (scripts/bundle.mjs) into one module.
// The larger young generation (when run as a program, e.g. `npx aco`) halves the garbage
// collector's scavenges when thousands of contracts are validated in one run.
import '../out/cli/aco.mjs';
