/**
 * Finding and reading contract files for the CLI. Every way a path can be unusable (missing, a
 * directory without contracts, binary, not UTF-8, too large) becomes a one-line `InputError`,
 * which the CLI prints and turns into exit status 2.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Contracts are term sheets: anything this large is not one, and would only stall the parser. */
export const MAX_CONTRACT_BYTES = 10 * 1024 * 1024;

export class InputError extends Error {}

export interface ContractFile {
    /** The path as the user should see it (relative to the working directory when inside it). */
    display: string;
    absolute: string;
    text: string;
}

/** The path as the user should see it: relative to the working directory when inside it. */
export function displayPath(absolute: string): string {
    const relative = path.relative(process.cwd(), absolute);
    return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : absolute;
}

/** Expands directories to every `*.aco` file below them (sorted, skipping node_modules and dot folders). */
export function collectContractPaths(inputs: readonly string[]): string[] {
    if (inputs.length === 0) {
        throw new InputError('no contract given: name one or more .aco files or directories');
    }
    const found: string[] = [];
    for (const input of inputs) {
        const absolute = path.resolve(input);
        const stat = statInput(input, absolute);
        if (stat.isDirectory()) {
            const contracts = walk(absolute);
            if (contracts.length === 0) {
                throw new InputError(`${input}: no .aco contracts in this directory`);
            }
            found.push(...contracts);
        } else if (stat.isFile()) {
            found.push(absolute);
        } else {
            throw new InputError(`${input}: not a regular file`);
        }
    }
    return [...new Set(found)];
}

function statInput(input: string, absolute: string): fs.Stats {
    try {
        return fs.statSync(absolute);
    } catch {
        throw new InputError(`${input}: no such file or directory`);
    }
}

/** Reads exactly one contract file (for `summary` and `diff`): a directory or a missing file is bad input. */
export function readOneContract(input: string, command: string): ContractFile {
    const absolute = path.resolve(input);
    const stat = statInput(input, absolute);
    if (stat.isDirectory()) {
        throw new InputError(`${input}: ${command} takes one contract file, not a directory`);
    }
    if (!stat.isFile()) {
        throw new InputError(`${input}: not a regular file`);
    }
    return readContract(absolute);
}

function walk(directory: string): string[] {
    const result: string[] = [];
    const entries = fs.readdirSync(directory, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
        if (entry.name.startsWith('.') || entry.name === 'node_modules') {
            continue;
        }
        const full = path.join(directory, entry.name);
        if (entry.isDirectory()) {
            result.push(...walk(full));
        } else if (entry.isFile() && entry.name.endsWith('.aco')) {
            result.push(full);
        }
    }
    return result;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads one contract, refusing what is not a UTF-8 text file of sensible size. */
export function readContract(absolute: string): ContractFile {
    const display = displayPath(absolute);
    const size = fs.statSync(absolute).size;
    if (size > MAX_CONTRACT_BYTES) {
        throw new InputError(`${display}: ${(size / 1024 / 1024).toFixed(1)} MB is too large for a contract (the limit is ${MAX_CONTRACT_BYTES / 1024 / 1024} MB)`);
    }
    let bytes: Buffer;
    try {
        bytes = fs.readFileSync(absolute);
    } catch (error) {
        throw new InputError(`${display}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`);
    }
    if (bytes.includes(0)) {
        throw new InputError(`${display}: a binary file, not a contract`);
    }
    let text: string;
    try {
        text = utf8.decode(bytes);
    } catch {
        throw new InputError(`${display}: not UTF-8 text`);
    }
    return { display, absolute, text: text.replace(/^\uFEFF/, '') };
}
