// The checks a schema cannot say: references, uniqueness, variant/OS fit, and the
// builder-level checks on the expanded matrix (names, directories, schedules).
// The data may still hold schema errors here, so every access is guarded: we report
// every problem we can find in one run.
import type { Path, SourceFile } from '../load/load.js';
import { didYouMean, type Problem } from '../problems.js';
import type { Branch, BranchRule, BuilderDef, BuilderMatrix, Defaults, Fleet, Recipe, Scheduler, Variant, Worker } from '../types.js';
import { RECIPE_OS } from '../expand/steps.js';
import { expand } from '../expand/expand.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const entries = (v: unknown): [string, Obj][] => (isObj(v) ? Object.entries(v).filter((e): e is [string, Obj] => isObj(e[1])) : []);
const items = (v: unknown): [number, Obj][] => (Array.isArray(v) ? v.map((x, i) => [i, x] as [number, unknown]).filter((e): e is [number, Obj] => isObj(e[1])) : []);

const DEFAULTS: Defaults = { test_timeout: 1200, faulthandler_margin: 300, schedule: 'push', test_jobs: 2 };
const BUILDDIR = /^(?!\.)(?:[A-Za-z0-9_-]|\.(?!\.))+$/;
const VARIANT_FIELDS: Record<string, Recipe[]> = {
  configure_flags: ['unix', 'installed'],
  interpreter_flags: ['unix', 'installed'],
  test_flags: ['unix', 'installed', 'windows', 'vs9'],
  timeout_multiplier: ['unix', 'installed', 'windows', 'vs9'],
  platform: ['windows', 'vs9'],
  release: ['windows'],
};

export interface Checked {
  problems: Problem[];
  /** Present when there is no error (warnings allowed). */
  fleet?: Fleet;
  matrix?: BuilderMatrix;
}

