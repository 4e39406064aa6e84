/**
 * The terms in full, after the first page: the financial terms in sentences, the providers and how
 * the pool is divided, capitation, quality, and each scenario in words with who receives what.
 * Source lines are kept out of these tables: they belong to the technical appendix.
 */
import type { Dec } from '../decimal.js';
import type { ContractModel, ScenarioTerms } from '../model/contract-model.js';
import type { Settlement } from '../settlement/settlement-types.js';
import { capitalise, counted, earnedCell, heading, left, paragraph, right } from './blocks.js';
import type { Block, Cell, Inline, TableColumn } from './document.js';
import { count, fixedRate, money, rate, shortRate, statedMoney } from './figures.js';
import { netCash, streamRows } from './payment-streams.js';
import type { BreakEven, MinimumRates } from './probe.js';
import {
    basisInWords, capitationSentences, directionInWords, distributionSentences, listInWords, lossSentences, presetSuppliedTerms,
    qualitySentences, roleInWords, savingsSentences, sharesSavings
} from './terms.js';
import { capital, vocabularyOf } from './vocabulary.js';
import { yearChanges } from './year-terms.js';

export interface TermsInput {
    model: ContractModel;
    settlements: ReadonlyArray<Settlement | undefined>;
    unsettled?: ReadonlyMap<number, string>;
    minimums: MinimumRates;
    breakEvens: readonly BreakEven[];
    /** What the contract is, in sentences (terms.ts `contractSentences`). */
    contractSentences: string[];
}

export function termsBlocks(input: TermsInput): Block[] {
    const { model, settlements, unsettled, minimums } = input;
    const blocks: Block[] = [heading('The terms', 'terms')];
    blocks.push(heading('The contract', 'contract', 3));
    blocks.push(paragraph(input.contractSentences.join(' ')));
    blocks.push(heading('Financial terms', 'financial-terms', 3));
    const items: Inline[][] = [...savingsSentences(model, minimums), ...lossSentences(model, minimums)].map((s) => [s]);
    const preset = presetSuppliedTerms(model);
    if (preset.length > 0) {
        items.push([`The program preset supplies ${listInWords(preset)}; every other term is written in the contract.`]);
    }
    blocks.push({ kind: 'list', items });
    const changes = yearChanges(model);
    if (changes.length > 0) {
        blocks.push(heading('Terms that change by year', 'year-terms', 3));
        blocks.push({ kind: 'list', items: changes.map((c): Inline[] => [{ strong: `From year ${c.year} (${c.label}):` }, ` ${c.sentences.join(' ')}`]) });
    }
    blocks.push(...providerBlocks(model));
    blocks.push(...capitationBlocks(model));
    blocks.push(...qualityBlocks(model));
    blocks.push(...scenarioBlocks(model, settlements, unsettled, input.breakEvens));
    return blocks;
}

function providerBlocks(model: ContractModel): Block[] {
    if (model.providers.length === 0 && !model.distribution) {
        return [];
    }
    const w = vocabularyOf(model);
    const blocks: Block[] = [heading(`${capital(w.participants)} and how the pool is divided`, 'providers', 3)];
    if (model.providers.length > 0) {
        const has = {
            tin: model.providers.some((p) => p.tin !== undefined),
            npi: model.providers.some((p) => p.npi !== undefined),
            attributed: model.providers.some((p) => p.attributed !== undefined),
            share: model.providers.some((p) => p.share !== undefined),
            sided: model.providers.some((p) => p.shareOfSavings !== undefined || p.shareOfLosses !== undefined)
        };
        const columns: TableColumn[] = [left('ID'), left('Provider'), left('Role')];
        if (has.tin) {
            columns.push(left('TIN'));
        }
        if (has.npi) {
            columns.push(left('NPI'));
        }
        if (has.attributed) {
            columns.push(right('Attributed lives'));
        }
        if (has.share) {
            columns.push(right('Fixed share'));
        }
        if (has.sided) {
            columns.push(right('Share of savings'), right('Share of losses'));
        }
        const rows = model.providers.map((p) => {
            const row = [p.id, p.name, roleInWords(p.role)];
            if (has.tin) {
                row.push(p.tin ?? '');
            }
            if (has.npi) {
                row.push(p.npi ?? '');
            }
            if (has.attributed) {
                row.push(p.attributed ? count(p.attributed) : '');
            }
            if (has.share) {
                row.push(p.share ? rate(p.share) : '');
            }
            if (has.sided) {
                row.push(p.shareOfSavings ? rate(p.shareOfSavings) : '', p.shareOfLosses ? rate(p.shareOfLosses) : '');
            }
            return row;
        });
        blocks.push(paragraph(`${capital(w.aco)} has ${counted(model.providers.length, w.participants.replace(/s$/, ''), w.participants)}.`));
        blocks.push({ kind: 'table', caption: 'Providers', columns, rows, className: 'providers' });
    }
    const sentences = distributionSentences(model);
    if (sentences.length > 0) {
        blocks.push(paragraph(sentences.join(' ')));
    }
    return blocks;
}

