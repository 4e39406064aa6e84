import type { IToken, TokenType } from 'chevrotain';
import { DefaultLexerErrorMessageProvider, LangiumParserErrorMessageProvider } from 'langium';
import { Dec } from '../decimal.js';

/** What a contract author calls each kind of token. */
const TOKEN_WORDS: Record<string, string> = {
    MONEY: 'a money amount such as $1,050.00',
    PERCENT: 'a percent such as 2%',
    NUMBER: 'a number such as 12,500',
    DATE: 'a date such as 2025-01-01',
    STRING: 'a quoted name such as "Riverside Primary Care"',
    ID: 'an ID such as RPC',
    EOF: 'the end of the file'
};

/** The same words without the example, for messages that go on to propose the figure itself. */
const PLAIN_WORDS: Record<string, string> = { MONEY: 'a money amount', PERCENT: 'a percent' };

export function describeTokenType(type: TokenType, plain = false): string {
    const word = (plain ? PLAIN_WORDS[type.name] : undefined) ?? TOKEN_WORDS[type.name];
    if (word) {
        return word;
    }
    // Keywords are named after their text.
    return `'${type.name}'`;
}

function describeActual(token: IToken | undefined): string {
    if (!token || token.tokenType?.name === 'EOF') {
        return 'the end of the file';
    }
    return `'${token.image}'`;
}

/** Lists choices as "a, b or c", without repeats, keeping at most eight. */
function listChoices(words: string[]): string {
    const unique = [...new Set(words)];
    const shown = unique.slice(0, 8);
    const more = unique.length > shown.length ? ` (or ${unique.length - shown.length} more)` : '';
    if (shown.length <= 1) {
        return (shown[0] ?? 'something else') + more;
    }
    return `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}${more}`;
}

/**
 * Lines whose rates are small (a few percent at most): there a bare `0.5` more likely means 0.5%
 * than a fraction of 50%. The figure is the largest percent a fraction may stand for on that line.
 */
const SMALL_RATE_CEILINGS: Readonly<Record<string, number>> = {
    MinimumSavingsRateLine: 5, MinimumLossRateLine: 5, SequestrationLine: 5, DiscountLine: 15, QualityWithholdLine: 10,
    TrendLine: 15, BudgetTrendLine: 15, RiskRatioCapLine: 10, CapLine: 25, CapitationWithholdLine: 30
};

/**
 * The percent a bare number most likely meant on a line of rule `rule`: `75` → `75%`; a fraction
 * such as `0.75` → `75%` (or `0.5` → `0.5%` on a line whose rates are small, where 50% would be
 * far out of range).
 */
export function percentProposal(found: string, rule?: string): string {
    const sign = found.startsWith('-') ? '-' : '';
    const body = found.replace(/^-/, '').replaceAll(',', '');
    if (body.includes('.') && /^\d+(\.\d+)?$/.test(body)) {
        const value = new Dec(body);
        // Langium marks its rule names with a zero-width space: keep the letters.
        const ceiling = (rule && SMALL_RATE_CEILINGS[rule.replace(/\W/g, '')]) ?? 100;
        if (value.lessThan(1) && value.times(100).lessThanOrEqualTo(ceiling)) {
            return `${sign}${value.times(100).toFixed()}%`;
        }
    }
    return `${sign}${body}%`;
}

/** `1,050.00` → `$1,050.00`, `-5` → `-$5`: the amount with the currency's symbol. */
export function moneyProposal(found: string, symbol = '$'): string {
    return found.startsWith('-') ? `-${symbol}${found.slice(1)}` : `${symbol}${found}`;
}

/** Why the proposal reads as it does. */
function proposalReason(found: string, proposal: string): string {
    if (!proposal.endsWith('%')) {
        return "amounts carry the currency's symbol";
    }
    return proposal === `${found.replaceAll(',', '')}%` ? 'percents carry the % sign' : `${found} as a fraction is ${proposal}`;
}

