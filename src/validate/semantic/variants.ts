// Variants: resolve `extends` (no cycles, no unknown parents), require a recipe, and
// flag fields the recipe ignores and schedules that do not exist.
import { didYouMean } from '../../problems.js';
import type { Defaults, Recipe, Scheduler, Variant } from '../../types.js';
import { RECIPES } from '../schemas.js';
import { type CheckRule, type Checker, hasOwn, isObj, type Obj, str } from './context.js';

const VARIANT_FIELDS: Record<string, Recipe[]> = {
  configure_flags: ['unix', 'installed'],
  interpreter_flags: ['unix', 'installed'],
  test_flags: ['unix', 'installed', 'windows', 'vs9'],
  timeout_multiplier: ['unix', 'installed', 'windows', 'vs9'],
  platform: ['windows', 'vs9'],
  release: ['windows'],
};

export interface CheckedVariants {
  /** The `variants` mapping as written (`{}` when not a mapping). */
  raw: Obj;
  /** Every declared name, in order, resolved or not. */
  names: string[];
  /** The variants that resolved, with `extends` applied and defaults filled in. */
  variants: Record<string, Variant>;
}

export function checkVariants(c: Checker, defaults: Defaults, schedulers: Record<string, Scheduler>, checkRule: CheckRule): CheckedVariants {
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
    const { extends: _e, ...own } = raw as Obj;
    const declared = own.recipe ?? base.recipe;
    if (declared !== undefined && typeof declared !== 'string') return undefined; // a wrong type: the schema's error
    const recipe = declared as Recipe | undefined;
    if (!recipe) {
      c.report(b, ['variants', name], `variant \`${name}\` needs a \`recipe\` (unix, installed, windows, vs9, docs, dmg) or \`extends: <variant>\``, 'missing-field');
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
      if (fits && (RECIPES as readonly string[]).includes(recipe) && !fits.includes(recipe)) c.report(b, ['variants', name, field], `\`${field}\` does nothing for recipe \`${recipe}\` (it applies to: ${fits.join(', ')})`, 'variant-field', { key: true });
    }
    // A variant that inherits an unknown default: reported once, at `defaults.schedule`.
    const inherited = own.schedule === undefined && base.schedule === undefined;
    if (typeof v.schedule === 'string' && !hasOwn(schedulers, v.schedule) && !(inherited && v.schedule === defaults.schedule)) c.report(b, ['variants', name, own.schedule !== undefined ? 'schedule' : 'recipe'], `unknown scheduler \`${v.schedule}\`${didYouMean(v.schedule, Object.keys(schedulers))} (schedulers: ${Object.keys(schedulers).join(', ')})`, 'unknown-scheduler');
    variants[name] = v;
    failed.delete(name);
    return v;
  };
  variantNames.forEach((n) => resolve(n));
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
