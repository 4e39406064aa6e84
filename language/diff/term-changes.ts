/**
 * Term-by-term changes between two versions of a contract, computed from the two contract models
 * (so a change of layout, comments or the order of lines is no change). Each contract is
 * flattened into terms with a stable key, a label and its value in words; providers, measures,
 * scenarios and capitation lines are entities, reported as added or removed whole, or term by term
 * when present in both. The values are the terms in force (presets applied), as the engine sees them.
 */
import type {
    BuiltBenchmarkTerms,
    CapitationLineTerm, ContractModel, Corridor, ExpenditureTerm, LossSharing, MeasureTerm, MinimumRate, ProviderTerm,
    SavingsSharing, ScenarioTerms, UncertaintyTerms
} from '../model/contract-model.js';
import type { Dec } from '../decimal.js';
import { formatCount, formatMoney, formatPercent } from '../format.js';
import { programLabel } from '../settlement/index.js';
import { msspBuild } from '../settlement/built-benchmark.js';

export type ChangeKind = 'added' | 'removed' | 'changed';

export interface TermChange {
    change: ChangeKind;
    /** The contract section: `contract`, `population`, `providers`, `shared savings`, … */
    section: string;
    /** What changed, in words: `Sharing rate`, `Measure BCS target`, `Provider LFM 'Lakeside Family Medicine'`. */
    term: string;
    /** The old value in words (absent when added). */
    old?: string;
    /** The new value in words (absent when removed). */
    new?: string;
    /** One sentence: `Sharing rate changed from 50% to 60%`. */
    text: string;
}

/** One flattened term of a contract. */
interface Term {
    key: string;
    section: string;
    label: string;
    value: string;
    /** Set on an entity's own entry (its fields carry `parent`). */
    entity?: boolean;
    /** The key of the entity this term belongs to. */
    parent?: string;
}

const pct = (rate: Dec): string => formatPercent(rate);

function moneyOf(model: ContractModel, amount: Dec): string {
    const places = Math.max(model.rounding.unit === 'cents' ? 2 : 0, amount.decimalPlaces());
    return formatMoney(amount, model.currency, places);
}

function minimumText(rate: MinimumRate | undefined): string | undefined {
    if (!rate) {
        return undefined;
    }
    return rate.kind === 'variable' ? 'variable (the MSSP table)' : pct(rate.rate);
}

function corridorsText(corridors: readonly Corridor[]): string {
    return corridors.map((c) => {
        const band = c.upper === undefined ? `over ${pct(c.lower)}` : c.lower.isZero() ? `up to ${pct(c.upper)}` : `${pct(c.lower)} to ${pct(c.upper)}`;
        return `${band} share ${pct(c.share)}`;
    }).join('; ');
}

function savingsSharingText(sharing: SavingsSharing | undefined): { label: string; value: string } | undefined {
    if (!sharing) {
        return undefined;
    }
    return sharing.kind === 'rate'
        ? { label: 'Sharing rate', value: pct(sharing.rate) }
        : { label: 'Savings corridors', value: corridorsText(sharing.corridors) };
}

function lossSharingText(sharing: LossSharing | undefined): { label: string; value: string } | undefined {
    if (!sharing) {
        return undefined;
    }
    switch (sharing.kind) {
        case 'rate':
            return { label: 'Loss sharing rate', value: pct(sharing.rate) };
        case 'complement':
            return { label: 'Loss sharing rate', value: `1 − final sharing rate between ${pct(sharing.floor)} and ${pct(sharing.ceiling)}` };
        case 'corridors':
            return { label: 'Loss corridors', value: corridorsText(sharing.corridors) };
    }
}

/** A built benchmark as one comparable value: the method and the figure it builds (MSSP), or its parts (commercial). */
function builtBenchmarkText(built: BuiltBenchmarkTerms | undefined, money: (amount: Dec) => string | undefined): string | undefined {
    if (!built) {
        return undefined;
    }
    if (built.kind === 'mssp') {
        return `MSSP method: ${money(msspBuild(built).benchmark)}`;
    }
    const trend = built.trend ? `, trend ${pct(built.trend.rate)} per year for ${built.trend.years} years` : '';
    const risk = built.risk ? `, risk score ${built.risk.score.toString()} against ${built.risk.base.toString()}${built.risk.cap ? ` capped at ${pct(built.risk.cap)}` : ''}` : '';
    return `base cost ${money(built.baseCost)} per member per month${trend}${risk}`;
}

