import * as fs from 'node:fs';
import { describe, expect, test } from 'vitest';
import * as ast from '../../language/generated/ast.js';
import { parseMoneyText, parseNumberText, parsePercentText } from '../../language/values.js';
import { contract, errorsOf, parse, validate } from '../helpers.js';

const specContract = fs.readFileSync(new URL('../data/spec-contract.aco', import.meta.url), 'utf-8');

function sectionOf<T extends ast.Section>(root: ast.Contract, is: (n: unknown) => n is T): T {
    const found = root.sections.find(is);
    expect(found, 'section present').toBeDefined();
    return found!;
}

describe('lexical forms become exact decimals', () => {
    test.each([
        ['$1,050.00', '$', '1050'],
        ['$42', '$', '42'],
        ['£310.25', '£', '310.25'],
        ['€12', '€', '12'],
        ['$208786842.6', '$', '208786842.6'],
        ['-$1,234.56', '$', '-1234.56']
    ])('money %s', (text, symbol, amount) => {
        expect(parseMoneyText(text)).toEqual({ symbol, amount });
    });

    test.each([
        ['2%', '0.02'], ['14.5%', '0.145'], ['0.5%', '0.005'], ['100%', '1'], ['2.3539851%', '0.023539851'],
        ['-1.5%', '-0.015'], ['0%', '0'], ['150%', '1.5']
    ])('percent %s', (text, fraction) => {
        expect(parsePercentText(text)).toBe(fraction);
    });

    test.each([['12,500', '12500'], ['5000', '5000'], ['1,000,000', '1000000'], ['007', '7']])('count %s', (text, value) => {
        expect(parseNumberText(text)).toBe(value);
    });
});

