// `buildmaster-gen explain <name>`: what a worker will build, or why a builder exists on
// one branch and not on another. Everything shown comes from the expanded matrix (the
// same data master.cfg is rendered from) and the exclusions expand/ recorded.
import type { SourceFile } from '../load/load.js';
import { closest, UserError } from '../model/problems.js';
import type { Branch, BranchRule, Builder, BuilderMatrix, Fleet, Worker } from '../model/types.js';
import { placement, workerOut } from '../expand/expand.js';
import { branchOrder, byNatural } from '../model/sort.js';
import { columns, commandLine, stepNotes, when } from './describe.js';
import { downtimeText } from '../expand/downtime.js';

export interface ExplainInput {
  fleet: Fleet;
  matrix: BuilderMatrix;
  sources: { workers: SourceFile; builders: SourceFile };
}

/** The name matches no worker, builder or builder definition. */
export class UnknownName extends UserError {
  constructor(
    readonly wanted: string,
    readonly suggestion: string | undefined,
    /** Why, when the name looks like a builder of a definition on a branch that does not exist. */
    detail?: string,
  ) {
    super(`no worker, builder or builder definition is named \`${wanted}\`${detail ? `: ${detail}` : ''}${suggestion !== undefined ? `; did you mean \`${suggestion}\`?` : ''}`);
  }
}

const where = (src: SourceFile, path: (string | number)[]) => {
  const { line, col } = src.locate(path);
  return `${src.file}:${line}:${col}`;
};

function ruleText(rule: BranchRule | undefined): string | undefined {
  if (!rule) return undefined;
  const parts = [
    ...(rule.only ? [`only ${rule.only.join(', ')}`] : []),
    ...(rule.except ? [`not on ${rule.except.join(', ')}`] : []),
    ...(rule.since ? [`since ${rule.since} (and pull requests)`] : []),
    ...(rule.until ? [`until ${rule.until} (not pull requests)`] : []),
  ];
  return `${parts.join('; ')}${rule.where ? ` (${rule.where})` : ''}`;
}

const table = (rows: string[][], indent = '  ') => columns(rows, indent);

/** Without `stability` a builder is unstable (it gates nothing): say so, visibly. */
const stability = (def: { stability?: string }) => def.stability ?? 'unstable (no `stability` given: new builders start unstable)';

export function explain(name: string, g: ExplainInput): string {
  const { fleet, matrix } = g;
  const defNames = fleet.builders.map((d) => d.name);
  const find = (eq: (a: string, b: string) => boolean): string | undefined => {
    const w = fleet.workers.find((x) => eq(x.name, name));
    if (w) return explainWorker(w, g);
    const b = matrix.builders.find((x) => eq(x.name, name));
    if (b) return explainBuilder(b, g);
    const d = fleet.builders.findIndex((x) => eq(x.name, name));
    if (d >= 0) return explainDefinition(d, g);
    return undefined;
  };
  const found = find((a, b) => a === b) ?? find((a, b) => a.toLowerCase() === b.toLowerCase());
  if (found !== undefined) return found;
  const absent = explainAbsent(name, g, (a, b) => a === b) ?? explainAbsent(name, g, (a, b) => a.toLowerCase() === b.toLowerCase());
  if (absent !== undefined) return absent;
  const all = [...fleet.workers.map((w) => w.name), ...matrix.builders.map((b) => b.name), ...defNames];
  const noBranch = unknownBranch(name, g);
  throw new UnknownName(name, noBranch ? undefined : closest(name, all), noBranch?.detail);
}

/** The name a builder of definition `source` would have on `branch`. */
const wouldBe = (g: ExplainInput, source: number, branch: Branch) => placement(g.fleet.builders[source]!, branch).name;

/** `<definition> <branch>` where a rule keeps the definition off that branch: which rule. */
function explainAbsent(name: string, g: ExplainInput, eq: (a: string, b: string) => boolean): string | undefined {
  for (const ex of g.matrix.exclusions) {
    const branch = g.matrix.branches.find((b) => b.name === ex.branch);
    if (!branch || !eq(wouldBe(g, ex.source, branch), name)) continue;
    const def = g.fleet.builders[ex.source]!;
    const all = siblings(ex.source, g);
    const built = branchOrder(g.matrix.branches).flatMap((br) => (g.matrix.builders.some((b) => all.includes(b.source) && b.branch === br.name) ? [br.name] : []));
    const offBy = (source: number) => g.matrix.exclusions.find((e) => e.source === source && e.branch === branch.name)?.reason ?? 'excluded';
    const why =
      all.length === 1
        ? `definition \`${def.name}\` (${defAt(g, ex.source)}) is kept off ${branch.name} by a rule: ${ex.reason}.`
        : `none of the ${all.length} definitions named \`${def.name}\` builds on ${branch.name}: ${all.map((s) => `${defAt(g, s)} is kept off by a rule: ${offBy(s)}`).join('; ')}.`;
    return `${[
      `\`${wouldBe(g, ex.source, branch)}\` is not a builder: ${why}`,
      built.length ? `${all.length === 1 ? 'It builds' : 'They build'} on ${built.join(', ')}.` : `${all.length === 1 ? 'It builds' : 'They build'} on no branch at all.`,
      ...all.flatMap((s) => rules(s, g, all.length > 1)),
      '',
      ...branchTable(all, g),
    ].join('\n')}\n`;
  }
  return undefined;
}

/** `<definition> <branch>` with a branch that does not exist: say so (the branches are listed). */
function unknownBranch(name: string, g: ExplainInput): { detail: string } | undefined {
  const names = branchOrder(g.matrix.branches).map((b) => b.name);
  let best: { def: string; branch: string; length: number } | undefined;
  for (let source = 0; source < g.fleet.builders.length; source++) {
    const mark = '\u0000';
    const [pre, post] = wouldBe(g, source, { name: mark, git_branch: mark, version: mark, dir: mark, tag: mark, features: [] }).split(mark) as [string, string?];
    if (post === undefined || !pre || !name.startsWith(pre) || !name.endsWith(post) || name.length <= pre.length + post.length) continue;
    const branch = name.slice(pre.length, name.length - post.length);
    // Branch names have no spaces: the longest definition name that leaves one word wins.
    if (/\s/.test(branch) || (best && best.length >= pre.length)) continue;
    best = { def: g.fleet.builders[source]!.name, branch, length: pre.length };
  }
  return best && { detail: `definition \`${best.def}\` exists, but there is no branch \`${best.branch}\` (branches: ${names.join(', ')})` };
}

