/**
 * The language server in Emacs with eglot, configured exactly as docs/editor.md says (the test
 * loads the Emacs Lisp block from the guide): diagnostics on open and after an edit, hover,
 * formatting and rename through `aco lsp --stdio`. CI installs Debian's emacs-nox and eglot
 * (scripts/setup-lsp-clients.sh); locally the test is skipped, saying so, when they are absent.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { root, specText } from './lsp-client.js';

function emacsWithEglot(): string | undefined {
    const probe = spawnSync('emacs', ['--batch', '--eval', '(progn (package-initialize) (require \'eglot) (princ emacs-version))'], { encoding: 'utf-8' });
    return probe.status === 0 ? `Emacs ${probe.stdout.trim()}` : undefined;
}

const emacs = emacsWithEglot();
if (!emacs) {
    if (process.env.CI) {
        throw new Error('emacs with eglot is missing on CI: scripts/setup-lsp-clients.sh should have installed it.');
    }
    console.warn('Skipping the Emacs test: emacs with eglot is not installed (apt-get install emacs-nox elpa-eglot, or bash scripts/setup-lsp-clients.sh).');
}

describe.skipIf(!emacs)(`the language server in ${emacs ?? 'Emacs'} with eglot`, () => {
    test('the guide\'s configuration: diagnostics, an edit, hover, formatting and rename', () => {
        const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'aco-emacs-'));
        try {
            // The configuration as the guide gives it, and `aco` on PATH as after `npm install --global`.
            const guide = fs.readFileSync(path.join(root, 'docs/editor.md'), 'utf-8');
            const init = /### Emacs \(eglot\)[\s\S]*?```elisp\n([\s\S]*?)```/.exec(guide)?.[1];
            expect(init, 'the Emacs Lisp block in docs/editor.md').toBeDefined();
            fs.writeFileSync(path.join(folder, 'init.el'), init!);
            const bin = path.join(folder, 'bin');
            fs.mkdirSync(bin);
            fs.writeFileSync(path.join(bin, 'aco'), `#!/bin/sh\nexec "${process.execPath}" "${path.join(root, 'bin/aco.js')}" "$@"\n`, { mode: 0o755 });
            const file = path.join(folder, 'riverside.aco');
            fs.writeFileSync(file, specText.replace('sharing rate 75%', 'sharing rate 175%'));
            const out = path.join(folder, 'result.json');
            const run = spawnSync('emacs', ['--batch', '-l', path.join(root, 'test/lsp/emacs/drive.el')], {
                cwd: folder, encoding: 'utf-8', timeout: 90_000,
                env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}`, ACO_EMACS_INIT: path.join(folder, 'init.el'), ACO_EMACS_FILE: file, ACO_EMACS_OUT: out }
            });
            expect(fs.existsSync(out), `emacs wrote no result: ${run.stderr}`).toBe(true);
            const result = JSON.parse(fs.readFileSync(out, 'utf-8')) as Record<string, unknown>;
            expect(result.mode).toBe('aco-mode');
            expect(result['comment-start']).toBe('// ');
            expect((result['on-open'] as string[]).join('\n')).toContain('[percent-range]: 175% is not a valid rate');
            expect(result['after-edit']).toEqual([]);
            expect(result.hover).toContain('$2,135,818.13');
            expect(result.formatted).toBe(true);
            expect(result.renamed).toBe(3);
        } finally {
            fs.rmSync(folder, { recursive: true, force: true });
        }
    }, 120_000);
});
