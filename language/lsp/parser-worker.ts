/**
 * The worker thread that parses very large contracts for the language server (see
 * async-parser.ts): it receives the text and sends back the dehydrated parse result.
 */
import '../polyfills.js';
import { EmptyFileSystem } from 'langium';
import { parentPort } from 'node:worker_threads';
import { createAcoServices } from '../aco-module.js';

const { Aco } = createAcoServices(EmptyFileSystem);
const parser = Aco.parser.LangiumParser;
const hydrator = Aco.serializer.Hydrator;

parentPort?.on('message', (text: string) => {
    parentPort?.postMessage(hydrator.dehydrate(parser.parse(text)));
});
