// Every step of one builder: the checkout, the steps its kind adds, then its family's.
import { RECIPES } from '../recipes/index.js';
import type { StepContext } from '../recipes/context.js';
import type { Step, StepDecl } from '../model/types.js';

export type { StepContext };

function sourceStep({ master, branch, worker }: StepContext): Step {
  // 2017: plain Git on the pushed branch. Today: GitHub on the branch's ref (none for pull requests).
  if (master.source.step === 'Git') return { name: 'git', kind: 'git' };
  const args: Record<string, unknown> = { ...(branch.git_branch !== undefined ? { branch: branch.git_branch } : {}), ...(worker.git ?? {}) };
  return { name: 'git', kind: 'GitHub', ...(Object.keys(args).length ? { args } : {}) };
}

const declared = (d: StepDecl): Step => ({
  name: d.name,
  kind: d.step,
  command: d.command,
  ...(d.description !== undefined ? { description: d.description } : {}),
  ...(d.property !== undefined ? { property: d.property } : {}),
  ...(Object.keys(d.flags).length ? { flags: { ...d.flags } } : {}),
});

export function stepsFor(ctx: StepContext): Step[] {
  return [sourceStep(ctx), ...ctx.variant.steps_before.map(declared), ...RECIPES[ctx.variant.recipe]!.steps(ctx)];
}
