/** The program presets of SETTLEMENT.md and the MSSP variable minimum savings rate table. */
import { describe, expect, it } from 'vitest';
import { Dec } from '../../language/decimal.js';
import type { MsspTrack, ProgramPreset } from '../../language/model/contract-model.js';
import { msspVariableMinimumRate, presetNeedsWrittenCorridors, presetProblem, presetTerms, programLabel } from '../../language/settlement/presets.js';

const mssp = (track: MsspTrack, year: number): ProgramPreset => ({ program: 'MSSP', track, year, line: 3 });

describe('MSSP variable minimum savings rate', () => {
    it('interpolates inside bands with the band end as divisor', () => {
        const rate = (n: number) => msspVariableMinimumRate(new Dec(n));
        expect(rate(9139)!.minus('0.030860861').abs().lessThan('1e-9')).toBe(true);
        expect(rate(34601)!.minus('0.023539851').abs().lessThan('1e-9')).toBe(true);
        expect(rate(77372)!.toString()).toBe('0.02');
        expect(rate(4999)).toBeUndefined();
        expect(rate(5000)!.toString()).toBe('0.039');
        expect(rate(5999)!.toString()).toBe('0.036');
        expect(rate(6000)!.toString()).toBe('0.036');
        expect(rate(14999)!.toString()).toBe('0.027');
        expect(rate(49999)!.toString()).toBe('0.022');
        expect(rate(59999)!.toString()).toBe('0.02');
        expect(rate(60000)!.toString()).toBe('0.02');
    });

    it('never rises as the population grows', () => {
        let previous = msspVariableMinimumRate(new Dec(5000))!;
        for (let n = 5001; n <= 61000; n += 7) {
            const rate = msspVariableMinimumRate(new Dec(n))!;
            expect(rate.lessThanOrEqualTo(previous)).toBe(true);
            previous = rate;
        }
    });
});

describe('MSSP presets', () => {
    it('one-sided track 1: 50% scaled, 10% cap, variable MSR, 2% sequestration', () => {
        const terms = presetTerms(mssp('1', 2018));
        expect(terms.losses).toBeUndefined();
        expect(terms.savings.minimumRate).toEqual({ kind: 'variable', line: 3, fromPreset: true });
        expect(terms.savings.sharing).toMatchObject({ kind: 'rate', line: 3, fromPreset: true });
        expect(terms.savings.sharing?.kind === 'rate' && terms.savings.sharing.rate.toString()).toBe('0.5');
        expect(terms.savings.cap?.rate.toString()).toBe('0.1');
        expect(terms.savings.qualityAdjustment).toBe('scaled');
        expect(terms.savings.sequestration?.rate.toString()).toBe('0.02');
        expect(terms.savings.sequestration?.fromPreset).toBe(true);
        expect(terms.minimumBeneficiaries?.toString()).toBe('5000');
    });

    it('suspends sequestration in 2019 and 2020, and gates quality from 2021', () => {
        expect(presetTerms(mssp('1', 2019)).savings.sequestration?.rate.toString()).toBe('0');
        expect(presetTerms(mssp('BASIC B', 2020)).savings.sequestration?.rate.toString()).toBe('0');
        expect(presetTerms(mssp('BASIC B', 2021)).savings.sequestration?.rate.toString()).toBe('0.02');
        expect(presetTerms(mssp('ENHANCED', 2020)).savings.qualityAdjustment).toBe('scaled');
        expect(presetTerms(mssp('ENHANCED', 2021)).savings.qualityAdjustment).toBe('gate');
    });

    it('two-sided tracks: loss rates and caps, no minimum rate (the contract states it)', () => {
        const enhanced = presetTerms(mssp('ENHANCED', 2024));
        expect(enhanced.savings.minimumRate).toBeUndefined();
        expect(enhanced.losses?.twoSided).toBe(true);
        expect(enhanced.losses?.sharing).toMatchObject({ kind: 'complement', fromPreset: true });
        const sharing = enhanced.losses?.sharing;
        expect(sharing?.kind === 'complement' && [sharing.floor.toString(), sharing.ceiling.toString()]).toEqual(['0.4', '0.75']);
        expect(enhanced.losses?.cap?.rate.toString()).toBe('0.15');
        expect(enhanced.savings.cap?.rate.toString()).toBe('0.2');

        const two = presetTerms(mssp('2', 2016)).losses?.sharing;
        expect(two?.kind === 'complement' && two.ceiling.toString()).toBe('0.6');

        const basicC = presetTerms(mssp('BASIC C', 2021));
        expect(basicC.losses?.sharing?.kind === 'rate' && basicC.losses.sharing.rate.toString()).toBe('0.3');
        expect([basicC.losses?.cap?.rate.toString(), basicC.losses?.revenueCap?.rate.toString()]).toEqual(['0.01', '0.02']);
        const basicD = presetTerms(mssp('BASIC D', 2021));
        expect([basicD.losses?.cap?.rate.toString(), basicD.losses?.revenueCap?.rate.toString()]).toEqual(['0.02', '0.04']);
        const plus = presetTerms(mssp('1+', 2019));
        expect([plus.losses?.cap?.rate.toString(), plus.losses?.revenueCap?.rate.toString()]).toEqual(['0.04', '0.08']);
        expect(presetTerms(mssp('BASIC A', 2021)).savings.sharing).toMatchObject({ kind: 'rate' });
        expect(presetTerms(mssp('BASIC A', 2021)).losses).toBeUndefined();
    });
});

