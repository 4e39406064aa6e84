/**
 * The rules of today's programs, each on both sides of its condition, written as contract text
 * and settled through the parser, the model builder (which applies the presets) and the engine:
 * the alternative quality standard, the half rate below the minimum savings rate, the guardrail,
 * the health equity benchmark adjustment, REACH sequestration, and REACH global 2026.
 */
import { describe, expect, it } from 'vitest';
import { Dec } from '../../language/decimal.js';
import { buildModel } from '../../language/model/build-model.js';
import { settle } from '../../language/settlement/index.js';
import type { Settlement } from '../../language/settlement/settlement-types.js';
import { codesOf, errorsOf, textAt, validate, warningsOf } from '../helpers.js';
import { parseContract } from './parse-contract.js';

function settleText(text: string, scenario = 0): Settlement {
    const model = buildModel(parseContract(text));
    return settle(model, model.scenarios[scenario]);
}

function stepKeys(settlement: Settlement): string[] {
    return settlement.steps.map((step) => step.step);
}

/** A PY2024 ENHANCED year on a $100,000,000 benchmark, elected 2% MSR/MLR. */
function enhanced2024(scenario: string): string {
    return `contract "ENHANCED" {
    program MSSP ENHANCED year 2024
    population { assigned beneficiaries 10,000 benchmark $100,000,000 total }
    shared savings { minimum savings rate 2% }
    shared losses { minimum loss rate 2% }
    quality { standard 77.05% }
    scenario "Year" {
${scenario}
    }
}
`;
}

describe('alternative quality standard (MSSP from 2023)', () => {
    it('shares at rate × score when the standard is missed but the alternative standard is met', () => {
        // G = 5,000,000 (5%); FSR 75% × 74% = 55.5%: 2,775,000; sequestration 2%: 2,719,500.
        const result = settleText(enhanced2024('expenditure $95,000,000 total\nquality score 74%\nalternative standard met'));
        expect(result.qualityStandardMet).toBe(false);
        expect(result.finalSharingRate?.toString()).toBe('0.555');
        expect(result.earned.toString()).toBe('2719500');
        const step = result.steps.find((s) => s.step === 'alternative standard');
        expect(step?.explanation).toBe(
            'The quality standard was missed but the alternative standard was met (program preset), so savings are shared on the sliding scale: the sharing rate × quality score 74.00%.'
        );
        expect(result.steps.find((s) => s.step === 'final sharing rate')?.explanation).toContain('75.00% (program preset) × quality score 74.00% = 55.50%');
    });

    it('shares nothing when neither standard is met, and ENHANCED then owes 75% of losses', () => {
        const savings = settleText(enhanced2024('expenditure $95,000,000 total\nquality score 74%\nalternative standard not met'));
        expect(savings.earned.isZero()).toBe(true);
        expect(stepKeys(savings)).toContain('quality gate');
        // Loss of 5,000,000 (5%): LQ 0 → 1 − 75% × 0 = 100%, lowered to the 75% ceiling: −3,750,000.
        const losses = settleText(enhanced2024('expenditure $105,000,000 total\nquality score 74%\nalternative standard not met'));
        expect(losses.lossSharingRate?.toString()).toBe('0.75');
        expect(losses.earned.toString()).toBe('-3750000');
    });

    it('counts the score for losses when the alternative standard is met', () => {
        // LQ = 74%: 1 − 75% × 74% = 44.5%, within 40–75%: −2,225,000.
        const losses = settleText(enhanced2024('expenditure $105,000,000 total\nquality score 74%\nalternative standard met'));
        expect(losses.lossSharingRate?.toString()).toBe('0.445');
        expect(losses.earned.toString()).toBe('-2225000');
    });

    it('is not supplied before 2023, where meeting only the alternative standard shares nothing', () => {
        const text = enhanced2024('expenditure $95,000,000 total\nquality score 74%\nalternative standard met').replace('year 2024', 'year 2022');
        expect(buildModel(parseContract(text)).quality.alternativeStandard).toBeUndefined();
        expect(settleText(text).earned.isZero()).toBe(true);
    });

    it('gives full rate under the gate when the standard itself is met', () => {
        // Q 80% ≥ 77.05%: gate, 75% in full: 3,750,000 × 98% = 3,675,000.
        const result = settleText(enhanced2024('expenditure $95,000,000 total\nquality score 80%'));
        expect(result.earned.toString()).toBe('3675000');
        expect(stepKeys(result)).not.toContain('alternative standard');
    });

    it('warns where an alternative verdict has nothing to act on, and flags the term before 2023', async () => {
        const early = enhanced2024('expenditure $95,000,000 total\nquality score 74%\nalternative standard met').replace('year 2024', 'year 2022');
        const result = await validate(early);
        const noEffect = result.diagnostics.find((d) => d.code === 'no-effect');
        expect(noEffect && textAt(result.document, noEffect)).toBe('alternative standard met');
        const written = await validate(early.replace('quality { standard 77.05% }', 'quality { standard 77.05% alternative standard scaled }'));
        const disallowed = written.diagnostics.find((d) => d.code === 'preset-disallowed');
        expect(disallowed?.message).toMatch(/alternative quality standard and its sliding scale began in performance year 2023/);
        expect(codesOf(written)).not.toContain('no-effect');
        expect(codesOf(await validate(enhanced2024('expenditure $95,000,000 total\nquality score 74%\nalternative standard met')))).not.toContain('no-effect');
    });
});

