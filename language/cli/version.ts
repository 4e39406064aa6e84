/** The version of `aco`, from package.json: for `--version`, SARIF's tool record and the report cache. */
import { createRequire } from 'node:module';

let cached: string | undefined;

export function toolVersion(): string {
    if (cached !== undefined) {
        return cached;
    }
    const require = createRequire(import.meta.url);
    // From the compiled modules (out/language/cli/); from the bundle (out/cli/) or the sources.
    for (const candidate of ['../../../package.json', '../../package.json']) {
        try {
            cached = (require(candidate) as { version: string }).version;
            return cached;
        } catch {
            // try the next layout
        }
    }
    cached = '0.0.0';
    return cached;
}
