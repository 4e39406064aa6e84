/**
 * The validation registry that calls checks without Langium's per-check promises: a check that
 * fails still puts an error on its node, whether it throws or its promise rejects; cancellation
 * still stops the build; each node type gets the checks registered for it and for every node.
 */
import { EmptyFileSystem, OperationCancelled, URI, type AstNode, type ValidationAcceptor } from 'langium';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createAcoServices } from '../../language/aco-module.js';
import { AcoValidationRegistry } from '../../language/validation/validation-registry.js';

const text = 'contract "Registry" {\n    currency USD\n}\n';

async function validateWith(checks: Record<string, (node: AstNode, accept: ValidationAcceptor) => unknown>): Promise<string[]> {
    const { shared, Aco } = createAcoServices(EmptyFileSystem);
    Aco.validation.ValidationRegistry.register(checks as never);
    const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse('memory:///registry.aco'));
    shared.workspace.LangiumDocuments.addDocument(document);
    await shared.workspace.DocumentBuilder.build([document], { validation: true });
    return (document.diagnostics ?? []).map(d => String(d.message));
}

afterEach(() => {
    vi.restoreAllMocks();
});

describe('the validation registry', () => {
    test('is the one the language uses', () => {
        expect(createAcoServices(EmptyFileSystem).Aco.validation.ValidationRegistry).toBeInstanceOf(AcoValidationRegistry);
    });

    test('a check that throws reports an error on its node, and the other checks still run', async () => {
        vi.spyOn(console, 'error').mockImplementation(() => undefined);
        const messages = await validateWith({
            CurrencyLine: () => {
                throw new Error('broken check');
            },
            Contract: (node, accept) => accept('warning', 'still checked', { node })
        });
        expect(messages).toContain('An error occurred during validation: broken check');
        expect(messages).toContain('still checked');
    });

    test('a check whose promise rejects reports the same error', async () => {
        vi.spyOn(console, 'error').mockImplementation(() => undefined);
        const messages = await validateWith({ CurrencyLine: () => Promise.reject(new Error('async check failed')) });
        expect(messages).toContain('An error occurred during validation: async check failed');
    });

    test('an asynchronous check is awaited before the document counts as validated', async () => {
        const messages = await validateWith({
            CurrencyLine: async (node, accept) => {
                await new Promise(resolve => setTimeout(resolve, 5));
                accept('warning', 'late but there', { node });
            }
        });
        expect(messages).toContain('late but there');
    });

    test('cancellation is passed on, not reported as a failed check', () => {
        const registry = new AcoValidationRegistry(createAcoServices(EmptyFileSystem).Aco);
        registry.register({ CurrencyLine: () => {
            throw OperationCancelled;
        } } as never);
        const accept = vi.fn();
        const [check] = registry.checksFor('CurrencyLine');
        let thrown: unknown;
        try {
            void check({ $type: 'CurrencyLine' } as AstNode, accept, undefined as never);
        } catch (error) {
            thrown = error;
        }
        expect(thrown).toBe(OperationCancelled);
        expect(accept).not.toHaveBeenCalled();
    });

    test('a node type gets its own checks and those for every node, and a later registration is seen', () => {
        const registry = createAcoServices(EmptyFileSystem).Aco.validation.ValidationRegistry as AcoValidationRegistry;
        const before = registry.checksFor('CurrencyLine').length;
        expect(before).toBeGreaterThan(registry.checksFor('StartLine').length - 1);
        registry.register({ CurrencyLine: () => undefined } as never);
        expect(registry.checksFor('CurrencyLine')).toHaveLength(before + 1);
        expect(registry.checksFor('CurrencyLine', ['built-in'])).toEqual([]);
    });
});
