// Where a master's start-up goes at 1,037 builders (the 2026 fleet), on SQLite and on
// PostgreSQL, for the generated master.cfg and the hand-written baseline (bench/baseline-2026.mjs)
// on the same master. Each case starts a real master twice: on a fresh database (every
// builder is registered) and again on the same database (builders known). Phases are read
// from the master's own log lines, timed as they appear (polled every 50 ms):
//   process start -> "Starting BuildMaster"     Python, Twisted and Buildbot imported
//   -> "Loading configuration from"             (twistd, service setup)
//   -> "Setting up database with URL"           master.cfg executed and checked (the config load)
//   -> "adding N new builders"                  database connected, master registered, services
//   -> "BuildMaster is running"                 builders registered (the database), schedulers, workers
//
//   npm run build && node bench/startup.mjs [--buildbot 3.7|4.3] [--db sqlite,postgresql] [--config generated,baseline]
// PostgreSQL: a temporary cluster of Debian's server (initdb + pg_ctl, as `postgres` when
// run as root), removed at the end. No web server (web_port: null): the page plug-ins are
// not what is measured.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const FLEET = join(REPO, 'fleets/cpython-2026');
const { values } = parseArgs({ options: { buildbot: { type: 'string', default: '3.7' }, db: { type: 'string', default: 'sqlite,postgresql' }, config: { type: 'string', default: 'generated,baseline' } } });
const BUILDBOT = values.buildbot === '4.3' ? ['sh', [join(REPO, 'scripts/in-root.sh'), '/usr/bin/buildbot']] : ['/usr/bin/buildbot', []];

const PHASES = [
  ['imports', /Starting BuildMaster/],
  ['twistd', /Loading configuration from/],
  ['config load', /Setting up database with URL/],
  ['db + services', /adding \d+ new builders/],
  ['builders registered', /BuildMaster is running/],
];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const freePort = () => new Promise((resolve) => { const s = createServer(); s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); }); });
const buildbot = (args, opts = {}) => execFileSync(BUILDBOT[0], [...BUILDBOT[1], ...args], { stdio: ['ignore', 'pipe', 'pipe'], ...opts });

