// What people read (issue 20, items 3 and 4): the downtime windows in `explain`, `matrix`,
// `changes` and the report; one name per scheduler everywhere (master.cfg's); a `matrix` that
// keeps to its documented width, with `--branches` to narrow it.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFleet } from '../src/pipeline.js';
import { matrixJson, matrixText, MATRIX_WIDTH } from '../src/explain/matrix.js';
import { explain } from '../src/explain/explain.js';
import { diffData, fleetData } from '../src/fleet-report/data.js';
import { tableRecords } from '../src/explain/drift.js';
import { cli, tempDir } from './pipeline/helpers.js';

const ROOT = join(import.meta.dirname, '..');
const fleet2026 = (dir = join(ROOT, 'fleets', 'cpython-2026')) => loadFleet({ workers: join(dir, 'workers.yaml'), builders: join(dir, 'builders.yaml') });
const g2026 = fleet2026();
const g2017 = loadFleet({ workers: join(ROOT, 'workers.yaml'), builders: join(ROOT, 'builders.yaml') });
const WEEKLY = 'Wednesdays 08:00-10:00, America/Los_Angeles';
const NIGHTLY = "every day 22:00-08:00 (past midnight), the master's clock";

describe('scheduler names', () => {
  it("matrix --json names each builder's scheduler as master.cfg's SCHEDULERS table does", () => {
    const cfg = readFileSync(join(ROOT, 'fleets', 'cpython-2026', 'out', 'master.cfg'), 'utf8');
    const inCfg = new Map<string, string>();
    for (const s of tableRecords(cfg, 'SCHEDULERS')) if (s.name !== 'force') for (const b of s.builders as string[]) inCfg.set(b, s.name as string);
    const cells = matrixJson(g2026.matrix).workers.flatMap((w) => Object.values(w.builders).flat());
    expect(cells).toHaveLength(1036);
    for (const c of cells) expect(c.scheduler, c.name).toBe(inCfg.get(c.name));
    expect(new Set(cells.filter((c) => c.name.endsWith(' PR')).map((c) => c.scheduler))).toEqual(new Set(['pull-request-scheduler']));
    expect(cells.find((c) => c.name === 'AMD64 CentOS9 NoGIL Refleaks 3.x')!.scheduler).toBe('3.x-refleak');
    // explain names the same one.
    expect(explain('AMD64 CentOS9 NoGIL Refleaks 3.x', g2026)).toMatch(/^ {2}schedule +3\.x-refleak: /m);
  });

  it('on the 2017 fleet too (nightly and per-branch names)', () => {
    const cells = matrixJson(g2017.matrix).workers.flatMap((w) => Object.values(w.builders).flat());
    const names = new Set(g2017.matrix.schedulers.map((s) => s.name));
    for (const c of cells) expect(names.has(c.scheduler), c.scheduler).toBe(true);
  });
});

