// The data of the HTML report: the expanded matrix (what master.cfg holds) in the words
// `explain` uses (commands, schedules), and, against a base, what changed. Plain JSON: the
// page renders it in the browser.
import type { Generated } from '../pipeline.js';
import type { Builder, BuilderMatrix, Fleet } from '../model/types.js';
import { workerOut } from '../expand/expand.js';
import { downtimeText } from '../expand/downtime.js';
import { commandLine, stepNotes, when } from '../explain/describe.js';
import { compare, describeTable, type Entry, type Rec, type Renamed, type TableDrift } from '../explain/drift.js';
import { branchOrder, byNatural } from '../model/sort.js';

export interface ReportStep {
  name: string;
  /** The exact command, as `explain` shows it. */
  command: string;
  notes: string[];
}

export type ChangeKind = 'added' | 'removed' | 'renamed' | 'changed';

export interface ReportBuilder {
  name: string;
  worker: string;
  branch: string;
  /** The builder definition's name. */
  def: string;
  /** The build kind (the variant). */
  kind: string;
  recipe: string;
  /** The build kind's description, when it has one. */
  about?: string;
  tier: string;
  stability: 'stable' | 'unstable';
  builddir: string;
  tags: string[];
  /** When it runs, in words: one line per scheduler. */
  schedule: string[];
  /** Its worker's downtime window (and its drain), in words: no build starts then. */
  downtime?: string;
  steps: ReportStep[];
  /** Set against a base: how this builder changed, and what it was. */
  change?: ChangeKind;
  from?: string;
  fields?: string[];
  before?: ReportStep[];
}

export interface ReportWorker {
  name: string;
  owner: string;
  os: string;
  osFamily: string;
  arch: string;
  online: boolean;
  maxBuilds: number;
  notes: string;
  /** The downtime window, in words: no build starts in it. */
  downtime?: string;
  /** Set against a base: a worker this change adds, removes or changes. */
  change?: ChangeKind;
}

export interface ChangeGroup {
  verb: ChangeKind;
  count: number;
  groups: { stem: string; detail?: string; builders: { name: string; branch?: string }[] }[];
}

export interface ReportData {
  title: string;
  fleet: string;
  branches: { name: string; gitBranch?: string; version?: string }[];
  workers: ReportWorker[];
  builders: ReportBuilder[];
  /** Against a base: the builders it had that this fleet has not (drawn in their old cells). */
  removed: ReportBuilder[];
  diff?: { base: string; builders: ChangeGroup[]; workers: ChangeGroup[]; before: number; after: number };
}

const NO_TIER = 'no tier';

function reportBuilder(b: Builder, fleet: Fleet, m: BuilderMatrix): ReportBuilder {
  const branch = m.branches.find((x) => x.name === b.branch)!;
  const scheds = m.schedulers.filter((s) => s.kind !== 'force' && s.builders.includes(b.name));
  return {
    name: b.name,
    worker: b.worker,
    branch: b.branch,
    def: b.def,
    kind: b.variant,
    recipe: fleet.variants[b.variant]?.recipe ?? '',
    ...(fleet.variants[b.variant]?.description ? { about: fleet.variants[b.variant]!.description } : {}),
    tier: b.tier ?? NO_TIER,
    stability: b.stability === 'stable' || b.tags.includes('stable') ? 'stable' : 'unstable',
    builddir: b.builddir,
    tags: b.tags,
    schedule: [...scheds.map((s) => `${s.name}: ${when(s)}`), 'by hand (force), from the web UI'],
    ...(b.downtime ? { downtime: downtimeText(b.downtime, (b.downtime.drain ?? 0) / 60) } : {}),
    steps: b.steps.map((s) => ({ name: s.name, command: commandLine(s, branch.git_branch), notes: stepNotes(s) })),
  };
}

