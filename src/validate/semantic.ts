// The checks a schema cannot say: references, uniqueness, variant/OS fit, and the
// builder-level checks on the expanded matrix (names, directories, schedules).
// The data may still hold schema errors here, so every access is guarded: we report
// every problem we can find in one run.
import type { Path, SourceFile } from '../load/load.js';
import { didYouMean, type Problem } from '../problems.js';
import type { Branch, BranchRule, BuilderDef, BuilderMatrix, Defaults, Fleet, Recipe, Scheduler, Variant, Worker } from '../types.js';
import { RECIPE_OS } from '../expand/steps.js';
import { expand } from '../expand/expand.js';
import { RECIPES, WORKER_NAME } from './schemas.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
// Names come from the YAML: look them up as own keys only (`constructor`, `__proto__` are names too).
const hasOwn = (o: object, k: string) => Object.hasOwn(o, k);
const given = (v: unknown) => v !== undefined && v !== null;
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const entries = (v: unknown): [string, Obj][] => (isObj(v) ? Object.entries(v).filter((e): e is [string, Obj] => isObj(e[1])) : []);
const items = (v: unknown): [number, Obj][] => (Array.isArray(v) ? v.map((x, i) => [i, x] as [number, unknown]).filter((e): e is [number, Obj] => isObj(e[1])) : []);

