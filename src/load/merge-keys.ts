// YAML merge keys: `<<: *defaults` copies the fields of an anchored mapping into this one
// (fields written here win). They are read, so fleets can share blocks of fields; a field
// that came through a merge is located where it is written, in the anchored mapping.
import { isAlias, isMap, isScalar, isSeq, type Alias, type Document, type Node, type Pair, type YAMLMap } from 'yaml';

/** The node an alias stands for (load.ts works them out in one walk of the document). */
export type AliasTarget = (alias: Alias) => unknown;

/** yaml reads an unquoted `<<` key as its merge symbol. */
export const isMergeKey = (key: unknown): boolean => isScalar(key) && (typeof key.value === 'symbol' || (key.value === '<<' && key.type === 'PLAIN'));

/** The mappings a merge value names: an alias, or a list of aliases (the first wins). */
function sources(value: unknown, target: AliasTarget): unknown[] {
  const items = isSeq(value) ? value.items : [value];
  return items.map((v) => (isAlias(v) ? target(v) : v));
}

/** The pair for `key` that `map` gets through its merge keys, as YAML resolves it. */
export function mergedPair(map: YAMLMap, key: string, target: AliasTarget, depth = 0): Pair | undefined {
  if (depth > 64) return undefined; // merges of merges: bounded like everything else
  for (const pair of map.items) {
    if (!isMergeKey(pair.key)) continue;
    for (const src of sources(pair.value, target)) {
      if (!isMap(src)) continue;
      const own = src.items.find((p) => isScalar(p.key) && !isMergeKey(p.key) && String(p.key.value) === key);
      const found = own ?? mergedPair(src, key, target, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/** The first merge whose value is not a mapping or an alias of one (yaml refuses those). */
export function badMerge(doc: Document, target: AliasTarget): Node | undefined {
  let bad: Node | undefined;
  const walk = (node: unknown, depth: number) => {
    if (bad || depth > 64) return;
    if (isSeq(node)) node.items.forEach((n) => walk(n, depth + 1));
    else if (isMap(node)) {
      for (const pair of node.items) {
        if (isMergeKey(pair.key) && sources(pair.value, target).some((s) => !isMap(s))) {
          bad = pair.value as Node;
          return;
        }
        walk(pair.value, depth + 1);
      }
    }
  };
  walk(doc.contents, 0);
  return bad;
}
