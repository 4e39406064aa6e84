import type { IToken, TokenType } from 'chevrotain';
import { DefaultLexerErrorMessageProvider, LangiumParserErrorMessageProvider } from 'langium';

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

export function describeTokenType(type: TokenType): string {
    const word = TOKEN_WORDS[type.name];
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

/** Syntax errors in words: "Expected a percent such as 2% but found '2.5'." */
export class AcoParserErrorMessageProvider extends LangiumParserErrorMessageProvider {
    override buildMismatchTokenMessage(options: { expected: TokenType; actual: IToken; previous: IToken; ruleName: string }): string {
        return `Expected ${describeTokenType(options.expected)} but found ${describeActual(options.actual)}.`;
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
        return `Expected ${listChoices(firsts.map(describeTokenType))} but found ${describeActual(options.actual[0])}.`;
    }

    override buildEarlyExitMessage(options: {
        expectedIterationPaths: TokenType[][];
        actual: IToken[];
        previous: IToken;
        customUserDescription: string;
        ruleName: string;
    }): string {
        const firsts = options.expectedIterationPaths.map(path => path[0]).filter(t => t !== undefined);
        return `Expected at least one ${listChoices(firsts.map(describeTokenType))} but found ${describeActual(options.actual[0])}.`;
    }
}

export class AcoLexerErrorMessageProvider extends DefaultLexerErrorMessageProvider {
    override buildUnexpectedCharactersMessage(fullText: string, startOffset: number, length: number): string {
        const text = fullText.substring(startOffset, startOffset + Math.min(length, 20));
        return `Unexpected character${length > 1 ? 's' : ''} '${text}': not part of any money amount, percent, number, name or keyword.`;
    }
}
