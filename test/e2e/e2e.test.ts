// End-to-end: the generated out/master.cfg loaded by a real Buildbot master,
// real workers building a fixture repository that imitates CPython, builds
// triggered the way production triggers them. One master for the whole file.
//
// The builders, steps and flags expected here come from the fleet's facts
// (/work/shared/fleet-2017.md), not from the generator.
import { writeFileSync, chmodSync, readdirSync, readFileSync, mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Results, sleep, type FinishedBuild } from "./api.js";
import { FixtureRepo } from "./fixture.js";
import { Harness, makeTempRoot } from "./harness.js";

const MASTER_CFG = resolve(process.env.E2E_MASTER_CFG ?? "out/master.cfg");
const BUILD_TIMEOUT = 90_000;

// Workers under test (names from workers.yaml) and what the fleet says they build.
const DEBUG = { worker: "koobs-freebsd9", builder: "AMD64 FreeBSD 9.x", configure: ["--with-pydebug"], j: 4, testFlags: [] };
const SHARED = { worker: "bolen-ubuntu", builder: "x86 Ubuntu Shared", configure: ["--enable-shared", "--with-pydebug"], j: undefined, testFlags: [] };
const NONDEBUG = { worker: "ware-gentoo-x86", builder: "x86 Gentoo Non-Debug with X", configure: [], j: undefined, testFlags: ["-u-audio"] };
const UNIX = [DEBUG, SHARED, NONDEBUG];
const INSTALLED = "x86 Gentoo Installed with X";
const REFLEAK = "x86 Gentoo Refleaks";
const DOCS = "Docs";
// A real fleet worker whose worker process presents the wrong password.
const INTRUDER = "edelsohn-fedora-ppc64";

/** Code builders of the workers under test on a branch (refleaks only where they run on push). */
const codeBuilders = (branch: string) => [...UNIX.map((v) => `${v.builder} ${branch}`), `${INSTALLED} ${branch}`];

let root: string;
let repo: FixtureRepo;
let harness: Harness;

beforeAll(async () => {
  root = makeTempRoot();
  repo = FixtureRepo.create(join(root, "cpython"), { master: "3.7", "buildbot-custom": "3.7" });
  // The DMG builder's interpreter: a wrapper that marks the runs it started.
  mkdirSync(join(root, "tools"));
  const dmgPython = join(root, "tools", "dmg-python");
  writeFileSync(dmgPython, '#!/bin/sh\nFIXTURE_INTERPRETER=dmg-python-wrapper exec /usr/bin/python3 "$@"\n');
  chmodSync(dmgPython, 0o755);
  harness = await Harness.start({
    masterCfg: MASTER_CFG,
    root,
    gitUrl: repo.dir,
    dmgPython,
    workers: [
      ...[...new Set(UNIX.map((v) => v.worker))].map((name) => ({ name })),
      { name: "ware-docs" },
      { name: "bolen-dmg" },
      { name: INTRUDER, password: "not-the-password" },
    ],
  });
}, 120_000);

afterAll(async () => {
  await harness?.stop();
  // The harness removes root on stop; this covers a failure before it started.
  if (root && !process.env.E2E_KEEP) rmSync(root, { recursive: true, force: true });
}, 60_000);

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

function stepNames(build: FinishedBuild): string[] {
  return build.steps.map((s) => s.name);
}

function stepResult(build: FinishedBuild, name: string): number | null {
  const step = build.steps.find((s) => s.name === name);
  if (!step) throw new Error(`${build.builder}: no step '${name}' (steps: ${stepNames(build).join(", ")})`);
  return step.results;
}

function describeBuild(build: FinishedBuild): string {
  return `${build.builder}: results ${build.results}; steps ${build.steps.map((s) => `${s.name}=${s.results}`).join(", ")}`;
}

/** Pushes `commit` with sendchange and waits for `expected` builders to finish it. */
async function push(commit: ReturnType<FixtureRepo["commit"]>, expected: string[]) {
  await harness.sendchange(commit);
  return harness.api.waitForBuilds(commit.sha, expected, BUILD_TIMEOUT);
}

