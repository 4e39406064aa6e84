// Node 20 lacks Object.groupBy (added in Node 21), and chevrotain 13, which Langium 4.4 parses
// with, calls it while it builds a parser. This module adds a spec-compliant fallback and must be
// imported before any parser is created: every entry point (CLI, language server, tests, the
// `langium generate` step via `node --import`) loads it first. On Node 21+ it does nothing.
if (typeof Object.groupBy !== 'function') {
    Object.defineProperty(Object, 'groupBy', {
        configurable: true,
        writable: true,
        enumerable: false,
        /**
         * @template T
         * @param {Iterable<T>} items
         * @param {(item: T, index: number) => PropertyKey} keyOf
         */
        value(items, keyOf) {
            /** @type {Record<PropertyKey, T[]>} */
            const groups = Object.create(null);
            let index = 0;
            for (const item of items) {
                const key = keyOf(item, index++);
                (groups[key] ??= []).push(item);
            }
            return groups;
        }
    });
}
export {};
