// Packages the VS Code extension with vsce: the marketplace page is extension/README.md (written
// for contract authors) with its CHANGELOG; relative links and images in it become absolute
// URLs into the repository, so the page has no broken links. Used by `npm run package`, the
// .vsix test and the e2e test, so all three package the same way.
//
//   node scripts/package-extension.mjs OUT.vsix
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf-8'));
const repository = manifest.repository.url.replace(/\.git$/, '');

export function vsceArgs(out) {
    return [
        'package', '--no-dependencies',
        '--readme-path', 'extension/README.md', '--changelog-path', 'extension/CHANGELOG.md',
        '--baseContentUrl', `${repository}/blob/HEAD/extension/`, '--baseImagesUrl', `${repository}/raw/HEAD/extension/`,
        '--out', out
    ];
}

export function packageExtension(out) {
    execFileSync(process.execPath, [path.join(root, 'node_modules/@vscode/vsce/vsce'), ...vsceArgs(out)], { cwd: root, stdio: 'pipe' });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    const out = process.argv[2] ?? `aco-contracts-${manifest.version}.vsix`;
    packageExtension(out);
    console.log(`wrote ${out}`);
}
