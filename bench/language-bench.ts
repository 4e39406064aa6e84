/**
 * Parsing against linking plus validation, measured in one process on generated contracts: one
 * large contract (2,000 providers, 500 measures, 1,000 scenarios) and 3,000 small ones, then the
 * same at double size to check that the work stays linear.
 */
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { createAcoServices } from '../language/aco-module.js';

/** A contract with `providers` providers, `measures` measures and `scenarios` scenarios. */
export function largeContract(providers: number, measures: number, scenarios: number): string {
    const lines: string[] = ['contract "Generated large contract" {', '    currency USD'];
    lines.push('    population {', `        assigned beneficiaries ${(providers * 20).toLocaleString('en-US')}`, '        benchmark $1,050.00 per member per month', '    }');
    lines.push('    providers {');
    for (let i = 0; i < providers; i++) {
        lines.push(`        provider P${i} "Practice number ${i}" {`, `            tin "12-${String(1000000 + i)}"`, '            role primary care', '            attributed 20', '        }');
    }
    lines.push('    }', '    capitation {');
    for (let i = 0; i < providers; i++) {
        lines.push(`        primary care $${30 + (i % 10)}.50 per member per month paid to P${i}`);
    }
    lines.push('        withhold 2% earned back by quality', '    }');
    lines.push('    shared savings {', '        minimum savings rate 2%', '        sharing rate 75%', '        cap 20% of benchmark', '        sequestration 2%', '    }');
    lines.push('    shared losses {', '        minimum loss rate 2%', '        sharing rate 1 - final sharing rate between 40% and 75%', '        cap 15% of benchmark', '    }');
    lines.push('    quality {', '        standard 40%');
    const weight = (100 / measures).toFixed(6).replace(/\.?0+$/, '');
    for (let i = 0; i < measures; i++) {
        const w = i === measures - 1 ? (100 - Number(weight) * (measures - 1)).toFixed(6).replace(/\.?0+$/, '') : weight;
        lines.push(`        measure M${i} "Measure ${i}" {`, '            threshold 60%', '            target 75%', `            weight ${w}%`, '        }');
    }
    lines.push('    }', '    distribution {', '        reserve 10% for infrastructure', '        remainder by attributed lives', '    }');
    for (let i = 0; i < scenarios; i++) {
        const spend = 1000 + (i % 80);
        // Every scenario asserts what it earns; one in fifty also asserts a provider's share, which
        // costs a figure per provider to check (the whole distribution), as it would for an author.
        lines.push(`    scenario "Scenario ${i}" {`, `        expenditure $${spend}.25 per member per month`, `        quality score ${60 + (i % 40)}%`,
            `        result M${i % measures} ${60 + (i % 30)}%`, '        expect earned $0 within $100,000,000');
        if (i % 50 === 0) {
            lines.push(`        expect provider P${i % providers} receives $0 within $100,000,000`);
        }
        lines.push('    }');
    }
    lines.push('}');
    return lines.join('\n') + '\n';
}

export function smallContract(i: number): string {
    return `contract "Small ${i}" {
    program MSSP track 1 year 2018
    population {
        assigned beneficiaries ${10000 + i}
        benchmark $${120000000 + i * 1000} total
    }
    scenario "Performance year" {
        expenditure $${116000000 + i * 997} total
        quality score ${80 + (i % 20)}%
        quality standard met
    }
}
`;
}

export interface PhaseTimes {
    parseMs: number;
    linkAndValidateMs: number;
}

/** Parses the texts, then links and validates them, timing the two phases separately. */
export async function timePhases(texts: readonly string[], tag: string): Promise<PhaseTimes> {
    const { shared, Aco } = createAcoServices(EmptyFileSystem);
    const factory = shared.workspace.LangiumDocumentFactory;
    const start = performance.now();
    const documents: LangiumDocument[] = texts.map((text, i) => factory.fromString(text, URI.parse(`memory:///${tag}/${i}.aco`)));
    const parsed = performance.now();
    for (const document of documents) {
        shared.workspace.LangiumDocuments.addDocument(document);
    }
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    const done = performance.now();
    const errors = documents.flatMap(d => (d.diagnostics ?? []).filter(x => x.severity === 1));
    if (errors.length > 0) {
        throw new Error(`generated contracts have errors: ${errors.slice(0, 3).map(e => e.message).join('; ')}`);
    }
    void Aco;
    return { parseMs: parsed - start, linkAndValidateMs: done - parsed };
}

/**
 * The best of `runs` runs of each set of texts, the sets taken in turn round after round: a
 * growth figure compares two sets, and on a shared host the machine's speed drifts from one
 * minute to the next, so neither set may have all its runs in a faster minute than the other's.
 */
async function bestInTurn(sets: ReadonlyArray<{ texts: readonly string[]; tag: string }>, runs: number): Promise<PhaseTimes[]> {
    const results: Array<PhaseTimes | undefined> = sets.map(() => undefined);
    for (let i = 0; i < runs; i++) {
        for (const [index, { texts, tag }] of sets.entries()) {
            const times = await timePhases(texts, `${tag}-${i}`);
            const sofar = results[index];
            results[index] = !sofar ? times : {
                parseMs: Math.min(sofar.parseMs, times.parseMs),
                linkAndValidateMs: Math.min(sofar.linkAndValidateMs, times.linkAndValidateMs)
            };
        }
    }
    return results as PhaseTimes[];
}

export interface LanguageBenchResult {
    large: PhaseTimes & { ratio: number };
    small: PhaseTimes & { ratio: number };
    largeDouble: PhaseTimes;
    smallDouble: PhaseTimes;
    /** Total time at double size over total time at base size (linear: about 2). */
    largeGrowth: number;
    smallGrowth: number;
}

export async function runLanguageBench(runs = 5): Promise<LanguageBenchResult> {
    const large = [largeContract(2000, 500, 1000)];
    const largeDouble = [largeContract(4000, 1000, 2000)];
    const small = Array.from({ length: 3000 }, (_, i) => smallContract(i));
    const smallDouble = Array.from({ length: 6000 }, (_, i) => smallContract(i));
    await timePhases([largeContract(50, 10, 20)], 'warm-up');
    const [l, l2] = await bestInTurn([{ texts: large, tag: 'large' }, { texts: largeDouble, tag: 'large2' }], runs);
    const [s, s2] = await bestInTurn([{ texts: small, tag: 'small' }, { texts: smallDouble, tag: 'small2' }], runs);
    const total = (t: PhaseTimes): number => t.parseMs + t.linkAndValidateMs;
    return {
        large: { ...l, ratio: l.linkAndValidateMs / l.parseMs },
        small: { ...s, ratio: s.linkAndValidateMs / s.parseMs },
        largeDouble: l2,
        smallDouble: s2,
        largeGrowth: total(l2) / total(l),
        smallGrowth: total(s2) / total(s)
    };
}
