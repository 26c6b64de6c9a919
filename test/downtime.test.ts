// Downtime drain (issue 20, item 3): no new build starts within a given time before a
// worker's window, per worker (`downtime.drain_minutes`) or per kind
// (`downtime_drain_minutes`, which wins). Judged by Buildbot: the generated master.cfg is
// loaded with Buildbot's own loader (can_start.py) and each builder's canStartBuild is asked
// at fixed times (master.cfg's clock_now is the one thing replaced), with a real Worker.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILDBOTS } from './buildbots.js';
import { cli, run, tempDir } from './pipeline/helpers.js';

const FLEET_2026 = join(import.meta.dirname, '..', 'fleets', 'cpython-2026');
const SCRIPT = join(import.meta.dirname, 'downtime', 'can_start.py');

function replaceOnce(text: string, from: string, to: string): string {
  if (text.split(from).length !== 2) throw new Error(`\`${from}\` is not in the text exactly once`);
  return text.replace(from, to);
}

/** The 2026 fleet with drains: itamaro-centos-aws 60 min (its refleak kind 120 min), the
 *  overnight window of diegorusso 30 min, and a Wednesday window past midnight on bolen-ubuntu. */
function drainedFleet(): string {
  const dir = tempDir('bmg-drain-');
  let workers = readFileSync(join(FLEET_2026, 'workers.yaml'), 'utf8');
  workers = replaceOnce(workers, '    downtime: { start: "08:00", end: "10:00", weekday: wednesday, timezone: America/Los_Angeles }  # weekly reprovisioning\n  - name: itamaro-win64-srv-22-aws', '    downtime: { start: "08:00", end: "10:00", weekday: wednesday, timezone: America/Los_Angeles, drain_minutes: 60 }\n  - name: itamaro-win64-srv-22-aws');
  workers = replaceOnce(workers, 'downtime: { start: "22:00", end: "08:00", timezone: local }', 'downtime: { start: "22:00", end: "08:00", timezone: local, drain_minutes: 30 }');
  workers = replaceOnce(workers, '    tags: [linux, unix, ubuntu, amd64, x86-64]\n  - name: bolen-windows10', '    tags: [linux, unix, ubuntu, amd64, x86-64]\n    downtime: { start: "22:00", end: "02:00", weekday: wednesday, timezone: Europe/Paris, drain_minutes: 60 }\n  - name: bolen-windows10');
  let builders = readFileSync(join(FLEET_2026, 'builders.yaml'), 'utf8');
  builders = replaceOnce(builders, '  nogil-refleak:\n    extends: nogil\n', '  nogil-refleak:\n    extends: nogil\n    downtime_drain_minutes: 120\n');
  writeFileSync(join(dir, 'workers.yaml'), workers);
  writeFileSync(join(dir, 'builders.yaml'), builders);
  mkdirSync(join(dir, 'out'));
  const r = cli(['generate', '--fleet', dir]);
  if (r.status !== 0) throw new Error(r.stderr);
  return dir;
}

interface Case {
  builder: string;
  now: string;
  /** Expected: null = may start; a number = refused, the worker quarantined that many seconds. */
  quarantine: number | null;
  zone?: string | null;
}

