#!/usr/bin/env node
// The README's picture of the report: docs/report.png, the 2026 fleet's report at
// 1280x800 filtered to the tier-1 builders on aarch64 ("which tier-1 builders run on
// ARM?"). Needs a built dist/ (`npm run build`) and Debian's chromium (scripts/setup.sh).
//
//   node scripts/screenshot-report.mjs [--out docs/report.png]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('../', import.meta.url));
const { values } = parseArgs({ options: { out: { type: 'string', default: join(root, 'docs', 'report.png') } } });
const temp = mkdtempSync(join(tmpdir(), 'report-shot-'));
try {
  const file = join(temp, 'report.html');
  const r = spawnSync(process.execPath, [join(root, 'dist', 'cli', 'main.cjs'), 'report', '--fleet', 'fleets/cpython-2026', '-o', file], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`report failed: ${r.stderr}`);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-background-networking'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`file://${file}#tier=tier-1&arch=aarch64`);
    await page.waitForSelector('html[data-ready]');
    await page.screenshot({ path: values.out });
  } finally {
    await browser.close();
  }
  console.log(`wrote ${values.out}`);
} finally {
  rmSync(temp, { recursive: true, force: true });
}