function expenditureText(model: ContractModel, expenditure: ExpenditureTerm | undefined): string | undefined {
    if (!expenditure) {
        return undefined;
    }
    switch (expenditure.kind) {
        case 'per member per month':
            return `${moneyOf(model, expenditure.amount)} per member per month`;
        case 'total':
            return `${moneyOf(model, expenditure.amount)} total`;
        case 'savings':
            return `savings ${pct(expenditure.rate)}`;
        case 'by enrollment type':
            return Object.entries(expenditure.amounts).map(([type, amount]) => `${type} ${moneyOf(model, amount)} per capita`).join(', ');
    }
}

function uncertaintyTerms(uncertainty: UncertaintyTerms): Array<[string, string, string | undefined]> {
    const spend = uncertainty.expenditure;
    const quality = uncertainty.quality;
    return [
        ['uncertainty:expenditure', 'Monte Carlo expenditure', spend
            ? spend.kind === 'expenditure normal'
                ? `normal, mean ${pct(spend.mean)} of benchmark, sd ${pct(spend.sd)}`
                : `savings normal, mean ${pct(spend.mean)}, sd ${pct(spend.sd)}`
            : undefined],
        ['uncertainty:quality', 'Monte Carlo quality score', quality
            ? quality.kind === 'uniform' ? `uniform ${pct(quality.low)} to ${pct(quality.high)}` : `normal, mean ${pct(quality.mean)}, sd ${pct(quality.sd)}`
            : undefined],
        ['uncertainty:trials', 'Monte Carlo trials', formatCount(uncertainty.trials)],
        ['uncertainty:seed', 'Monte Carlo seed', String(uncertainty.seed)]
    ];
}

