// Orders for people (explain, matrix, the drift summary): builder and worker names in
// natural order (`Windows8` before `Windows10`), branches in version order (3.9, 3.10, 3.x).
// master.cfg keeps its own order; these only decide what people read.

/** master.cfg's order where it sorts names: by code point, the same on every machine
 *  (localeCompare follows the machine's locale, and its first call loads ICU: 45 ms). */
export const codePointCompare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const CHUNK = /(\d+)|(\D+)/g;

/** Natural order: runs of digits compare as numbers, the rest without case, then with. */
export function naturalCompare(a: string, b: string): number {
  const x = a.match(CHUNK) ?? [];
  const y = b.match(CHUNK) ?? [];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i]!;
    const q = y[i]!;
    const pd = /^\d/.test(p);
    const qd = /^\d/.test(q);
    if (pd && qd) {
      const d = Number(p) - Number(q) || p.length - q.length; // 7 before 07 before 10
      if (d) return d;
    } else if (pd !== qd) return pd ? -1 : 1; // digits before letters: 3.10 before 3.x
    else {
      const l = p.toLowerCase();
      const m = q.toLowerCase();
      if (l !== m) return l < m ? -1 : 1;
    }
  }
  return x.length - y.length || (a < b ? -1 : a > b ? 1 : 0);
}

export const byNatural = <T>(key: (t: T) => string) => (a: T, b: T) => naturalCompare(key(a), key(b));

/** `3.10` -> [3, 10]; anything else -> undefined. */
function versionOf(v: string | undefined): number[] | undefined {
  return v !== undefined && /^\d+(?:\.\d+)*$/.test(v) ? v.split('.').map(Number) : undefined;
}

function compareVersions(a: number[] | undefined, b: number[] | undefined): number {
  if (!a || !b) return a ? -1 : b ? 1 : 0;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

/** A branch whose name says its version (`3.6`, `3.x`) before one that borrows it (`custom` tracks 3.x). */
const namedForVersion = (name: string) => /^\d+(?:\.(?:\d+|x))*$/i.test(name);

/** Branches in version order, oldest first: 2.7, 3.5, 3.6, 3.9, 3.10, 3.x (the main branch,
 *  whose version is the newest), then branches such as `custom` that track another. */
export function branchOrder<T extends { name: string; version?: string }>(branches: readonly T[]): T[] {
  return [...branches].sort(
    (a, b) =>
      Number(namedForVersion(b.name)) - Number(namedForVersion(a.name)) ||
      compareVersions(versionOf(a.version), versionOf(b.version)) ||
      naturalCompare(a.name, b.name),
  );
}

/** Branch names alone (no versions at hand): natural order gives the same for names like 3.9, 3.10, 3.x. */
export const branchNameOrder = (names: readonly string[]) => [...names].sort(naturalCompare);
