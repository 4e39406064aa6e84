// The end-to-end test: the packaged extension in a real VS Code (code-server) driven by headless
// Chromium. Run it with `npm run test:e2e`, which installs code-server (scripts/setup-code-server.sh)
// and packages the extension (e2e/prepare.mjs) first. The unit suite (vitest.config.ts) does not
// include these files.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
    root: fileURLToPath(new URL('..', import.meta.url)),
    test: {
        include: ['e2e/**/*.e2e.test.ts'],
        // One VS Code and one browser for the whole run; the steps run in order.
        pool: 'forks',
        fileParallelism: false,
        sequence: { concurrent: false },
        // Starting the workbench can take 20–60 s on a 2-core machine; each step waits on UI state
        // with its own bounded timeouts, well inside these.
        testTimeout: 150_000,
        hookTimeout: 240_000,
        teardownTimeout: 60_000,
        reporters: ['default', 'json'],
        outputFile: { json: 'test-results/vitest-e2e.json' }
    }
});