/** One builder: where it runs, when, and every command. */
function builderBlock(b: Builder, g: ExplainInput): string[] {
  const def = g.fleet.builders[b.source]!;
  const variant = g.fleet.variants[b.variant]!;
  const branch = g.matrix.branches.find((x) => x.name === b.branch)!;
  const sched = g.matrix.schedulers.find((s) => s.kind !== 'force' && s.builders.includes(b.name));
  const steps = b.steps.map((s, i) => {
    const notes = stepNotes(s);
    return [`${i + 1}. ${s.name}`, `${commandLine(s, branch.git_branch)}${notes.length ? `   [${notes.join('; ')}]` : ''}`];
  });
  return [
    b.name,
    ...table([
      ['definition', `${def.name} (${where(g.sources.builders, ['builders', b.source])})`],
      ['worker', b.worker],
      ['variant', `${variant.name} (recipe ${variant.recipe})${variant.description ? `: ${variant.description}` : ''}`],
      ['branch', branch.git_branch !== undefined ? `${b.branch} (git branch ${branch.git_branch}, Python ${branch.version})` : `${b.branch} (pull requests)`],
      ['directory', b.builddir],
      ['stability', stability(def)],
      ['tags', b.tags.join(', ')],
      ['schedule', sched ? `${sched.name}: ${when(sched)}` : 'by hand (force) only'],
      ...(b.downtime ? [['downtime', `${downtimeText(b.downtime, (b.downtime.drain ?? 0) / 60)} (no build starts then)`]] : []),
      ['steps', ''],
    ]),
    ...table(steps, '    '),
  ];
}

/** Every definition with the name of definition `source` (a builder split by branch range between workers), in file order. */
function siblings(source: number, g: ExplainInput): number[] {
  const name = g.fleet.builders[source]!.name;
  return g.fleet.builders.flatMap((d, i) => (d.name === name ? [i] : []));
}

const defAt = (g: ExplainInput, source: number) => where(g.sources.builders, ['builders', source]);

/** For each branch: the builder the definitions `sources` make there (and which one, when several), or the rules that exclude it. */
function branchRows(sources: number[], g: ExplainInput): string[] {
  const several = sources.length > 1;
  return table(
    branchOrder(g.matrix.branches).map((br) => {
      const b = g.matrix.builders.find((x) => sources.includes(x.source) && x.branch === br.name);
      if (b) return [br.name, 'built', `${b.name}  (${b.builddir}; ${schedulerOf(b, g)})${several ? `  by ${defAt(g, b.source)} (worker ${b.worker})` : ''}`];
      const reasons = sources.map((s) => {
        const reason = g.matrix.exclusions.find((e) => e.source === s && e.branch === br.name)?.reason ?? 'excluded';
        return several ? `${defAt(g, s)}: ${reason}` : reason;
      });
      return [br.name, 'absent', reasons.join('; ')];
    }),
  );
}

/** The heading and rows of the per-branch table of the definitions `sources`. */
function branchTable(sources: number[], g: ExplainInput): string[] {
  const name = g.fleet.builders[sources[0]!]!.name;
  const heading = sources.length === 1 ? `Definition \`${name}\` on each branch:` : `The ${sources.length} definitions named \`${name}\` on each branch (which one builds it):`;
  return [heading, ...branchRows(sources, g)];
}

