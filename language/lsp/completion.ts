/**
 * Completion: the keywords that fit where the cursor is (from the grammar), each with what its
 * term means (the hover's table); provider and measure IDs where an ID is expected, with their
 * names; a value where a figure is expected (`$1,000.00 per member per month`, `2%`, a date, in the
 * contract's currency), so an editor never fills the list with words from other files; and a
 * snippet for each section or block, only where it can stand and never for a section the
 * contract already has. A space triggers completion, answered only where an ID or value is next
 * (after `paid to `, `result `), so typing a sentence does not pop a list up after every word.
 */
import { AstUtils, GrammarAST, type AstNode, type AstNodeDescription, type LangiumDocument, type MaybePromise, type ReferenceInfo } from 'langium';
import {
    DefaultCompletionProvider, type CompletionAcceptor, type CompletionContext, type CompletionProviderOptions, type CompletionValueItem,
    type LangiumServices, type NextFeature
} from 'langium/lsp';
import { CompletionItemKind, CompletionTriggerKind, InsertTextFormat, type CancellationToken, type CompletionList, type CompletionParams } from 'vscode-languageserver';
import { currencySymbol } from '../format.js';
import * as ast from '../generated/ast.js';
import { clientCapabilities } from './client-capabilities.js';
import { REPEATABLE, SNIPPETS } from './snippets.js';
import { TERM_DESCRIPTIONS } from './term-descriptions.js';

export { SECTION_SNIPPETS } from './snippets.js';

/** The containers each block snippet belongs in; sections belong in the contract (or a `year N { … }` block). */
const BLOCK_CONTAINERS: Record<string, (node: AstNode) => boolean> = {
    Provider: ast.isProviders,
    Measure: ast.isQuality,
    ProjectionYear: ast.isProjection
};

/** Sections a `year N { … }` block may hold. */
const YEAR_SECTIONS = new Set(['ProgramLine', 'Population', 'Capitation', 'SharedSavings', 'SharedLosses', 'Quality']);

/** Lines whose money is per member per month (or, for the benchmark, also per year). */
const PER_MEMBER = new Set(['BenchmarkLine', 'PremiumLine', 'CapitationRateLine', 'CareCoordinationLine', 'ExpenditureLine', 'BaseCostLine', 'HealthEquityLine']);

/** Typical figures, by line, for a percent position. */
const PERCENT_EXAMPLES: Record<string, string> = {
    MinimumSavingsRateLine: '2', MinimumLossRateLine: '2', SharingRateLine: '50', CapLine: '10', SequestrationLine: '2', DiscountLine: '3',
    QualityWithholdLine: '2', StandardLine: '40', ThresholdLine: '60', TargetLine: '75', WeightLine: '25', ReserveLine: '10', ResultLine: '70',
    QualityScoreLine: '85', SavingsLine: '3', CorridorLine: '25', TrendLine: '3', CapitationWithholdLine: '2', LossesForgivenLine: '50'
};

/** Marks what a space may pop up: IDs and values. */
const VALUE = 'aco.value';

/** An example figure for a value position, by the rule and the terminal it expects. */
function exampleValue(rule: string, terminal: string, symbol: string): { label: string; snippet: string; detail: string } | undefined {
    const money = (amount: string) => ({ label: `${symbol}${amount}`, snippet: `${symbol.replace('$', '\\$')}\${1:${amount}}` });
    switch (terminal) {
        case 'MONEY': {
            if (PER_MEMBER.has(rule) && rule !== 'HealthEquityLine') {
                const amount = rule === 'ExpenditureLine' ? '980.00' : rule === 'CapitationRateLine' || rule === 'CareCoordinationLine' ? '40.00' : '1,000.00';
                const value = money(amount);
                return { label: `${value.label} per member per month`, snippet: `${value.snippet} per member per month`, detail: 'an amount per member per month' };
            }
            return { ...money('0.00'), detail: `an amount in ${symbol || 'the contract\'s currency'}` };
        }
        case 'PERCENT': {
            if (rule === 'BenchmarkLine') {
                return { label: '85% of premium', snippet: '${1:85}% of premium', detail: 'a share of the premium' };
            }
            const example = PERCENT_EXAMPLES[rule] ?? '5';
            return { label: `${example}%`, snippet: `\${1:${example}}%`, detail: 'a percent, with its % sign' };
        }
        case 'NUMBER':
            if (rule === 'SharingRateLine') {
                return { label: '1 - final sharing rate between 40% and 75%', snippet: '1 - final sharing rate between ${1:40}% and ${2:75}%', detail: 'the MSSP loss rate: one minus the final sharing rate, within bounds' };
            }
            return rule === 'ProjectionYear' || rule === 'YearTerms' || rule === 'YearLine'
                ? { label: '1', snippet: '${1:1}', detail: 'a performance year of the term: 1, 2, 3 …' }
                : { label: '1,000', snippet: '${1:1,000}', detail: 'a number' };
        case 'DATE':
            return { label: '2025-01-01', snippet: '${1:2025-01-01}', detail: 'a date, YYYY-MM-DD' };
        case 'STRING':
            return { label: '"…"', snippet: '"${1}"', detail: 'a name in double quotes' };
        default:
            return undefined;
    }
}

