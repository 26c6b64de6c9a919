// Stage 3: the builder matrix. A pure function of the validated Fleet: no I/O, no clock.
// Order is declaration order: branches (newest first, pull requests last), then builder
// definitions as written; so a renamed builder keeps its place.
import { ruleExcludes } from '../model/branch-rules.js';
import { codePointCompare } from '../model/sort.js';
import type { Branch, BranchRule, Builder, BuilderDef, BuilderMatrix, Exclusion, Fleet, SchedulerOut, Variant, Worker, WorkerOut } from '../model/types.js';
import { builderDowntime } from './downtime.js';
import { withExtras } from './overlay.js';
import { stepMaker } from './step-keys.js';
import type { StepContext } from './steps.js';

/** Why a definition has no builder on a branch, told when asked (explain): the text names
 *  where the rule is written, and a position costs a full reading of the YAML (load.ts). */
type Reason = () => string;

/** Why `rule` of the `what` called `name` keeps `branch` out, or undefined. */
function excludedBy(rule: BranchRule | undefined, branch: Branch, what: string, name: string): Reason | undefined {
  const why = ruleExcludes(rule, branch);
  return why === undefined ? undefined : () => `${what} \`${name}\` ${why}${rule?.where ? ` (${rule.where})` : ''}`;
}

// Each format split once at its placeholders (every builder of a fleet fills the same few):
// the texts between them, with the placeholders' names at the odd places.
const formatParts = new Map<string, string[]>();

/** Fill `{placeholders}` of a name or directory format. */
export function format(template: string, values: Record<string, string>): string {
  let parts = formatParts.get(template);
  if (!parts) formatParts.set(template, (parts = template.split(/\{(\w+)\}/)));
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) out += (values[parts[i]!] ?? `{${parts[i]}}`) + parts[i + 1]!;
  return out;
}

export interface Placement {
  name: string;
  builddir: string;
}

export function placement(def: BuilderDef, branch: Branch, suffix = def.suffix ?? ''): Placement {
  // A pool has one directory per builder (Buildbot's builddir/workerbuilddir are per builder), named after the pool.
  const values: Record<string, string> = { name: def.name, branch: branch.name, dir: branch.dir, worker: def.pool ?? def.worker, suffix };
  const name = format(def.name_format, values);
  values.builder = name; // the directory may name the builder (not the builder itself)
  return { name, builddir: format(def.dir_format, values) };
}

/** The scheduler key a builder of `def` uses on `branch`. */
export function scheduleFor(fleet: Fleet, variantSchedule: string, branch: string): string {
  const s = fleet.schedulers[variantSchedule];
  return s?.on === 'nightly' && s.on_push_for.includes(branch) ? fleet.defaults.schedule : variantSchedule;
}

export function workerOut(w: Worker): WorkerOut {
  const os = [w.os.family, w.os.distribution, w.os.version].filter(Boolean).join(' ');
  return { name: w.name, owner: w.owner, os, arch: w.arch, max_builds: w.max_builds, online: w.online, notes: w.notes ?? '' };
}

/** The worker a pool's steps are made for: its first (validation makes the members agree on
 *  what reaches a step), with the capabilities every member has. */
export function poolWorker(members: readonly Worker[]): Worker {
  const [first, ...rest] = members as [Worker, ...Worker[]];
  if (!rest.length) return first;
  return { ...first, capabilities: first.capabilities.filter((c) => rest.every((w) => w.capabilities.includes(c))) };
}

/** Why a definition has no builder on `branch`, or undefined. */
function exclusion(fleet: Fleet, def: BuilderDef, worker: Worker, branch: Branch): Reason | undefined {
  const variant = fleet.variants[def.variant]!;
  const dropped = branch.features.length ? branch.features.find((f) => fleet.features[f]?.drop_tags.some((t) => variant.tags.includes(t) || def.tags.includes(t))) : undefined;
  return (
    excludedBy(worker.branches, branch, 'worker', worker.name) ??
    excludedBy(variant.branches, branch, 'variant', variant.name) ??
    excludedBy(def.branches, branch, 'builder', def.name) ??
    (dropped ? () => `branch \`${branch.name}\` has feature \`${dropped}\`, which drops builders tagged ${fleet.features[dropped]!.drop_tags.join(', ')}` : undefined)
  );
}

/** What one definition makes on one branch: its worker (a pool's: see poolWorker), its kind
 *  with the extras that hold there, and the steps' context; or why it makes nothing. */
export function builderOn(fleet: Fleet, workers: ReadonlyMap<string, Worker>, def: BuilderDef, branch: Branch): { excluded: Reason } | { ctx: StepContext } {
  const worker = def.workers ? poolWorker(def.workers.map((n) => workers.get(n)!)) : workers.get(def.worker)!;
  const reason = exclusion(fleet, def, worker, branch);
  if (reason) return { excluded: reason };
  const kind = fleet.variants[def.variant]!;
  const extras = def.extras.length ? [...kind.extras, ...def.extras] : kind.extras;
  const variant = extras.length ? withExtras(kind, extras, { branch, capabilities: worker.capabilities }) : kind;
  return { ctx: { branch, worker, variant, def, defaults: fleet.defaults, features: fleet.features, master: fleet.master } };
}

