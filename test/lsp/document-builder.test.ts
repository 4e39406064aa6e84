/**
 * The document builder publishes every validated document's diagnostics, even when the build is
 * cancelled (a new edit, another opened file) in the moment between validating a document and
 * telling the listeners. Langium 4.4 skipped the listeners then, and never validated the
 * document again: its diagnostics were never shown.
 */
import { DocumentState, EmptyFileSystem, URI } from 'langium';
import * as fs from 'node:fs';
import { describe, expect, test } from 'vitest';
import { CancellationTokenSource } from 'vscode-languageserver';
import { createAcoServices } from '../../language/aco-module.js';

const spec = fs.readFileSync(new URL('../data/spec-contract.aco', import.meta.url), 'utf-8');

describe('a build cancelled right after a document is validated', () => {
    test("still publishes that document's diagnostics", async () => {
        const { shared, Aco } = createAcoServices(EmptyFileSystem);
        const source = new CancellationTokenSource();
        // The cancellation lands once the document is validated, before the listeners run: as when
        // an edit arrives while the validator settles the contract's scenarios.
        const validator = Aco.validation.DocumentValidator;
        const validate = validator.validateDocument.bind(validator);
        validator.validateDocument = async (...args) => {
            const diagnostics = await validate(...args);
            source.cancel();
            return diagnostics;
        };
        const published: string[] = [];
        shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Validated, document => {
            published.push(document.uri.toString());
        });
        const uri = URI.parse('file:///virtual/cancelled.aco');
        const document = shared.workspace.LangiumDocumentFactory.fromString(spec.replace('sharing rate 75%', 'sharing rate 175%'), uri);
        shared.workspace.LangiumDocuments.addDocument(document);
        await shared.workspace.DocumentBuilder.build([document], { validation: true }, source.token).catch(() => undefined);
        expect(published).toEqual([uri.toString()]);
        expect(document.diagnostics?.map(d => d.code)).toContain('percent-range');
        expect(document.state).toBe(DocumentState.Validated);
    });
});
