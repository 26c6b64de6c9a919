// Build kinds (`variants`): resolve `extends` (no cycles, no unknown parents) by composing
// (lists appended, environments merged, the rest replaced), require a recipe, and flag
// fields the recipe ignores and schedules that do not exist.
import { didYouMean } from '../../model/problems.js';
import { FAMILY_FIELDS, RECIPES } from '../../recipes/index.js';
import type { Defaults, Extra, FamilyOverlay, Recipe, Scheduler, StepOp, Variant } from '../../model/types.js';
import { type CheckRule, type Checker, entries, hasOwn, isObj, type Obj, str } from './context.js';
import { type ChangeReader, stepDecl } from './step-changes.js';

/** For each field only some families read: those families. */
const VARIANT_FIELDS: Record<string, Recipe[]> = Object.fromEntries(
  FAMILY_FIELDS.map((f) => [f, Object.keys(RECIPES).filter((r) => RECIPES[r]!.fields.includes(f))]),
);
/** Fields a child kind adds to its parent's instead of replacing. */
const APPENDED = ['configure_flags', 'test_flags', 'interpreter_flags', 'build_flags', 'clean_flags'] as const;
const MERGED = ['compile_env', 'test_env', 'host_env'] as const;

/** `own` over `base`: lists appended (tags without repeats, step changes and extras after the
 *  parent's), environments merged, the rest replaced. */
function compose(base: Partial<Variant>, own: Obj, steps: StepOp[], extras: Extra[]): Partial<Variant> {
  const out: Obj = { ...base, ...own };
  for (const k of APPENDED) if (Array.isArray(own[k])) out[k] = [...((base[k] as unknown[]) ?? []), ...(own[k] as unknown[])];
  for (const k of MERGED) if (isObj(own[k])) out[k] = { ...((base[k] as Obj) ?? {}), ...(own[k] as Obj) };
  if (Array.isArray(own.tags)) out.tags = [...new Set([...(base.tags ?? []), ...(own.tags as string[])])];
  if (Array.isArray(own.steps_before)) out.steps_before = [...(base.steps_before ?? []), ...(own.steps_before as Obj[]).filter(isObj).map(stepDecl)];
  out.steps = [...(base.steps ?? []), ...steps];
  out.extras = [...(base.extras ?? []), ...extras];
  return out as Partial<Variant>;
}

/** The fields of `extras` entries a family may not read: reported like the kind's own. */
function checkExtraFields(c: Checker, extras: Extra[], recipe: Recipe) {
  for (const e of extras) {
    for (const field of Object.keys(e)) {
      const fits = hasOwn(VARIANT_FIELDS, field) ? VARIANT_FIELDS[field] : undefined;
      if (fits && hasOwn(RECIPES, recipe) && !fits.includes(recipe)) c.report(c.b, [...e.at, field], `\`${field}\` does nothing for recipe \`${recipe}\` (it applies to: ${fits.join(', ')})`, 'variant-field', { key: true });
    }
  }
}

/** `families:` of builders.yaml: step changes and extras for every kind of a family. */
function checkFamilies(c: Checker, reader: ChangeReader): Record<string, FamilyOverlay> {
  const out: Record<string, FamilyOverlay> = Object.create(null);
  for (const [recipe, raw] of entries(c.bd.families)) {
    const extras = reader.extras(['families', recipe, 'extras'], raw.extras);
    checkExtraFields(c, extras, recipe);
    out[recipe] = { steps: reader.ops(['families', recipe, 'steps'], raw.steps), extras };
  }
  return out;
}

export interface CheckedVariants {
  /** The `variants` mapping as written (`{}` when not a mapping). */
  raw: Obj;
  /** Every declared name, in order, resolved or not. */
  names: string[];
  /** The variants that resolved, with `extends` applied and defaults filled in. */
  variants: Record<string, Variant>;
}

export function checkVariants(c: Checker, defaults: Defaults, schedulers: Record<string, Scheduler>, checkRule: CheckRule, reader: ChangeReader): CheckedVariants {
  const { b, bd } = c;
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
        c.report(b, ['variants', name, 'extends'], `variant \`${name}\` extends itself through \`${parent}\`: \`extends\` must not form a cycle`, 'variant-cycle');
        return undefined;
      }
      if (!hasOwn(rawVariants, parent)) {
        c.report(b, ['variants', name, 'extends'], `variant \`${name}\` extends unknown variant \`${parent}\`${didYouMean(parent, variantNames)}`, 'unknown-variant');
        return undefined;
      }
      const p = resolve(parent);
      if (!p) return undefined; // the parent's problem is reported there
      base = p;
    }
    const { extends: _e, steps: rawSteps, extras: rawExtras, ...own } = raw as Obj;
    const steps = reader.ops(['variants', name, 'steps'], rawSteps);
    const extras = reader.extras(['variants', name, 'extras'], rawExtras);
    const declared = own.recipe ?? base.recipe;
    if (declared !== undefined && typeof declared !== 'string') return undefined; // a wrong type: the schema's error
    const recipe = declared as Recipe | undefined;
    if (!recipe) {
      c.report(b, ['variants', name], `variant \`${name}\` needs a \`recipe\` (${Object.keys(RECIPES).join(', ')}) or \`extends: <variant>\``, 'missing-field');
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
      compile_env: {},
      test_env: {},
      out_of_tree: false,
      build_flags: [],
      clean_flags: [],
      host_env: {},
      steps_before: [],
      steps: [],
      extras: [],
      ...compose(base, own, steps, extras),
      name,
      recipe,
    };
    if (own.legacy_branches !== undefined) v.legacy_branches = checkRule(b, ['variants', name, 'legacy_branches'], own.legacy_branches);
    if (own.branches !== undefined) v.branches = checkRule(b, ['variants', name, 'branches'], own.branches);
    for (const field of Object.keys(own)) {
      const fits = hasOwn(VARIANT_FIELDS, field) ? VARIANT_FIELDS[field] : undefined;
      if (fits && hasOwn(RECIPES, recipe) && !fits.includes(recipe)) c.report(b, ['variants', name, field], `\`${field}\` does nothing for recipe \`${recipe}\` (it applies to: ${fits.join(', ')})`, 'variant-field', { key: true });
    }
    checkExtraFields(c, extras, recipe);
    // A variant that inherits an unknown default: reported once, at `defaults.schedule`.
    const inherited = own.schedule === undefined && base.schedule === undefined;
    if (typeof v.schedule === 'string' && !hasOwn(schedulers, v.schedule) && !(inherited && v.schedule === defaults.schedule)) c.report(b, ['variants', name, own.schedule !== undefined ? 'schedule' : 'recipe'], `unknown scheduler \`${v.schedule}\`${didYouMean(v.schedule, Object.keys(schedulers))} (schedulers: ${Object.keys(schedulers).join(', ')})`, 'unknown-scheduler');
    variants[name] = v;
    failed.delete(name);
    return v;
  };
  variantNames.forEach((n) => resolve(n));
  // A family's changes come first, once per kind (not again through `extends`).
  const families = checkFamilies(c, reader);
  for (const [name, v] of Object.entries(variants)) {
    const fam = hasOwn(families, v.recipe) ? families[v.recipe] : undefined;
    if (fam) variants[name] = { ...v, steps: [...fam.steps, ...v.steps], extras: [...fam.extras, ...v.extras] };
  }
  return { raw: rawVariants, names: variantNames, variants };
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
