// Builder definitions: their worker and variant must exist and fit (recipe vs OS), a stable
// builder needs an online worker; then warns about workers no definition uses.
import { didYouMean } from '../../model/problems.js';
import type { BuilderDef } from '../../model/types.js';
import { RECIPES } from '../../recipes/index.js';
import { type CheckRule, type Checker, hasOwn, isObj, items, str, VALID_WORKER_NAME } from './context.js';
import type { CheckedVariants } from './variants.js';
import type { CheckedWorkers } from './workers.js';

export interface CheckedBuilders {
  /** The complete definitions, defaults filled in. */
  defs: BuilderDef[];
  /** Each definition's index in `builders`, for locating it. */
  defIndex: number[];
}

export function checkBuilders(c: Checker, workers: CheckedWorkers, variants: CheckedVariants, checkRule: CheckRule): CheckedBuilders {
  const { w, b, wd, bd } = c;
  const { raw: rawWorkers, at: workerAt } = workers;
  const { raw: rawVariants, names: variantNames } = variants;
  const workerByName = new Map(workers.workers.map((x) => [x.name, x]));
  const defs: BuilderDef[] = [];
  const defIndex: number[] = [];
  /** Each worker's first definition (its index in `builders`). */
  const usedWorkers = new Map<string, number>();
  /** Undeclared worker names and the definitions (indices) naming them: reported once per name, below. */
  const unknownWorkers = new Map<string, number[]>();
  for (const [i, raw] of items(bd.builders)) {
    const name = str(raw.name);
    const wname = str(raw.worker);
    const vname = str(raw.variant);
    const worker = wname !== undefined ? workerByName.get(wname) : undefined;
    const variant = vname !== undefined && hasOwn(variants.variants, vname) ? variants.variants[vname] : undefined;
    if (wname !== undefined && !usedWorkers.has(wname)) usedWorkers.set(wname, i);
    // When a whole section is broken, its schema error says so: no cascade of unknown names.
    if (wname !== undefined && !worker && !workerAt.has(wname) && Array.isArray(wd.workers)) {
      unknownWorkers.set(wname, [...(unknownWorkers.get(wname) ?? []), i]);
    }
    if (vname !== undefined && !hasOwn(rawVariants, vname) && isObj(bd.variants)) {
      c.report(b, ['builders', i, 'variant'], `unknown variant \`${vname}\`${didYouMean(vname, variantNames)} (variants: ${variantNames.join(', ')})`, 'unknown-variant');
    }
    const rule = raw.branches !== undefined ? checkRule(b, ['builders', i, 'branches'], raw.branches) : undefined;
    if (worker && variant && worker.os && typeof worker.os.family === 'string') {
      const fit = hasOwn(RECIPES, variant.recipe) ? RECIPES[variant.recipe]!.os : undefined; // else an unknown recipe, reported by the schema
      if (fit && !fit.fits(worker.os.family)) {
        c.report(b, ['builders', i, 'variant'], `variant \`${variant.name}\` (recipe ${variant.recipe}) needs ${fit.label}, but worker \`${worker.name}\` runs ${worker.os.family}`, 'variant-os');
      }
    }
    if (name === undefined || !worker || !variant) continue;
    if (worker.online === false && raw.stability === 'stable') {
      c.report(b, ['builders', i, 'stability'], `builder \`${name}\` is marked stable but its worker \`${worker.name}\` is offline: its builds will not run; mark it unstable until the worker is back`, 'offline-stable');
    }
    defs.push(<BuilderDef>{
      configure_extra: [],
      test_extra: [],
      name_format: '{name} {branch}',
      dir_format: '{dir}.{worker}{suffix}',
      branch_tag: true,
      tags: [],
      ...(raw as Partial<BuilderDef>),
      ...(rule ? { branches: rule } : {}),
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
      const at = b.locate(['builders', firstUse, 'worker']).line;
      c.report(w, ['workers', i, 'idle'], `worker \`${name}\` is declared \`idle\` (no builder on purpose) but definitions use it (first at ${b.file}:${at}): remove \`idle\``, 'idle-worker-used');
    } else if (!idle && !usedWorkers.has(name) && hasBuilders && VALID_WORKER_NAME.test(name)) {
      c.report(w, ['workers', i, 'name'], `worker \`${name}\` has no builder: add one in ${b.file}, remove the worker, or say why it has none with \`idle: "reason"\``, 'unused-worker');
    }
  }
  return { defs, defIndex };
}

/**
 * A worker name that workers.yaml does not declare. Named by one definition it is likely a
 * typo (the nearest worker is suggested); named by several, the worker was removed (or
 * renamed) and its definitions were left behind: one error, at the first, naming them all.
 */
function reportUnknownWorker(c: Checker, wname: string, uses: number[], declared: string[]) {
  const { w, b, bd } = c;
  const first = uses[0]!;
  if (uses.length === 1) {
    const hint = didYouMean(wname, declared);
    c.report(b, ['builders', first, 'worker'], `unknown worker \`${wname}\` (workers are declared in ${w.file})${hint || ': declare it there, or remove this definition or move it to another worker'}`, 'unknown-worker');
    return;
  }
  const defs = uses.map((i) => {
    const name = str((bd.builders as Record<string, unknown>[])[i]!.name);
    return `${b.file}:${b.locate(['builders', i, 'worker']).line}${name !== undefined ? ` (\`${name}\`)` : ''}`;
  });
  c.report(
    b,
    ['builders', first, 'worker'],
    `unknown worker \`${wname}\` is named by ${uses.length} definitions: ${defs.join(', ')}; no worker of that name is declared in ${w.file}: if it was removed, remove these definitions or move them to another worker`,
    'unknown-worker',
  );
}
