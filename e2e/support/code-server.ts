/**
 * Starts code-server (VS Code 1.100 in a browser, installed by scripts/setup-code-server.sh) on a
 * free loopback port, with a fresh user-data dir and extensions dir in which the packaged extension is
 * installed, and stops it (with every process it started) again.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const REPO = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
export const CODE_SERVER_VERSION = process.env.CODE_SERVER_VERSION ?? '4.100.3';
export const CODE_SERVER_DIR = path.join(REPO, '.cache/code-server', CODE_SERVER_VERSION, 'package');
export const VSIX = process.env.E2E_VSIX ?? path.join(REPO, '.cache/e2e/aco-contracts-e2e.vsix');

const run = promisify(execFile);

export interface CodeServer {
    url: string;
    port: number;
    userDataDir: string;
    extensionsDir: string;
    logFile: string;
    stop(): Promise<void>;
}

/** User settings that keep the workbench quiet and predictable for a test. */
const SETTINGS = {
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'update.mode': 'none',
    'chat.commandCenter.enabled': false,
    'chat.disableAIFeatures': true,
    'git.enabled': false,
    'editor.minimap.enabled': false,
    // No completion pop-ups while the test types, but for those the language server asks for (after `result `).
    'editor.quickSuggestions': { other: false, comments: false, strings: false },
    'editor.suggestOnTriggerCharacters': true,
    'editor.parameterHints.enabled': false,
    'editor.hover.delay': 300,
    'editor.inlayHints.enabled': 'on',
    'editor.codeLens': true,
    'editor.semanticHighlighting.enabled': true,
    'outline.collapseItems': 'alwaysExpand',
    'files.autoSave': 'off',
    'files.hotExit': 'off',
    'window.confirmBeforeClose': 'never',
    'workbench.editor.enablePreview': false,
    'problems.autoReveal': false
};

async function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = net.createServer();
        server.unref();
        server.on('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const address = server.address();
            server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
        });
    });
}

/** The environment for code-server: the caller's, less what would point it elsewhere. */
function cleanEnv(home: string): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const name of Object.keys(env)) {
        if (/^(VSCODE_|ELECTRON_|PASSWORD$|HASHED_PASSWORD$|GITHUB_TOKEN$|CODE_SERVER_|PORT$|NODE_OPTIONS$|VITEST|TEST$)/.test(name)) {
            delete env[name];
        }
    }
    // code-server writes its config and state under XDG dirs; keep them in the run's own folder.
    env.XDG_CONFIG_HOME = path.join(home, 'config');
    env.XDG_DATA_HOME = path.join(home, 'data');
    env.XDG_CACHE_HOME = path.join(home, 'cache');
    return env;
}

export async function installedCodeServer(): Promise<string> {
    const entry = path.join(CODE_SERVER_DIR, 'out/node/entry.js');
    if (!fs.existsSync(entry) || !fs.existsSync(path.join(CODE_SERVER_DIR, '..', '.complete'))) {
        throw new Error(`code-server ${CODE_SERVER_VERSION} is not installed in ${CODE_SERVER_DIR}: run 'bash scripts/setup-code-server.sh' (npm run test:e2e does).`);
    }
    if (!fs.existsSync(VSIX)) {
        throw new Error(`The packaged extension ${VSIX} is missing: run 'node e2e/prepare.mjs' (npm run test:e2e does).`);
    }
    return entry;
}

/**
 * Installs the .vsix into a fresh extensions dir and starts code-server on `folder`. `home` is a
 * fresh folder of the test's own; `logFile` receives code-server's output.
 */
export async function startCodeServer(options: { home: string; folder: string; logFile: string }): Promise<CodeServer> {
    const entry = await installedCodeServer();
    const { home, folder, logFile } = options;
    const userDataDir = path.join(home, 'user-data');
    const extensionsDir = path.join(home, 'extensions');
    fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
    fs.mkdirSync(extensionsDir, { recursive: true });
    fs.writeFileSync(path.join(userDataDir, 'User/settings.json'), JSON.stringify(SETTINGS, null, 4));
    const config = path.join(home, 'config.yaml');
    fs.writeFileSync(config, 'auth: none\ncert: false\n');
    const env = cleanEnv(home);

    const common = ['--config', config, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
    const installed = await run(process.execPath, [entry, ...common, '--force', '--install-extension', VSIX], { env, timeout: 120_000 });
    if (!/successfully installed/i.test(installed.stdout + installed.stderr)) {
        throw new Error(`Installing ${VSIX} failed:\n${installed.stdout}\n${installed.stderr}`);
    }

    const port = await freePort();
    fs.mkdirSync(path.dirname(logFile), { recursive: true });
    const log = fs.openSync(logFile, 'w');
    const child = spawn(process.execPath, [entry, ...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry',
        '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened', folder], {
        env, cwd: home, stdio: ['ignore', log, log], detached: true
    });
    fs.closeSync(log);
    const killAll = (signal: NodeJS.Signals) => {
        try {
            process.kill(-child.pid!, signal);
        } catch {
            // already gone
        }
    };
    // Should this process exit or be killed before stop() runs, take code-server and its children
    // with it (then die of the signal as it would have).
    const onExit = () => killAll('SIGKILL');
    const signals: NodeJS.Signals[] = ['SIGTERM', 'SIGINT', 'SIGHUP'];
    const onSignal = (signal: NodeJS.Signals) => {
        killAll('SIGKILL');
        signals.forEach(s => process.off(s, onSignal));
        process.kill(process.pid, signal);
    };
    process.on('exit', onExit);
    signals.forEach(s => process.on(s, onSignal));

    const url = `http://127.0.0.1:${port}/`;
    const server: CodeServer = {
        url, port, userDataDir, extensionsDir, logFile,
        async stop() {
            process.off('exit', onExit);
            signals.forEach(s => process.off(s, onSignal));
            await stopProcessGroup(child, killAll);
        }
    };
    try {
        await waitForHttp(url, child, logFile, 60_000);
    } catch (error) {
        await server.stop();
        throw error;
    }
    return server;
}

async function waitForHttp(url: string, child: ChildProcess, logFile: string, timeout: number): Promise<void> {
    const deadline = Date.now() + timeout;
    while (Date.now() < deadline) {
        if (child.exitCode !== null || child.signalCode !== null) {
            throw new Error(`code-server exited (${child.exitCode ?? child.signalCode}):\n${fs.readFileSync(logFile, 'utf8')}`);
        }
        try {
            const response = await fetch(new URL('healthz', url), { signal: AbortSignal.timeout(2_000) });
            if (response.ok) {
                return;
            }
        } catch {
            // not listening yet
        }
        await new Promise(resolve => setTimeout(resolve, 250));
    }
    throw new Error(`code-server did not answer on ${url} within ${timeout / 1000} s:\n${fs.readFileSync(logFile, 'utf8')}`);
}

/** SIGTERM to the whole process group, SIGKILL after 10 s. */
async function stopProcessGroup(child: ChildProcess, killAll: (signal: NodeJS.Signals) => void): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) {
        killAll('SIGKILL');
        return;
    }
    const exited = new Promise<void>(resolve => child.once('exit', () => resolve()));
    killAll('SIGTERM');
    const timer = new Promise<'timeout'>(resolve => setTimeout(() => resolve('timeout'), 10_000).unref());
    if (await Promise.race([exited, timer]) === 'timeout') {
        killAll('SIGKILL');
        await exited;
    }
    // Children that outlived code-server (extension host, language server) share its group.
    killAll('SIGKILL');
}
