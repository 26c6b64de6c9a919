// `check` failed: say what changed in builder terms before the raw diff. Both sides are
// read from master.cfg text (the committed file and the one just generated) with the
// same parser, so the summary cannot disagree with what Buildbot would load.
import { PyLiteralError, readAssignment, type PyValue } from './pyliteral.js';
import { branchNameOrder, byNatural, naturalCompare } from '../model/sort.js';
import { formatStepChange, stepChanges, type StepChange } from './step-drift.js';
import { downtimeText } from '../expand/downtime.js';

export type Rec = Record<string, PyValue>;

export interface Entry {
  name: string;
  /** The record's branch, when it has one: lets the summary group a definition's builders. */
  branch?: string;
  /** An added builder's downtime window, in words: a reviewer sees when it will not build. */
  downtime?: string;
}

export interface RecordChange extends Entry {
  /** Top-level fields that differ; for `steps`, which steps (by name). */
  fields: string[];
}

export interface Renamed extends RecordChange {
  /** The old name. */
  from: string;
}

export interface TableDrift {
  added: Entry[];
  removed: Entry[];
  /** Builders whose name changed and whose directory did not (a display name edited). */
  renamed: Renamed[];
  changed: RecordChange[];
}

export interface Drift {
  builders: TableDrift;
  workers: TableDrift;
  schedulers: TableDrift;
  /** What changed inside steps, per variant and step, with how many builders it touches. */
  steps: StepChange[];
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

function read(source: string, table: string): PyValue | undefined {
  try {
    return readAssignment(source, table);
  } catch (e) {
    if (e instanceof PyLiteralError) throw new UnreadableConfig(`\`${table}\`: ${e.message}`);
    throw e;
  }
}

const isRec = (v: PyValue | undefined): v is Rec => !!v && typeof v === 'object' && !Array.isArray(v);

/** A table's records; BUILDERS with each step key replaced by its step from STEPS (a file
 *  from before the STEPS table has the steps inline, and reads the same). */
export function tableRecords(source: string, table: string): Rec[] {
  const v = read(source, table);
  if (!Array.isArray(v)) throw new UnreadableConfig(`no \`${table} = [...]\` list`);
  const recs = v.filter(isRec);
  if (table === 'SCHEDULERS') return withMembers(recs, () => tableRecords(source, 'BUILDERS'));
  if (table !== 'BUILDERS') return recs;
  const steps = read(source, 'STEPS');
  return recs.map((r) => {
    if (!Array.isArray(r.steps)) return r;
    const resolved = r.steps.map((k) => {
      if (typeof k !== 'string') return k;
      const step = isRec(steps) ? steps[k] : undefined;
      if (step === undefined) throw new UnreadableConfig(`\`BUILDERS\`: step ${JSON.stringify(k)} is not in \`STEPS\``);
      return step;
    });
    return { ...r, steps: resolved };
  });
}

/** Schedulers with their `builders` (and the pull-request scheduler's `stable_builders`):
 *  master.cfg takes them from the BUILDERS rows (`scheduler_builders` there), and so does
 *  this; a file that lists them in SCHEDULERS reads as it is. */
function withMembers(schedulers: Rec[], builders: () => Rec[]): Rec[] {
  if (schedulers.every((s) => Array.isArray(s.builders))) return schedulers;
  const rows = builders();
  const names = (bs: Rec[]) => bs.map((b) => b.name as PyValue);
  return schedulers.map((s) => {
    if (Array.isArray(s.builders)) return s;
    if (s.kind === 'force') return { ...s, builders: names(rows) };
    if (s.kind === 'pull_request') {
      const order = Array.isArray(s.group_order) ? s.group_order : [];
      const branches = Array.isArray(s.branches) ? s.branches : [];
      const rank = (b: Rec) => (order.includes(b.scheduler!) ? order.indexOf(b.scheduler!) : order.length);
      const mine = rows.filter((b) => branches.includes(b.branch!)).sort((x, y) => rank(x) - rank(y)); // stable, as Python's sort
      return { ...s, builders: names(mine), stable_builders: names(mine.filter((b) => b.stability === 'stable')) };
    }
    return { ...s, builders: names(rows.filter((b) => b.branch === s.branch && b.scheduler === s.key)) };
  });
}

function records(source: string, table: string): Map<string, Rec> {
  const out = new Map<string, Rec>();
  for (const r of tableRecords(source, table)) if (typeof r.name === 'string') out.set(r.name, r);
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

/** `tags (unstable → stable)`, `tags (+new -old)`. */
function tagsChange(before: PyValue | undefined, after: PyValue | undefined): string {
  const list = (v: PyValue | undefined) => (Array.isArray(v) ? v.map(String) : []);
  const a = list(before);
  const b = list(after);
  const parts: string[] = [];
  for (const [from, to] of [['unstable', 'stable'], ['stable', 'unstable']]) {
    if (a.includes(from!) && !a.includes(to!) && b.includes(to!) && !b.includes(from!)) {
      parts.push(`${from} → ${to}`);
      a.splice(a.indexOf(from!), 1);
      b.splice(b.indexOf(to!), 1);
    }
  }
  parts.push(...b.filter((t) => !a.includes(t)).map((t) => `+${t}`), ...a.filter((t) => !b.includes(t)).map((t) => `-${t}`));
  return parts.length ? `tags (${parts.join(', ')})` : 'tags (order)';
}

/** `downtime (none → Wednesdays 08:00-10:00, America/Los_Angeles)`: the windows, in words. */
function windowWords(v: PyValue | undefined): string {
  if (typeof v === 'string') return v; // already in words (the report's records)
  if (!isRec(v) || typeof v.start !== 'string' || typeof v.end !== 'string') return 'none';
  const opt = (k: string) => (typeof v[k] === 'string' ? { [k]: v[k] as string } : {});
  return downtimeText({ start: v.start, end: v.end, ...opt('weekday'), ...opt('timezone') }, typeof v.drain === 'number' ? v.drain / 60 : 0);
}

function downtimeChange(before: PyValue | undefined, after: PyValue | undefined): string {
  return `downtime (${windowWords(before)} → ${windowWords(after)})`;
}

/** The top-level fields of two records that differ; for `steps`, which steps (by name). */
function fieldsChanged(a: Rec, b: Rec, ignore: string[] = []): string[] {
  const fields: string[] = [];
  for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    if (ignore.includes(key) || (canon(a[key] ?? null) === canon(b[key] ?? null) && key in a === key in b)) continue;
    fields.push(key === 'steps' ? `steps (${stepNames(a[key], b[key]).join(', ')})` : key === 'tags' ? tagsChange(a[key], b[key]) : key === 'downtime' ? downtimeChange(a[key], b[key]) : key);
  }
  return fields;
}

/** `renameKey`: records that keep this field's value under a new name were renamed. */
export function compare(before: Map<string, Rec>, after: Map<string, Rec>, renameKey?: string): TableDrift {
  let added = [...after].filter(([n]) => !before.has(n));
  let removed = [...before].filter(([n]) => !after.has(n));
  const renamed: Renamed[] = [];
  if (renameKey) {
    const gone = new Map(removed.filter(([, r]) => typeof r[renameKey] === 'string').map(([n, r]) => [`${String(r.worker)}\0${String(r[renameKey])}`, n]));
    for (const [name, r] of added) {
      const from = gone.get(`${String(r.worker)}\0${String(r[renameKey])}`);
      if (from === undefined) continue;
      gone.delete(`${String(r.worker)}\0${String(r[renameKey])}`);
      renamed.push({ ...entry(name, r), from, fields: fieldsChanged(before.get(from)!, r, ['name', 'description']) });
    }
    const to = new Set(renamed.map((x) => x.name));
    const from = new Set(renamed.map((x) => x.from));
    added = added.filter(([n]) => !to.has(n));
    removed = removed.filter(([n]) => !from.has(n));
  }
  const changed: RecordChange[] = [];
  for (const [name, a] of [...before].sort(([x], [y]) => naturalCompare(x, y))) {
    const b = after.get(name);
    if (!b) continue;
    const fields = fieldsChanged(a, b);
    if (fields.length) changed.push({ ...entry(name, b), fields });
  }
  return {
    added: added.map(([n, r]) => (isRec(r.downtime) ? { ...entry(n, r), downtime: windowWords(r.downtime) } : entry(n, r))).sort(byName),
    removed: removed.map(([n, r]) => entry(n, r)).sort(byName),
    renamed: renamed.sort(byName),
    changed,
  };
}

/** The differences between two master.cfg texts in their WORKERS, BUILDERS and SCHEDULERS
 *  tables; throws UnreadableConfig when either text lacks a readable table. */
export function drift(committed: string, generated: string): Drift {
  const table = (t: string) => compare(records(committed, t), records(generated, t));
  const before = records(committed, 'BUILDERS');
  const after = records(generated, 'BUILDERS');
  const builders = compare(before, after, 'builddir');
  const pairs: [Rec, Rec][] = [...after].flatMap(([n, r]) => (before.has(n) ? [[before.get(n)!, r] as [Rec, Rec]] : []));
  for (const r of builders.renamed) pairs.push([before.get(r.from)!, after.get(r.name)!]);
  return { builders, workers: table('WORKERS'), schedulers: table('SCHEDULERS'), steps: stepChanges(pairs) };
}

export const LIMIT = 30;
const NOTES: Record<string, string> = {
  builddir: 'builddir (renamed: the worker starts from scratch and the old directory is orphaned)',
};

/** A builder's name without its branch: `x86 Tiger 3.x` -> `x86 Tiger`. */
export function stem(name: string, branch: string | undefined): string {
  if (branch === undefined || !name.endsWith(branch)) return name;
  return /^(.*?)[ -]?$/.exec(name.slice(0, -branch.length))?.[1] || name;
}

export interface Group {
  stem: string;
  /** The branches of the definition's builders in the group (empty for a builder without one). */
  branches: string[];
  detail?: string;
}

/** The builders of one definition that changed alike, as one group: `x86 Tiger` on 2.7 and 3.x. */
export function groupEntries(entries: (Entry & { detail?: string })[]): Group[] {
  const groups = new Map<string, Group>();
  for (const e of entries) {
    const s = stem(e.name, e.branch);
    const key = `${s}\0${e.detail ?? ''}`;
    const g = groups.get(key) ?? { stem: s, branches: [], detail: e.detail };
    if (s !== e.name) g.branches.push(e.branch!);
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => ({ ...g, branches: branchNameOrder(g.branches) }));
}

/** What each change of a table is, in words, per group (for the text and the Markdown summaries). */
export function describeTable(d: TableDrift): { verb: 'added' | 'removed' | 'renamed' | 'changed'; count: number; groups: Group[] }[] {
  return [
    { verb: 'added' as const, count: d.added.length, groups: groupEntries(d.added.map((e) => (e.downtime ? { ...e, detail: `downtime ${e.downtime}` } : e))) },
    { verb: 'removed' as const, count: d.removed.length, groups: groupEntries(d.removed) },
    {
      verb: 'renamed' as const,
      count: d.renamed.length,
      groups: groupEntries(d.renamed.map((r) => ({ ...r, detail: `was ${stem(r.from, r.branch)}; Buildbot starts a new build history under the new name${r.fields.length ? `; also ${r.fields.map((f) => NOTES[f] ?? f).join(', ')}` : ''}` }))),
    },
    { verb: 'changed' as const, count: d.changed.length, groups: groupEntries(d.changed.map((c) => ({ ...c, detail: c.fields.map((f) => NOTES[f] ?? f).join(', ') }))) },
  ].filter((x) => x.count > 0);
}

function section(label: string, d: TableDrift): string[] {
  const lines: string[] = [];
  for (const { verb, count, groups } of describeTable(d)) {
    // `x86 Tiger (2.7, 3.x): steps (test)`
    const items = groups.map((g) => `${g.stem}${g.branches.length ? ` (${g.branches.join(', ')})` : ''}${g.detail ? `: ${g.detail}` : ''}`);
    lines.push(`  ${label} ${verb} (${count}):`);
    for (const n of items.slice(0, LIMIT)) lines.push(`    ${n}`);
    if (items.length > LIMIT) lines.push(`    ... and ${items.length - LIMIT} more`);
  }
  return lines;
}

function stepSection(changes: StepChange[]): string[] {
  if (!changes.length) return [];
  const lines = [`  steps changed (${changes.length}):`, ...changes.slice(0, LIMIT).map((c) => `    ${formatStepChange(c)}`)];
  if (changes.length > LIMIT) lines.push(`    ... and ${changes.length - LIMIT} more`);
  return lines;
}

/** Buildbot stops the build a removed or renamed builder is running (the worker halts it; the
 *  request ends in RETRY): said wherever such a change is summarised. */
export function busyWarning(d: Drift): string | undefined {
  const n = d.builders.removed.length + d.builders.renamed.length;
  if (!n) return undefined;
  return `Note: removing or renaming a builder that is building loses its running build; \`buildmaster-gen deploy\` holds such a change until those builders are idle (docs/deploying.md).`;
}

/** A few lines for people: what a reviewer should look for in the diff below. */
export function formatDrift(d: Drift): string {
  const lines = [...stepSection(d.steps), ...section('builders', d.builders), ...section('workers', d.workers), ...section('schedulers', d.schedulers)];
  if (!lines.length) return 'The builders, workers and schedulers are the same; the difference is elsewhere in the file (comments or code).\n';
  const warning = busyWarning(d);
  return `What changed:\n${lines.join('\n')}\n${warning ? `${warning}\n` : ''}`;
}