function capitationBlocks(model: ContractModel): Block[] {
    const capitation = model.capitation;
    if (capitation.lines.length === 0 && !capitation.withhold && !capitation.blockPayment && !model.advanceInvestment) {
        return [];
    }
    const inAdvance = capitation.blockPayment !== undefined || model.advanceInvestment !== undefined;
    const blocks: Block[] = [heading(inAdvance ? 'Capitation and payments in advance' : 'Capitation and withholds', 'capitation', 3)];
    blocks.push(paragraph(capitation.lines.length > 0 ? 'Capitation is paid beside the settlement, not inside the savings calculation. ' : '', capitationSentences(model).join(' ')));
    if (capitation.lines.length > 0) {
        const names = new Map(model.providers.map((p) => [p.id, p.name]));
        blocks.push({
            kind: 'table',
            caption: 'Capitation',
            columns: [left('Service'), left('Paid to'), right(capitalise(basisInWords(model, 'per member per month'))), right('Withhold')],
            rows: capitation.lines.map((line) => [
                capitalise(line.service),
                line.providerId ? `${names.get(line.providerId) ?? line.providerId} (${line.providerId})` : 'every member month',
                statedMoney(line.rate, model),
                capitation.withhold ? rate(capitation.withhold.rate) : '—'
            ]),
            className: 'capitation'
        });
    }
    return blocks;
}

function qualityBlocks(model: ContractModel): Block[] {
    const quality = model.quality;
    const blocks: Block[] = [heading('Quality', 'quality', 3)];
    blocks.push(paragraph(qualitySentences(model).join(' ')));
    if (quality.measures.length > 0) {
        blocks.push({
            kind: 'table',
            caption: 'Quality measures',
            columns: [left('ID'), left('Measure'), left('Direction'), right('Threshold'), right('Target'), right('Weight')],
            rows: quality.measures.map((m) => [
                m.id,
                m.name,
                directionInWords(m),
                m.threshold !== undefined ? rate(m.threshold) : '—',
                m.target !== undefined ? rate(m.target) : '—',
                m.weight !== undefined ? rate(m.weight) : '—'
            ]),
            className: 'measures'
        });
    }
    return blocks;
}

/**
 * The quality sentence of one scenario, consistent with the standard above it: a score below the
 * standard that the scenario states as met says both, and why it counts as met.
 */
export function qualityInWords(settlement: Settlement, model: ContractModel, scenario: ScenarioTerms | undefined): string {
    const standard = model.quality.standard?.rate;
    const score = shortRate(settlement.qualityScore, 2);
    const stated = scenario?.standardVerdict;
    const side = standard
        ? settlement.qualityScore.greaterThanOrEqualTo(standard) ? `, at or above the ${rate(standard)} standard` : `, below the ${rate(standard)} standard`
        : '';
    if (stated) {
        const agrees = !standard || settlement.qualityScore.greaterThanOrEqualTo(standard) === stated.met;
        const verdict = stated.met ? 'met' : 'not met';
        return `The quality score is ${score}${side}; ${agrees ? 'the' : 'but the'} scenario states that the quality standard is ${verdict}, so it counts as ${verdict}.`;
    }
    if (!standard) {
        return `The quality score is ${score}.`;
    }
    if (settlement.qualityStandardMet) {
        return `The quality score is ${score}${side}, so the standard is met.`;
    }
    const alternative = model.quality.alternativeStandard && scenario?.alternativeVerdict?.met === true
        ? '; the alternative standard is met, so savings are shared on the sliding scale'
        : '';
    return `The quality score is ${score}${side}, so the standard is not met${alternative}.`;
}

