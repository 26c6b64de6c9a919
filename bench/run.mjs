#!/usr/bin/env node
// The benchmark: how long generation takes and how it grows with the fleet.
//
//   node bench/run.mjs [--quick] [--sizes 1,10,100,618,1000] [--runs N] [--no-buildbot] [--buildbot 3.7|4.3] [--keep] [--out FILE.json]
//
// Needs a built dist/ (`npm run build`). For synthetic fleets of 1x, 10x, 100x, 618x (the
// 100,000-builder point) and 1000x the default one (bench/fleet.mjs) it measures, as whole processes, `validate`,
// `generate` and `check` (wall time: median, min, max of several runs; peak RSS), and the
// time of each stage inside one process (bench/stages.mjs). At 1x it also times
// `node -e ""` side by side with `check`. It then loads the generated master.cfg and a
// hand-written equivalent (bench/baseline.mjs) in Buildbot (1x and 10x): whole
// `buildbot checkconfig` processes, and the config load alone inside one Python process,
// after checking that both configs give Buildbot the same objects.
//
// --buildbot 4.3 runs the Buildbot parts on production's Buildbot (scripts/buildbot-4.3.sh).
//
// Writes bench/results.json and bench/results.md (a table for the README; `node
// bench/summary.mjs FILE.json` re-renders it). A full run takes 4-8 minutes on 2 cores;
// --quick (1x, 10x, 100x, fewer runs, Buildbot at 1x) about 30 seconds. It also times `check`
// (remembered, and in full) and loads the 2026 fleet (fleets/cpython-2026) in Buildbot, against
// its hand-written equivalent (bench/baseline-2026.mjs).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeFleet, readDefaultFleet } from './fleet.mjs';
import { summary } from './summary.mjs';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const CLI = here('../dist/cli/main.cjs');
const STAGES = here('./stages.mjs');
const COMPARE = here('./compare_configs.py');
const RSS_HOOK = here('./rss-hook.mjs');
const FLOOR = here('./floor.mjs');
const TIME = '/usr/bin/time';

