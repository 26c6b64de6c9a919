// The frozen 2026 snapshot (test/fixtures/cpython-2026-af48ad7: the declarations of
// python/buildmaster-config at af48ad7) and the config the generator makes from it today.
// Tests that pin the 2026 fleet's contents (counts, names, steps) read this, never
// fleets/cpython-2026, which its owners change every week (docs/living-fleet.md).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, ROOT, run, tempDir } from '../pipeline/helpers.js';

export const SNAPSHOT = join(ROOT, 'test/fixtures/cpython-2026-af48ad7');
export const SNAPSHOT_WORKERS = join(SNAPSHOT, 'workers.yaml');
export const SNAPSHOT_BUILDERS = join(SNAPSHOT, 'builders.yaml');
/** The live fleet, held only by invariants. */
export const LIVE_2026 = join(ROOT, 'fleets/cpython-2026');

let generated: string | undefined;

/**
 * The snapshot's master.cfg as the current generator writes it (into a temporary out/,
 * once per test file), not the committed bytes of the fixture's out/: a change to how
 * the config is written must still load to the same objects in Buildbot.
 */
export function snapshotConfig(): string {
  if (generated && existsSync(generated)) return generated;
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  const out = join(tempDir('bmg-snapshot-2026-'), 'out');
  const r = run(process.execPath, [CLI, 'generate', '--fleet', SNAPSHOT, '--out', out]);
  if (r.status !== 0) throw new Error(`generating the 2026 snapshot (${SNAPSHOT}) failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
  generated = join(out, 'master.cfg');
  return generated;
}

export const snapshotText = () => readFileSync(snapshotConfig(), 'utf8');