/** A builder's tags, each once, in this order: its branch's, tier, stability, then its kind's and definition's. */
function builderTags(def: BuilderDef, branch: Branch, variant: Variant): string[] {
  const tags: string[] = [];
  const add = (t: string) => void (tags.includes(t) || tags.push(t));
  if (def.branch_tag) add(branch.tag);
  if (def.tier) add(def.tier);
  if (def.stability) add(def.stability);
  for (const t of variant.tags) add(t);
  for (const t of def.tags) add(t);
  return tags;
}

export function expand(fleet: Fleet): BuilderMatrix {
  const { branches } = fleet;
  const workers = new Map(fleet.workers.map((w) => [w.name, w]));
  const builders: Builder[] = [];
  const exclusions: Exclusion[] = [];
  const stepsOf = stepMaker();

  for (const branch of branches) {
    fleet.builders.forEach((def, source) => {
      const made = builderOn(fleet, workers, def, branch);
      if ('excluded' in made) {
        const why = made.excluded;
        let reason: string | undefined;
        exclusions.push({
          def: def.name,
          source,
          branch: branch.name,
          get reason() {
            return (reason ??= why());
          },
        });
        return;
      }
      const { worker, variant } = made.ctx;
      const { name, builddir } = placement(def, branch, def.suffix ?? variant.suffix ?? '');
      const tier = def.tier;
      const tags = builderTags(def, branch, variant);
      const ctx = made.ctx;
      const { steps, keys } = stepsOf(ctx);
      const description = fleet.master.builder_descriptions ? [variant.description ?? variant.name, worker.online ? '' : ' (worker offline)'].join('') : '';
      // Fields added one by one, the optional ones only when set (in this order: a builder's
      // JSON lists them so): no spread of a little object per field and builder.
      const b: Partial<Builder> = { name, source, def: def.name, worker: worker.name };
      if (def.workers) b.workers = def.workers;
      b.branch = branch.name;
      b.variant = variant.name;
      b.builddir = builddir;
      b.tags = tags;
      if (def.stability) b.stability = def.stability;
      if (tier) b.tier = tier;
      b.scheduler = scheduleFor(fleet, variant.schedule, branch.name);
      b.description = description;
      b.steps = steps;
      b.step_keys = keys;
      if (worker.downtime) b.downtime = builderDowntime(worker.downtime, variant);
      builders.push(b as Builder);
    });
  }
  return { master: fleet.master, branches, workers: fleet.workers.map(workerOut), builders, schedulers: schedulersOf(fleet, builders), exclusions };
}

/** Per branch (in branch order) one scheduler per schedule key that has builders there; then pull requests; then force. */
function schedulersOf(fleet: Fleet, builders: Builder[]): SchedulerOut[] {
  const out: SchedulerOut[] = [];
  const prKeys = Object.values(fleet.schedulers).filter((s) => s.on === 'pull_request');
  for (const branch of fleet.branches) {
    const mine = builders.filter((b) => b.branch === branch.name);
    if (branch.git_branch === undefined) continue; // pull requests: see below
    const keys = [...new Set(mine.map((b) => b.scheduler))].sort((a, b) => codePointCompare(schedulerName(fleet, a, branch), schedulerName(fleet, b, branch)));
    for (const key of keys) {
      const s = fleet.schedulers[key]!;
      const members = mine.filter((b) => b.scheduler === key).map((b) => b.name);
      const common = { name: schedulerName(fleet, key, branch), branch: branch.name, git_branch: branch.git_branch, key, builders: members };
      if (s.on === 'push') {
        out.push({
          kind: 'change',
          ...common,
          ignore_paths: s.ignore_paths,
          ...(s.ignore_suffixes.length ? { ignore_suffixes: s.ignore_suffixes } : {}),
          ...(s.only_important ? {} : { only_important: false }),
          ...(s.tree_stable_timer !== undefined ? { tree_stable_timer: s.tree_stable_timer } : {}),
        });
      } else if (s.on === 'nightly') {
        const hour = typeof s.hour === 'number' ? s.hour : s.hour[branch.name];
        if (hour === undefined) continue; // the matrix check reports it
        out.push({ kind: 'nightly', ...common, hour, minute: s.minute });
      }
    }
  }
  for (const s of prKeys) {
    if (s.on !== 'pull_request') continue;
    const prBranches = fleet.branches.filter((br) => br.git_branch === undefined).map((br) => br.name);
    const prs = builders.filter((b) => prBranches.includes(b.branch));
    const rank = (b: Builder) => {
      const i = s.group_order.indexOf(b.scheduler);
      return i < 0 ? s.group_order.length : i;
    };
    const members = prs.map((b, i) => ({ b, i })).sort((x, y) => rank(x.b) - rank(y.b) || x.i - y.i).map((x) => x.b);
    out.push({
      kind: 'pull_request',
      name: s.name_format,
      tree_stable_timer: s.tree_stable_timer,
      branches: prBranches,
      group_order: s.group_order,
      builders: members.map((b) => b.name),
      stable_builders: members.filter((b) => b.stability === 'stable').map((b) => b.name),
    });
  }
  out.push({ name: 'force', kind: 'force', builders: builders.map((b) => b.name) });
  return out;
}

function schedulerName(fleet: Fleet, key: string, branch: Branch): string {
  const s = fleet.schedulers[key]!;
  return format(s.name_format, { branch: branch.name, key });
}
