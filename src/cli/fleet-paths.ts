// Where a fleet's files are. Like git, the command finds its fleet from a subdirectory:
// it walks up from the working directory to the nearest directory holding workers.yaml or
// builders.yaml; `--fleet DIR` names one (or several) instead; `--workers`, `--builders`
// and `--out` override single files. Paths given on the command line are relative to the
// working directory, as with every command-line tool.
import { lstatSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';

export const WORKERS_FILE = 'workers.yaml';
export const BUILDERS_FILE = 'builders.yaml';

export interface FleetLocation {
  /** The fleet's directory: holds its declarations, out/ and schema/ by default. */
  root: string;
  workers: string;
  builders: string;
  /** The output directory (out/, or schema/ for `schema`). */
  out: string;
  /** The directory as given to --fleet (`.`, `fleets/x`), or undefined when found. */
  given?: string;
}

/** No fleet where the command looked; the message says exactly where that was. */
export class FleetNotFound extends Error {}

export interface PathOptions {
  fleet: string[];
  workers?: string;
  builders?: string;
  out?: string;
}

const exists = (p: string) => {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
};

/** The nearest directory, from `cwd` upwards, that holds either declaration; and every directory looked in. */
export function findFleetRoot(cwd: string): { root?: string; looked: string[] } {
  const looked: string[] = [];
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    looked.push(dir);
    if (exists(join(dir, WORKERS_FILE)) || exists(join(dir, BUILDERS_FILE))) return { root: dir, looked };
    if (dirname(dir) === dir) return { looked };
  }
}

function isDirectory(p: string) {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The fleets a command works on, in the order given. */
export function locateFleets(o: PathOptions, cwd: string, defaultOut = 'out'): FleetLocation[] {
  if (o.fleet.length > 1 && (o.workers || o.builders || o.out)) {
    throw new FleetNotFound('--workers, --builders and --out name the files of one fleet: give them with a single --fleet (or none)');
  }
  const roots: { root: string; given?: string }[] = [];
  for (const f of o.fleet) {
    const root = resolve(cwd, f);
    if (!isDirectory(root)) throw new FleetNotFound(`--fleet ${f}: ${root} is not a directory`);
    if (!exists(join(root, WORKERS_FILE)) && !exists(join(root, BUILDERS_FILE))) throw new FleetNotFound(`--fleet ${f}: ${root} holds neither ${WORKERS_FILE} nor ${BUILDERS_FILE}`);
    if (!roots.some((r) => r.root === root)) roots.push({ root, given: f });
  }
  if (!roots.length) {
    const { root, looked } = findFleetRoot(cwd);
    if (root) roots.push({ root });
    else if (o.workers && o.builders) roots.push({ root: resolve(cwd) });
    else {
      const where = looked.length > 6 ? [...looked.slice(0, 5), '...', looked[looked.length - 1]!] : looked;
      throw new FleetNotFound(
        `no fleet here: neither ${WORKERS_FILE} nor ${BUILDERS_FILE} is in ${resolve(cwd)} or any directory above it (looked in ${where.join(', ')}); ` +
          'run the command in a fleet\'s directory, or name one with --fleet DIR (or --workers FILE and --builders FILE)',
      );
    }
  }
  return roots.map(({ root, given }) => ({
    root,
    given,
    workers: o.workers ? resolve(cwd, o.workers) : join(root, WORKERS_FILE),
    builders: o.builders ? resolve(cwd, o.builders) : join(root, BUILDERS_FILE),
    out: o.out ? resolve(cwd, o.out) : join(root, defaultOut),
  }));
}

/** How a path is shown: relative to the working directory when the fleet is in it (as the
 *  user typed it, more or less); absolute when working in a subdirectory of the fleet or
 *  elsewhere, so that `wrote ...` and `file:line` can never be read against the wrong directory. */
export function displayPath(cwd: string, root: string): (p: string) => string {
  const here = resolve(cwd);
  const within = (dir: string, p: string) => {
    const rel = relative(dir, p);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  };
  return (p: string) => {
    const abs = resolve(here, p);
    return within(here, root) && within(here, abs) && abs !== here ? relative(here, abs) : abs;
  };
}
