// The running master as `deploy` sees it: its pid (twistd.pid), its log (twistd.log, read
// from an offset taken before a signal, so only what the signal caused is read), and the
// lines Buildbot writes when a reconfig, a start or a stop ends.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, readlinkSync, readSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The master's pid when it is running, else undefined: twistd.pid, or (a master started with
 *  `buildbot start --nodaemon`, as under systemd, writes none) the twistd process running
 *  buildbot.tac in BASEDIR (Linux's /proc). */
export function masterPid(basedir: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(basedir, 'twistd.pid'), 'utf8').trim());
    if (Number.isInteger(pid) && pid > 0 && alive(pid)) return pid;
  } catch {
    // no pid file
  }
  return twistdIn(realpathSync(basedir));
}

function twistdIn(basedir: string): number | undefined {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return undefined;
  }
  for (const entry of entries) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      const cwd = readlinkSync(`/proc/${pid}/cwd`);
      // A master in a chroot shows its directory under the root's path.
      if (cwd !== basedir && !cwd.endsWith(basedir)) continue;
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      // twistd daemonised, or `python3 .../buildbot start --nodaemon` (twistd runs in that process).
      const isPython = /python/.test(argv[0] ?? '');
      if (isPython && (argv.includes('--python=buildbot.tac') || (/buildbot$/.test(argv[1] ?? '') && argv[2] === 'start'))) return pid;
    } catch {
      // gone, or not ours to read
    }
  }
  return undefined;
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const logPath = (basedir: string) => join(basedir, 'twistd.log');

/** Where twistd.log ends now: what is written after this offset is new. */
export function logOffset(basedir: string): number {
  try {
    return statSync(logPath(basedir)).size;
  } catch {
    return 0;
  }
}

/** The log from `offset` on (from the start when it was rotated meanwhile). */
function readFrom(basedir: string, offset: number): string {
  const path = logPath(basedir);
  if (!existsSync(path)) return '';
  const size = statSync(path).size;
  const from = size < offset ? 0 : offset;
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(size - from);
    readSync(fd, buf, 0, buf.length, from);
    return buf.toString('utf8');
  } finally {
    closeSync(fd);
  }
}

export type Outcome = { ok: true; line: string } | { ok: false; line: string; why: 'failed' | 'timeout' | 'exited' };

/** What ends a reconfig in Buildbot's log (master.py doReconfig; the same words in 3.x and 4.x). */
export const RECONFIG = {
  done: [/configuration update complete/],
  failed: [/configuration update aborted/, /configuration update partially applied/, /reconfig aborted/],
};
/** What ends a start (master.py startService). */
export const START = { done: [/BuildMaster is running/], failed: [/BuildMaster startup failed/] };

/** Wait for a line of `done` or `failed` after `offset`, up to `timeoutMs`; `progress` sees each new line.
 *  `pid`: give up early when that process exits. */
export async function waitForLog(
  basedir: string,
  offset: number,
  lines: { done: RegExp[]; failed: RegExp[] },
  timeoutMs: number,
  progress: (line: string) => void = () => {},
  pid?: number,
): Promise<Outcome> {
  const deadline = Date.now() + timeoutMs;
  let seen = 0;
  for (;;) {
    const text = readFrom(basedir, offset);
    const all = text.split('\n');
    const complete = all.slice(0, -1); // the last piece may be half a line
    for (const line of complete.slice(seen)) {
      progress(line);
      if (lines.failed.some((r) => r.test(line))) return { ok: false, line, why: 'failed' };
      if (lines.done.some((r) => r.test(line))) return { ok: true, line };
    }
    seen = complete.length;
    if (pid !== undefined && !alive(pid)) return { ok: false, line: 'the master process exited', why: 'exited' };
    if (Date.now() > deadline) return { ok: false, line: `no end of it in twistd.log after ${Math.round(timeoutMs / 1000)} s`, why: 'timeout' };
    await sleep(200);
  }
}

/** Wait until process `pid` has exited; `tick` is called every `everyMs` while it runs. */
export async function waitForExit(pid: number, tick: () => Promise<void> | void, everyMs = 10_000): Promise<void> {
  let last = Date.now();
  while (alive(pid)) {
    if (Date.now() - last >= everyMs) {
      last = Date.now();
      await tick();
    }
    await sleep(250);
  }
}

/** The URL (password stripped) of the database the running master opened, from its newest start in twistd.log*. */
export function runningDbUrl(basedir: string): string | undefined {
  const logs = readdirSync(basedir)
    .filter((n) => /^twistd\.log(\.\d+)?$/.test(n))
    .sort((a, b) => Number(a.split('.')[2] ?? 0) - Number(b.split('.')[2] ?? 0)); // twistd.log, .1, .2: newest first
  for (const name of logs) {
    const text = readFileSync(join(basedir, name), 'utf8');
    const all = [...text.matchAll(/Setting up database with URL ['"](.*)['"]\s*$/gm)];
    if (all.length) return all[all.length - 1]![1];
  }
  return undefined;
}

/** Run a command to its end; its exit code and output. */
export async function runCommand(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  return { code, output };
}
