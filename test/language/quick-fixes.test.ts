/**
 * Quick fixes that fix: syntax errors that propose the figure, mistyped IDs that offer the
 * closest declared ones first, declaration stubs that validate, every failing `expect` updated
 * in one action, year numbers, and the preset's terms written out with their figures. Each test
 * applies the fix and checks what the author then sees.
 */
import { describe, expect, test } from 'vitest';
import { aco } from '../helpers.js';
import { actionsFor, applied, check, listed } from './diagnostics-and-fixes.js';

/** The first scenario's earned figure, as the engine settles the contract. */
async function earned(text: string): Promise<string> {
    const { document } = await check(text);
    return aco.analysis.ContractAnalyzer.analyze(document)!.settlement(0)!.earned.toFixed(2);
}

describe('syntax errors propose the figure meant, and the fix writes it', () => {
    test.each([
        ['sharing rate 0.75', "Expected a percent but found '0.75': write 75% (0.75 as a fraction is 75%).", 'Write 75%', 'sharing rate 75%'],
        ['sharing rate 75', "Expected a percent but found '75': write 75% (percents carry the % sign).", 'Write 75%', 'sharing rate 75%'],
        ['sharing rate 50% cap 0.2 of benchmark', "Expected a percent but found '0.2': write 20% (0.2 as a fraction is 20%).", 'Write 20%', 'cap 20% of benchmark'],
        ['minimum savings rate 0.5 sharing rate 50%', "Expected a percent or 'variable' but found '0.5': write 0.5% (percents carry the % sign).", 'Write 0.5%', 'minimum savings rate 0.5%']
    ])('%s', async (lines, message, title, fixedLine) => {
        const text = `contract "S" {\n    shared savings { ${lines} }\n}\n`;
        const { document, coded } = await check(text);
        // The first error is the figure; the parser's recovery may add others after it.
        const errors = coded('syntax-error').slice(0, 1);
        expect(errors.map(e => e.message)).toEqual([message]);
        const actions = await actionsFor(document, errors);
        expect(actions.map(a => a.title)).toEqual([title]);
        const fixed = applied(document, actions[0]);
        expect(fixed).toContain(fixedLine);
        expect((await check(fixed)).coded('syntax-error')).toEqual([]);
    });

    test('a money figure without its symbol proposes the contract currency\'s symbol', async () => {
        const text = 'contract "S" {\n    currency GBP\n    population { assigned beneficiaries 10,000 benchmark 1,050.00 per member per month }\n}\n';
        const { document, coded, at } = await check(text);
        const [error] = coded('syntax-error');
        expect(error.message).toBe("Expected a money amount or a percent but found '1,050.00': write £1,050.00 (amounts carry the currency's symbol).");
        expect(at(error)).toBe('1,050.00');
        const [action] = await actionsFor(document, [error]);
        expect(action.title).toBe('Write £1,050.00');
        expect(listed((await check(applied(document, action))).all)).toEqual([]);
    });

    test('a dollar contract proposes $', async () => {
        const { coded } = await check('contract "S" {\n    scenario "s" { savings 2% expect earned 12 }\n}\n');
        expect(coded('syntax-error').map(e => e.message)).toContain("Expected a money amount but found '12': write $12 (amounts carry the currency's symbol).");
    });
});

describe('a mistyped ID', () => {
    const text = `contract "T" {
    providers {
        provider CVP "Cedar Valley Physicians" { attributed 100 }
        provider NRC "North Ridge Clinic" { attributed 100 }
    }
    capitation {
        primary care $40 per member per month paid to CPV
    }
}
`;

    test('is named with the closest declared ID, offered first as a change', async () => {
        const { document, coded } = await check(text);
        const [error] = coded('unknown-provider');
        expect(error.message).toBe("Unknown provider 'CPV': no provider with this ID is declared in the providers section. Did you mean CVP?");
        const actions = await actionsFor(document, [error]);
        expect(actions.map(a => [a.title, a.isPreferred])).toEqual([['Change to CVP', true], ['Declare provider CPV', false]]);
        const fixed = applied(document, actions[0]);
        expect(fixed).toContain('paid to CVP');
        expect(listed((await check(fixed)).all)).toEqual([]);
    });

    test('ranks several candidates closest first, and a difference of case before all', async () => {
        const measures = 'quality {\n        measure BCS "b" { target 70% weight 40% }\n        measure BSC2 "c" { target 70% weight 30% }\n        measure bsc "d" { target 70% weight 30% }\n    }';
        const { document, coded } = await check(`contract "M" {\n    ${measures}\n    scenario "s" { savings 2% result BSC 70% result BCS 70% result BSC2 70% result bsc 70% }\n}\n`);
        const [error] = coded('unknown-measure');
        const actions = await actionsFor(document, [error]);
        expect(actions.map(a => a.title)).toEqual(['Change to bsc', 'Change to BCS', 'Change to BSC2', 'Declare measure BSC']);
    });

    test('far from every declared ID offers only the declaration', async () => {
        const { document, coded } = await check(text.replace('paid to CPV', 'paid to XYZ'));
        const [error] = coded('unknown-provider');
        expect(error.message).not.toContain('Did you mean');
        expect((await actionsFor(document, [error])).map(a => a.title)).toEqual(['Declare provider XYZ']);
    });
});

