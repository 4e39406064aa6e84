/**
 * The HTML summary printed to PDF by headless Chromium (Debian's `chromium` package, at
 * /usr/bin/chromium, or the binary `ACO_CHROMIUM` names). The page is the HTML summary's print
 * layout: the first page standing alone, later parts on new pages, the running footer with the
 * contract's hash and the page numbers. The paper follows the contract: Letter for dollars, A4
 * otherwise. Without Chromium this is a `PdfError` naming the package to install.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ContractModel } from '../model/contract-model.js';

export class PdfError extends Error {}

export type Paper = 'A4' | 'Letter';

export interface PdfOptions {
    paper: Paper;
    /** The Chromium binary; default `findChromium()`. */
    chromium?: string;
    /** Give up after this long (default 90 s). */
    timeoutMs?: number;
}

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** The Chromium to print with: `ACO_CHROMIUM`, else Debian's; undefined when neither is there. */
export function findChromium(env: Readonly<Record<string, string | undefined>> = process.env): string | undefined {
    const named = env.ACO_CHROMIUM;
    if (named) {
        return fs.existsSync(named) ? named : undefined;
    }
    return fs.existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined;
}

/** Letter where the contract is in dollars (North America), A4 elsewhere. */
export function paperFor(model: Pick<ContractModel, 'currency'>): Paper {
    return model.currency === 'USD' ? 'Letter' : 'A4';
}

/** The Chromium to print with, or a `PdfError` naming the package to install. */
export function requireChromium(env: Readonly<Record<string, string | undefined>> = process.env): string {
    const found = findChromium(env);
    if (!found) {
        throw missingChromium(env);
    }
    return found;
}

function missingChromium(env: Readonly<Record<string, string | undefined>>): PdfError {
    return new PdfError(env.ACO_CHROMIUM
        ? `--format pdf: ACO_CHROMIUM=${env.ACO_CHROMIUM} is not there; point it at a Chromium binary, or unset it to use Debian's chromium package`
        : `--format pdf needs Chromium to print with: install Debian's chromium package (apt-get install chromium), or set ACO_CHROMIUM to a Chromium binary`);
}

function run(binary: string, args: string[], timeout: number): Promise<void> {
    return new Promise((resolve, reject) => {
        execFile(binary, args, { timeout, maxBuffer: 4 * 1024 * 1024 }, (error, _stdout, stderr) => {
            if (error) {
                const detail = String(stderr).trim().split('\n').filter((line) => line !== '').slice(-2).join(' ');
                reject(new PdfError(`Chromium could not print the summary (${error.killed ? 'timed out' : `exit ${String(error.code)}`})${detail ? `: ${detail}` : ''}`));
                return;
            }
            resolve();
        });
    });
}

/** Prints an HTML document (a summary or an amendment) to PDF bytes. */
export async function htmlToPdf(html: string, options: PdfOptions): Promise<Uint8Array> {
    const chromium = options.chromium ?? requireChromium();
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'aco-pdf-'));
    try {
        const page = path.join(work, 'summary.html');
        const pdf = path.join(work, 'summary.pdf');
        // The paper size goes last in the head, so it wins over the summary's `size: auto`.
        fs.writeFileSync(page, html.replace('</head>', `<style>@page { size: ${options.paper}; }</style>\n</head>`));
        await run(chromium, [
            '--headless', '--no-sandbox', '--disable-gpu', '--disable-extensions', '--no-first-run', '--disable-sync',
            '--disable-background-networking', '--disable-component-update', '--hide-scrollbars', '--mute-audio',
            `--user-data-dir=${path.join(work, 'profile')}`, '--no-pdf-header-footer', '--print-to-pdf-no-header',
            `--print-to-pdf=${pdf}`, `file://${page}`
        ], options.timeoutMs ?? 90_000);
        if (!fs.existsSync(pdf)) {
            throw new PdfError('Chromium finished without writing the PDF');
        }
        return new Uint8Array(fs.readFileSync(pdf));
    } finally {
        fs.rmSync(work, { recursive: true, force: true });
    }
}