/** "Spending of $X against a benchmark of $Y is a saving of 3.22% …. The quality score …. The ACO earns **$Z**." */
export function scenarioSentence(settlement: Settlement, model: ContractModel, scenario: ScenarioTerms | undefined): Inline[] {
    const w = vocabularyOf(model);
    const gross = settlement.grossSavings;
    const position = gross.greaterThan(0)
        ? `a saving of ${fixedRate(settlement.savingsRate)} (${money(gross, model)})`
        : gross.lessThan(0)
            ? `an overspend of ${fixedRate(settlement.savingsRate.abs())} (${money(gross.abs(), model)})`
            : `exactly ${w.benchmark}`;
    const parts: Inline[] = [`Spending of ${money(settlement.expenditure, model)} against ${w.benchmark} of ${money(settlement.benchmark, model)} is ${position}. `];
    parts.push(`${qualityInWords(settlement, model, scenario)} `);
    if (settlement.earned.greaterThan(0)) {
        parts.push(`${capital(w.aco)} earns `, { strong: money(settlement.earned, model) }, '.');
    } else if (settlement.earned.lessThan(0)) {
        parts.push(`${capital(w.aco)} owes `, { strong: money(settlement.earned.abs(), model) }, '.');
    } else {
        parts.push(`${capital(w.aco)} `, { strong: 'neither earns nor owes anything' }, '.');
    }
    return parts;
}

/** Streams of the settlement itself: a table of only these says nothing the first page does not. */
const SETTLEMENT_KEYS = new Set(['shared savings', 'owed losses', 'sequestration']);

/** The most scenarios one recipient table shows side by side; more go in a second table. */
const SCENARIOS_PER_TABLE = 4;

function chunks<T>(items: readonly T[], size: number): T[][] {
    const result: T[][] = [];
    for (let index = 0; index < items.length; index += size) {
        result.push(items.slice(index, index + size));
    }
    return result;
}

function scenarioBlocks(model: ContractModel, settlements: ReadonlyArray<Settlement | undefined>, unsettled: ReadonlyMap<number, string> | undefined, points: readonly BreakEven[]): Block[] {
    const blocks: Block[] = [heading('Scenarios', 'scenarios', 3)];
    if (model.scenarios.length === 0) {
        blocks.push(paragraph('The contract has no scenarios.'));
        return blocks;
    }
    const items: Inline[][] = model.scenarios.map((scenario, index) => {
        const settlement = settlements[index];
        const name: Inline = { strong: `${index + 1}. ${scenario.name}.` };
        if (!settlement) {
            return [name, ` This scenario cannot be settled: ${unsettled?.get(index) ?? 'the contract lacks a figure it needs.'}`];
        }
        return [name, ' ', ...scenarioSentence(settlement, model, scenario)];
    });
    blocks.push({ kind: 'list', items });
    blocks.push(...breakEvenTable(model, points));
    blocks.push(...recipientTables(model, settlements));
    blocks.push(paragraph('The technical appendix has every scenario\'s settlement step by step.'));
    return blocks;
}

