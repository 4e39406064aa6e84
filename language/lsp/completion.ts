/**
 * Completion: the keywords that fit where the cursor is (from the grammar), provider and measure
 * IDs where an ID is expected, and snippets for a new contract and for each section.
 */
import { AstUtils, GrammarAST, type MaybePromise } from 'langium';
import { DefaultCompletionProvider, type CompletionAcceptor, type CompletionContext, type LangiumServices } from 'langium/lsp';
import { CompletionItemKind, InsertTextFormat } from 'vscode-languageserver';
import { clientCapabilities } from './client-capabilities.js';

/** Snippets offered beside the keyword that opens each section. */
export const SECTION_SNIPPETS: Record<string, { label: string; body: string }> = {
    contract: {
        label: 'new ACO contract',
        body: [
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
            '    }',
            '}'
        ].join('\n')
    },
    program: { label: 'program preset', body: 'program ${1|MSSP track 1,MSSP track 1+,MSSP track 2,MSSP track 3,MSSP BASIC A,MSSP BASIC B,MSSP BASIC C,MSSP BASIC D,MSSP BASIC E,MSSP ENHANCED,REACH global,REACH professional|} year ${2:2025}' },
    parties: { label: 'parties section', body: 'parties {\n    payer "${1:Payer}"\n    aco "${2:ACO}"\n}' },
    term: { label: 'term section', body: 'term {\n    start ${1:2025-01-01}\n    end ${2:2027-12-31}\n    performance year ${3:12} months\n}' },
    population: { label: 'population section', body: 'population {\n    attribution ${1|prospective,retrospective|}\n    assigned beneficiaries ${2:10,000}\n    benchmark \\$${3:1,000.00} per member per month\n}' },
    providers: { label: 'providers section', body: 'providers {\n    provider ${1:ID} "${2:Name}" {\n        role ${3|primary care,specialist,hospital,other|}\n        attributed ${4:1,000}\n    }\n}' },
    provider: { label: 'provider', body: 'provider ${1:ID} "${2:Name}" {\n    role ${3|primary care,specialist,hospital,other|}\n    attributed ${4:1,000}\n}' },
    capitation: { label: 'capitation section', body: 'capitation {\n    primary care \\$${1:40.00} per member per month\n    withhold ${2:2%} earned back by quality\n}' },
    shared: { label: 'shared savings section', body: 'shared savings {\n    minimum savings rate ${1:2%}\n    sharing rate ${2:50%}\n    quality adjustment ${3|scaled,gate,none|}\n    cap ${4:10%} of benchmark\n}' },
    quality: { label: 'quality section', body: 'quality {\n    standard ${1:40%}\n    measure ${2:ID} "${3:Name}" {\n        threshold ${4:60%}\n        target ${5:75%}\n        weight ${6:100%}\n    }\n}' },
    measure: { label: 'quality measure', body: 'measure ${1:ID} "${2:Name}" {\n    ${3|higher,lower|} is better\n    threshold ${4:60%}\n    target ${5:75%}\n    weight ${6:25%}\n}' },
    distribution: { label: 'distribution section', body: 'distribution {\n    reserve ${1:10%} for infrastructure\n    remainder by ${2|attributed lives,fixed shares|}\n}' },
    scenario: { label: 'scenario', body: 'scenario "${1:Name}" {\n    expenditure \\$${2:980.00} per member per month\n    quality score ${3:85%}\n}' },
    uncertainty: { label: 'uncertainty section', body: 'uncertainty {\n    expenditure normal mean ${1:97%} of benchmark sd ${2:2.5%}\n    quality score uniform ${3:70%} to ${4:95%}\n    trials ${5:100,000}\n    seed ${6:1}\n}' }
};

/** Rules whose first keyword opens a block or line that a snippet can write out in full. */
const SNIPPET_RULES = new Set(['Contract', 'ProgramLine', 'Parties', 'Term', 'Population', 'Providers', 'Provider', 'Capitation',
    'SharedSavings', 'Quality', 'Measure', 'Distribution', 'Scenario', 'Uncertainty']);

export class AcoCompletionProvider extends DefaultCompletionProvider {
    private readonly shared: LangiumServices['shared'];

    constructor(services: LangiumServices) {
        super(services);
        this.shared = services.shared;
    }

    protected override completionForKeyword(context: CompletionContext, keyword: GrammarAST.Keyword, acceptor: CompletionAcceptor): MaybePromise<void> {
        const rule = AstUtils.getContainerOfType(keyword, GrammarAST.isParserRule);
        // The Name rule lists keywords only so they stay usable as IDs; they are not suggestions.
        if (rule?.name === 'Name') {
            return;
        }
        const snippet = SECTION_SNIPPETS[keyword.value];
        // A client without `snippetSupport` would insert the `${1:…}` placeholders as text.
        if (snippet && rule && SNIPPET_RULES.has(rule.name) && isFirstElement(rule, keyword) && clientCapabilities(this.shared).snippets) {
            acceptor(context, {
                label: snippet.label,
                kind: CompletionItemKind.Snippet,
                insertText: snippet.body,
                insertTextFormat: InsertTextFormat.Snippet,
                detail: `${keyword.value} … (snippet)`,
                sortText: `0_${snippet.label}`
            });
        }
        return super.completionForKeyword(context, keyword, acceptor);
    }
}

/** True when the keyword is the first thing its rule matches (the word that opens the section). */
function isFirstElement(rule: GrammarAST.ParserRule, keyword: GrammarAST.Keyword): boolean {
    let first: GrammarAST.AbstractElement | undefined = rule.definition;
    while (first && GrammarAST.isGroup(first)) {
        first = first.elements[0];
    }
    return first === keyword;
}
