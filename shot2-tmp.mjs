import { chromium } from 'playwright-core';
import fs from 'node:fs'; import os from 'node:os'; import path from 'node:path';
const dir = fs.mkdtempSync(path.join(os.tmpdir(),'pw-'));
const ctx = await chromium.launchPersistentContext(dir, { executablePath: '/usr/bin/chromium', headless: true, viewport: {width: 1100, height: 1300}, args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run','--disable-quic'] });
const page = await ctx.newPage();
const f = process.argv[2];
await page.goto('file://' + f);
for (const sel of process.argv.slice(3)) {
  await page.locator(sel).screenshot({ path: `${f}.${sel.replace(/[^a-z0-9]/gi,'')}.png` });
}
await ctx.close();
