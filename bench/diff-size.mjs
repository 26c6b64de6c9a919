// How many lines of out/master.cfg each everyday edit changes, on both fleets, against the
// bound of issue 17 (2·k + 10 for an edit that changes k builders).
//
//   npm run build && node bench/diff-size.mjs [--json]
//
// Each edit is made on a temporary copy of the fleet's YAML (bench/diff-edits.mjs); both
// versions are generated with this checkout's dist/ and diffed line by line.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadFleet, renderConfig } from '../dist/pipeline.js';
import { EDITS, affectedBuilders, changedLineCount } from './diff-edits.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const FLEETS = { '2017': ROOT, '2026': join(ROOT, 'fleets/cpython-2026') };

/** master.cfg and the builders of a fleet given as YAML texts. */
function generate(texts) {
  const dir = mkdtempSync(join(tmpdir(), 'bmg-diff-size-'));
  try {
    const paths = { workers: join(dir, 'workers.yaml'), builders: join(dir, 'builders.yaml') };
    writeFileSync(paths.workers, texts.workers);
    writeFileSync(paths.builders, texts.builders);
    const g = loadFleet(paths);
    return { cfg: renderConfig(g, paths), builders: g.matrix.builders };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

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
