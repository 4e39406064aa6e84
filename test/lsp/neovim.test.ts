/**
 * The language server in Neovim: headless `nvim` runs test/lsp/nvim/drive.lua, which starts
 * `aco lsp --stdio` the way docs/editor.md sets it up and uses it as a person would (diagnostics
 * after an edit, hover, formatting, rename, a quick fix). CI installs Debian's neovim
 * (scripts/setup-lsp-clients.sh); locally the test is skipped, saying so, when nvim is absent.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { lineWith, root, specText } from './lsp-client.js';

function nvimVersion(): string | undefined {
    try {
        return execFileSync('nvim', ['--version'], { encoding: 'utf-8' }).split('\n')[0];
    } catch {
        return undefined;
    }
}

const version = nvimVersion();
if (!version) {
    if (process.env.CI) {
        throw new Error('nvim is missing on CI: scripts/setup-lsp-clients.sh should have installed it.');
    }
    console.warn('Skipping the Neovim test: nvim is not installed (apt-get install neovim, or bash scripts/setup-lsp-clients.sh).');
}

interface DriveResult {
    error?: string;
    setup: string;
    filetype: string;
    commentstring: string;
    diagnosticsOnOpen: string[];
    firstMessage: string;
    diagnosticsAfterEdit: string[];
    hover?: string;
    formattedLine: string;
    renamedCount: number;
    rpcLeft: boolean;
    codeAction: string;
    expectLine: string;
    diagnosticsAfterFix: string[];
}

describe.skipIf(!version)(`the language server in ${version ?? 'Neovim'}`, () => {
    test('diagnostics after an edit, hover, formatting, rename and a quick fix', () => {
        const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'aco-nvim-'));
        const file = path.join(folder, 'riverside.aco');
        fs.writeFileSync(file, specText.replace('sharing rate 75%', 'sharing rate 175%'));
        const out = path.join(folder, 'result.json');
        const run = spawnSync('nvim', ['--headless', '--clean', '-u', path.join(root, 'test/lsp/nvim/drive.lua')], {
            cwd: folder, encoding: 'utf-8', timeout: 90_000,
            env: { ...process.env, ACO_NVIM_OUT: out, ACO_NVIM_FILE: file, ACO_NVIM_CMD: [process.execPath, path.join(root, 'bin/aco.js'), 'lsp', '--stdio'].join('\t') }
        });
        expect(fs.existsSync(out), `nvim wrote no result: ${run.stderr || run.stdout}`).toBe(true);
        const result = JSON.parse(fs.readFileSync(out, 'utf-8')) as DriveResult;
        fs.rmSync(folder, { recursive: true, force: true });
        expect(result.error).toBeUndefined();
        expect(result.filetype).toBe('aco');
        expect(result.commentstring).toBe('// %s');
        expect(result.diagnosticsOnOpen).toContain('percent-range');
        expect(result.firstMessage).toContain('175%');
        expect(result.diagnosticsAfterEdit).toEqual([]);
        expect(result.hover).toContain('Explain the full waterfall');
        expect(result.hover).toContain('$2,135,818.13');
        expect(result.formattedLine).toBe(specText.split('\n')[lineWith(specText, 'currency USD')]);
        expect(result.renamedCount).toBe(3);
        expect(result.rpcLeft).toBe(false);
        expect(result.codeAction).toBe('Expect $2,135,818.13 (the computed figure)');
        expect(result.expectLine).toContain('expect earned $2,135,818.13');
        expect(result.diagnosticsAfterFix).toEqual([]);
    }, 120_000);
});
