// Each distinct step written once (master.cfg's STEPS table), and builders that name their
// steps by key: a change to one variant's flags is one entry of STEPS in the diff, not one
// per builder, and Buildbot builds each step and each step list once.
//
// Keys are readable and stable, never content hashes: each version of a variant's step is
// named after the first (in code-unit order) builder directory that runs it:
// `<variant>/<step name>@<builddir>`, and the version that includes the variant's first
// directory is plain `<variant>/<step name>`. Builder directories do not change when a
// display name or a flag does, and do not depend on the order of declarations, so a rename,
// an edited flag or a reordered file leaves every key as it was.
import type { Builder, Step } from '../model/types.js';

export interface StepsTable {
  /** Key -> step, in order of first use. */
  steps: Record<string, Step>;
  /** Each builder's step keys, in the order of `builders`. */
  keys: string[][];
}

/** A text equal for equal steps (the order of fields is the order the stages build them in). */
const same = (s: Step) => JSON.stringify(s);
const first = (a: string, b: string) => (a < b ? a : b);

export function stepsTable(builders: readonly Pick<Builder, 'variant' | 'builddir' | 'steps'>[]): StepsTable {
  // `<variant>/<name>` -> content -> the first directory that runs it
  const versions = new Map<string, Map<string, string>>();
  for (const b of builders) {
    for (const s of b.steps) {
      const base = `${b.variant}/${s.name}`;
      let known = versions.get(base);
      if (!known) versions.set(base, (known = new Map()));
      const content = same(s);
      const dir = known.get(content);
      known.set(content, dir === undefined ? b.builddir : first(dir, b.builddir));
    }
  }
  // `<variant>/<name>` -> content -> key
  const names = new Map<string, Map<string, string>>();
  // Every plain key first: a step name with `@` in it can never take another's key.
  const taken = new Set(versions.keys());
  for (const [base, known] of [...versions].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const byDir = [...known].sort(([ca, da], [cb, db]) => (da < db ? -1 : da > db ? 1 : ca < cb ? -1 : ca > cb ? 1 : 0));
    const keys = new Map<string, string>();
    byDir.forEach(([content, dir], i) => {
      if (i === 0) return void keys.set(content, base);
      let key = `${base}@${dir}`;
      // One directory with two versions of a same-named step: number the next ones.
      for (let n = 2; taken.has(key); n++) key = `${base}@${dir}#${n}`;
      taken.add(key);
      keys.set(content, key);
    });
    names.set(base, keys);
  }
  const steps: Record<string, Step> = {};
  const keys = builders.map((b) =>
    b.steps.map((s) => {
      const key = names.get(`${b.variant}/${s.name}`)!.get(same(s))!;
      steps[key] ??= s;
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
