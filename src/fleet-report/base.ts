// `report --base`: the fleet to compare with. A directory holds other declarations; anything
// else is a git ref of the repository the fleet is in, read with `git show REF:./file`
// (relative to the fleet's files, as they are in that repository).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { UnreadableBase } from '../cli/check.js';
import { locateFleets, type FleetLocation } from '../cli/fleet-paths.js';
import { loadFleet, type Generated } from '../pipeline.js';

const isDirectory = (p: string) => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

/** The file at `ref`, or UnreadableBase saying what git said. */
function gitShow(ref: string, file: string): string {
  const r = spawnSync('git', ['show', `${ref}:./${basename(file)}`], { cwd: dirname(file), encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.error) throw new UnreadableBase(`--base ${ref}: cannot run git (${r.error.message})`);
  if (r.status !== 0) throw new UnreadableBase(`--base ${ref}: it is not a directory, and git cannot read ${basename(file)} at that ref: ${r.stderr.trim().split('\n')[0]}`);
  return r.stdout;
}

/** Load the base fleet: from a directory, or from git at a ref. Problems name `REF:file`. */
export function loadBase(base: string, fleet: FleetLocation, cwd: string): { g: Generated; name: string } {
  const dir = resolve(cwd, base);
  if (isDirectory(dir)) {
    const [where] = locateFleets({ fleet: [base] }, cwd);
    return { g: loadFleet(where!), name: base };
  }
  if (base.startsWith('-')) throw new UnreadableBase(`--base ${base}: not a directory or a git ref`);
  const temp = mkdtempSync(join(tmpdir(), 'buildmaster-gen-base-'));
  try {
    const paths = { workers: join(temp, 'workers.yaml'), builders: join(temp, 'builders.yaml') };
    const shown = new Map([
      [paths.workers, `${base}:${basename(fleet.workers)}`],
      [paths.builders, `${base}:${basename(fleet.builders)}`],
    ]);
    writeFileSync(paths.workers, gitShow(base, fleet.workers));
    writeFileSync(paths.builders, gitShow(base, fleet.builders));
    return { g: loadFleet(paths, (p) => shown.get(p) ?? p), name: base };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}
