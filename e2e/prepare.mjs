// Builds the extension and packages it into .cache/e2e/aco-contracts-e2e.vsix for the end-to-end test.
// The build always runs (it takes ~10 s and keeps the .vsix in step with the sources); packaging is
// skipped when the .vsix is newer than everything that goes into it. E2E_SKIP_BUILD=1 skips the build
// (for re-running the test after a build of one's own).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { vsceArgs } from '../scripts/package-extension.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const vsix = path.join(root, '.cache/e2e/aco-contracts-e2e.vsix');
/** @param {string} command @param {string[]} args */
const run = (command, args) => execFileSync(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });

if (process.env.E2E_SKIP_BUILD !== '1') {
    console.log('[e2e] npm run build');
    run('npm', ['run', '--silent', 'build']);
}

// What the .vsix is made of (see .vscodeignore), and the bundler's inputs (vsce re-bundles for production).
const inputs = ['package.json', '.vscodeignore', 'scripts/package-extension.mjs', 'language-configuration.json', 'syntaxes', 'extension', 'language', 'out/snippets', 'scripts/bundle.mjs'];
/** @param {string} file @returns {number} newest modification time in the file or folder */
function newest(file) {
    const full = path.join(root, file);
    if (!fs.existsSync(full)) {
        return 0;
    }
    const stat = fs.statSync(full);
    if (!stat.isDirectory()) {
        return stat.mtimeMs;
    }
    return Math.max(stat.mtimeMs, ...fs.readdirSync(full).map(entry => newest(path.join(file, entry))));
}
const built = fs.existsSync(vsix) ? fs.statSync(vsix).mtimeMs : 0;
if (built > Math.max(...inputs.map(newest))) {
    console.log(`[e2e] ${path.relative(root, vsix)} is up to date`);
} else {
    fs.mkdirSync(path.dirname(vsix), { recursive: true });
    console.log(`[e2e] packaging ${path.relative(root, vsix)}`);
    // vsce runs `vscode:prepublish` (the production bundle) before packaging.
    run(process.execPath, [path.join(root, 'node_modules/@vscode/vsce/vsce'), ...vsceArgs(vsix)]);
}
