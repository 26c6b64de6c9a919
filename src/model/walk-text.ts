// One walk over a file's data for the checks that read every key and every text in it.
import type { Path } from '../load/load.js';

/** Visit every mapping key and every string of `data`, depth first. The path is one array
 *  changed in place (copy it to keep it); `onKey` sees it ending with the key, and returning
 *  false skips the value under that key. */
export function walkText(data: unknown, onKey: (key: string, path: Path) => boolean | void, onString: (s: string, path: Path) => void): void {
  const path: (string | number)[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        walk(v[i]);
        path.pop();
      }
    } else if (v && typeof v === 'object') {
      for (const k of Object.keys(v)) {
        path.push(k);
        if (onKey(k, path) !== false) walk((v as Record<string, unknown>)[k]);
        path.pop();
      }
    } else if (typeof v === 'string') onString(v, path);
  };
  walk(data);
}
