/**
 * The first page, which must stand alone for a board: the banner (failed expectations, errors,
 * warnings), what the contract is in three sentences, every scenario side by side, the most the
 * ACO can gain or lose at the caps with the term total, where sharing starts, and what the
 * summary does not cover. Every figure is a settlement's (the scenarios', or a probe's).
 */
import type { Dec } from '../decimal.js';
import type { ContractModel } from '../model/contract-model.js';
import type { Settlement } from '../settlement/settlement-types.js';
import { counted, earnedCell, heading, left, paragraph, positionWords, right } from './blocks.js';
import type { Block, Cell, Inline, TableColumn } from './document.js';
import { count, fixedRate, money, rate, shortRate, statedMoney } from './figures.js';
import { yearLabel, type ContractLimits, type Extreme, type TermYears, type YearLimits } from './limits.js';
import { bannerOf, type SummaryNotice } from './notices.js';
import { outsideTheContract } from './scope.js';
import { projectionSentence, type ProjectionOutcome } from './term-totals.js';
import { basisInWords, listInWords, lossSentences, programInWords, savingsSentences, sharesSavings } from './terms.js';
import type { BreakEven, MinimumRates } from './probe.js';
import { capital, vocabularyOf } from './vocabulary.js';
import { yearChanges } from './year-terms.js';

/** What the first page is built from: the input, and the figures the summary asked the engine for once. */
export interface FirstPageInput {
    model: ContractModel;
    settlements: ReadonlyArray<Settlement | undefined>;
    unsettled?: ReadonlyMap<number, string>;
    notices?: readonly SummaryNotice[];
    projections?: readonly ProjectionOutcome[];
    minimums: MinimumRates;
    limits?: ContractLimits;
    term: TermYears;
    breakEvens: readonly BreakEven[];
    yearOneBenchmark?: Dec;
}

export function firstPageBlocks(input: FirstPageInput): Block[] {
    const blocks: Block[] = [bannerOf(input)];
    blocks.push(heading('At a glance', 'at-a-glance'));
    blocks.push(paragraph(...glance(input)));
    blocks.push(...comparisonBlocks(input));
    blocks.push(...limitBlocks(input));
    blocks.push(...breakEvenBlocks(input));
    blocks.push(heading('What this summary does not cover', 'not-covered', 3));
    blocks.push({ kind: 'list', items: outsideTheContract(input.model, input.term) });
    return blocks;
}

/** How long, against what benchmark, and the two sharing terms (the title and subtitle have already named the parties). */
function glance(input: FirstPageInput): Inline[] {
    const { model } = input;
    const w = vocabularyOf(model);
    const years = input.term.years.length;
    const { start, end } = model.term;
    // The subtitle already gives the dates: here, how many years they hold.
    const span = start && end ? ` of ${counted(years, 'performance year')}` : '';
    const program = model.program ? ` under ${programInWords(model.program)}` : '';
    const parts: Inline[] = [`A contract${span}${program}`];
    const stated = model.population.benchmark;
    const people = model.population.beneficiaries;
    if (input.yearOneBenchmark) {
        const per = stated && stated.basis !== 'total' ? `, ${statedMoney(stated.amount, model)} ${basisInWords(model, stated.basis)}` : '';
        const population = people ? ` for ${count(people)} ${w.people}` : '';
        // The stated figure comes before the discount and the withhold: say so, or the tables below seem to disagree.
        const before = [model.population.discount ? `the ${rate(model.population.discount.rate)} discount` : '', model.savings.qualityWithhold ? `the ${rate(model.savings.qualityWithhold.rate)} quality withhold` : '']
            .filter((s) => s !== '');
        const adjusted = before.length > 0 ? ` before ${listInWords(before)}` : '';
        parts.push(`, against ${w.benchmark === 'the budget' ? 'a budget' : 'a benchmark'} of `, { strong: money(input.yearOneBenchmark, model) }, ` a year${population}${per}${adjusted}.`);
    } else {
        parts.push('.');
    }
    // The variable-rate table's name is in the terms; the first page needs only the rate.
    const savings = savingsSentences(model, input.minimums)[0].replace(/ \(the MSSP variable minimum savings rate for [^)]*\)/, '');
    const losses = lossSentences(model, input.minimums)[0];
    const changes = yearChanges(model);
    // Terms that change by year: these are the first year's, and the reader is told so.
    const lead = changes.length > 0 ? ` In the first year, ${savings.charAt(0).toLowerCase()}${savings.slice(1)}` : ` ${savings}`;
    parts.push(`${lead} ${losses}`);
    if (changes.length > 0) {
        const years = changes.map((c) => String(c.year));
        parts.push(` The terms change in ${years.length === 1 ? `year ${years[0]}` : `years ${listInWords(years)}`} (the terms list how).`);
    }
    const projected = projectionSentence(model, input.projections ?? []);
    if (projected) {
        parts.push(' ', { strong: projected });
    }
    return parts;
}