/** Who receives what in each scenario: the reserve and each provider's share of what is earned or owed, and every payment stream. */
function recipientTables(model: ContractModel, settlements: ReadonlyArray<Settlement | undefined>): Block[] {
    const settled = model.scenarios.map((scenario, index) => ({ scenario, index, settlement: settlements[index] }))
        .filter((s): s is { scenario: ScenarioTerms; index: number; settlement: Settlement } => s.settlement !== undefined);
    const names = new Map(model.providers.map((p) => [p.id, p.name]));
    const blocks: Block[] = [];
    const withDistribution = settled.filter((s) => s.settlement.distribution);
    if (withDistribution.length > 0) {
        const recipients = [...new Set(withDistribution.flatMap((s) => s.settlement.distribution!.providers.map((p) => p.provider)))];
        for (const group of chunks(settled, SCENARIOS_PER_TABLE)) {
            const rows: Cell[][] = [['Reserve for infrastructure', ...group.map((s) => (s.settlement.distribution ? money(s.settlement.distribution.reserve, model) : '—'))]];
            for (const recipient of recipients) {
                rows.push([`${names.get(recipient) ?? recipient} (${recipient})`, ...group.map((s) => {
                    const share = s.settlement.distribution?.providers.find((p) => p.provider === recipient);
                    return share ? money(share.amount, model) : '—';
                })]);
            }
            blocks.push({
                kind: 'table',
                caption: 'Shared savings or losses by recipient',
                columns: [left('Recipient'), ...group.map((s) => right(`${s.index + 1}. ${s.scenario.name}`))],
                rows,
                totals: [['Total', ...group.map((s) => earnedCell(s.settlement.earned, model))]],
                className: 'recipients'
            });
        }
    }
    // Every payment stream of the year, when there is more than the settlement itself.
    const withStreams = settled.filter((s) => streamRows(s.settlement).some((row) => !SETTLEMENT_KEYS.has(row.key.split('|')[0])));
    if (withStreams.length > 0) {
        for (const group of chunks(withStreams, SCENARIOS_PER_TABLE)) {
            const rows = new Map<string, { label: string; kept: boolean; amounts: Map<number, Dec> }>();
            for (const s of group) {
                for (const row of streamRows(s.settlement)) {
                    const entry = rows.get(row.key) ?? { label: row.label, kept: row.kept, amounts: new Map<number, Dec>() };
                    entry.amounts.set(s.index, row.amount);
                    rows.set(row.key, entry);
                }
            }
            blocks.push({
                kind: 'table',
                caption: 'Payments by stream',
                columns: [left('Payment'), ...group.map((s) => right(`${s.index + 1}. ${s.scenario.name}`))],
                rows: [...rows.values()].map((row): Cell[] => [row.label, ...group.map((s): Cell => {
                    const amount = row.amounts.get(s.index);
                    if (amount === undefined) {
                        return '—';
                    }
                    return row.kept ? { text: money(amount, model), tone: 'muted' } : money(amount, model);
                })]),
                totals: [[`Net cash to ${vocabularyOf(model).aco}`, ...group.map((s) => earnedCell(netCash(s.settlement), model))]],
                note: [`Payments to ${vocabularyOf(model).aco} are positive and payments back to ${vocabularyOf(model).payer} negative; what ${vocabularyOf(model).payer} keeps back (grey) never reaches ${vocabularyOf(model).aco} and is not in the net.`],
                className: 'streams'
            });
        }
    }
    return blocks;
}

/**
 * Where sharing starts in each scenario, when the scenarios' figures differ (a trend, a quality
 * withhold): scenarios with the same thresholds share a row, since a table of identical rows
 * says nothing.
 */
function breakEvenTable(model: ContractModel, points: readonly BreakEven[]): Block[] {
    const groups = new Map<string, { scenarios: string[]; point: BreakEven; shared: boolean }>();
    for (const point of points) {
        const key = [point.benchmark, point.savingsAt, point.savingsShared, point.lossesAt ?? '', point.lossesOwed ?? ''].map(String).join('|');
        const group = groups.get(key);
        if (group) {
            group.scenarios.push(point.scenario);
        } else {
            groups.set(key, { scenarios: [point.scenario], point, shared: point.savingsShared });
        }
    }
    const benchmarks = new Set(points.map((p) => p.benchmark.toFixed()));
    if (benchmarks.size <= 1 || !sharesSavings(model)) {
        return [];
    }
    const w = vocabularyOf(model);
    return [{
        kind: 'table',
        caption: 'Where sharing starts, by scenario',
        columns: [left('Scenarios'), right(capital(w.benchmark.replace(/^the /, ''))), right('Savings shared when spending is'), right('Losses owed when spending is')],
        rows: [...groups.values()].map(({ scenarios, point }): Cell[] => [
            scenarios.join('; '),
            money(point.benchmark, model),
            point.savingsShared ? `${point.savingsInclusive ? 'at or below' : 'below'} ${money(point.savingsAt, model)}` : { text: 'never: quality below the standard', tone: 'muted' },
            point.lossesAt === undefined ? 'never (one-sided)' : `${point.lossesInclusive ? 'at or above' : 'above'} ${money(point.lossesAt, model)}${point.lossesOwed ? '' : ' (none owed)'}`
        ]),
        className: 'break-even'
    }];
}
