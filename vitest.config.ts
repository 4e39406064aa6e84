import { defineConfig } from 'vitest/config';

export default defineConfig({
    test: {
        include: ['test/**/*.test.ts'],
        // Node 20 lacks Object.groupBy, which the parser needs (see language/polyfills.js).
        setupFiles: ['language/polyfills.js'],
        testTimeout: 60_000,
        pool: 'forks'
    }
});