export function checkFleet(w: SourceFile, b: SourceFile, schemaOk = true): Checked {
  const problems: Problem[] = [];
  const report = (src: SourceFile, path: Path, message: string, rule: string, opts: { key?: boolean; severity?: 'warning' } = {}) =>
    problems.push({ file: src.file, ...src.locate(path, opts), message, rule, severity: opts.severity ?? 'error' });
  const where = (src: SourceFile, path: Path) => {
    const { line, col } = src.locate(path);
    return `${src.file}:${line}:${col}`;
  };
  const wd = isObj(w.data) ? w.data : {};
  const bd = isObj(b.data) ? b.data : {};

  // ---- branches ----
  const rawBranches = entries(bd.branches);
  const branchNames = rawBranches.map(([n]) => n);
  const branches: Branch[] = [];
  const gitBranches = new Map<string, string>();
  for (const [name, raw] of rawBranches) {
    const git = str(raw.git_branch);
    if (git !== undefined) {
      const other = gitBranches.get(git);
      if (other !== undefined) report(b, ['branches', name, 'git_branch'], `branches \`${other}\` and \`${name}\` both build git branch \`${git}\`: every push would start both`, 'duplicate-git-branch');
      gitBranches.set(git, name);
    }
    let version = str(raw.version);
    const tracks = str(raw.tracks);
    if (version !== undefined && tracks !== undefined) report(b, ['branches', name, 'tracks'], `branch \`${name}\` has both \`version\` and \`tracks\`: give one`, 'branch-version', { key: true });
    else if (tracks !== undefined) {
      const target = isObj(bd.branches) ? (bd.branches as Obj)[tracks] : undefined;
      version = isObj(target) ? str(target.version) : undefined;
      if (!isObj(target)) report(b, ['branches', name, 'tracks'], `branch \`${name}\` tracks unknown branch \`${tracks}\`${didYouMean(tracks, branchNames)}`, 'unknown-branch');
      else if (version === undefined) report(b, ['branches', name, 'tracks'], `branch \`${name}\` tracks \`${tracks}\`, which has no \`version\` of its own`, 'branch-version');
    } else if (version === undefined) report(b, ['branches', name], `branch \`${name}\` needs a \`version\` (the Python version it builds, e.g. "3.7") or \`tracks: <branch>\``, 'branch-version');
    if (git !== undefined && version !== undefined) branches.push({ name, git_branch: git, version });
  }
  const knownBranch = new Set(branchNames);
  const checkRule = (src: SourceFile, path: Path, raw: unknown): BranchRule | undefined => {
    if (!isObj(raw)) return undefined;
    for (const k of ['only', 'except'] as const) {
      strs(raw[k]).forEach((br, i) => {
        if (!knownBranch.has(br)) report(src, [...path, k, i], `unknown branch \`${br}\`${didYouMean(br, branchNames)} (branches: ${branchNames.join(', ')})`, 'unknown-branch');
      });
    }
    const rule: BranchRule = { where: where(src, path) };
    if (Array.isArray(raw.only)) rule.only = strs(raw.only);
    if (Array.isArray(raw.except)) rule.except = strs(raw.except);
    return rule;
  };

  // ---- defaults and schedulers ----
  const rawDefaults = isObj(bd.defaults) ? bd.defaults : {};
  const defaults: Defaults = { ...DEFAULTS, ...(rawDefaults as Partial<Defaults>) };
  const schedulers: Record<string, Scheduler> = {};
  for (const [key, raw] of entries(bd.schedulers)) {
    if (raw.on === 'nightly') {
      if (isObj(raw.hour)) {
        for (const br of Object.keys(raw.hour)) {
          if (!knownBranch.has(br)) report(b, ['schedulers', key, 'hour', br], `unknown branch \`${br}\`${didYouMean(br, branchNames)}`, 'unknown-branch', { key: true });
        }
      }
      strs(raw.on_push_for).forEach((br, i) => {
        if (!knownBranch.has(br)) report(b, ['schedulers', key, 'on_push_for', i], `unknown branch \`${br}\`${didYouMean(br, branchNames)}`, 'unknown-branch');
      });
      schedulers[key] = { name: key, on: 'nightly', hour: (raw.hour as number | Record<string, number>) ?? 0, minute: typeof raw.minute === 'number' ? raw.minute : 0, on_push_for: strs(raw.on_push_for) };
    } else schedulers[key] = { name: key, on: 'push', ignore_paths: strs(raw.ignore_paths) };
  }
  if (!isObj(bd.schedulers) || !(defaults.schedule in schedulers)) {
    if (defaults.schedule === 'push' && !(isObj(bd.schedulers) && 'push' in bd.schedulers)) {
      // The implicit default: every push, every file counts.
      schedulers.push = { name: 'push', on: 'push', ignore_paths: [] };
    } else report(b, ['defaults', 'schedule'], `unknown scheduler \`${defaults.schedule}\`${didYouMean(defaults.schedule, Object.keys(schedulers))}`, 'unknown-scheduler');
  } else if (schedulers[defaults.schedule]!.on !== 'push') {
    report(b, ['defaults', 'schedule'], `the default scheduler \`${defaults.schedule}\` must run on push`, 'bad-schedule');
  }

  // ---- variants (with `extends`) ----
  const rawVariants = isObj(bd.variants) ? (bd.variants as Obj) : {};
  const variantNames = Object.keys(rawVariants);
  const variants: Record<string, Variant> = {};
  const failed = new Set<string>();
  const resolve = (name: string): Variant | undefined => {
    if (name in variants) return variants[name];
    const raw = rawVariants[name];
    if (!isObj(raw) || failed.has(name)) return undefined;
    failed.add(name); // until resolved: also stops `extends` cycles
    let base: Partial<Variant> = {};
    const parent = str(raw.extends);
    if (parent !== undefined) {
      if (cycleThrough(rawVariants, name)) {
        report(b, ['variants', name, 'extends'], `variant \`${name}\` extends itself through \`${parent}\`: \`extends\` must not form a cycle`, 'variant-cycle');
        return undefined;
      }
      if (!(parent in rawVariants)) {
        report(b, ['variants', name, 'extends'], `variant \`${name}\` extends unknown variant \`${parent}\`${didYouMean(parent, variantNames)}`, 'unknown-variant');
        return undefined;
      }
      const p = resolve(parent);
      if (!p) return undefined; // the parent's problem is reported there
      base = p;
    }
    const { extends: _e, ...own } = raw as Obj;
    const recipe = (own.recipe ?? base.recipe) as Recipe | undefined;
    if (!recipe) {
      report(b, ['variants', name], `variant \`${name}\` needs a \`recipe\` (unix, installed, windows, vs9, docs, dmg) or \`extends: <variant>\``, 'missing-field');
      return undefined;
    }
    const v: Variant = {
      tags: [],
      configure_flags: [],
      test_flags: [],
      interpreter_flags: [],
      platform: 'win32',
      release: false,
      timeout_multiplier: 1,
      schedule: defaults.schedule,
      ...base,
      ...(own as Partial<Variant>),
      name,
      recipe,
    };
    if (own.branches !== undefined) v.branches = checkRule(b, ['variants', name, 'branches'], own.branches);
    for (const field of Object.keys(own)) {
      const fits = VARIANT_FIELDS[field];
      if (fits && !fits.includes(recipe)) report(b, ['variants', name, field], `\`${field}\` does nothing for recipe \`${recipe}\` (it applies to: ${fits.join(', ')})`, 'variant-field', { key: true });
    }
    if (!(v.schedule in schedulers)) report(b, ['variants', name, own.schedule !== undefined ? 'schedule' : 'recipe'], `unknown scheduler \`${v.schedule}\`${didYouMean(v.schedule, Object.keys(schedulers))} (schedulers: ${Object.keys(schedulers).join(', ')})`, 'unknown-scheduler');
    variants[name] = v;
    failed.delete(name);
    return v;
  };
  variantNames.forEach((n) => resolve(n));

  // ---- workers ----
  const rawWorkers = items(wd.workers);
  const workers: Worker[] = [];
  const workerAt = new Map<string, number>();
  for (const [i, raw] of rawWorkers) {
    const name = str(raw.name);
    if (name === undefined) continue;
    const first = workerAt.get(name);
    if (first !== undefined) {
      report(w, ['workers', i, 'name'], `duplicate worker \`${name}\`: already declared at line ${w.locate(['workers', first, 'name']).line}`, 'duplicate-worker');
      continue;
    }
    workerAt.set(name, i);
    const owner = str(raw.owner);
    const prefix = name.split('-')[0]!;
    if (owner !== undefined && owner !== prefix) {
      report(w, ['workers', i, 'owner'], `owner \`${owner}\` does not match the worker name \`${name}\`: worker names are \`<owner>-<suffix>\`, so the owner should be \`${prefix}\` (or the name \`${owner}-${name.split('-').slice(1).join('-')}\`)`, 'owner-mismatch');
    }
    const branchesRule = raw.branches !== undefined ? checkRule(w, ['workers', i, 'branches'], raw.branches) : undefined;
    workers.push(<Worker>{
      max_builds: 1,
      pty: false,
      online: true,
      ...(raw as Partial<Worker>),
      ...(branchesRule ? { branches: branchesRule } : {}),
    });
  }
  const workerByName = new Map(workers.map((x) => [x.name, x]));

  // ---- builder definitions ----
  const defs: BuilderDef[] = [];
  const defIndex: number[] = [];
  const usedWorkers = new Set<string>();
  for (const [i, raw] of items(bd.builders)) {
    const name = str(raw.name);
    const wname = str(raw.worker);
    const vname = str(raw.variant);
    const worker = wname !== undefined ? workerByName.get(wname) : undefined;
    const variant = vname !== undefined ? variants[vname] : undefined;
    if (wname !== undefined) usedWorkers.add(wname);
    if (wname !== undefined && !worker && !workerAt.has(wname)) {
      report(b, ['builders', i, 'worker'], `unknown worker \`${wname}\`${didYouMean(wname, workerAt.keys())}: workers are declared in ${w.file}`, 'unknown-worker');
    }
    if (vname !== undefined && !(vname in rawVariants)) {
      report(b, ['builders', i, 'variant'], `unknown variant \`${vname}\`${didYouMean(vname, variantNames)} (variants: ${variantNames.join(', ')})`, 'unknown-variant');
    }
    const rule = raw.branches !== undefined ? checkRule(b, ['builders', i, 'branches'], raw.branches) : undefined;
    if (worker && variant && worker.os && typeof worker.os.family === 'string') {
      const fit = RECIPE_OS[variant.recipe];
      if (!fit.fits(worker.os.family)) {
        report(b, ['builders', i, 'variant'], `variant \`${variant.name}\` (recipe ${variant.recipe}) needs ${fit.label}, but worker \`${worker.name}\` runs ${worker.os.family}`, 'variant-os');
      }
    }
    if (name === undefined || !worker || !variant) continue;
    if (worker.online === false && raw.stability === 'stable') {
      report(b, ['builders', i, 'stability'], `builder \`${name}\` is marked stable but its worker \`${worker.name}\` is offline: its builds will not run; mark it unstable until the worker is back`, 'offline-stable', { severity: 'warning' });
    }
    defs.push(<BuilderDef>{
      suffix: '',
      configure_extra: [],
      test_extra: [],
      name_format: '{name} {branch}',
      dir_format: '{branch}.{worker}{suffix}',
      branch_tag: true,
      tags: [],
      ...(raw as Partial<BuilderDef>),
      ...(rule ? { branches: rule } : {}),
    });
    defIndex.push(i);
  }
  for (const [i, raw] of rawWorkers) {
    const name = str(raw.name);
    if (name !== undefined && workerAt.get(name) === i && !usedWorkers.has(name)) {
      report(w, ['workers', i, 'name'], `worker \`${name}\` has no builder: add one in ${b.file} (or remove the worker)`, 'unused-worker', { severity: 'warning' });
    }
  }

  if (!schemaOk || problems.some((p) => p.severity === 'error')) return { problems };

  // ---- the expanded matrix: names, directories, schedules ----
  const fleet: Fleet = { workers, branches, variants, schedulers, builders: defs, defaults };
  const matrix = expand(fleet);
  const defPath = (source: number, field: string) => ['builders', defIndex[source]!, field];
  const names = new Map<string, number>();
  const dirs = new Map<string, string>();
  for (const bl of matrix.builders) {
    const first = names.get(bl.name);
    if (first !== undefined) {
      report(b, defPath(bl.source, 'name'), `duplicate builder \`${bl.name}\`: definition at line ${b.locate(defPath(first, 'name')).line} makes a builder of the same name`, 'duplicate-builder');
    } else names.set(bl.name, bl.source);
    const other = dirs.get(bl.builddir);
    if (other !== undefined && other !== bl.name) {
      report(b, defPath(bl.source, 'name'), `builders \`${other}\` and \`${bl.name}\` would share the builder directory \`${bl.builddir}\`: give one of them a \`suffix\``, 'builddir-collision');
    } else dirs.set(bl.builddir, bl.name);
    if (!BUILDDIR.test(bl.builddir) || bl.builddir.length > 200) {
      report(b, defPath(bl.source, 'dir_format'), `builder \`${bl.name}\` gets the directory \`${bl.builddir}\`, which is not a safe directory name (letters, digits, \`.\`, \`_\`, \`-\`; no \`..\`, no leading \`.\`)`, 'bad-builddir');
    }
    if (bl.name.startsWith('_')) report(b, defPath(bl.source, 'name'), `builder names must not start with \`_\` (Buildbot reserves them): \`${bl.name}\``, 'bad-name');
    const variant = variants[bl.variant]!;
    const sched = schedulers[variant.schedule];
    if (sched?.on === 'nightly' && bl.scheduler === variant.schedule && typeof sched.hour === 'object' && !(bl.branch in sched.hour)) {
      report(b, ['schedulers', variant.schedule, 'hour'], `scheduler \`${variant.schedule}\` has no hour for branch \`${bl.branch}\`, where builder \`${bl.name}\` runs`, 'schedule-hour');
    }
  }
  const productive = new Set(matrix.builders.map((x) => x.source));
  defs.forEach((def, source) => {
    if (!productive.has(source)) {
      report(b, defPath(source, 'name'), `builder \`${def.name}\` runs on no branch: its worker, variant and own branch rules exclude every branch`, 'no-builders', { severity: 'warning' });
    }
  });
  if (problems.some((p) => p.severity === 'error')) return { problems };
  return { problems, fleet, matrix };
}

/** Does following `extends` from `start` come back to `start`? */
function cycleThrough(raw: Obj, start: string): boolean {
  const seen = new Set<string>();
  let cur: string | undefined = start;
  while (cur !== undefined && !seen.has(cur)) {
    seen.add(cur);
    const v: unknown = raw[cur];
    cur = isObj(v) ? str(v.extends) : undefined;
    if (cur === start) return true;
  }
  return false;
}
