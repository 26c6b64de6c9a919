// Before/after: the same command of two builds of buildmaster-gen, runs interleaved
// (A, B, A, B, ...) so that a busy machine slows both alike. Every run is cold: `check`'s
// memo cannot answer.
//
//   node bench/ab.mjs ROOT_A ROOT_B [--factor 1] [--cmd check] [--runs 10]
//
// ROOT_A and ROOT_B are checkouts with a built dist/ (e.g. `git archive <rev> | tar -x -C
// /tmp/a`, a node_modules symlink, `npx tsc -p .` and, where it exists,
// `node scripts/precompile.mjs`). Prints wall time (median, min, max) and peak RSS.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeFleet } from './fleet.mjs';

const { values: opt, positionals } = parseArgs({
  allowPositionals: true,
  options: { factor: { type: 'string', default: '1' }, cmd: { type: 'string', default: 'check' }, runs: { type: 'string', default: '10' } },
});
const roots = positionals.map((p) => resolve(p));
if (roots.length !== 2) {
  console.error('usage: node bench/ab.mjs ROOT_A ROOT_B [--factor N] [--cmd validate|generate|check] [--runs N]');
  process.exit(2);
}
const work = mkdtempSync(join(tmpdir(), 'buildmaster-gen-ab-'));
const f = writeFleet(work, Number(opt.factor));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const res = roots.map(() => ({ ms: [], rss: [] }));
const outOf = (i) => join(work, `out${i}`);
for (const [i, root] of roots.entries()) {
  const r = spawnSync(process.execPath, [join(root, 'dist/cli/main.cjs'), 'generate', '--workers', f.workers, '--builders', f.builders, '--out', outOf(i)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${root}: generate failed\n${r.stderr}`);
}
for (let run = 0; run < Number(opt.runs); run++) {
  for (const [i, root] of roots.entries()) {
    if (opt.cmd === 'generate') rmSync(outOf(i), { recursive: true, force: true });
    const rssFile = join(work, 'rss');
    const t = process.hrtime.bigint();
    const args = [join(root, 'dist/cli/main.cjs'), opt.cmd, '--workers', f.workers, '--builders', f.builders, '--out', outOf(i)];
    // A cold run: a cache directory no run has used, so `check`'s memo cannot answer.
    const options = { encoding: 'utf8', env: { ...process.env, BUILDMASTER_GEN_CACHE: join(work, `cache-${run}-${i}`) } };
    const r = existsSync('/usr/bin/time') ? spawnSync('/usr/bin/time', ['-f', '%M', '-o', rssFile, process.execPath, ...args], options) : spawnSync(process.execPath, args, options);
    res[i].ms.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (r.status !== 0) throw new Error(`${root}: ${opt.cmd} exit ${r.status}\n${r.stderr}`);
    if (existsSync(rssFile)) res[i].rss.push(Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) / 1024);
  }
}
console.log(`${opt.cmd} on ${opt.factor}x (${f.defCount} definitions), ${opt.runs} interleaved runs; load ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
for (const [i, root] of roots.entries()) {
  const { ms, rss } = res[i];
  console.log(`  ${'AB'[i]} ${root}: median ${median(ms).toFixed(1)} ms (min ${Math.min(...ms).toFixed(1)}, max ${Math.max(...ms).toFixed(1)}), peak RSS ${rss.length ? Math.max(...rss).toFixed(0) : '?'} MiB`);
}
console.log(`  B/A: ${(median(res[1].ms) / median(res[0].ms)).toFixed(2)}`);
rmSync(work, { recursive: true, force: true });
