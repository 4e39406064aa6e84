/** Types of package-extension.mjs, for the tests that package the extension. */
export function vsceArgs(out: string): string[];
export function packageExtension(out: string): void;