describe('declaring an unknown ID writes a stub that validates', () => {
    test('a provider, with attributed lives where the remainder is split by them', async () => {
        const text = `contract "D" {
    population {
        assigned beneficiaries 1,000
        benchmark $1,000 per member per month
    }
    providers {
        provider A "Alpha" {
            attributed 600
        }
    }
    shared savings {
        minimum savings rate 3%
        sharing rate 50%
    }
    distribution {
        remainder by attributed lives
    }
    scenario "s" {
        savings 4%
        expect provider B receives $0
    }
}
`;
        const { document, coded } = await check(text);
        const actions = await actionsFor(document, coded('unknown-provider'));
        expect(actions.map(a => a.title)).toEqual(['Declare provider B']);
        const fixed = applied(document, actions[0]);
        expect(fixed).toContain('        provider B "B" {\n            role other\n            attributed 0\n        }\n    }');
        expect(listed((await check(fixed)).all.filter(d => d.severity === 1))).toEqual([]);
    });

    test('a provider, with a share where the remainder is split by fixed shares', async () => {
        const text = 'contract "D" {\n    population {\n        benchmark $10,000,000 total\n    }\n    providers {\n        provider A "Alpha" {\n            share 100%\n        }\n    }\n    distribution {\n        remainder by fixed shares\n    }\n    scenario "s" {\n        savings 4%\n        expect provider B receives $0\n    }\n}\n';
        const { document, coded } = await check(text);
        const [action] = await actionsFor(document, coded('unknown-provider'));
        const fixed = applied(document, action);
        expect(fixed).toContain('provider B "B" {\n            role other\n            share 0%\n        }');
        expect((await check(fixed)).all.filter(d => d.severity === 1)).toEqual([]);
    });

    test('a measure, with a weight that keeps the sum and a result in every scenario that lists them', async () => {
        const text = `contract "D" {
    population {
        benchmark $10,000,000 total
    }
    quality {
        measure BCS "Breast cancer screening" {
            target 75%
            weight 100%
        }
    }
    scenario "one" {
        savings 4%
        result BCS 70%
        result NEW 50%
    }
    scenario "two" {
        savings 2%
        result BCS 72%
    }
}
`;
        const { document, coded } = await check(text);
        const [action] = await actionsFor(document, coded('unknown-measure'));
        expect(action.title).toBe('Declare measure NEW');
        const fixed = applied(document, action);
        expect(fixed).toContain('        measure NEW "NEW" {\n            target 80%\n            weight 0%\n        }');
        expect(fixed).toContain('        result BCS 72%\n        result NEW 0%\n    }');
        expect(listed((await check(fixed)).all.filter(d => d.severity === 1))).toEqual([]);
    });
});

describe('failing expectations', () => {
    const text = `contract "X" {
    population {
        assigned beneficiaries 10,000
        benchmark $1,000 per member per month
    }
    shared savings {
        minimum savings rate 3%
        sharing rate 50%
    }
    scenario "a" {
        savings 4%
        expect earned $1.00
    }
    scenario "b" {
        savings 5%
        expect earned $2.00
    }
}
`;

    test('one action updates every failing expect', async () => {
        const { document, coded } = await check(text);
        const failing = coded('expectation-failed');
        expect(failing).toHaveLength(2);
        const actions = await actionsFor(document, failing.slice(0, 1));
        expect(actions.map(a => a.title)).toEqual(['Expect $2,400,000.00 (the computed figure)', 'Update every failing expect (2)']);
        const fixed = applied(document, actions[1]);
        expect(fixed).toContain('expect earned $2,400,000.00');
        expect(fixed).toContain('expect earned $3,000,000.00');
        expect((await check(fixed)).coded('expectation-failed')).toEqual([]);
    });

    test('with one failing expect, only that one is offered', async () => {
        const { document, coded } = await check(text.replace('$2.00', '$3,000,000.00'));
        const actions = await actionsFor(document, coded('expectation-failed'));
        expect(actions.map(a => a.title)).toEqual(['Expect $2,400,000.00 (the computed figure)']);
    });
});

