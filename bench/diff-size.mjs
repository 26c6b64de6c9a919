// How many lines of out/master.cfg each everyday edit changes, on both fleets, against the
// bound of issue 17 (2·k + 10 for an edit that changes k builders).
//
//   npm run build && node bench/diff-size.mjs [--json]
//
// Each edit is made on a temporary copy of the fleet's YAML (bench/diff-edits.mjs); both
// versions are generated with this checkout's dist/ and diffed line by line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadFleet, renderConfig } from '../dist/pipeline.js';
import { EDITS, affectedBuilders, changedLineCount, generateTexts } from './diff-edits.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const FLEETS = { '2017': ROOT, '2026': join(ROOT, 'fleets/cpython-2026') };

const generate = (texts) => generateTexts(texts, { loadFleet, renderConfig });

export function measure() {
  const rows = [];
  for (const [fleet, dir] of Object.entries(FLEETS)) {
    const texts = { workers: readFileSync(join(dir, 'workers.yaml'), 'utf8'), builders: readFileSync(join(dir, 'builders.yaml'), 'utf8') };
    const base = generate(texts);
    for (const { id, what, edit } of EDITS[fleet]) {
      const after = generate(edit(texts));
      const k = affectedBuilders(base.builders, after.builders).size;
      const lines = changedLineCount(base.cfg, after.cfg);
      rows.push({ fleet, edit: id, what, builders: k, lines, bound: 2 * k + 10 });
    }
  }
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = measure();
  if (process.argv.includes('--json')) console.log(JSON.stringify(rows, null, 2));
  else {
    console.log('| fleet | edit | builders changed (k) | master.cfg lines changed | bound 2k+10 |');
    console.log('|---|---|---:|---:|---:|');
    for (const r of rows) console.log(`| ${r.fleet} | ${r.edit}: ${r.what} | ${r.builders} | ${r.lines}${r.lines > r.bound ? ' (over)' : ''} | ${r.bound} |`);
  }
}
