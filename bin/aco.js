#!/usr/bin/env -S node --max-semi-space-size=32 --min-semi-space-size=32
// The `aco` command. Where `npm run build` left a startup snapshot this Node can use, the command
// that parses contracts runs from it, in a child process sharing this one's streams
// (language/cli/snapshot.ts): the CLI's code loaded and its parser built. Otherwise it
// loads the CLI bundled into one module (scripts/bundle.mjs), with the same V8 flags
// (runFlags: the shebang's heap sizes, and a smaller inlining budget on Node 20).
import module from 'node:module';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { CONTRACT_COMMANDS, inliningFlags, runFromSnapshot, usableSnapshot } from '../out/language/cli/snapshot.js';

const cli = fileURLToPath(new URL('../out/cli/', import.meta.url));
const bundle = `${cli}aco.mjs`;
const args = process.argv.slice(2);
const server = args[0] === 'lsp';
// `--version`, `--help` and the long-lived `aco lsp` load the bundle here.
const checks = CONTRACT_COMMANDS.includes(args[0]);
const snapshot = checks ? usableSnapshot(cli, bundle) : undefined;
const status = snapshot ? await runFromSnapshot(snapshot, bundle, args) : undefined;
if (status !== undefined) {
    process.exitCode = status;
} else {
    // Set before any of the CLI's code is compiled; worker threads share the process's flags.
    // `aco lsp`, a long-lived server, is measured (bench/) with V8's defaults.
    if (!server) {
        inliningFlags().forEach(flag => v8.setFlagsFromString(flag));
    }
    // Node 22.1+ keeps V8's compiled code of the bundle on disk (Node 20 has no such cache).
    module.enableCompileCache?.();
    await import('../out/cli/aco.mjs');
}