const { values: opt } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    sizes: { type: 'string' },
    runs: { type: 'string' },
    'no-buildbot': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    out: { type: 'string', default: here('./results.json') },
    // 3.7: Debian 12's, in /usr/bin. 4.3: production's, from scripts/buildbot-4.3.sh (its shims run it in the root).
    buildbot: { type: 'string', default: '3.7' },
  },
});
if (!['3.7', '4.3'].includes(opt.buildbot)) {
  console.error(`bench: --buildbot must be 3.7 or 4.3, not ${opt.buildbot}`);
  process.exit(2);
}
const ROOT_43 = here('../.buildbot/4.3');
if (opt.buildbot === '4.3' && !existsSync(join(ROOT_43, '.complete'))) {
  console.error('bench: Buildbot 4.3 is not installed here: run `sh scripts/buildbot-4.3.sh` first');
  process.exit(2);
}
/** A command that runs `name` from Buildbot 4.3's root (scripts/in-root.sh), as a script in the bench's work dir. */
function inRoot(name) {
  const dir = join(tmpdir(), 'bmg-bench-4.3');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\nexec '${here('../scripts/in-root.sh')}' /usr/bin/${name} "$@"\n`, { mode: 0o755 });
  return path;
}
const PYTHON = opt.buildbot === '3.7' ? '/usr/bin/python3' : inRoot('python3'); // Debian's buildbot runs under Debian's python3
const BUILDBOT = opt.buildbot === '3.7' ? '/usr/bin/buildbot' : inRoot('buildbot');
if (!existsSync(CLI)) {
  console.error('bench: dist/cli/main.cjs is missing: run `npm run build` first');
  process.exit(2);
}
{
  // Measure what `npm run build` makes: warn when the precompiled files are missing or stale.
  const probe = spawnSync(process.execPath, ['--input-type=module', '-e', `
    import { createRequire } from 'node:module';
    const { renderConfig, loadFleet } = await import(${JSON.stringify(new URL('../dist/pipeline.js', import.meta.url).href)});
    const paths = { workers: ${JSON.stringify(here('../workers.yaml'))}, builders: ${JSON.stringify(here('../builders.yaml'))} };
    renderConfig(loadFleet(paths), paths);
    const loaded = Object.keys(createRequire(import.meta.url).cache).join(' ');
    console.log(JSON.stringify({ ajv: /ajv.dist.2020/.test(loaded), handlebarsCompiler: /handlebars.dist.cjs.handlebars.compiler/.test(loaded), diff: /node_modules.diff/.test(loaded) }));
  `], { encoding: 'utf8' });
  const used = probe.status === 0 ? JSON.parse(probe.stdout) : undefined;
  if (!used) console.error(`bench: could not probe dist/: ${probe.stderr}`);
  else if (used.ajv || used.handlebarsCompiler) console.error('bench: WARNING: dist/ compiles schemas or templates at run time (precompiled files missing or stale): run `npm run build` first');
}
// 618x is the 100,000-builder point (100,116 builders) of the "under 10 s, under 1 GiB" target.
const sizes = opt.sizes ? opt.sizes.split(',').map(Number) : opt.quick ? [1, 10, 100] : [1, 10, 100, 618, 1000];
/** Runs per measurement: more where runs are short (and noisier). */
const runsFor = (factor) => (opt.runs ? Number(opt.runs) : opt.quick ? (factor <= 10 ? 5 : 3) : factor <= 1 ? 15 : factor <= 10 ? 10 : factor <= 100 ? 5 : 3);
const buildbotSizes = opt['no-buildbot'] || !existsSync(BUILDBOT) ? [] : sizes.filter((s) => s <= (opt.quick ? 1 : 10));
const useTime = existsSync(TIME);

const work = mkdtempSync(join(tmpdir(), 'buildmaster-gen-bench-'));
// The fleets and outputs take up to ~1 GiB: removed however the run ends (unless --keep).
process.on('exit', () => {
  if (!opt.keep) rmSync(work, { recursive: true, force: true });
});
const started = Date.now();
const log = (s) => process.stderr.write(`${s}\n`);

// ---- measuring one process ----
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const stats = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), runs: xs.length });
const round = (x, d = 1) => (x === undefined || x === null || Number.isNaN(x) ? x : Math.round(x * 10 ** d) / 10 ** d);

/** Run argv once: wall milliseconds, peak RSS in KiB, exit code, stdout. */
function runOnce(argv, { expect = 0, cwd, env = {} } = {}) {
  const rssFile = join(work, 'rss');
  rmSync(rssFile, { force: true });
  let cmd;
  let args;
  if (useTime) [cmd, args] = [TIME, ['-f', '%M %U %S', '-o', rssFile, ...argv]];
  else if (argv[0] === process.execPath) [cmd, args] = [argv[0], ['--import', RSS_HOOK, ...argv.slice(1)]];
  else [cmd, args] = [argv[0], argv.slice(1)];
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, RSS_FILE: rssFile, NO_COLOR: '1', ...env } });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== expect) throw new Error(`${argv.join(' ')}: exit ${r.status}, expected ${expect}\n${r.stderr}`);
  let rssKiB;
  let cpuMs;
  try {
    // "%M %U %S": peak RSS in KiB, user and system CPU seconds (GNU time's last line)
    const [m, u, sy] = readFileSync(rssFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
    rssKiB = m;
    cpuMs = u !== undefined && sy !== undefined ? (u + sy) * 1000 : undefined;
  } catch {
    rssKiB = undefined;
  }
  return { ms, rssKiB, cpuMs, stdout: r.stdout };
}

function measure(argv, runs, { before, ...o } = {}) {
  const ms = [];
  const rss = [];
  const cpu = [];
  for (let i = 0; i < runs; i++) {
    before?.();
    const r = runOnce(argv, o);
    ms.push(r.ms);
    if (r.rssKiB) rss.push(r.rssKiB);
    if (r.cpuMs !== undefined) cpu.push(r.cpuMs);
  }
  return { ...stats(ms), cpuMs: cpu.length ? stats(cpu) : undefined, peakRssMiB: rss.length ? Math.max(...rss) / 1024 : undefined };
}

// ---- the machine ----
const cpuModel = (() => {
  try {
    return /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model;
  } catch {
    return cpus()[0]?.model;
  }
})();
const nproc = (() => {
  const r = spawnSync('nproc', { encoding: 'utf8' });
  return r.status === 0 ? Number(r.stdout.trim()) : cpus().length;
})();
const machine = {
  nproc,
  cpu: cpuModel,
  memoryGiB: round(totalmem() / 2 ** 30, 1),
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  loadavg: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
  buildbot: buildbotSizes.length ? spawnSync(BUILDBOT, ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0] : undefined,
  python: buildbotSizes.length ? spawnSync(PYTHON, ['--version'], { encoding: 'utf8' }).stdout.trim() : undefined,
  rssFrom: useTime ? '/usr/bin/time -f %M' : 'process.resourceUsage().maxRSS (bench/rss-hook.mjs)',
};
log(`bench: ${machine.nproc} x ${machine.cpu}, node ${machine.node}, load ${machine.loadavg}; work dir ${work}`);

const base = readDefaultFleet();
const results = { date: new Date().toISOString(), machine, quick: opt.quick, sizes: [], startup: undefined, buildbot: [] };

// ---- start-up: `node -e ""` and `check` (remembered, and in full), interleaved ----
// At 1x (a synthetic copy of the default fleet) and on the 2026 fleet as committed.
const FLEET_2026 = here('../fleets/cpython-2026');
// A cold check: the memo cannot answer (a cache directory no run has used), but is consulted
// and written as in any first run on a fresh checkout.
let coldRuns = 0;
const coldCache = () => ({ BUILDMASTER_GEN_CACHE: join(work, `cold-cache-${coldRuns++}`) });
function startup(label, fleetArgs) {
  const n = opt.quick ? 10 : 20;
  const runs = { empty: [], floor: [], check: [], checkFull: [] };
  const argvs = {
    empty: [process.execPath, '-e', ''],
    floor: [process.execPath, FLOOR, fleetArgs.workers, fleetArgs.builders],
    check: [process.execPath, CLI, 'check', ...fleetArgs.args],
    checkFull: [process.execPath, CLI, 'check', ...fleetArgs.args],
  };
  runOnce(argvs.check); // a first pass: check remembers it
  for (let i = 0; i < n; i++) for (const k of Object.keys(runs)) runs[k].push(runOnce(argvs[k], k === 'checkFull' ? { env: coldCache() } : {}));
  const wall = (k) => stats(runs[k].map((r) => r.ms));
  const cpu = (k) => (runs[k].every((r) => r.cpuMs !== undefined) ? stats(runs[k].map((r) => r.cpuMs)) : undefined);
  const ms = (k) => median(runs[k].map((r) => r.ms));
  const r = {
    fleet: label,
    nodeEmpty: { ...wall('empty'), cpuMs: cpu('empty') },
    yamlFloor: { ...wall('floor'), cpuMs: cpu('floor') },
    check: { ...wall('check'), cpuMs: cpu('check') },
    checkFull: { ...wall('checkFull'), cpuMs: cpu('checkFull') },
    ratio: ms('check') / ms('empty'),
    fullRatio: ms('checkFull') / ms('empty'),
    floorRatio: ms('floor') / ms('empty'),
    cpuRatio: cpu('check') && cpu('empty') ? cpu('check').median / cpu('empty').median : undefined,
  };
  log(`start-up (${label}): node -e "" ${round(ms('empty'))} ms, yaml floor ${round(ms('floor'))} ms, remembered check ${round(ms('check'))} ms: ${round(r.ratio, 2)}x; cold check ${round(ms('checkFull'))} ms: ${round(r.fullRatio, 2)}x`);
  return r;
}
{
  const f = writeFleet(join(work, 'startup'), 1, base);
  const out = join(work, 'startup', 'out');
  runOnce([process.execPath, CLI, 'generate', '--workers', f.workers, '--builders', f.builders, '--out', out]);
  results.startup = startup('1×', { workers: f.workers, builders: f.builders, args: ['--workers', f.workers, '--builders', f.builders, '--out', out] });
  results.startup2026 = startup('2026', { workers: join(FLEET_2026, 'workers.yaml'), builders: join(FLEET_2026, 'builders.yaml'), args: ['--fleet', FLEET_2026] });
}

// ---- each size ----
for (const factor of sizes) {
  const dir = join(work, `x${factor}`);
  const f = writeFleet(dir, factor, base);
  const out = join(dir, 'out');
  const outFile = join(out, 'master.cfg');
  const inputs = ['--workers', f.workers, '--builders', f.builders];
  const io = [...inputs, '--out', out];
  const runs = runsFor(factor);
  log(`${factor}x: ${f.workerCount} workers, ${f.defCount} definitions, ${round(f.bytes / 1024)} KiB of YAML; ${runs} runs each`);
  const validate = measure([process.execPath, CLI, 'validate', ...inputs], runs);
  const generate = measure([process.execPath, CLI, 'generate', ...io], runs, { before: () => rmSync(out, { recursive: true, force: true }) });
  const check = measure([process.execPath, CLI, 'check', ...io], runs);
  const summary = runOnce([process.execPath, CLI, 'validate', ...inputs]).stdout;
  const builders = Number(/(\d+) builders/.exec(summary)?.[1]);
  const outputBytes = statSync(outFile).size;
  const stageRuns = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, [STAGES, f.workers, f.builders, join(dir, 'stages')], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (r.status !== 0) throw new Error(`stages.mjs: ${r.stderr}`);
    stageRuns.push(JSON.parse(r.stdout));
  }
  const stageNames = Object.keys(stageRuns[0].ms);
  const stages = Object.fromEntries(stageNames.map((s) => [s, median(stageRuns.map((r) => r.ms[s]))]));
  const cmds = { validate, generate, check };
  for (const c of Object.values(cmds)) c.usPerBuilder = (c.median * 1000) / builders;
  results.sizes.push({ factor, workers: f.workerCount, definitions: f.defCount, builders, inputBytes: f.bytes, outputBytes, commands: cmds, stagesMs: stages, stagesPeakRssMiB: Math.max(...stageRuns.map((r) => r.maxRssKiB)) / 1024 });
  log(
    `  validate ${round(validate.median)} ms, generate ${round(generate.median)} ms (peak ${round(generate.peakRssMiB)} MiB), check ${round(check.median)} ms; ` +
      `stages ${stageNames.map((s) => `${s} ${round(stages[s])}`).join(', ')}`,
  );
  if (buildbotSizes.includes(factor)) results.buildbot.push(await buildbotRun(factor, dir, f, outFile, builders));
  if (!opt.keep && factor >= 100) rmSync(dir, { recursive: true, force: true });
}

// ---- Buildbot: the generated config against the hand-written baseline ----
async function buildbotRun(factor, dir, f, generatedFile, builders) {
  const { loadFleet } = await import(new URL('../dist/pipeline.js', import.meta.url).href);
  const { baselineConfig } = await import('./baseline.mjs');
  const baselineFile = join(dir, 'baseline', 'master.cfg');
  mkdirSync(join(dir, 'baseline'), { recursive: true });
  writeFileSync(baselineFile, baselineConfig(loadFleet({ workers: f.workers, builders: f.builders }).fleet));
  const r = { factor, builders, ...compareInBuildbot(`${factor}x`, generatedFile, baselineFile, join(dir, 'no-settings.yaml'), opt.quick ? 3 : factor <= 1 ? 15 : 9) };
  return r;
}

/**
 * Check that two master.cfg files give Buildbot the same objects, then time them: whole
 * `buildbot checkconfig` processes (interleaved, generated then baseline then baseline then
 * generated ..., so that other load hits both alike) and the config load alone (compare_configs.py time).
 */
function compareInBuildbot(label, generatedFile, baselineFile, settingsPath, runs) {
  const env = { ...process.env, PYBUILDBOT_SETTINGS_PATH: settingsPath };
  const same = spawnSync(PYTHON, [COMPARE, 'same', generatedFile, baselineFile], { encoding: 'utf8', maxBuffer: 1 << 26, env });
  const equivalent = same.status === 0;
  if (!equivalent) log(`  WARNING: the baseline is not equivalent (${label}):\n${same.stderr.slice(0, 2000)}`);
  const samples = { [generatedFile]: { ms: [], rss: [], cpu: [] }, [baselineFile]: { ms: [], rss: [], cpu: [] } };
  for (let i = 0; i < runs; i++) {
    // Which goes first alternates, so neither always runs on a machine the other just warmed.
    for (const file of i % 2 ? [baselineFile, generatedFile] : [generatedFile, baselineFile]) {
      const t = process.hrtime.bigint();
      const r = spawnSync(useTime ? TIME : BUILDBOT, useTime ? ['-f', '%M %U %S', '-o', join(work, 'rss'), BUILDBOT, 'checkconfig', file] : ['checkconfig', file], { encoding: 'utf8', env });
      samples[file].ms.push(Number(process.hrtime.bigint() - t) / 1e6);
      if (r.status !== 0) throw new Error(`buildbot checkconfig ${file}: exit ${r.status}\n${r.stdout}${r.stderr}`);
      if (useTime) {
        const [kib, user, sys] = readFileSync(join(work, 'rss'), 'utf8').trim().split('\n').pop().split(' ').map(Number);
        samples[file].rss.push(kib);
        samples[file].cpu.push((user + sys) * 1000);
      }
    }
  }
  // CPU time (user+sys, 10 ms resolution) as well: less sensitive than wall time to other work on the machine.
  const checkconfig = (file) => ({ ...stats(samples[file].ms), cpuMs: samples[file].cpu.length ? stats(samples[file].cpu) : undefined, peakRssMiB: samples[file].rss.length ? Math.max(...samples[file].rss) / 1024 : undefined, bytes: statSync(file).size });
  const generated = checkconfig(generatedFile);
  const baseline = checkconfig(baselineFile);
  const t = spawnSync(PYTHON, [COMPARE, 'time', String(runs * 2), generatedFile, baselineFile], { encoding: 'utf8', env });
  if (t.status !== 0) throw new Error(`compare_configs.py time: ${t.stderr}`);
  const loads = JSON.parse(t.stdout);
  const load = { generated: stats(loads[generatedFile].map((s) => s * 1000)), baseline: stats(loads[baselineFile].map((s) => s * 1000)) };
  const r = {
    equivalent,
    checkconfig: { generated, baseline, ratio: generated.median / baseline.median, cpuRatio: generated.cpuMs && baseline.cpuMs ? generated.cpuMs.median / baseline.cpuMs.median : undefined },
    configLoad: { ...load, ratio: load.generated.median / load.baseline.median },
  };
  log(
    `  buildbot checkconfig (${label}): generated ${round(generated.median)} ms, baseline ${round(baseline.median)} ms (${round(r.checkconfig.ratio, 2)}x); ` +
      `config load alone: ${round(load.generated.median)} vs ${round(load.baseline.median)} ms (${round(r.configLoad.ratio, 2)}x); equivalent: ${equivalent}`,
  );
  return r;
}

// ---- Buildbot: the 2026 fleet's generated master.cfg against its hand-written equivalent ----
// (bench/baseline-2026.mjs: the fleet as compact tables and factory classes written in
// Python, in the style of python/buildmaster-config in 2026).
if (buildbotSizes.length) {
  const { loadFleet } = await import(new URL('../dist/pipeline.js', import.meta.url).href);
  const { baseline2026Config } = await import('./baseline-2026.mjs');
  const generatedFile = join(FLEET_2026, 'out', 'master.cfg');
  const baselineFile = join(work, 'baseline-2026', 'master.cfg');
  mkdirSync(join(work, 'baseline-2026'), { recursive: true });
  writeFileSync(baselineFile, baseline2026Config(loadFleet({ workers: join(FLEET_2026, 'workers.yaml'), builders: join(FLEET_2026, 'builders.yaml') }).fleet));
  const builders = Number(/(\d+) builders/.exec(runOnce([process.execPath, CLI, 'validate', '--fleet', FLEET_2026]).stdout)?.[1]);
  const r = compareInBuildbot('2026 fleet', generatedFile, baselineFile, join(work, 'no-settings.yaml'), opt.quick ? 3 : 9);
  results.buildbot2026 = { builders, bytes: statSync(generatedFile).size, ...r, msPerBuilder: r.configLoad.generated.median / builders };
}

// ---- growth ----
const bySize = Object.fromEntries(results.sizes.map((s) => [s.factor, s]));
const lo = results.sizes[0];
const hi = results.sizes[results.sizes.length - 1];
// The exponent is taken over a wide span: from the largest size at most a tenth of the largest.
const prev = [...results.sizes].reverse().find((x) => x.factor * 10 <= hi?.factor) ?? results.sizes[results.sizes.length - 2];
if (lo && hi && lo !== hi) {
  const builderRatio = hi.builders / lo.builders;
  results.growth = {
    from: lo.factor,
    to: hi.factor,
    builderRatio,
    // time(hi)/time(lo) against the builder ratio: <= 1.2 x the ratio is "close to linear"
    // (the fixed start-up cost makes it smaller than the ratio).
    timeRatio: Object.fromEntries(Object.entries(hi.commands).map(([c, m]) => [c, m.median / lo.commands[c].median])),
    // The exponent k in time ~ builders^k from `exponentFrom` to the largest size (1 linear, 2 quadratic).
    exponentFrom: prev?.factor,
    exponent: prev
      ? Object.fromEntries([
          ...Object.entries(hi.commands).map(([c, m]) => [c, Math.log(m.median / prev.commands[c].median) / Math.log(hi.builders / prev.builders)]),
          ...Object.entries(hi.stagesMs)
            .filter(([s]) => s !== 'import')
            .map(([s, ms]) => [`stage:${s}`, Math.log(ms / prev.stagesMs[s]) / Math.log(hi.builders / prev.builders)]),
        ])
      : undefined,
  };
}
results.seconds = (Date.now() - started) / 1000;
writeFileSync(opt.out, `${JSON.stringify(results, null, 2)}\n`);

// ---- the summary ----
const md = summary(results);
writeFileSync(opt.out.replace(/\.json$/, '.md'), md);
process.stdout.write(md);
log(`bench: ${round(results.seconds, 0)} s; wrote ${opt.out} and ${opt.out.replace(/\.json$/, '.md')}`);
