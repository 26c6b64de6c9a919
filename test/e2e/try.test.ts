// `buildmaster-gen try`, as a user runs it (the built CLI, a child process), on a real
// Buildbot (3.7 and 4.3, test/buildbots.ts) against the stand-in CPython repository
// (fixture.ts): a 2017 builder goes green, a failing test of a 2026 builder makes it exit 1
// naming the test, `try --worker --once` serves a real buildbot-worker started as it prints
// and builds 2026 builders green, and Ctrl-C stops everything. Every trial must leave no process and no directory behind.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixtureRepo } from './fixture.js';
import { makeTempRoot, run } from './harness.js';
import { BUILDBOTS, type Buildbot } from '../buildbots.js';
import { CLI, ROOT } from '../pipeline/helpers.js';

const FLEET_2026 = join(ROOT, 'fleets/cpython-2026');
const TRIAL_TIMEOUT = 150_000;

interface Cli {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
}

function startCli(args: string[]): Cli {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | string>((resolve) => child.once('close', (code, signal) => resolve(code ?? signal ?? -1)));
  return { child, output: () => output, exited };
}

async function tryCli(args: string[]): Promise<{ code: number | string; output: string }> {
  const cli = startCli(args);
  const code = await cli.exited;
  return { code, output: cli.output() };
}