describe('REACH presets', () => {
    it('global: corridors on savings and losses, quality none, 2% withhold, 2% sequestration, discount by year', () => {
        const terms = presetTerms({ program: 'REACH', option: 'global', year: 2024, line: 2 });
        expect(terms.savings.qualityAdjustment).toBe('none');
        expect(terms.savings.minimumRate).toBeUndefined();
        expect(terms.savings.sequestration?.rate.toString()).toBe('0.02');
        expect(terms.savings.cap).toBeUndefined();
        expect(terms.savings.qualityWithhold?.rate.toString()).toBe('0.02');
        expect(terms.discount?.rate.toString()).toBe('0.03');
        const corridors = terms.savings.sharing?.kind === 'corridors' ? terms.savings.sharing.corridors : [];
        expect(corridors.map((c) => [c.lower.toString(), c.upper?.toString(), c.share.toString()])).toEqual([
            ['0', '0.25', '1'],
            ['0.25', '0.35', '0.5'],
            ['0.35', '0.5', '0.25'],
            ['0.5', undefined, '0.1']
        ]);
        expect(terms.losses?.sharing?.kind).toBe('corridors');
        expect(presetTerms({ program: 'REACH', option: 'global', year: 2025, line: 2 }).discount?.rate.toString()).toBe('0.035');
        expect(presetTerms({ program: 'REACH', option: 'global', year: 2026, line: 2 }).discount?.rate.toString()).toBe('0.035');
        expect(terms.losses?.cap).toBeUndefined();
    });

    it('GPDC years 2021–2022: 2% discount and a 5% withhold; 2023–2025: 3% then 3.5% and 2%', () => {
        const byYear = [2021, 2022, 2023, 2024, 2025, 2026].map((year) => {
            const terms = presetTerms({ program: 'REACH', option: 'global', year, line: 2 });
            return [year, terms.discount?.rate.toString(), terms.savings.qualityWithhold?.rate.toString(), terms.savings.sequestration?.rate.toString()];
        });
        expect(byYear).toEqual([
            [2021, '0.02', '0.05', '0.02'],
            [2022, '0.02', '0.05', '0.02'],
            [2023, '0.03', '0.02', '0.02'],
            [2024, '0.03', '0.02', '0.02'],
            [2025, '0.035', '0.02', '0.02'],
            [2026, '0.035', '0.05', '0.02']
        ]);
        const professional2022 = presetTerms({ program: 'REACH', option: 'professional', year: 2022, line: 2 });
        expect(professional2022.discount).toBeUndefined();
        expect(professional2022.savings.qualityWithhold?.rate.toString()).toBe('0.05');
    });

    it('global 2026 supplies no corridors: the contract must write them', () => {
        const global2026 = { program: 'REACH', option: 'global', year: 2026, line: 2 } as const;
        expect(presetTerms(global2026).savings.sharing).toBeUndefined();
        expect(presetTerms(global2026).losses?.sharing).toBeUndefined();
        expect(presetNeedsWrittenCorridors(global2026)).toBe(true);
        expect(presetNeedsWrittenCorridors({ ...global2026, year: 2025 })).toBe(false);
        expect(presetNeedsWrittenCorridors({ ...global2026, option: 'professional' })).toBe(false);
    });

    it('professional: its own corridors and no discount', () => {
        const terms = presetTerms({ program: 'REACH', option: 'professional', year: 2023, line: 2 });
        expect(terms.discount).toBeUndefined();
        const corridors = terms.savings.sharing?.kind === 'corridors' ? terms.savings.sharing.corridors : [];
        expect(corridors.map((c) => c.share.toString())).toEqual(['0.5', '0.35', '0.15', '0.05']);
        expect(corridors.map((c) => c.upper?.toString())).toEqual(['0.05', '0.1', '0.15', undefined]);
    });
});

describe('presetProblem', () => {
    it('accepts the combinations that existed', () => {
        for (const program of [mssp('1', 2013), mssp('2', 2021), mssp('3', 2016), mssp('1+', 2018), mssp('BASIC E', 2025), mssp('ENHANCED', 2019), mssp('ENHANCED', 2026), mssp('BASIC A', 2026)]) {
            expect(presetProblem(program), programLabel(program)).toBeUndefined();
        }
        expect(presetProblem({ program: 'REACH', option: 'professional', year: 2023, line: 1 })).toBeUndefined();
        expect(presetProblem({ program: 'REACH', option: 'global', year: 2021, line: 1 })).toBeUndefined();
        expect(presetProblem({ program: 'REACH', option: 'global', year: 2026, line: 1 })).toBeUndefined();
    });

    it('explains the ones that did not', () => {
        expect(presetProblem(mssp('BASIC C', 2013))).toBe('MSSP BASIC C began in performance year 2019; it did not exist in 2013.');
        expect(presetProblem(mssp('3', 2015))).toMatch(/track 3 began in performance year 2016/);
        expect(presetProblem(mssp('1', 2022))).toMatch(/track 1 ended after performance year 2021/);
        expect(presetProblem(mssp('ENHANCED', 2030))).toMatch(/2013–2026; 2030 is outside/);
        expect(presetProblem(mssp('ENHANCED', 2027))).toMatch(/2013–2026; 2027 is outside/);
        expect(presetProblem({ program: 'REACH', option: 'global', year: 2020, line: 1 })).toMatch(/2021–2026; 2020 is outside/);
        expect(presetProblem({ program: 'REACH', option: 'global', year: 2027, line: 1 })).toMatch(/2021–2026; 2027 is outside/);
    });

    it('labels programs as the language writes them', () => {
        expect(programLabel(mssp('1+', 2018))).toBe('MSSP track 1+ year 2018');
        expect(programLabel(mssp('BASIC C', 2021))).toBe('MSSP BASIC C year 2021');
        expect(programLabel({ program: 'REACH', option: 'global', year: 2024, line: 1 })).toBe('REACH global year 2024');
    });
});
