// What changed inside steps, told once per variant and step with the number of builders it
// touches: `debug: configure +--with-assertions (90 builders)`, not 90 lines of `steps (configure)`.
import type { PyValue } from './pyliteral.js';

type Rec = Record<string, PyValue>;

export interface StepChange {
  /** The builders' variant (or, in a file without variants, the builder's name). */
  variant: string;
  step: string;
  /** `+--with-assertions -x`, `timeout 1200 → 1800`, ... */
  change: string;
  builders: number;
}

const text = (v: PyValue | undefined): string => (v === undefined ? '(none)' : typeof v === 'string' ? v : JSON.stringify(v));
const short = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}...` : s);

/** Arguments added and removed (as multisets): `+a -b`; `reordered` when only the order differs. */
function commandChange(a: PyValue[], b: PyValue[]): string {
  const left = a.map(text);
  const right = b.map(text);
  const removed: string[] = [];
  const rest = [...right];
  for (const x of left) {
    const i = rest.indexOf(x);
    if (i < 0) removed.push(x);
    else rest.splice(i, 1);
  }
  const parts = [...rest.map((x) => `+${short(x)}`), ...removed.map((x) => `-${short(x)}`)];
  return parts.length ? parts.join(' ') : 'reordered';
}

const words = (s: string): string[] => s.split(/\s+/).filter(Boolean);

function describe(a: Rec, b: Rec): string {
  const parts: string[] = [];
  for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])]) {
    const x = a[key];
    const y = b[key];
    if (JSON.stringify(x) === JSON.stringify(y)) continue;
    if (key === 'command' && Array.isArray(x) && Array.isArray(y)) parts.push(commandChange(x, y));
    // A shell command line (a string): told word by word, so a long one is not cut before the change.
    else if (key === 'command' && typeof x === 'string' && typeof y === 'string') parts.push(`(shell) ${commandChange(words(x), words(y))}`);
    else parts.push(`${key} ${short(text(x))} → ${short(text(y))}`);
  }
  return parts.join(', ');
}

const stepsByName = (r: Rec) => new Map((Array.isArray(r.steps) ? r.steps : []).flatMap((s) => (s && typeof s === 'object' && !Array.isArray(s) && typeof s.name === 'string' ? [[s.name, s] as const] : [])));

/** The changes inside steps of the same name, over builder pairs (before, after), grouped. */
export function stepChanges(pairs: [Rec, Rec][]): StepChange[] {
  const groups = new Map<string, StepChange>();
  for (const [before, after] of pairs) {
    const variant = typeof after.variant === 'string' ? after.variant : String(after.name);
    const old = stepsByName(before);
    for (const [name, step] of stepsByName(after)) {
      const was = old.get(name);
      if (!was || JSON.stringify(was) === JSON.stringify(step)) continue;
      const change = describe(was as Rec, step as Rec);
      const key = `${variant}\0${name}\0${change}`;
      const g = groups.get(key) ?? { variant, step: name, change, builders: 0 };
      g.builders++;
      groups.set(key, g);
    }
  }
  return [...groups.values()];
}

/** `debug: configure +--with-assertions (90 builders)` */
export const formatStepChange = (c: StepChange) => `${c.variant}: ${c.step} ${c.change} (${c.builders} builder${c.builders === 1 ? '' : 's'})`;
