// End-to-end, 2026 fleet: the master.cfg with pull-request testing loaded by a
// real Buildbot master, real workers building the fixture repository, changes
// arriving the way production gets them: GitHub webhook deliveries (signed
// push, pull_request and issue_comment events) to the master's change hook,
// with a stub of GitHub's REST API on loopback (settings `github_api_url`).
//
// The builders expected here come from the fleet document
// (/work/shared/fleet-2026.md §4.2, §5.1, §5.3), not from the generator.
// The config is the one generated from the frozen snapshot of the fleet
// (test/fixtures/cpython-2026-af48ad7), whose counts the document gives, not the live
// fleets/cpython-2026 (E2E_2026_MASTER_CFG names another). Without a config, the suite
// runs on a small hand-written stand-in (fleet-2026/standin-master.cfg.hbs) that includes
// templates/pr-testing.hbs exactly as the generated file does.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Results, sleep, type FinishedBuild } from './api.js';
import { FixtureRepo, type Commit } from './fixture.js';
import { commented, deliver, GitHubStub, labeled, pullRequestObject, pushed, REPO, type Signing } from './github.js';
import { Harness, makeTempRoot } from './harness.js';
import { BUILDBOTS, ownSteps } from '../buildbots.js';
import { snapshotConfig } from '../fleet-2026/snapshot.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = resolve(HERE, '../..');
const GENERATED = resolve(process.env.E2E_2026_MASTER_CFG ?? snapshotConfig());
const BUILD_TIMEOUT = 120_000;

const SECRET = 'e2e-hook-secret';
const SIGNED: Signing = { secret: SECRET };
const LABEL = ':hammer: test-with-buildbots';
const REFLEAK_LABEL = ':hammer: test-with-refleak-buildbots';
// Scheduler timers x 0.002: 30 s -> 60 ms, the refleak schedulers' hour -> 7.2 s.
const TIMER_SCALE = 0.002;
const REFLEAK_WAIT = 3600 * TIMER_SCALE * 1000 + 4_000;

// Fleet facts (fleet-2026.md §4.2): the workers under test and their builders.
// Both workers run a stable tier-1 definition; the others stay disconnected, so
// their builds stay queued and only their build requests are checked.
const DEBIAN = 'AMD64 Debian root'; // angelico-debian-amd64, UnixBuild, tier-1, stable
const SHARED = 'AMD64 Ubuntu Shared'; // bolen-ubuntu, SharedUnixBuild, tier-1, stable
const FEDORA_REFLEAKS = 'AMD64 Fedora Stable Refleaks'; // UnixRefleakBuild, tier-1, stable
const UBUNTU = 'AMD64 Ubuntu'; // skumaran-ubuntu-x86_64, UnixBuild, tier-1, unstable
const WORKERS = ['angelico-debian-amd64', 'bolen-ubuntu'];

/** What each scheduler must request, for the config under test. */
interface Expectations {
  /** '3.x' requests on a push to main: these builders (all of them, or at least these when `counts`). */
  push: string[];
  refleak: string[];
  label: string[];
  refleakLabel: string[];
  /** Exact sizes (the whole fleet: §5.1, §1.5), or null when the lists name every member. */
  counts: { push: number; refleak: number; label: number } | null;
}

const STANDIN: Expectations = {
  push: [`${DEBIAN} 3.x`, `${SHARED} 3.x`, `${UBUNTU} 3.x`],
  refleak: [`${FEDORA_REFLEAKS} 3.x`],
  // Labels: stable PR builders only (not the unstable AMD64 Ubuntu PR).
  label: [`${DEBIAN} PR`, `${FEDORA_REFLEAKS} PR`, `${SHARED} PR`],
  refleakLabel: [`${FEDORA_REFLEAKS} PR`],
  counts: null,
};

// The stable PR builders whose name contains "refleaks" in any case (§4.2: stable
// definitions with a PR builder; the refleak label's filter is `.*Refleaks.*`).
const STABLE_REFLEAKS = [
  'AMD64 Windows Server 2025 Refleaks',
  'AMD64 Fedora Stable Refleaks',
  'AMD64 CentOS9 Refleaks',
  'AMD64 CentOS9 NoGIL Refleaks',
  'PPC64LE Fedora Stable Refleaks',
  'PPC64LE CentOS9 Refleaks',
  'aarch64 Fedora Stable Refleaks',
  'aarch64 CentOS9 Refleaks',
  'ARM64 MacOS M1 Refleaks NoGIL',
  's390x Fedora Stable Refleaks',
  's390x RHEL9 Refleaks',
  'AMD64 FreeBSD Refleaks',
];

