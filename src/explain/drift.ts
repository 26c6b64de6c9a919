// `check` failed: say what changed in builder terms before the raw diff. Both sides are
// read from master.cfg text (the committed file and the one just generated) with the
// same parser, so the summary cannot disagree with what Buildbot would load.
import { readAssignment, type PyValue } from './pyliteral.js';

type Rec = Record<string, PyValue>;

export interface RecordChange {
  name: string;
  /** Top-level fields that differ; for `steps`, which steps (by name). */
  fields: string[];
}

export interface TableDrift {
  added: string[];
  removed: string[];
  changed: RecordChange[];
}

export interface Drift {
  builders: TableDrift;
  workers: TableDrift;
  schedulers: TableDrift;
}

/** A stable text for deep comparison (key order does not matter). */
function canon(v: PyValue): string {
  if (Array.isArray(v)) return `[${v.map(canon).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canon(v[k]!)}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

function records(source: string, table: string): Map<string, Rec> {
  const v = readAssignment(source, table);
  if (!Array.isArray(v)) throw new Error(`no \`${table} = [...]\` list`);
  const out = new Map<string, Rec>();
  for (const r of v) {
    if (r && typeof r === 'object' && !Array.isArray(r) && typeof r.name === 'string') out.set(r.name, r);
  }
  return out;
}

function stepNames(before: PyValue | undefined, after: PyValue | undefined): string[] {
  const byName = (v: PyValue | undefined) =>
    new Map((Array.isArray(v) ? v : []).map((s, i) => [s && typeof s === 'object' && !Array.isArray(s) && typeof s.name === 'string' ? s.name : `#${i + 1}`, canon(s)] as const));
  const a = byName(before);
  const b = byName(after);
  const names = [...new Set([...a.keys(), ...b.keys()])];
  const order = (v: Map<string, string>) => [...v.keys()].join('\n');
  const changed = names.filter((n) => a.get(n) !== b.get(n));
  if (!changed.length && order(a) !== order(b)) return ['order'];
  return changed.map((n) => (!a.has(n) ? `+${n}` : !b.has(n) ? `-${n}` : n));
}

function compare(before: Map<string, Rec>, after: Map<string, Rec>): TableDrift {
  const added = [...after.keys()].filter((n) => !before.has(n)).sort();
  const removed = [...before.keys()].filter((n) => !after.has(n)).sort();
  const changed: RecordChange[] = [];
  for (const [name, a] of [...before].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    const b = after.get(name);
    if (!b) continue;
    const fields: string[] = [];
    for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      if (canon(a[key] ?? null) === canon(b[key] ?? null) && key in a === key in b) continue;
      fields.push(key === 'steps' ? `steps (${stepNames(a[key], b[key]).join(', ')})` : key);
    }
    if (fields.length) changed.push({ name, fields });
  }
  return { added, removed, changed };
}

/** The differences between two master.cfg texts in their WORKERS, BUILDERS and SCHEDULERS
 *  tables; throws when either text lacks a readable table. */
export function drift(committed: string, generated: string): Drift {
  const table = (t: string) => compare(records(committed, t), records(generated, t));
  return { builders: table('BUILDERS'), workers: table('WORKERS'), schedulers: table('SCHEDULERS') };
}

const LIMIT = 20;

function section(label: string, d: TableDrift): string[] {
  const lines: string[] = [];
  const list = (verb: string, names: string[]) => {
    if (!names.length) return;
    lines.push(`  ${label} ${verb} (${names.length}):`);
    for (const n of names.slice(0, LIMIT)) lines.push(`    ${n}`);
    if (names.length > LIMIT) lines.push(`    ... and ${names.length - LIMIT} more`);
  };
  list('added', d.added);
  list('removed', d.removed);
  list(
    'changed',
    d.changed.map((c) => `${c.name}: ${c.fields.join(', ')}`),
  );
  return lines;
}

/** A few lines for people: what a reviewer should look for in the diff below. */
export function formatDrift(d: Drift): string {
  const lines = [...section('builders', d.builders), ...section('workers', d.workers), ...section('schedulers', d.schedulers)];
  if (!lines.length) return 'The builders, workers and schedulers are the same; the difference is elsewhere in the file (comments or code).\n';
  return `What changed:\n${lines.join('\n')}\n`;
}
