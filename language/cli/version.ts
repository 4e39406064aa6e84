/**
 * The version of `aco`: from the `aco-contracts` package.json nearest above this module (the
 * sources, the compiled `out/` tree and the bundles all sit below it). For `--version`, SARIF's
 * tool record, summaries' sign-off and the report cache. Read once per process (a run from the
 * startup snapshot reads it again: snapshot-main.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: { version: string | undefined } | undefined;
/** Where the search starts: this module's folder, or the one rereadVersion names. */
let start: string | undefined;

/** The package's version; undefined when no package.json of `aco-contracts` is above this module. */
export function packageVersion(): string | undefined {
    if (cached) {
        return cached.version;
    }
    cached = { version: undefined };
    let directory = start ?? path.dirname(fileURLToPath(import.meta.url));
    for (let depth = 0; depth < 6; depth++) {
        try {
            const manifest = JSON.parse(fs.readFileSync(path.join(directory, 'package.json'), 'utf-8')) as { name?: string; version?: string };
            if (manifest.name === 'aco-contracts' && manifest.version) {
                cached.version = manifest.version;
                break;
            }
        } catch {
            // no package.json here: look further up
        }
        const parent = path.dirname(directory);
        if (parent === directory) {
            break;
        }
        directory = parent;
    }
    return cached.version;
}

/**
 * Forgets the version read, so the next call reads package.json again, searching up from `file`'s
 * folder: a run from the startup snapshot names the bundle it runs beside, wherever the checkout
 * is now (the snapshot's own idea of where its code lies is where it was built).
 */
export function rereadVersion(file: string): void {
    cached = undefined;
    start = path.dirname(path.resolve(file));
}

/** The version to show: the package's, or 0.0.0 outside the package. */
export function toolVersion(): string {
    return packageVersion() ?? '0.0.0';
}