describe('the whole contract of LANGUAGE.md', () => {
    test('parses and validates without errors', async () => {
        const result = await validate(specContract);
        expect(result.document.parseResult.lexerErrors).toHaveLength(0);
        expect(result.document.parseResult.parserErrors).toHaveLength(0);
        expect(errorsOf(result)).toEqual([]);
    });

    test('every section holds the values written, as exact decimals', async () => {
        const root = (await parse(specContract)).parseResult.value;
        expect(root.name).toBe('Riverside Health Partners — MSSP ENHANCED 2025');
        expect(sectionOf(root, ast.isCurrencyLine).code).toBe('USD');
        expect(sectionOf(root, ast.isRoundingLine)).toMatchObject({ mode: 'half-up', unit: 'cents' });
        const parties = sectionOf(root, ast.isParties).lines;
        expect(parties.map(p => [p.role, p.name])).toEqual([
            ['payer', 'Centers for Medicare & Medicaid Services'], ['aco', 'Riverside Health Partners ACO, LLC']]);
        const term = sectionOf(root, ast.isTerm).lines;
        expect(term.find(ast.isStartLine)?.date).toBe('2025-01-01');
        expect(term.find(ast.isEndLine)?.date).toBe('2029-12-31');
        expect(term.find(ast.isPerformanceYearLine)?.months).toBe('12');
        const population = sectionOf(root, ast.isPopulation).lines;
        expect(population.find(ast.isAttributionLine)?.method).toBe('prospective');
        expect(population.find(ast.isAssignedLine)?.count).toBe('12500');
        expect(population.find(ast.isMinimumAssignedLine)?.count).toBe('5000');
        expect(population.find(ast.isBenchmarkLine)).toMatchObject({ amount: '1050', basis: 'per', period: 'month' });
        const providers = sectionOf(root, ast.isProviders).providers;
        expect(providers.map(p => p.name)).toEqual(['RPC', 'LFM', 'SMH']);
        expect(providers[0].title).toBe('Riverside Primary Care');
        expect(providers[0].lines.find(ast.isTinLine)?.value).toBe('12-3456789');
        expect(providers[0].lines.find(ast.isRoleLine)?.role).toBe('primary');
        expect(providers[2].lines.find(ast.isRoleLine)?.role).toBe('hospital');
        expect(providers[1].lines.find(ast.isAttributedLine)?.count).toBe('4100');
        expect(providers[2].title).toBe("St. Mary's Hospital");
        const capitation = sectionOf(root, ast.isCapitation).lines;
        const first = capitation.find(ast.isCapitationRateLine)!;
        expect(first).toMatchObject({ service: 'primary', amount: '42' });
        expect(first.provider?.ref?.name).toBe('RPC');
        expect(capitation.find(ast.isCapitationWithholdLine)?.rate).toBe('0.02');
        const savings = sectionOf(root, ast.isSharedSavings).lines;
        expect(savings.find(ast.isMinimumSavingsRateLine)?.rate).toBe('0.02');
        expect(savings.find(ast.isSharingRateLine)?.rate).toBe('0.75');
        expect(savings.find(ast.isQualityAdjustmentLine)?.mode).toBe('scaled');
        expect(savings.find(ast.isCapLine)).toMatchObject({ rate: '0.2', base: 'benchmark' });
        expect(savings.find(ast.isSequestrationLine)?.rate).toBe('0.02');
        const losses = sectionOf(root, ast.isSharedLosses).lines;
        expect(losses.find(ast.isMinimumLossRateLine)?.rate).toBe('0.02');
        expect(losses.find(ast.isSharingRateLine)).toMatchObject({ one: '1', floor: '0.4', ceiling: '0.75' });
        expect(losses.find(ast.isCapLine)).toMatchObject({ rate: '0.15', base: 'benchmark' });
        const quality = sectionOf(root, ast.isQuality).lines;
        expect(quality.find(ast.isStandardLine)?.rate).toBe('0.4');
        const measures = quality.filter(ast.isMeasure);
        expect(measures.map(m => m.name)).toEqual(['HBA1C', 'BCS', 'CBP', 'READM']);
        expect(measures[0].title).toBe('Diabetes: HbA1c poor control (>9%)');
        expect(measures[0].lines.find(ast.isDirectionLine)?.direction).toBe('lower');
        expect(measures[3].lines.find(ast.isTargetLine)?.rate).toBe('0.145');
        expect(measures[1].lines.find(ast.isWeightLine)?.rate).toBe('0.25');
        const distribution = sectionOf(root, ast.isDistribution).lines;
        expect(distribution.find(ast.isReserveLine)?.rate).toBe('0.25');
        expect(distribution.find(ast.isRemainderLine)?.key).toBe('attributed');
        const scenario = sectionOf(root, ast.isScenario);
        expect(scenario.name).toBe('Expected year');
        expect(scenario.lines.find(ast.isExpenditureLine)).toMatchObject({ amount: '1018.5', basis: 'per' });
        const results = scenario.lines.filter(ast.isResultLine);
        expect(results.map(r => [r.measure?.ref?.name, r.value])).toEqual([
            ['HBA1C', '0.162'], ['BCS', '0.71'], ['CBP', '0.66'], ['READM', '0.151']]);
        expect(scenario.lines.find(ast.isExpectEarnedLine)?.amount).toBe('2135818.13');
        const expectProvider = scenario.lines.find(ast.isExpectProviderLine)!;
        expect(expectProvider.provider?.ref?.name).toBe('RPC');
        expect(expectProvider.amount).toBe('794524.35');
        const uncertainty = sectionOf(root, ast.isUncertainty).lines;
        expect(uncertainty.find(ast.isExpenditureDistributionLine)).toMatchObject({ mean: '0.97', sd: '0.025' });
        expect(uncertainty.find(ast.isQualityDistributionLine)).toMatchObject({ shape: 'uniform', low: '0.7', high: '0.95' });
        expect(uncertainty.find(ast.isTrialsLine)?.count).toBe('100000');
        expect(uncertainty.find(ast.isSeedLine)?.seed).toBe('7');
    });
});

