// Builder definitions: their worker (or pool) and variant must exist and fit (recipe vs OS),
// a stable builder needs an online worker; then warns about workers no definition uses and
// capabilities nothing reads.
import type { Path } from '../../load/load.js';
import { didYouMean } from '../../model/problems.js';
import type { BuilderDef, Extra, StepOp, Variant, Worker } from '../../model/types.js';
import { RECIPES } from '../../recipes/index.js';
import { type CheckRule, type Checker, hasOwn, isObj, items, type Obj, str, strs, VALID_WORKER_NAME } from './context.js';
import type { ChangeReader } from './step-changes.js';
import type { CheckedVariants } from './variants.js';
import type { CheckedWorkers } from './workers.js';

/** Worker fields that reach a builder's steps or its schedule: the workers of a pool must agree on them. */
const POOL_SAME = ['parallel', 'timeout_factor', 'exclude_test_resources', 'git', 'pty', 'downtime', 'branches'] as const;

/** The capabilities the conditions of these step changes and extras read. */
export const capabilitiesIn = (ops: readonly StepOp[], extras: readonly Extra[]) =>
  new Set([...ops, ...extras].flatMap((x) => (x.when?.capability !== undefined ? [x.when.capability] : [])));

/** What members of a pool differ in, as `field` phrases (empty when they agree). */
function poolDifferences(members: readonly Worker[], variant: Variant | undefined, own: Set<string>): string[] {
  const [first, ...rest] = members as [Worker, ...Worker[]];
  const same = (w: Worker, k: (typeof POOL_SAME)[number]) => {
    const strip = (x: unknown) => (isObj(x) ? { ...x, where: undefined } : x);
    return JSON.stringify(strip(w[k])) === JSON.stringify(strip(first[k]));
  };
  const out = POOL_SAME.filter((k) => !rest.every((w) => same(w, k))).map((k) => `\`${k}\``);
  const read = new Set([...(variant ? capabilitiesIn(variant.steps, variant.extras) : []), ...own]);
  const caps = [...read].filter((cap) => !members.every((w) => w.capabilities.includes(cap) === first.capabilities.includes(cap)));
  if (caps.length) out.push(`capabilit${caps.length > 1 ? 'ies' : 'y'} ${caps.map((x) => `\`${x}\``).join(', ')} (read by its kind or definition)`);
  return out;
}

export interface CheckedBuilders {
  /** The complete definitions, defaults filled in. */
  defs: BuilderDef[];
  /** Each definition's index in `builders`, for locating it. */
  defIndex: number[];
}

export function checkBuilders(c: Checker, workers: CheckedWorkers, variants: CheckedVariants, checkRule: CheckRule, reader: ChangeReader): CheckedBuilders {
  const { w, b, bd } = c;
  const { raw: rawWorkers, at: workerAt } = workers;
  const { raw: rawVariants, names: variantNames } = variants;
  const workerByName = new Map(workers.workers.map((x) => [x.name, x]));
  const defs: BuilderDef[] = [];
  const defIndex: number[] = [];
  /** Each worker's first use (the path of the definition's `worker`/`workers` entry naming it). */
  const usedWorkers = new Map<string, Path>();
  /** Capabilities worker selectors ask for (they count as read). */
  const selected = new Set<string>();
  /** Undeclared worker names and where definitions name them: reported once per name, below. */
  const unknownWorkers = new Map<string, { i: number; path: Path }[]>();
  const noteUnknown = (n: string, i: number, path: Path) => unknownWorkers.set(n, [...(unknownWorkers.get(n) ?? []), { i, path }]);
  for (const [i, raw] of items(bd.builders)) {
    const name = str(raw.name);
    const vname = str(raw.variant);
    const variant = vname !== undefined && hasOwn(variants.variants, vname) ? variants.variants[vname] : undefined;
    const members = checkWorkerChoice(c, i, raw, workers, workerByName, selected, noteUnknown);
    // Every worker named counts as used, also when the definition has another problem (no cascade).
    const use = (n: string, path: Path) => usedWorkers.has(n) || usedWorkers.set(n, path);
    if (str(raw.worker) !== undefined) use(str(raw.worker)!, ['builders', i, 'worker']);
    strs(raw.workers).forEach((n) => use(n, ['builders', i, 'workers']));
    members?.forEach((m) => use(m.name, ['builders', i, 'workers']));
    const worker = members?.[0];
    const steps = reader.ops(['builders', i, 'steps'], raw.steps);
    const extras = reader.extras(['builders', i, 'extras'], raw.extras);
    if (variant) checkDefExtras(c, extras, variant);
    if (members && members.length > 1) {
      const differ = poolDifferences(members, variant, capabilitiesIn(steps, extras));
      if (differ.length) c.report(b, ['builders', i, 'workers'], `the workers of ${typeof raw.pool === 'string' ? `pool \`${raw.pool}\`` : 'this pool'} (${members.map((m) => m.name).join(', ')}) differ in ${differ.join(', ')}: one builder has one set of steps, so they must agree (or split the pool)`, 'pool-mismatch');
    }
    if (vname !== undefined && !hasOwn(rawVariants, vname) && isObj(bd.variants)) {
      c.report(b, ['builders', i, 'variant'], `unknown variant \`${vname}\`${didYouMean(vname, variantNames)} (variants: ${variantNames.join(', ')})`, 'unknown-variant');
    }
    const rule = raw.branches !== undefined ? checkRule(b, ['builders', i, 'branches'], raw.branches) : undefined;
    for (const m of members ?? []) {
      if (!variant || !m.os || typeof m.os.family !== 'string') continue;
      const fit = hasOwn(RECIPES, variant.recipe) ? RECIPES[variant.recipe]!.os : undefined; // else an unknown recipe, reported by the schema
      if (fit && !fit.fits(m.os.family)) {
        c.report(b, ['builders', i, 'variant'], `variant \`${variant.name}\` (recipe ${variant.recipe}) needs ${fit.label}, but worker \`${m.name}\` runs ${m.os.family}`, 'variant-os');
      }
    }
    if (name === undefined || !members || !worker || !variant) continue;
    if (members.every((m) => m.online === false) && raw.stability === 'stable') {
      c.report(b, ['builders', i, 'stability'], `builder \`${name}\` is marked stable but its worker \`${worker.name}\` is offline: its builds will not run; mark it unstable until the worker is back`, 'offline-stable');
    }
    const { workers: _w, steps: _s, extras: _e, ...plain } = raw;
    defs.push(<BuilderDef>{
      configure_extra: [],
      test_extra: [],
      name_format: '{name} {branch}',
      dir_format: '{dir}.{worker}{suffix}',
      branch_tag: true,
      tags: [],
      ...(plain as Partial<BuilderDef>),
      worker: worker.name,
      ...(raw.workers !== undefined ? { workers: members.map((m) => m.name) } : {}),
      ...(rule ? { branches: rule } : {}),
      steps,
      extras,
    });
    defIndex.push(i);
  }
  for (const [wname, uses] of unknownWorkers) reportUnknownWorker(c, wname, uses, [...workerAt.keys()]);
  const hasBuilders = Array.isArray(bd.builders) && bd.builders.length > 0; // else the schema says so
  for (const [i, raw] of rawWorkers) {
    const name = str(raw.name);
    if (name === undefined || workerAt.get(name) !== i) continue;
    // `idle: reason` says the worker has no builder on purpose; once it has one, the reason is stale.
    const idle = raw.idle !== undefined; // a wrong value is the schema's error, not an unused worker
    const firstUse = usedWorkers.get(name);
    if (idle && firstUse !== undefined) {
      const at = b.locate(firstUse).line;
      c.report(w, ['workers', i, 'idle'], `worker \`${name}\` is declared \`idle\` (no builder on purpose) but definitions use it (first at ${b.file}:${at}): remove \`idle\``, 'idle-worker-used');
    } else if (!idle && !usedWorkers.has(name) && hasBuilders && VALID_WORKER_NAME.test(name)) {
      c.report(w, ['workers', i, 'name'], `worker \`${name}\` has no builder: add one in ${b.file}, remove the worker, or say why it has none with \`idle: "reason"\``, 'unused-worker');
    }
  }
  checkCapabilities(c, workers, reader, selected);
  return { defs, defIndex };
}

