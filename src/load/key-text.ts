// Mapping keys are names (branches, schedulers, variants, fields), so they are text. YAML
// reads an unquoted `3.10:` as the number 3.1, `true:` as a boolean, `~:` as null; turned
// into data, those keys would silently become "3.1", "true" and "" -- and every later
// message (and "did you mean") would speak of a name the user never wrote. So each such key
// keeps the text as written, and is remembered here to be reported as an error.
import { isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { Path, Position } from './load.js';
import { isMergeKey } from './merge-keys.js';

export interface KeyNotText {
  /** The path of the mapping that holds the key. */
  parent: Path;
  at: Position;
  /** The key as written in the file. */
  written: string;
  /** What YAML read it as. */
  value: number | boolean | bigint | null;
}

/** Replace every non-text key by its written text (in place) and list them. */
export function keysAsWritten(doc: Document, text: string, at: (offset: number) => Position): KeyNotText[] {
  const found: KeyNotText[] = [];
  // Depth is bounded before this runs (by the token limits); aliases are not followed: their
  // target is walked where it is written, and it is the same node. One path, changed in place.
  const path: (string | number)[] = [];
  const walk = (node: unknown) => {
    if (isSeq(node)) {
      node.items.forEach((item, i) => {
        path.push(i);
        walk(item);
        path.pop();
      });
    } else if (isMap(node)) {
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        if (isScalar(key) && typeof key.value !== 'string' && !isMergeKey(key)) {
          const written = typeof key.source === 'string' ? key.source : String(key.value ?? '');
          // An empty key starts before the indentation: point at the `:` instead.
          let offset = key.range?.[0] ?? 0;
          if (written === '') while (text[offset] === ' ') offset++;
          found.push({ parent: [...path], at: at(offset), written, value: key.value as KeyNotText['value'] });
          key.value = written;
        }
        path.push(isScalar(key) ? String(key.value) : '?');
        walk(pair.value);
        path.pop();
      }
    }
  };
  walk(doc.contents);
  return found;
}

/** "the number 3.1", "the boolean true", "nothing (null)". */
export function readAs(value: unknown): string {
  if (value === null || value === undefined) return 'nothing (null)';
  if (typeof value === 'boolean') return `the boolean ${value}`;
  if (typeof value === 'number' || typeof value === 'bigint') return `the number ${String(value)}`;
  return `\`${String(value)}\``;
}