/**
 * The quality score with the standard's verdict as the settlement reached it: `78%, met`,
 * `52%, not met`, `74%, met as stated` (a score below the standard the scenario states as met).
 */
export function qualityCell(settlement: Settlement, model: ContractModel, scenarioIndex: number, withVerdict: boolean): Cell {
    const score = shortRate(settlement.qualityScore, 2);
    if (!withVerdict) {
        return score;
    }
    const scenario = model.scenarios[scenarioIndex];
    const stated = scenario?.standardVerdict !== undefined;
    const alternative = !settlement.qualityStandardMet && scenario?.alternativeVerdict?.met === true && model.quality.alternativeStandard;
    const verdict = settlement.qualityStandardMet ? 'met' : alternative ? 'alternative met' : 'not met';
    return { text: `${score}, ${verdict}${stated ? ' as stated' : ''}`, tone: settlement.qualityStandardMet ? 'pass' : alternative ? 'muted' : 'fail' };
}

/** The scenarios side by side: spending, quality, what the ACO earns or owes, capitation, expectations. */
function comparisonBlocks(input: FirstPageInput): Block[] {
    const { model, settlements } = input;
    if (model.scenarios.length === 0) {
        return [heading('Scenarios side by side', 'comparison', 3), paragraph('The contract has no scenarios, so there are no settled figures to compare.')];
    }
    const w = vocabularyOf(model);
    const settled = settlements.filter((s): s is Settlement => s !== undefined);
    const benchmarks = new Set(settled.map((s) => s.benchmark.toFixed()));
    const showBenchmark = benchmarks.size > 1;
    const showStandard = model.quality.standard !== undefined || model.scenarios.some((s) => s.standardVerdict !== undefined);
    const showCash = settled.some(hasOtherStreams);
    const showChecks = settled.some((s) => s.expectations.length > 0);
    const columns: TableColumn[] = [left('Scenario')];
    if (showBenchmark) {
        columns.push(right(capital(w.benchmark.replace(/^the /, ''))));
    }
    columns.push(right('Spending'), right(`Vs ${w.benchmark.replace(/^the /, '')}`), left(showStandard ? 'Quality, standard' : 'Quality'));
    columns.push(right(`${capital(w.aco.replace(/^the /, ''))} earns`));
    if (showCash) {
        columns.push(right('Net cash'));
    }
    if (showChecks) {
        columns.push(left('Checks'));
    }
    const rows = model.scenarios.map((scenario, index): Cell[] => {
        const settlement = settlements[index];
        if (!settlement) {
            const row: Cell[] = [scenario.name, { text: 'cannot be settled', tone: 'fail' }];
            while (row.length < columns.length) {
                row.push('');
            }
            return row;
        }
        const row: Cell[] = [scenario.name];
        if (showBenchmark) {
            row.push(money(settlement.benchmark, model));
        }
        row.push(money(settlement.expenditure, model), positionWords(settlement.savingsRate), qualityCell(settlement, model, index, showStandard));
        row.push(earnedCell(settlement.earned, model));
        if (showCash) {
            row.push(settlement.ledger ? earnedCell(settlement.ledger.netToAco, model) : '—');
        }
        if (showChecks) {
            const failed = settlement.expectations.filter((e) => !e.passed).length;
            const total = settlement.expectations.length;
            row.push(total === 0 ? '—' : failed === 0 ? { text: `${total} hold`, tone: 'pass' } : { text: `${failed} of ${total} ${failed === 1 ? 'fails' : 'fail'}`, tone: 'fail' });
        }
        return row;
    });
    const notes: string[] = [];
    if (!showBenchmark && settled.length > 0) {
        notes.push(`Every scenario is measured against ${w.benchmark} of ${money(settled[0].benchmark, model)}.`);
    }
    if (showCash) {
        const kinds = [...new Set(settled.flatMap((s) => s.ledger?.entries ?? []).map((e) => STREAM_KINDS[e.stream]).filter((k): k is string => k !== undefined))];
        notes.push(`Net cash counts every payment of the year: ${listInWords([...kinds, 'the settlement'])}.`);
    }
    return [
        heading('Scenarios side by side', 'comparison', 3),
        { kind: 'table', columns, rows, className: 'comparison', ...(notes.length > 0 ? { note: [notes.join(' ')] } : {}) }
    ];
}