/** A BASIC B year: one-sided, 40% sharing, the variable MSR at N. */
function basic(options: { year?: number; beneficiaries: string; revenue?: 'low' | 'high'; start: string; expenditure: string; quality?: string }): string {
    return `contract "BASIC" {
    program MSSP BASIC B year ${options.year ?? 2024}
    term { start ${options.start} end 2028-12-31 }
    population {
        assigned beneficiaries ${options.beneficiaries}
        benchmark $100,000,000 total
        ${options.revenue ? `revenue category ${options.revenue}` : ''}
    }
    scenario "Year" { expenditure ${options.expenditure} total quality score ${options.quality ?? '90%'} }
}
`;
}

describe('half rate below the minimum savings rate (BASIC, agreements from 2024)', () => {
    // 1% savings, below the variable MSR at 5,000 (3.9%): half of 40% = 20% of $1,000,000 = 200,000, × 98% = 196,000.
    const below = { beneficiaries: '5,000', revenue: 'low' as const, start: '2024-01-01', expenditure: '$99,000,000' };

    it('applies with low revenue, 5,000 beneficiaries and an agreement starting 2024-01-01', () => {
        const result = settleText(basic(below));
        expect(result.earned.toString()).toBe('196000');
        expect(result.finalSharingRate?.toString()).toBe('0.2');
        const step = result.steps.find((s) => s.step === 'minimum savings rate');
        expect(step?.explanation).toContain('at half the final sharing rate, as the program provides for a low-revenue BASIC B ACO with at least 5,000 assigned beneficiaries in an agreement starting on or after 2024-01-01');
    });

    it('does not apply with 4,999 beneficiaries', () => {
        const model = buildModel(parseContract(basic({ ...below, beneficiaries: '4,999' })));
        expect(model.savings.halfRateBelowMinimum).toBeUndefined();
    });

    it('does not apply to an agreement that started in 2023', () => {
        const result = settleText(basic({ ...below, start: '2023-01-01' }));
        expect(result.earned.isZero()).toBe(true);
    });

    it('does not apply with high revenue or an unstated revenue category', () => {
        expect(settleText(basic({ ...below, revenue: 'high' })).earned.isZero()).toBe(true);
        expect(settleText(basic({ ...below, revenue: undefined })).earned.isZero()).toBe(true);
    });

    it('does not apply before performance year 2024', () => {
        expect(buildModel(parseContract(basic({ ...below, year: 2023 }))).savings.halfRateBelowMinimum).toBeUndefined();
    });

    it('leaves savings at or above the minimum at the full rate', () => {
        // 5% ≥ 3.9%: 40% × 5,000,000 = 2,000,000 × 98% = 1,960,000.
        expect(settleText(basic({ ...below, expenditure: '$95,000,000' })).earned.toString()).toBe('1960000');
    });

    it('written out under conditions the program does not meet, warns with the program rule', async () => {
        const text = basic({ ...below, revenue: 'high' }).replace('    scenario', '    shared savings { below minimum savings rate share half }\n    scenario');
        const result = await validate(text);
        const warning = warningsOf(result).find((d) => d.code === 'preset-override');
        expect(warning?.message).toMatch(/only for low-revenue BASIC ACOs .* at least 5,000 assigned beneficiaries, in agreements starting on or after 2024-01-01/);
        expect(warning && textAt(result.document, warning)).toBe('below minimum savings rate share half');
        // It still takes effect as written.
        expect(settleText(text).earned.toString()).toBe('196000');
    });
});

