/**
 * The server as a client that gets things wrong meets it: malformed message headers, bodies that
 * are not JSON, custom requests with bad parameters or for documents that are not open, requests
 * for unknown files, and a Monte Carlo run long enough to notice. Every one gets a clear answer at
 * once, and the server keeps serving everyone else.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CancellationTokenSource } from 'vscode-languageserver-protocol/node';
import { bundledServer, lineWith, specText, startClient, type TestClient } from './lsp-client.js';

/** Starts the server, writes raw bytes to it, and collects what it answers and whether it exits. */
async function rawSession(bytes: string, waitMs = 3000): Promise<{ stdout: string; stderr: string; code: number | null }> {
    const child = spawn(process.execPath, [bundledServer, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString('utf-8'); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf-8'); });
    const exited = new Promise<number | null>(resolve => child.on('exit', code => resolve(code)));
    child.stdin.write(bytes);
    const code = await Promise.race([exited, new Promise<'running'>(resolve => setTimeout(() => resolve('running'), waitMs))]);
    if (code === 'running') {
        child.kill();
        return { stdout, stderr, code: null };
    }
    return { stdout, stderr, code };
}

function frame(message: unknown): string {
    const body = JSON.stringify(message);
    return `Content-Length: ${Buffer.byteLength(body, 'utf-8')}\r\n\r\n${body}`;
}

const initialize = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } };

describe('malformed input on stdin', () => {
    test('a header without Content-Length ends the server with a clear message instead of leaving it deaf', async () => {
        const result = await rawSession(`Content-Type: application/vscode-jsonrpc\r\n\r\n${JSON.stringify(initialize)}`);
        expect(result.code).toBe(1);
        expect(result.stderr).toContain('cannot read the client\'s messages');
        expect(result.stderr).toContain('Content-Length');
        expect(result.stderr).not.toMatch(/\n\s+at /);
    });

    test('a Content-Length that is not a number ends the server with a clear message', async () => {
        const result = await rawSession(`Content-Length: abc\r\n\r\n${JSON.stringify(initialize)}`);
        expect(result.code).toBe(1);
        expect(result.stderr).toContain('Content-Length value must be a number');
    });

    test('a body that is not JSON is answered with a parse error, and the next message is served', async () => {
        const bad = '{"jsonrpc": "2.0", "id": 7, "method": ';
        const result = await rawSession(`Content-Length: ${bad.length}\r\n\r\n${bad}${frame(initialize)}`);
        expect(result.code).toBeNull();
        expect(result.stdout).toContain('"code":-32700');
        expect(result.stdout).toContain('"capabilities"');
    });
});

