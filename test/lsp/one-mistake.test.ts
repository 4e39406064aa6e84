/**
 * One mistake is reported once: a stray character, a missing `%` or a stray `}` gives one error,
 * not the parser's recovery guesses and the checks of the sections it cut; separate mistakes in
 * separate sections are each reported.
 */
import * as fs from 'node:fs';
import { describe, expect, test } from 'vitest';
import { errorsOf, validate } from '../helpers.js';

const spec = fs.readFileSync(new URL('../data/spec-contract.aco', import.meta.url), 'utf-8');

async function errors(text: string): Promise<string[]> {
    const result = await validate(text);
    return errorsOf(result).map(d => `${d.range.start.line + 1}: ${d.message}`);
}

const lineOf = (needle: string) => spec.split('\n').findIndex(l => l.includes(needle)) + 1;

describe('one mistake, one error', () => {
    test('a stray `}` in a measure: no "after the end of the contract", no bogus weights or targets', async () => {
        const found = await errors(spec.replace('threshold 65%', 'threshold 65%}'));
        expect(found).toHaveLength(1);
        expect(found[0]).toMatch(/Expected '}'/);
        expect(found.join('\n')).not.toMatch(/after the end of the contract|weights sum|needs a target/);
    });

    test('a percent without its sign: the syntax error alone, not the weights it leaves short', async () => {
        expect(await errors(spec.replace('            weight 25%', '            weight 25'))).toEqual([
            `${lineOf('weight 25%')}: Expected a percent but found '25': write 25% (percents carry the % sign).`
        ]);
    });

    test('a stray character and a misspelt keyword each give one error', async () => {
        expect(await errors(spec.replace('sharing rate 75%', 'sharing rate 75%%'))).toHaveLength(1);
        expect(await errors(spec.replace('minimum savings rate 2%', 'minimum savings rat 2%'))).toHaveLength(1);
        expect(await errors(spec.replace('    shared savings {', '    shared savings {{'))).toHaveLength(1);
    });

    test('separate mistakes in separate sections are each reported, with the checks of the sections they did not touch', async () => {
        const text = spec
            .replace('benchmark $1,050.00 per member per month', 'benchmark $1,050.00 per member per fortnight')
            .replace('reserve 25% for infrastructure', 'reserve 125% for infrastructure')
            .replace('expect earned $2,135,818.13', 'expect earned 12');
        const found = await errors(text);
        expect(found.map(f => Number(f.split(':')[0]))).toEqual([lineOf('benchmark $1,050.00'), lineOf('reserve 25%'), lineOf('expect earned')]);
        expect(found[1]).toContain('125%');
    });
});
