// The hand-written expectations agree with the document's own totals and with each other,
// before any generated config is looked at (a transcription slip shows up here, not as a
// mysterious difference in exact.test.ts).
import { describe, expect, it } from 'vitest';
import {
  BRANCHES, COUNTS, DEFINITIONS, DOWNTIME_WORKERS, REFLEAK_DEFINITIONS, SAMPLE, SAMPLE_BUILDERS, SCHEDULERS, TOTALS, WORKERS,
} from './expected.js';
import { TABLE_BUILDERS, TABLE_BY_NAME, onBranch } from './table.js';

describe('the §4.2 table as transcribed', () => {
  it('has 162 definitions with distinct names, each N equal to its number of branches, summing to 1,036', () => {
    expect(DEFINITIONS).toHaveLength(162);
    expect(new Set(DEFINITIONS.map((d) => d[0])).size).toBe(162);
    for (const d of DEFINITIONS) expect(d[5].length, d[0]).toBe(d[8]);
    expect(DEFINITIONS.reduce((n, d) => n + d[8], 0)).toBe(TOTALS.builders);
  });

  it('gives the per-branch counts of §1.5', () => {
    for (const branch of BRANCHES) {
      const bs = onBranch(branch);
      const got = {
        builders: bs.length, refleak: bs.filter((b) => b.refleak).length, nonRefleak: bs.filter((b) => !b.refleak).length,
        stable: bs.filter((b) => b.stable).length, unstable: bs.filter((b) => !b.stable).length,
      };
      expect(got, branch).toEqual(COUNTS[branch]);
    }
    expect(TABLE_BUILDERS.filter((b) => b.stable && b.branch !== 'PR')).toHaveLength(TOTALS.stableNonPR);
    expect(TABLE_BUILDERS.filter((b) => b.stable)).toHaveLength(TOTALS.stable);
  });

  it('uses only §2.2 workers, with the builder counts of its last column, and unique builder directories', () => {
    expect(WORKERS).toHaveLength(57);
    for (const [name, , count] of WORKERS) expect(TABLE_BUILDERS.filter((b) => b.worker === name).length, name).toBe(count);
    expect(new Set(TABLE_BUILDERS.map((b) => b.builddir)).size).toBe(TOTALS.builders);
    for (const [worker, n] of Object.entries(DOWNTIME_WORKERS)) expect(TABLE_BUILDERS.filter((b) => b.worker === worker), worker).toHaveLength(n);
  });
});

describe('the hand-written scheduler expectations', () => {
  it('list the refleak definitions of each branch as the table has them', () => {
    for (const branch of BRANCHES) {
      expect(REFLEAK_DEFINITIONS[branch], branch).toEqual(onBranch(branch).filter((b) => b.refleak).map((b) => b.definition));
    }
  });

  it('agree with the table on member counts and on first and last members', () => {
    for (const s of SCHEDULERS) {
      const branch = BRANCHES.find((b) => s.name === b || s.name === `${b}-refleak`);
      if (!branch) continue;
      const members = onBranch(branch).filter((b) => b.refleak === s.name.endsWith('-refleak')).map((b) => b.name);
      expect([members.length, members[0], members.at(-1)], s.name).toEqual([s.count, s.first, s.last]);
    }
  });
});

describe('the sample of builders', () => {
  it('has at least 40 builders, every family of §3, every branch including PR', () => {
    expect(SAMPLE_BUILDERS.length).toBeGreaterThanOrEqual(40);
    expect(Object.keys(SAMPLE)).toHaveLength(9);
    for (const [family, builders] of Object.entries(SAMPLE)) expect(builders.length, family).toBeGreaterThan(0);
    const branches = new Set(SAMPLE_BUILDERS.map((b) => TABLE_BY_NAME.get(b.name)?.branch));
    for (const branch of BRANCHES) expect(branches.has(branch), branch).toBe(true);
    expect(new Set(SAMPLE_BUILDERS.map((b) => b.name)).size).toBe(SAMPLE_BUILDERS.length);
  });

  it('agrees with the table on worker, directory, tags and downtime', () => {
    const downtime = new Set(Object.keys(DOWNTIME_WORKERS));
    for (const b of SAMPLE_BUILDERS) {
      const row = TABLE_BY_NAME.get(b.name);
      expect(row, `${b.name} is not a builder of the §4.2 table`).toBeDefined();
      expect({ worker: b.worker, builddir: b.builddir, tags: b.tags, canStartBuild: b.canStartBuild ?? false }, b.name)
        .toEqual({ worker: row!.worker, builddir: row!.builddir, tags: row!.tags, canStartBuild: downtime.has(row!.worker) });
    }
  });

  it('has an upload step exactly where §3.1.5 says (real branch, not refleak, families with JUnit)', () => {
    const noJUnit = new Set(['installed (§3.3)', 'iOS simulator (§3.7)', 'Android (§3.8)', 'Emscripten (§3.9)', 'Valgrind (§3.10)']);
    for (const [family, builders] of Object.entries(SAMPLE)) {
      for (const b of builders) {
        const row = TABLE_BY_NAME.get(b.name)!;
        const want = !noJUnit.has(family) && row.branch !== 'PR' && !row.refleak;
        expect(b.steps.some((s) => s.cls === 'UploadTestResults'), b.name).toBe(want);
      }
    }
  });
});
