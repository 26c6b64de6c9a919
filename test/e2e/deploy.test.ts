// End-to-end: `deploy` applies changes to a real master while real workers run slow builds
// (the fixture's test step sleeps). A reduced copy of the 2026 fleet (deploy-fleet.ts: 76
// builders of four Linux workers; the full fleet's start-up alone is 34-49 s). Each change is
// the YAML edit a maintainer makes, then `generate` and `deploy`. What must hold: deploy exits
// 0 only after the master says "configuration update complete"; every running build ends
// with its normal result; the REST API's builders are the new config's; no traceback in
// twistd.log. Plus: a busy builder's rename is refused, then held until it is idle; a
// timeout exits 1; a database change is a clean restart that lets the running build finish.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Results, sleep } from './api.js';
import { activeBuilders, buildResult, deploy, gatedTests, openGate, ReducedFleet, runningBuilds, startBuilds, waitFor } from './deploy-fleet.js';
import { FixtureRepo } from './fixture.js';
import { Harness, makeTempRoot } from './harness.js';
import { BUILDBOTS } from '../buildbots.js';
import { masterPid } from '../../src/deploy/master-process.js';

const WORKERS = ['angelico-debian-amd64', 'bolen-ubuntu'];
const DEBIAN = 'AMD64 Debian root 3.x';
const DEBUG_FLAGS = '    description: Debug build and the test suite.\n    configure_flags: [--with-pydebug]\n'; // debug variant, tier-1
const SHARED = 'AMD64 Ubuntu Shared 3.x'; // shared variant, tier-1

const tracebacks = (log: string) => log.split('\n').filter((l) => /Traceback \(most recent call last\)|Unhandled error/.test(l));

