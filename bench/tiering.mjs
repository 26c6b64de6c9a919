// Cold `check` with and without V8's optimising compiler (TurboFan), by fleet size: the
// measurements behind the threshold in src/cli/tiering.ts.
//
//   node bench/tiering.mjs [--runs 7] [--factors 10,30,100,300]
//
// Needs a built dist/. For the two real fleets and synthetic fleets of `factor` times the
// default one (bench/fleet.mjs), each sample is a fresh process running `check` in full (the
// memo cannot answer: BUILDMASTER_GEN_NO_MEMO=1), with TurboFan on or off, the two
// interleaved. Prints the median wall and CPU time (user+sys) of each, and which is faster.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeFleet } from './fleet.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const { values: opt } = parseArgs({ options: { runs: { type: 'string', default: '7' }, factors: { type: 'string', default: '10,30,100,300' } } });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

// The CLI's main() in a process whose flags we set: run this way, the CLI's own choice
// (check-gate.ts, only when it is the process's entry) does not apply.
const RUNNER = `
const { setFlagsFromString } = await import('node:v8');
if (process.env.TIER === 'off') setFlagsFromString('--no-turbofan');
const { main } = await import(${JSON.stringify(new URL('../dist/cli/main.cjs', import.meta.url).href)});
process.exitCode = await main(process.argv.slice(2), { out() {}, err() {}, env: { ...process.env, BUILDMASTER_GEN_NO_MEMO: '1' }, cwd: process.cwd() });
`;

function sample(args, tier) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [runner, ...args], { env: { ...process.env, TIER: tier }, encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - t) / 1e6;
  // 1: the synthetic fleets have no out/ to compare with; the whole pipeline still runs.
  if (r.status !== 0 && r.status !== 1) throw new Error(`check ${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
  return wall;
}

const work = mkdtempSync(join(tmpdir(), 'bmg-tiering-'));
const runner = join(work, 'runner.mjs');
writeFileSync(runner, RUNNER);
const fleets = [
  { label: '2017 fleet', args: ['check', '--fleet', ROOT], bytes: statSync(join(ROOT, 'workers.yaml')).size + statSync(join(ROOT, 'builders.yaml')).size },
  { label: '2026 fleet', args: ['check', '--fleet', join(ROOT, 'fleets/cpython-2026')], bytes: ['workers.yaml', 'builders.yaml'].reduce((a, f) => a + statSync(join(ROOT, 'fleets/cpython-2026', f)).size, 0) },
];
for (const factor of opt.factors.split(',').map(Number)) {
  const f = writeFleet(join(work, `x${factor}`), factor);
  fleets.push({ label: `${factor}x (${f.defCount} definitions)`, args: ['check', '--workers', f.workers, '--builders', f.builders, '--out', join(work, `out${factor}`)], bytes: f.bytes });
}
console.log(`cold check, median of ${opt.runs} interleaved runs (ms); load ${spawnSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).stdout.split(' ').slice(0, 3).join(' ')}`);
console.log('| fleet | YAML KiB | TurboFan on | off | faster |');
console.log('|---|---:|---:|---:|---|');
for (const f of fleets) {
  const on = [];
  const off = [];
  for (let i = 0; i < Number(opt.runs); i++) {
    on.push(sample(f.args, 'on'));
    off.push(sample(f.args, 'off'));
  }
  const [a, b] = [median(on), median(off)];
  console.log(`| ${f.label} | ${(f.bytes / 1024).toFixed(0)} | ${a.toFixed(0)} | ${b.toFixed(0)} | ${a < b ? 'on' : 'off'} (${(Math.max(a, b) / Math.min(a, b)).toFixed(2)}x) |`);
}
rmSync(work, { recursive: true, force: true });
