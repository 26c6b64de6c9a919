// The processes a trial starts (a Buildbot master, a worker, their helpers), and how all of
// them are stopped on every way out. Three layers, so that nothing outlives the command:
// - each long-running process runs under a shell watchdog that SIGTERMs it when its stdin,
//   a pipe from this process, closes: on stop(), or when this process dies in any way
//   (Ctrl-C, an exception, even SIGKILL, where no code of ours runs);
// - each runs in a process group of its own, SIGKILLed by stop() when it does not stop in
//   time, and by an 'exit' hook of this process;
// - build steps run in groups of their own (the worker starts them so), so stop() also
//   kills every process whose working directory is in the trial's directory.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';

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

/** Process groups started and not yet seen to exit, and trial directories, of every supervisor. */
const liveGroups = new Set<number>();
const liveRoots = new Set<string>();
let hooked = false;

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  // 'exit' handlers must be synchronous: SIGKILL what is left, remove the directories.
  process.on('exit', () => {
    for (const pgid of liveGroups) killGroup(pgid, 'SIGKILL');
    for (const root of liveRoots) {
      killProcessesUnder(root);
      rmSync(root, { recursive: true, force: true });
    }
  });
}

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // already gone
  }
}

/**
 * SIGKILLs every process whose working directory is `root` or inside it. Also where a
 * process sees it under another root (Buildbot run in a chroot that bind-mounts /tmp):
 * its /proc/PID/cwd then ends with the path.
 */
export function killProcessesUnder(root: string): string[] {
  const killed: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return killed; // no /proc: the process groups were all there is
  }
  for (const entry of entries) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    let cwd: string;
    try {
      cwd = readlinkSync(`/proc/${pid}/cwd`);
    } catch {
      continue;
    }
    if (cwd === root || cwd.endsWith(root) || cwd.includes(`${root}/`)) {
      let command = '?';
      try {
        command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
      } catch {
        // exited meanwhile
      }
      try {
        process.kill(pid, 'SIGKILL');
        killed.push(`${pid} (${command})`);
      } catch {
        // exited meanwhile
      }
    }
  }
  return killed;
}

export interface Daemon {
  name: string;
  child: ChildProcess;
  /** Resolves with the exit code when the process has exited. */
  exited: Promise<number | null>;
  /** Whether it has exited. */
  done: () => boolean;
}

export class Supervisor {
  private readonly daemons: Daemon[] = [];
  private readonly short = new Set<ChildProcess>();

  constructor(
    /** The trial's directory: processes working in it are killed on stop(). */
    readonly root: string,
  ) {
    hookExit();
    liveRoots.add(root);
  }

  /** Starts a long-running process under the watchdog, output to `logFile`. */
  start(name: string, command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; logFile: string }): Daemon {
    const fd = openSync(options.logFile, 'a');
    const child = spawn('/bin/sh', ['-c', WATCHDOG, 'watchdog', command, ...args], {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: ['pipe', fd, fd],
    });
    closeSync(fd);
    // A failed spawn is seen as an exit; the pipe to a dead watchdog must not throw.
    child.stdin!.on('error', () => {});
    if (child.pid !== undefined) liveGroups.add(child.pid);
    let finished = false;
    const exited = new Promise<number | null>((resolve) => {
      const end = (code: number | null) => {
        if (finished) return;
        finished = true;
        if (child.pid !== undefined) liveGroups.delete(child.pid);
        resolve(code);
      };
      child.once('exit', end);
      child.once('error', () => end(null));
    });
    const daemon = { name, child, exited, done: () => finished };
    this.daemons.push(daemon);
    return daemon;
  }

  /** Runs a short command to completion in a group of its own; rejects with its output on failure. */
  async run(command: string, args: string[], options: { cwd?: string; env: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<string> {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.short.add(child);
    if (child.pid !== undefined) liveGroups.add(child.pid);
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.pid !== undefined && killGroup(child.pid, 'SIGKILL'), options.timeoutMs ?? 120_000);
    try {
      const code = await new Promise<number | null>((resolve, reject) => {
        child.once('error', reject);
        child.once('close', resolve);
      });
      if (code !== 0) throw new Error(`\`${command} ${args.join(' ')}\` exited ${code}:\n${output}`);
      return output;
    } finally {
      clearTimeout(timer);
      this.short.delete(child);
      if (child.pid !== undefined) liveGroups.delete(child.pid);
    }
  }

  /** Stops everything: SIGTERM through the watchdogs, SIGKILL after `graceMs`, then strays in the directory. */
  async stop(graceMs = 10_000): Promise<string[]> {
    for (const child of this.short) if (child.pid !== undefined) killGroup(child.pid, 'SIGKILL');
    for (const d of this.daemons) d.child.stdin?.end();
    const all = Promise.all(this.daemons.map((d) => d.exited));
    let timer: NodeJS.Timeout | undefined;
    const inTime = await Promise.race([all.then(() => true), new Promise<boolean>((r) => (timer = setTimeout(() => r(false), graceMs)))]);
    clearTimeout(timer);
    if (!inTime) for (const d of this.daemons) if (d.child.pid !== undefined) killGroup(d.child.pid, 'SIGKILL');
    await Promise.race([all, new Promise((r) => setTimeout(r, 3_000))]);
    const strays = killProcessesUnder(this.root);
    liveRoots.delete(this.root);
    return strays;
  }
}
