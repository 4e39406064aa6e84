/**
 * `npm run bench`: every benchmark in one process, each reported against a baseline measured in
 * the same run (ratios, not absolute timings), with the targets the issues set. Results are also
 * written to bench/results/latest.json (git-ignored).
 */
import '../language/polyfills.js';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runLanguageBench } from './language-bench.js';
import { runLspBench } from './lsp-bench.js';
import { runSettlementBench } from './settlement-bench.js';
import { oracleContractText, readOracleRows } from '../test/settlement/oracle-rows.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const only = process.argv.slice(2);
const wanted = (name: string): boolean => only.length === 0 || only.includes(name);
const results: Record<string, unknown> = {};
const verdicts: string[] = [];

function verdict(label: string, value: number, limit: number, unit = ''): void {
    const ok = value <= limit;
    verdicts.push(`${ok ? 'PASS' : 'MISS'}  ${label}: ${value.toFixed(2)}${unit} (target ≤ ${limit}${unit})`);
}

function ms(value: number): string {
    return `${value.toFixed(1)} ms`;
}

if (wanted('language')) {
    console.log('== parsing against linking + validation');
    const r = await runLanguageBench();
    results.language = r;
    console.log(`large contract (2,000 providers, 500 measures, 1,000 scenarios): parse ${ms(r.large.parseMs)}, link + validate ${ms(r.large.linkAndValidateMs)}, ratio ${r.large.ratio.toFixed(2)}`);
    console.log(`3,000 small contracts: parse ${ms(r.small.parseMs)}, link + validate ${ms(r.small.linkAndValidateMs)}, ratio ${r.small.ratio.toFixed(2)}`);
    console.log(`double size: large ×${r.largeGrowth.toFixed(2)}, small ×${r.smallGrowth.toFixed(2)}`);
    verdict('link + validate / parse, large contract', r.large.ratio, 1.5);
    verdict('link + validate / parse, small contracts', r.small.ratio, 1.5);
    verdict('time at double size / time, large contract', r.largeGrowth, 2.2);
    verdict('time at double size / time, small contracts', r.smallGrowth, 2.2);
}

if (wanted('settlement')) {
    console.log('== settlement engine and Monte Carlo');
    const r = await runSettlementBench();
    results.settlement = r;
    for (const [key, value] of Object.entries(r)) {
        console.log(`${key}: ${typeof value === 'number' ? value.toLocaleString('en-US', { maximumFractionDigits: 3 }) : value}`);
    }
    const ratio = Number(r.monteCarloRatio ?? r.ratio ?? NaN);
    if (!Number.isNaN(ratio)) {
        verdict('Monte Carlo kernel / hand-written Float64Array loop', ratio, 1.5);
    }
}

if (wanted('oracles')) {
    console.log('== the 3,765 published Medicare settlements through the CLI');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aco-oracles-'));
    const rows = readOracleRows(path.join(root, 'test/data/mssp-settlements.csv'));
    rows.forEach((row, i) => fs.writeFileSync(path.join(dir, `${String(i).padStart(4, '0')}.aco`), oracleContractText(row)));
    const cli = path.join(root, 'bin/aco.js');
    const time = (args: string[]): number => {
        const start = performance.now();
        // As a user runs it (`npx aco`): the program itself, so its shebang's Node flags apply.
        const run = spawnSync(cli, args, { encoding: 'utf-8', maxBuffer: 1 << 30 });
        if (run.status === 2) {
            throw new Error(run.stderr);
        }
        return performance.now() - start;
    };
    const baseline = time(['--version']);
    const validate = time(['validate', dir, '--quiet']);
    const simulate = time(['simulate', dir, '--format', 'json']);
    fs.rmSync(dir, { recursive: true, force: true });
    results.oracles = { contracts: rows.length, cliStartMs: baseline, validateMs: validate, simulateMs: simulate };
    console.log(`${rows.length} contracts: CLI start ${ms(baseline)}, validate ${ms(validate)}, validate + simulate (JSON) ${ms(simulate)}`);
    verdict('validate + simulate all oracle contracts from the CLI', simulate / 1000, 3, ' s');
}

if (wanted('lsp')) {
    console.log('== language server over stdio');
    const r = await runLspBench(root);
    results.lsp = r;
    console.log(`server start to first diagnostics: ${ms(r.startToFirstDiagnosticsMs)}`);
    for (const [label, t] of [['typical example', r.typical], ['largest generated contract', r.largest]] as const) {
        console.log(`${label} (${t.lines.toLocaleString('en-US')} lines): edit → diagnostics + hints p50 ${ms(t.hintsOn.p50)}, p95 ${ms(t.hintsOn.p95)}; hints off p50 ${ms(t.hintsOff.p50)}, p95 ${ms(t.hintsOff.p95)}; on/off ${t.ratio.toFixed(2)}`);
    }
    verdict('typical edit → diagnostics + hints, p95', r.typical.hintsOn.p95, 50, ' ms');
}

console.log('\n' + verdicts.join('\n'));
fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench/results/latest.json'), JSON.stringify({ date: new Date().toISOString(), node: process.version, results }, null, 2));