const DEFAULTS: Defaults = { test_timeout: 1200, faulthandler_margin: 300, schedule: 'push', test_jobs: 2 };
const BUILDDIR = /^(?!\.)(?:[A-Za-z0-9_-]|\.(?!\.))+$/;
const VALID_WORKER_NAME = new RegExp(WORKER_NAME);
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
    // A wrong type (`version: 3.10`) is the schema's error; it still counts as given.
    let version = given(raw.version) ? (str(raw.version) ?? '(not a string)') : undefined;
    const tracks = str(raw.tracks);
    if (version !== undefined && tracks !== undefined) report(b, ['branches', name, 'tracks'], `branch \`${name}\` has both \`version\` and \`tracks\`: give one`, 'branch-version', { key: true });
    else if (tracks !== undefined) {
      const target = isObj(bd.branches) && hasOwn(bd.branches, tracks) ? (bd.branches as Obj)[tracks] : undefined;
      version = isObj(target) && given(target.version) ? (str(target.version) ?? '(not a string)') : undefined;
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
        if (!knownBranch.has(br) && isObj(bd.branches)) report(src, [...path, k, i], `unknown branch \`${br}\`${didYouMean(br, branchNames)} (branches: ${branchNames.join(', ')})`, 'unknown-branch');
      });
    }
    const rule: BranchRule = { where: where(src, path) };
    if (Array.isArray(raw.only)) rule.only = strs(raw.only);
    if (Array.isArray(raw.except)) rule.except = strs(raw.except);
    return rule;
  };

  // ---- defaults and schedulers ----
  const rawDefaults = isObj(bd.defaults) ? bd.defaults : {};
  // Only well-typed values: a wrong type is a schema error already, and must not derail the checks below.
  const defaults: Defaults = { ...DEFAULTS, ...Object.fromEntries(Object.entries(rawDefaults).filter(([k, v]) => typeof v === typeof DEFAULTS[k as keyof Defaults])) };
  const schedulers: Record<string, Scheduler> = Object.create(null);
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
  if (!isObj(bd.schedulers) || !hasOwn(schedulers, defaults.schedule)) {
    if (defaults.schedule === 'push' && !(isObj(bd.schedulers) && hasOwn(bd.schedulers, 'push'))) {
      // The implicit default: every push, every file counts.
      schedulers.push = { name: 'push', on: 'push', ignore_paths: [] };
    } else report(b, ['defaults', 'schedule'], `unknown scheduler \`${defaults.schedule}\`${didYouMean(defaults.schedule, Object.keys(schedulers))}`, 'unknown-scheduler');
  } else if (schedulers[defaults.schedule]!.on !== 'push') {
    report(b, ['defaults', 'schedule'], `the default scheduler \`${defaults.schedule}\` must run on push`, 'bad-schedule');
  }

  // ---- variants (with `extends`) ----
  const rawVariants = isObj(bd.variants) ? (bd.variants as Obj) : {};
  const variantNames = Object.keys(rawVariants);
  const variants: Record<string, Variant> = Object.create(null);
  const failed = new Set<string>();
  const resolve = (name: string): Variant | undefined => {
    if (hasOwn(variants, name)) return variants[name];
    const raw = hasOwn(rawVariants, name) ? rawVariants[name] : undefined;
    if (!isObj(raw) || failed.has(name)) return undefined;
    failed.add(name); // until resolved: also stops `extends` cycles
    let base: Partial<Variant> = {};
    const parent = str(raw.extends);
    if (parent !== undefined) {
      if (cycleThrough(rawVariants, name)) {
        report(b, ['variants', name, 'extends'], `variant \`${name}\` extends itself through \`${parent}\`: \`extends\` must not form a cycle`, 'variant-cycle');
        return undefined;
      }
      if (!hasOwn(rawVariants, parent)) {
        report(b, ['variants', name, 'extends'], `variant \`${name}\` extends unknown variant \`${parent}\`${didYouMean(parent, variantNames)}`, 'unknown-variant');
        return undefined;
      }
      const p = resolve(parent);
      if (!p) return undefined; // the parent's problem is reported there
      base = p;
    }
    const { extends: _e, ...own } = raw as Obj;
    const declared = own.recipe ?? base.recipe;
    if (declared !== undefined && typeof declared !== 'string') return undefined; // a wrong type: the schema's error
    const recipe = declared as Recipe | undefined;
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
      const fits = hasOwn(VARIANT_FIELDS, field) ? VARIANT_FIELDS[field] : undefined;
      if (fits && (RECIPES as readonly string[]).includes(recipe) && !fits.includes(recipe)) report(b, ['variants', name, field], `\`${field}\` does nothing for recipe \`${recipe}\` (it applies to: ${fits.join(', ')})`, 'variant-field', { key: true });
    }
    // A variant that inherits an unknown default: reported once, at `defaults.schedule`.
    const inherited = own.schedule === undefined && base.schedule === undefined;
    if (typeof v.schedule === 'string' && !hasOwn(schedulers, v.schedule) && !(inherited && v.schedule === defaults.schedule)) report(b, ['variants', name, own.schedule !== undefined ? 'schedule' : 'recipe'], `unknown scheduler \`${v.schedule}\`${didYouMean(v.schedule, Object.keys(schedulers))} (schedulers: ${Object.keys(schedulers).join(', ')})`, 'unknown-scheduler');
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
    // A malformed name is the schema's error; comparing the owner with it would only add noise.
    if (owner !== undefined && owner !== prefix && VALID_WORKER_NAME.test(name)) {
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
    const variant = vname !== undefined && hasOwn(variants, vname) ? variants[vname] : undefined;
    if (wname !== undefined) usedWorkers.add(wname);
    // When a whole section is broken, its schema error says so: no cascade of unknown names.
    if (wname !== undefined && !worker && !workerAt.has(wname) && Array.isArray(wd.workers)) {
      report(b, ['builders', i, 'worker'], `unknown worker \`${wname}\` (workers are declared in ${w.file})${didYouMean(wname, workerAt.keys())}`, 'unknown-worker');
    }
    if (vname !== undefined && !hasOwn(rawVariants, vname) && isObj(bd.variants)) {
      report(b, ['builders', i, 'variant'], `unknown variant \`${vname}\`${didYouMean(vname, variantNames)} (variants: ${variantNames.join(', ')})`, 'unknown-variant');
    }
    const rule = raw.branches !== undefined ? checkRule(b, ['builders', i, 'branches'], raw.branches) : undefined;
    if (worker && variant && worker.os && typeof worker.os.family === 'string') {
      const fit = hasOwn(RECIPE_OS, variant.recipe) ? RECIPE_OS[variant.recipe] : undefined; // else an unknown recipe, reported by the schema
      if (fit && !fit.fits(worker.os.family)) {
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
  const hasBuilders = Array.isArray(bd.builders) && bd.builders.length > 0; // else the schema says so
  for (const [i, raw] of rawWorkers) {
    const name = str(raw.name);
    if (name !== undefined && workerAt.get(name) === i && !usedWorkers.has(name) && hasBuilders && VALID_WORKER_NAME.test(name)) {
      report(w, ['workers', i, 'name'], `worker \`${name}\` has no builder: add one in ${b.file} (or remove the worker)`, 'unused-worker', { severity: 'warning' });
    }
  }

  if (!schemaOk || problems.some((p) => p.severity === 'error')) return { problems };

  // ---- the expanded matrix: names, directories, schedules ----
  const fleet: Fleet = { workers, branches, variants, schedulers, builders: defs, defaults };
  // expand() needs an hour for every branch a nightly scheduler serves; which branches
  // those are is only known after expansion, so expand with placeholders and check below.
  const matrix = expand({ ...fleet, schedulers: withEveryHour(schedulers, branchNames) });
  const defPath = (source: number, field: string) => ['builders', defIndex[source]!, field];
  const defLine = (source: number) => b.locate(defPath(source, 'name')).line;
  // Clashes are reported once per pair of definitions, not once per branch.
  const clashes = new Map<string, { first: number; source: number; rule: string; items: [string, string][] }>();
  const clash = (rule: string, first: number, source: number, item: [string, string]) => {
    const key = `${rule}\0${first}\0${source}`;
    const c = clashes.get(key) ?? { first, source, rule, items: [] };
    c.items.push(item);
    clashes.set(key, c);
  };
  const names = new Map<string, number>();
  const dirs = new Map<string, { name: string; source: number }>();
  const missingHours = new Map<string, Set<string>>();
  const unsafeDir = new Set<number>();
  for (const bl of matrix.builders) {
    const first = names.get(bl.name);
    if (first !== undefined) clash('duplicate-builder', first, bl.source, [bl.branch, bl.name]);
    else names.set(bl.name, bl.source);
    const other = dirs.get(bl.builddir);
    if (other !== undefined && other.name !== bl.name) clash('builddir-collision', other.source, bl.source, [bl.branch, bl.builddir]);
    else dirs.set(bl.builddir, { name: bl.name, source: bl.source });
    if ((!BUILDDIR.test(bl.builddir) || bl.builddir.length > 200) && !unsafeDir.has(bl.source)) {
      unsafeDir.add(bl.source); // once per definition: the format is the problem
      report(b, defPath(bl.source, 'dir_format'), `builder \`${bl.name}\` gets the directory \`${bl.builddir}\`, which is not a safe directory name (letters, digits, \`.\`, \`_\`, \`-\`; no \`..\`, no leading \`.\`)`, 'bad-builddir');
    }
    if (bl.name.startsWith('_')) report(b, defPath(bl.source, 'name'), `builder names must not start with \`_\` (Buildbot reserves them): \`${bl.name}\``, 'bad-name');
    const sched = schedulers[bl.scheduler];
    if (sched?.on === 'nightly' && typeof sched.hour === 'object' && !hasOwn(sched.hour, bl.branch)) {
      missingHours.set(bl.scheduler, (missingHours.get(bl.scheduler) ?? new Set()).add(bl.branch));
    }
  }
  for (const [key, missing] of missingHours) {
    const list = [...missing].sort();
    report(b, ['schedulers', key, 'hour'], `scheduler \`${key}\` has no hour for branch${list.length > 1 ? 'es' : ''} ${list.map((x) => `\`${x}\``).join(', ')}, where its builders run: add \`"${list[0]}": <hour>\` (or exclude the branch in the variant's \`branches\`)`, 'schedule-hour');
  }
  for (const c of clashes.values()) {
    const def = defs[c.source]!;
    const [[branch, what]] = c.items as [[string, string]];
    const more = c.items.length > 1 ? ` (and on ${c.items.slice(1).map(([br]) => br).join(', ')})` : '';
    if (c.rule === 'duplicate-builder') {
      report(b, defPath(c.source, 'name'), c.first === c.source
        ? `definition \`${def.name}\` gives the same builder name \`${what}\` on several branches: its \`name_format\` needs \`{branch}\``
        : `duplicate builder \`${what}\`${more}: the definition at line ${defLine(c.first)} makes a builder of the same name`, 'duplicate-builder');
    } else {
      const other = defs[c.first]!;
      report(b, defPath(c.source, 'name'), c.first === c.source
        ? `definition \`${def.name}\` gives the same builder directory \`${what}\` on several branches: its \`dir_format\` needs \`{branch}\` or \`{builder}\``
        : `builders of \`${other.name}\` (line ${defLine(c.first)}) and \`${def.name}\` would share the builder directory \`${what}\` on ${branch}${more}: give one of them a \`suffix\` (e.g. \`.${def.variant}\`)`, 'builddir-collision');
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

/** A copy where every nightly scheduler with per-branch hours has an hour for every branch. */
function withEveryHour(schedulers: Record<string, Scheduler>, branches: string[]): Record<string, Scheduler> {
  return Object.fromEntries(
    Object.entries(schedulers).map(([k, s]) => [k, s.on === 'nightly' && typeof s.hour === 'object' ? { ...s, hour: { ...Object.fromEntries(branches.map((br) => [br, 0])), ...s.hour } } : s]),
  );
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