const LA = 'America/Los_Angeles';
// 2026-08-05 is a Wednesday.
const DRAINED: Case[] = [
  // Worker drain, 60 min before Wednesday 08:00 in Los Angeles.
  { builder: 'AMD64 CentOS9 NoGIL 3.x', now: '2026-08-05T06:59', quarantine: null, zone: LA },
  { builder: 'AMD64 CentOS9 NoGIL 3.x', now: '2026-08-05T07:00', quarantine: 3 * 3600, zone: LA },
  { builder: 'AMD64 CentOS9 NoGIL 3.x', now: '2026-08-05T07:30', quarantine: 2.5 * 3600, zone: LA },
  { builder: 'AMD64 CentOS9 NoGIL 3.x', now: '2026-08-05T09:00', quarantine: 3600, zone: LA },
  { builder: 'AMD64 CentOS9 NoGIL 3.x', now: '2026-08-05T10:01', quarantine: null, zone: LA },
  { builder: 'AMD64 CentOS9 NoGIL 3.x', now: '2026-08-04T07:30', quarantine: null, zone: LA }, // a Tuesday
  // The refleak kind drains 120 min: it wins over the worker's 60.
  { builder: 'AMD64 CentOS9 NoGIL Refleaks 3.x', now: '2026-08-05T05:59', quarantine: null, zone: LA },
  { builder: 'AMD64 CentOS9 NoGIL Refleaks 3.x', now: '2026-08-05T06:30', quarantine: 3.5 * 3600, zone: LA },
  // The other itamaro worker has the same window and no drain.
  { builder: 'AMD64 Windows Server 2022 NoGIL 3.x', now: '2026-08-05T07:59', quarantine: null, zone: LA },
  { builder: 'AMD64 Windows Server 2022 NoGIL 3.x', now: '2026-08-05T08:00', quarantine: 2 * 3600, zone: LA },
  // The master's clock (no zone), a window past midnight, 30 min drain.
  { builder: 'aarch64 Ubuntu 24.04 BigMem 3.x', now: '2026-08-05T21:29', quarantine: null, zone: null },
  { builder: 'aarch64 Ubuntu 24.04 BigMem 3.x', now: '2026-08-05T21:45', quarantine: 15 * 60 + 10 * 3600, zone: null },
  // Wednesdays 22:00-02:00 Paris: the day's early hours are in it too, so the drain starts Tuesday night.
  { builder: 'AMD64 Ubuntu Shared 3.x', now: '2026-08-04T22:30', quarantine: null, zone: 'Europe/Paris' },
  { builder: 'AMD64 Ubuntu Shared 3.x', now: '2026-08-04T23:30', quarantine: 30 * 60 + 2 * 3600, zone: 'Europe/Paris' },
  { builder: 'AMD64 Ubuntu Shared 3.x', now: '2026-08-05T21:30', quarantine: 30 * 60 + 4 * 3600, zone: 'Europe/Paris' },
  { builder: 'AMD64 Ubuntu Shared 3.x', now: '2026-08-06T21:30', quarantine: null, zone: 'Europe/Paris' },
];
// The committed fleet: no drain, so only the window itself holds builds back.
const COMMITTED: Case[] = [
  { builder: 'AMD64 CentOS9 NoGIL 3.x', now: '2026-08-05T07:59', quarantine: null, zone: LA },
  { builder: 'AMD64 CentOS9 NoGIL Refleaks 3.x', now: '2026-08-05T07:59', quarantine: null, zone: LA },
  { builder: 'AMD64 CentOS9 NoGIL Refleaks 3.x', now: '2026-08-05T08:00', quarantine: 2 * 3600, zone: LA },
  { builder: 'aarch64 Ubuntu 24.04 BigMem 3.x', now: '2026-08-05T21:59', quarantine: null, zone: null },
  { builder: 'aarch64 Ubuntu 24.04 BigMem 3.x', now: '2026-08-05T23:00', quarantine: 9 * 3600, zone: null },
];

function ask(python: string, cfg: string, cases: Case[]) {
  const file = join(tempDir('bmg-drain-cases-'), 'cases.json');
  writeFileSync(file, JSON.stringify(cases.map(({ builder, now }) => ({ builder, now }))));
  const r = run(python, [SCRIPT, cfg, file]);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { allowed: boolean; quarantine: number | null; zone: string | null }[];
}

const expectCases = (got: ReturnType<typeof ask>, cases: Case[]) =>
  expect(got.map((g, i) => ({ ...cases[i]!, quarantine: g.allowed ? null : g.quarantine, zone: g.zone }))).toEqual(cases.map((c) => ({ ...c, zone: c.zone ?? null })));

describe('downtime drain in the generated master.cfg', () => {
  const dir = drainedFleet();
  const cfg = join(dir, 'out', 'master.cfg');

  it('writes the drain in seconds only where one is declared (the committed fleets have none)', () => {
    const text = readFileSync(cfg, 'utf8');
    expect(text).toMatch(/"name": "AMD64 CentOS9 NoGIL 3\.x".*"downtime": \{"start": "08:00", "end": "10:00", "weekday": "wednesday", "timezone": "America\/Los_Angeles", "drain": 3600\}/);
    expect(text).toMatch(/"name": "AMD64 CentOS9 NoGIL Refleaks 3\.x".*"drain": 7200\}/);
    expect(readFileSync(join(FLEET_2026, 'out', 'master.cfg'), 'utf8')).not.toContain('"drain"');
  });

  describe.each(BUILDBOTS)('on Buildbot $id', (bb) => {
    it('canStartBuild refuses new builds within the drain before the window, per worker or per kind, and quarantines until the window ends', () => {
      expectCases(ask(bb.python, cfg, DRAINED), DRAINED);
    });

    it('the committed 2026 config drains nothing: builds start up to the window', () => {
      copyFileSync(join(FLEET_2026, 'out', 'master.cfg'), join(tempDir('bmg-drain-2026-'), 'master.cfg'));
      expectCases(ask(bb.python, join(FLEET_2026, 'out', 'master.cfg'), COMMITTED), COMMITTED);
    });
  });
});
