// The fleet's matrix cut down to the builders under trial: master.cfg rendered from it is
// the fleet's own (the same templates, the same steps for those builders) but loads in a
// moment, where the whole 2026 fleet registers 1,037 builders.
import type { BuilderMatrix } from '../model/types.js';

export function restrictMatrix(matrix: BuilderMatrix, builderNames: string[]): BuilderMatrix {
  const keep = new Set(builderNames);
  const builders = matrix.builders.filter((b) => keep.has(b.name));
  const workers = new Set(builders.map((b) => b.worker));
  return {
    ...matrix,
    builders,
    workers: matrix.workers.filter((w) => workers.has(w.name)),
    schedulers: matrix.schedulers
      .map((s) => ({
        ...s,
        builders: s.builders.filter((n) => keep.has(n)),
        ...(s.stable_builders ? { stable_builders: s.stable_builders.filter((n) => keep.has(n)) } : {}),
      }))
      // The pull-request scheduler stays even when empty: master.cfg builds its services from it.
      .filter((s) => s.builders.length > 0 || s.kind === 'pull_request'),
    exclusions: [],
  };
}