describe('normative forms beyond the example', () => {
    test.each([
        ['program MSSP track 1 year 2018', { program: 'MSSP', year: '2018' }, { number: '1', plus: false }],
        ['program MSSP track 1+ year 2019', { program: 'MSSP', year: '2019' }, { number: '1', plus: true }],
        ['program MSSP track 2 year 2016', { program: 'MSSP' }, { number: '2' }],
        ['program MSSP track 3 year 2017', { program: 'MSSP' }, { number: '3' }],
        ['program MSSP BASIC C year 2021', { program: 'MSSP', year: '2021' }, { level: 'C' }],
        ['program MSSP BASIC A year 2020', { program: 'MSSP' }, { level: 'A' }],
        ['program MSSP ENHANCED year 2024', { program: 'MSSP', year: '2024' }, { enhanced: true }]
    ])('%s', async (line, expected, track) => {
        const root = (await parse(contract(line))).parseResult.value;
        const program = root.sections.find(ast.isProgramLine)!;
        expect(program).toMatchObject(expected);
        expect(program.track).toMatchObject(track);
    });

    test.each([
        ['program REACH global year 2024', 'global'],
        ['program REACH professional year 2023', 'professional']
    ])('%s', async (line, option) => {
        const root = (await parse(contract(line))).parseResult.value;
        const program = root.sections.find(ast.isProgramLine)!;
        expect(program).toMatchObject({ program: 'REACH', option, year: line.slice(-4) });
        expect(program.track).toBeUndefined();
    });

    test('benchmark and expenditure forms, member months, discount and trend', async () => {
        const root = (await parse(contract(`
            population {
                assigned beneficiaries 10,000
                member months 118,500
                benchmark $12,600 per member per year
                discount 3.5%
                trend 2.5% per year
            }
            scenario "total" { expenditure $150,000,000 total  year 2 }
            scenario "savings" { savings -1.5%  quality score 80%  quality standard not met }
            scenario "disaster" { expenditure $1,100 per member per month  losses reduced by $250,000  losses forgiven 100% quality standard met }
        `))).parseResult.value;
        const population = root.sections.find(ast.isPopulation)!.lines;
        expect(population.find(ast.isMemberMonthsLine)?.count).toBe('118500');
        expect(population.find(ast.isBenchmarkLine)).toMatchObject({ amount: '12600', basis: 'per', period: 'year' });
        expect(population.find(ast.isDiscountLine)?.rate).toBe('0.035');
        expect(population.find(ast.isTrendLine)?.rate).toBe('0.025');
        const [total, savings, disaster] = root.sections.filter(ast.isScenario);
        expect(total.lines.find(ast.isExpenditureLine)).toMatchObject({ amount: '150000000', basis: 'total' });
        expect(total.lines.find(ast.isYearLine)?.year).toBe('2');
        expect(savings.lines.find(ast.isSavingsLine)?.rate).toBe('-0.015');
        expect(savings.lines.find(ast.isQualityScoreLine)?.score).toBe('0.8');
        expect(savings.lines.find(ast.isQualityStandardLine)?.verdict).toBe('not');
        expect(disaster.lines.find(ast.isLossesReducedLine)?.amount).toBe('250000');
        expect(disaster.lines.find(ast.isLossesForgivenLine)?.rate).toBe('1');
        expect(disaster.lines.find(ast.isQualityStandardLine)?.verdict).toBe('met');
    });

    test('corridors, variable rates, basis, withhold, revenue cap', async () => {
        const root = (await parse(contract(`
            shared savings {
                minimum savings rate variable
                corridor up to 25% share 100%
                corridor 25% to 35% share 50%
                corridor over 50% share 10%
                quality adjustment gate
                sharing basis above minimum
                quality withhold 2% of benchmark
            }
            shared losses {
                minimum loss rate variable
                sharing rate 30%
                participant revenue $40,000,000
                cap 8% of revenue
                cap 4% of benchmark
            }
        `))).parseResult.value;
        const savings = root.sections.find(ast.isSharedSavings)!.lines;
        expect(savings.find(ast.isMinimumSavingsRateLine)?.variable).toBe(true);
        expect(savings.filter(ast.isCorridorLine).map(c => [c.from, c.lower, c.upper, c.share])).toEqual([
            ['up', undefined, '0.25', '1'], [undefined, '0.25', '0.35', '0.5'], ['over', '0.5', undefined, '0.1']]);
        expect(savings.find(ast.isQualityAdjustmentLine)?.mode).toBe('gate');
        expect(savings.find(ast.isSharingBasisLine)?.basis).toBe('above');
        expect(savings.find(ast.isQualityWithholdLine)?.rate).toBe('0.02');
        const losses = root.sections.find(ast.isSharedLosses)!.lines;
        expect(losses.find(ast.isMinimumLossRateLine)?.variable).toBe(true);
        expect(losses.find(ast.isParticipantRevenueLine)?.amount).toBe('40000000');
        expect(losses.filter(ast.isCapLine).map(c => [c.rate, c.base])).toEqual([['0.08', 'revenue'], ['0.04', 'benchmark']]);
    });

    test('distribution keys, provider shares, npi, uncertainty forms, tolerances, whole-unit rounding', async () => {
        const root = (await parse(contract(`
            currency GBP
            rounding half-even to whole units
            providers { provider LEAD "Lead Trust" { npi "1234567890" role other share 60% } }
            distribution { reserve 10% for infrastructure remainder by fixed shares }
            scenario "s" { savings 2% expect earned £1,000 within £5 expect provider LEAD receives £540 within £1 }
            uncertainty { savings normal mean 1.5% sd 2% quality score normal mean 80% sd 5% trials 5,000 seed 42 }
        `))).parseResult.value;
        expect(root.sections.find(ast.isRoundingLine)).toMatchObject({ mode: 'half-even', unit: 'whole' });
        const provider = root.sections.find(ast.isProviders)!.providers[0];
        expect(provider.lines.find(ast.isNpiLine)?.value).toBe('1234567890');
        expect(provider.lines.find(ast.isShareLine)?.rate).toBe('0.6');
        expect(root.sections.find(ast.isDistribution)!.lines.find(ast.isRemainderLine)?.key).toBe('fixed');
        const scenario = root.sections.find(ast.isScenario)!;
        expect(scenario.lines.find(ast.isExpectEarnedLine)).toMatchObject({ amount: '1000', tolerance: '5' });
        expect(scenario.lines.find(ast.isExpectProviderLine)).toMatchObject({ amount: '540', tolerance: '1' });
        const uncertainty = root.sections.find(ast.isUncertainty)!.lines;
        expect(uncertainty.find(ast.isSavingsDistributionLine)).toMatchObject({ mean: '0.015', sd: '0.02' });
        expect(uncertainty.find(ast.isQualityDistributionLine)).toMatchObject({ shape: 'normal', mean: '0.8', sd: '0.05' });
        expect(uncertainty.find(ast.isTrialsLine)?.count).toBe('5000');
    });

    test('remainder equally, strings with escapes, comments', async () => {
        const root = (await parse(`/* leading */ contract "A \\"quoted\\" name \\\\ here" { // trailing
            distribution { remainder equally }
        }`)).parseResult.value;
        expect(root.name).toBe('A "quoted" name \\ here');
        expect(root.sections.find(ast.isDistribution)!.lines.find(ast.isRemainderLine)?.key).toBe('equally');
    });
});

describe('keywords do not take ordinary names away', () => {
    test('a provider called Hospital or hospital and a measure called target', async () => {
        const result = await validate(contract(`
            population { assigned beneficiaries 6,000 benchmark $1,000 per member per month }
            providers {
                provider Hospital "General Hospital" { role hospital attributed 100 }
                provider hospital "Another" { role hospital attributed 100 }
                provider MSSP "Named like a program" { role other attributed 100 }
            }
            quality {
                measure target "A measure named target" { threshold 50% target 60% weight 100% }
            }
            capitation { primary care $10 per member per month paid to hospital }
            scenario "s" { savings 3% result target 55% }
        `));
        expect(errorsOf(result)).toEqual([]);
        const root = result.document.parseResult.value;
        expect(root.sections.find(ast.isProviders)!.providers.map(p => p.name)).toEqual(['Hospital', 'hospital', 'MSSP']);
        const scenario = root.sections.find(ast.isScenario)!;
        expect(scenario.lines.find(ast.isResultLine)?.measure?.ref?.title).toBe('A measure named target');
    });
});
