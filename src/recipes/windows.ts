// Today's Windows family: Tools\buildbot\{build,test,clean}.bat.
import type { Step } from '../model/types.js';
import { baseTimeout, env, huntsRefleaks, JUNIT_FILE, makeJobs, type StepContext, testJobs, uploadStep } from './context.js';

export function windowsBat(ctx: StepContext): Step[] {
  const { variant } = ctx;
  const t = baseTimeout(ctx);
  return [
    { name: 'compile', kind: 'Compile', command: ['Tools\\buildbot\\build.bat', ...variant.build_flags], ...env(variant.compile_env) },
    { name: 'pythoninfo', kind: 'PythonInfo', command: ['python.bat', '-m', 'test.pythoninfo'] },
    {
      name: 'test',
      kind: 'Test',
      command: ['Tools\\buildbot\\test.bat', ...variant.test_flags, ...ctx.def.test_extra, testJobs(ctx), ...(huntsRefleaks(ctx) ? [] : ['--junit-xml', JUNIT_FILE]), '--timeout', String(t)],
      timeout: t + 600,
    },
    ...uploadStep(ctx, JUNIT_FILE),
    { name: 'clean', kind: 'Clean', command: ['Tools\\buildbot\\clean.bat', ...variant.clean_flags, ...makeJobs(ctx)] },
  ];
}
