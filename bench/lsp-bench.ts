/**
 * Editor responsiveness over the real stdio connection to the bundled server: from a one-character
 * edit to the new diagnostics and the new inlay hints of the window around it (60 lines, as an
 * editor asks for the visible range), with inlay hints on and off (the ratio is
 * the cost of inline figures), for a typical example, a 500-line contract with 20 scenarios and
 * the largest generated contract (20,551 lines); and from server start to the first diagnostics.
 * Each edit time is set against the time to parse that document in this process (best of several
 * parses), measured in the same run.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EmptyFileSystem, URI } from 'langium';
import { createAcoServices } from '../language/aco-module.js';
import { largeContract } from './language-bench.js';
import { percentile, startServer, type Session } from './lsp-session.js';

/** Figures-on and figures-off runs alternate this many times for each document (twice for the largest, whose edits take seconds). */
const BLOCKS = 6;

/** Lines an editor window shows: VS Code asks for the inlay hints of the visible range only. */
const VISIBLE_LINES = 60;

/**
 * Where the benchmark edits: the first digit of the first expenditure amount, alternating between
 * two values (a scenario's terms change), or a space typed after the first section's `{` and
 * deleted again (nothing the engine reads changes, but every later token moves by one character:
 * the whole tree after the edit is moved, or copied while the last valid version is kept).
 */
type EditSite = 'amount' | 'top';

function editAt(text: string, site: EditSite, i: number): { start: number; end: number; insert: string } {
    if (site === 'top') {
        const at = text.indexOf('{', text.indexOf('{') + 1) + 1;
        return i % 2 === 0 ? { start: at, end: at, insert: ' ' } : { start: at, end: at + 1, insert: '' };
    }
    const at = text.search(/expenditure \$\d/) + 'expenditure $'.length;
    // Always a change (a document whose text is unchanged is not parsed again).
    return { start: at, end: at + 1, insert: i % 2 === 0 ? (text[at] === '9' ? '8' : '9') : text[at] };
}

function positionOf(text: string, offset: number): { line: number; character: number } {
    return { line: text.slice(0, offset).split('\n').length - 1, character: offset - text.lastIndexOf('\n', offset - 1) - 1 };
}

/** Edits `edits` times at `site`; each sample (ms) is edit → diagnostics → inlay hints of the window around the edit. */
async function editLatency(session: Session, uri: string, text: string, edits: number, site: EditSite = 'amount'): Promise<number[]> {
    const { connection } = session;
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'aco', version: 1, text } });
    await session.diagnosticsFor(uri, 1);
    const samples: number[] = [];
    for (let i = 0; i < edits; i++) {
        const version = i + 2;
        const { start: at, end, insert } = editAt(text, site, i);
        // Worked out before the clock starts: the client's own arithmetic is not the server's latency.
        const position = positionOf(text, at);
        const started = performance.now();
        await connection.sendNotification('textDocument/didChange', {
            textDocument: { uri, version },
            contentChanges: [{ range: { start: position, end: { ...position, character: position.character + (end - at) } }, text: insert }]
        });
        await session.diagnosticsFor(uri, i + 2);
        const top = Math.max(0, position.line - VISIBLE_LINES / 3);
        await connection.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: top, character: 0 }, end: { line: top + VISIBLE_LINES, character: 0 } } });
        samples.push(performance.now() - started);
    }
    await connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    return samples;
}

function latency(samples: number[]): Latency {
    return { p50: percentile(samples, 0.5), p95: percentile(samples, 0.95) };
}

interface Latency {
    p50: number;
    p95: number;
}

/** One rebuild of the document in this process, phase by phase (best of several), without the server. */
export interface Phases {
    parseMs: number;
    linkAndValidateMs: number;
    inlayHintsMs: number;
}

export interface EditBench {
    lines: number;
    /** Parsing the document once in this process: the best of several parses. */
    parseMs: number;
    /** What the server must do per edit at the least, measured without it. */
    inProcess: Phases;
    hintsOn: Latency;
    hintsOff: Latency;
    /** p95 with inline figures over p95 without them (target ≤ 1.3). */
    hintsRatio: number;
    /** p95 edit → diagnostics + hints over the parse time. */
    overParse: number;
}

export interface LspBenchResult {
    startToFirstDiagnosticsMs: number;
    typical: EditBench;
    /** 500 lines, 20 scenarios: target p95 ≤ 2 × parse, figures ≤ 1.3 × without. */
    medium: EditBench;
    /** 20,551 lines: target ≤ 3 × parse. */
    largest: EditBench;
    /** 20,551 lines, a space typed near the top: the whole tree after it is moved (copied while the last valid version is kept). */
    largestTop: EditBench;
}

/** The 500-line contract with 20 scenarios: 40 providers, 21 measures. */
export function mediumContract(): string {
    return largeContract(40, 21, 20);
}

/**
 * The document rebuilt `runs` times in this process (after one untimed build, so the code is
 * warm): parse, link + validate, inlay hints; the best of the runs for each phase.
 */