describe('matrix width', () => {
  it(`keeps both fleets within ${MATRIX_WIDTH} columns: branches that do not fit go to the next table`, () => {
    for (const g of [g2017, g2026]) {
      const text = matrixText(g.matrix);
      expect(Math.max(...text.split('\n').map((l) => l.length))).toBeLessThanOrEqual(MATRIX_WIDTH);
    }
    const text = matrixText(g2026.matrix);
    const headers = text.split('\n').filter((l) => l.startsWith('worker '));
    expect(headers.length).toBeGreaterThan(1);
    // Every branch in exactly one table, in version order.
    expect(headers.flatMap((h) => h.split(/\s+/).slice(1))).toEqual(['3.10', '3.11', '3.12', '3.13', '3.14', '3.15', '3.x', 'PR']);
    // The 2017 fleet fits in one.
    expect(matrixText(g2017.matrix).split('\n').filter((l) => l.startsWith('worker '))).toHaveLength(1);
  });

  it('--branches narrows it to some branches, and names the branches when one is unknown', () => {
    const r = cli(['matrix', '--fleet', 'fleets/cpython-2026', '--branches', '3.x,PR']);
    expect(r.status).toBe(0);
    const headers = r.stdout.split('\n').filter((l) => l.startsWith('worker '));
    expect(headers.map((h) => h.split(/\s+/).slice(1))).toEqual([['3.x', 'PR']]);
    expect(r.stdout).toContain('282 builders on 57 workers (0 offline) and 2 branches (of 8).');
    const bad = cli(['matrix', '--fleet', 'fleets/cpython-2026', '--branches', 'main']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--branches: no branch `main` (branches: 3.x, 3.15, 3.14, 3.13, 3.12, 3.11, 3.10, PR)');
  });
});

describe('downtime windows where people look', () => {
  it('matrix: below the table, and per worker in --json', () => {
    const text = matrixText(g2026.matrix);
    expect(text).toContain(`Downtime windows (no build starts in them; builds wait until they end):\n  diegorusso-aarch64-bigmem: ${NIGHTLY}\n  itamaro-centos-aws: ${WEEKLY}\n  itamaro-win64-srv-22-aws: ${WEEKLY}\n`);
    const j = matrixJson(g2026.matrix);
    expect(j.workers.find((w) => w.name === 'itamaro-centos-aws')!.downtime).toEqual({ start: '08:00', end: '10:00', weekday: 'wednesday', timezone: 'America/Los_Angeles', text: WEEKLY });
    expect(j.workers.find((w) => w.name === 'itamaro-macos-intel-aws')!.downtime).toBeUndefined();
    expect(matrixText(g2017.matrix)).not.toContain('Downtime');
  });

  it('explain: on the worker and on each of its builders', () => {
    expect(explain('itamaro-centos-aws', g2026)).toContain(`  downtime        ${WEEKLY}: no build starts in it, builds wait until it ends\n`);
    expect(explain('aarch64 Ubuntu 24.04 BigMem 3.x', g2026)).toMatch(new RegExp(`^ {2}downtime +${NIGHTLY.replace(/[()]/g, '\\$&')} \\(no build starts then\\)$`, 'm'));
    expect(explain('angelico-debian-amd64', g2026)).not.toContain('downtime');
  });

  it('the report: on the worker and its builders', () => {
    const data = fleetData(g2026, 'cpython-2026');
    expect(data.workers.find((w) => w.name === 'itamaro-centos-aws')!.downtime).toBe(WEEKLY);
    expect(data.builders.find((b) => b.name === 'AMD64 CentOS9 NoGIL 3.x')!.downtime).toBe(WEEKLY);
    expect(data.builders.find((b) => b.name === 'AMD64 Debian root 3.x')!.downtime).toBeUndefined();
  });

  it('changes and the report diff: a moved window and a new drain, in words', () => {
    const dir = tempDir('bmg-window-');
    const workers = readFileSync(join(ROOT, 'fleets', 'cpython-2026', 'workers.yaml'), 'utf8').replace(
      'downtime: { start: "22:00", end: "08:00", timezone: local }',
      'downtime: { start: "23:00", end: "07:00", timezone: Europe/London, drain_minutes: 45 }',
    );
    writeFileSync(join(dir, 'workers.yaml'), workers);
    writeFileSync(join(dir, 'builders.yaml'), readFileSync(join(ROOT, 'fleets', 'cpython-2026', 'builders.yaml')));
    const r = cli(['changes', join(ROOT, 'fleets', 'cpython-2026', 'out', 'master.cfg'), '--fleet', dir]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`aarch64 Ubuntu 24.04 BigMem (3.x, PR): downtime (${NIGHTLY} → every day 23:00-07:00 (past midnight), Europe/London; no build starts in the 45 min before it)`);
    const diff = diffData(fleetData(fleet2026(dir), 'head'), fleetData(g2026, 'base'), 'base');
    expect(diff.workers.find((w) => w.name === 'diegorusso-aarch64-bigmem')!.change).toBe('changed');
    expect(diff.builders.find((b) => b.name === 'aarch64 Ubuntu 24.04 BigMem 3.x')!.fields).toEqual([`downtime (${NIGHTLY} → every day 23:00-07:00 (past midnight), Europe/London; no build starts in the 45 min before it)`]);
  });

  it('changes: an added builder says its window', () => {
    const dir = tempDir('bmg-window-');
    writeFileSync(join(dir, 'workers.yaml'), readFileSync(join(ROOT, 'fleets', 'cpython-2026', 'workers.yaml')));
    writeFileSync(join(dir, 'builders.yaml'), `${readFileSync(join(ROOT, 'fleets', 'cpython-2026', 'builders.yaml'), 'utf8')}  - { name: AMD64 CentOS9 Extra, worker: itamaro-centos-aws, variant: debug, stability: unstable }\n`);
    const r = cli(['changes', join(ROOT, 'fleets', 'cpython-2026', 'out', 'master.cfg'), '--fleet', dir]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`builders added (4):\n    AMD64 CentOS9 Extra (3.14, 3.15, 3.x, PR): downtime ${WEEKLY}\n`);
  });
});
