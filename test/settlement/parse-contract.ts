/**
 * Contract text to AST synchronously, for tests that want the real model builder (and so the real
 * preset merge) without a document build.
 */
import { EmptyFileSystem } from 'langium';
import { createAcoServices } from '../../language/aco-module.js';
import type { Contract } from '../../language/generated/ast.js';

const parser = createAcoServices(EmptyFileSystem).Aco.parser.LangiumParser;

export function parseContract(text: string): Contract {
    const result = parser.parse<Contract>(text);
    if (result.lexerErrors.length > 0 || result.parserErrors.length > 0) {
        throw new Error(`syntax errors in test contract: ${[...result.lexerErrors, ...result.parserErrors].map(e => e.message).join('; ')}`);
    }
    return result.value;
}
