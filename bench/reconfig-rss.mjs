// Memory across `buildbot reconfig` of an unchanged config (issue 18, item 1): a real master
// on a generated master.cfg, N reconfigs (SIGHUP, as `buildbot reconfig` sends), the master's RSS (VmRSS of /proc/PID/status) after
// each, and what Buildbot's log says it replaced.
//
//   node bench/reconfig-rss.mjs [--buildbot 3.7|4.3] [--cfg out/master.cfg | --ref GIT_REF | --baseline] [--reconfigs 20]
//
// --cfg   a generated master.cfg; the package beside it (buildmaster_gen/) is copied too
//         (default: fleets/cpython-2026/out/master.cfg)
// --ref   the 2026 config of a git commit instead (e.g. `--ref 81cf8c1`, before the package)
// --baseline  the hand-written equivalent of the 2026 config (bench/baseline-2026.mjs, needs
//         `npm run build`): the same workers, builders and schedulers, written as a person would
// Prints one line per reconfig and a JSON summary: the average growth per reconfig after the
// first three (MB), and the schedulers/services Buildbot added or removed on reconfigs.
// The master listens on a free loopback port for workers (none connect) and has no web UI.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../', import.meta.url));
export const PACKAGE = 'buildmaster_gen';

/** The `buildbot` command of a Buildbot: Debian's 3.7, or 4.3 in its root. */
function buildbotCommand(id) {
  return id === '4.3' ? ['sh', join(REPO, 'scripts/in-root.sh'), '/usr/bin/buildbot'] : ['/usr/bin/buildbot'];
}

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

/** A master directory with the config (and its package, when there is one). */
async function prepare(root, { cfg, ref, baseline }) {
  const master = join(root, 'master');
  mkdirSync(master, { recursive: true });
  if (baseline) {
    const { loadFleet } = await import(new URL('../dist/pipeline.js', import.meta.url).href);
    const { baseline2026Config } = await import('./baseline-2026.mjs');
    const fleet = join(REPO, 'fleets/cpython-2026');
    writeFileSync(join(master, 'master.cfg'), baseline2026Config(loadFleet({ workers: join(fleet, 'workers.yaml'), builders: join(fleet, 'builders.yaml') }).fleet));
  } else if (ref) {
    const show = (path) => execFileSync('git', ['show', `${ref}:${path}`], { cwd: REPO, maxBuffer: 1 << 28 });
    writeFileSync(join(master, 'master.cfg'), show('fleets/cpython-2026/out/master.cfg'));
    const listed = spawnSync('git', ['ls-tree', '--name-only', `${ref}:fleets/cpython-2026/out/${PACKAGE}`], { cwd: REPO, encoding: 'utf8' });
    if (listed.status === 0) {
      mkdirSync(join(master, PACKAGE));
      for (const name of listed.stdout.split('\n').filter(Boolean)) writeFileSync(join(master, PACKAGE, name), show(`fleets/cpython-2026/out/${PACKAGE}/${name}`));
    }
  } else {
    cpSync(cfg, join(master, 'master.cfg'));
    const pkg = join(dirname(cfg), PACKAGE);
    if (existsSync(pkg)) cpSync(pkg, join(master, PACKAGE), { recursive: true });
  }
  return master;
}

const rssKiB = (pid) => Number(/^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);

/** What Buildbot logged replacing ("adding N new schedulers, removing M", M > 0: a service
 *  it stopped; a config that only adds, as the first load does, replaces nothing). */
export function replacements(log) {
  const out = [];
  for (const m of log.matchAll(/adding (\d+) new (\w+), removing (\d+)/g)) if (Number(m[3]) > 0) out.push({ kind: m[2], added: Number(m[1]), removed: Number(m[3]) });
  return out;
}

