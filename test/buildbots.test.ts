// BUILDBOT chooses the Buildbots under test; one asked for but missing is an error, never a skip.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { BUILDBOTS, cwdAliases, ownSteps, selectedIds, buildbot, type BuildbotId } from './buildbots.js';
import { killProcessesUnder } from './e2e/harness.js';

const only = (...ids: BuildbotId[]) => (id: BuildbotId) => ids.includes(id);

describe('BUILDBOT', () => {
  it('unset: every Buildbot installed, in order; none installed: 3.7, whose tests then fail saying so', () => {
    expect(selectedIds(undefined, only('3.7', '4.3'))).toEqual(['3.7', '4.3']);
    expect(selectedIds('', only('4.3'))).toEqual(['4.3']);
    expect(selectedIds(undefined, only())).toEqual(['3.7']);
  });

  it('3.7, 4.3, all, or a list', () => {
    expect(selectedIds('4.3', only('3.7', '4.3'))).toEqual(['4.3']);
    expect(selectedIds('all', only('3.7', '4.3'))).toEqual(['3.7', '4.3']);
    expect(selectedIds('4.3,3.7', only('3.7', '4.3'))).toEqual(['4.3', '3.7']);
  });

  it('a Buildbot asked for but not installed is an error naming how to install it', () => {
    expect(() => selectedIds('4.3', only('3.7'))).toThrow(/asks for Buildbot 4\.3, which is not installed: run `sh scripts\/buildbot-4\.3\.sh`/);
    expect(() => selectedIds('all', only('3.7'))).toThrow(/not installed/);
    expect(() => selectedIds('3.7', only('4.3'))).toThrow(/asks for Buildbot 3\.7, which is not installed/);
    expect(() => selectedIds('4.2', only('3.7', '4.3'))).toThrow(/unknown Buildbot 4\.2/);
  });
});

describe('ownSteps', () => {
  const [b37, b43] = [buildbot('3.7'), buildbot('4.3')];
  it('drops only the steps Buildbot adds at the start of a build', () => {
    expect(ownSteps(b37, ['worker_preparation', 'git', 'test'])).toEqual(['git', 'test']);
    expect(ownSteps(b43, ['worker_preparation', 'locks_acquire', 'git', 'test'])).toEqual(['git', 'test']);
    expect(ownSteps(b43, ['locks_acquire', 'worker_preparation', 'git'])).toEqual(['git']);
  });
  it('keeps them anywhere else, and 3.7 has no locks_acquire step', () => {
    expect(ownSteps(b43, ['worker_preparation', 'git', 'locks_acquire'])).toEqual(['git', 'locks_acquire']);
    expect(ownSteps(b37, ['worker_preparation', 'locks_acquire', 'git'])).toEqual(['locks_acquire', 'git']);
  });
});

describe.each(BUILDBOTS)('a process of Buildbot $id', (bb) => {
  it('is found and killed by its working directory (the harness\'s last resort), and leaves nothing mounted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bmg-stray-'));
    // As a build step does: a group of its own, working in the test's directory.
    const child = spawn(bb.python, ['-c', 'import time; time.sleep(60)'], { cwd: dir, detached: true, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal)));
    try {
      // The shim execs down to Python itself, keeping the pid. Wait for the program to be
      // Python (its command line names python3 before that, as the shell's argument, while
      // the shell still runs mount and mkdir in the directory).
      const program = () => {
        try {
          return readlinkSync(`/proc/${child.pid}/exe`);
        } catch {
          return '';
        }
      };
      for (let i = 0; i < 100 && !/python/.test(program()); i++) await sleep(50);
      expect(program()).toMatch(/python3/);
      const killed = cwdAliases(bb, dir).flatMap((path) => killProcessesUnder(path));
      expect(killed).toEqual([child.pid]);
      expect(await exited).toBe('SIGKILL');
      if (bb.chroot) expect(readFileSync('/proc/self/mounts', 'utf8')).not.toContain(bb.chroot);
    } finally {
      try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ }
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
