/**
 * The pre-commit hooks (.pre-commit-hooks.yaml) as pre-commit runs them: each hook's entry with
 * the staged contracts as arguments. A formatted, valid contract passes both; an unformatted one
 * fails `aco-format`; one with an error fails `aco-validate`; files that are not contracts are
 * never passed to them.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const spec = fs.readFileSync(path.join(root, 'test/data/spec-contract.aco'), 'utf-8');

interface Hook {
    id: string;
    entry: string;
    language: string;
    files: string;
}

/** The hooks file is a flat list of `- id:` maps with scalar values: read it as such. */
function readHooks(): Hook[] {
    const text = fs.readFileSync(path.join(root, '.pre-commit-hooks.yaml'), 'utf-8');
    const hooks: Array<Record<string, string>> = [];
    for (const line of text.split('\n')) {
        const item = /^- (\w+): (.*)$/.exec(line);
        const field = /^ {2}(\w+): (.*)$/.exec(line);
        if (item) {
            hooks.push({ [item[1]]: item[2] });
        } else if (field && hooks.length > 0) {
            hooks.at(-1)![field[1]] = field[2];
        }
    }
    return hooks as unknown as Hook[];
}

let folder: string;
const hooks = readHooks();

function runHook(id: string, files: string[]): number | null {
    const hook = hooks.find(h => h.id === id)!;
    const pattern = new RegExp(hook.files);
    const [command, ...args] = hook.entry.split(' ');
    const staged = files.filter(f => pattern.test(f));
    // As pre-commit runs a `script` hook: the entry from the hook repository, in the user's repository.
    return spawnSync(path.join(root, command), [...args, ...staged], { cwd: folder, encoding: 'utf-8' }).status;
}

beforeAll(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'aco-pre-commit-'));
    fs.writeFileSync(path.join(folder, 'good.aco'), spec);
    fs.writeFileSync(path.join(folder, 'messy.aco'), spec.replace('    currency USD', 'currency     USD'));
    fs.writeFileSync(path.join(folder, 'broken.aco'), spec.replace('sharing rate 75%', 'sharing rate 175%'));
    fs.writeFileSync(path.join(folder, 'notes.txt'), 'not a contract {');
});

afterAll(() => {
    fs.rmSync(folder, { recursive: true, force: true });
});

describe('the pre-commit hooks', () => {
    test('are script hooks on .aco files, run through the repository\'s own aco', () => {
        expect(hooks.map(h => h.id)).toEqual(['aco-format', 'aco-validate']);
        for (const hook of hooks) {
            expect(hook.language).toBe('script');
            expect(hook.entry).toMatch(/^scripts\/pre-commit-aco\.sh (format|validate) /);
            expect(new RegExp(hook.files).test('contracts/a.aco')).toBe(true);
            expect(new RegExp(hook.files).test('notes.txt')).toBe(false);
        }
    });

    test('aco-format passes a formatted contract and fails an unformatted one', () => {
        expect(runHook('aco-format', ['good.aco', 'notes.txt'])).toBe(0);
        expect(runHook('aco-format', ['good.aco', 'messy.aco'])).toBe(1);
    });

    test('aco-validate passes a valid contract and fails one with an error', () => {
        expect(runHook('aco-validate', ['good.aco', 'messy.aco', 'notes.txt'])).toBe(0);
        expect(runHook('aco-validate', ['good.aco', 'broken.aco'])).toBe(1);
    });
});
