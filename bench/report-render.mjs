#!/usr/bin/env node
// How fast the report opens: for each fleet, the size of report.html and, over several
// loads in Debian's chromium (headless, from file://), the time the page's script takes
// to draw the matrix (data parsed to matrix drawn) and the time to the load event.
// Needs a built dist/ and /usr/bin/chromium.
//
//   node bench/report-render.mjs [--runs 5]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('../', import.meta.url));
const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Number(values.runs);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const temp = mkdtempSync(join(tmpdir(), 'report-bench-'));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-background-networking'] });
try {
  console.log('fleet                 builders  size (KiB)  script draws matrix (ms, median/min/max)  load event (ms, median/min/max)');
  for (const fleet of ['.', 'fleets/cpython-2026']) {
    const file = join(temp, `${fleet.replace(/\W/g, '_')}.html`);
    const r = spawnSync(process.execPath, [join(root, 'dist', 'cli', 'main.cjs'), 'report', '--fleet', fleet, '-o', file], { cwd: root, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`report failed: ${r.stderr}`);
    const draw = [];
    const load = [];
    let builders = 0;
    for (let i = 0; i < runs; i++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(`file://${file}`, { waitUntil: 'load' });
      const m = await page.evaluate(() => ({
        draw: Number(document.documentElement.dataset.renderMs),
        load: performance.getEntriesByType('navigation')[0].loadEventStart,
        builders: document.querySelectorAll('#matrix .chip').length,
      }));
      draw.push(m.draw);
      load.push(m.load);
      builders = m.builders;
      await page.close();
    }
    const fmt = (xs) => `${median(xs).toFixed(0)} / ${Math.min(...xs).toFixed(0)} / ${Math.max(...xs).toFixed(0)}`;
    console.log(`${(fleet === '.' ? 'default (2017)' : fleet).padEnd(22)}${String(builders).padStart(8)}  ${(statSync(file).size / 1024).toFixed(0).padStart(10)}  ${fmt(draw).padStart(40)}  ${fmt(load).padStart(31)}`);
  }
} finally {
  await browser.close();
  rmSync(temp, { recursive: true, force: true });
}