/** The workers a definition runs on (`worker`, or a pool: `workers` and `pool`), or undefined when they cannot be known. */
function checkWorkerChoice(c: Checker, i: number, raw: Obj, workers: CheckedWorkers, byName: Map<string, Worker>, selected: Set<string>, noteUnknown: (n: string, i: number, path: Path) => void): Worker[] | undefined {
  const { b, wd } = c;
  const at = (...p: (string | number)[]): Path => ['builders', i, ...p];
  const name = str(raw.worker);
  // When a whole section is broken, its schema error says so: no cascade of unknown names.
  const unknown = (n: string, path: Path) => {
    if (!workers.at.has(n) && Array.isArray(wd.workers)) noteUnknown(n, i, path);
  };
  if (raw.workers === undefined) {
    if (raw.pool !== undefined) c.report(b, at('pool'), '`pool` names a pool of workers: give its `workers` (a list, or `{capabilities: [...]}`), or remove `pool`', 'bad-pool', { key: true });
    if (raw.worker === undefined) {
      c.report(b, at(), `builder definition${typeof raw.name === 'string' ? ` \`${raw.name}\`` : ''} is missing the required field \`worker\` (or \`workers\` and \`pool\` for a pool)`, 'missing-field');
      return undefined;
    }
    if (name === undefined) return undefined;
    const worker = byName.get(name);
    if (!worker) unknown(name, at('worker'));
    return worker ? [worker] : undefined;
  }
  if (raw.worker !== undefined) {
    c.report(b, at('workers'), 'a definition has `worker` (one) or `workers` (a pool), not both', 'bad-pool', { key: true });
    return undefined;
  }
  if (raw.pool === undefined) c.report(b, at('workers'), 'a pool needs `pool: <name>`: its builders\' directory and `{worker}` in their names (a builder has one directory, the same on every worker)', 'bad-pool', { key: true });
  if (Array.isArray(raw.workers)) {
    const names = strs(raw.workers);
    names.forEach((n, j) => byName.has(n) || unknown(n, at('workers', j)));
    const members = names.flatMap((n) => byName.get(n) ?? []);
    return members.length === names.length && names.length ? members : undefined;
  }
  if (!isObj(raw.workers)) return undefined;
  const caps = strs(raw.workers.capabilities);
  caps.forEach((x) => selected.add(x));
  const members = workers.workers.filter((x) => caps.every((cap) => x.capabilities.includes(cap)));
  if (caps.length && !members.length) {
    const declared = [...new Set(workers.workers.flatMap((x) => x.capabilities))];
    const missing = caps.filter((cap) => !declared.includes(cap));
    c.report(b, at('workers', 'capabilities'), `no worker has ${caps.length > 1 ? 'all of ' : ''}${caps.map((x) => `\`${x}\``).join(', ')}${missing.length ? ` (no worker declares ${missing.map((x) => `\`${x}\`${didYouMean(x, declared)}`).join(', ')})` : ''}: a pool needs at least one worker; declared capabilities: ${declared.join(', ') || 'none'}`, 'no-worker-matches');
  }
  return members.length ? members : undefined;
}

