/**
 * The portfolio benchmark's baseline, run in a fresh process (`run.mjs --parse-only DIR`): every
 * contract in DIR parsed on one core, in process, and nothing else (no linking, no validation, no
 * output). The first pass is what a process that parses these files once pays (the CLI's case),
 * less building the parser; the second, the same with the parser's code already optimised.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EmptyFileSystem, URI } from 'langium';
import { createAcoServices } from '../language/aco-module.js';
import { WARM_UP_FILE } from '../language/cli/file-report.js';
import { processCpuMs } from './cpu-time.js';

export interface ParseOnlyResult {
    files: number;
    /** First pass in a fresh process. */
    coldMs: number;
    /** CPU time of the first pass, every thread of the process (cpu-time.ts). */
    coldCpuMs: number;
    /** Second pass, same process. */
    warmMs: number;
}

export function parseOnly(directory: string): ParseOnlyResult {
    const files = fs.readdirSync(directory).filter(f => f.endsWith('.aco')).sort().map(f => path.join(directory, f));
    const texts = files.map(f => fs.readFileSync(f, 'utf-8'));
    const { shared } = createAcoServices(EmptyFileSystem);
    const factory = shared.workspace.LangiumDocumentFactory;
    const pass = (tag: string): number => {
        const start = performance.now();
        for (let i = 0; i < texts.length; i++) {
            factory.fromString(texts[i], URI.file(`/${tag}/${i}.aco`));
        }
        return performance.now() - start;
    };
    // The parser is built on its first document: build it untimed, so the pass times parsing alone.
    factory.fromString(WARM_UP_FILE.text, URI.file(WARM_UP_FILE.absolute));
    const cpuBefore = processCpuMs();
    const coldMs = pass('cold');
    const coldCpuMs = processCpuMs() - cpuBefore;
    const warmMs = pass('warm');
    return { files: files.length, coldMs, coldCpuMs, warmMs };
}