export class AcoCompletionProvider extends DefaultCompletionProvider {
    private readonly shared: LangiumServices['shared'];
    override readonly completionOptions: CompletionProviderOptions = { triggerCharacters: [' '] };

    constructor(services: LangiumServices) {
        super(services);
        this.shared = services.shared;
    }

    override async getCompletion(document: LangiumDocument, params: CompletionParams, cancelToken?: CancellationToken): Promise<CompletionList | undefined> {
        const list = await super.getCompletion(document, params, cancelToken);
        if (list && params.context?.triggerKind === CompletionTriggerKind.TriggerCharacter && params.context.triggerCharacter === ' ') {
            // A space pops the list up only where an ID or a value comes next.
            const items = list.items.filter(item => item.data === VALUE);
            return { ...list, items };
        }
        return list;
    }

    protected override completionFor(context: CompletionContext, next: NextFeature, acceptor: CompletionAcceptor): MaybePromise<void> {
        if (GrammarAST.isRuleCall(next.feature) && !GrammarAST.isCrossReference(next.feature.$container)) {
            this.completionForValue(context, next, acceptor);
        }
        return super.completionFor(context, next, acceptor);
    }

    /** A figure where the grammar expects a money amount, percent, number, date or name. */
    private completionForValue(context: CompletionContext, next: NextFeature, acceptor: CompletionAcceptor): void {
        const call = next.feature as GrammarAST.RuleCall;
        const terminal = call.rule.ref?.name ?? '';
        const rule = next.type ?? AstUtils.getContainerOfType(call, GrammarAST.isParserRule)?.name ?? '';
        const root = context.document.parseResult.value;
        const code = ast.isContract(root) ? root.sections.find(ast.isCurrencyLine)?.code : undefined;
        const example = exampleValue(rule, terminal, currencySymbol(code ?? 'USD') || '$');
        if (!example) {
            return;
        }
        const snippets = clientCapabilities(this.shared).snippets;
        acceptor(context, {
            label: example.label,
            kind: CompletionItemKind.Value,
            detail: example.detail,
            documentation: TERM_DESCRIPTIONS[rule],
            insertText: snippets ? example.snippet : example.label,
            insertTextFormat: snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
            sortText: `1_${example.label}`,
            data: VALUE
        });
    }

    protected override createReferenceCompletionItem(nodeDescription: AstNodeDescription, refInfo: ReferenceInfo, context: CompletionContext): CompletionValueItem {
        const item = super.createReferenceCompletionItem(nodeDescription, refInfo, context);
        const node = nodeDescription.node;
        const title = ast.isProvider(node) || ast.isMeasure(node) ? node.title.replace(/^"|"$/g, '') : undefined;
        return { ...item, detail: title ?? item.detail, documentation: node ? TERM_DESCRIPTIONS[node.$type] : undefined, data: VALUE };
    }