/** The whole fleet (fleet-2026.md §5.1, §1.5): counts, and the members this suite can name. */
const FLEET_2026: Expectations = {
  push: STANDIN.push,
  refleak: STANDIN.refleak,
  label: STANDIN.label,
  refleakLabel: STABLE_REFLEAKS.map((name) => `${name} PR`),
  // '3.x': the 118 non-refleak 3.x builders; '3.x-refleak': the 23 refleak ones;
  // the plain label: the 83 stable PR builders.
  counts: { push: 118, refleak: 23, label: 83 },
};

const usingGenerated = existsSync(GENERATED);
const EXPECT = usingGenerated ? FLEET_2026 : STANDIN;

let root: string;
let repo: FixtureRepo;
let github: GitHubStub;
let harness: Harness;
let webUrl: string;

/** The stand-in master.cfg, rendered as the generator renders: partials from templates/. */
function renderStandin(): string {
  const hbs = Handlebars.create();
  hbs.registerPartial('pr-testing', readFileSync(join(REPO_ROOT, 'templates/pr-testing.hbs'), 'utf8'));
  const source = readFileSync(join(HERE, 'fleet-2026/standin-master.cfg.hbs'), 'utf8');
  return hbs.compile(source, { noEscape: true, strict: true })({});
}

function stepNames(build: FinishedBuild): string[] {
  return ownSteps(harness.bb, build.steps.map((s) => s.name));
}

function describeBuild(build: FinishedBuild): string {
  return `${build.builder}: results ${build.results}; steps ${build.steps.map((s) => `${s.name}=${s.results}`).join(', ')}`;
}

/** Waits until `check` holds (polling), or fails with `what`. */
async function eventually<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await sleep(250);
  }
}

/** Expects the scheduler's requests for `revision` to be exactly `names` (or `count` of them including `names`). */
function expectRequests(requested: string[] | undefined, names: string[], count: number | undefined, what: string) {
  if (count === undefined) {
    expect(requested, what).toEqual([...names].sort());
  } else {
    expect(requested, what).toHaveLength(count);
    expect(requested, what).toEqual(expect.arrayContaining(names));
  }
}

async function push(commit: Commit, message?: string) {
  expectAccepted(await deliver(webUrl, pushed(commit, message), SIGNED), '1 change found');
}

/** The hook answered 2xx (Buildbot 3.7 says 200, the code means 202) with this text. */
function expectAccepted(response: { status: number; text: string }, text: string) {
  expect(response.status >= 200 && response.status < 300, `HTTP ${response.status}: ${response.text}`).toBe(true);
  expect(response.text).toBe(text);
}