describe('guardrail (MSSP from 2024)', () => {
    it('shares no savings when it applies', () => {
        const result = settleText(enhanced2024('expenditure $95,000,000 total\nquality score 80%\nguardrail applies'));
        expect(result.earned.isZero()).toBe(true);
        expect(result.steps.find((s) => s.step === 'guardrail')?.explanation).toMatch(/the guardrail applies, so no savings are shared/);
    });

    it('leaves losses owed as usual', () => {
        // Q 80% met: 1 − 75% × 80% = 40%: −2,000,000 on a 5,000,000 loss.
        const result = settleText(enhanced2024('expenditure $105,000,000 total\nquality score 80%\nguardrail applies'));
        expect(result.earned.toString()).toBe('-2000000');
    });

    it('is flagged in a year before it existed', async () => {
        const result = await validate(enhanced2024('expenditure $95,000,000 total\nquality score 80%\nguardrail applies').replace('year 2024', 'year 2023'));
        expect(result.diagnostics.find((d) => d.code === 'preset-disallowed')?.message).toMatch(/guardrail began in performance year 2024/);
    });
});

/** A REACH year on a stated final benchmark (discount and withhold at 0%, as CMS publishes it). */
function reach(option: 'global' | 'professional', year: number, body: string, scenario: string): string {
    return `contract "REACH" {
    program REACH ${option} year ${year}
    population {
        benchmark $100,000,000 total
        discount 0%
        ${body}
    }
    shared savings { quality withhold 0% of benchmark }
    scenario "Year" { ${scenario} }
}
`;
}

