import { DefaultValueConverter, type CstNode, type GrammarAST, type ValueType } from 'langium';
import { parseMoneyText, parseNumberText, parsePercentText } from '../values.js';

/**
 * Money, percent and count tokens become exact decimal strings in the AST (see values.ts), so
 * nothing downstream re-reads token text or touches binary floats.
 */
export class AcoValueConverter extends DefaultValueConverter {
    protected override runConverter(rule: GrammarAST.AbstractRule, input: string, cstNode: CstNode): ValueType {
        switch (rule.name) {
            case 'MONEY':
                return parseMoneyText(input).amount;
            case 'PERCENT':
                return parsePercentText(input);
            case 'NUMBER':
                return parseNumberText(input);
            case 'DATE':
                return input; // kept as ISO text; validation checks it is a real calendar date
            case 'STRING':
                return unescapeString(input);
            default:
                return super.runConverter(rule, input, cstNode);
        }
    }
}

/** `"St. Mary\"s"` → `St. Mary"s`: only `\"` and `\\` are escapes; any other backslash stays. */
export function unescapeString(token: string): string {
    return token.slice(1, -1).replace(/\\(["\\])/g, '$1');
}