describe('a calendar year written as a performance year', () => {
    test('changes to the performance year it is in the term', async () => {
        const text = 'contract "Y" {\n    term { start 2025-01-01 end 2027-12-31 }\n    population { assigned beneficiaries 10,000 benchmark $1,000 per member per month trend 3% per year }\n    shared savings { minimum savings rate 3% sharing rate 50% }\n    scenario "s" { savings 4% year 2026 }\n}\n';
        const { document, coded } = await check(text);
        const errors = coded('calendar-year-as-index');
        expect(errors).toHaveLength(1);
        const [action] = await actionsFor(document, errors);
        expect(action.title).toBe('Change to year 2');
        const fixed = applied(document, action);
        expect(fixed).toContain('savings 4% year 2 }');
        expect(listed((await check(fixed)).all)).toEqual([]);
    });
});

describe('writing out the preset\'s terms', () => {
    async function writeOut(text: string): Promise<{ title: string; fixed: string }> {
        const { document } = await check(text);
        const line = text.split('\n').findIndex(l => l.includes('program '));
        const actions = await actionsFor(document, [], { start: { line, character: 6 }, end: { line, character: 6 } });
        expect(actions).toHaveLength(1);
        return { title: actions[0].title, fixed: applied(document, actions[0]) };
    }

    test('MSSP ENHANCED: the rates, caps and rules it supplies, with the same settlement and no new diagnostics', async () => {
        const text = `contract "Enhanced" {
    program MSSP ENHANCED year 2024
    population {
        assigned beneficiaries 18,640
        benchmark $1,012.40 per member per month
    }
    shared savings {
        minimum savings rate 2%
    }
    quality {
        standard 77.05%
    }
    scenario "Year" {
        expenditure $979.85 per member per month
        quality score 82.75%
    }
}
`;
        const { title, fixed } = await writeOut(text);
        expect(title).toBe('Write out the terms MSSP ENHANCED year 2024 supplies');
        expect(fixed).toBe(`contract "Enhanced" {
    program MSSP ENHANCED year 2024
    population {
        assigned beneficiaries 18,640
        benchmark $1,012.40 per member per month
        minimum assigned beneficiaries 5,000
    }
    shared savings {
        minimum savings rate 2%
        sharing rate 75%
        quality adjustment gate
        sharing basis first dollar
        cap 20% of benchmark
        sequestration 2%
    }
    shared losses {
        sharing rate 1 - final sharing rate between 40% and 75%
        cap 15% of benchmark
    }
    quality {
        standard 77.05%
        alternative standard scaled
    }
    scenario "Year" {
        expenditure $979.85 per member per month
        quality score 82.75%
    }
}
`);
        expect(listed((await check(fixed)).all)).toEqual(listed((await check(text)).all));
        expect(await earned(fixed)).toBe(await earned(text));
    });

    test('REACH global: the corridors, discount, withhold and sequestration', async () => {
        const text = 'contract "Reach" {\n    program REACH global year 2024\n    population {\n        assigned beneficiaries 24,815\n        benchmark $1,185.60 per member per month\n    }\n    scenario "Year" {\n        savings 4%\n        quality score 90%\n    }\n}\n';
        const { fixed } = await writeOut(text);
        for (const line of ['discount 3%', 'corridor up to 25% share 100%', 'corridor 25% to 35% share 50%', 'corridor 35% to 50% share 25%', 'corridor over 50% share 10%',
            'quality adjustment none', 'quality withhold 2% of benchmark', 'sequestration 2%']) {
            expect(fixed).toContain(line);
        }
        expect(listed((await check(fixed)).all)).toEqual([]);
        expect(await earned(fixed)).toBe(await earned(text));
    });

    test('BASIC C for a low-revenue ACO: the half rate, and the revenue cap noted until revenue is given', async () => {
        const text = 'contract "Basic" {\n    program MSSP BASIC C year 2025\n    term {\n        start 2025-01-01\n        end 2029-12-31\n    }\n    population {\n        assigned beneficiaries 8,412\n        benchmark $962.15 per member per month\n        revenue category low\n    }\n    shared savings {\n        minimum savings rate 2%\n    }\n    scenario "Year" {\n        savings 1.4%\n        quality score 81%\n    }\n}\n';
        const { fixed } = await writeOut(text);
        expect(fixed).toContain('below minimum savings rate share half');
        expect(fixed).toContain('sharing rate 30%');
        expect(fixed).toContain('cap 1% of benchmark');
        expect(fixed).toContain('// cap 2% of revenue, with participant revenue MONEY (the smaller cap binds)');
        expect(listed((await check(fixed)).all)).toEqual([]);
        expect(await earned(fixed)).toBe(await earned(text));
    });

    test('is not offered away from the program line, nor once every term is written', async () => {
        const text = 'contract "R" {\n    program REACH professional year 2024\n    population { benchmark $1,000,000 total }\n}\n';
        const { document } = await check(text);
        expect(await actionsFor(document, [], { start: { line: 2, character: 4 }, end: { line: 2, character: 4 } })).toEqual([]);
        const { fixed } = await writeOut(text);
        const again = await check(fixed);
        expect(await actionsFor(again.document, [], { start: { line: 1, character: 6 }, end: { line: 1, character: 6 } })).toEqual([]);
    });
});
