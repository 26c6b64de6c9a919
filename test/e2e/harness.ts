// Runs a real Buildbot master and real workers on loopback, for end-to-end tests of
// the generated master.cfg: Debian's Buildbot 3.7, or Buildbot 4.3 in its root
// (options.buildbot; test/buildbots.ts).
//
// Nothing may outlive the test run, so three layers stop what we start:
// - each master/worker runs under a shell watchdog that SIGTERMs it when its
//   stdin, a pipe from this process, closes: on stop(), or when this process
//   dies in any way (even SIGKILL, where no code of ours runs);
// - each runs in a process group of its own, SIGKILLed by stop() if it does not
//   stop in time, and by an 'exit' hook of this process;
// - build steps run in groups of their own (the worker calls setpgid/setsid),
//   so stop() also kills any process whose working directory is in our
//   temporary directory.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {

  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  closeSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { constants, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Api, sleep } from './api.js';
import type { Commit } from './fixture.js';
import { BUILDBOTS, cwdAliases, installed, type Buildbot } from '../buildbots.js';

import { copyConfig } from '../config-copy.js';

const HERE = dirname(fileURLToPath(import.meta.url));

export interface WorkerSpec {
  name: string;
  /** Password the worker presents; default: the one the settings give it. */
  password?: string;
}

export interface HarnessOptions {
  /** The master.cfg under test. */
  masterCfg: string;
  /** Workers to start, named as in workers.yaml. */
  workers: WorkerSpec[];
  /**
   * A directory the harness owns: it creates the master and workers in it,
   * kills any process left running inside it and removes it on stop().
   */
  root: string;
  /** The fixture repository's URL, as the Git step will clone it. */
  gitUrl: string;
  /** Interpreter for build-installer.py on DMG builders (settings `dmg_python`). */
  dmgPython?: string;
  /** Settings merged over the generated ones. */
  settings?: Record<string, unknown>;
  /** How long to wait for the master and the workers to come up. */
  startTimeoutMs?: number;
  /** The Buildbot that runs the master and workers; default: the first one under test. */
  buildbot?: Buildbot;
}

/** The web UI user the harness signs in as to force builds (an htpasswd admin). */
export const E2E_ADMIN = { user: 'e2e-admin', password: randomBytes(12).toString('hex') };

/**
 * Runs a long-lived process ("$@") and stops it with SIGTERM when its stdin --
 * a pipe from this test process -- reaches EOF: when stop() closes it, or when
 * the test process dies in any way, even by SIGKILL, where no hook of ours
 * could run. Exits with the process's status.
 */
const WATCHDOG = `
exec 3<&0 0</dev/null
"$@" 3<&- &
pid=$!
{ cat <&3 >/dev/null; kill -TERM "$pid" 2>/dev/null; } &
exec 3<&-
status=0
while kill -0 "$pid" 2>/dev/null; do wait "$pid"; status=$?; done
exit $status
`;

/** The process groups this test process started and has not seen exit. */
const liveGroups = new Set<number>();
/** Temporary roots whose stray processes the exit hook must kill. */
const liveRoots = new Set<string>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // 'exit' handlers must be synchronous: SIGKILL everything we know of.
  process.on('exit', () => {
    for (const pgid of liveGroups) killGroup(pgid, 'SIGKILL');
    for (const root of liveRoots) killProcessesUnder(root);
  });
  // A signal would end the process without 'exit' handlers; make it exit instead.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => process.exit(128 + constants.signals[signal]));
  }
}

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // already gone
  }
}

/** SIGKILLs every process (by pid) whose working directory is inside `root`. */
export function killProcessesUnder(root: string): number[] {
  const killed: number[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    let cwd: string;
    try {
      cwd = readlinkSync(`/proc/${pid}/cwd`);
    } catch {
      continue;
    }
    if (cwd === root || cwd.startsWith(root + '/')) {
      try {
        process.kill(pid, 'SIGKILL');
        killed.push(pid);
      } catch {
        // exited meanwhile
      }
    }
  }
  return killed;
}

/**
 * The environment of every process we start: what they need and no more, so
 * the builds do not see the test runner's variables (VITEST, npm_*, ...).
 */
function baseEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const path = (process.env.PATH ?? '/usr/bin:/bin')
    .split(':')
    .filter((dir) => !dir.includes('node_modules'))
    .join(':');
  return { PATH: path, HOME: process.env.HOME ?? '/root', LANG: 'C.UTF-8', TZ: 'UTC', ...extra };
}

/** The password the settings give a worker (its own, overriding its owner's). */
function settingsPassword(worker: string): string {
  return `${worker}-secret`;
}