describe('requests a client gets wrong', () => {
    let client: TestClient;
    const uri = 'file:///virtual/robust.aco';

    beforeAll(async () => {
        ({ client } = await startClient());
        await client.open(uri, specText);
        await client.nextDiagnostics(uri, 0);
    }, 30_000);

    afterAll(async () => {
        await client?.stop();
    });

    async function errorOf(method: string, params: unknown): Promise<{ code: number; message: string }> {
        try {
            await client.request(method, params);
        } catch (error) {
            return error as { code: number; message: string };
        }
        throw new Error(`${method} answered instead of failing`);
    }

    test.each([
        ['aco/summary', { uri: 'file:///virtual/never-opened.aco' }, 'no contract is open at file:///virtual/never-opened.aco'],
        ['aco/explainScenario', { uri: 'file:///virtual/never-opened.aco' }, 'no contract is open'],
        ['aco/monteCarlo', { uri: 'file:///virtual/never-opened.aco' }, 'no contract is open'],
        ['aco/summary', {}, 'needs "uri"'],
        ['aco/summary', null, 'takes an object of parameters'],
        ['aco/monteCarlo', { uri, trials: 'abc' }, '"trials" must be a whole number from 1 to 100,000,000; got "abc"'],
        ['aco/monteCarlo', { uri, trials: -5 }, 'got -5'],
        ['aco/monteCarlo', { uri, trials: 2.5 }, 'got 2.5'],
        ['aco/monteCarlo', { uri, trials: 1e12 }, 'got 1000000000000'],
        ['aco/explainScenario', { uri, scenario: 'No such year' }, 'the contract has no scenario "No such year"'],
        ['aco/explainScenario', { uri, scenario: 42 }, '"scenario" must be a string']
    ])('%s with %j is refused at once with a clear message', async (method, params, message) => {
        const error = await errorOf(method, params);
        expect(error.code).toBe(-32602);
        expect(error.message).toContain(message);
    });

    test('a contract without an uncertainty block: Monte Carlo says so', async () => {
        const plain = 'file:///virtual/no-uncertainty.aco';
        await client.open(plain, specText.slice(0, specText.indexOf('    uncertainty {')) + '}\n');
        const error = await errorOf('aco/monteCarlo', { uri: plain });
        expect(error.message).toBe('The contract has no uncertainty block.');
    });

    test('a contract with errors: Monte Carlo, and a summary of one that does not parse, wait for the fix, saying so', async () => {
        const invalid = 'file:///virtual/invalid-rate.aco';
        await client.open(invalid, specText.replace('sharing rate 75%', 'sharing rate 175%'));
        await client.nextDiagnostics(invalid, 0);
        const monteCarlo = await errorOf('aco/monteCarlo', { uri: invalid });
        expect(monteCarlo.code).toBe(-32803);
        expect(monteCarlo.message).toBe('The contract has errors: Monte Carlo runs once they are fixed.');
        const unparsed = 'file:///virtual/unparsed.aco';
        await client.open(unparsed, specText.replace('population {', 'population {{'));
        await client.nextDiagnostics(unparsed, 0);
        const summary = await errorOf('aco/summary', { uri: unparsed });
        expect(summary.code).toBe(-32803);
        expect(summary.message).toBe('The contract has syntax errors: the summary shows once they are fixed.');
    });

    test.each([
        ['textDocument/hover', { textDocument: { uri } }],
        ['textDocument/completion', { textDocument: { uri }, position: { line: 'x' } }],
        ['textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } }],
        ['textDocument/formatting', { textDocument: { uri } }],
        ['textDocument/rename', { textDocument: { uri }, position: { line: 0, character: 0 } }],
        ['textDocument/inlayHint', { textDocument: { uri } }]
    ])('%s with parameters missing answers without failing', async (method, params) => {
        const result = await client.request<unknown>(method, params);
        expect(result === null || typeof result === 'object').toBe(true);
        // The server still answers properly afterwards.
        const symbols = await client.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri } });
        expect(symbols.length).toBeGreaterThan(0);
    });

    test('standard requests for a file that does not exist answer empty, and the failure is logged once', async () => {
        const missing = 'file:///virtual/does-not-exist.aco';
        for (let i = 0; i < 3; i++) {
            expect(await client.request('textDocument/hover', { textDocument: { uri: missing }, position: { line: 0, character: 0 } })).toBeNull();
        }
        expect(await client.request('textDocument/formatting', { textDocument: { uri: missing }, options: { tabSize: 4, insertSpaces: true } })).toBeNull();
        const logged = client.logs.filter(l => l.includes('hover failed') && l.includes('does-not-exist'));
        expect(logged).toHaveLength(1);
        expect(logged[0]).toContain('(answered empty)');
    });

    test('a Monte Carlo run of 100,000,000 trials never holds up another document, and cancelling it answers at once', async () => {
        const heavy = 'file:///virtual/heavy.aco';
        // The contract's own limit is 10,000,000 trials; the request may ask for up to 100,000,000.
        await client.open(heavy, specText.replace('trials 100,000', 'trials 10,000,000'));
        await client.nextDiagnostics(heavy, 0);
        const source = new CancellationTokenSource();
        const run = client.connection.sendRequest('aco/monteCarlo', { uri: heavy, trials: 100_000_000 }, source.token);
        const scenarioLine = lineWith(specText, 'expenditure $1,018.50');
        const waits: number[] = [];
        for (let i = 0; i < 5; i++) {
            await new Promise(resolve => setTimeout(resolve, 200));
            const start = performance.now();
            const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line: scenarioLine, character: 10 } });
            waits.push(performance.now() - start);
            expect(hover?.contents.value).toContain('Explain the full waterfall');
        }
        // 26 s before the run moved off the main thread; a generous bound for a loaded CI machine.
        expect(Math.max(...waits)).toBeLessThan(1000);
        source.cancel();
        await expect(run).rejects.toMatchObject({ code: -32800 });
    }, 60_000);
});
