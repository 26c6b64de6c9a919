// Buildbot judges a config that uses step changes, a capability's extras and pools:
// checkconfig accepts it, and the builders Buildbot builds from it have the workers,
// directories and steps the declarations say (test/pipeline/steps-fleet/).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILDBOTS, type Buildbot } from '../buildbots.js';
import { cli, ROOT, run, tempDir } from './helpers.js';

const DIR = join(ROOT, 'test/pipeline/steps-fleet');
const out = tempDir('bmg-steps-');
const generated = cli(['generate', '--workers', join(DIR, 'workers.yaml'), '--builders', join(DIR, 'builders.yaml'), '--out', out]);
const env = { PYBUILDBOT_SETTINGS_PATH: join(out, 'no-settings.yaml') };

const cache = new Map<string, ReturnType<typeof load>>();
const loaded = (bb: Buildbot) => cache.get(bb.id) ?? cache.set(bb.id, load(bb)).get(bb.id)!;

/** What Buildbot's Python builds from master.cfg: per builder, its workers, directory and steps. */
function load(bb: Buildbot): Record<string, { workernames: string[]; builddir: string; steps: { name: string; command: unknown; env: unknown }[] }> {
  const code = [
    'import json',
    'ns = {"__file__": "master.cfg"}',
    'exec(compile(open("master.cfg").read(), "master.cfg", "exec"), ns)',
    'print(json.dumps({b.name: {"workernames": b.workernames, "builddir": b.builddir, "steps": [{"name": s.kwargs.get("name"), "command": s.kwargs.get("command"), "env": s.kwargs.get("env")} for s in b.factory.steps]} for b in ns["c"]["builders"]}, default=repr))',
  ].join('\n');
  const r = run(bb.python, ['-c', code], { cwd: out, env });
  expect(r.stderr).not.toMatch(/Traceback/);
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

describe('the test fleet generates', () => {
  it('without a problem', () => {
    expect(generated.stderr).not.toMatch(/error|warning/);
    expect(generated.status).toBe(0);
  });
});

describe.each(BUILDBOTS)('on Buildbot $id', (bb) => {
  it('checkconfig accepts a config with step changes, capability extras and pools', () => {
    const r = run(bb.buildbot, ['checkconfig', out], { env });
    expect(r.stdout + r.stderr).toContain('Config file is good!');
    expect(r.status).toBe(0);
  });

  it('a pool is one builder with several workernames and one directory', () => {
    const b = loaded(bb);
    expect(b['Ubuntu pool 3.x']).toMatchObject({ workernames: ['carol-ubuntu1', 'carol-ubuntu2'], builddir: '3.x.carol-ubuntu' });
    expect(b['LTO pool 3.14']).toMatchObject({ workernames: ['carol-ubuntu1', 'carol-ubuntu2'], builddir: '3.14.lto' });
    expect(b['Debian 3.x']!.workernames).toEqual(['alice-debian']);
  });

  it('the steps are the changed ones', () => {
    const b = loaded(bb);
    const names = (n: string) => b[n]!.steps.map((s) => s.name);
    expect(names('Debian 3.x')).toEqual(['git', 'show disk', 'configure', 'compile', 'ccache stats', 'pythoninfo', 'test', 'upload', 'clean']);
    expect(names('Fedora 3.12')).toEqual(['git', 'show disk', 'configure', 'compile', 'Display build info', 'test', 'test again', 'upload']);
    expect(b['Debian 3.14']!.steps[2]!.command).toEqual(['./configure', '--with-pydebug', '--with-lto']);
    expect(b['Debian 3.13']!.steps[2]!.command).toEqual(['./configure', '--with-pydebug']);
    expect(b['Debian 3.x']!.steps[3]!.env).toEqual({ CCACHE_DIR: '/var/cache/ccache' });
    expect(names('WASI 3.13')).toContain('pythoninfo-build');
    expect(names('WASI 3.12')).not.toContain('pythoninfo-build');
  });
});