/** The report of one fleet, without a base. */
export function fleetData(g: Pick<Generated, 'fleet' | 'matrix'>, title: string): ReportData {
  const { fleet, matrix: m } = g;
  const workers = fleet.workers
    .map((w): ReportWorker => {
      const o = workerOut(w);
      return { name: w.name, owner: o.owner, os: o.os, osFamily: w.os.family, arch: o.arch, online: o.online, maxBuilds: o.max_builds, notes: o.notes, ...(w.downtime ? { downtime: downtimeText(w.downtime, w.downtime.drain_minutes) } : {}) };
    })
    .sort(byNatural((w) => w.name));
  return {
    title,
    fleet: title,
    branches: branchOrder(m.branches).map((b) => ({ name: b.name, ...(b.git_branch !== undefined ? { gitBranch: b.git_branch } : {}), ...(b.version !== undefined ? { version: b.version } : {}) })),
    workers,
    builders: m.builders.map((b) => reportBuilder(b, fleet, m)).sort(byNatural((b) => b.name)),
    removed: [],
  };
}

/** What is compared: what the report shows of a builder (its change marks aside). */
const record = (b: object) => b as unknown as Rec;
const byName = <T extends { name: string }>(xs: T[]) => new Map(xs.map((x) => [x.name, record(x)]));

/** Group a table's changes as `changes` does (`x86 Tiger (2.7, 3.x): steps (test)`), keeping each builder's name. */
function groups(d: TableDrift): ChangeGroup[] {
  const empty: TableDrift = { added: [], removed: [], renamed: [], changed: [] };
  const key = (g: { stem: string; detail?: string }) => `${g.stem}\0${g.detail ?? ''}`;
  return describeTable(d).map(({ verb, count, groups: gs }) => {
    // Each entry alone, described the same way, says which group it is in.
    const members = new Map<string, { name: string; branch?: string }[]>();
    for (const e of d[verb] as (Entry & Partial<Renamed>)[]) {
      const k = key(describeTable({ ...empty, [verb]: [e] })[0]!.groups[0]!);
      members.set(k, [...(members.get(k) ?? []), { name: e.name, ...(e.branch !== undefined ? { branch: e.branch } : {}) }]);
    }
    return { verb, count, groups: gs.map((g) => ({ stem: g.stem, ...(g.detail !== undefined ? { detail: g.detail } : {}), builders: members.get(key(g)) ?? [] })) };
  });
}

/** The head fleet's report, marked with what changed since `base`. */
export function diffData(head: ReportData, base: ReportData, baseName: string): ReportData {
  // A build kind's description is not in master.cfg: editing it changes no builder.
  const builds = (bs: ReportBuilder[]) => byName(bs.map(({ about: _, ...b }) => b));
  const found = compare(builds(base.builders), builds(head.builders), 'builddir');
  // A renamed builder's definition is renamed with it: that is the rename, not a change.
  const bd = { ...found, renamed: found.renamed.map((r) => ({ ...r, fields: r.fields.filter((f) => f !== 'def') })) };
  const wd = compare(byName(base.workers), byName(head.workers));
  const baseBuilders = new Map(base.builders.map((b) => [b.name, b]));
  const marks = new Map<string, Pick<ReportBuilder, 'change' | 'from' | 'fields' | 'before'>>();
  for (const a of bd.added) marks.set(a.name, { change: 'added' });
  for (const r of bd.renamed) marks.set(r.name, { change: 'renamed', from: r.from, fields: r.fields, before: baseBuilders.get(r.from)!.steps });
  for (const c of bd.changed) marks.set(c.name, { change: 'changed', fields: c.fields, before: baseBuilders.get(c.name)!.steps });
  const workerMarks = new Map<string, ChangeKind>([...wd.added.map((w) => [w.name, 'added'] as const), ...wd.changed.map((w) => [w.name, 'changed'] as const)]);
  const gone = new Set(bd.removed.map((r) => r.name));
  const goneWorkers = new Set(wd.removed.map((w) => w.name));
  return {
    ...head,
    title: head.title,
    workers: [
      ...head.workers.map((w) => (workerMarks.has(w.name) ? { ...w, change: workerMarks.get(w.name)! } : w)),
      ...base.workers.filter((w) => goneWorkers.has(w.name)).map((w) => ({ ...w, change: 'removed' as const })),
    ].sort(byNatural((w) => w.name)),
    builders: head.builders.map((b) => (marks.has(b.name) ? { ...b, ...marks.get(b.name)! } : b)),
    removed: base.builders.filter((b) => gone.has(b.name)).map((b) => ({ ...b, change: 'removed' as const })),
    diff: { base: baseName, builders: groups(bd), workers: groups(wd), before: base.builders.length, after: head.builders.length },
  };
}
