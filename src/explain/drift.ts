// `check` failed: say what changed in builder terms before the raw diff. Both sides are
// read from master.cfg text (the committed file and the one just generated) with the
// same parser, so the summary cannot disagree with what Buildbot would load.
import { PyLiteralError, readAssignment, type PyValue } from './pyliteral.js';
import { byNatural, naturalCompare } from '../sort.js';

type Rec = Record<string, PyValue>;

export interface Entry {
  name: string;
  /** The record's branch, when it has one: lets the summary group a definition's builders. */
  branch?: string;
}

export interface RecordChange extends Entry {
  /** Top-level fields that differ; for `steps`, which steps (by name). */
  fields: string[];
}

export interface TableDrift {
  added: Entry[];
  removed: Entry[];
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

/** A master.cfg whose data tables cannot be read (hand-edited, or from an older generator). */
export class UnreadableConfig extends Error {}

function records(source: string, table: string): Map<string, Rec> {
  let v: PyValue | undefined;
  try {
    v = readAssignment(source, table);
  } catch (e) {
    if (e instanceof PyLiteralError) throw new UnreadableConfig(`\`${table}\`: ${e.message}`);
    throw e;
  }
  if (!Array.isArray(v)) throw new UnreadableConfig(`no \`${table} = [...]\` list`);
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

const entry = (name: string, r: Rec): Entry => (typeof r.branch === 'string' ? { name, branch: r.branch } : { name });
const byName = byNatural<{ name: string }>((e) => e.name);

function compare(before: Map<string, Rec>, after: Map<string, Rec>): TableDrift {
  const added = [...after].filter(([n]) => !before.has(n)).map(([n, r]) => entry(n, r)).sort(byName);
  const removed = [...before].filter(([n]) => !after.has(n)).map(([n, r]) => entry(n, r)).sort(byName);
  const changed: RecordChange[] = [];
  for (const [name, a] of [...before].sort(([x], [y]) => naturalCompare(x, y))) {
    const b = after.get(name);
    if (!b) continue;
    const fields: string[] = [];
    for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      if (canon(a[key] ?? null) === canon(b[key] ?? null) && key in a === key in b) continue;
      fields.push(key === 'steps' ? `steps (${stepNames(a[key], b[key]).join(', ')})` : key);
    }
    if (fields.length) changed.push({ ...entry(name, b), fields });
  }
  return { added, removed, changed };
}

/** The differences between two master.cfg texts in their WORKERS, BUILDERS and SCHEDULERS
 *  tables; throws UnreadableConfig when either text lacks a readable table. */
export function drift(committed: string, generated: string): Drift {
  const table = (t: string) => compare(records(committed, t), records(generated, t));
  return { builders: table('BUILDERS'), workers: table('WORKERS'), schedulers: table('SCHEDULERS') };
}

const LIMIT = 30;
const NOTES: Record<string, string> = {
  builddir: 'builddir (renamed: the worker starts from scratch and the old directory is orphaned)',
};

/** `x86 Tiger (2.7, 3.x)` for the builders of one definition that changed alike. */
function grouped(entries: (Entry & { detail?: string })[]): string[] {
  const groups = new Map<string, { stem: string; branches: string[]; detail?: string }>();
  for (const e of entries) {
    const m = e.branch !== undefined && e.name.endsWith(e.branch) ? /^(.*?)[ -]?$/.exec(e.name.slice(0, -e.branch.length)) : null;
    const stem = m?.[1] || e.name;
    const key = `${stem}\0${e.detail ?? ''}`;
    const g = groups.get(key) ?? { stem, branches: [], detail: e.detail };
    if (m?.[1]) g.branches.push(e.branch!);
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => `${g.stem}${g.branches.length ? ` (${g.branches.join(', ')})` : ''}${g.detail ? `: ${g.detail}` : ''}`);
}

function section(label: string, d: TableDrift): string[] {
  const lines: string[] = [];
  const list = (verb: string, count: number, items: string[]) => {
    if (!count) return;
    lines.push(`  ${label} ${verb} (${count}):`);
    for (const n of items.slice(0, LIMIT)) lines.push(`    ${n}`);
    if (items.length > LIMIT) lines.push(`    ... and ${items.length - LIMIT} more`);
  };
  list('added', d.added.length, grouped(d.added));
  list('removed', d.removed.length, grouped(d.removed));
  list('changed', d.changed.length, grouped(d.changed.map((c) => ({ ...c, detail: c.fields.map((f) => NOTES[f] ?? f).join(', ') }))));
  return lines;
}

/** A few lines for people: what a reviewer should look for in the diff below. */
export function formatDrift(d: Drift): string {
  const lines = [...section('builders', d.builders), ...section('workers', d.workers), ...section('schedulers', d.schedulers)];
  if (!lines.length) return 'The builders, workers and schedulers are the same; the difference is elsewhere in the file (comments or code).\n';
  return `What changed:\n${lines.join('\n')}\n`;
}
