// The model that carries today's fleet, on small fleets written here: version ranges (the
// pull-request branch is newer than every version), the derived main version, kinds that
// compose, branch features, scheduler names and the pull-request scheduler's order.
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseYaml } from '../src/load/load.js';
import { analyse } from '../src/pipeline.js';
import type { BuilderMatrix } from '../src/model/types.js';

const WORKERS = {
  workers: [
    { name: 'ann-linux', owner: 'ann', os: { family: 'linux' }, arch: 'x86-64', parallel: 4 },
    { name: 'bob-old', owner: 'bob', os: { family: 'linux' }, arch: 'riscv64', branches: { until: '3.12' } },
    { name: 'cat-win', owner: 'cat', os: { family: 'windows' }, arch: 'aarch64' },
  ],
};

function fleet(builders: Record<string, unknown>): BuilderMatrix {
  const b = {
    features: { 'gil-only': { drop_tags: ['nogil'] }, slow: { refleak_timeout_factor: 2 } },
    branches: { '3.x': { git_branch: 'main', main: true }, '3.13': {}, '3.12': { features: ['gil-only', 'slow'] }, PR: { pull_request: true, dir: 'pull_request', tag: 'PullRequest' } },
    master: { source: { step: 'GitHub' }, test_results_dest: '/results/{branch}' },
    schedulers: {
      push: { on: 'push', name: '{branch}', only_important: false, ignore_paths: ['Doc/'] },
      refleak: { on: 'push', name: '{branch}-refleak', tree_stable_timer: 3600 },
      prs: { on: 'pull_request', name: 'pull-request-scheduler', group_order: ['refleak', 'push'] },
    },
    ...builders,
  };
  const r = analyse(parseYaml(stringify(WORKERS), 'workers.yaml'), parseYaml(stringify(b), 'builders.yaml'));
  if (!r.matrix) throw new Error(JSON.stringify(r.problems, null, 1));
  return r.matrix;
}

const KINDS = {
  variants: {
    unix: { recipe: 'unix-make', configure_flags: ['--prefix', '$(PWD)/target'] },
    debug: { extends: 'unix', configure_flags: ['--with-pydebug'] },
    nogil: { extends: 'debug', configure_flags: ['--disable-gil'], tags: ['nogil'], suffix: '.nogil', compile_env: { A: '1' } },
    'nogil-refleak': { extends: 'nogil', test_flags: ['-R', '3:3'], tags: ['refleak'], suffix: '.refleak.nogil', schedule: 'refleak', test_timeout: 2700, compile_env: { B: '2' } },
    new: { extends: 'debug', branches: { since: '3.13' } },
    old: { extends: 'debug', branches: { until: '3.12' } },
    win: { recipe: 'windows-bat', build_flags: ['-p', 'ARM64'], test_flags: ['-p', 'ARM64'], clean_flags: ['-p', 'ARM64'] },
  },
};
const def = (name: string, worker: string, variant: string, extra: object = {}) => ({ name, worker, variant, stability: 'stable', ...extra });

describe('version ranges and branches', () => {
  const m = fleet({
    ...KINDS,
    builders: [def('Debug', 'ann-linux', 'debug', { tier: 'tier-1' }), def('New', 'ann-linux', 'new', { suffix: '.new' }), def('Old', 'ann-linux', 'old', { stability: 'unstable', suffix: '.old' }), def('Riscv', 'bob-old', 'debug'), def('Win', 'cat-win', 'win')],
  });
  const names = m.builders.map((b) => b.name);

  it('orders branches newest first, pull requests last; derives the main version', () => {
    expect(m.branches.map((b) => [b.name, b.version, b.git_branch])).toEqual([
      ['3.x', '3.14', 'main'],
      ['3.13', '3.13', '3.13'],
      ['3.12', '3.12', '3.12'],
      ['PR', undefined, undefined],
    ]);
  });

  it('since keeps pull requests, until drops them (kinds and workers alike)', () => {
    expect(names.filter((n) => n.startsWith('New '))).toEqual(['New 3.x', 'New 3.13', 'New PR']);
    expect(names.filter((n) => n.startsWith('Old '))).toEqual(['Old 3.12']);
    expect(names.filter((n) => n.startsWith('Riscv '))).toEqual(['Riscv 3.12']);
  });

  it('names, directories and tags: branch tag, tier, stability, kind tags', () => {
    const pr = m.builders.find((b) => b.name === 'Debug PR')!;
    expect([pr.builddir, pr.tags]).toEqual(['pull_request.ann-linux', ['PullRequest', 'tier-1', 'stable']]);
    expect(m.builders.find((b) => b.name === 'Old 3.12')!.tags).toEqual(['3.12', 'unstable']);
  });

  it('checks out the branch ref, and no branch on pull requests; uploads JUnit files on real branches only', () => {
    const steps = (n: string) => m.builders.find((b) => b.name === n)!.steps;
    expect(steps('Debug 3.x')[0]).toEqual({ name: 'git', kind: 'GitHub', args: { branch: 'main' } });
    expect(steps('Debug PR')[0]).toEqual({ name: 'git', kind: 'GitHub' });
    expect(steps('Debug 3.13').map((s) => s.kind)).toContain('UploadTestResults');
    expect(steps('Debug PR').map((s) => s.kind)).not.toContain('UploadTestResults');
    expect(steps('Debug 3.13').find((s) => s.kind === 'UploadTestResults')!.dest).toEqual({ interpolate: '/results/3.13/%(prop:buildername)s/build_%(prop:buildnumber)s.xml' });
  });

  it('Windows: -jN of the worker or the default, JUnit and --timeout', () => {
    const test = m.builders.find((b) => b.name === 'Win 3.x')!.steps.find((s) => s.name === 'test')!;
    expect(test.command).toEqual(['Tools\\buildbot\\test.bat', '-p', 'ARM64', '-j2', '--junit-xml', 'test-results.xml', '--timeout', '1200']);
  });
});

