// End-to-end: the generated out/master.cfg loaded by a real Buildbot master,
// real workers building a fixture repository that imitates CPython, builds
// triggered the way production triggers them. One master for the whole file.
//
// The builders, steps and flags expected here come from the fleet's facts
// (/work/shared/fleet-2017.md), not from the generator.
import { writeFileSync, chmodSync, readdirSync, readFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Results, sleep, type FinishedBuild } from './api.js';
import { FixtureRepo, type Commit } from './fixture.js';
import { Harness, makeTempRoot } from './harness.js';
import { BUILDBOTS, ownSteps } from '../buildbots.js';
import { BUILDERS } from '../pipeline/fleet-2017.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// The committed, generated file; E2E_MASTER_CFG points the suite at another one.
const MASTER_CFG = resolve(process.env.E2E_MASTER_CFG ?? join(REPO, 'out/master.cfg'));
const BUILD_TIMEOUT = 90_000;

/** A builder's display name, from the fleet document's facts (test/pipeline/fleet-2017.ts). */
function fleetBuilder(worker: string, kind: (typeof BUILDERS)[number]['kind']): string {
  const found = BUILDERS.find((b) => b.worker === worker && b.kind === kind);
  if (!found) throw new Error(`the fleet has no ${kind} builder on ${worker}`);
  return found.name;
}

// Workers under test (names as in workers.yaml) and what the fleet says their builds run:
// configure flags by variant, -jN of the worker, extra test flags of the builder.
const DEBUG = { builder: fleetBuilder('koobs-freebsd9', 'debug'), configure: ['--with-pydebug'], j: 4, testFlags: [] };
const SHARED = { builder: fleetBuilder('bolen-ubuntu', 'shared'), configure: ['--enable-shared', '--with-pydebug'], j: undefined, testFlags: [] };
const NONDEBUG = { builder: fleetBuilder('ware-gentoo-x86', 'nondebug'), configure: [], j: undefined, testFlags: ['-u-audio'] };
const UNIX = [DEBUG, SHARED, NONDEBUG];
const INSTALLED = fleetBuilder('ware-gentoo-x86', 'installed');
const REFLEAK = fleetBuilder('ware-gentoo-x86', 'refleaks');
const DOCS = fleetBuilder('ware-docs', 'docs');
const WORKERS = ['koobs-freebsd9', 'bolen-ubuntu', 'ware-gentoo-x86', 'ware-docs', 'bolen-dmg'];
// A real fleet worker whose worker process presents the wrong password.
const INTRUDER = 'edelsohn-fedora-ppc64';

/** Code builders of the workers under test on a branch (refleaks only where they run on push). */
const codeBuilders = (branch: string) => [...UNIX.map((v) => `${v.builder} ${branch}`), `${INSTALLED} ${branch}`];

let root: string;
let repo: FixtureRepo;
let harness: Harness;

/** `fixture: <key>...` lines that the fixture printed into a step's log. */
async function records(build: FinishedBuild, step: string, key: string): Promise<string[]> {
  const log = await harness.api.stepLog(build, step);
  const prefix = `fixture: ${key}`;
  return log
    .split(/\r?\n/)
    .filter((line) => line.startsWith(prefix))
    .map((line) => line.slice(prefix.length));
}

async function record(build: FinishedBuild, step: string, key: string): Promise<string> {
  const values = await records(build, step, key);
  expect(values, `${build.builder} ${step}: one '${key}' record`).toHaveLength(1);
  return values[0];
}

/** The build's steps in order, without the worker_preparation step Buildbot adds. */
function stepNames(build: FinishedBuild): string[] {
  return ownSteps(harness.bb, build.steps.map((s) => s.name));
}

function stepResult(build: FinishedBuild, name: string): number | null {
  const step = build.steps.find((s) => s.name === name);
  if (!step) throw new Error(`${build.builder}: no step '${name}' (steps: ${stepNames(build).join(', ')})`);
  return step.results;
}

function describeBuild(build: FinishedBuild): string {
  return `${build.builder}: results ${build.results}; steps ${build.steps.map((s) => `${s.name}=${s.results}`).join(', ')}`;
}

/**
 * Pushes `commit` with sendchange, waits for `expected` builders to finish it
 * and checks that each built that very commit.
 */
