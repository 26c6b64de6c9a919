// Step changes name steps (`after: compile`, `drop: pythoninfo`): a name no builder has at
// that point is a typo. The families make the names, so this runs on the validated fleet,
// through the same expansion as the matrix, whatever the changes' conditions.
import { didYouMean } from '../../model/problems.js';
import type { Fleet, StepOp } from '../../model/types.js';
import { builderOn } from '../../expand/expand.js';
import { anchorsOf } from '../../expand/overlay.js';
import { stepsFor } from '../../expand/steps.js';
import type { Checker } from './context.js';

/** Where in an op the step name `name` is written. */
const nameKey = (op: StepOp, name: string): (string | number)[] =>
  op.op === 'add' ? [op.like === name && op.before !== name && op.after !== name ? 'like' : op.before !== undefined ? 'before' : 'after'] : op.op === 'rename' ? ['rename', 'from'] : [op.op];

export function checkStepNames(c: Checker, fleet: Fleet) {
  const workers = new Map(fleet.workers.map((w) => [w.name, w]));
  /** Each op (by identity: a family's ops are shared by its kinds) -> the names present where it stands. */
  const seen = new Map<StepOp, Set<string>>();
  /** Ops that give a builder a second step of one name (Buildbot would rename it `NAME_1`). */
  const twice = new Map<StepOp, string>();
  const observe = (op: StepOp, names: readonly string[], applied: boolean) => {
    const s = seen.get(op) ?? new Set<string>();
    names.forEach((n) => s.add(n));
    seen.set(op, s);
    const made = op.op === 'add' ? op.step.name : op.op === 'rename' && op.to !== op.from ? op.to : undefined;
    if (applied && made !== undefined && names.includes(made)) twice.set(op, made);
  };
  for (const def of fleet.builders) {
    const kind = fleet.variants[def.variant]!;
    if (!kind.steps.length && !def.steps.length) continue;
    for (const branch of fleet.branches) {
      const made = builderOn(fleet, workers, def, branch);
      if ('ctx' in made) stepsFor(made.ctx, observe);
    }
  }
  for (const [op, names] of seen) {
    const anchor = anchorsOf(op).find((n) => !names.has(n));
    if (anchor === undefined) continue;
    const list = [...names];
    c.report(c.b, [...op.at, ...nameKey(op, anchor)], `unknown step \`${anchor}\`${didYouMean(anchor, list)}: the builders this change applies to have no step of that name at this point (their steps: ${list.join(', ')})`, 'unknown-step');
  }
  for (const [op, name] of twice) {
    const path = op.op === 'add' ? [...op.at, 'add', 'name'] : [...op.at, 'rename', 'to'];
    c.report(c.b, path, `a builder would have two steps named \`${name}\`: name this one differently, or \`drop\`/\`replace\` the other`, 'duplicate-step');
  }
}
