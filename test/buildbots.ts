// The Buildbots the tests judge the generated configs with, chosen by BUILDBOT:
//   3.7  Debian 12's (/usr/bin), the host's;
//   4.3  Buildbot 4.3.0, what CPython's production master runs, in the Debian sid root
//        that scripts/buildbot-4.3.sh provides (.buildbot/4.3/), run through scripts/in-root.sh;
//   all  both; unset: every one installed (npm test says which, see buildbots-setup.ts).
// A Buildbot that is asked for but not installed fails the run: it is never skipped.
// Buildbot-dependent suites run once per entry of BUILDBOTS; what differs between the
// versions is read through the few helpers here (and test/buildbot_compat.py on the Python side).
import { chmodSync, existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '..');

export type BuildbotId = '3.7' | '4.3';
export const KNOWN: readonly BuildbotId[] = ['3.7', '4.3'];

export interface Buildbot {
  id: BuildbotId;
  /** The `buildbot` command. */
  buildbot: string;
  /** The `buildbot-worker` command. */
  buildbotWorker: string;
  /** The Python that imports this Buildbot (with pyflakes and yaml). */
  python: string;
  /** A directory holding `buildbot`, `buildbot-worker` and `python3` of this Buildbot, to put first on PATH. */
  binDir: string;
  /** Where it is installed, for messages. */
  where: string;
  /** The chroot it runs in, if any (paths under /tmp and the checkout are the same inside). */
  chroot: string | null;
  /** Steps Buildbot itself adds before a build's own steps (Buildbot 4 adds `locks_acquire` to a build that takes a lock). */
  addedSteps: readonly string[];
}

const ROOT_43 = join(REPO, '.buildbot/4.3');
const IN_ROOT = join(REPO, 'scripts/in-root.sh');
const SHIMS = join(REPO, '.buildbot/shims');

/** Writes `dir/name`, a shell script running `target` with the arguments (atomic: files run in parallel). */
function shim(dir: string, name: string, target: string): string {
  const path = join(dir, name);
  mkdirSync(dir, { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `#!/bin/sh\nexec ${target} "$@"\n`);
  chmodSync(tmp, 0o755);
  renameSync(tmp, path);
  return path;
}

function make(id: BuildbotId): Buildbot {
  const bin = join(SHIMS, id);
  if (id === '3.7') {
    // Debian's scripts run Debian's /usr/bin/python3; the python3 first on PATH may have no buildbot.
    for (const [name, target] of [['buildbot', '/usr/bin/buildbot'], ['buildbot-worker', '/usr/bin/buildbot-worker'], ['python3', '/usr/bin/python3']]) shim(bin, name!, target!);
    return { id, buildbot: '/usr/bin/buildbot', buildbotWorker: '/usr/bin/buildbot-worker', python: '/usr/bin/python3', binDir: bin, where: '/usr/bin', chroot: null, addedSteps: ['worker_preparation'] };
  }
  const cmd = (name: string) => shim(bin, name, `'${IN_ROOT}' /usr/bin/${name}`);
  return {
    id,
    buildbot: cmd('buildbot'),
    buildbotWorker: cmd('buildbot-worker'),
    python: cmd('python3'),
    binDir: bin,
    where: '.buildbot/4.3',
    chroot: ROOT_43,
    addedSteps: ['locks_acquire', 'worker_preparation'],
  };
}

/** Whether Buildbot `id` is installed here. */
export function installed(id: BuildbotId): boolean {
  return id === '3.7' ? existsSync('/usr/bin/buildbot') && existsSync('/usr/bin/buildbot-worker') : existsSync(join(ROOT_43, '.complete'));
}

/** The ids BUILDBOT asks for; throws on an unknown value or one that is not installed. */
export function selectedIds(env: string | undefined, isInstalled: (id: BuildbotId) => boolean = installed): BuildbotId[] {
  const value = (env ?? '').trim();
  if (value === '') {
    const found = KNOWN.filter(isInstalled);
    // None installed: select 3.7 so that its tests fail saying so.
    return found.length ? found : ['3.7'];
  }
  const ids = value === 'all' ? [...KNOWN] : value.split(',').map((v) => v.trim());
  for (const id of ids) {
    if (!KNOWN.includes(id as BuildbotId)) throw new Error(`BUILDBOT=${value}: unknown Buildbot ${id} (known: ${KNOWN.join(', ')}, all)`);
    if (!isInstalled(id as BuildbotId)) {
      throw new Error(id === '4.3'
        ? `BUILDBOT=${value} asks for Buildbot 4.3, which is not installed: run \`sh scripts/buildbot-4.3.sh\` (as root)`
        : `BUILDBOT=${value} asks for Buildbot 3.7, which is not installed: apt-get install buildbot buildbot-worker python3-pyflakes`);
    }
  }
  return ids as BuildbotId[];
}

/** The Buildbots under test, in a stable order. */
export const BUILDBOTS: Buildbot[] = selectedIds(process.env.BUILDBOT).map(make);

/** One Buildbot by id (whether or not selected), e.g. for a test that is about 4.3 only. */
export const buildbot = (id: BuildbotId): Buildbot => make(id);

/** A build's own step names: without the steps Buildbot adds at its start (only there). */
export function ownSteps(bb: Buildbot, names: string[]): string[] {
  let i = 0;
  while (i < names.length && bb.addedSteps.includes(names[i]!)) i++;
  return names.slice(i);
}

/**
 * The paths under which this process sees, in /proc/PID/cwd, a directory `path` that a
 * process of `bb` has as its working directory: in the root's own mount namespace, the
 * bind-mounted /tmp and checkout show under the root's path.
 */
export function cwdAliases(bb: Buildbot, path: string): string[] {
  return bb.chroot ? [path, bb.chroot + path] : [path];
}