/** The payments besides the settlement, in words, for the note under net cash. */
const STREAM_KINDS: Readonly<Record<string, string>> = {
    capitation: 'capitation', 'care coordination fee': 'care coordination fees', 'withhold returned': 'returned withholds', clawback: 'clawbacks',
    'advance investment': 'advance investment', 'advance investment recouped': 'its recoupment', 'quality bonus': 'the quality bonus',
    'block payment': 'the block payment', reconciliation: 'its reconciliation', 'stop-loss premium': 'stop-loss', 'stop-loss reimbursement': 'stop-loss'
};

/** The ledger streams of the settlement itself; any other stream (capitation, advance investment) makes net cash worth a column. */
const SETTLEMENT_STREAMS = new Set(['shared savings', 'owed losses', 'sequestration']);

export function hasOtherStreams(settlement: Settlement): boolean {
    return settlement.ledger?.entries.some((entry) => !SETTLEMENT_STREAMS.has(entry.stream)) ?? false;
}

function extremeCell(extreme: Extreme | undefined, side: 'gain' | 'loss', model: ContractModel, shares: boolean, compact = false): Cell {
    if (!extreme) {
        return { text: compact ? 'none' : side === 'gain' ? (shares ? '—' : 'nothing (no savings shared)') : 'nothing (one-sided)', tone: 'muted' };
    }
    if (!extreme.capped) {
        const reference = extreme.reference;
        const at = reference ? ` (${money(reference.amount.abs(), model)} at ${fixedRate(reference.savingsRate.abs(), 0)} ${side === 'gain' ? 'savings' : 'over'})` : '';
        return { text: `no cap${at}`, tone: side === 'gain' ? 'gain' : 'loss' };
    }
    return { text: money(extreme.amount.abs(), model), tone: extreme.amount.isZero() ? 'muted' : side === 'gain' ? 'gain' : 'loss' };
}

/** Years side by side fit the page up to this many; a longer term is listed a year to a row. */
const YEARS_ACROSS = 6;

/**
 * The most the ACO can gain or lose: one row when every year is alike, the years side by side
 * when a trend moves them, and the term total.
 */
function limitBlocks(input: FirstPageInput): Block[] {
    const { model, limits } = input;
    const w = vocabularyOf(model);
    const title = `The most ${w.aco} can gain or lose`;
    if (!limits) {
        return [heading(title, 'limits', 3), paragraph('The contract cannot be settled without a benchmark, so there are no limits to show.')];
    }
    const shares = sharesSavings(model);
    const benchmarkWord = capital(w.benchmark.replace(/^the /, ''));
    const years = limits.years;
    const uncapped = (pick: (y: YearLimits) => Extreme | undefined) => years.some((y) => pick(y) && !pick(y)!.capped);
    const totalCell = (amount: Dec | undefined, side: 'gain' | 'loss', pick: (y: YearLimits) => Extreme | undefined): Cell =>
        amount === undefined ? extremeCell(undefined, side, model, shares) : uncapped(pick) ? { text: 'no cap', tone: side } : { text: money(amount.abs(), model), tone: side };
    const note: string[] = [`Settled at the edge (no spending, or twice ${w.benchmark}; quality 0% or 100%).`];
    if (model.savings.qualityWithhold) {
        note.push(`${benchmarkWord} is shown with the quality withhold earned back in full.`);
    }
    const capWords = capsInWords(model);
    if (capWords) {
        note.push(capWords);
    }
    let table: Block;
    if (limits.varies && years.length > 1 && years.length <= YEARS_ACROSS) {
        // A trend moves every year's figures: the years side by side, the term total last.
        const total = limits.total!;
        table = {
            kind: 'table',
            columns: [left(''), ...years.map((y) => right(yearLabel(y.year))), right('Term total')],
            rows: [
                [benchmarkWord, ...years.map((y) => money(y.benchmark, model)), { text: money(total.benchmark, model), tone: 'muted' }],
                ['Most gained', ...years.map((y) => extremeCell(y.gain, 'gain', model, shares, true)), totalCell(total.gain, 'gain', (y) => y.gain)],
                ['Most lost', ...years.map((y) => extremeCell(y.loss, 'loss', model, shares, true)), totalCell(total.loss, 'loss', (y) => y.loss)]
            ],
            className: 'limits across',
            note: [note.join(' ')]
        };
    } else {
        const first = years[0];
        const rows: Cell[][] = !limits.varies || years.length === 1
            ? [[years.length > 1 ? `Each of the ${years.length} years` : first.year.start ? yearLabel(first.year) : 'A performance year',
                money(first.benchmark, model), extremeCell(first.gain, 'gain', model, shares), extremeCell(first.loss, 'loss', model, shares)]]
            : years.map((y) => [`${y.year.year}: ${yearLabel(y.year)}`, money(y.benchmark, model), extremeCell(y.gain, 'gain', model, shares), extremeCell(y.loss, 'loss', model, shares)]);
        const totals: Cell[][] = limits.total
            ? [[`Term total, ${counted(years.length, 'year')}`, money(limits.total.benchmark, model), totalCell(limits.total.gain, 'gain', (y) => y.gain), totalCell(limits.total.loss, 'loss', (y) => y.loss)]]
            : [];
        table = {
            kind: 'table',
            columns: [left('Performance year'), right(benchmarkWord), right('Most gained'), right('Most lost')],
            rows,
            totals,
            className: 'limits',
            note: [note.join(' ')]
        };
    }
    return [heading(title, 'limits', 3), table];
}

