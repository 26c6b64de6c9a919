// The part of the end-to-end suite that exercises the database, on PostgreSQL as production
// runs it (Debian's server, a cluster of the test's own: postgres.ts): the master's tables
// made by Buildbot, a build recorded, history kept across a restart (a clean one, through
// `deploy`, as a database URL change needs), and the janitor deleting old logs (its
// PostgreSQL query differs from SQLite's). The reduced 2026 fleet (deploy-fleet.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, Results, sleep } from './api.js';
import { activeBuilders, buildResult, deploy, ReducedFleet, startBuilds, waitFor } from './deploy-fleet.js';
import { FixtureRepo } from './fixture.js';
import { E2E_ADMIN, Harness, makeTempRoot } from './harness.js';
import { createMasterDb, Postgres } from './postgres.js';
import { BUILDBOTS } from '../buildbots.js';

const WORKERS = ['angelico-debian-amd64', 'bolen-ubuntu'];
const DEBIAN = 'AMD64 Debian root 3.x';
const JANITOR = '__Janitor';

describe.each(BUILDBOTS.map((bb) => [bb.id, bb] as const))('PostgreSQL on Buildbot %s', (_id, bb) => {
  let pg: Postgres;
  let root: string;
  let repo: FixtureRepo;
  let fleet: ReducedFleet;
  let h: Harness;
  let buildid: number;

  beforeAll(async () => {
    pg = await Postgres.start();
    createMasterDb(bb.buildbot, pg.url);
    root = makeTempRoot();
    repo = FixtureRepo.create(join(root, 'cpython'), { main: '3.16' });
    fleet = ReducedFleet.create(join(root, 'fleet'));
    await fleet.generate();
    h = await Harness.start({ buildbot: bb, masterCfg: fleet.masterCfg, root, gitUrl: repo.dir, workers: WORKERS.map((name) => ({ name })), settings: { db_url: pg.url } });
  }, 180_000);

  afterAll(async () => {
    try {
      process.kill(Number(readFileSync(join(h.masterDir, 'twistd.pid'), 'utf8')), 'SIGTERM');
      await sleep(3_000);
    } catch {
      // not running
    }
    await h?.stop();
    pg?.stop();
  }, 60_000);

  it('the master runs on PostgreSQL: its builders and a finished build are in the database', async () => {
    const log = h.masterLog();
    expect(log).toMatch(/Setting up database with URL 'postgresql:\/\/buildbot:xxxx@127\.0\.0\.1:\d+\/buildbot'/);
    expect(log).not.toContain(pg.url.split(':')[2]!.split('@')[0]!); // the password is never logged
    const builds = await startBuilds(h, [DEBIAN]);
    buildid = builds.get(DEBIAN)!;
    expect(await buildResult(h, buildid)).toBe(Results.SUCCESS);
    expect(pg.sql(`SELECT results FROM builds WHERE id = ${buildid}`, 'buildbot')).toBe('0');
    const names = pg.sql("SELECT name FROM builders WHERE name LIKE 'AMD64 Debian root%' ORDER BY name", 'buildbot').split('\n');
    expect(names).toContain(DEBIAN);
    expect(Number(pg.sql(`SELECT count(*) FROM logchunks JOIN logs ON logs.id = logchunks.logid JOIN steps ON steps.id = logs.stepid WHERE steps.buildid = ${buildid}`, 'buildbot'))).toBeGreaterThan(0);
  }, 120_000);

  it('a clean restart (deploy, for a new database URL of the same database) keeps the history', async () => {
    const settings = JSON.parse(readFileSync(h.settingsPath, 'utf8'));
    writeFileSync(h.settingsPath, JSON.stringify({ ...settings, db_url: pg.url.replace('@127.0.0.1:', '@localhost:') }));
    const r = await deploy(bb, fleet, h);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toContain('shutting the master');
    expect(r.out).toContain('BuildMaster is running');
    expect(`${r.out}${r.err}`).not.toContain(pg.url.split(':')[2]!.split('@')[0]!);
    expect(await buildResult(h, buildid)).toBe(Results.SUCCESS);
    expect(await activeBuilders(h)).toEqual(fleet.builders());
  }, 300_000);

  it('the janitor deletes the logs of steps older than its horizon (180 days)', async () => {
    pg.sql(`UPDATE steps SET started_at = started_at - 200 * 86400 WHERE buildid = ${buildid}`, 'buildbot');
    const api = new Api(h.api.baseUrl);
    await waitFor('the web server', async () => (await api.get('builders')) !== undefined);
    await api.login(E2E_ADMIN.user, E2E_ADMIN.password);
    const [bsid] = await api.control<[number]>(`forceschedulers/${JANITOR}_force`, 'force', { builderNames: [JANITOR] });
    const done = await api.waitForBuildset(bsid, [JANITOR], 60_000);
    expect(done.get(JANITOR)!.results).toBe(Results.SUCCESS);
    const chunks = `SELECT count(*) FROM logchunks JOIN logs ON logs.id = logchunks.logid JOIN steps ON steps.id = logs.stepid WHERE steps.buildid = ${buildid}`;
    expect(pg.sql(chunks, 'buildbot')).toBe('0');
    expect(pg.sql(`SELECT DISTINCT logs.type FROM logs JOIN steps ON steps.id = logs.stepid WHERE steps.buildid = ${buildid}`, 'buildbot')).toBe('d');
  }, 120_000);
});
