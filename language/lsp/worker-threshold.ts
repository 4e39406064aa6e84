/**
 * Above this size (characters), a document is parsed in a worker: roughly 30,000 lines, 300 ms of
 * parsing. A module of its own so that what only reads the number (the document factory, which
 * the CLI uses too) does not load the worker machinery with it.
 */
export const WORKER_PARSE_THRESHOLD = 1_000_000;
