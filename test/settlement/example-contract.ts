/**
 * The LANGUAGE.md example contract ("Riverside Health Partners — MSSP ENHANCED 2025") as a model,
 * with the source lines of the clauses as they stand in that page. Used by the tests and the
 * settlement benchmark until they can parse the text itself.
 */
import type { ContractModel, MeasureTerm } from '../../language/model/contract-model.js';
import { contract, d, pct } from './model-builder.js';

function measure(line: number, id: string, name: string, lowerIsBetter: boolean, threshold: string, target: string): MeasureTerm {
    return { id, name, lowerIsBetter, threshold: pct(threshold), target: pct(target), weight: pct(25), line };
}

export function exampleModel(): ContractModel {
    return contract({
        name: 'Riverside Health Partners — MSSP ENHANCED 2025',
        currency: 'USD',
        rounding: { mode: 'half-up', unit: 'cents' },
        parties: { payer: 'Centers for Medicare & Medicaid Services', aco: 'Riverside Health Partners ACO, LLC' },
        term: { start: '2025-01-01', end: '2029-12-31', months: 12 },
        population: {
            attribution: 'prospective',
            beneficiaries: d(12500),
            beneficiariesLine: 19,
            minimumBeneficiaries: d(5000),
            benchmark: { amount: d('1050.00'), basis: 'per member per month', line: 21 }
        },
        providers: [
            { id: 'RPC', name: 'Riverside Primary Care', tin: '12-3456789', role: 'primary care', attributed: d(6200), line: 25 },
            { id: 'LFM', name: 'Lakeside Family Medicine', role: 'primary care', attributed: d(4100), line: 30 },
            { id: 'SMH', name: "St. Mary's Hospital", role: 'hospital', attributed: d(2200), line: 34 }
        ],
        capitation: {
            lines: [
                { service: 'primary care', rate: d('42.00'), providerId: 'RPC', line: 41 },
                { service: 'primary care', rate: d('38.50'), providerId: 'LFM', line: 42 }
            ],
            withhold: { rate: pct(2), line: 43 }
        },
        savings: {
            minimumRate: { kind: 'fixed', rate: pct(2), line: 47 },
            sharing: { kind: 'rate', rate: pct(75), line: 48 },
            qualityAdjustment: 'scaled',
            qualityAdjustmentLine: 49,
            basis: 'first dollar',
            cap: { rate: pct(20), line: 50 },
            sequestration: { rate: pct(2), line: 51 }
        },
        losses: {
            line: 54,
            minimumRate: { kind: 'fixed', rate: pct(2), line: 55 },
            sharing: { kind: 'complement', floor: pct(40), ceiling: pct(75), line: 56 },
            cap: { rate: pct(15), line: 57 }
        },
        quality: {
            standard: { rate: pct(40), line: 61 },
            measures: [
                measure(62, 'HBA1C', 'Diabetes: HbA1c poor control (>9%)', true, '20', '15'),
                measure(68, 'BCS', 'Breast cancer screening', false, '65', '75'),
                measure(73, 'CBP', 'Controlling high blood pressure', false, '60', '72'),
                measure(78, 'READM', 'All-cause hospital readmission', true, '16', '14.5')
            ]
        },
        distribution: { line: 86, reserve: { rate: pct(25), line: 87 }, key: 'attributed lives', keyLine: 88 },
        scenarios: [
            {
                name: 'Expected year',
                line: 91,
                expenditure: { kind: 'per member per month', amount: d('1018.50'), line: 92 },
                results: new Map([
                    ['HBA1C', pct('16.2')],
                    ['BCS', pct(71)],
                    ['CBP', pct(66)],
                    ['READM', pct('15.1')]
                ]),
                expectations: [
                    { kind: 'earned', amount: d('2135818.13'), line: 97 },
                    { kind: 'provider', providerId: 'RPC', amount: d('794524.35'), line: 98 }
                ]
            }
        ],
        uncertainty: {
            line: 101,
            overTerm: false,
            expenditure: { kind: 'expenditure normal', mean: pct(97), sd: pct('2.5') },
            quality: { kind: 'uniform', low: pct(70), high: pct(95) },
            trials: 100_000,
            seed: 7
        }
    });
}
