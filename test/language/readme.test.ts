import * as fs from 'node:fs';
import { describe, expect, test } from 'vitest';
import { validate } from '../helpers.js';

const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf-8');

describe('the README tour', () => {
    test('its contract validates clean and its expectation holds', async () => {
        const block = /```aco\n([\s\S]*?)```/.exec(readme)?.[1];
        expect(block).toBeDefined();
        const result = await validate(block!);
        expect(result.diagnostics.map(d => `${d.code}: ${d.message}`)).toEqual([]);
    });
});