/** `…: write 75% (0.75 as a fraction is 75%).`: the proposal a quick fix can apply. */
function withProposal(base: string, found: string, proposal: string): string {
    return `${base}: write ${proposal} (${proposalReason(found, proposal)}).`;
}

const PROPOSAL = /: write (\S+) \([^)]*\)\.$/;

/** The figure a syntax message proposes (`75%`, `$1,050.00`), for the quick fix that writes it. */
export function proposalIn(message: string): string | undefined {
    return PROPOSAL.exec(message)?.[1];
}

/**
 * The message for a bare number where a percent or a money amount is expected, proposing the
 * figure it most likely meant; undefined when neither is expected or the token is not a number.
 */
function numberInPlaceOf(expected: readonly TokenType[], actual: IToken | undefined, rule: string, next?: IToken): string | undefined {
    if (actual?.tokenType?.name !== 'NUMBER') {
        return undefined;
    }
    const names = new Set(expected.map(type => type.name));
    // Where either fits (`benchmark $X per …` or `benchmark P% of premium`), the next word or a
    // thousands separator tells which was meant.
    const percent = names.has('PERCENT') && (!names.has('MONEY') || (next?.image === 'of' && !actual.image.includes(',')));
    const proposal = percent ? percentProposal(actual.image, rule) : names.has('MONEY') ? moneyProposal(actual.image) : undefined;
    if (!proposal) {
        return undefined;
    }
    const base = `Expected ${listChoices(expected.map(type => describeTokenType(type, true)))} but found ${describeActual(actual)}`;
    return withProposal(base, actual.image, proposal);
}

/** The message for `sharing rate 0.75` and like forms that parse a number where a percent belongs. */
export function percentExpectedMessage(found: string, rule: string): { message: string; proposal: string } {
    const proposal = percentProposal(found, rule);
    return { message: withProposal(`Expected a percent but found '${found}'`, found, proposal), proposal };
}

/** Syntax errors in words: "Expected a percent but found '2.5': write 2.5% (percents carry the % sign)." */
export class AcoParserErrorMessageProvider extends LangiumParserErrorMessageProvider {
    override buildMismatchTokenMessage(options: { expected: TokenType; actual: IToken; previous: IToken; ruleName: string }): string {
        return numberInPlaceOf([options.expected], options.actual, options.ruleName)
            ?? `Expected ${describeTokenType(options.expected)} but found ${describeActual(options.actual)}.`;
    }

    override buildNotAllInputParsedMessage(options: { firstRedundant: IToken; ruleName: string }): string {
        return `Unexpected ${describeActual(options.firstRedundant)} after the end of the contract.`;
    }

    override buildNoViableAltMessage(options: {
        expectedPathsPerAlt: TokenType[][][];
        actual: IToken[];
        previous: IToken;
        customUserDescription: string;
        ruleName: string;
    }): string {
        const firsts = options.expectedPathsPerAlt.flatMap(alt => alt.map(path => path[0])).filter(t => t !== undefined);
        return numberInPlaceOf(firsts, options.actual[0], options.ruleName, options.actual[1])
            ?? `Expected ${listChoices(firsts.map(type => describeTokenType(type)))} but found ${describeActual(options.actual[0])}.`;
    }

    override buildEarlyExitMessage(options: {
        expectedIterationPaths: TokenType[][];
        actual: IToken[];
        previous: IToken;
        customUserDescription: string;
        ruleName: string;
    }): string {
        const firsts = options.expectedIterationPaths.map(path => path[0]).filter(t => t !== undefined);
        return `Expected at least one ${listChoices(firsts.map(type => describeTokenType(type)))} but found ${describeActual(options.actual[0])}.`;
    }
}

export class AcoLexerErrorMessageProvider extends DefaultLexerErrorMessageProvider {
    override buildUnexpectedCharactersMessage(fullText: string, startOffset: number, length: number): string {
        const text = fullText.substring(startOffset, startOffset + Math.min(length, 20));
        return `Unexpected character${length > 1 ? 's' : ''} '${text}': not part of any money amount, percent, number, name or keyword.`;
    }
}