describe.each(BUILDBOTS.map((bb) => [bb.id, bb] as const))('deploy on Buildbot %s, builds in flight', (_id, bb) => {
  let root: string;
  let repo: FixtureRepo;
  let fleet: ReducedFleet;
  let h: Harness;
  const log: string[] = [];

  beforeAll(async () => {
    root = makeTempRoot();
    repo = FixtureRepo.create(join(root, 'cpython'), { main: '3.16' });
    fleet = ReducedFleet.create(join(root, 'fleet'));
    await fleet.generate();
    h = await Harness.start({ buildbot: bb, masterCfg: fleet.masterCfg, root, gitUrl: repo.dir, workers: WORKERS.map((name) => ({ name })) });
  }, 120_000);

  afterAll(async () => {
    // After the clean restart the master runs as a daemon the harness did not start.
    try {
      process.kill(Number(readFileSync(join(h.masterDir, 'twistd.pid'), 'utf8')), 'SIGTERM');
      await sleep(3_000);
    } catch {
      // not running
    }
    await h?.stop();
  }, 60_000);

  /** Builds that must be running when a deploy starts (the builds in flight). */
  let inFlight: string[] = [];
  const applied = async (what: string, extra: string[] = [], onOut?: (out: string) => void) => {
    await fleet.generate();
    const running = (await runningBuilds(h)).map((r) => r.builder);
    for (const b of inFlight) expect(running, `${what}: ${b} is building when deploy starts`).toContain(b);
    const r = await deploy(bb, fleet, h, extra, onOut);
    log.push(`--- ${what}\n${r.out}${r.err}`);
    expect(r.code, `${what}:\n${r.out}${r.err}`).toBe(0);
    expect(r.out).toMatch(/configuration update complete/);
    expect(await activeBuilders(h), `${what}: the REST API has the new config's builders`).toEqual(fleet.builders());
    return r;
  };

  it('applies five changes while two builds run; both builds finish SUCCESS', async () => {
    const gate = join(root, 'gate-five-changes');
    gatedTests(repo, gate);
    const builds = await startBuilds(h, [DEBIAN, SHARED]);
    inFlight = [DEBIAN, SHARED];

    // A worker with builders added (it has not connected yet).
    fleet.append('workers', '  - name: e2e-added-worker\n    owner: e2e\n    os: { family: linux, distribution: debian }\n    arch: x86-64\n    tags: [linux, unix, debian, amd64, x86-64]\n');
    fleet.append('builders', '  - { name: AMD64 E2E Added, worker: e2e-added-worker, variant: debug, tier: tier-2, stability: unstable }\n');
    const added = await applied('a worker with builders added');
    expect(added.out).toMatch(/builders added \(\d+\):\n {4}AMD64 E2E Added/);
    expect(await activeBuilders(h)).toContain('AMD64 E2E Added 3.x');

    // A flag on a widely used variant (every `debug` builder).
    fleet.edit('builders', DEBUG_FLAGS, DEBUG_FLAGS.replace('[--with-pydebug]', '[--with-pydebug, --with-assertions]'));
    await applied('a flag on the debug variant');

    // A tier move of a running builder.
    fleet.edit('builders', 'name: AMD64 Debian root, worker: angelico-debian-amd64, variant: debug, tier: tier-1', 'name: AMD64 Debian root, worker: angelico-debian-amd64, variant: debug, tier: tier-2');
    const moved = await applied('a tier move of a running builder');
    expect(moved.out).toMatch(/AMD64 Debian root .*tags \(.*\+tier-2.*-tier-1|tags \(\+tier-2, -tier-1\)/);

    // Idle builders removed.
    fleet.edit('builders', /\n {2}- \{ name: AMD64 Fedora Stable Clang, [^\n]*/.exec(readFileSync(join(fleet.dir, 'builders.yaml'), 'utf8'))![0], '');
    const removed = await applied('idle builders removed');
    expect(removed.out).toMatch(/builders removed \(\d+\):\n {4}AMD64 Fedora Stable Clang \(/);
    expect(removed.out).toContain('loses its running build');

    // A branch added and one dropped.
    fleet.edit('builders', '  "3.10": { features: [gil-only, monolithic-test-asyncio] }\n', '');
    fleet.edit('builders', '  "3.15": {}\n', '  "3.16": {}\n  "3.15": {}\n');
    await applied('branch 3.16 added, 3.10 dropped');
    expect((await activeBuilders(h)).some((b) => b.endsWith(' 3.10'))).toBe(false);
    expect(await activeBuilders(h)).toContain('AMD64 Debian root 3.16');

    // All five applied while both builds ran; they end as they would have.
    inFlight = [];
    openGate(gate);
    for (const [name, id] of builds) expect(await buildResult(h, id), name).toBe(Results.SUCCESS);
  }, 400_000);

  it('renaming a builder that is building: refused with its build named, then held with --wait-idle until it is idle', async () => {
    const gate = join(root, 'gate-rename');
    gatedTests(repo, gate);
    const builds = await startBuilds(h, [SHARED]);
    const before = readFileSync(join(h.masterDir, 'master.cfg'), 'utf8');
    fleet.edit('builders', '{ name: AMD64 Ubuntu Shared, worker: bolen-ubuntu,', '{ name: AMD64 Ubuntu Shared Library, worker: bolen-ubuntu,');
    await fleet.generate();
    const refused = await deploy(bb, fleet, h);
    expect(refused.code, refused.out + refused.err).toBe(1);
    expect(refused.err).toMatch(new RegExp(`refused \\(nothing was changed\\).*${SHARED} #\\d+`));
    expect(readFileSync(join(h.masterDir, 'master.cfg'), 'utf8')).toBe(before);

    let holds = false;
    const holding = applied('a busy builder renamed, held until idle', ['--wait-idle', '300'], (out) => (holds ||= out.includes('held: ')));
    await waitFor('deploy to hold', async () => holds, 120_000);
    await sleep(3_000);
    expect(readFileSync(join(h.masterDir, 'master.cfg'), 'utf8'), 'held: nothing copied while the build runs').toBe(before);
    openGate(gate);
    const held = await holding;
    expect(held.out).toMatch(new RegExp(`held: .*${SHARED} #\\d+`));
    expect(await buildResult(h, builds.get(SHARED)!)).toBe(Results.SUCCESS);
    expect(await activeBuilders(h)).toContain('AMD64 Ubuntu Shared Library 3.x');
  }, 400_000);

  it('exits 1 when the master does not say "configuration update complete" in time', async () => {
    fleet.edit('builders', DEBUG_FLAGS.replace('[--with-pydebug]', '[--with-pydebug, --with-assertions]'), DEBUG_FLAGS);
    await fleet.generate();
    const at = h.masterLog().length;
    // A master too busy to answer in time: stopped (SIGSTOP) until deploy has given up. The
    // SIGHUP deploy sends waits, pending, and is handled when the master runs again.
    const pid = masterPid(h.masterDir)!;
    expect(pid).toBeGreaterThan(0);
    process.kill(pid, 'SIGSTOP');
    let r;
    try {
      r = await deploy(bb, fleet, h, ['--timeout', '2']);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    expect(r.code).toBe(1);
    expect(r.err).toContain('has not said "configuration update complete" after 2 s');
    // The master goes on and applies it.
    await waitFor('the reconfig to complete', async () => h.masterLog().slice(at).includes('configuration update complete'));
    expect(await activeBuilders(h)).toEqual(fleet.builders());
  }, 60_000);

  it('a database URL change: a clean shutdown lets the running build finish, then the master starts again', async () => {
    const gate = join(root, 'gate-restart');
    gatedTests(repo, gate);
    const builds = await startBuilds(h, [DEBIAN]);
    // The same database under another URL: Buildbot refuses any new db_url in a reconfig.
    const settings = JSON.parse(readFileSync(h.settingsPath, 'utf8'));
    writeFileSync(h.settingsPath, JSON.stringify({ ...settings, db_url: 'sqlite:///./state.sqlite' }));
    let stopping = false;
    const restarting = deploy(bb, fleet, h, [], (out) => (stopping ||= out.includes('down cleanly')));
    // The master waits for the build: still running, the master still up, a while after the signal.
    await waitFor('the clean shutdown to begin', async () => stopping, 120_000);
    await sleep(5_000);
    expect((await runningBuilds(h)).map((b) => b.builder)).toContain(DEBIAN);
    openGate(gate);
    const r = await restarting;
    log.push(`--- database change\n${r.out}${r.err}`);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toMatch(/the database changes \(sqlite:\/+state\.sqlite -> sqlite:\/+\.\/state\.sqlite\), which a reconfig cannot apply: shutting the master .* down cleanly/);
    expect(r.out).toContain('BuildMaster is running');
    // The build ran to its end before the master stopped (its history is in the same database).
    expect(await buildResult(h, builds.get(DEBIAN)!)).toBe(Results.SUCCESS);
    expect(await activeBuilders(h)).toEqual(fleet.builders());
  }, 240_000);

  it('left no traceback in twistd.log', () => {
    expect(tracebacks(readFileSync(join(h.masterDir, 'twistd.log'), 'utf8')), log.join('\n')).toEqual([]);
  });
});
