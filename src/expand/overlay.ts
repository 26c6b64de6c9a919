// Step changes written in the fleet (`steps:` of a family, kind or definition) and
// conditional extras: the generic mechanics. A family's code makes its steps; the fleet's
// data adds, drops, renames and replaces them by name, where a condition holds.
import { ruleExcludes } from '../model/branch-rules.js';
import type { Branch, Condition, Extra, Step, StepDecl, StepOp, StepPatch, Variant } from '../model/types.js';

/** What a condition is evaluated on: the branch, and the capabilities of the builder's worker(s). */
export interface ConditionScope {
  branch: Branch;
  capabilities: readonly string[];
}

export function holds(when: Condition | undefined, { branch, capabilities }: ConditionScope): boolean {
  if (!when) return true;
  if (when.branches && ruleExcludes(when.branches, branch) !== undefined) return false;
  if (when.feature !== undefined && !branch.features.includes(when.feature)) return false;
  if (when.capability !== undefined && !capabilities.includes(when.capability)) return false;
  return true;
}

/** A declared step as the matrix holds it (the field order is the one the families use). */
export function declaredStep(d: StepDecl): Step {
  return {
    name: d.name,
    kind: d.step,
    command: d.command,
    ...(d.workdir !== undefined ? { workdir: d.workdir } : {}),
    ...(d.timeout !== undefined ? { timeout: d.timeout } : {}),
    ...(d.env !== undefined ? { env: { ...d.env } } : {}),
    ...(d.description !== undefined ? { description: d.description } : {}),
    ...(d.property !== undefined ? { property: d.property } : {}),
    ...(Object.keys(d.flags).length ? { flags: { ...d.flags } } : {}),
  };
}

function patched(s: Step, p: StepPatch): Step {
  const out: Step = { ...s };
  if (p.step !== undefined) out.kind = p.step;
  if (p.command !== undefined) out.command = p.command;
  if (p.env !== undefined) out.env = { ...p.env };
  if (p.workdir !== undefined) out.workdir = p.workdir;
  if (p.timeout !== undefined) out.timeout = p.timeout;
  if (p.description !== undefined) out.description = p.description;
  if (p.property !== undefined) out.property = p.property;
  if (p.flags && Object.keys(p.flags).length) out.flags = { ...(s.flags ?? {}), ...p.flags };
  return out;
}

/** The steps an op looks for by name: where it acts, and for `add` the step it is `like`. */
export function anchorsOf(op: StepOp): string[] {
  switch (op.op) {
    case 'add':
      return [op.before ?? op.after, op.like].filter((n): n is string => n !== undefined);
    case 'drop':
    case 'replace':
      return [op.name];
    case 'rename':
      return [op.from];
  }
}

/** An added step with what it takes from the step it is `like`. */
function added(op: Extract<StepOp, { op: 'add' }>, steps: readonly Step[]): Step {
  const step = declaredStep(op.step);
  const like = op.like === undefined ? undefined : steps.find((s) => s.name === op.like);
  if (!like) return step;
  return declaredStep({
    ...op.step,
    ...(op.step.workdir === undefined && like.workdir !== undefined ? { workdir: like.workdir } : {}),
    ...(op.step.env === undefined && like.env !== undefined ? { env: like.env } : {}),
  });
}

/**
 * Called for every op, applied or not, with the step names present where it stands:
 * validation uses it to find names no builder has (typos), whatever the conditions, and
 * steps an applied op would give a second time.
 */
export type OpObserver = (op: StepOp, names: readonly string[], applied: boolean) => void;

/** `steps` with `ops` applied in order where their conditions hold. An op whose step is
 *  absent on this builder (e.g. `upload` on pull requests) leaves it alone. */
export function applyOps(steps: Step[], ops: readonly StepOp[], scope: ConditionScope, observe?: OpObserver): Step[] {
  let out = steps;
  for (const op of ops) {
    const anchor = op.op === 'add' ? (op.before ?? op.after) : anchorsOf(op)[0];
    const at = anchor === undefined ? out.length : out.findIndex((s) => s.name === anchor);
    const present = anchorsOf(op).every((n) => out.some((s) => s.name === n));
    const applies = at >= 0 && present && holds(op.when, scope);
    observe?.(op, out.map((s) => s.name), applies);
    if (!applies) continue;
    switch (op.op) {
      case 'add': {
        const i = op.before !== undefined || anchor === undefined ? at : at + 1;
        out = [...out.slice(0, i), added(op, out), ...out.slice(i)];
        break;
      }
      case 'drop':
        out = out.filter((_, i) => i !== at);
        break;
      case 'rename':
        out = out.map((s, i) => (i === at ? { ...s, name: op.to } : s));
        break;
      case 'replace':
        out = out.map((s, i) => (i === at ? patched(s, op.with) : s));
        break;
    }
  }
  return out;
}

const APPENDED = ['configure_flags', 'test_flags', 'interpreter_flags', 'build_flags', 'clean_flags'] as const;
const MERGED = ['compile_env', 'test_env'] as const;

/** The kind as one builder sees it: `extras` whose condition holds added (lists appended, environments merged). */
export function withExtras(variant: Variant, extras: readonly Extra[], scope: ConditionScope): Variant {
  const applying = extras.filter((e) => holds(e.when, scope));
  if (!applying.length) return variant;
  const v: Variant = { ...variant };
  for (const e of applying) {
    for (const k of APPENDED) if (e[k]) v[k] = [...v[k], ...e[k]!];
    for (const k of MERGED) if (e[k]) v[k] = { ...v[k], ...e[k]! };
  }
  return v;
}