/** The branch rules that apply to definition `source` (`named`: say which definition, when several share a name). */
function rules(source: number, g: ExplainInput, named = false): string[] {
  const def = g.fleet.builders[source]!;
  const worker = g.fleet.workers.find((w) => w.name === def.worker);
  const list = [
    [`worker ${def.worker}`, ruleText(worker?.branches)],
    [`variant ${def.variant}`, ruleText(g.fleet.variants[def.variant]?.branches)],
    ['definition', ruleText(def.branches)],
  ].filter((r): r is [string, string] => r[1] !== undefined);
  const of = named ? ` of ${defAt(g, source)} (worker ${def.worker})` : '';
  return list.length ? [`Branch rules${of}:`, ...table(list)] : [`Branch rules${of}: none, so it runs on every branch.`];
}

/** The scheduler (other than force) that starts `b`. */
function schedulerOf(b: Builder, g: ExplainInput): string {
  return g.matrix.schedulers.find((s) => s.kind !== 'force' && s.builders.includes(b.name))?.name ?? 'force only';
}

function explainWorker(w: Worker, g: ExplainInput): string {
  const out = workerOut(w);
  const i = g.fleet.workers.indexOf(w);
  const mine = g.matrix.builders.filter((b) => b.worker === w.name).sort(byNatural((b) => b.name));
  const defs = [...new Set(g.fleet.builders.flatMap((d, s) => (d.worker === w.name ? [s] : [])))];
  const lines = [
    `Worker ${w.name} (${where(g.sources.workers, ['workers', i])})`,
    ...table([
      ['owner', out.owner],
      ['os', out.os],
      ['arch', out.arch],
      ['builds at once', `${out.max_builds}${g.fleet.master.cpu_lock ? ' (cpu lock)' : ''}`],
      ['parallel', w.parallel ? `-j${w.parallel} for make and the tests` : `make default; tests -j${g.fleet.defaults.test_jobs}`],
      ['status', w.online ? 'online' : 'OFFLINE: it keeps its builders, but nothing runs until it is back'],
      ...(w.branches ? [['branches', ruleText(w.branches)!]] : []),
      ...(w.downtime ? [['downtime', `${downtimeText(w.downtime, w.downtime.drain_minutes)}: no build starts in it, builds wait until it ends`]] : []),
      ...(w.idle !== undefined ? [['idle', `${w.idle} (no builder, on purpose)`]] : []),
      ...(out.notes ? [['notes', out.notes]] : []),
    ]),
    '',
    `It gets ${mine.length} builder(s) from ${defs.length} definition(s), on ${new Set(mine.map((b) => b.branch)).size} of ${g.matrix.branches.length} branches:`,
  ];
  for (const s of defs) lines.push('', `${g.fleet.builders[s]!.name}:`, ...branchRows([s], g));
  for (const b of mine) lines.push('', ...builderBlock(b, g));
  lines.push('', 'Every builder can also be started by hand from the web UI (scheduler `force`).');
  return `${lines.join('\n')}\n`;
}

function explainBuilder(b: Builder, g: ExplainInput): string {
  const def = g.fleet.builders[b.source]!;
  const all = siblings(b.source, g);
  const why =
    all.length === 1
      ? `It exists because definition \`${def.name}\` makes one builder per branch its rules allow, and no rule excludes ${b.branch}.`
      : `It exists because definition \`${def.name}\` at ${defAt(g, b.source)} (one of the ${all.length} definitions of that name) makes one builder per branch its rules allow, and no rule excludes ${b.branch}.`;
  return `${[...builderBlock(b, g), '', why, ...all.flatMap((s) => rules(s, g, all.length > 1)), '', ...branchTable(all, g)].join('\n')}\n`;
}

function explainDefinition(source: number, g: ExplainInput): string {
  const all = siblings(source, g);
  const heading = (s: number) => {
    const def = g.fleet.builders[s]!;
    return `Builder definition \`${def.name}\` (${defAt(g, s)}): worker ${def.worker}, variant ${def.variant}, ${stability(def)}`;
  };
  const lines =
    all.length === 1
      ? [heading(source), ...rules(source, g), '', 'On each branch:', ...branchRows(all, g)]
      : [
          `${all.length} builder definitions are named \`${g.fleet.builders[source]!.name}\`; together they make its builders:`,
          ...all.flatMap((s) => ['', heading(s), ...rules(s, g)]),
          '',
          'On each branch (which definition builds it):',
          ...branchRows(all, g),
        ];
  const mine = g.matrix.builders.filter((b) => all.includes(b.source)).sort(byNatural((b) => b.name));
  for (const b of mine) lines.push('', ...builderBlock(b, g));
  return `${lines.join('\n')}\n`;
}