async function waitFor(cli: Cli, pattern: RegExp, timeoutMs = 120_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const m = cli.output().match(pattern);
    if (m) return m;
    if (cli.child.exitCode !== null || Date.now() > deadline) throw new Error(`no ${pattern} in the output:\n${cli.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The builder's own steps, in the order the trial showed them. */
const stepsShown = (output: string) => [...output.matchAll(/^ {2}step \d+ (\S+) \.\.\.$/gm)].map((m) => m[1]);

/** Processes (not killed: only listed) whose working directory is in `dir`. */
function processesIn(dir: string): string[] {
  return readdirSync('/proc').filter((e) => {
    try {
      return /^\d+$/.test(e) && readlinkSync(`/proc/${e}/cwd`).includes(dir);
    } catch {
      return false;
    }
  });
}

/** The trial's directory (it prints it) is gone, and no process works in it. */
function expectCleanedUp(output: string) {
  const dir = output.match(/trial directory (\S+)/)?.[1];
  expect(dir, output).toBeDefined();
  expect(existsSync(dir!), `${dir} left behind`).toBe(false);
  expect(processesIn(dir!), `processes left in ${dir}`).toEqual([]);
  expect(output).not.toContain('left in the trial directory');
}

describe.each(BUILDBOTS)('try on Buildbot $id', (bb: Buildbot) => {
  let root: string;
  let cpython2017: FixtureRepo;
  let cpython2026: FixtureRepo;
  const buildbot = ['--buildbot', bb.binDir];

  beforeAll(() => {
    root = makeTempRoot();
    cpython2017 = FixtureRepo.create(join(root, 'cpython-2017'), { master: '3.7' });
    cpython2026 = FixtureRepo.create(join(root, 'cpython-2026'), { main: '3.16' });
    cpython2026.git('branch', 'failing', 'main');
    cpython2026.commitOutcome('failing', 'fail');
  });

  afterAll(() => {
    if (root && !process.env.E2E_KEEP) rmSync(root, { recursive: true, force: true });
  });

  it('runs a 2017 builder green: its steps, their commands and results; exit 0', async () => {
    const { code, output } = await tryCli(['try', 'AMD64 Debian root 3.x', '--repo', cpython2017.dir, ...buildbot]);
    expect(code, output).toBe(0);
    expect(output).toContain(`checking out master of ${cpython2017.dir}`);
    expect(stepsShown(output)).toEqual(['git', 'configure', 'compile', 'test', 'clean']);
    expect(output).toContain('$ ./configure --with-pydebug');
    expect(output).toMatch(/\$ make buildbottest TESTOPTS=-j2 TESTPYTHONOPTS= TESTTIMEOUT=900\n {6}test: success/);
    expect(output).toContain('| Tests result: SUCCESS');
    expect(output).toContain('AMD64 Debian root 3.x: build 1 SUCCESS');
    expectCleanedUp(output);
  }, TRIAL_TIMEOUT);

  it('exits 1 when a test of a 2026 builder fails, naming the failed step and the failed test', async () => {
    // A definition and a branch, in unquoted words.
    const { code, output } = await tryCli(['try', 'AMD64', 'Debian', 'root', '3.x', '--fleet', FLEET_2026, '--repo', cpython2026.dir, '--ref', 'failing', ...buildbot]);
    expect(code, output).toBe(1);
    expect(output).toContain(`try: AMD64 Debian root 3.x (worker angelico-debian-amd64), checking out failing of ${cpython2026.dir}`);
    expect(stepsShown(output)).toEqual(['git', 'configure', 'compile', 'pythoninfo', 'test', 'upload', 'clean']);
    expect(output).toContain("$ make buildbottest 'TESTOPTS=-j2 --junit-xml test-results.xml ${BUILDBOT_TESTOPTS}' TESTPYTHONOPTS= TESTTIMEOUT=1200");
    expect(output).toContain('test: failure');
    expect(output).toContain('| FAIL: test_spam (test.test_x.FixtureTests.test_spam)');
    expect(output).toMatch(/AMD64 Debian root 3\.x: build 1 FAILURE.*\n {2}failed step: test \(make buildbottest .*\)\n {2}failed tests: test_x\n/);
    expectCleanedUp(output);
  }, TRIAL_TIMEOUT);

  it('try --worker --once: a real buildbot-worker, created and started as printed, connects and builds each builder once', async () => {
    const worker = 'diegorusso-aarch64-bigmem'; // fleet-2026.md §4.2: BigMem on 3.x and PR only
    const cli = startCli(['try', '--worker', worker, '--once', '--fleet', FLEET_2026, '--repo', cpython2026.dir, ...buildbot]);
    const workerDir = join(root, 'owner-worker');
    let owner: ChildProcess | undefined;
    try {
      const [line, address, name, password] = await waitFor(cli, /^ {2}buildbot-worker create-worker try-worker (\S+) (\S+) (\S+)$/m);
      expect(name, line).toBe(worker);
      expect(address).toMatch(/^127\.0\.0\.1:\d+$/);
      await run(bb.buildbotWorker, ['create-worker', '--quiet', workerDir, address!, name!, password!]);
      owner = spawn(bb.buildbotWorker, ['start', '--nodaemon', workerDir], { cwd: workerDir, detached: true, stdio: 'ignore' });
      const code = await cli.exited;
      const output = cli.output();
      expect(code, output).toBe(0);
      expect(output).toMatch(new RegExp(`^worker ${worker} connected \\(buildbot-worker ${bb.id === '3.7' ? '3\\.7' : '4\\.3'}`, 'm'));
      expect(output).toContain('[aarch64 Ubuntu 24.04 BigMem 3.x] aarch64 Ubuntu 24.04 BigMem 3.x: build 1 SUCCESS');
      expect(output).toContain('[aarch64 Ubuntu 24.04 BigMem PR] aarch64 Ubuntu 24.04 BigMem PR: build 1 SUCCESS');
      expect(output).toContain('2 of 2 build(s) green');
      expect(output).toContain('[aarch64 Ubuntu 24.04 BigMem 3.x]       upload: skipped');
      // The builds ran in the owner's worker directory.
      expect(existsSync(join(workerDir, '3.x.diegorusso-aarch64-bigmem.bigmem'))).toBe(true);
      expectCleanedUp(output);
    } finally {
      if (owner?.pid) process.kill(-owner.pid, 'SIGKILL');
      cli.child.kill('SIGKILL');
    }
  }, TRIAL_TIMEOUT);

  it('Ctrl-C stops the master and removes the trial directory (exit 130)', async () => {
    const cli = startCli(['try', '--worker', 'angelico-debian-amd64', '--fleet', FLEET_2026, ...buildbot]);
    try {
      await waitFor(cli, /master up/);
      const dir = cli.output().match(/trial directory (\S+)/)![1]!;
      expect(processesIn(dir).length, 'the master runs in the trial directory').toBeGreaterThan(0);
      cli.child.kill('SIGINT');
      expect(await cli.exited, cli.output()).toBe(130);
      expectCleanedUp(cli.output());
    } finally {
      cli.child.kill('SIGKILL');
    }
  }, TRIAL_TIMEOUT);
});
