// Today's Unix families: `make buildbottest` (unix-make, in or out of tree), the tests of an
// installed interpreter (unix-installed), and Valgrind (valgrind).
import type { Step } from '../model/types.js';
import { baseTimeout, env, huntsRefleaks, JUNIT_FILE, makeJobs, type StepContext, testJobs, uploadStep } from './context.js';

/** The test timeout: the kind's, times the worker's factor, times a branch feature's for refleak hunts. */
function makeTimeout(ctx: StepContext): number {
  const { branch, worker, features } = ctx;
  let t = baseTimeout(ctx) * worker.timeout_factor;
  if (huntsRefleaks(ctx)) for (const f of branch.features) t *= features[f]?.refleak_timeout_factor ?? 1;
  return t;
}

/** TESTOPTS: the kind's flags, -jN, the JUnit file, then the worker's excluded resources. */
function testOptions(ctx: StepContext): string {
  const opts = [...ctx.variant.test_flags, ...ctx.def.test_extra, testJobs(ctx), ...(huntsRefleaks(ctx) ? [] : ['--junit-xml', JUNIT_FILE])];
  const excluded = ctx.worker.exclude_test_resources;
  if (excluded.length) {
    // Added to the first -u option when there is one; else a new `-uall,-x,...`.
    const extra = excluded.map((r) => `-${r}`).join(',');
    const at = opts.findIndex((o) => o.startsWith('-u'));
    if (at >= 0) opts[at] = `${opts[at]},${extra}`;
    else opts.push(`-uall,${extra}`);
  }
  return opts.join(' ');
}

export function unixMake(ctx: StepContext): Step[] {
  const { variant } = ctx;
  const oot = variant.out_of_tree;
  const wd = oot ? { workdir: 'build/build_oot' } : {};
  const t = makeTimeout(ctx);
  return [
    ...(oot
      ? [{ name: 'mkdir out-of-tree directory', kind: 'ShellCommand', command: ['mkdir', '-p', 'build_oot'], description: 'Create out-of-tree directory', flags: { warnOnFailure: true } }]
      : []),
    { name: 'configure', kind: 'Configure', command: [oot ? '../configure' : './configure', ...variant.configure_flags, ...ctx.def.configure_extra], ...wd },
    { name: 'compile', kind: 'Compile', command: ['make', ...makeJobs(ctx), 'all'], ...env(variant.compile_env), ...wd },
    { name: 'pythoninfo', kind: 'PythonInfo', command: ['make', 'pythoninfo'], ...env(variant.test_env), ...wd },
    {
      name: 'test',
      kind: 'Test',
      command: ['make', 'buildbottest', `TESTOPTS=${testOptions(ctx)} \${BUILDBOT_TESTOPTS}`, `TESTPYTHONOPTS=${variant.interpreter_flags.join(' ')}`, `TESTTIMEOUT=${t}`],
      timeout: t + 600,
      pty: false,
      ...env(variant.test_env),
      ...wd,
    },
    ...uploadStep(ctx, oot ? `build_oot/${JUNIT_FILE}` : JUNIT_FILE),
    { name: 'clean', kind: 'Clean', ...wd },
  ];
}

export function unixInstalled(ctx: StepContext): Step[] {
  const { variant, branch } = ctx;
  // Pull requests have no version: the unversioned name.
  const python = `./target/bin/python${branch.version ?? '3'}`;
  const t = baseTimeout(ctx);
  return [
    { name: 'configure', kind: 'Configure', command: ['./configure', ...variant.configure_flags, ...ctx.def.configure_extra] },
    { name: 'compile', kind: 'Compile', command: ['make', ...makeJobs(ctx), 'all'] },
    { name: 'install', kind: 'Install', command: ['make', ...makeJobs(ctx), 'install'] },
    { name: 'chmod', kind: 'LockInstall' },
    { name: 'pythoninfo', kind: 'PythonInfo', command: [python, '-m', 'test.pythoninfo'] },
    {
      name: 'test',
      kind: 'Test',
      command: [python, ...variant.interpreter_flags, '-m', 'test', ...variant.test_flags, `--timeout=${t}`, testJobs(ctx)],
      timeout: t + 600,
      pty: false,
    },
    { name: 'uninstall', kind: 'Uninstall' },
    { name: 'clean', kind: 'Clean' },
  ];
}

export function valgrind(ctx: StepContext): Step[] {
  const { variant } = ctx;
  const t = baseTimeout(ctx);
  return [
    { name: 'configure', kind: 'Configure', command: ['./configure', ...variant.configure_flags] },
    { name: 'compile', kind: 'Compile', command: ['make', ...makeJobs(ctx), 'all'], ...env(variant.compile_env) },
    { name: 'pythoninfo', kind: 'PythonInfo', command: ['make', 'pythoninfo'], ...env(variant.test_env) },
    {
      name: 'test',
      kind: 'Test',
      command: [
        'valgrind',
        ...variant.interpreter_flags,
        { interpolate: '--suppressions=%(prop:builddir)s/build/Misc/valgrind-python.supp' },
        './python',
        '-m',
        'test',
        ...variant.test_flags,
        `--timeout=${t}`,
      ],
      timeout: t + 600,
      ...env(variant.test_env),
    },
    { name: 'clean', kind: 'Clean' },
  ];
}
