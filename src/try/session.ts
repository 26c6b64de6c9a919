// One trial: a Buildbot master (and, unless the owner brings theirs, a worker) in a fresh
// temporary directory, builds started through the trial scheduler, what happens read back
// from the event file, and everything stopped and removed however it ends.
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildbotCommands } from './buildbot.js';
import { EventFile, type TryEvent } from './events.js';
import { Supervisor, type Daemon } from './processes.js';
import { moduleFiles } from '../render/module.js';

/** The fixed Python of the trial master (see the file). */
const MODULE = fileURLToPath(new URL('../../src/try/buildmaster_try.py', import.meta.url));

/** Buildbot's own buildbot.tac (what `create-master` writes, relocatable): writing it is
 *  seconds faster than running `buildbot create-master`. */
const MASTER_TAC = `import os

from twisted.application import service
from buildbot.master import BuildMaster

basedir = os.path.abspath(os.path.dirname(__file__))
configfile = 'master.cfg'
umask = None

# note: this line is matched against to check that this is a buildmaster
# directory; do not edit it.
application = service.Application('buildmaster')
from twisted.python.logfile import LogFile
from twisted.python.log import ILogObserver, FileLogObserver
logfile = LogFile.fromFullPath(os.path.join(basedir, "twistd.log"), rotateLength=10000000, maxRotatedFiles=10)
application.setComponent(ILogObserver, FileLogObserver(logfile).emit)

m = BuildMaster(basedir, configfile, umask)
m.setServiceParent(application)
`;

/** Appended to the fleet's master.cfg: the trial's changes, all in buildmaster_try.adapt. */
const ADAPT = `

# ---------------------------------------------------------------------------
# buildmaster-gen try: this master is a trial (see buildmaster_try.py beside this file).
# ---------------------------------------------------------------------------
import buildmaster_try  # noqa: E402

buildmaster_try.adapt(c, SETTINGS)
`;

export interface TrialOptions {
  /** The fleet's master.cfg, restricted to the builders under trial. */
  config: string;
  /** The builders under trial, and the git ref each checks out. */
  refs: Record<string, string>;
  /** The repository (path or URL); undefined: the config's own default (settings `git_url`). */
  repository?: string;
  worker: string;
  /** Start a worker of our own (else the owner starts theirs with the printed command). */
  startWorker: boolean;
  /** Keep the config's own schedulers (a rehearsal), besides the trial's. */
  keepSchedulers: boolean;
  /** Build each builder once as soon as the master is up. */
  buildNow: boolean;
  /** Stop after this many builds have finished; null: run until stopped. */
  exitAfter: number | null;
  buildbot: BuildbotCommands;
  /** Output lines shown of each step. */
  tail: number;
  env: NodeJS.ProcessEnv;
  /** Aborted: stop now (Ctrl-C). */
  signal: AbortSignal;
  /** How long our own worker may take to connect. */
  connectTimeoutMs?: number;
}

export interface TrialStart {
  root: string;
  port: number;
  password: string;
  /** Writes the trigger: every builder builds once more. */
  buildAgain: () => void;
}

export interface TrialHooks {
  /** The directory is made (before anything starts). */
  prepared: (root: string) => void;
  started: (s: TrialStart) => void;
  event: (e: TryEvent) => void;
}

export type BuildEnd = Extract<TryEvent, { event: 'build-end' }>;

export interface TrialResult {
  builds: BuildEnd[];
  interrupted: boolean;
  /** Why the trial could not run its builds (the master or worker failed), with their log's tail. */
  failure?: string;
  /** Processes left in the directory that had to be killed (there should be none). */
  strays: string[];
}

async function freePort(): Promise<number> {
  // Imported here: the CLI is one file (scripts/bundle.mjs), and no other command may load the network.
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });

function tailOf(path: string, lines = 40): string {
  try {
    return readFileSync(path, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export async function runTrial(o: TrialOptions, hooks: TrialHooks): Promise<TrialResult> {
  const root = mkdtempSync(join(tmpdir(), 'buildmaster-gen-try-'));
  const supervisor = new Supervisor(root);
  hooks.prepared(root);
  const builds: BuildEnd[] = [];
  try {
    const failure = await trial(root, supervisor, o, hooks, builds);
    return { builds, interrupted: o.signal.aborted, failure, strays: await supervisor.stop() };
  } catch (e) {
    await supervisor.stop();
    throw e;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

async function trial(root: string, supervisor: Supervisor, o: TrialOptions, hooks: TrialHooks, builds: BuildEnd[]): Promise<string | undefined> {
  const master = join(root, 'master');
  const paths = { events: join(root, 'events.jsonl'), trigger: join(root, 'build-now'), uploads: join(root, 'uploads'), settings: join(root, 'settings.json'), options: join(root, 'try.json') };
  for (const dir of [master, paths.uploads, join(root, 'home'), join(root, 'tmp')]) mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const password = randomBytes(16).toString('hex');
  // JSON is YAML: the settings file master.cfg reads.
  const settings = {
    worker_port: port,
    listen_interface: '127.0.0.1',
    web_port: null,
    db_url: 'sqlite://',
    workers: { [o.worker]: { password } },
    dmg_upload_dir: paths.uploads,
    ...(o.repository !== undefined ? { git_url: o.repository } : {}),
  };
  writeFileSync(paths.settings, JSON.stringify(settings, null, 2));
  writeFileSync(paths.options, JSON.stringify({ ...paths, refs: o.refs, keep_schedulers: o.keepSchedulers, tail: o.tail }, null, 2));
  writeFileSync(join(master, 'buildbot.tac'), MASTER_TAC);
  // master.cfg imports the package of fixed Python that generate writes beside it.
  for (const f of moduleFiles()) {
    mkdirSync(dirname(join(master, f.path)), { recursive: true });
    writeFileSync(join(master, f.path), f.text);
  }
  writeFileSync(join(master, 'master.cfg'), o.config + ADAPT);
  copyFileSync(MODULE, join(master, 'buildmaster_try.py'));
  const buildAgain = () => writeFileSync(paths.trigger, '');
  if (o.buildNow) buildAgain();

  const common = { ...o.env, PYTHONDONTWRITEBYTECODE: '1' };
  const masterLog = join(master, 'twistd.log');
  const masterProcess = supervisor.start('master', o.buildbot.buildbot, ['start', '--nodaemon', master], {
    cwd: master,
    env: { ...common, PYBUILDBOT_SETTINGS_PATH: paths.settings, BUILDMASTER_GEN_TRY: paths.options },
    logFile: join(master, 'console.log'),
  });
  let workerProcess: Daemon | undefined;
  const workerDir = join(root, 'worker');
  if (o.startWorker) {
    // The worker's home and temporary files stay in the trial's directory too.
    const env = { ...common, HOME: join(root, 'home'), TMPDIR: join(root, 'tmp') };
    await supervisor.run(o.buildbot.worker, ['create-worker', '--quiet', workerDir, `127.0.0.1:${port}`, o.worker, password], { env });
    if (o.signal.aborted) return undefined;
    workerProcess = supervisor.start('worker', o.buildbot.worker, ['start', '--nodaemon', workerDir], { cwd: workerDir, env, logFile: join(root, 'worker-console.log') });
  }

  const events = new EventFile(paths.events);
  const begun = Date.now();
  let ready = false;
  let connected = false; // ever
  const startTimeout = 180_000;
  const died = (d: Daemon, log: string) => `the ${d.name} stopped (exit ${d.child.exitCode ?? d.child.signalCode}); the end of its log (${log}):\n${tailOf(log)}`;
  while (!o.signal.aborted) {
    for (const e of events.read()) {
      if (e.event === 'worker' && e.name === o.worker && e.state === 'connected') connected = true;
      hooks.event(e);
      if (e.event === 'ready') {
        ready = true;
        hooks.started({ root, port, password, buildAgain });
      }
      if (e.event === 'build-end') builds.push(e);
    }
    if (o.exitAfter !== null && builds.length >= o.exitAfter) return undefined;
    if (masterProcess.done()) return died(masterProcess, existsSync(masterLog) ? masterLog : join(master, 'console.log'));
    if (workerProcess?.done()) return died(workerProcess, join(workerDir, 'twistd.log'));
    if (!ready && Date.now() - begun > startTimeout) return `the master did not start in ${startTimeout / 1000} s; the end of its log:\n${tailOf(masterLog)}`;
    if (o.startWorker && !connected && !builds.length && Date.now() - begun > (o.connectTimeoutMs ?? startTimeout)) {
      return `worker ${o.worker} did not connect; the end of its log:\n${tailOf(join(workerDir, 'twistd.log'))}\nand of the master's:\n${tailOf(masterLog)}`;
    }
    await sleep(200, o.signal);
  }
  return undefined;
}