/** Flattens a contract into its terms. */
function termsOf(model: ContractModel): Term[] {
    const terms: Term[] = [];
    const add = (section: string, key: string, label: string, value: string | undefined, extra: Partial<Term> = {}) => {
        if (value !== undefined && value !== '') {
            terms.push({ key, section, label, value, ...extra });
        }
    };
    const money = (amount: Dec | undefined) => (amount === undefined ? undefined : moneyOf(model, amount));
    const rate = (term: { rate: Dec } | undefined) => (term ? pct(term.rate) : undefined);

    add('contract', 'name', 'Contract name', model.name ? `'${model.name}'` : undefined);
    add('contract', 'currency', 'Currency', model.currency);
    add('contract', 'rounding', 'Rounding', `${model.rounding.mode} to ${model.rounding.unit}`);
    add('contract', 'program', 'Program', model.program ? programLabel(model.program) : undefined);
    add('parties', 'payer', 'Payer', model.parties.payer ? `'${model.parties.payer}'` : undefined);
    add('parties', 'aco', 'ACO', model.parties.aco ? `'${model.parties.aco}'` : undefined);
    add('term', 'start', 'Term start', model.term.start);
    add('term', 'end', 'Term end', model.term.end);
    add('term', 'months', 'Performance year', `${model.term.months} months`);

    const population = model.population;
    add('population', 'attribution', 'Attribution', population.attribution);
    add('population', 'beneficiaries', 'Assigned beneficiaries', population.beneficiaries ? formatCount(population.beneficiaries) : undefined);
    add('population', 'minimum', 'Minimum assigned beneficiaries', population.minimumBeneficiaries ? formatCount(population.minimumBeneficiaries) : undefined);
    add('population', 'member months', 'Member months', population.memberMonths ? formatCount(population.memberMonths) : undefined);
    add('population', 'benchmark', 'Benchmark', population.benchmark
        ? `${money(population.benchmark.amount)}${population.benchmark.basis === 'total' ? ' total' : ` ${population.benchmark.basis}`}`
        : undefined);
    add('population', 'built benchmark', 'Benchmark built from its parts', builtBenchmarkText(population.builtBenchmark, money));
    add('population', 'health equity', 'Health equity benchmark adjustment', population.healthEquityAdjustment
        ? `${money(population.healthEquityAdjustment.amount)} ${population.healthEquityAdjustment.basis}` : undefined);
    add('population', 'revenue category', 'Revenue category', population.revenueCategory?.category);
    add('population', 'discount', 'Benchmark discount', rate(population.discount));
    add('population', 'trend', 'Benchmark trend', population.trend ? `${pct(population.trend.rate)} per year` : undefined);

    model.providers.forEach((provider: ProviderTerm) => {
        const key = `provider:${provider.id}`;
        add('providers', key, `Provider ${provider.id} '${provider.name}'`, `'${provider.name}'`, { entity: true });
        const field = (name: string, label: string, value: string | undefined) =>
            add('providers', `${key}:${name}`, `Provider ${provider.id} ${label}`, value, { parent: key });
        field('name', 'name', `'${provider.name}'`);
        field('tin', 'TIN', provider.tin);
        field('npi', 'NPI', provider.npi);
        field('role', 'role', provider.role);
        field('attributed', 'attributed lives', provider.attributed ? formatCount(provider.attributed) : undefined);
        field('share', 'share', provider.share ? pct(provider.share) : undefined);
    });

    const seen = new Map<string, number>();
    model.capitation.lines.forEach((line: CapitationLineTerm) => {
        const base = `capitation:${line.service}:${line.providerId ?? ''}`;
        const n = (seen.get(base) ?? 0) + 1;
        seen.set(base, n);
        const key = n === 1 ? base : `${base}:${n}`;
        const label = `Capitation for ${line.service}${line.providerId ? ` paid to ${line.providerId}` : ''}${n === 1 ? '' : ` (line ${n})`}`;
        add('capitation', key, label, `${money(line.rate)} per member per month`);
    });
    add('capitation', 'capitation:withhold', 'Capitation withhold', rate(model.capitation.withhold));

    const savings = model.savings;
    add('shared savings', 'savings:minimum', 'Minimum savings rate', minimumText(savings.minimumRate));
    const savingsSharing = savingsSharingText(savings.sharing);
    add('shared savings', 'savings:sharing', savingsSharing?.label ?? 'Sharing rate', savingsSharing?.value);
    add('shared savings', 'savings:adjustment', 'Quality adjustment', savings.qualityAdjustment);
    add('shared savings', 'savings:basis', 'Sharing basis', savings.basis);
    add('shared savings', 'savings:cap', 'Savings cap', savings.cap ? `${pct(savings.cap.rate)} of benchmark` : undefined);
    add('shared savings', 'savings:sequestration', 'Sequestration', rate(savings.sequestration));
    add('shared savings', 'savings:withhold', 'Quality withhold', savings.qualityWithhold ? `${pct(savings.qualityWithhold.rate)} of benchmark` : undefined);

    const losses = model.losses;
    add('shared losses', 'losses', 'Shared losses', losses ? 'two-sided' : 'one-sided (no shared losses)');
    if (losses) {
        add('shared losses', 'losses:minimum', 'Minimum loss rate', minimumText(losses.minimumRate));
        const lossSharing = lossSharingText(losses.sharing);
        add('shared losses', 'losses:sharing', lossSharing?.label ?? 'Loss sharing rate', lossSharing?.value);
        add('shared losses', 'losses:cap', 'Loss cap', losses.cap ? `${pct(losses.cap.rate)} of benchmark` : undefined);
        add('shared losses', 'losses:revenue cap', 'Loss cap on revenue', losses.revenueCap ? `${pct(losses.revenueCap.rate)} of revenue` : undefined);
        add('shared losses', 'losses:revenue', 'Participant revenue', money(losses.participantRevenue));
    }

    add('quality', 'quality:standard', 'Quality standard', rate(model.quality.standard));
    model.quality.measures.forEach((measure: MeasureTerm) => {
        const key = `measure:${measure.id}`;
        add('quality', key, `Measure ${measure.id} '${measure.name}'`, `'${measure.name}'`, { entity: true });
        const field = (name: string, label: string, value: string | undefined) =>
            add('quality', `${key}:${name}`, `Measure ${measure.id} ${label}`, value, { parent: key });
        field('name', 'name', `'${measure.name}'`);
        field('direction', 'direction', measure.lowerIsBetter ? 'lower is better' : 'higher is better');
        field('threshold', 'threshold', measure.threshold ? pct(measure.threshold) : undefined);
        field('target', 'target', measure.target ? pct(measure.target) : undefined);
        field('weight', 'weight', measure.weight ? pct(measure.weight) : undefined);
    });

    const distribution = model.distribution;
    if (distribution) {
        add('distribution', 'distribution:reserve', 'Reserve', distribution.reserve ? `${pct(distribution.reserve.rate)} for infrastructure` : undefined);
        add('distribution', 'distribution:key', 'Distribution of the remainder', distribution.key ? `by ${distribution.key}` : undefined);
    }

    model.scenarios.forEach((scenario: ScenarioTerms) => {
        const key = `scenario:${scenario.name}`;
        add('scenarios', key, `Scenario '${scenario.name}'`, `'${scenario.name}'`, { entity: true });
        const field = (name: string, label: string, value: string | undefined) =>
            add('scenarios', `${key}:${name}`, `Scenario '${scenario.name}' ${label}`, value, { parent: key });
        field('expenditure', 'expenditure', expenditureText(model, scenario.expenditure));
        field('quality score', 'quality score', rate(scenario.qualityScore));
        for (const [measure, result] of scenario.results) {
            field(`result:${measure}`, `result ${measure}`, pct(result));
        }
        field('verdict', 'quality standard', scenario.standardVerdict ? (scenario.standardVerdict.met ? 'met' : 'not met') : undefined);
        field('year', 'year', scenario.year ? String(scenario.year.year) : undefined);
        field('reduced', 'losses reduced by', money(scenario.lossesReducedBy?.amount));
        field('forgiven', 'losses forgiven', rate(scenario.lossesForgiven));
        for (const expectation of scenario.expectations) {
            const key = expectation.kind === 'provider' ? `provider ${expectation.providerId}` : expectation.kind;
            const what = expectation.kind === 'provider' ? `expected payment to ${expectation.providerId}` : expectation.kind === 'bonus' ? 'expected quality bonus' : 'expected earned';
            const within = expectation.tolerance ? ` within ${money(expectation.tolerance)}` : '';
            field(`expect:${key}`, what, `${money(expectation.amount)}${within}`);
        }
    });

    if (model.uncertainty) {
        for (const [key, label, value] of uncertaintyTerms(model.uncertainty)) {
            add('uncertainty', key, label, value);
        }
    }
    return terms;
}

