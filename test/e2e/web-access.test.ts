// End-to-end: the web side of the generated 2017 master (out/master.cfg) on a real
// Buildbot master on loopback: who may force, stop and rebuild under the default policy
// (builders.yaml declares none: admins may do anything, no one else anything), the GitHub
// change hook's signature check, and the missing-worker mail through a real SMTP server.
// (The 2026 master's hook is covered by e2e-2026.test.ts; its policy by test/pipeline/www.test.ts.)
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, Results, sleep } from './api.js';
import { FixtureRepo } from './fixture.js';
import { deliver, pushed } from './github.js';
import { E2E_ADMIN, freePort, Harness, makeTempRoot } from './harness.js';
import { BUILDERS } from '../pipeline/fleet-2017.js';
import { BUILDBOTS } from '../buildbots.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '../..');
const MASTER_CFG = resolve(process.env.E2E_MASTER_CFG ?? join(REPO, 'out/master.cfg'));
const DOCS = `${BUILDERS.find((b) => b.worker === 'ware-docs' && b.kind === 'docs')!.name} 3.x`;
// A worker whose owner has no other worker: the only missing-worker mail to that owner is about it.
const MISSING = 'kloth-win64';
const OWNER_EMAIL = 'kloth@example.org';
const STATUS_EMAIL = 'status@example.org';
const MISSING_TIMEOUT_S = 4;
const HOOK_SECRET = `hook-${Math.random().toString(36).slice(2)}`;
// Signed in, but given no role.
const BOB = { user: 'bob', password: `bob-${Math.random().toString(36).slice(2)}` };

interface Mail {
  from: string;
  to: string[];
  subject: string;
}