    protected override completionForKeyword(context: CompletionContext, keyword: GrammarAST.Keyword, acceptor: CompletionAcceptor): MaybePromise<void> {
        const rule = AstUtils.getContainerOfType(keyword, GrammarAST.isParserRule);
        // The Name rule lists keywords only so they stay usable as IDs; they are not suggestions.
        if (!rule || rule.name === 'Name') {
            return;
        }
        const description = TERM_DESCRIPTIONS[rule.name];
        // A client without `snippetSupport` would insert the `${1:…}` placeholders as text. Every
        // section the word opens (`shared`: savings and losses; `quality`: quality and its bonus) that fits here.
        if (isFirstElement(rule, keyword) && clientCapabilities(this.shared).snippets) {
            for (const [name, snippet] of Object.entries(SNIPPETS)) {
                if ((name === rule.name || snippet.prefix === keyword.value) && this.snippetFits(context, name)) {
                    acceptor(context, {
                        label: snippet.label,
                        kind: CompletionItemKind.Snippet,
                        insertText: snippet.body,
                        insertTextFormat: InsertTextFormat.Snippet,
                        detail: `${snippet.prefix} … (snippet)`,
                        documentation: TERM_DESCRIPTIONS[name],
                        filterText: snippet.prefix,
                        sortText: `0_${snippet.label}`
                    });
                }
            }
        }
        if (keyword.value === 'per' && PER_MEMBER.has(rule.name)) {
            const phrases = rule.name === 'BenchmarkLine' ? ['per member per month', 'per member per year'] : ['per member per month'];
            for (const phrase of phrases) {
                acceptor(context, { label: phrase, kind: CompletionItemKind.Unit, detail: 'unit', documentation: description, sortText: `0_${phrase}`, data: VALUE });
            }
        }
        if (!this.filterKeyword(context, keyword) || !this.keywordFits(context, rule.name, keyword)) {
            return;
        }
        return acceptor(context, {
            label: keyword.value,
            kind: CompletionItemKind.Keyword,
            detail: 'keyword',
            documentation: description,
            sortText: `2_${keyword.value}`
        });
    }

    /** A snippet stands where its rule can: a section in the contract (or a `year` block), a block in its section; once only. */
    private snippetFits(context: CompletionContext, rule: string): boolean {
        const root = context.document.parseResult.value;
        if (rule === 'Contract') {
            return !ast.isContract(root) || root.$cstNode === undefined || root.$cstNode.text.trim() === '';
        }
        const container = this.containerAt(context);
        const inBlock = BLOCK_CONTAINERS[rule];
        if (inBlock) {
            return container !== undefined && inBlock(container);
        }
        if (container && ast.isYearTerms(container)) {
            return YEAR_SECTIONS.has(rule) && !container.sections.some(s => s.$type === rule);
        }
        if (!container || !ast.isContract(container)) {
            return false;
        }
        return REPEATABLE.has(rule) || !container.sections.some(s => s.$type === rule);
    }

    /** A section's opening keyword is not offered again for a section the contract has (a line's first word is). */
    private keywordFits(context: CompletionContext, rule: string, keyword: GrammarAST.Keyword): boolean {
        const snippet = SNIPPETS[rule];
        if (!snippet || BLOCK_CONTAINERS[rule] || REPEATABLE.has(rule) || rule === 'Contract' || !isFirstElement(AstUtils.getContainerOfType(keyword, GrammarAST.isParserRule)!, keyword)) {
            return true;
        }
        const container = this.containerAt(context);
        // `shared` and `quality` open more than one section: offered while any of them is missing.
        const openers = Object.entries(SNIPPETS).filter(([name, s]) => s.prefix === snippet.prefix && !BLOCK_CONTAINERS[name] && !REPEATABLE.has(name)).map(([name]) => name);
        const sections: readonly AstNode[] = container && (ast.isContract(container) || ast.isYearTerms(container)) ? container.sections : [];
        return openers.some(name => !sections.some(s => s.$type === name));
    }

    /** The section or block the cursor is directly inside (the node whose braces enclose it). */
    private containerAt(context: CompletionContext): AstNode | undefined {
        const root = context.document.parseResult.value;
        let found: AstNode | undefined = ast.isContract(root) ? root : undefined;
        for (const node of AstUtils.streamAst(root)) {
            const cst = node.$cstNode;
            if (!cst || node === root) {
                continue;
            }
            // Inside a block: after its `{`, before its `}` (or its end, while the `}` is still missing).
            const open = cst.text.indexOf('{');
            const close = cst.text.endsWith('}') ? cst.end - 1 : cst.end;
            if (open >= 0 && cst.offset + open < context.offset && context.offset <= close) {
                found = node;
            }
        }
        return found;
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
