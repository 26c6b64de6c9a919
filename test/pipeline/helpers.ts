// Shared by the tests: run the built CLI and Debian's Buildbot as real processes.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CLI = join(ROOT, 'dist/cli/main.cjs');
/** Debian's interpreter, for Python that needs no Buildbot; a Buildbot's own is in test/buildbots.ts. */
export const PYTHON = '/usr/bin/python3';

export const tempDir = (prefix = 'bmg-') => mkdtempSync(join(tmpdir(), prefix));

export function run(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd: opts.cwd ?? ROOT, env: { ...process.env, NO_COLOR: '1', ...opts.env }, input: opts.input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

/** The CLI as a user runs it. */
export const cli = (args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) => run(process.execPath, [CLI, ...args], opts);
