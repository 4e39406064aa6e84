/**
 * The commands an editor is configured with after `npm install --global`: `aco lsp --stdio` and
 * `aco-language-server --stdio` start the same server, with its workers (a Monte Carlo run
 * answers), and `aco lsp --help` says what it is.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { root, specText, startClient } from './lsp-client.js';

const commands: Array<[string, string[]]> = [
    ['aco lsp --stdio', [process.execPath, path.join(root, 'bin/aco.js'), 'lsp', '--stdio']],
    ['aco-language-server --stdio', [process.execPath, path.join(root, 'bin/aco-language-server.js'), '--stdio']]
];

describe('the installed language-server commands', () => {
    test.each(commands)('%s serves diagnostics, hover and Monte Carlo', async (_name, command) => {
        const { client, capabilities } = await startClient({ command });
        try {
            expect(capabilities.hoverProvider).toBeTruthy();
            const uri = 'file:///virtual/installed.aco';
            await client.open(uri, specText.replace('sharing rate 75%', 'sharing rate 175%'));
            expect((await client.nextDiagnostics(uri, 0)).map(d => d.code)).toContain('percent-range');
            await client.change(uri, 2, specText);
            expect(await client.nextDiagnostics(uri, 1)).toEqual([]);
            const mc = await client.request<{ result: { trials: number } }>('aco/monteCarlo', { uri, trials: 3000 });
            expect(mc.result.trials).toBe(3000);
            expect(client.stderr).toBe('');
        } finally {
            await client.stop();
        }
    }, 60_000);

    test('aco lsp --help describes the command', () => {
        const help = spawnSync(process.execPath, [path.join(root, 'bin/aco.js'), 'lsp', '--help'], { encoding: 'utf-8' });
        expect(help.status).toBe(0);
        expect(help.stdout).toContain('language server');
        expect(help.stdout).toContain('--stdio');
    });
});