export async function inProcessPhases(text: string, runs: number): Promise<Phases> {
    const { shared, Aco } = createAcoServices(EmptyFileSystem);
    const documents = shared.workspace.LangiumDocuments;
    const best: Phases = { parseMs: Infinity, linkAndValidateMs: Infinity, inlayHintsMs: Infinity };
    const lines = text.split('\n').length;
    for (let i = -1; i < runs; i++) {
        const uri = URI.parse(`memory:///phases-${i}.aco`);
        const start = performance.now();
        const document = shared.workspace.LangiumDocumentFactory.fromString(text, uri);
        const parsed = performance.now();
        documents.addDocument(document);
        await shared.workspace.DocumentBuilder.build([document], { validation: true });
        const validated = performance.now();
        await Aco.lsp.InlayHintProvider?.getInlayHints(document, { textDocument: { uri: uri.toString() }, range: { start: { line: 0, character: 0 }, end: { line: lines, character: 0 } } });
        const hinted = performance.now();
        await shared.workspace.DocumentBuilder.update([], [uri]);
        if (i >= 0) {
            best.parseMs = Math.min(best.parseMs, parsed - start);
            best.linkAndValidateMs = Math.min(best.linkAndValidateMs, validated - parsed);
            best.inlayHintsMs = Math.min(best.inlayHintsMs, hinted - validated);
        }
    }
    return best;
}

export async function runLspBench(root: string, edits = 100): Promise<LspBenchResult> {
    const texts = {
        typical: fs.readFileSync(path.join(root, 'examples/mssp-enhanced-2024.aco'), 'utf-8'),
        medium: mediumContract(),
        largest: largeContract(2000, 500, 1000)
    };
    // Enough edits that the 95th percentile is not a few garbage collections or one slow spell of
    // the machine: over the same day's runs, the 500-line figures-on/off ratio ranged 1.2–1.9×
    // with 200 edits a side and 1.1–1.25× with 600 (each takes a few milliseconds). The largest
    // contract's take seconds each.
    const samples = { typical: edits * 6, medium: edits * 6, largest: Math.max(20, Math.round(edits / 5)), largestTop: Math.max(20, Math.round(edits / 5)) };

    const started = performance.now();
    const session = await startServer(root);
    await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///bench/first.aco', languageId: 'aco', version: 1, text: texts.typical } });
    await session.diagnosticsFor('file:///bench/first.aco', 1);
    const startToFirstDiagnosticsMs = performance.now() - started;

    const keys = ['typical', 'medium', 'largest', 'largestTop'] as const;
    const textOf = (key: typeof keys[number]): string => key === 'largestTop' ? texts.largest : texts[key];
    const siteOf = (key: typeof keys[number]): EditSite => key === 'largestTop' ? 'top' : 'amount';
    const large = (key: typeof keys[number]): boolean => key === 'largest' || key === 'largestTop';
    // One document at a time, so one's edits do not share the server with the garbage of another's
    // (the largest contract's leaves the collector busy for seconds). Untimed edits first, so the
    // timed ones do not pay for the server's code being optimised; then figures on and off in
    // short alternating blocks, each side first in turn, so neither gets the quieter part of the run.
    const on = { typical: [] as number[], medium: [] as number[], largest: [] as number[], largestTop: [] as number[] };
    const off = { typical: [] as number[], medium: [] as number[], largest: [] as number[], largestTop: [] as number[] };
    for (const key of keys) {
        await session.setHints(true);
        await editLatency(session, `file:///bench/${key}-warm-up.aco`, textOf(key), large(key) ? 2 : 30, siteOf(key));
        const blocks = large(key) ? 2 : BLOCKS;
        const edits = Math.ceil(samples[key] / blocks);
        for (let block = 0; block < blocks; block++) {
            for (const hints of block % 2 === 0 ? [true, false] : [false, true]) {
                await session.setHints(hints);
                (hints ? on : off)[key].push(...await editLatency(session, `file:///bench/${key}-${hints ? 'on' : 'off'}-${block}.aco`, textOf(key), edits, siteOf(key)));
            }
        }
    }
    session.close();
    const phases = new Map<string, Phases>();
    const result = async (key: typeof keys[number]): Promise<EditBench> => {
        const text = textOf(key);
        const inProcess = phases.get(text) ?? await inProcessPhases(text, large(key) ? 4 : 20);
        phases.set(text, inProcess);
        const parseMs = inProcess.parseMs;
        return {
            lines: text.split('\n').length,
            parseMs,
            inProcess,
            hintsOn: latency(on[key]),
            hintsOff: latency(off[key]),
            hintsRatio: latency(on[key]).p95 / latency(off[key]).p95,
            overParse: latency(on[key]).p95 / parseMs
        };
    };
    return { startToFirstDiagnosticsMs, typical: await result('typical'), medium: await result('medium'), largest: await result('largest'), largestTop: await result('largestTop') };
}
