// The steps each recipe runs: "What each kind of build runs" of the fleet document, as data.
import type { Branch, BuilderDef, Defaults, Recipe, Step, Variant, Worker } from '../types.js';

export interface StepContext {
  branch: Branch;
  worker: Worker;
  variant: Variant;
  def: BuilderDef;
  defaults: Defaults;
}

/** Which OS families each recipe can run on. */
export const RECIPE_OS: Record<Recipe, { label: string; fits: (family: string) => boolean }> = {
  unix: { label: 'a Unix-like OS (not windows)', fits: (f) => f !== 'windows' },
  installed: { label: 'a Unix-like OS (not windows)', fits: (f) => f !== 'windows' },
  docs: { label: 'a Unix-like OS (not windows)', fits: (f) => f !== 'windows' },
  windows: { label: 'windows', fits: (f) => f === 'windows' },
  vs9: { label: 'windows', fits: (f) => f === 'windows' },
  dmg: { label: 'macos', fits: (f) => f === 'macos' },
};

const major = (version: string) => Number(version.split('.')[0]);

/** Test step timeout (seconds of silence) and the faulthandler timeout below it. */
export function timeouts({ def, variant, defaults }: StepContext) {
  const step = (def.test_timeout ?? defaults.test_timeout) * variant.timeout_multiplier;
  return { step, faulthandler: Math.max(step - defaults.faulthandler_margin, 1) };
}

const clean = (name: string, command: string[] | string): Step => ({ name, kind: 'clean', command });

function unix(ctx: StepContext): Step[] {
  const { worker, variant, def, defaults } = ctx;
  const { step, faulthandler } = timeouts(ctx);
  const jobs = worker.parallel ? [`-j${worker.parallel}`] : [];
  const testopts = [...variant.test_flags, ...def.test_extra, `-j${defaults.test_jobs}`, ...jobs].join(' ');
  return [
    { name: 'configure', kind: 'configure', command: ['./configure', ...variant.configure_flags, ...def.configure_extra] },
    { name: 'compile', kind: 'shell', command: ['make', ...jobs, 'all'] },
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

function installed(ctx: StepContext): Step[] {
  const { worker, variant, def, defaults, branch } = ctx;
  const { step } = timeouts(ctx);
  const jobs = worker.parallel ? [`-j${worker.parallel}`] : [];
  return [
    { name: 'configure', kind: 'configure', command: ['./configure', ...variant.configure_flags, ...def.configure_extra] },
    { name: 'compile', kind: 'shell', command: ['make', ...jobs, 'all'] },
    { name: 'install', kind: 'shell', command: ['make', 'install'] },
    { name: 'lock-target', kind: 'shell', command: ['chmod', '-R', '-w', 'target/'] },
    {
      name: 'test',
      kind: 'test',
      command: [`./target/bin/python${branch.version}`, ...variant.interpreter_flags, '-m', 'test.regrtest', ...variant.test_flags, ...def.test_extra, `-j${defaults.test_jobs}`, ...jobs],
      timeout: step,
      ...(worker.pty ? { pty: true } : {}),
    },
    clean('unlock-target', 'chmod -R +w target/ && rm -rf target/'),
    clean('clean', ['make', 'distclean']),
  ];
}

function windows(ctx: StepContext): Step[] {
  const { worker, variant, def, defaults, branch } = ctx;
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
        `-j${defaults.test_jobs}`,
        ...(worker.parallel ? [`-j${worker.parallel}`] : []),
        // Python 2's test.bat has no --timeout.
        ...(major(branch.version) >= 3 ? ['--timeout', String(faulthandler)] : []),
      ],
      timeout: step,
    },
    clean('clean', ['Tools\\buildbot\\clean.bat', ...platform]),
  ];
}

function vs9(ctx: StepContext): Step[] {
  const { variant, def } = ctx;
  const x64 = variant.platform === 'x64';
  const platform = x64 ? ['-p', 'x64'] : [];
  return [
    { name: 'compile', kind: 'shell', command: ['PC\\VS9.0\\build.bat', '-e', '-k', '-d', ...platform] },
    { name: 'test', kind: 'test', command: ['PC\\VS9.0\\rt.bat', '-q', '-d', ...(x64 ? ['-x64'] : []), ...variant.test_flags, ...def.test_extra], timeout: timeouts(ctx).step },
    clean('clean', ['PC\\VS9.0\\build.bat', '-t', 'Clean', '-d', ...platform]),
  ];
}

function docs({ branch }: StepContext): Step[] {
  const make = (target: string, ...extra: string[]) => ['make', '-C', 'Doc/', target, ...extra];
  return [
    // Python 2's Doc/Makefile runs sphinx with the default python.
    { name: 'docs-check', kind: 'docs', command: make('check', ...(major(branch.version) >= 3 ? ['PYTHON=python3'] : [])) },
    { name: 'docs-suspicious', kind: 'docs', command: make('suspicious') },
    { name: 'docs-html', kind: 'docs', command: make('html') },
    clean('docs-clean', make('clean')),
  ];
}

function dmg(): Step[] {
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

const RECIPES: Record<Recipe, (ctx: StepContext) => Step[]> = { unix, installed, windows, vs9, docs, dmg };

/** Every step of one builder, starting with the source checkout. */
export function stepsFor(ctx: StepContext): Step[] {
  return [{ name: 'git', kind: 'git' }, ...RECIPES[ctx.variant.recipe](ctx)];
}