describe("generated master.cfg on a real Buildbot", () => {
  it("a push to master builds debug, non-debug, shared and installed variants to SUCCESS with their flags", async () => {
    const commit = repo.commit("master", { "Python/ceval.c": "/* a code change */\n" });
    const builds = await push(commit, [...codeBuilders("3.x"), `${DOCS} 3.x`]);

    for (const variant of UNIX) {
      const build = builds.get(`${variant.builder} 3.x`)!;
      expect(build.results, describeBuild(build)).toBe(Results.SUCCESS);
      expect(stepNames(build)).toEqual(expect.arrayContaining(["git", "configure", "compile", "test", "clean"]));
      expect((await records(build, "configure", "configure arg: ")).sort(), `${build.builder} configure`).toEqual(variant.configure);
      // make's own -j reaches the recipe through MAKEFLAGS.
      const makeflags = await record(build, "compile", "make all MAKEFLAGS=");
      const makeJobs = makeflags.split(/\s+/).filter((flag) => /^-j\d*$/.test(flag));
      expect(makeJobs, `${build.builder} make -j`).toEqual(variant.j ? [`-j${variant.j}`] : []);
      const testopts = await record(build, "test", "buildbottest TESTOPTS=");
      const jobs = ["-j2", ...(variant.j ? [`-j${variant.j}`] : [])];
      expect(testopts.trim().split(/\s+/), `${build.builder} TESTOPTS`).toEqual([...variant.testFlags, ...jobs]);
      // Step timeout 20 min of silence; faulthandler 5 min less.
      expect(await record(build, "test", "buildbottest TESTTIMEOUT="), `${build.builder} TESTTIMEOUT`).toBe("900");
      expect(await records(build, "test", "buildbottest TESTPYTHONOPTS="), `${build.builder} TESTPYTHONOPTS`).toHaveLength(1);
      // The variables reached the test runner, not only make.
      const args = await records(build, "test", "python arg: ");
      expect(args).toEqual(expect.arrayContaining(["-m", "test.regrtest", "--timeout=900", ...variant.testFlags, ...jobs]));
    }

    const installed = builds.get(`${INSTALLED} 3.x`)!;
    expect(installed.results, describeBuild(installed)).toBe(Results.SUCCESS);
    expect(stepNames(installed)).toEqual(
      expect.arrayContaining(["git", "configure", "compile", "install", "lock-target", "test", "unlock-target", "clean"]),
    );
    // configure gets the literal '$(PWD)/target'; make expands it to the build directory.
    expect(await record(installed, "configure", "configure prefix: ")).toBe("$(PWD)/target");
    const prefix = await record(installed, "install", "install prefix=");
    expect(prefix).toMatch(/^\/.*\/build\/target$/);
    // The tests ran with the installed python3.7, from its installed library.
    expect(await record(installed, "test", "regrtest lib: ")).toBe(`${prefix}/bin/../lib/python3.7`);
    expect(await records(installed, "test", "python arg: ")).toEqual(
      ["-Wdefault", "-bb", "-E", "-m", "test.regrtest", "-rwW", "-uall", "-j2"],
    );
    expect(stepResult(installed, "unlock-target")).toBe(Results.SUCCESS);

    // Refleak builders run nightly on master, never on push.
    expect(await harness.api.buildersRequestedFor(commit.sha)).not.toContain(`${REFLEAK} 3.x`);
  }, 150_000);

  it("a push touching only Doc/ and Misc/ starts the Docs builder and no code builder", async () => {
    const commit = repo.commit("master", {
      "Doc/whatsnew/3.7.rst": "What's new\n",
      "Misc/NEWS.d/next/Library/e2e.rst": "A news entry\n",
    });
    const builds = await push(commit, [`${DOCS} 3.x`]);
    const docs = builds.get(`${DOCS} 3.x`)!;
    expect(docs.results, describeBuild(docs)).toBe(Results.SUCCESS);
    expect(stepNames(docs)).toEqual(expect.arrayContaining(["git", "docs-check", "docs-suspicious", "docs-html", "docs-clean"]));
    expect(await record(docs, "docs-check", "docs check PYTHON=")).toBe("python3");
    expect(await records(docs, "docs-suspicious", "docs suspicious")).toHaveLength(1);
    expect(await records(docs, "docs-html", "docs html")).toHaveLength(1);
    // All schedulers saw the change together; give a late one a moment anyway.
    await sleep(2_000);
    expect(await harness.api.buildersRequestedFor(commit.sha)).toEqual([`${DOCS} 3.x`]);
  }, 120_000);

  it("a push to buildbot-custom runs the refleak builder with -R 3:3:refleaks.log -u-cpu", async () => {
    const commit = repo.commit("buildbot-custom", { "Objects/listobject.c": "/* try a patch */\n" });
    const refleak = `${REFLEAK} custom`;
    const builds = await push(commit, [...codeBuilders("custom"), refleak]);
    const build = builds.get(refleak)!;
    expect(build.results, describeBuild(build)).toBe(Results.SUCCESS);
    const testopts = await record(build, "test", "buildbottest TESTOPTS=");
    expect(testopts.trim().split(/\s+/)).toEqual(["-R", "3:3:refleaks.log", "-u-cpu", "-j2"]);
    // Timeout x10: 200 min of silence, faulthandler 5 min less.
    expect(await record(build, "test", "buildbottest TESTTIMEOUT=")).toBe(String(200 * 60 - 5 * 60));
    for (const name of codeBuilders("custom")) {
      expect(builds.get(name)!.results, describeBuild(builds.get(name)!)).toBe(Results.SUCCESS);
    }
  }, 150_000);

  it("tests printing 'Warning -- ' end in WARNINGS", async () => {
    const builds = await push(repo.commitOutcome("master", "warn"), codeBuilders("3.x"));
    for (const build of builds.values()) {
      expect(build.results, describeBuild(build)).toBe(Results.WARNINGS);
      expect(stepResult(build, "test"), describeBuild(build)).toBe(Results.WARNINGS);
    }
  }, 120_000);

  it("failing tests end in FAILURE and the clean steps still run", async () => {
    const builds = await push(repo.commitOutcome("master", "fail"), codeBuilders("3.x"));
    for (const build of builds.values()) {
      expect(build.results, describeBuild(build)).toBe(Results.FAILURE);
      expect(stepResult(build, "test"), describeBuild(build)).toBe(Results.FAILURE);
      expect(stepResult(build, "clean"), describeBuild(build)).toBe(Results.SUCCESS);
    }
    expect(stepResult(builds.get(`${INSTALLED} 3.x`)!, "unlock-target")).toBe(Results.SUCCESS);
  }, 120_000);

  it("a build that stops at compile still cleans up (alwaysRun)", async () => {
    // On buildbot-custom, so master's tree stays buildable for what follows.
    const builds = await push(repo.commitBrokenBuild("buildbot-custom"), codeBuilders("custom"));
    for (const build of builds.values()) {
      expect(build.results, describeBuild(build)).toBe(Results.FAILURE);
      expect(stepResult(build, "compile"), describeBuild(build)).toBe(Results.FAILURE);
      // compile halts the build: no tests, but distclean (and unlock-target) run anyway.
      expect(stepNames(build), describeBuild(build)).not.toContain("test");
      expect(stepResult(build, "clean"), describeBuild(build)).toBe(Results.SUCCESS);
    }
    expect(stepResult(builds.get(`${INSTALLED} custom`)!, "unlock-target")).toBe(Results.SUCCESS);
  }, 120_000);

  it("the DMG builder, forced by hand, builds the installer with dmg_python and uploads the image", async () => {
    const builder = "bolen-dmg-3.x";
    const { bsid } = await harness.force([builder], "master");
    const builds = await harness.api.waitForBuildsets(
      async () => (await harness.api.get(`buildsets/${bsid}`)).buildsets,
      [builder],
      BUILD_TIMEOUT,
      `forced build of ${builder}`,
    );
    const build = builds.get(builder)!;
    expect(build.results, describeBuild(build)).toBe(Results.SUCCESS);
    expect(stepNames(build)).toEqual(expect.arrayContaining(["git", "build-installer", "upload"]));
    expect(await records(build, "build-installer", "build-installer wrote ")).toHaveLength(1);

    const uploaded = readdirSync(harness.uploadDir);
    expect(uploaded).toEqual(["python-3.7-macosx10.6.dmg"]);
    const image = JSON.parse(readFileSync(join(harness.uploadDir, uploaded[0]), "utf8"));
    expect(image.interpreter).toBe("dmg-python-wrapper");
    expect(image.argv.slice(1)).toEqual(["--build-dir", "../../dmg"]);
    expect(image.cwd).toMatch(/\/build\/Mac\/BuildScript$/);
  }, 120_000);

  it("refuses a worker with a wrong password and keeps serving the others", async () => {
    const deadline = Date.now() + 30_000;
    while (!harness.workerLog(INTRUDER).includes("unauthorized login") && Date.now() < deadline) await sleep(500);
    expect(harness.workerLog(INTRUDER)).toContain("unauthorized login; check worker name and password");

    const connected = await harness.connectedWorkers();
    expect(connected).not.toContain(INTRUDER);
    expect(connected).toEqual(expect.arrayContaining(["koobs-freebsd9", "bolen-ubuntu", "ware-gentoo-x86", "ware-docs", "bolen-dmg"]));

    // The master still builds for the others.
    const { bsid } = await harness.force([`${DOCS} 3.x`], "master");
    const builds = await harness.api.waitForBuildsets(
      async () => (await harness.api.get(`buildsets/${bsid}`)).buildsets,
      [`${DOCS} 3.x`],
      BUILD_TIMEOUT,
      "forced Docs build",
    );
    expect(builds.get(`${DOCS} 3.x`)!.results).toBe(Results.SUCCESS);
  }, 120_000);
});