async function postgres() {
  const bin = readdirSync('/usr/lib/postgresql').sort().reverse().map((v) => `/usr/lib/postgresql/${v}/bin`).find((b) => existsSync(`${b}/pg_ctl`));
  if (!bin) throw new Error('no PostgreSQL (apt-get install postgresql)');
  const dir = mkdtempSync(join(tmpdir(), 'bench-pg-'));
  const asPg = process.getuid() === 0;
  if (asPg) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), Number(execFileSync('id', ['-g', 'postgres']).toString()));
  chmodSync(dir, 0o700);
  const run = (cmd, args) => (asPg ? execFileSync('runuser', ['-u', 'postgres', '--', `${bin}/${cmd}`, ...args], { cwd: dir }) : execFileSync(`${bin}/${cmd}`, args, { cwd: dir }));
  const port = await freePort();
  run('initdb', ['-D', `${dir}/data`, '--auth-local', 'trust', '--auth-host', 'trust', '-U', 'postgres', '--locale', 'C.UTF-8']);
  run('pg_ctl', ['-D', `${dir}/data`, '-l', `${dir}/log`, '-w', '-o', `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir}`, 'start']);
  let n = 0;
  return {
    fresh() {
      const db = `bench${++n}`;
      run('psql', ['-h', dir, '-p', String(port), '-U', 'postgres', '-c', `CREATE DATABASE ${db}`]);
      return `postgresql://postgres@127.0.0.1:${port}/${db}`;
    },
    stop() {
      try { run('pg_ctl', ['-D', `${dir}/data`, '-m', 'immediate', '-w', 'stop']); } catch { /* gone */ }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Start the master in `dir` once, time its phases, stop it. */
async function startOnce(dir, settings) {
  const log = join(dir, 'twistd.log');
  const offset = existsSync(log) ? statSync(log).size : 0;
  const t0 = Date.now();
  const child = spawn(BUILDBOT[0], [...BUILDBOT[1], 'start', '--nodaemon', dir], { cwd: dir, env: { ...process.env, PYBUILDBOT_SETTINGS_PATH: settings }, stdio: 'ignore', detached: true });
  const at = {};
  let rss;
  for (;;) {
    const text = existsSync(log) ? readFileSync(log).subarray(offset).toString() : '';
    for (const [name, re] of PHASES) if (at[name] === undefined && re.test(text)) at[name] = Date.now() - t0;
    if (/BuildMaster startup failed|Halting master/.test(text)) throw new Error(`start-up failed:\n${text.slice(-3000)}`);
    if (at['builders registered'] !== undefined) break;
    if (Date.now() - t0 > 600_000) throw new Error('no start in 10 min');
    await sleep(50);
  }
  try {
    rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch { rss = undefined; }
  process.kill(-child.pid, 'SIGTERM');
  await new Promise((r) => child.once('exit', r));
  let prev = 0;
  const phases = PHASES.map(([name]) => { const d = (at[name] - prev) / 1000; prev = at[name]; return [name, d]; });
  return { total: at['builders registered'] / 1000, phases, rss };
}

async function main() {
  const { loadFleet, renderOutputs } = await import(new URL('../dist/pipeline.js', import.meta.url).href);
  const { baseline2026Config } = await import('./baseline-2026.mjs');
  const paths = { workers: join(FLEET, 'workers.yaml'), builders: join(FLEET, 'builders.yaml') };
  const g = loadFleet(paths);
  // master.cfg, then the package of fixed Python it imports (buildmaster_gen/), which the
  // baseline uses too.
  const [generated, ...pkg] = renderOutputs(g, paths);
  const configs = { generated: generated.text, baseline: baseline2026Config(g.fleet) };
  const pg = values.db.includes('postgresql') ? await postgres() : undefined;
  const rows = [];
  try {
    for (const db of values.db.split(',')) {
      for (const config of values.config.split(',')) {
        const root = mkdtempSync(join(tmpdir(), 'bench-startup-'));
        try {
          const dir = join(root, 'master');
          const url = db === 'sqlite' ? 'sqlite:///state.sqlite' : pg.fresh();
          buildbot(['create-master', '--quiet', '--db', url, dir]);
          writeFileSync(join(dir, 'master.cfg'), configs[config]);
          for (const f of pkg) {
            mkdirSync(dirname(join(dir, f.path)), { recursive: true });
            writeFileSync(join(dir, f.path), f.text);
          }
          const settings = join(root, 'settings.yaml');
          writeFileSync(settings, JSON.stringify({ db_url: url, worker_port: await freePort(), web_port: null, listen_interface: '127.0.0.1' }));
          for (const run of ['fresh database', 'builders known']) {
            const r = await startOnce(dir, settings);
            rows.push({ db, config, run, ...r });
            console.error(`${db} ${config} ${run}: ${r.total.toFixed(1)} s (${r.phases.map(([n, d]) => `${n} ${d.toFixed(1)}`).join(', ')})`);
          }
        } finally {
          rmSync(root, { recursive: true, force: true });
        }
      }
    }
  } finally {
    pg?.stop();
  }
  console.log(`Start-up of a master with ${g.matrix.builders.length} builders (Buildbot ${values.buildbot}), seconds:\n`);
  console.log(`| database | config | start | total | ${PHASES.map(([n]) => n).join(' | ')} | RSS MiB |`);
  console.log(`|---|---|---|---:|${PHASES.map(() => '---:').join('|')}|---:|`);
  for (const r of rows) console.log(`| ${r.db} | ${r.config} | ${r.run} | ${r.total.toFixed(1)} | ${r.phases.map(([, d]) => d.toFixed(1)).join(' | ')} | ${r.rss?.toFixed(0) ?? '?'} |`);
}

await main();
