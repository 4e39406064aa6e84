/**
 * What makes a printed summary something to sign: the SHA-256 of the contract file it describes
 * (a copy whose hash differs is a different contract), the date it was generated, the version of
 * the tool that generated it, and an approval block with a line per party.
 *
 * The generation date is the one thing in a summary that is not a function of the contract. Set
 * `SOURCE_DATE_EPOCH` (seconds since 1970, the reproducible-builds convention) to fix it: the
 * goldens and any build that must be byte-for-byte repeatable do.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type { ContractModel } from '../model/contract-model.js';
import type { Block, FactsBlock } from './document.js';
import { dateInWords } from './figures.js';
import { heading, left, paragraph } from './blocks.js';

export interface SignOff {
    /** The contract file as the reader should see it (`examples/nhs-integrated-care.aco`). */
    file: string;
    /** SHA-256 of the file's bytes, lower-case hex. */
    sha256: string;
    /** When the summary was generated. */
    generated: Date;
    /** The `aco` version (absent when the caller cannot tell). */
    toolVersion?: string;
}

/** SHA-256 of the contract as stored: its bytes, or its text as UTF-8 (what an editor would save). */
export function contentHash(content: Uint8Array | string): string {
    return createHash('sha256').update(content).digest('hex');
}

/** Thrown for a `SOURCE_DATE_EPOCH` that is not a whole number of seconds. */
export class GenerationDateError extends Error {}

/** Now, or `SOURCE_DATE_EPOCH` when it is set. */
export function generationDate(env: Readonly<Record<string, string | undefined>> = process.env): Date {
    const epoch = env.SOURCE_DATE_EPOCH;
    if (epoch === undefined || epoch === '') {
        return new Date();
    }
    if (!/^\d{1,12}$/.test(epoch.trim())) {
        throw new GenerationDateError(`SOURCE_DATE_EPOCH=${epoch}: expected a whole number of seconds since 1970-01-01`);
    }
    return new Date(Number(epoch.trim()) * 1000);
}

/** `1 December 2026, 21:58 UTC`. */
export function generatedInWords(date: Date): string {
    const iso = date.toISOString();
    return `${dateInWords(iso.slice(0, 10))}, ${iso.slice(11, 16)} UTC`;
}

/** The first 12 hex digits, for running heads: enough to tell two versions apart at a glance. */
export function shortHash(sha256: string): string {
    return sha256.slice(0, 12);
}

/** The document control facts: file, hash, date, version. */
export function controlFacts(signOff: SignOff, full: boolean): FactsBlock {
    const facts: Array<[string, string]> = [
        ['Contract file', signOff.file],
        ['SHA-256', full ? signOff.sha256 : `${shortHash(signOff.sha256)}…`],
        ['Generated', generatedInWords(signOff.generated)]
    ];
    if (signOff.toolVersion) {
        facts.push(['Tool', `aco ${signOff.toolVersion}`]);
    }
    return { kind: 'facts', facts, className: full ? 'document-control' : 'document-control compact' };
}

/** The sign-off section: what the signatures attest to, the full hash, and a line per party. */
export function signOffBlocks(model: ContractModel, signOff: SignOff | undefined, subject = 'contract'): Block[] {
    const blocks: Block[] = [heading('Sign-off', 'sign-off')];
    if (!signOff) {
        blocks.push(paragraph(`This copy carries no content hash of the ${subject} file, so it cannot be tied to one version of it: generate it with \`aco summary\` from the file.`));
    } else {
        blocks.push(paragraph(
            `The signatures below approve the ${subject} whose file has the SHA-256 shown (check a copy with `,
            { strong: `sha256sum ${path.basename(signOff.file)}` },
            '); a file with any other hash is a different version. The figures here are the settlement engine\'s for those terms.'
        ));
        blocks.push(controlFacts(signOff, true));
    }
    const parties = [model.parties.payer, model.parties.aco].filter((p): p is string => p !== undefined);
    const rows = (parties.length > 0 ? parties : ['', '']).map((party) => [party ? `For ${party}` : 'For', '', '', '', '']);
    blocks.push({
        kind: 'table',
        caption: 'Approval',
        columns: [left('Party'), left('Name'), left('Title'), left('Signature'), left('Date')],
        rows,
        className: 'approval'
    });
    return blocks;
}
