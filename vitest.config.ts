import { defineConfig } from 'vitest/config';

export default defineConfig({
    test: {
        include: ['test/**/*.test.ts'],
        // Node 20 lacks Object.groupBy, which the parser needs (see language/polyfills.js).
        setupFiles: ['language/polyfills.js'],
        testTimeout: 60_000,
        pool: 'forks',
        // A JSON report per Node version as well, so CI can print one total at the end.
        reporters: ['default', 'json'],
        outputFile: { json: `test-results/vitest-node${process.versions.node.split('.')[0]}.json` }
    }
});