describe.each(BUILDBOTS)('on Buildbot $id', (bb) => {
  beforeAll(async () => {
    root = makeTempRoot();
    repo = FixtureRepo.create(join(root, 'cpython'), { main: '3.16' });
    github = await GitHubStub.start();
    github.permissions.set('core-dev', 'write');
    github.permissions.set('admin-dev', 'admin');
    let masterCfg = GENERATED;
    if (!usingGenerated) {
      masterCfg = join(root, 'standin-master.cfg');
      writeFileSync(masterCfg, renderStandin());
    }
    harness = await Harness.start({
      buildbot: bb,
      masterCfg,
      root,
      gitUrl: repo.dir,
      workers: WORKERS.map((name) => ({ name })),
      settings: {
        github_change_hook_secret: SECRET,
        github_status_token: 'e2e-status-token',
        github_api_url: github.url,
        discord_webhook: `${github.url}/discord`,
        tree_stable_timer_scale: TIMER_SCALE,
        // In memory: on disk, registering 1,037 builders costs a minute of commits.
        db_url: 'sqlite://',
      },
      startTimeoutMs: 240_000,
    });
    webUrl = harness.api.baseUrl;
  }, 300_000);

  afterAll(async () => {
    if (harness) expect(await harness.stop(), 'processes left behind').toEqual([]);
    if (github) await github.stop();
    if (root && !process.env.E2E_KEEP) rmSync(root, { recursive: true, force: true });
  }, 60_000);

  describe(`2026 master.cfg (${usingGenerated ? GENERATED : 'hand-written stand-in'}) on a real Buildbot`, () => {
    it('refuses unsigned and wrongly signed deliveries (HMAC-SHA256 checked): no change, no build, no GitHub call', async () => {
      const pr = repo.pullRequest(90, 'main', { 'Lib/os.py': '# unsigned\n' });
      github.commits[pr.headSha] = 'A change';
      const delivery = labeled(pr, LABEL);
      // Not signed; signed with another secret; a right SHA-1 but a wrong SHA-256 signature.
      for (const signing of ['unsigned', { wrongSecret: 'not-the-secret' }, { secret: SECRET, wrongSha256: true }] as Signing[]) {
        const response = await deliver(webUrl, delivery, signing);
        expect(response.status, JSON.stringify(signing)).toBe(400);
      }
      const code = repo.commit('main', { 'Lib/os.py': '# unsigned push\n' });
      expect((await deliver(webUrl, pushed(code), 'unsigned')).status).toBe(400);
      expect((await deliver(webUrl, pushed(code), { wrongSecret: 'nope' })).status).toBe(400);
      await sleep(1_000);
      expect(await harness.api.changes()).toEqual([]);
      expect(await harness.api.buildsetsFor(pr.headSha)).toEqual([]);
      expect(await harness.api.buildsetsFor(code.sha)).toEqual([]);
      expect(github.calls).toEqual([]);
    });

    it('a push touching only Doc/ and Misc/ is recorded but starts nothing, not even after the refleak timer', async () => {
      const commit = repo.commit('main', {
        'Doc/library/os.rst': 'os\n',
        'Misc/NEWS.d/next/Library/e2e.rst': 'A news entry\n',
      });
      await push(commit);
      const changes = await harness.api.changes();
      expect(changes.map((c) => [c.revision, c.branch])).toEqual([[commit.sha, 'main']]);
      await sleep(REFLEAK_WAIT);
      expect(await harness.api.buildsetsFor(commit.sha)).toEqual([]);
    }, 60_000);

    it('a push to main builds the 3.x builders after the tree-stable timer, and refleak builders only through 3.x-refleak', async () => {
      const commit = repo.commit('main', { 'Python/ceval.c': '/* a code change */\n' });
      await push(commit);
      const builds = await harness.api.waitForBuilds(commit.sha, [`${DEBIAN} 3.x`, `${SHARED} 3.x`], BUILD_TIMEOUT);
      for (const build of builds.values()) {
        expect(build.results, describeBuild(build)).toBe(Results.SUCCESS);
        expect(build.gotRevision, `${build.builder} checked out`).toBe(commit.sha);
        expect(stepNames(build), describeBuild(build)).toEqual(expect.arrayContaining(['git', 'configure', 'compile', 'pythoninfo', 'test', 'clean']));
      }
      const debianTest = await harness.api.stepLog(builds.get(`${DEBIAN} 3.x`)!, 'test');
      expect(debianTest).toContain('fixture: buildbottest TESTOPTS=-j2 --junit-xml test-results.xml');
      const sharedConfigure = await harness.api.stepLog(builds.get(`${SHARED} 3.x`)!, 'configure');
      expect(sharedConfigure).toContain('fixture: configure arg: --enable-shared');

      // The refleak builders wait for their own, longer timer.
      const bySched = await eventually('the 3.x-refleak buildset', async () => {
        const m = await harness.api.requestsBySchedulerFor(commit.sha);
        return m.has('3.x-refleak') ? m : undefined;
      }, REFLEAK_WAIT + 10_000);
      expectRequests(bySched.get('3.x'), EXPECT.push, EXPECT.counts?.push, "scheduler '3.x'");
      expectRequests(bySched.get('3.x-refleak'), EXPECT.refleak, EXPECT.counts?.refleak, "scheduler '3.x-refleak'");
      expect([...bySched.keys()].sort()).toEqual(['3.x', '3.x-refleak']);
      for (const name of bySched.get('3.x')!) expect(name, 'no refleak builder on the 30 s timer').not.toMatch(/refleak/i);

      // Commit statuses for the stable builds went to GitHub (here: the stub).
      await eventually('commit statuses of the 3.x builds', async () => {
        const statuses = github.find('POST', `/repos/${REPO}/statuses/${commit.sha}`).map((c) => `${c.body.context}=${c.body.state}`);
        return [`buildbot/${DEBIAN} 3.x=pending`, `buildbot/${DEBIAN} 3.x=success`].every((s) => statuses.includes(s));
      });
    }, 180_000);

    it('a signed pull_request event with the testing label builds the stable PR builders, comments and removes the label', async () => {
      const pr = repo.pullRequest(101, 'main', { 'Lib/os.py': '# PR 101\n' });
      github.commits[pr.headSha] = 'gh-101: Change os';
      expectAccepted(await deliver(webUrl, labeled(pr, LABEL, 'alice'), SIGNED), '1 change found');

      // The change as §5.3 describes it.
      const change = (await harness.api.changes()).find((c) => c.revision === pr.headSha)!;
      expect(change.branch).toBe('refs/pull/101/merge');
      const props = Object.fromEntries(Object.entries(change.properties).map(([k, [v]]) => [k, v]));
      expect(props).toEqual({ should_test_pr: true, event: 'pull_request', basename: 'main', builderfilter: '.*' });

      const builds = await harness.api.waitForBuilds(pr.headSha, [`${DEBIAN} PR`, `${SHARED} PR`], BUILD_TIMEOUT);
      for (const build of builds.values()) {
        expect(build.results, describeBuild(build)).toBe(Results.SUCCESS);
        // The merge ref's tip, not the head commit.
        expect(build.gotRevision, `${build.builder} checked out refs/pull/101/merge`).toBe(pr.mergeSha);
      }
      const bySched = await harness.api.requestsBySchedulerFor(pr.headSha);
      expect([...bySched.keys()]).toEqual(['pull-request-scheduler']);
      expectRequests(bySched.get('pull-request-scheduler'), EXPECT.label, EXPECT.counts?.label, 'label -> stable PR builders');
      expect(bySched.get('pull-request-scheduler')).not.toContain(`${UBUNTU} PR`);

      // GitHub saw: the head commit read, one comment, the label removed.
      expect(github.find('GET', `/repos/${REPO}/commits/${pr.headSha}`)).toHaveLength(1);
      const comments = github.find('POST', `/repos/${REPO}/issues/101/comments`);
      expect(comments).toHaveLength(1);
      const comment = comments[0].body.body as string;
      for (const part of ['@alice', pr.headSha, '#/grid?branch=refs%2Fpull%2F101%2Fmerge', LABEL]) expect(comment).toContain(part);
      expect(github.find('DELETE', `/repos/${REPO}/issues/101/labels/${LABEL}`)).toHaveLength(1);
      await eventually('the commit status of the PR build', async () =>
        github.find('POST', `/repos/${REPO}/statuses/${pr.headSha}`).some((c) => c.body.context === `buildbot/${DEBIAN} PR` && c.body.state === 'success'),
      );
    }, 180_000);

    it('the refleak label runs only the stable refleak PR builders', async () => {
      const pr = repo.pullRequest(102, 'main', { 'Objects/listobject.c': '/* PR 102 */\n' });
      github.commits[pr.headSha] = 'gh-102: Fix a leak';
      expectAccepted(await deliver(webUrl, labeled(pr, REFLEAK_LABEL), SIGNED), '1 change found');
      const bySched = await eventually('the PR buildset', async () => {
        const m = await harness.api.requestsBySchedulerFor(pr.headSha);
        return m.size ? m : undefined;
      });
      expectRequests(bySched.get('pull-request-scheduler'), EXPECT.refleakLabel, undefined, 'refleak label -> stable "refleaks" PR builders');
      expect(github.find('DELETE', `/repos/${REPO}/issues/102/labels/${REFLEAK_LABEL}`)).toHaveLength(1);
    });

    it('other labels, and a head commit with [skip ci], start nothing', async () => {
      const pr = repo.pullRequest(103, 'main', { 'Lib/os.py': '# PR 103\n' });
      github.commits[pr.headSha] = 'gh-103: wip [skip ci]';
      expectAccepted(await deliver(webUrl, labeled(pr, LABEL), SIGNED), 'no change found');
      expectAccepted(await deliver(webUrl, labeled(pr, 'type-bug'), SIGNED), 'no change found');
      await sleep(1_000);
      expect(await harness.api.buildsetsFor(pr.headSha)).toEqual([]);
      expect(github.find('POST', `/repos/${REPO}/issues/103/comments`)).toEqual([]);
      expect(github.find('DELETE', /\/issues\/103\/labels\//)).toEqual([]);
    });

    it('`!buildbot <regex>` from a committer runs any PR builder it matches; from others it is refused', async () => {
      const pr = repo.pullRequest(104, 'main', { 'Lib/os.py': '# PR 104\n' });
      github.commits[pr.headSha] = 'gh-104: Change os again';
      github.pulls.set(104, pullRequestObject(pr));

      // A reader: refused with a comment, nothing built.
      expectAccepted(await deliver(webUrl, commented(pr, `!buildbot ^${UBUNTU} PR$`, 'bob'), SIGNED), 'no change found');
      expect(github.find('GET', `/repos/${REPO}/collaborators/bob/permission`)).toHaveLength(1);
      const refusal = github.find('POST', `/repos/${REPO}/issues/104/comments`);
      expect(refusal).toHaveLength(1);
      expect(refusal[0].body.body).toContain('@bob');

      // A regex that matches nothing: a comment, nothing built.
      expectAccepted(await deliver(webUrl, commented(pr, '!buildbot no-such-builder', 'core-dev'), SIGNED), 'no change found');
      expect(github.find('POST', `/repos/${REPO}/issues/104/comments`)[1].body.body).toContain('no-such-builder');
      await sleep(500);
      expect(await harness.api.buildsetsFor(pr.headSha)).toEqual([]);

      // A committer: the unstable builder too, since a comment is not limited to stable builders.
      expectAccepted(await deliver(webUrl, commented(pr, `!buildbot ^${UBUNTU} PR$`, 'core-dev'), SIGNED), '1 change found');
      const bySched = await eventually('the PR buildset', async () => {
        const m = await harness.api.requestsBySchedulerFor(pr.headSha);
        return m.size ? m : undefined;
      });
      expect(bySched.get('pull-request-scheduler')).toEqual([`${UBUNTU} PR`]);
      const scheduled = github.find('POST', `/repos/${REPO}/issues/104/comments`)[2].body.body as string;
      expect(scheduled).toContain(`- \`${UBUNTU} PR\``);
      expect(scheduled).toContain('@core-dev');
      // Comments never touch labels.
      expect(github.find('DELETE', /\/issues\/104\/labels\//)).toEqual([]);
    }, 60_000);

    it('a failing stable build of a merged PR comments on the PR and posts to Discord, with the failed tests', async () => {
      const commit = repo.commitOutcome('main', 'fail');
      await push(commit, 'gh-555: Break a test (GH-555)');
      const builds = await harness.api.waitForBuilds(commit.sha, [`${DEBIAN} 3.x`], BUILD_TIMEOUT);
      const build = builds.get(`${DEBIAN} 3.x`)!;
      expect(build.results, describeBuild(build)).toBe(Results.FAILURE);

      // Both stable builders failed; each comments once.
      const comment = await eventually('the PR comment', async () =>
        github.find('POST', `/repos/${REPO}/issues/555/comments`).find((c) => (c.body.body as string).includes(`**${DEBIAN} 3.x**`)),
      );
      const body = comment.body.body as string;
      const parts = [
        '(tier-1)',
        commit.sha,
        `${webUrl}/#/builders/`,
        'Failed tests:\n\n- test_x\n',
        'Failed subtests:\n\n- test_spam - test.test_x.FixtureTests.test_spam',
        '== Tests result: FAILURE ==',
        'Traceback (most recent call last):',
        'AssertionError: fixture told to fail',
      ];
      for (const part of parts) expect(body).toContain(part);
      expect(body).not.toContain('- Tests');
      const discord = await eventually('the Discord post', async () =>
        github.find('POST', '/discord').find((c) => (c.body.content as string).includes(`**${DEBIAN} 3.x**`)),
      );
      expect(discord.body.embeds).toEqual([]);
      expect(discord.body.content).toContain(`[${commit.sha.slice(0, 12)}](https://github.com/python/cpython/commit/${commit.sha})`);
      expect(discord.body.content).toContain('- test_x');
      // Let the refleak scheduler's timer run out before the master stops.
      await eventually('the 3.x-refleak buildset', async () => (await harness.api.requestsBySchedulerFor(commit.sha)).has('3.x-refleak'), REFLEAK_WAIT + 10_000);
    }, 180_000);
  });
});