/** A definition's extras may only set fields its kind's family reads. */
function checkDefExtras(c: Checker, extras: Extra[], variant: Variant) {
  const fields = hasOwn(RECIPES, variant.recipe) ? RECIPES[variant.recipe]!.fields : [];
  for (const e of extras) {
    for (const field of Object.keys(e)) {
      if (field === 'when' || field === 'at' || (fields as readonly string[]).includes(field)) continue;
      c.report(c.b, [...e.at, field], `\`${field}\` does nothing for recipe \`${variant.recipe}\` (the kind \`${variant.name}\`'s family)`, 'variant-field', { key: true });
    }
  }
}

/** A declared capability nothing reads, and a condition on a capability no worker has: both warned. */
function checkCapabilities(c: Checker, workers: CheckedWorkers, reader: ChangeReader, selected: Set<string>) {
  const declared = new Set(workers.workers.flatMap((x) => x.capabilities));
  for (const [i, raw] of workers.raw) {
    if (workers.at.get(str(raw.name) ?? '') !== i) continue;
    strs(raw.capabilities).forEach((cap, j) => {
      if (!reader.capabilitiesRead.has(cap) && !selected.has(cap)) c.report(c.w, ['workers', i, 'capabilities', j], `capability \`${cap}\` is read by nothing: no kind, definition or family has \`when: {capability: ${cap}}\` and no pool selects it (remove it, or use it)`, 'unused-capability');
    });
  }
  for (const [cap, paths] of reader.capabilitiesRead) {
    if (declared.has(cap)) continue;
    for (const p of paths) c.report(c.b, p, `no worker declares capability \`${cap}\`${didYouMean(cap, [...declared])}: this condition never holds (declare it under a worker's \`capabilities\` in ${c.w.file})`, 'unknown-capability');
  }
}

/**
 * A worker name that workers.yaml does not declare. Named by one definition it is likely a
 * typo (the nearest worker is suggested); named by several, the worker was removed (or
 * renamed) and its definitions were left behind: one error, at the first, naming them all.
 */
function reportUnknownWorker(c: Checker, wname: string, uses: { i: number; path: Path }[], declared: string[]) {
  const { w, b, bd } = c;
  const first = uses[0]!;
  if (uses.length === 1) {
    const hint = didYouMean(wname, declared);
    c.report(b, first.path, `unknown worker \`${wname}\` (workers are declared in ${w.file})${hint || ': declare it there, or remove this definition or move it to another worker'}`, 'unknown-worker');
    return;
  }
  const defs = uses.map(({ i, path }) => {
    const name = str((bd.builders as Record<string, unknown>[])[i]!.name);
    return `${b.file}:${b.locate(path).line}${name !== undefined ? ` (\`${name}\`)` : ''}`;
  });
  c.report(
    b,
    first.path,
    `unknown worker \`${wname}\` is named by ${uses.length} definitions: ${defs.join(', ')}; no worker of that name is declared in ${w.file}: if it was removed, remove these definitions or move them to another worker`,
    'unknown-worker',
  );
}
