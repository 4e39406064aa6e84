import { test } from 'vitest';
import * as fs from 'node:fs';
import { loadContracts } from '../../language/cli/contracts.js';
import { readContract } from '../../language/cli/files.js';
import { summaryHtml, summaryMarkdown, summaryMonteCarlo } from '../../language/summary/index.js';
test('scratch', async () => {
  for (const name of fs.readdirSync('examples')) {
    const [c] = await loadContracts([readContract(`/work/main/examples/${name}`)]);
    const a = c.analysis!;
    const input = { ...a, monteCarlo: summaryMonteCarlo(a.model) };
    const md = summaryMarkdown(input, { chartBaseName: name.replace('.aco','') });
    fs.writeFileSync(`/tmp/sumout/${name}.md`, md.markdown);
    for (const f of md.files) fs.writeFileSync(`/tmp/sumout/${f.name}`, f.content);
    fs.writeFileSync(`/tmp/sumout/${name}.html`, summaryHtml(input));
  }
});
