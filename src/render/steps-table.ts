// Each distinct step written once (master.cfg's STEPS table), and builders that name their
// steps by key: a change to one variant's flags is one entry of STEPS in the diff, not one
// per builder, and Buildbot builds each step and each step list once.
//
// Keys come from expand (expand/step-keys.ts): the kind, the step, and only the builder's
// own inputs the step depends on (`debug/test@3.12 parallel=4`). They never depend on which
// other builders share a step or on the order of declarations, and the table is sorted by
// key, so an edit changes only the entries and rows of what it changes.
import type { Builder, Step } from '../model/types.js';
import { codePointCompare } from '../model/sort.js';

export interface StepsTable {
  /** Key -> step, sorted by key. */
  steps: Record<string, Step>;
  /** Each builder's step keys, in the order of `builders`. */
  keys: string[][];
}

/** A builder's keys: expand's, or (for a matrix made without them) its directory's own. */
function keysOf(b: Pick<Builder, 'variant' | 'builddir' | 'steps' | 'step_keys'>): string[] {
  if (b.step_keys) return b.step_keys;
  const seen = new Map<string, number>();
  return b.steps.map((s) => {
    const n = (seen.get(s.name) ?? 0) + 1;
    seen.set(s.name, n);
    return `${b.variant}/${s.name}${n > 1 ? `#${n}` : ''}@${b.builddir}`;
  });
}

export function stepsTable(builders: readonly Pick<Builder, 'variant' | 'builddir' | 'steps' | 'step_keys'>[]): StepsTable {
  const found = new Map<string, Step>();
  // The JSON of each step object compared: expand shares one object among the builders made
  // alike, so most steps are the very object already found under their key (equal, unread).
  const texts = new Map<Step, string>();
  const text = (s: Step) => {
    let t = texts.get(s);
    if (t === undefined) texts.set(s, (t = JSON.stringify(s)));
    return t;
  };
  const keys = builders.map((b) => {
    const ks = keysOf(b);
    b.steps.forEach((s, i) => {
      const k = ks[i]!;
      const known = found.get(k);
      if (known === undefined) found.set(k, s);
      // Cannot happen for expand's keys (a key's inputs make its step); a guard, not a fallback.
      else if (known !== s && text(known) !== text(s)) throw new Error(`internal error: two different steps under the key ${JSON.stringify(k)} (builder directory ${b.builddir})`);
    });
    return ks;
  });
  const steps: Record<string, Step> = {};
  for (const k of [...found.keys()].sort(codePointCompare)) steps[k] = found.get(k)!;
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