/** Start a master on the config, reconfigure it `reconfigs` times, stop it. */
export async function measure({ buildbot = '3.7', cfg = join(REPO, 'fleets/cpython-2026/out/master.cfg'), ref, baseline = false, reconfigs = 20, log = () => {} } = {}) {
  const root = mkdtempSync(join(tmpdir(), 'bmg-rss-'));
  const bb = buildbotCommand(buildbot);
  const run = (args, timeout = 300_000) => {
    const r = spawnSync(bb[0], [...bb.slice(1), ...args], { cwd: root, encoding: 'utf8', timeout, env: { ...process.env, PYBUILDBOT_SETTINGS_PATH: join(root, 'settings.yaml'), PYTHONDONTWRITEBYTECODE: '1' } });
    if (r.status !== 0) throw new Error(`buildbot ${args.join(' ')} exited ${r.status}: ${r.stdout}${r.stderr}`);
    return r;
  };
  let master;
  try {
    master = await prepare(root, { cfg: cfg && resolve(cfg), ref, baseline });
    // JSON is YAML. No web UI: the master alone, as production's would be minus its users.
    writeFileSync(join(root, 'settings.yaml'), JSON.stringify({ worker_port: await freePort(), web_port: null, listen_interface: '127.0.0.1', db_url: 'sqlite:///state.sqlite' }));
    run(['create-master', '--quiet', master]);
    run(['start', '--start_timeout', '600', master]);
    const pid = Number(readFileSync(join(master, 'twistd.pid'), 'utf8'));
    // `start` returns at "BuildMaster is running"; the first load may still be logging
    // (Buildbot 4.3). Start measuring when the log has been quiet for 3 s.
    for (let size = -1, t = Date.now(); Date.now() - t < 120_000; ) {
      const now = readFileSync(join(master, 'twistd.log'), 'utf8').length;
      if (now === size) break;
      size = now;
      await new Promise((ok) => setTimeout(ok, 3000));
    }
    const startLog = readFileSync(join(master, 'twistd.log'), 'utf8').length;
    const rss = [rssKiB(pid)];
    log(`started: pid ${pid}, ${(rss[0] / 1024).toFixed(1)} MiB`);
    const logFile = join(master, 'twistd.log');
    const completed = () => (readFileSync(logFile, 'utf8').match(/configuration update complete/g) ?? []).length;
    for (let i = 1; i <= reconfigs; i++) {
      const t = Date.now();
      // What `buildbot reconfig` does (SIGHUP, then wait for the log line), without starting
      // a Python for it each time.
      const before = completed();
      process.kill(pid, 'SIGHUP');
      while (completed() === before) {
        if (Date.now() - t > 600_000) throw new Error(`reconfig ${i}: no "configuration update complete" in 600 s`);
        if (/configuration update (aborted|failed)/.test(readFileSync(logFile, 'utf8').slice(startLog))) throw new Error(`reconfig ${i} failed: see ${logFile}`);
        await new Promise((ok) => setTimeout(ok, 50));
      }
      rss.push(rssKiB(pid));
      log(`reconfig ${i}: ${(rss[i] / 1024).toFixed(1)} MiB (${rss[i] - rss[i - 1] >= 0 ? '+' : ''}${((rss[i] - rss[i - 1]) / 1024).toFixed(2)}), ${Date.now() - t} ms`);
    }
    const twistd = readFileSync(join(master, 'twistd.log'), 'utf8');
    const after = rss.slice(3);
    const growth = (after[after.length - 1] - after[0]) / (after.length - 1) / 1024;
    return {
      buildbot,
      config: baseline ? 'bench/baseline-2026.mjs (hand-written 2026 config)' : ref ? `${ref}:fleets/cpython-2026/out/master.cfg` : cfg,
      reconfigs,
      rssMiB: rss.map((k) => +(k / 1024).toFixed(1)),
      growthPerReconfigMB: +growth.toFixed(3),
      replacedOnReconfig: replacements(twistd.slice(startLog)),
      tracebacks: (twistd.match(/^Traceback/gm) ?? []).length,
    };
  } finally {
    if (master && existsSync(join(master, 'twistd.pid'))) {
      const pid = Number(readFileSync(join(master, 'twistd.pid'), 'utf8'));
      spawnSync(bb[0], [...bb.slice(1), 'stop', master], { timeout: 120_000 });
      // `stop` may return before the process is gone (it gives up waiting after 10 s).
      for (let t = Date.now(); existsSync(`/proc/${pid}`) && Date.now() - t < 60_000; ) await new Promise((ok) => setTimeout(ok, 100));
      if (existsSync(`/proc/${pid}`)) process.kill(pid, 'SIGKILL');
    }
    rmSync(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const result = await measure({
    buildbot: opt('buildbot') ?? '3.7',
    cfg: opt('cfg') ?? (opt('ref') || args.includes('--baseline') ? undefined : join(REPO, 'fleets/cpython-2026/out/master.cfg')),
    ref: opt('ref'),
    baseline: args.includes('--baseline'),
    reconfigs: Number(opt('reconfigs') ?? 20),
    log: (s) => console.error(s),
  });
  console.log(JSON.stringify(result, null, 2));
}
