/**
 * Sums that must come out right are reported on the parts that make them, each naming the
 * others, and the rebalancing fix on any of those parts makes the sum exactly 100%.
 */
import { describe, expect, test } from 'vitest';
import { actionsFor, applied, check, listed } from './diagnostics-and-fixes.js';

function quality(measures: string): string {
    return `contract "Q" {\n    quality {\n${measures}\n    }\n}\n`;
}

describe('measure weights that do not sum to 100%', () => {
    const text = quality([
        '        measure BCS "Breast cancer screening" {\n            target 75%\n            weight 50%\n        }',
        '        measure CBP "Blood pressure" {\n            target 70%\n            weight 30%\n        }',
        '        measure READM "Readmissions" {\n            lower is better\n            target 14%\n            weight 15%\n        }'
    ].join('\n'));

    test('underline every weight line, each naming the others', async () => {
        const { coded, at } = await check(text);
        const errors = coded('weights-sum');
        expect(errors.map(at)).toEqual(['weight 50%', 'weight 30%', 'weight 15%']);
        expect(errors.every(e => e.severity === 1)).toBe(true);
        expect(errors[0].message).toBe('Measure weights sum to 95%, not 100% (BCS 50% + CBP 30% + READM 15%).');
        expect(errors[0].relatedInformation?.map(r => r.message)).toEqual(['CBP: weight 30%', 'READM: weight 15%']);
        expect(errors[2].relatedInformation?.map(r => r.message)).toEqual(['BCS: weight 50%', 'CBP: weight 30%']);
    });

    test('a measure without a weight is underlined at its ID, as counting 0%', async () => {
        const { coded, at } = await check(quality('        measure A "a" { target 80% weight 60% }\n        measure B "b" { target 80% }'));
        const errors = coded('weights-sum');
        expect(errors.map(at)).toEqual(['weight 60%', 'B']);
        expect(errors[1].message).toMatch(/^B has no weight, so it counts 0%: measure weights sum to 60%/);
    });

    test('rebalancing is offered once on each weight line and sums to exactly 100%', async () => {
        const { document, coded } = await check(text);
        const errors = coded('weights-sum');
        for (const error of errors) {
            const actions = await actionsFor(document, [error]);
            expect(actions.map(a => a.title)).toEqual(['Rebalance weights to 100%']);
        }
        const all = await actionsFor(document, errors);
        expect(all).toHaveLength(1);
        expect(all[0].diagnostics).toHaveLength(3);
        const fixed = applied(document, all[0]);
        // 50 : 30 : 15 scaled to 100 is 52.631…, 31.578…, 15.789…; the hundredths left go to the largest remainders.
        expect([...fixed.matchAll(/weight ([\d.]+)%/g)].map(m => m[1])).toEqual(['52.63', '31.58', '15.79']);
        expect((await check(fixed)).coded('weights-sum')).toEqual([]);
    });

    test('thirds rebalance to 33.34%, 33.33% and 33.33%', async () => {
        const { document, coded } = await check(quality('        measure A "a" { target 80% weight 10% }\n        measure B "b" { target 80% weight 10% }\n        measure C "c" { target 80% weight 10% }'));
        const [action] = await actionsFor(document, coded('weights-sum'));
        const fixed = applied(document, action);
        expect([...fixed.matchAll(/weight ([\d.]+)%/g)].map(m => m[1])).toEqual(['33.34', '33.33', '33.33']);
        expect((await check(fixed)).all).toEqual([]);
    });

    test('a measure without a weight gets the part the others leave', async () => {
        const { document, coded } = await check(quality('        measure A "a" {\n            target 80%\n            weight 60%\n        }\n        measure B "b" {\n            target 80%\n        }'));
        const [action] = await actionsFor(document, coded('weights-sum').slice(0, 1));
        const fixed = applied(document, action);
        expect(fixed).toContain('        measure B "b" {\n            target 80%\n            weight 40%\n        }');
        expect(listed((await check(fixed)).all)).toEqual([]);
    });

    test('weights that sum to 100% are silent', async () => {
        const { coded } = await check(quality('        measure A "a" { target 80% weight 60% }\n        measure B "b" { target 80% weight 40% }'));
        expect(coded('weights-sum')).toEqual([]);
    });
});