async function push(commit: Commit, expected: string[]) {
  await harness.sendchange(commit);
  const builds = await harness.api.waitForBuilds(commit.sha, expected, BUILD_TIMEOUT);
  for (const build of builds.values()) expect(build.gotRevision, `${build.builder} checked out`).toBe(commit.sha);
  return builds;
}

describe.each(BUILDBOTS)('on Buildbot $id', (bb) => {
  beforeAll(async () => {
    root = makeTempRoot();
    repo = FixtureRepo.create(join(root, 'cpython'), { master: '3.7', 'buildbot-custom': '3.7', '2.7': '2.7' });
    // The DMG builder's interpreter: a wrapper that marks the runs it started.
    mkdirSync(join(root, 'tools'));
    const dmgPython = join(root, 'tools', 'dmg-python');
    writeFileSync(dmgPython, '#!/bin/sh\nFIXTURE_INTERPRETER=dmg-python-wrapper exec /usr/bin/python3 "$@"\n');
    chmodSync(dmgPython, 0o755);
    harness = await Harness.start({
      buildbot: bb,
      masterCfg: MASTER_CFG,
      root,
      gitUrl: repo.dir,
      dmgPython,
      workers: [...WORKERS.map((name) => ({ name })), { name: INTRUDER, password: 'not-the-password' }],
    });
  }, 120_000);

  afterAll(async () => {
    // Everything stopped with its master or worker: nothing had to be killed.
    if (harness) expect(await harness.stop(), 'processes left behind').toEqual([]);
    // The harness removes root on stop; this covers a failure before it started.
    if (root && !process.env.E2E_KEEP) rmSync(root, { recursive: true, force: true });
  }, 60_000);

  describe('generated master.cfg on a real Buildbot', () => {
    it('a push to master builds debug, non-debug, shared and installed variants to SUCCESS with their flags', async () => {
      const commit = repo.commit('master', { 'Python/ceval.c': '/* a code change */\n' });
      const builds = await push(commit, [...codeBuilders('3.x'), `${DOCS} 3.x`]);

      for (const variant of UNIX) {
        const build = builds.get(`${variant.builder} 3.x`)!;
        expect(build.results, describeBuild(build)).toBe(Results.SUCCESS);
        expect(stepNames(build)).toEqual(['git', 'configure', 'compile', 'test', 'clean']);
        expect((await records(build, 'configure', 'configure arg: ')).sort(), `${build.builder} configure`).toEqual(variant.configure);
        // make's own -j reaches the recipe through MAKEFLAGS.
        const makeflags = await record(build, 'compile', 'make all MAKEFLAGS=');
        const makeJobs = makeflags.split(/\s+/).filter((flag) => /^-j\d*$/.test(flag));
        expect(makeJobs, `${build.builder} make -j`).toEqual(variant.j ? [`-j${variant.j}`] : []);
        const testopts = await record(build, 'test', 'buildbottest TESTOPTS=');
        const jobs = ['-j2', ...(variant.j ? [`-j${variant.j}`] : [])];
        expect(testopts.trim().split(/\s+/), `${build.builder} TESTOPTS`).toEqual([...variant.testFlags, ...jobs]);
        // Step timeout 20 min of silence; faulthandler 5 min less.
        expect(await record(build, 'test', 'buildbottest TESTTIMEOUT='), `${build.builder} TESTTIMEOUT`).toBe('900');
        expect(await records(build, 'test', 'buildbottest TESTPYTHONOPTS='), `${build.builder} TESTPYTHONOPTS`).toHaveLength(1);
        // The variables reached the test runner, not only make.
        const args = await records(build, 'test', 'python arg: ');
        expect(args).toEqual(expect.arrayContaining(['-m', 'test.regrtest', '--timeout=900', ...variant.testFlags, ...jobs]));
      }

      const installed = builds.get(`${INSTALLED} 3.x`)!;
      expect(installed.results, describeBuild(installed)).toBe(Results.SUCCESS);
      expect(stepNames(installed)).toEqual(['git', 'configure', 'compile', 'install', 'lock-target', 'test', 'unlock-target', 'clean']);
      // configure gets the literal '$(PWD)/target'; make expands it to the build directory.
      expect(await record(installed, 'configure', 'configure prefix: ')).toBe('$(PWD)/target');
      const prefix = await record(installed, 'install', 'install prefix=');
      expect(prefix).toMatch(/^\/.*\/build\/target$/);
      // The tests ran with the installed python3.7, from its installed library.
      expect(await record(installed, 'test', 'regrtest lib: ')).toBe(`${prefix}/bin/../lib/python3.7`);
      expect(await records(installed, 'test', 'python arg: ')).toEqual(
        ['-Wdefault', '-bb', '-E', '-m', 'test.regrtest', '-rwW', '-uall', '-j2'],
      );
      expect(stepResult(installed, 'unlock-target')).toBe(Results.SUCCESS);

      // Refleak builders run nightly on master, never on push; DMGs nightly or by hand.
      const requested = await harness.api.buildersRequestedFor(commit.sha);
      expect(requested).not.toContain(`${REFLEAK} 3.x`);
      expect(requested).not.toContain('bolen-dmg-3.x');
    }, 150_000);

    it('a push touching only Doc/ and Misc/ starts the Docs builder and no code builder', async () => {
      const commit = repo.commit('master', {
        'Doc/whatsnew/3.7.rst': "What's new\n",
        'Misc/NEWS.d/next/Library/e2e.rst': 'A news entry\n',
      });
      const builds = await push(commit, [`${DOCS} 3.x`]);
      const docs = builds.get(`${DOCS} 3.x`)!;
      expect(docs.results, describeBuild(docs)).toBe(Results.SUCCESS);
      expect(stepNames(docs)).toEqual(['git', 'docs-check', 'docs-suspicious', 'docs-html', 'docs-clean']);
      expect(await record(docs, 'docs-check', 'docs check PYTHON=')).toBe('python3');
      expect(await records(docs, 'docs-suspicious', 'docs suspicious')).toHaveLength(1);
      expect(await records(docs, 'docs-html', 'docs html')).toHaveLength(1);
      // All schedulers saw the change together; give a late one a moment anyway.
      await sleep(2_000);
      expect(await harness.api.buildersRequestedFor(commit.sha)).toEqual([`${DOCS} 3.x`]);
    }, 120_000);

    it('on 2.7, a Doc/-only push runs the Docs builder without PYTHON=python3', async () => {
      const commit = repo.commit('2.7', { 'Doc/library/os.rst': 'os\n' });
      const builds = await push(commit, [`${DOCS} 2.7`]);
      const docs = builds.get(`${DOCS} 2.7`)!;
      expect(docs.results, describeBuild(docs)).toBe(Results.SUCCESS);
      // The Doc/Makefile's own default, not the python3 that 3.x passes.
      expect(await record(docs, 'docs-check', 'docs check PYTHON=')).toBe('python');
      await sleep(2_000);
      expect(await harness.api.buildersRequestedFor(commit.sha)).toEqual([`${DOCS} 2.7`]);
    }, 120_000);

    it('a documentation warning turns the Docs build orange (WARNINGS)', async () => {
      const commit = repo.commit('master', { 'Doc/fixture_warn': '\n' });
      const docs = (await push(commit, [`${DOCS} 3.x`])).get(`${DOCS} 3.x`)!;
      expect(docs.results, describeBuild(docs)).toBe(Results.WARNINGS);
      expect(stepResult(docs, 'docs-html'), describeBuild(docs)).toBe(Results.WARNINGS);
      // Not pushed: the next build of master simply has clean docs again.
      repo.commit('master', { 'Doc/fixture_warn': null });
    }, 120_000);

    it('a push to buildbot-custom runs the refleak builder with -R 3:3:refleaks.log -u-cpu', async () => {
      const commit = repo.commit('buildbot-custom', { 'Objects/listobject.c': '/* try a patch */\n' });
      const refleak = `${REFLEAK} custom`;
      const builds = await push(commit, [...codeBuilders('custom'), refleak]);
      const build = builds.get(refleak)!;
      expect(build.results, describeBuild(build)).toBe(Results.SUCCESS);
      const testopts = await record(build, 'test', 'buildbottest TESTOPTS=');
      expect(testopts.trim().split(/\s+/)).toEqual(['-R', '3:3:refleaks.log', '-u-cpu', '-j2']);
      // Timeout x10: 200 min of silence, faulthandler 5 min less.
      expect(await record(build, 'test', 'buildbottest TESTTIMEOUT=')).toBe(String(200 * 60 - 5 * 60));
      for (const name of codeBuilders('custom')) {
        expect(builds.get(name)!.results, describeBuild(builds.get(name)!)).toBe(Results.SUCCESS);
      }
    }, 150_000);

    it("tests printing 'Warning -- ' end in WARNINGS", async () => {
      const builds = await push(repo.commitOutcome('master', 'warn'), codeBuilders('3.x'));
      for (const build of builds.values()) {
        expect(build.results, describeBuild(build)).toBe(Results.WARNINGS);
        expect(stepResult(build, 'test'), describeBuild(build)).toBe(Results.WARNINGS);
      }
    }, 120_000);

    it('failing tests end in FAILURE and the clean steps still run', async () => {
      const builds = await push(repo.commitOutcome('master', 'fail'), codeBuilders('3.x'));
      for (const build of builds.values()) {
        expect(build.results, describeBuild(build)).toBe(Results.FAILURE);
        expect(stepResult(build, 'test'), describeBuild(build)).toBe(Results.FAILURE);
        expect(stepResult(build, 'clean'), describeBuild(build)).toBe(Results.SUCCESS);
      }
      const installed = builds.get(`${INSTALLED} 3.x`)!;
      expect(stepResult(installed, 'unlock-target'), describeBuild(installed)).toBe(Results.SUCCESS);
    }, 120_000);

    it('a build that stops at compile still cleans up (alwaysRun)', async () => {
      // On buildbot-custom, so master's tree stays buildable for what follows.
      const builds = await push(repo.commitBrokenBuild('buildbot-custom'), codeBuilders('custom'));
      for (const build of builds.values()) {
        expect(build.results, describeBuild(build)).toBe(Results.FAILURE);
        expect(stepResult(build, 'compile'), describeBuild(build)).toBe(Results.FAILURE);
        // compile halts the build: no tests, but distclean (and unlock-target) run anyway.
        expect(stepNames(build), describeBuild(build)).not.toContain('test');
        expect(stepResult(build, 'clean'), describeBuild(build)).toBe(Results.SUCCESS);
      }
      // unlock-target ran too (it may fail: there is no target/ to unlock).
      const installed = builds.get(`${INSTALLED} custom`)!;
      expect(installed.steps.find((s) => s.name === 'unlock-target')?.complete, describeBuild(installed)).toBe(true);
    }, 120_000);

    it('the DMG builder, forced by hand, builds the installer with dmg_python and uploads the image', async () => {
      const builder = 'bolen-dmg-3.x';
      const { bsid } = await harness.force([builder], 'master');
      const builds = await harness.api.waitForBuildset(bsid, [builder], BUILD_TIMEOUT);
      const build = builds.get(builder)!;
      expect(build.results, describeBuild(build)).toBe(Results.SUCCESS);
      expect(stepNames(build)).toEqual(['git', 'build-installer', 'upload']);
      expect(await records(build, 'build-installer', 'build-installer wrote ')).toHaveLength(1);

      const uploaded = readdirSync(harness.uploadDir);
      expect(uploaded).toEqual(['python-3.7-macosx10.6.dmg']);
      const image = JSON.parse(readFileSync(join(harness.uploadDir, uploaded[0]), 'utf8'));
      expect(image.interpreter).toBe('dmg-python-wrapper');
      expect(image.argv.slice(1)).toEqual(['--build-dir', '../../dmg']);
      expect(image.cwd).toMatch(/\/build\/Mac\/BuildScript$/);
    }, 120_000);

    it('refuses a worker with a wrong password and keeps serving the others', async () => {
      const deadline = Date.now() + 30_000;
      while (!harness.workerLog(INTRUDER).includes('unauthorized login') && Date.now() < deadline) await sleep(500);
      expect(harness.workerLog(INTRUDER)).toContain('unauthorized login; check worker name and password');

      const connected = await harness.connectedWorkers();
      expect(connected).not.toContain(INTRUDER);
      expect(connected).toEqual(expect.arrayContaining(WORKERS));

      // The master still builds for the others.
      const { bsid } = await harness.force([`${DOCS} 3.x`], 'master');
      const builds = await harness.api.waitForBuildset(bsid, [`${DOCS} 3.x`], BUILD_TIMEOUT);
      expect(builds.get(`${DOCS} 3.x`)!.results).toBe(Results.SUCCESS);
    }, 120_000);
  });
});
