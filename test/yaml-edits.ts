// Random edits of parsed YAML documents, for the fuzz tests (test/lint/fuzz.test.ts,
// test/pipeline/step-changes-fuzz.test.ts and test/validate/verdict.test.ts).
import fc from 'fast-check';

export type Path = (string | number)[];

/** Every path to a node of `v`. */
export function paths(v: unknown, at: Path = []): Path[] {
  const here = at.length ? [at] : [];
  if (Array.isArray(v)) return [...here, ...v.flatMap((x, i) => paths(x, [...at, i]))];
  if (v && typeof v === 'object') return [...here, ...Object.entries(v).flatMap(([k, x]) => paths(x, [...at, k]))];
  return here;
}

/** A copy of `root` with the node at `path` replaced (undefined: removed). */
export function edit(root: unknown, path: Path, value: unknown): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const p of path.slice(0, -1)) node = node[p] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (value === undefined) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else node[last] = value;
  return copy;
}

export interface Fleet {
  workers: unknown;
  builders: unknown;
}
export type FleetEdit = readonly [readonly ['workers' | 'builders', Path], unknown];

/** Every node of both files, as targets of `applyEdits`. */
export const targets = (base: Fleet) => [...paths(base.workers).map((p) => ['workers', p] as const), ...paths(base.builders).map((p) => ['builders', p] as const)];

/** `base` with the edits applied in order; an edit whose path an earlier one removed is skipped. */
export function applyEdits(base: Fleet, edits: readonly FleetEdit[]): Fleet {
  const docs = { ...base };
  for (const [[file, path], v] of edits) {
    try {
      docs[file] = edit(docs[file], path, v);
    } catch {
      // An earlier edit removed the path: skip this one.
    }
  }
  return docs;
}

/** Values people (or attackers) write, to put anywhere: `words` (near-valid ones, names of
 *  other things), any string, odd types, short lists and maps of them, or removal. */
export function editValues(...words: string[]): fc.Arbitrary<unknown> {
  const word = fc.constantFrom(...words);
  const leaf = fc.oneof(word, fc.string(), fc.integer({ min: -5, max: 100000 }), fc.double(), fc.boolean(), fc.constant(null));
  return fc.oneof(leaf, fc.array(leaf, { maxLength: 3 }), fc.dictionary(fc.oneof(word, fc.string({ maxLength: 8 })), leaf, { maxKeys: 3 }), fc.constant(undefined));
}
