// What a command's run on one fleet shares: the process's streams and environment, the
// options, the fleet, and how paths and commands are shown to the user.
import type { Values } from './args.js';
import type { FleetLocation } from './fleet-paths.js';
import { UserError, type Problem } from '../model/problems.js';

/** The file system refused (`--out` is a file, a read-only directory, ...): the user's to fix, not a bug. */
export class FileError extends UserError {}

export function fsStep<T>(what: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (typeof err.code === 'string' && err.syscall !== undefined) throw new FileError(`cannot ${what}: ${err.code} (${err.message})`);
    throw e;
  }
}

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** What one fleet's run needs besides the fleet. */
export interface Context {
  io: Io;
  values: Values;
  fleet: FleetLocation;
  show: (p: string) => string;
  /** A command to suggest in messages, with the options that found this fleet: it works as printed. */
  suggest: (command: string) => string;
  printProblems: (problems: Problem[]) => void;
  /** Prefix of the one-line results when several fleets run. */
  prefix: string;
}

