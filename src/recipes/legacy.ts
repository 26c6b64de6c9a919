// The 2017 families (buildmaster-config of July 2017): unix, installed, windows, vs9,
// docs, dmg. Their step kinds are the lower-case ones of master.cfg's make_step.
import type { Step } from '../model/types.js';
import { makeJobs, type StepContext } from './context.js';

const major = (version: string | undefined) => Number((version ?? '3').split('.')[0]);

/** Test step timeout (seconds of silence) and the faulthandler timeout below it. */
export function timeouts({ def, variant, defaults }: StepContext) {
  const step = (def.test_timeout ?? variant.test_timeout ?? defaults.test_timeout) * variant.timeout_multiplier;
  return { step, faulthandler: Math.max(step - defaults.faulthandler_margin, 1) };
}

const clean = (name: string, command: string[] | string): Step => ({ name, kind: 'clean', command });
const jobs2017 = (ctx: StepContext) => [`-j${ctx.defaults.test_jobs}`, ...makeJobs(ctx)];

export function unix(ctx: StepContext): Step[] {
  const { worker, variant, def } = ctx;
  const { step, faulthandler } = timeouts(ctx);
  const testopts = [...variant.test_flags, ...def.test_extra, ...jobs2017(ctx)].join(' ');
  return [
    { name: 'configure', kind: 'configure', command: ['./configure', ...variant.configure_flags, ...def.configure_extra] },
    { name: 'compile', kind: 'shell', command: ['make', ...makeJobs(ctx), 'all'] },
    {
      name: 'test',
      kind: 'test',
      command: ['make', 'buildbottest', `TESTOPTS=${testopts}`, `TESTPYTHONOPTS=${variant.interpreter_flags.join(' ')}`, `TESTTIMEOUT=${faulthandler}`],
      timeout: step,
      ...(worker.pty ? { pty: true } : {}),
    },
    clean('clean', ['make', 'distclean']),
  ];
}

export function installed(ctx: StepContext): Step[] {
  const { worker, variant, def, branch } = ctx;
  const { step } = timeouts(ctx);
  return [
    { name: 'configure', kind: 'configure', command: ['./configure', ...variant.configure_flags, ...def.configure_extra] },
    { name: 'compile', kind: 'shell', command: ['make', ...makeJobs(ctx), 'all'] },
    { name: 'install', kind: 'shell', command: ['make', 'install'] },
    { name: 'lock-target', kind: 'shell', command: ['chmod', '-R', '-w', 'target/'] },
    {
      name: 'test',
      kind: 'test',
      command: [`./target/bin/python${branch.version}`, ...variant.interpreter_flags, '-m', 'test.regrtest', ...variant.test_flags, ...def.test_extra, ...jobs2017(ctx)],
      timeout: step,
      ...(worker.pty ? { pty: true } : {}),
    },
    clean('unlock-target', 'chmod -R +w target/ && rm -rf target/'),
    clean('clean', ['make', 'distclean']),
  ];
}

export function windows(ctx: StepContext): Step[] {
  const { variant, def, branch } = ctx;
  const { step, faulthandler } = timeouts(ctx);
  const x64 = variant.platform === 'x64';
  const platform = x64 ? ['-p', 'x64'] : [];
  return [
    { name: 'compile', kind: 'shell', command: ['Tools\\buildbot\\build.bat', ...platform, ...(variant.release ? ['-c', 'Release'] : [])] },
    {
      name: 'test',
      kind: 'test',
      command: [
        'Tools\\buildbot\\test.bat',
        ...(x64 ? ['-x64'] : []),
        ...(variant.release ? ['+d'] : []),
        ...variant.test_flags,
        ...def.test_extra,
        ...jobs2017(ctx),
        // Python 2's test.bat has no --timeout.
        ...(major(branch.version) >= 3 ? ['--timeout', String(faulthandler)] : []),
      ],
      timeout: step,
    },
    clean('clean', ['Tools\\buildbot\\clean.bat', ...platform]),
  ];
}

export function vs9(ctx: StepContext): Step[] {
  const { variant, def } = ctx;
  const x64 = variant.platform === 'x64';
  const platform = x64 ? ['-p', 'x64'] : [];
  return [
    { name: 'compile', kind: 'shell', command: ['PC\\VS9.0\\build.bat', '-e', '-k', '-d', ...platform] },
    { name: 'test', kind: 'test', command: ['PC\\VS9.0\\rt.bat', '-q', '-d', ...(x64 ? ['-x64'] : []), ...variant.test_flags, ...def.test_extra], timeout: timeouts(ctx).step },
    clean('clean', ['PC\\VS9.0\\build.bat', '-t', 'Clean', '-d', ...platform]),
  ];
}

export function docs({ branch }: StepContext): Step[] {
  const make = (target: string, ...extra: string[]) => ['make', '-C', 'Doc/', target, ...extra];
  return [
    // Python 2's Doc/Makefile runs sphinx with the default python.
    { name: 'docs-check', kind: 'docs', command: make('check', ...(major(branch.version) >= 3 ? ['PYTHON=python3'] : [])) },
    { name: 'docs-suspicious', kind: 'docs', command: make('suspicious') },
    { name: 'docs-html', kind: 'docs', command: make('html') },
    clean('docs-clean', make('clean')),
  ];
}

export function dmg(): Step[] {
  return [
    {
      name: 'build-installer',
      kind: 'shell',
      command: [{ setting: 'dmg_python' }, './build-installer.py', '--build-dir', '../../dmg'],
      workdir: 'build/Mac/BuildScript',
    },
    { name: 'upload', kind: 'upload', src: 'dmg/diskimage', dest: { setting: 'dmg_upload_dir' } },
  ];
}