/** Asks the kernel for a free loopback port. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

interface Started {
  name: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  logFile: string;
}

/** Runs a short command to completion (in its own tracked group); rejects on failure. */
export async function run(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<string> {
  installExitHook();
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: baseEnv(options.env),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  liveGroups.add(child.pid!);
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const timer = setTimeout(() => killGroup(child.pid!, 'SIGKILL'), options.timeoutMs ?? 60_000);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  }).finally(() => {
    clearTimeout(timer);
    liveGroups.delete(child.pid!);
  });
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${code}:\n${output}`);
  return output;
}

export class Harness {
  readonly masterDir: string;
  readonly uploadDir: string;
  readonly settingsPath: string;
  readonly htpasswdPath: string;
  readonly api: Api;
  private adminApi?: Api;
  /** The Buildbot running the master and workers. */
  readonly bb: Buildbot;
  private readonly processes: Started[] = [];
  private stopped = false;

  private constructor(
    readonly root: string,
    readonly options: HarnessOptions,
    readonly workerPort: number,
    readonly webPort: number,
    readonly sendchangeAuth: { user: string; password: string },
  ) {
    this.masterDir = join(root, 'master');
    this.uploadDir = join(root, 'dmg-upload');
    this.settingsPath = join(root, 'settings.yaml');
    this.htpasswdPath = join(root, 'htpasswd');
    this.api = new Api(`http://127.0.0.1:${webPort}`);
    this.bb = options.buildbot ?? BUILDBOTS[0]!;
  }

  /** Creates and starts the master and the workers; on any failure stops what it started. */
  static async start(options: HarnessOptions): Promise<Harness> {
    installExitHook();
    const bb = options.buildbot ?? BUILDBOTS[0]!;
    if (!installed(bb.id)) throw new Error(`Buildbot ${bb.id} is not installed (${bb.where}): see the README`);
    if (!existsSync(options.masterCfg)) {
      throw new Error(`${options.masterCfg} does not exist; run \`npm run build && node dist/cli/main.cjs generate\``);
    }
    const root = options.root;
    for (const path of cwdAliases(bb, root)) liveRoots.add(path);
    const harness = new Harness(root, options, await freePort(), await freePort(), {
      user: 'e2e-change',
      password: 'e2e-change-secret',
    });
    try {
      await harness.boot();
      return harness;
    } catch (error) {
      const logs = harness.logTails();
      await harness.stop();
      throw new Error(`${(error as Error).message}\n${logs}`);
    }
  }

  private settings(): Record<string, unknown> {
    const workers: Record<string, { password: string }> = {};
    const owners: Record<string, { password: string }> = {};
    for (const { name } of this.options.workers) {
      // Owners get a password nobody uses, so a worker that connects proves the
      // per-worker override (`workers.<name>.password`) is honoured.
      owners[name.split('-')[0]] = { password: 'owner-password-not-used' };
      workers[name] = { password: settingsPassword(name) };
    }
    return {
      worker_port: this.workerPort,
      web_port: this.webPort,
      listen_interface: '127.0.0.1', // loopback only: nothing of the test is reachable from outside
      buildbot_url: `http://127.0.0.1:${this.webPort}/`,
      db_url: 'sqlite:///state.sqlite',
      git_url: this.options.gitUrl,
      tree_stable_timer: 0,
      owners,
      workers,
      sendchange: this.sendchangeAuth,
      // Control actions need a signed-in admin (without sign-in the web UI is read-only).
      web_htpasswd: this.htpasswdPath,
      web_admins: [E2E_ADMIN.user],
      dmg_upload_dir: this.uploadDir,
      ...(this.options.dmgPython ? { dmg_python: this.options.dmgPython } : {}),
      ...this.options.settings,
    };
  }

  private async boot(): Promise<void> {
    mkdirSync(this.uploadDir, { recursive: true });
    mkdirSync(join(this.root, 'workers'), { recursive: true });
    // JSON is YAML, and needs no YAML writer.
    writeFileSync(this.settingsPath, JSON.stringify(this.settings(), null, 2));
    // Buildbot 3.7's HTPasswdAuth reads `user:password` lines (Twisted's FilePasswordDB).
    writeFileSync(this.htpasswdPath, `${E2E_ADMIN.user}:${E2E_ADMIN.password}\n`, { mode: 0o600 });

    const workerDirs = this.options.workers.map(({ name }) => join(this.root, 'workers', name));
    await Promise.all([
      run(this.bb.buildbot, ['create-master', '--quiet', this.masterDir]),
      ...this.options.workers.map(({ name, password }, i) =>
        run(this.bb.buildbotWorker, [
          'create-worker',
          '--quiet',
          workerDirs[i],
          `127.0.0.1:${this.workerPort}`,
          name,
          password ?? settingsPassword(name),
        ]),
      ),
    ]);
    // master.cfg and the package it imports (buildmaster_gen/ beside it).
    copyConfig(this.options.masterCfg, this.masterDir);

    this.daemon('master', this.bb.buildbot, ['start', '--nodaemon', this.masterDir], this.masterDir, {
      PYBUILDBOT_SETTINGS_PATH: this.settingsPath,
      // The buildbot-www stand-in (see www-stub/); no __pycache__ in the source tree.
      PYTHONPATH: join(HERE, 'www-stub'),
      PYTHONDONTWRITEBYTECODE: '1',
    });
    // Workers retry until the master listens, so they can start right away.
    for (const [i, { name }] of this.options.workers.entries()) {
      this.daemon(`worker ${name}`, this.bb.buildbotWorker, ['start', '--nodaemon', workerDirs[i]], workerDirs[i], {});
    }

    const deadline = Date.now() + (this.options.startTimeoutMs ?? 60_000);
    const expected = this.options.workers.filter((w) => w.password === undefined).map((w) => w.name);
    for (;;) {
      const exited = this.processes.find((p) => p.child.exitCode !== null || p.child.signalCode !== null);
      if (exited) throw new Error(`${exited.name} exited during start-up`);
      const connected = await this.connectedWorkers().catch(() => null);
      if (connected && expected.every((name) => connected.includes(name))) return;
      if (Date.now() > deadline) {
        throw new Error(`start-up timed out; connected workers: ${connected ? connected.join(', ') : '(web server not up)'}`);
      }
      await sleep(250);
    }
  }

  private daemon(name: string, command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Started {
    const logFile = join(cwd, 'twistd.log');
    const fd = openSync(join(cwd, 'console.log'), 'a');
    const child = spawn('/bin/sh', ['-c', WATCHDOG, 'watchdog', command, ...args], {
      cwd,
      env: baseEnv(env),
      detached: true, // own process group, killed as a whole if need be
      stdio: ['pipe', fd, fd],
    });
    closeSync(fd);
    liveGroups.add(child.pid!);
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => {
        liveGroups.delete(child.pid!);
        resolve(code);
      }),
    );
    const started = { name, child, exited, logFile };
    this.processes.push(started);
    return started;
  }

  /** Names of the workers the master sees connected. */
  async connectedWorkers(): Promise<string[]> {
    const { workers } = await this.api.get<{ workers: { name: string; connected_to: unknown[] }[] }>('workers');
    return workers.filter((w) => w.connected_to.length > 0).map((w) => w.name);
  }

  /** Reports a push the way production does: `buildbot sendchange` to the PBChangeSource. */
  async sendchange(commit: Commit): Promise<void> {
    await run(this.bb.buildbot, [
      'sendchange',
      '--master',
      `127.0.0.1:${this.workerPort}`,
      '--auth',
      `${this.sendchangeAuth.user}:${this.sendchangeAuth.password}`,
      '--vc',
      'git',
      '--branch',
      commit.branch,
      '--repository',
      this.options.gitUrl,
      '--revision',
      commit.sha,
      '--who',
      'e2e <e2e@example.invalid>',
      '--comments',
      `e2e push to ${commit.branch}`,
      ...commit.files,
    ]);
  }

  /** Starts builders by hand through the force scheduler `force`, as the web UI does. */
  async force(builderNames: string[], branch: string): Promise<{ bsid: number }> {
    if (!this.adminApi) {
      const api = new Api(this.api.baseUrl);
      await api.login(E2E_ADMIN.user, E2E_ADMIN.password);
      this.adminApi = api;
    }
    const [bsid] = await this.adminApi.control<[number, Record<string, number>]>('forceschedulers/force', 'force', {
      builderNames,
      branch,
      revision: '',
    });
    return { bsid };
  }

  /** Stops one worker (cleanly, as its owner would), leaving the master running. */
  async stopWorker(name: string): Promise<void> {
    const p = this.processes.find((started) => started.name === `worker ${name}`);
    if (!p) throw new Error(`no worker ${name} was started`);
    p.child.stdin?.end();
    await p.exited;
  }

  workerLog(name: string): string {
    return readText(join(this.root, 'workers', name, 'twistd.log'));
  }

  masterLog(): string {
    return readText(join(this.masterDir, 'twistd.log'));
  }

  /** The last lines of every log, for failure messages. */
  logTails(lines = 30): string {
    return this.processes
      .map((p) => {
        const text = readText(p.logFile) + readText(join(dirname(p.logFile), 'console.log'));
        return `--- ${p.name} (${p.logFile}) ---\n${text.split('\n').slice(-lines).join('\n')}`;
      })
      .join('\n');
  }

  /**
   * Stops everything this harness started and removes its directory
   * (E2E_KEEP=1 keeps it). Returns the pids of processes that outlived their
   * master or worker and had to be killed: there should be none.
   */
  async stop(): Promise<number[]> {
    if (this.stopped) return [];
    this.stopped = true;
    // Closing the watchdog's stdin asks for a clean shutdown (SIGTERM to twistd).
    for (const p of this.processes) p.child.stdin?.end();
    const all = Promise.all(this.processes.map((p) => p.exited));
    const inTime = await Promise.race([all.then(() => true), sleep(15_000).then(() => false)]);
    if (!inTime) for (const p of this.processes) killGroup(p.child.pid!, 'SIGKILL');
    await Promise.race([all, sleep(5_000)]);
    const strays = cwdAliases(this.bb, this.root).flatMap((path) => {
      liveRoots.delete(path);
      return killProcessesUnder(path);
    });
    if (!process.env.E2E_KEEP) rmSync(this.root, { recursive: true, force: true });
    return strays;
  }
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** A fresh temporary directory for one test run. */
export function makeTempRoot(): string {
  return mkdtempSync(join(tmpdir(), 'buildmaster-gen-e2e-'));
}
