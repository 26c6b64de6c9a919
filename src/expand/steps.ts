// Every step of one builder: the checkout, the steps its kind adds, then its family's; then
// the step changes of the fleet (the family's, the kind's, the definition's) where they hold.
import { RECIPES } from '../recipes/index.js';
import type { StepContext } from '../recipes/context.js';
import type { Step } from '../model/types.js';
import { applyOps, declaredStep, type OpObserver } from './overlay.js';

export type { StepContext };

function sourceStep({ master, branch, worker }: StepContext): Step {
  // 2017: plain Git on the pushed branch. Today: GitHub on the branch's ref (none for pull requests).
  if (master.source.step === 'Git') return { name: 'git', kind: 'git' };
  const args: Record<string, unknown> = { ...(branch.git_branch !== undefined ? { branch: branch.git_branch } : {}), ...(worker.git ?? {}) };
  return { name: 'git', kind: 'GitHub', ...(Object.keys(args).length ? { args } : {}) };
}

export function stepsFor(ctx: StepContext, observe?: OpObserver): Step[] {
  // concat, not spreads: 1,500 runs on the 2026 fleet, and with TurboFan off a spread allocates per item.
  const family = [sourceStep(ctx)].concat(ctx.variant.steps_before.map(declaredStep), RECIPES[ctx.variant.recipe]!.steps(ctx));
  const ops = ctx.variant.steps.concat(ctx.def.steps);
  return ops.length ? applyOps(family, ops, { branch: ctx.branch, capabilities: ctx.worker.capabilities }, observe) : family;
}
