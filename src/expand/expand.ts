// Stage 3: the builder matrix. A pure function of the validated Fleet: no I/O, no clock,
// and sorted output, so the same fleet always gives the same matrix.
import type { Branch, BranchRule, Builder, BuilderDef, BuilderMatrix, Exclusion, Fleet, SchedulerOut, Worker, WorkerOut } from '../types.js';
import { stepsFor } from './steps.js';

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Why `rule` keeps `branch` out, or undefined when it lets it in. */
function excludedBy(rule: BranchRule | undefined, branch: string, owner: string): string | undefined {
  if (!rule) return undefined;
  const where = rule.where ? ` (${rule.where})` : '';
  if (rule.only && !rule.only.includes(branch)) return `${owner} runs only on ${rule.only.join(', ')}${where}`;
  if (rule.except?.includes(branch)) return `${owner} excludes ${branch}${where}`;
  return undefined;
}

/** Fill `{placeholders}` of a name or directory format. */
export function format(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);
}

export interface Placement {
  name: string;
  builddir: string;
}

export function placement(def: BuilderDef, branch: Branch): Placement {
  const values = { name: def.name, branch: branch.name, worker: def.worker, suffix: def.suffix };
  const name = format(def.name_format, values);
  return { name, builddir: format(def.dir_format, { ...values, builder: name }) };
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

export function expand(fleet: Fleet): BuilderMatrix {
  const branches = [...fleet.branches].sort(byName);
  const workers = new Map(fleet.workers.map((w) => [w.name, w]));
  const builders: Builder[] = [];
  const exclusions: Exclusion[] = [];

  fleet.builders.forEach((def, source) => {
    const worker = workers.get(def.worker)!;
    const variant = fleet.variants[def.variant]!;
    for (const branch of branches) {
      const reason =
        excludedBy(worker.branches, branch.name, `worker \`${worker.name}\``) ??
        excludedBy(variant.branches, branch.name, `variant \`${variant.name}\``) ??
        excludedBy(def.branches, branch.name, `builder \`${def.name}\``);
      if (reason) {
        exclusions.push({ def: def.name, source, branch: branch.name, reason });
        continue;
      }
      const { name, builddir } = placement(def, branch);
      const tags = [...new Set([...(def.branch_tag ? [branch.name] : []), ...(def.stability ? [def.stability] : []), ...variant.tags, ...def.tags])];
      const description = [variant.description ?? variant.name, worker.online ? '' : ' (worker offline)'].join('');
      builders.push({
        name,
        source,
        def: def.name,
        worker: worker.name,
        branch: branch.name,
        variant: variant.name,
        builddir,
        tags,
        scheduler: scheduleFor(fleet, variant.schedule, branch.name),
        description,
        steps: stepsFor({ branch, worker, variant, def, defaults: fleet.defaults }),
      });
    }
  });
  builders.sort(byName);

  // One scheduler per (branch, scheduler key) that has builders, plus one force scheduler.
  const groups = new Map<string, { branch: Branch; key: string; builders: string[] }>();
  const branchByName = new Map(branches.map((b) => [b.name, b]));
  for (const b of builders) {
    const id = `${b.branch}-${b.scheduler}`;
    const g = groups.get(id) ?? { branch: branchByName.get(b.branch)!, key: b.scheduler, builders: [] };
    g.builders.push(b.name);
    groups.set(id, g);
  }
  const schedulers: SchedulerOut[] = [...groups.entries()].map(([name, g]) => {
    const s = fleet.schedulers[g.key]!;
    const common = { name, branch: g.branch.name, git_branch: g.branch.git_branch };
    if (s.on === 'push') return { kind: 'change', ...common, ignore_paths: s.ignore_paths, builders: g.builders };
    const hour = typeof s.hour === 'number' ? s.hour : s.hour[g.branch.name];
    if (hour === undefined) throw new Error(`internal: scheduler ${g.key} has no hour for ${g.branch.name} (validation should have refused it)`);
    return { kind: 'nightly', ...common, hour, minute: s.minute, builders: g.builders };
  });
  schedulers.sort(byName);
  schedulers.push({ name: 'force', kind: 'force', builders: builders.map((b) => b.name) });

  return {
    branches,
    workers: [...fleet.workers].sort(byName).map(workerOut),
    builders,
    schedulers,
    exclusions,
  };
}