describe('fixed shares that do not sum to 100%', () => {
    const text = (shares: [string, string]): string => `contract "S" {
    providers {
        provider A "Alpha" {
            share ${shares[0]}
        }
        provider B "Beta" {
            share ${shares[1]}
        }
    }
    distribution {
        remainder by fixed shares
    }
}
`;

    test('underline every share line, each naming the others, and rebalance them', async () => {
        const { document, coded, at } = await check(text(['60%', '30%']));
        const errors = coded('shares-sum');
        expect(errors.map(at)).toEqual(['share 60%', 'share 30%']);
        expect(errors[0].message).toBe('Provider shares sum to 90%, not 100%, but the remainder is split by fixed shares (A 60% + B 30%).');
        expect(errors[1].relatedInformation?.map(r => r.message)).toEqual(['A: share 60%']);
        const actions = await actionsFor(document, [errors[1]]);
        expect(actions.map(a => a.title)).toEqual(['Rebalance shares to 100%']);
        const fixed = applied(document, actions[0]);
        expect([...fixed.matchAll(/share ([\d.]+)%/g)].map(m => m[1])).toEqual(['66.67', '33.33']);
        expect(listed((await check(fixed)).all)).toEqual([]);
    });

    test('shares that sum to 100% are silent', async () => {
        expect((await check(text(['60%', '40%']))).coded('shares-sum')).toEqual([]);
    });
});

describe('attributed lives above the assigned beneficiaries', () => {
    const text = (third: string): string => `contract "A" {
    population {
        assigned beneficiaries 10,000
    }
    providers {
        provider A "Alpha" { attributed 6,000 }
        provider B "Beta" { attributed 3,000 }
        provider C "Gamma" { attributed ${third} }
        provider D "Delta" { attributed 500 }
    }
}
`;

    test('underline the providers that push the total over, naming the assigned beneficiaries and the others', async () => {
        const { coded, at } = await check(text('1,500'));
        const errors = coded('attributed-exceeds-assigned');
        // 6,000 + 3,000 = 9,000 fits; C takes it to 10,500 and D to 11,000.
        expect(errors.map(at)).toEqual(['attributed 1,500', 'attributed 500']);
        expect(errors[0].message).toBe("C's 1,500 attributed lives take the providers' total to 10,500, more than the 10,000 assigned beneficiaries (11,000 in all).");
        expect(errors[0].relatedInformation?.map(r => r.message)).toEqual([
            '10,000 assigned beneficiaries', 'A: 6,000 attributed', 'B: 3,000 attributed', 'D: 500 attributed'
        ]);
    });

    test('lives within the assigned beneficiaries are silent', async () => {
        expect((await check(text('500'))).coded('attributed-exceeds-assigned')).toEqual([]);
    });
});

describe('shares of one side that do not sum to 100%', () => {
    test('rebalancing changes that side\'s shares only', async () => {
        const text = `contract "S" {
    providers {
        provider A "Alpha" {
            share of savings 60%
            share of losses 50%
        }
        provider B "Beta" {
            share of savings 30%
            share of losses 50%
        }
    }
    distribution {
        remainder of savings by fixed shares
        remainder of losses by fixed shares
    }
}
`;
        const { document, coded } = await check(text);
        const errors = coded('shares-sum');
        expect(errors.length).toBeGreaterThan(0);
        const actions = await actionsFor(document, errors.slice(0, 1));
        expect(actions.map(a => a.title)).toEqual(['Rebalance shares to 100%']);
        const fixed = applied(document, actions[0]);
        expect([...fixed.matchAll(/share of (\w+) ([\d.]+)%/g)].map(m => `${m[1]} ${m[2]}`)).toEqual(['savings 66.67', 'losses 50', 'savings 33.33', 'losses 50']);
        expect((await check(fixed)).coded('shares-sum')).toEqual([]);
    });
});

describe('a sum over many parts', () => {
    test('names at most 20 others on each part, and the first dozen in the message', async () => {
        const measures = Array.from({ length: 30 }, (_, i) => `        measure M${i + 1} "m" { target 80% weight 3% }`).join('\n');
        const { coded } = await check(quality(measures));
        const errors = coded('weights-sum');
        expect(errors).toHaveLength(30);
        expect(errors.every(e => (e.relatedInformation?.length ?? 0) === 20)).toBe(true);
        expect(errors[0].message).toBe('Measure weights sum to 90%, not 100% (M1 3% + M2 3% + M3 3% + M4 3% + M5 3% + M6 3% + M7 3% + M8 3% + M9 3% + M10 3% + M11 3% + M12 3% + 18 more).');
    });
});
