// The local test mode of the generated 2026 master.cfg (settings `use_local_worker: true`,
// as python/buildmaster-config's README describes it): the fleet becomes one "Test Builder"
// per branch on `local-worker`, a worker inside the master. Buildbot judges it: checkconfig,
// then a real master whose in-process worker builds the stand-in CPython repository.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { copyConfig } from '../config-copy.js';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Results } from './api.js';
import { FixtureRepo } from './fixture.js';
import { Harness, makeTempRoot, run } from './harness.js';
import { BUILDBOTS, ownSteps, type Buildbot } from '../buildbots.js';
import { ROOT } from '../pipeline/helpers.js';

const CFG = join(ROOT, 'fleets/cpython-2026/out/master.cfg');
// fleet-2026.md §1.1: the branches, in order; one Test Builder each.
const BRANCHES = ['3.x', '3.15', '3.14', '3.13', '3.12', '3.11', '3.10', 'PR'];

describe.each(BUILDBOTS)('use_local_worker (2026 master.cfg) on Buildbot $id', (bb: Buildbot) => {
  let root: string;
  let repo: FixtureRepo;
  let harness: Harness | undefined;

  beforeAll(() => {
    root = makeTempRoot();
    repo = FixtureRepo.create(join(root, 'cpython'), { main: '3.16' });
  });

  afterAll(async () => {
    if (harness) expect(await harness.stop(), 'processes left behind').toEqual([]);
    if (root && !process.env.E2E_KEEP) rmSync(root, { recursive: true, force: true });
  }, 60_000);

  it('checkconfig: the config is good in the local test mode', async () => {
    const dir = join(root, 'check');
    mkdirSync(dir);
    copyConfig(CFG, dir); // master.cfg and the package beside it
    writeFileSync(join(dir, 'settings.yaml'), 'use_local_worker: true\n');
    const output = await run(bb.buildbot, ['checkconfig', dir], { env: { PYBUILDBOT_SETTINGS_PATH: join(dir, 'settings.yaml') } });
    expect(output).toContain('Config file is good!');
    expect(output).not.toMatch(/unknown settings/);
  }, 120_000);

  it('a forced Test Builder 3.x runs the steps of the first `debug` builder on the in-process local-worker, green', async () => {
    harness = await Harness.start({
      buildbot: bb,
      masterCfg: CFG,
      root: join(root, 'master'),
      gitUrl: repo.dir,
      workers: [],
      settings: { use_local_worker: true, db_url: 'sqlite://' },
    });
    const { builders } = await harness.api.get<{ builders: { name: string; tags: string[] }[] }>('builders');
    // (Besides Buildbot's own __Janitor, from the janitor configurator.)
    expect(builders.map((b) => b.name).filter((n) => !n.startsWith('__')).sort()).toEqual(BRANCHES.map((b) => `Test Builder ${b}`).sort());
    expect(builders.find((b) => b.name === 'Test Builder 3.x')!.tags).toEqual(['3.x', 'stable']);
    const { workers } = await harness.api.get<{ workers: { name: string; connected_to: unknown[] }[] }>('workers');
    expect(workers.map((w) => w.name).filter((n) => !n.startsWith('__'))).toEqual(['local-worker']);

    const { bsid } = await harness.force(['Test Builder 3.x'], '');
    const build = (await harness.api.waitForBuildset(bsid, ['Test Builder 3.x'], 120_000)).get('Test Builder 3.x')!;
    expect(build.results, build.steps.map((s) => `${s.name}=${s.results}`).join(', ')).toBe(Results.SUCCESS);
    // AMD64 Debian root 3.x's steps (the first builder of kind `debug`): checkout of main, the debug configure.
    expect(ownSteps(bb, build.steps.map((s) => s.name))).toEqual(['git', 'configure', 'compile', 'pythoninfo', 'test', 'upload', 'clean']);
    expect(await harness.api.stepLog(build, 'configure')).toContain('fixture: configure arg: --with-pydebug');
    expect(build.gotRevision).toBe(repo.git('rev-parse', 'main'));
  }, 300_000);
});
