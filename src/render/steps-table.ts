// Each distinct step written once (master.cfg's STEPS table), and builders that name their
// steps by key: a change to one variant's flags is one entry of STEPS in the diff, not one
// per builder, and Buildbot builds each step and each step list once.
//
// Keys are readable and stable, never content hashes: `<variant>/<step name>` for the
// version of the variant's first builder (in table order), `<variant>/<step name>@<builddir>`
// for another version, named after the directory of its first builder. A builder directory
// does not change when a display name does, so a rename leaves every key as it was.
import type { Builder, Step } from '../types.js';

export interface StepsTable {
  /** Key -> step, in order of first use. */
  steps: Record<string, Step>;
  /** Each builder's step keys, in the order of `builders`. */
  keys: string[][];
}

/** A text equal for equal steps (the order of fields is the order the stages build them in). */
const same = (s: Step) => JSON.stringify(s);

export function stepsTable(builders: readonly Pick<Builder, 'variant' | 'builddir' | 'steps'>[]): StepsTable {
  const steps: Record<string, Step> = {};
  // `<variant>/<name>` -> content -> key
  const versions = new Map<string, Map<string, string>>();
  const keys = builders.map((b) =>
    b.steps.map((s) => {
      const base = `${b.variant}/${s.name}`;
      let known = versions.get(base);
      if (!known) versions.set(base, (known = new Map()));
      const content = same(s);
      let key = known.get(content);
      if (key === undefined) {
        key = known.size === 0 ? base : `${base}@${b.builddir}`;
        // One builder with two versions of a step of the same name (or a clash with a
        // variant named like `x/y@z`): number the next one.
        for (let n = 2; key in steps; n++) key = `${base}@${b.builddir}#${n}`;
        known.set(content, key);
        steps[key] = s;
      }
      return key;
    }),
  );
  return { steps, keys };
}

/** The builders' steps again from a STEPS table and each builder's keys (read back by `check`). */
export function resolveSteps<T>(steps: Record<string, T>, keys: readonly string[]): T[] {
  return keys.map((k) => {
    const s = steps[k];
    if (s === undefined) throw new RangeError(`no step ${JSON.stringify(k)} in STEPS`);
    return s;
  });
}