/** `Savings are capped at 2% of the budget and losses at 1.5%.` */
function capsInWords(model: ContractModel): string | undefined {
    const w = vocabularyOf(model);
    const savings = model.savings.cap ? `savings at ${rate(model.savings.cap.rate)} of ${w.benchmark}` : undefined;
    const losses = model.losses?.cap
        ? `losses at ${rate(model.losses.cap.rate)}${model.losses.revenueCap ? ` of ${w.benchmark} or ${rate(model.losses.revenueCap.rate)} of participant revenue, whichever is smaller` : ''}`
        : model.losses?.revenueCap ? `losses at ${rate(model.losses.revenueCap.rate)} of participant revenue` : undefined;
    const both = [savings, losses].filter((s): s is string => s !== undefined);
    return both.length > 0 ? `The contract caps ${both.join(' and ')}.` : undefined;
}

/** Where sharing starts, in one or two sentences: the rates, the spending they mean, and the scenarios whose quality shares nothing. */
function breakEvenBlocks(input: FirstPageInput): Block[] {
    const { model, minimums } = input;
    const w = vocabularyOf(model);
    const points = input.breakEvens;
    if (points.length === 0 || !sharesSavings(model)) {
        return [];
    }
    const first = points.find((p) => p.savingsShared) ?? points[0];
    const varies = points.some((p) => !p.benchmark.equals(first.benchmark));
    const against = varies ? ` in “${first.scenario}”` : '';
    const msr = minimums.savings && !minimums.savings.isZero() ? minimums.savings : undefined;
    const parts: string[] = [msr
        ? `Savings are shared once spending is ${rate(msr)} or more under ${w.benchmark} (${first.savingsInclusive ? 'at or below' : 'below'} ${money(first.savingsAt, model)}${against})`
        : `Savings are shared from the first ${w.unit} of spending under ${w.benchmark}`];
    // The loss side from the first scenario that has one: a later year can be two-sided when the first is not.
    const owing = points.find((p) => p.lossesAt !== undefined);
    if (owing?.lossesAt !== undefined) {
        const mlr = owing.lossesRate && !owing.lossesRate.isZero() ? owing.lossesRate : undefined;
        const from = owing === first || !varies ? '' : ` in “${owing.scenario}”`;
        parts.push(owing.lossesOwed === false
            ? 'losses are never owed'
            : mlr
                ? `losses are owed once it is ${rate(mlr)} or more over (${owing.lossesInclusive ? 'at or above' : 'above'} ${money(owing.lossesAt, model)}${from})`
                : `losses are owed from the first ${w.unit} over it${from}`);
    } else {
        parts.push(`the contract is one-sided, so no spending makes ${w.aco} owe anything`);
    }
    const sentences = [`${parts.join('; ')}.`];
    const none = points.filter((p) => !p.savingsShared).map((p) => `“${p.scenario}”`);
    if (none.length > 0) {
        sentences.push(`In ${listInWords(none)} the quality score misses the standard, so no savings are shared at any spending.`);
    }
    return [heading('Where sharing starts', 'break-even', 3), paragraph(sentences.join(' '))];
}
