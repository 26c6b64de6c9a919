// The expanded matrix of the default fleet against the fleet document (fleet-2017.ts).
import { describe, expect, it } from 'vitest';
import { loadFleet } from '../../src/pipeline.js';
import type { Builder, SchedulerOut } from '../../src/model/types.js';
import { ALL, BRANCHES, DMG_HOURS, expectedBuilders, KIND_TAG, WORKERS } from './fleet-2017.js';

const { matrix, problems } = loadFleet({ workers: 'workers.yaml', builders: 'builders.yaml' });
const byName = new Map(matrix.builders.map((b) => [b.name, b]));
const expected = expectedBuilders();
const sched = (name: string) => matrix.schedulers.find((s) => s.name === name);
const schedulersOf = (builder: string) => matrix.schedulers.filter((s) => s.builders.includes(builder)).map((s) => s.name).sort();

describe('the default fleet', () => {
  it('validates without errors or warnings', () => {
    expect(problems).toEqual([]);
  });

  it('declares the 29 workers of the document', () => {
    expect(matrix.workers.map((w) => w.name).sort()).toEqual([...WORKERS].sort());
    expect(WORKERS).toHaveLength(29);
  });

  it('expands to the 162 builders of the document, no more', () => {
    expect(expected).toHaveLength(162);
    expect(matrix.builders.map((b) => b.name).sort()).toEqual(expected.map((e) => e.name).sort());
  });

  it.each(expected.map((e) => [e.name, e] as const))('%s: worker, directory, tags', (_, e) => {
    const b = byName.get(e.name)!;
    expect(b.worker).toBe(e.worker);
    expect(b.builddir).toBe(e.builddir);
    if (e.kind === 'dmg') {
      expect(b.tags).toEqual(['dmg']);
      return;
    }
    expect(b.tags.slice(0, 2)).toEqual([e.branch, e.stability]);
    const kindTag = KIND_TAG[e.kind as keyof typeof KIND_TAG];
    if (kindTag) expect(b.tags).toContain(kindTag);
    expect(new Set(b.tags).size).toBe(b.tags.length);
  });

  it('keeps Windows XP and VS9.0 builders on 2.7 only', () => {
    const xp = matrix.builders.filter((b) => b.worker === 'bolen-windows' || b.name.includes('VS9.0'));
    expect(xp.map((b) => b.branch)).toEqual(['2.7', '2.7', '2.7']);
    const why = matrix.exclusions.filter((x) => x.def === 'x86 Windows XP').map((x) => x.branch).sort();
    expect(why).toEqual(['3.5', '3.6', '3.x', 'custom']);
  });

  it('gives no builder directory twice', () => {
    const dirs = matrix.builders.map((b) => b.builddir);
    expect(new Set(dirs).size).toBe(dirs.length);
  });
});

describe('schedulers of the default fleet', () => {
  const codeAndDocs = (b: Builder) => !b.tags.includes('refleak') && !b.tags.includes('dmg');

  it.each(ALL)('branch %s: a change scheduler on its git branch ignoring Misc/, Doc/, Demo/', (branch) => {
    const s = matrix.schedulers.filter((x) => x.kind === 'change' && x.branch === branch && x.ignore_paths!.length > 0);
    expect(s).toHaveLength(1);
    expect(s[0]!.git_branch).toBe(BRANCHES[branch]);
    expect([...s[0]!.ignore_paths!].sort()).toEqual(['Demo/', 'Doc/', 'Misc/']);
    const want = matrix.builders
      .filter((b) => b.branch === branch && b.def !== 'Docs' && (branch === 'custom' ? !b.tags.includes('dmg') : codeAndDocs(b)))
      .map((b) => b.name);
    expect([...s[0]!.builders].sort()).toEqual(want.sort());
  });

  it.each(ALL)('branch %s: the Docs builder has its own change scheduler where every file counts', (branch) => {
    const s = schedulersOf(`Docs ${branch}`).map((n) => sched(n)!) as SchedulerOut[];
    const change = s.filter((x) => x.kind === 'change');
    expect(change).toHaveLength(1);
    expect(change[0]!.ignore_paths).toEqual([]);
    expect(change[0]!.git_branch).toBe(BRANCHES[branch]);
  });

  it('runs refleak builders nightly at 00:00, except on custom where they run on push', () => {
    for (const b of matrix.builders.filter((x) => x.tags.includes('refleak'))) {
      const s = schedulersOf(b.name).map((n) => sched(n)!).filter((x) => x.kind !== 'force');
      expect(s).toHaveLength(1);
      if (b.branch === 'custom') {
        expect(s[0]!.kind).toBe('change');
        expect(s[0]!.ignore_paths!.length).toBeGreaterThan(0);
      } else {
        expect(s[0]).toMatchObject({ kind: 'nightly', hour: 0, minute: 0, git_branch: BRANCHES[b.branch as keyof typeof BRANCHES] });
      }
    }
  });

  it('builds the DMG nightly per branch at its hour, never on custom', () => {
    for (const [branch, hour] of Object.entries(DMG_HOURS)) {
      const s = schedulersOf(`bolen-dmg-${branch}`).map((n) => sched(n)!).filter((x) => x.kind !== 'force');
      expect(s).toHaveLength(1);
      expect(s[0]).toMatchObject({ kind: 'nightly', hour, minute: 0 });
    }
    expect(byName.has('bolen-dmg-custom')).toBe(false);
  });

  it('has one force scheduler covering every builder', () => {
    const force = matrix.schedulers.filter((s) => s.kind === 'force');
    expect(force).toHaveLength(1);
    expect([...force[0]!.builders].sort()).toEqual(matrix.builders.map((b) => b.name).sort());
  });

  it('puts every builder on exactly one automatic scheduler', () => {
    for (const b of matrix.builders) {
      expect(schedulersOf(b.name).filter((n) => n !== 'force')).toHaveLength(1);
    }
  });
});
