// `buildmaster-gen explain <name>`: what a worker will build, or why a builder exists on
// one branch and not on another. Everything shown comes from the expanded matrix (the
// same data master.cfg is rendered from) and the exclusions expand/ recorded.
import type { SourceFile } from '../load/load.js';
import { closest } from '../problems.js';
import type { BranchRule, Builder, BuilderMatrix, Fleet, Worker } from '../types.js';
import { workerOut } from '../expand/expand.js';
import { columns, commandLine, stepNotes, when } from './describe.js';

export interface ExplainInput {
  fleet: Fleet;
  matrix: BuilderMatrix;
  sources: { workers: SourceFile; builders: SourceFile };
}

/** The name matches no worker, builder or builder definition. */
export class UnknownName extends Error {
  constructor(
    readonly wanted: string,
    readonly suggestion: string | undefined,
  ) {
    super(`no worker, builder or builder definition is named \`${wanted}\`${suggestion !== undefined ? `; did you mean \`${suggestion}\`?` : ''}`);
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
  const all = [...fleet.workers.map((w) => w.name), ...matrix.builders.map((b) => b.name), ...defNames];
  throw new UnknownName(name, closest(name, all));
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
      ['tags', b.tags.join(', ')],
      ['schedule', sched ? `${sched.name}: ${when(sched)}` : 'by hand (force) only'],
      ['steps', ''],
    ]),
    ...table(steps, '    '),
  ];
}

/** For each branch: the builder a definition makes there, or the rule that excludes it. */
function branchRows(source: number, g: ExplainInput): string[] {
  return table(
    g.matrix.branches.map((br) => {
      const b = g.matrix.builders.find((x) => x.source === source && x.branch === br.name);
      if (b) return [br.name, 'built', `${b.name}  (${b.builddir}; ${schedulerOf(b, g)})`];
      const ex = g.matrix.exclusions.find((e) => e.source === source && e.branch === br.name);
      return [br.name, 'absent', ex?.reason ?? 'excluded'];
    }),
  );
}

function rules(source: number, g: ExplainInput): string[] {
  const def = g.fleet.builders[source]!;
  const worker = g.fleet.workers.find((w) => w.name === def.worker);
  const list = [
    [`worker ${def.worker}`, ruleText(worker?.branches)],
    [`variant ${def.variant}`, ruleText(g.fleet.variants[def.variant]?.branches)],
    ['definition', ruleText(def.branches)],
  ].filter((r): r is [string, string] => r[1] !== undefined);
  return list.length ? ['Branch rules:', ...table(list)] : ['Branch rules: none, so it runs on every branch.'];
}

/** The scheduler (other than force) that starts `b`. */
function schedulerOf(b: Builder, g: ExplainInput): string {
  return g.matrix.schedulers.find((s) => s.kind !== 'force' && s.builders.includes(b.name))?.name ?? 'force only';
}

function explainWorker(w: Worker, g: ExplainInput): string {
  const out = workerOut(w);
  const i = g.fleet.workers.indexOf(w);
  const mine = g.matrix.builders.filter((b) => b.worker === w.name);
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
      ...(out.notes ? [['notes', out.notes]] : []),
    ]),
    '',
    `It gets ${mine.length} builder(s) from ${defs.length} definition(s), on ${new Set(mine.map((b) => b.branch)).size} of ${g.matrix.branches.length} branches:`,
  ];
  for (const s of defs) lines.push('', `${g.fleet.builders[s]!.name}:`, ...branchRows(s, g));
  for (const b of mine) lines.push('', ...builderBlock(b, g));
  lines.push('', 'Every builder can also be started by hand from the web UI (scheduler `force`).');
  return `${lines.join('\n')}\n`;
}

function explainBuilder(b: Builder, g: ExplainInput): string {
  const def = g.fleet.builders[b.source]!;
  return `${[
    ...builderBlock(b, g),
    '',
    `It exists because definition \`${def.name}\` makes one builder per branch its rules allow, and no rule excludes ${b.branch}.`,
    ...rules(b.source, g),
    '',
    `Definition \`${def.name}\` on each branch:`,
    ...branchRows(b.source, g),
  ].join('\n')}\n`;
}

function explainDefinition(source: number, g: ExplainInput): string {
  const def = g.fleet.builders[source]!;
  const mine = g.matrix.builders.filter((b) => b.source === source);
  const lines = [
    `Builder definition \`${def.name}\` (${where(g.sources.builders, ['builders', source])}): worker ${def.worker}, variant ${def.variant}${def.stability ? `, ${def.stability}` : ''}`,
    ...rules(source, g),
    '',
    'On each branch:',
    ...branchRows(source, g),
  ];
  for (const b of mine) lines.push('', ...builderBlock(b, g));
  return `${lines.join('\n')}\n`;
}