describe('kinds compose; features drop and slow down', () => {
  const m = fleet({ ...KINDS, builders: [def('NoGIL', 'ann-linux', 'nogil'), def('Hunt', 'ann-linux', 'nogil-refleak')] });
  const b = (n: string) => m.builders.find((x) => x.name === n)!;

  it('appends flags and tags, merges environments, replaces the rest', () => {
    const hunt = b('Hunt 3.x');
    expect(hunt.steps.find((s) => s.name === 'configure')!.command).toEqual(['./configure', '--prefix', '$(PWD)/target', '--with-pydebug', '--disable-gil']);
    expect(hunt.steps.find((s) => s.name === 'compile')!.env).toEqual({ A: '1', B: '2' });
    expect(hunt.tags).toEqual(['3.x', 'stable', 'nogil', 'refleak']);
    expect(hunt.builddir).toBe('3.x.ann-linux.refleak.nogil');
  });

  it('a branch feature drops tagged builders', () => {
    expect(m.builders.filter((x) => x.def === 'NoGIL').map((x) => x.branch)).toEqual(['3.x', '3.13', 'PR']);
  });

  it('refleak hunts: no JUnit, the timeout, and their own scheduler', () => {
    const test = b('Hunt 3.x').steps.find((s) => s.name === 'test')!;
    expect(test.command).toEqual(['make', 'buildbottest', 'TESTOPTS=-R 3:3 -j4 ${BUILDBOT_TESTOPTS}', 'TESTPYTHONOPTS=', 'TESTTIMEOUT=2700']);
    expect(test.timeout).toBe(3300);
    expect(m.schedulers.map((s) => s.name)).toEqual(['3.x', '3.x-refleak', '3.13', '3.13-refleak', 'pull-request-scheduler', 'force']);
    expect(m.schedulers.find((s) => s.name === '3.x-refleak')).toMatchObject({ builders: ['Hunt 3.x'], tree_stable_timer: 3600 });
    expect(m.schedulers.find((s) => s.name === '3.x')).toMatchObject({ builders: ['NoGIL 3.x'], only_important: false, ignore_paths: ['Doc/'] });
  });

  it('the pull-request scheduler lists refleak hunts first', () => {
    expect(m.schedulers.find((s) => s.kind === 'pull_request')).toMatchObject({ builders: ['Hunt PR', 'NoGIL PR'], stable_builders: ['Hunt PR', 'NoGIL PR'] });
  });
});

describe('a feature that slows refleak hunts down', () => {
  it('doubles the timeout on its branches only (unix-make)', () => {
    const m = fleet({ ...KINDS, builders: [def('Hunt', 'ann-linux', 'nogil-refleak'), def('Debug', 'ann-linux', 'debug')] });
    // gil-only drops the nogil hunt on 3.12, so use a debug hunt there.
    const m2 = fleet({ variants: { ...KINDS.variants, hunt: { extends: 'debug', test_flags: ['-R', '3:3'], test_timeout: 2700 } }, builders: [def('Hunt', 'ann-linux', 'hunt')] });
    const t = (mm: BuilderMatrix, n: string) => mm.builders.find((b) => b.name === n)!.steps.find((s) => s.name === 'test')!.timeout;
    expect([t(m2, 'Hunt 3.13'), t(m2, 'Hunt 3.12')]).toEqual([3300, 5400 + 600]);
    expect(t(m, 'Debug 3.12')).toBe(1800);
  });
});