describe.each(BUILDBOTS)('on Buildbot $id', (bb) => {
  const mails: Mail[] = [];
  let root: string;
  let repo: FixtureRepo;
  let harness: Harness;
  let smtp: ChildProcess;

  async function startSmtpSink(port: number, mails: Mail[]): Promise<ChildProcess> {
    const child = spawn('/usr/bin/python3', [join(HERE, 'smtp_sink.py'), String(port)], { stdio: ['pipe', 'pipe', 'inherit'] });
    let buffered = '';
    let ready: () => void;
    const isReady = new Promise<void>((r) => (ready = r));
    child.stdout!.on('data', (chunk) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        if (line === 'ready') ready();
        else if (line) mails.push(JSON.parse(line) as Mail);
      }
    });
    await Promise.race([isReady, sleep(10_000).then(() => Promise.reject(new Error('the SMTP sink did not start')))]);
    return child;
  }

  beforeAll(async () => {
    root = makeTempRoot();
    repo = FixtureRepo.create(join(root, 'cpython'), { master: '3.7' });
    const smtpPort = await freePort();
    smtp = await startSmtpSink(smtpPort, mails);
    // Buildbot 3.7's HTPasswdAuth reads `user:password` lines.
    const htpasswd = join(root, 'users.htpasswd');
    writeFileSync(htpasswd, `${E2E_ADMIN.user}:${E2E_ADMIN.password}\n${BOB.user}:${BOB.password}\n`, { mode: 0o600 });
    harness = await Harness.start({
      masterCfg: MASTER_CFG,
      buildbot: bb,
      root,
      gitUrl: repo.dir,
      workers: [{ name: 'ware-docs' }, { name: MISSING }],
      settings: {
        web_htpasswd: htpasswd,
        web_admins: [E2E_ADMIN.user],
        github_change_hook_secret: HOOK_SECRET,
        send_mail: true,
        email_relay_host: '127.0.0.1',
        email_relay_port: smtpPort,
        from_email: 'buildbot@example.org',
        status_email: STATUS_EMAIL,
        worker_missing_timeout: MISSING_TIMEOUT_S,
        owners: { kloth: { email: OWNER_EMAIL } },
      },
    });
  }, 120_000);

  afterAll(async () => {
    if (harness) expect(await harness.stop(), 'processes left behind').toEqual([]);
    smtp?.stdin?.end();
    if (root && !process.env.E2E_KEEP) rmSync(root, { recursive: true, force: true });
  }, 60_000);

  const signedIn = async (user: string, password: string) => {
    const api = new Api(harness.api.baseUrl);
    await api.login(user, password);
    return api;
  };
  const FORCE = ['forceschedulers/force', 'force', { builderNames: [DOCS], branch: 'master', revision: '' }] as const;

  describe('web access under the default policy (htpasswd sign-in)', () => {
    let buildid: number;

    it('an admin signed in with the htpasswd file forces a build that runs', async () => {
      const admin = await signedIn(E2E_ADMIN.user, E2E_ADMIN.password);
      const [bsid] = await admin.control<[number, unknown]>(...FORCE);
      const builds = await harness.api.waitForBuildset(bsid, [DOCS], 90_000);
      const build = builds.get(DOCS)!;
      expect(build.results).toBe(Results.SUCCESS);
      buildid = build.buildid;
    }, 120_000);

    it('anonymous force, stop and rebuild are refused (403)', async () => {
      expect(buildid).toBeDefined();
      await expect(harness.api.control(...FORCE)).rejects.toThrow(/HTTP 403/);
      await expect(harness.api.control(`builds/${buildid}`, 'stop', {})).rejects.toThrow(/HTTP 403/);
      await expect(harness.api.control(`builds/${buildid}`, 'rebuild', {})).rejects.toThrow(/HTTP 403/);
      // Looking is open to everyone.
      expect((await harness.api.get(`builds/${buildid}`)).builds).toHaveLength(1);
    });

    it('a signed-in user without a role is refused', async () => {
      const bob = await signedIn(BOB.user, BOB.password);
      await expect(bob.control(...FORCE)).rejects.toThrow(/HTTP 403/);
      await expect(bob.control(`builds/${buildid}`, 'rebuild', {})).rejects.toThrow(/HTTP 403/);
    });

    it('a wrong password does not sign in', async () => {
      await expect(signedIn(BOB.user, 'not-the-password')).rejects.toThrow(/login as bob/);
    });
  });

  describe('the GitHub change hook', () => {
    it('refuses unsigned and wrongly signed requests, and takes a correctly signed push as a change', async () => {
      const commit = { ...repo.commit('master', { 'Lib/hooked.py': 'x = 1\n' }, 'hooked'), branch: 'e2e-unwatched' };
      const webUrl = harness.api.baseUrl;
      expect((await deliver(webUrl, pushed(commit), 'unsigned')).status).toBe(400);
      expect((await deliver(webUrl, pushed(commit), { wrongSecret: `${HOOK_SECRET}-not` })).status).toBe(400);
      expect((await harness.api.changes()).map((c) => c.revision)).not.toContain(commit.sha);
      const signed = await deliver(webUrl, pushed(commit), { secret: HOOK_SECRET });
      // Buildbot 3.7 answers 200, 4.3 may answer 202.
      expect(signed.status >= 200 && signed.status < 300, `HTTP ${signed.status}: ${signed.text}`).toBe(true);
      expect((await harness.api.changes()).map((c) => c.revision)).toContain(commit.sha);
      // A branch no scheduler watches: the change starts no build that stopping a worker
      // later could leave behind.
      await sleep(1_000);
      expect(await harness.api.buildsetsFor(commit.sha)).toEqual([]);
    }, 180_000);
  });

  describe('missing-worker mail', () => {
    it('a worker that disconnects is mailed once to its owner and the status address, within the timeout', async () => {
      const about = (m: Mail) => m.subject.includes(MISSING);
      expect(mails.filter(about), 'no mail while it is connected').toEqual([]);
      const stopped = Date.now();
      await harness.stopWorker(MISSING);
      const deadline = stopped + (MISSING_TIMEOUT_S + 15) * 1000;
      while (!mails.some(about) && Date.now() < deadline) await sleep(250);
      const elapsed = (Date.now() - stopped) / 1000;
      // One mail more would come with a second missing event: wait a little for it.
      await sleep(2_000);
      const got = mails.filter(about);
      expect(got, `mails: ${JSON.stringify(mails.map((m) => m.subject))}`).toHaveLength(1);
      expect(got[0].to).toEqual([OWNER_EMAIL, STATUS_EMAIL].sort());
      expect(elapsed).toBeGreaterThanOrEqual(MISSING_TIMEOUT_S - 1);
      // Only this worker's mail reaches its owner (the status address hears of every worker).
      expect(mails.filter((m) => m.to.includes(OWNER_EMAIL))).toHaveLength(1);
    }, 60_000);
  });

  describe('secrets', () => {
    it('no password or hook secret of the settings reaches the master\'s logs', () => {
      const logs = ['twistd.log', 'console.log'].map((f) => readFileSync(join(harness.masterDir, f), 'utf8')).join('\n');
      expect(logs).toContain('sending mail'); // the logs are the real ones
      for (const secret of [HOOK_SECRET, BOB.password, E2E_ADMIN.password]) expect(logs).not.toContain(secret);
    });
  });
});