describe('REACH', () => {
    it('sequesters 2% of positive savings in every year, never losses', () => {
        for (const year of [2021, 2022, 2023, 2024, 2025]) {
            // 10% savings, inside the 25% first global corridor at 100%: 10,000,000 × 98%.
            expect(settleText(reach('global', year, '', 'expenditure $90,000,000 total')).earned.toString(), String(year)).toBe('9800000');
        }
        // Loss of 10%: 100% of it, unsequestered.
        expect(settleText(reach('global', 2024, '', 'expenditure $110,000,000 total')).earned.toString()).toBe('-10000000');
        // Professional 2021: 5% × 50% + 3% × 35% of 100M = 3,550,000 × 98% = 3,479,000.
        expect(settleText(reach('professional', 2021, '', 'expenditure $92,000,000 total')).earned.toString()).toBe('3479000');
    });

    it('adds the health equity benchmark adjustment after the withhold, total or per member per month', () => {
        // B = 100,000,000 − 413,280 = 99,586,720; G = 9,586,720 × 98% = 9,394,985.60.
        const total = settleText(reach('global', 2023, 'health equity benchmark adjustment -$413,280 total', 'expenditure $90,000,000 total'));
        expect(total.benchmark.toString()).toBe('99586720');
        expect(total.earned.toString()).toBe('9394985.6');
        expect(total.steps.find((s) => s.step === 'health equity adjustment')?.explanation).toBe(
            'Health equity benchmark adjustment -$413,280.00 lowers the benchmark to $99,586,720.00.'
        );
        // $5 PMPM × 1,000 × 12 = 60,000 added.
        const perMember = settleText(reach('global', 2023, 'assigned beneficiaries 1,000\n        health equity benchmark adjustment $5 per member per month', 'expenditure $90,000,000 total'));
        expect(perMember.benchmark.toString()).toBe('100060000');
    });

    it('needs no loss cap', async () => {
        const result = await validate(reach('global', 2024, '', 'expenditure $90,000,000 total'));
        expect(codesOf(result)).not.toContain('missing-loss-cap');
        expect(errorsOf(result)).toEqual([]);
    });

    it('flags a minimum savings rate, and the health equity adjustment before 2023', async () => {
        const msr = await validate(reach('global', 2024, '', 'expenditure $90,000,000 total').replace('shared savings {', 'shared savings { minimum savings rate 2%'));
        expect(msr.diagnostics.find((d) => d.code === 'preset-disallowed')?.message).toMatch(/ACO REACH has no minimum savings or loss rate/);
        const heba = await validate(reach('global', 2022, 'health equity benchmark adjustment $1,000 total', 'expenditure $90,000,000 total'));
        expect(heba.diagnostics.find((d) => d.code === 'preset-disallowed')?.message).toMatch(/began in 2023/);
        const fine = await validate(reach('global', 2023, 'health equity benchmark adjustment $1,000 total', 'expenditure $90,000,000 total'));
        expect(codesOf(fine)).not.toContain('preset-disallowed');
    });

    it('global 2026: an error until the corridors are written, then settles on them', async () => {
        const bare = `contract "R26" {
    program REACH global year 2026
    population { benchmark $100,000,000 total }
    scenario "Year" { expenditure $95,000,000 total quality score 100% }
}
`;
        const missing = await validate(bare);
        const errors = errorsOf(missing).filter((d) => d.code === 'corridors-required');
        expect(errors).toHaveLength(2);
        expect(errors[0].message).toMatch(/first global corridor ends at 10% \(100% to the ACO\)/);
        const written = bare.replace('    scenario', `    shared savings {
        corridor up to 10% share 100%
        corridor 10% to 25% share 50%
        corridor over 25% share 25%
    }
    shared losses {
        corridor up to 10% share 100%
        corridor 10% to 25% share 50%
        corridor over 25% share 25%
    }
    scenario`);
        const valid = await validate(written);
        expect(errorsOf(valid)).toEqual([]);
        // B1 = 96,500,000 (3.5% discount); W 5% = 4,825,000 earned back in full (Q 100%): B 96,500,000.
        // G 1,500,000 inside the first corridor: 1,500,000 × 98% = 1,470,000.
        const result = settleText(written);
        expect(result.benchmark.toString()).toBe('96500000');
        expect(result.earned.toString()).toBe('1470000');
        const offFirst = await validate(written.replaceAll('corridor up to 10% share 100%\n        corridor 10% to 25%', 'corridor up to 12% share 100%\n        corridor 12% to 25%'));
        expect(warningsOf(offFirst).some((d) => d.code === 'preset-override' && /first REACH global corridor/.test(String(d.message)))).toBe(true);
    });
});

describe('MSSP departures the program does not allow', () => {
    it('flags a benchmark discount and a health equity adjustment under MSSP', async () => {
        const text = enhanced2024('expenditure $95,000,000 total\nquality score 80%')
            .replace('benchmark $100,000,000 total }', 'benchmark $100,000,000 total discount 1% health equity benchmark adjustment $5 total }');
        const result = await validate(text);
        const messages = result.diagnostics.filter((d) => d.code === 'preset-disallowed').map((d) => textAt(result.document, d));
        expect(messages).toEqual(['discount 1%', 'health equity benchmark adjustment $5 total']);
    });

    it('says what the program rule is when a written rate departs from it', async () => {
        const result = await validate(enhanced2024('expenditure $95,000,000 total\nquality score 80%').replace('shared savings { minimum savings rate 2% }', 'shared savings { minimum savings rate 2% sharing rate 60% }'));
        expect(result.diagnostics.find((d) => d.code === 'preset-override')?.message).toBe(
            "The MSSP ENHANCED (2024) preset sets the sharing rate at 75%; this contract's 60% departs from the program's published rules."
        );
    });
});

describe('exact figures', () => {
    it('keep the half rate exact on odd figures', () => {
        // 1.23456789% of 100M = 1,234,567.89 × 20% = 246,913.578 × 98% = 241,975.30644 → 241,975.31.
        const result = settleText(basic({ beneficiaries: '5,000', revenue: 'low', start: '2024-01-01', expenditure: '$98,765,432.11' }));
        expect(result.earnedExact.equals(new Dec('1234567.89').times('0.2').times('0.98'))).toBe(true);
        expect(result.earned.toString()).toBe('241975.31');
    });
});