function sentence(change: ChangeKind, term: Term, old?: string, now?: string, entity = false): string {
    if (entity) {
        return `${term.label} ${change}`;
    }
    switch (change) {
        case 'changed':
            return `${term.label} changed from ${old} to ${now}`;
        case 'added':
            return `${term.label} added: ${now}`;
        case 'removed':
            return `${term.label} removed (was ${old})`;
    }
}

/**
 * The changes from `before` to `after`, in the order of the contract (NEW's order, with removed
 * terms where they stood in OLD). An entity added or removed is one change; its fields are not
 * listed separately.
 */
export function termChanges(before: ContractModel, after: ContractModel): TermChange[] {
    const oldTerms = termsOf(before);
    const newTerms = termsOf(after);
    const oldByKey = new Map(oldTerms.map((t) => [t.key, t]));
    const newByKey = new Map(newTerms.map((t) => [t.key, t]));
    const changes: TermChange[] = [];
    const entityChanged = (parent: string | undefined): boolean =>
        parent !== undefined && (!oldByKey.has(parent) || !newByKey.has(parent));

    // Walk NEW's order, slotting each removed term in after the term that preceded it in OLD.
    const removedAfter = new Map<string, Term[]>();
    const leadingRemoved: Term[] = [];
    let previous: string | undefined;
    for (const term of oldTerms) {
        if (!newByKey.has(term.key)) {
            // `previous` is always a term NEW also has.
            if (previous === undefined) {
                leadingRemoved.push(term);
            } else {
                removedAfter.set(previous, [...(removedAfter.get(previous) ?? []), term]);
            }
        } else {
            previous = term.key;
        }
    }
    const removed = (term: Term) => {
        if (entityChanged(term.parent)) {
            return;
        }
        changes.push({
            change: 'removed', section: term.section, term: term.label, old: term.value,
            text: sentence('removed', term, term.value, undefined, term.entity)
        });
    };
    leadingRemoved.forEach(removed);
    for (const term of newTerms) {
        const was = oldByKey.get(term.key);
        if (!was) {
            if (!entityChanged(term.parent)) {
                changes.push({
                    change: 'added', section: term.section, term: term.label, new: term.value,
                    text: sentence('added', term, undefined, term.value, term.entity)
                });
            }
        } else if (!term.entity && was.value !== term.value) {
            // A label can differ when a term changes form (a rate becoming corridors).
            const label = was.label === term.label ? term.label : `${was.label} / ${term.label}`;
            const named = { ...term, label };
            changes.push({
                change: 'changed', section: term.section, term: label, old: was.value, new: term.value,
                text: sentence('changed', named, was.value, term.value)
            });
        }
        (removedAfter.get(term.key) ?? []).forEach(removed);
    }
    return changes;
}
