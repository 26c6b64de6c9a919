// Steps the fleet changes (families, kinds, definitions: add/drop/rename/replace, each
// `when` a branch range, feature or capability), extras on a capability, and pools.
// Expectations are written from docs/steps-and-capabilities.md, not read from the generator.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFleet } from '../../src/pipeline.js';
import { applyOps } from '../../src/expand/overlay.js';
import type { Branch, Step, StepOp } from '../../src/model/types.js';
import { ROOT } from './helpers.js';

const DIR = join(ROOT, 'test/pipeline/steps-fleet');
const { matrix, problems } = loadFleet({ workers: join(DIR, 'workers.yaml'), builders: join(DIR, 'builders.yaml') });
const builder = (name: string) => {
  const b = matrix.builders.find((x) => x.name === name);
  if (!b) throw new Error(`no builder ${name}`);
  return b;
};
const names = (b: string) => builder(b).steps.map((s) => s.name);
const step = (b: string, name: string) => builder(b).steps.find((s) => s.name === name);

describe('the test fleet', () => {
  it('validates without a warning (every capability is read, every step name exists)', () => {
    expect(problems).toEqual([]);
  });
});

describe('step changes', () => {
  it('a kind adds a step before a family step; a family drops one on a worker capability', () => {
    expect(names('Debian 3.x')).toEqual(['git', 'show disk', 'configure', 'compile', 'ccache stats', 'pythoninfo', 'test', 'upload', 'clean']);
    expect(step('Debian 3.x', 'show disk')).toEqual({ name: 'show disk', kind: 'ShellCommand', command: 'df -h .' });
    // bob-fedora has `ramdisk`: no clean step.
    expect(names('Fedora 3.x')).toEqual(['git', 'show disk', 'configure', 'compile', 'pythoninfo', 'test', 'upload']);
  });

  it('a family renames a step on a branch range (until 3.12)', () => {
    expect(names('Debian 3.12')).toContain('Display build info');
    expect(names('Debian 3.12')).not.toContain('pythoninfo');
    expect(names('Debian 3.13')).toContain('pythoninfo');
    expect(step('Debian 3.12', 'Display build info')).toMatchObject({ kind: 'PythonInfo', command: ['make', 'pythoninfo'] });
  });

  it('replace sets only the fields given, merging result flags, where the capability holds', () => {
    expect(step('Debian 3.x', 'compile')).toEqual({ name: 'compile', kind: 'Compile', command: ['make', 'all'], env: { CCACHE_DIR: '/var/cache/ccache' }, timeout: 3600, flags: { warnOnFailure: true } });
    // bob-fedora has no `ccache`: the family's compile step, its -j4 included.
    expect(step('Fedora 3.x', 'compile')).toEqual({ name: 'compile', kind: 'Compile', command: ['make', '-j4', 'all'], env: {} });
  });

  it('an added step `like` another takes its environment and directory (after earlier changes)', () => {
    expect(step('Debian 3.x', 'ccache stats')).toEqual({ name: 'ccache stats', kind: 'ShellCommand', command: ['ccache', '-s'], env: { CCACHE_DIR: '/var/cache/ccache' } });
  });

  it('a definition adds a step after its kind\'s, on a branch feature', () => {
    expect(names('Fedora 3.12').slice(-2)).toEqual(['test again', 'upload']);
    expect(names('Fedora 3.13')).not.toContain('test again');
  });

  it('a step a builder does not have (upload on pull requests) leaves that builder alone', () => {
    expect(names('Debian PR')).toEqual(['git', 'show disk', 'configure', 'compile', 'ccache stats', 'pythoninfo', 'test', 'clean']);
  });

  it('a cross-build family gets a step after its build-Python compile on 3.13 and newer only', () => {
    const n13 = names('WASI 3.13');
    expect(n13.slice(n13.indexOf('Compile build Python'), n13.indexOf('Compile build Python') + 2)).toEqual(['Compile build Python', 'pythoninfo-build']);
    expect(step('WASI 3.13', 'pythoninfo-build')).toEqual({ name: 'pythoninfo-build', kind: 'PythonInfo', command: ['make', 'pythoninfo'], workdir: 'build/build_oot/build' });
    expect(names('WASI 3.12')).not.toContain('pythoninfo-build');
  });
});

describe('capabilities', () => {
  it('extras add a configure flag where the worker has the capability, on 3.14 and newer only', () => {
    expect(step('Debian 3.x', 'configure')?.command).toEqual(['./configure', '--with-pydebug', '--with-lto']);
    expect(step('Debian 3.14', 'configure')?.command).toEqual(['./configure', '--with-pydebug', '--with-lto']);
    expect(step('Debian 3.13', 'configure')?.command).toEqual(['./configure', '--with-pydebug']);
    expect(step('Fedora 3.x', 'configure')?.command).toEqual(['./configure', '--with-pydebug']);
  });
});

describe('pools', () => {
  it('a list of workers: every one may run the builds, in one directory named after the pool', () => {
    const b = builder('Ubuntu pool 3.x');
    expect(b.workers).toEqual(['carol-ubuntu1', 'carol-ubuntu2']);
    expect(b.builddir).toBe('3.x.carol-ubuntu');
    expect(builder('Ubuntu pool PR').builddir).toBe('pull_request.carol-ubuntu');
    expect(step('Ubuntu pool 3.14', 'configure')?.command).toEqual(['./configure', '--with-lto']);
  });

  it('a capability selector: the workers that have it, in workers.yaml order', () => {
    expect(builder('LTO pool 3.x').workers).toEqual(['carol-ubuntu1', 'carol-ubuntu2']);
    expect(builder('LTO pool 3.x').builddir).toBe('3.x.lto');
  });

  it('a definition with one worker has no `workers` (its master.cfg line stays as it was)', () => {
    expect(builder('Debian 3.x').workers).toBeUndefined();
  });
});

describe('applyOps', () => {
  const br: Branch = { name: '3.x', version: '3.15', git_branch: 'main', dir: '3.x', tag: '3.x', features: [] };
  const s = (name: string): Step => ({ name, kind: 'ShellCommand' });
  const add = (name: string, where: { before?: string; after?: string }): StepOp => ({ op: 'add', step: { step: 'ShellCommand', name, command: 'true', flags: {} }, ...where, at: [] });
  const run = (ops: StepOp[]) => applyOps([s('a'), s('b')], ops, { branch: br, capabilities: [] }).map((x) => x.name);

  it('adds before, after, or at the end', () => {
    expect(run([add('x', { before: 'a' })])).toEqual(['x', 'a', 'b']);
    expect(run([add('x', { after: 'a' })])).toEqual(['a', 'x', 'b']);
    expect(run([add('x', {})])).toEqual(['a', 'b', 'x']);
  });

  it('applies in order: a later change sees an earlier rename', () => {
    expect(run([{ op: 'rename', from: 'a', to: 'c', at: [] }, { op: 'drop', name: 'c', at: [] }])).toEqual(['b']);
  });

  it('skips a change whose condition fails, and tells the observer about it anyway', () => {
    const seen: string[] = [];
    const out = applyOps([s('a')], [{ op: 'drop', name: 'a', when: { capability: 'x' }, at: [] }], { branch: br, capabilities: [] }, (op) => seen.push(op.op));
    expect(out.map((x) => x.name)).toEqual(['a']);
    expect(seen).toEqual(['drop']);
  });
});
