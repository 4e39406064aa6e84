#!/usr/bin/env node
// The `aco` command: the CLI bundled by `npm run build` (scripts/bundle.mjs) into one module.
import '../out/cli/aco.mjs';
