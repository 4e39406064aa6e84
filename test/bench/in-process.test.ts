/**
 * The portfolio benchmark's in-process figure: the CLI's own reports, made in process over the
 * CLI's own chunks, for every file of a folder; and those chunks, which a run hands out in order.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { inProcess } from '../../bench/in-process.js';
import { chunksOf } from '../../language/cli/report-pool.js';

const examples = path.resolve(__dirname, '../../examples');
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'aco-in-process-'));
for (const name of ['mssp-track1-2018.aco', 'reach-global-2024.aco', 'nhs-integrated-care.aco']) {
    fs.copyFileSync(path.join(examples, name), path.join(folder, name));
}
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

describe('the CLI\'s reports made in process', () => {
    test('validate and simulate report on every contract of the folder, in two timed passes', async () => {
        for (const command of ['validate', 'simulate']) {
            const result = await inProcess(command, folder);
            expect(result).toMatchObject({ command, files: 3 });
            expect(result.coldMs).toBeGreaterThan(0);
            expect(result.warmMs).toBeGreaterThan(0);
            // A number, and more than nothing (NaN fails this too).
            expect(result.coldCpuMs).toBeGreaterThan(0);
            // The breakdown names every phase in build order and stays within the pass it breaks down.
            expect(Object.keys(result.coldPhasesMs)).toEqual(['parse', 'exports', 'scopes', 'linking', 'reference index', 'validation', 'reports and release']);
            const phases = Object.values(result.coldPhasesMs).reduce((sum, ms) => sum + ms, 0);
            expect(phases).toBeLessThanOrEqual(result.coldMs);
        }
    });

    test('another command, or a folder without contracts, is refused by name', async () => {
        await expect(inProcess('format', folder)).rejects.toThrow('--in-process takes validate or simulate, not format');
        await expect(inProcess('validate', path.join(folder, 'missing'))).rejects.toThrow('missing: no such file or directory');
    });
});

describe('the chunks of a run', () => {
    const file = (i: number, size = 100) => ({ display: `${i}.aco`, absolute: `/${i}.aco`, text: 'x'.repeat(size) });

    test('at most 64 files each, in file order', () => {
        const files = Array.from({ length: 130 }, (_, i) => file(i));
        const chunks = chunksOf(files);
        expect(chunks.map(c => c.files.length)).toEqual([64, 64, 2]);
        expect(chunks.flatMap(c => c.files)).toEqual(files);
    });

    test('a chunk ends once it holds 512 KB', () => {
        const chunks = chunksOf([file(0, 300 * 1024), file(1, 300 * 1024), file(2), file(3)]);
        expect(chunks.map(c => c.files.map(f => f.display))).toEqual([['0.aco', '1.aco'], ['2.aco', '3.aco']]);
    });
});
