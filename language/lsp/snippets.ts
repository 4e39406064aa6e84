/**
 * A snippet for every section and block of a contract, keyed by the grammar rule it writes out,
 * with the word that opens it. Completion offers each only where the rule can stand, and a
 * section the contract already has is not offered again (completion.ts).
 */

export interface Snippet {
    /** The keyword that opens it. */
    prefix: string;
    label: string;
    body: string;
}

const lines = (...body: string[]): string => body.join('\n');

export const SNIPPETS: Record<string, Snippet> = {
    Contract: {
        prefix: 'contract',
        label: 'new ACO contract',
        body: lines(
            'contract "${1:Contract name}" {',
            '    currency ${2:USD}',
            '',
            '    parties {',
            '        payer "${3:Payer}"',
            '        aco "${4:ACO}"',
            '    }',
            '',
            '    population {',
            '        assigned beneficiaries ${5:10,000}',
            '        benchmark \\$${6:1,000.00} per member per month',
            '    }',
            '',
            '    shared savings {',
            '        minimum savings rate ${7:2%}',
            '        sharing rate ${8:50%}',
            '        cap ${9:10%} of benchmark',
            '    }',
            '',
            '    scenario "${10:Expected year}" {',
            '        savings ${11:3%}',
            '        quality score ${12:90%}',
            '    }',
            '}'
        )
    },
    ProgramLine: { prefix: 'program', label: 'program preset', body: 'program ${1|MSSP track 1,MSSP track 1+,MSSP track 2,MSSP track 3,MSSP BASIC A,MSSP BASIC B,MSSP BASIC C,MSSP BASIC D,MSSP BASIC E,MSSP ENHANCED,REACH global,REACH professional|} year ${2:2025}' },
    CurrencyLine: { prefix: 'currency', label: 'currency', body: 'currency ${1|USD,GBP,EUR|}' },
    RoundingLine: { prefix: 'rounding', label: 'rounding rule', body: 'rounding ${1|half-up,half-even|} to ${2|cents,whole units|}' },
    Parties: { prefix: 'parties', label: 'parties section', body: lines('parties {', '    payer "${1:Payer}"', '    aco "${2:ACO}"', '}') },
    Term: { prefix: 'term', label: 'term section', body: lines('term {', '    start ${1:2025-01-01}', '    end ${2:2027-12-31}', '    performance year ${3:12} months', '}') },
    Population: {
        prefix: 'population',
        label: 'population section',
        body: lines('population {', '    attribution ${1|prospective,retrospective|}', '    assigned beneficiaries ${2:10,000}', '    benchmark \\$${3:1,000.00} per member per month', '}')
    },
    BenchmarkBuild: {
        prefix: 'benchmark',
        label: 'benchmark built from its parts (commercial budget)',
        body: lines('benchmark {', '    base cost \\$${1:412.50} per member per month', '    trend ${2:4%} per year for ${3:2} years', '    risk score ${4:1.042} against ${5:1.000}', '}')
    },
    Providers: {
        prefix: 'providers',
        label: 'providers section',
        body: lines('providers {', '    provider ${1:ID} "${2:Name}" {', '        role ${3|primary care,specialist,hospital,other|}', '        attributed ${4:1,000}', '    }', '}')
    },
    Provider: { prefix: 'provider', label: 'provider', body: lines('provider ${1:ID} "${2:Name}" {', '    role ${3|primary care,specialist,hospital,other|}', '    attributed ${4:1,000}', '}') },
    Capitation: { prefix: 'capitation', label: 'capitation section', body: lines('capitation {', '    primary care \\$${1:40.00} per member per month', '    withhold ${2:2%} earned back by quality', '}') },
    AdvanceInvestment: {
        prefix: 'advance',
        label: 'advance investment section',
        body: lines('advance investment {', '    one-time \\$${1:250,000.00}', '    quarterly \\$${2:45,000.00} for ${3:8} quarters', '    recouped from shared savings', '}')
    },
    SharedSavings: {
        prefix: 'shared',
        label: 'shared savings section',
        body: lines('shared savings {', '    minimum savings rate ${1:2%}', '    sharing rate ${2:50%}', '    quality adjustment ${3|scaled,gate,none|}', '    cap ${4:10%} of benchmark', '}')
    },
    SharedLosses: {
        prefix: 'shared',
        label: 'shared losses section',
        body: lines('shared losses {', '    minimum loss rate ${1:2%}', '    sharing rate ${2:40%}', '    cap ${3:5%} of benchmark', '}')
    },
    Quality: {
        prefix: 'quality',
        label: 'quality section',
        body: lines('quality {', '    standard ${1:40%}', '    measure ${2:ID} "${3:Name}" {', '        threshold ${4:60%}', '        target ${5:75%}', '        weight ${6:100%}', '    }', '}')
    },
    Measure: { prefix: 'measure', label: 'quality measure', body: lines('measure ${1:ID} "${2:Name}" {', '    ${3|higher,lower|} is better', '    threshold ${4:60%}', '    target ${5:75%}', '    weight ${6:25%}', '}') },
    QualityBonus: { prefix: 'quality', label: 'quality bonus section', body: lines('quality bonus {', '    pool ${1:1%} of benchmark', '    paid ${2|by quality score,if standard met|}', '}') },
    Distribution: { prefix: 'distribution', label: 'distribution section', body: lines('distribution {', '    reserve ${1:10%} for infrastructure', '    remainder by ${2|attributed lives,fixed shares|}', '}') },
    YearTerms: { prefix: 'year', label: 'terms that change in a later year', body: lines('year ${1:2} {', '    shared savings {', '        sharing rate ${2:60%}', '    }', '}') },
    Scenario: { prefix: 'scenario', label: 'scenario', body: lines('scenario "${1:Name}" {', '    expenditure \\$${2:980.00} per member per month', '    quality score ${3:85%}', '}') },
    Projection: {
        prefix: 'projection',
        label: 'projection over the term',
        body: lines('projection "${1:Base case}" {', '    year 1 {', '        savings ${2:2%}', '        quality score ${3:85%}', '    }', '    year 2 {', '        savings ${4:3%}', '        quality score ${5:88%}', '    }', '}')
    },
    ProjectionYear: { prefix: 'year', label: 'projection year', body: lines('year ${1:2} {', '    savings ${2:3%}', '    quality score ${3:85%}', '}') },
    Uncertainty: {
        prefix: 'uncertainty',
        label: 'uncertainty section',
        body: lines('uncertainty {', '    expenditure normal mean ${1:97%} of benchmark sd ${2:2.5%}', '    quality score uniform ${3:70%} to ${4:95%}', '    trials ${5:100,000}', '    seed ${6:1}', '}')
    }
};

/** Sections that may appear more than once in a contract (every other one at most once). */
export const REPEATABLE = new Set(['Scenario', 'Projection', 'YearTerms']);

/** For VS Code's static snippet file (out/snippets/aco.json): label → prefix and body. */
export const SECTION_SNIPPETS: Record<string, { prefix: string; label: string; body: string }> = Object.fromEntries(
    Object.values(SNIPPETS).map(snippet => [snippet.label, snippet]));
