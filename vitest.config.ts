import * as os from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
    test: {
        include: ['test/**/*.test.ts'],
        // Node 20 lacks Object.groupBy, which the parser needs (see language/polyfills.js).
        setupFiles: ['language/polyfills.js'],
        testTimeout: 60_000,
        pool: 'forks',
        // Vitest leaves a core free by default, which on a 2-core machine means one test file at a
        // time. Most files wait on child processes (the CLI, the language server, Chromium), so two
        // at once ran the suite in 357 s instead of 575 s on the 2-core CI machine.
        maxWorkers: Math.max(2, os.availableParallelism() - 1),
        // A JSON report per Node version as well, so CI can print one total at the end.
        reporters: ['default', 'json'],
        outputFile: { json: `test-results/vitest-node${process.versions.node.split('.')[0]}.json` }
    }
});
