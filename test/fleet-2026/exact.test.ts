// Issue 9, item 5: the config generated from the frozen 2026 snapshot (./snapshot.ts: the
// declarations of python/buildmaster-config at af48ad7), as Buildbot's own loader builds it,
// against expectations written by hand from fleet-2026.md (./expected.ts). The config is
// loaded once with no settings file and once with one. If it cannot be generated, every
// test fails. The live fleets/cpython-2026 is held by invariants instead (./live.test.ts).
import { existsSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUILDBOTS, type Buildbot } from '../buildbots.js';
import { builderProblems, stepProblems } from './compare.js';
import { type Dump, type DumpBuilder, type DumpScheduler, dump } from './dump.js';
import {
  ACCEPTS, BRANCHES, BRANCH_INFO, CHANGE_PROBES, COUNTS, DEFAULT_REPOURL, DOWNTIME_WORKERS, FORCE, GLOBALS, IENV, IMPORTANT_FILES,
  IRC, JANITOR, KEEPALIVE_INTERVAL, MAIL, REFLEAK_DEFINITIONS, SAMPLE, SCHEDULERS, SERVICES_ALWAYS, SETTINGS, SETTINGS_YAML,
  TEST_CLASS, TOTALS, WORKERS, type ExpectedService, git, gitG1,
} from './expected.js';
import { snapshotConfig } from './snapshot.js';
import { TABLE_BUILDERS, TABLE_BY_NAME, inConfigOrder, onBranch } from './table.js';

const PROBES = { files: IMPORTANT_FILES.map(([files]) => files), changes: CHANGE_PROBES };

// One load per Buildbot and settings variant for the whole file; a failure is kept too, so that
// every test that needs the config fails with the same message (and the dumper does not run again).
const cache = new Map<string, { dump: Dump; stderr: string } | Error>();
/** The Buildbot whose tests are running (the blocks below run one after another). */
let current: Buildbot;
function load(settings?: string) {
  const key = `${current.id}\n${settings ?? ''}`;
  if (!cache.has(key)) {
    try {
      cache.set(key, dump(current.python, snapshotConfig(), { settings, probes: PROBES }));
    } catch (e) {
      cache.set(key, e as Error);
    }
  }
  const got = cache.get(key)!;
  if (got instanceof Error) throw got;
  return got;
}

/** What the config file gave, without what Buildbot's configurators (the janitor) added. */
function own(d: Dump) {
  const added = d.globals.added_by_configurators;
  return {
    workers: d.workers.filter((w) => !added.workers?.includes(w.name)),
    builders: d.builders.filter((b) => !added.builders?.includes(b.name)),
    schedulers: d.schedulers.filter((s) => !added.schedulers?.includes(s.name)),
  };
}
const builders = () => own(load().dump).builders;
const byName = () => new Map(builders().map((b) => [b.name, b]));
const schedulers = () => own(load().dump).schedulers;

/** Fails with one line per problem (capped), so a failure says what is wrong where. */
function expectNoProblems(problems: string[], what: string) {
  const shown = problems.slice(0, 40).join('\n');
  const more = problems.length > 40 ? `\n… and ${problems.length - 40} more` : '';
  expect(problems, `${what}: ${problems.length} problem(s)\n${shown}${more}`).toEqual([]);
}

describe.each(BUILDBOTS)('loaded by Buildbot $id', (bb) => {
  // Load both variants up front, under the hook timeout rather than a test's.
  beforeAll(() => {
    current = bb;
    for (const settings of [undefined, SETTINGS_YAML]) {
      try {
        load(settings);
      } catch {
        // reported by each test that needs it
      }
    }
  });

  describe('fleet-2026: the snapshot generates', () => {
    it('test/fixtures/cpython-2026-af48ad7 generates a master.cfg with no error (warnings of rules newer than the snapshot allowed)', () => {
      expect(existsSync(snapshotConfig())).toBe(true);
    });
  });

  describe('fleet-2026 workers (§2)', () => {
    it('has the 57 workers of §2.2, in order, with max_builds, keepalive 60, and nothing else (§2.1)', () => {
      const got = own(load().dump).workers;
      const problems: string[] = [];
      if (got.length !== WORKERS.length) problems.push(`expected ${WORKERS.length} workers, got ${got.length}`);
      WORKERS.forEach(([name, maxBuilds], i) => {
        const w = got[i];
        if (!w || w.name !== name) return problems.push(`worker ${i + 1}: expected ${name}, got ${w?.name}`);
        if (w.max_builds !== maxBuilds) problems.push(`${name}: max_builds expected ${maxBuilds}, got ${w.max_builds}`);
        if (w.keepalive_interval !== KEEPALIVE_INTERVAL) problems.push(`${name}: keepalive_interval expected 60, got ${w.keepalive_interval}`);
        if (!isDeepStrictEqual(w.notify_on_missing, [])) problems.push(`${name}: notify_on_missing expected [] without settings, got ${JSON.stringify(w.notify_on_missing)}`);
        // Buildbot itself adds the `workername` property; §2.1: the config adds none.
        if (!isDeepStrictEqual(w.properties, { workername: name })) problems.push(`${name}: properties ${JSON.stringify(w.properties)}`);
        // §2.1: nothing else is passed (no missing_timeout, properties, locks…).
        const extra = w.passed_kwargs.filter((k) => !['password', 'max_builds', 'notify_on_missing', 'keepalive_interval'].includes(k));
        if (extra.length) problems.push(`${name}: also passed ${extra.join(', ')}`);
      });
      expectNoProblems(problems, 'workers');
    });
  });

  describe('fleet-2026 builders (§4): all 1,036', () => {
    it('has the builders of the §4.2 table, in the generator\'s order (branch, then builder directory), with name, worker, builder directory and tags', () => {
      const got = builders();
      const problems: string[] = [];
      if (got.length !== TOTALS.builders) problems.push(`expected ${TOTALS.builders} builders, got ${got.length}`);
      inConfigOrder(TABLE_BUILDERS).forEach((want, i) => {
        const b = got[i];
        if (!b) return;
        if (b.name !== want.name) return problems.push(`builder ${i + 1}: expected ${want.name}, got ${b.name}`);
        if (!isDeepStrictEqual(b.workernames, [want.worker])) problems.push(`${want.name}: workernames ${JSON.stringify(b.workernames)}, expected ["${want.worker}"]`);
        if (b.builddir !== want.builddir) problems.push(`${want.name}: builddir ${b.builddir}, expected ${want.builddir}`);
        if (!isDeepStrictEqual(b.tags, want.tags)) problems.push(`${want.name}: tags ${JSON.stringify(b.tags)}, expected ${JSON.stringify(want.tags)}`);
      });
      expectNoProblems(problems, 'builders');
    });

    it('has the per-branch counts of §1.5 (builders, refleak, stable, unstable) and the totals', () => {
      const got = builders();
      for (const branch of BRANCHES) {
        const bs = got.filter((b) => b.tags[0] === BRANCH_INFO[branch].tag);
        const refleak = bs.filter((b) => b.tags.includes('refleak')).length;
        const stable = bs.filter((b) => b.tags.includes('stable')).length;
        expect({ builders: bs.length, refleak, nonRefleak: bs.length - refleak, stable, unstable: bs.length - stable }, branch)
          .toEqual(COUNTS[branch]);
      }
      expect(got.filter((b) => b.tags.includes('stable'))).toHaveLength(TOTALS.stable);
      expect(got.filter((b) => b.tags.includes('unstable'))).toHaveLength(TOTALS.unstable);
      expect(got.filter((b) => b.tags.includes('refleak'))).toHaveLength(TOTALS.refleak);
    });

    it('puts canStartBuild (downtime, §2.4) on exactly the 20 builders of the three downtime workers, and no locks anywhere', () => {
      const got = builders();
      const withDowntime = got.filter((b) => b.canStartBuild).map((b) => b.name);
      const want = got.filter((b) => b.workernames[0] in DOWNTIME_WORKERS).map((b) => b.name);
      expect(want).toHaveLength(20);
      expect(withDowntime).toEqual(want);
      expect(got.filter((b) => b.locks.length > 0).map((b) => b.name)).toEqual([]);
    });

    it('starts every builder with the GitHub source step of §3.1.1 (branch ref, or none on PR; G1 on ware-win11-arm64)', () => {
      const problems: string[] = [];
      for (const b of builders()) {
        const branch = TABLE_BY_NAME.get(b.name)?.branch;
        if (!branch) continue;
        const ref = BRANCH_INFO[branch].ref;
        const want = b.workernames[0] === 'ware-win11-arm64' ? gitG1(ref) : git(ref);
        for (const p of stepProblems(want, b.steps[0], DEFAULT_REPOURL)) problems.push(`${b.name}: step 1: ${p}`);
      }
      expectNoProblems(problems, 'source steps');
    });

    it('gives every Test step the class settings of §3.1.2 and §3.1.6, and no step BUILDBOT=1 (§3.1.7)', () => {
      const problems: string[] = [];
      for (const b of builders()) {
        b.steps.forEach((s, i) => {
          const env = (s.attrs.env ?? {}) as Record<string, unknown>;
          if ('BUILDBOT' in env) problems.push(`${b.name}: step ${i + 1}: env has BUILDBOT`);
          if (s.class !== 'Test') return;
          const got = { maxTime: s.attrs.maxTime, sigtermTime: s.attrs.sigtermTime, decodeRC: s.attrs.decodeRC, warnOnWarnings: s.attrs.warnOnWarnings };
          const want = { maxTime: TEST_CLASS.maxTime, sigtermTime: TEST_CLASS.sigtermTime, decodeRC: TEST_CLASS.decodeRC, warnOnWarnings: true };
          if (!isDeepStrictEqual(got, want)) problems.push(`${b.name}: step ${i + 1}: ${JSON.stringify(got)}`);
        });
      }
      expectNoProblems(problems, 'Test steps');
    });

    it('uploads test results only on real branches, never from refleak builders, to the branch\'s directory (§3.1.5)', () => {
      const problems: string[] = [];
      for (const b of builders()) {
        const uploads = b.steps.filter((s) => s.class === 'UploadTestResults');
        const pr = b.tags[0] === 'PullRequest';
        if (uploads.length && (pr || b.tags.includes('refleak'))) problems.push(`${b.name}: has an upload step`);
        for (const u of uploads) {
          const dest = (u.attrs.masterdest as { interpolate?: string } | undefined)?.interpolate;
          const want = `/data/www/buildbot/test-results/${b.tags[0]}/%(prop:buildername)s/build_%(prop:buildnumber)s.xml`;
          if (dest !== want) problems.push(`${b.name}: masterdest ${dest}`);
        }
      }
      expectNoProblems(problems, 'upload steps');
    });
  });

  describe('fleet-2026 sample builders, step by step (hand-written from §3 and §4)', () => {
    for (const [family, sample] of Object.entries(SAMPLE)) {
      describe(family, () => {
        for (const want of sample) {
          it(want.name, () => {
            expectNoProblems(builderProblems(want, byName().get(want.name), DEFAULT_REPOURL), want.name);
          });
        }
      });
    }

    it('iOS 3.13: IENV keys in the document\'s order', () => {
      const b = byName().get('iOS ARM64 Simulator 3.13');
      const step = b?.steps.find((s) => s.attrs.name === 'Configure host Python');
      expect(Object.keys((step?.attrs.env ?? {}) as object)).toEqual(Object.keys(IENV));
    });
  });

  describe('fleet-2026 schedulers (§5)', () => {
    const find = (name: string) => schedulers().find((s) => s.name === name);
    const members = (s: DumpScheduler | undefined) => s?.builderNames ?? [];

    it('has the 16 schedulers of §5.1, in order', () => {
      expect(schedulers().map((s) => s.name)).toEqual(SCHEDULERS.map((s) => s.name));
    });

    for (const want of SCHEDULERS) {
      it(`${want.name}: class, timer, filter, file rule, ${want.count} members`, () => {
        const s = find(want.name);
        expect(s, `no scheduler ${want.name}`).toBeDefined();
        const problems: string[] = [];
        const check = (field: string, expected: unknown, actual: unknown) => {
          if (!isDeepStrictEqual(expected, actual)) problems.push(`${field}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
        };
        check('class', want.cls, s!.class);
        if (want.base && !s!.mro.includes(want.base)) problems.push(`class: ${s!.class} does not derive from ${want.base}`);
        if (want.treeStableTimer !== null) check('treeStableTimer', want.treeStableTimer, s!.treeStableTimer);
        check('fileIsImportant set', want.fileIsImportant, s!.fileIsImportant);
        if (want.cls !== 'ForceScheduler') {
          check('onlyImportant', false, s!.onlyImportant ?? false);
          check('change filter (accepts pushes to main…3.10, master, a PR change, a change without should_test_pr)', ACCEPTS(want.branch), s!.accepts);
          if (want.branch !== null) {
            // The filter's own description (the probes above check its behaviour on any Buildbot).
            const branchFilters = (s!.change_filter?.filters ?? []).filter((f) => f.prop === 'branch').map((f) => f.values);
            check('change filter branch values', [[want.branch]], branchFilters);
          }
        }
        check('member count', want.count, members(s).length);
        // The document's first and last members (upstream's list order; the generated order is checked below).
        if (want.first !== undefined) check(`has ${want.first}`, true, members(s).includes(want.first));
        if (want.last !== undefined) check(`has ${want.last}`, true, members(s).includes(want.last));
        expectNoProblems(problems, want.name);
      });
    }

    it('puts each branch\'s non-refleak builders, in builder order, in its change scheduler, and its refleak builders in -refleak', () => {
      const ordered = (names: string[]) => inConfigOrder(names.map((n) => TABLE_BY_NAME.get(n)!)).map((b) => b.name);
      for (const branch of BRANCHES.filter((b) => b !== 'PR')) {
        const names = inConfigOrder(onBranch(branch));
        expect(members(find(branch)), branch).toEqual(names.filter((b) => !b.refleak).map((b) => b.name));
        expect(members(find(`${branch}-refleak`)), `${branch}-refleak`).toEqual(ordered(REFLEAK_DEFINITIONS[branch].map((d) => `${d} ${branch}`)));
      }
    });

    it('pull-request-scheduler: the 23 refleak PR builders first, then the 118 others; the 83 stable ones as stable_builder_names', () => {
      const s = find('pull-request-scheduler');
      const pr = inConfigOrder(onBranch('PR'));
      const others = pr.filter((b) => !b.refleak).map((b) => b.name);
      const refleak = inConfigOrder(REFLEAK_DEFINITIONS.PR.map((d) => TABLE_BY_NAME.get(`${d} PR`)!)).map((b) => b.name);
      expect(members(s)).toEqual([...refleak, ...others]);
      expect(s?.stable_builder_names).toEqual(pr.filter((b) => b.stable).map((b) => b.name).sort());
      expect(s?.stable_builder_names).toHaveLength(TOTALS.stablePR);
    });

    it('force: every builder in builder order, a fixed empty reason and one fixed codebase (§5.4)', () => {
      const s = find('force');
      expect(members(s)).toEqual(builders().map((b) => b.name));
      expect(s?.reason).toEqual({ class: FORCE.reason.cls, name: 'reason', label: 'reason', default: '' });
      const cbs = s?.forcedProperties ?? [];
      expect(cbs).toHaveLength(1);
      expect([cbs[0]?.class, cbs[0]?.codebase, cbs[0]?.label]).toEqual(['CodebaseParameter', FORCE.codebase.codebase, FORCE.codebase.label]);
      const fields = (cbs[0]?.fields ?? []).map((f) => [f.name, f.class, f.default]);
      expect(fields.sort()).toEqual(FORCE.codebase.fields.map((f) => [f, 'FixedParameter', '']));
    });

    it('the change schedulers say which changes are important as §5.2 does', () => {
      const want = IMPORTANT_FILES.map(([, important]) => important);
      const problems: string[] = [];
      for (const s of schedulers().filter((x) => x.class === 'SingleBranchScheduler')) {
        IMPORTANT_FILES.forEach(([files], i) => {
          if (s.important?.[i] !== want[i]) problems.push(`${s.name}: ${JSON.stringify(files)} should be ${want[i] ? 'important' : 'unimportant'}`);
        });
      }
      expectNoProblems(problems, 'fileIsImportant');
    });
  });

  describe('fleet-2026 global keys and services (§6), no settings file', () => {
    const g = () => load().dump.globals;

    it('has the global keys of §6.1 with the §6.5 defaults', () => {
      expect({ title: g().title, titleURL: g().titleURL, buildbotURL: g().buildbotURL, db_url: g().db_url })
        .toEqual({ title: GLOBALS.title, titleURL: GLOBALS.titleURL, buildbotURL: GLOBALS.buildbotURL, db_url: GLOBALS.db_url });
      expect(g().protocols.pb).toEqual({ port: GLOBALS.pbPort });
      expect(g().buildbotNetUsageData).toBe(GLOBALS.buildbotNetUsageData);
      expect(g().change_sources).toEqual(GLOBALS.change_sources);
      expect(g().caches).toMatchObject(GLOBALS.caches);
      expect(g().www.port).toBe(GLOBALS.wwwPort);
    });

    it('has the janitor configurator of §6.1 (and only what it adds on top of the fleet)', () => {
      expect(g().configurators).toEqual([{ class: 'JanitorConfigurator', logHorizon: { timedelta_seconds: JANITOR.logHorizonSeconds }, build_data_horizon: null, hour: JANITOR.hour, kwargs: JANITOR.kwargs }]);
      const added = g().added_by_configurators;
      expect([added.workers?.length, added.builders?.length, added.schedulers?.length]).toEqual([1, 1, 2]);
      const d = load().dump;
      expect([d.workers.length, d.builders.length, d.schedulers.length]).toEqual([58, 1037, 18]);
    });

    it('mounts no GitHub change hook without its secret (production falls back to none; issue 13)', () => {
      expect(g().www.change_hook_dialects).toBeUndefined();
    });

    it('takes pull-request changes through the GitHub change hook, strict, with its secret and token (§6.2)', () => {
      const github = load(SETTINGS_YAML).dump.globals.www.change_hook_dialects?.github;
      expect(github).toBeDefined();
      expect({ strict: github.strict, secret: github.secret, token: github.token }).toEqual({ strict: true, secret: true, token: true });
      expect(github.class, 'the custom handler class').toBeTruthy();
    });

    it('has the reporters of §6.3: GitHub status, the PR reporter and Discord (mail and IRC off)', () => {
      expectNoProblems(serviceProblems(g().services, SERVICES_ALWAYS), 'services');
    });
  });

  function serviceProblems(got: Dump['globals']['services'], want: ExpectedService[]): string[] {
    const problems: string[] = [];
    if (got.length !== want.length) problems.push(`expected ${want.length} services, got ${got.map((s) => s.class).join(', ')}`);
    want.forEach((w, i) => {
      const s = got[i];
      if (!s) return;
      if (w.cls && s.class !== w.cls) problems.push(`service ${i + 1}: class ${s.class}, expected ${w.cls}`);
      if (!s.mro.includes(w.base)) problems.push(`service ${i + 1} (${s.class}): does not derive from ${w.base}`);
      const gens = (s.generators ?? []).map((x) => [x.class, Array.isArray(x.builders) ? x.builders.length : null]);
      const wantGens = w.generators.map((x) => [x.cls, x.builders]);
      if (!isDeepStrictEqual(gens, wantGens)) problems.push(`service ${i + 1} (${s.class}): generators ${JSON.stringify(gens)}, expected ${JSON.stringify(wantGens)}`);
    });
    return problems;
  }

  describe('fleet-2026 with a settings file (§6.5)', () => {
    const withSettings = () => load(SETTINGS_YAML).dump;

    it('reads the URLs, ports and git URL from it', () => {
      const g = withSettings().globals;
      expect({ buildbotURL: g.buildbotURL, db_url: g.db_url, pb: g.protocols.pb, www: g.www.port })
        .toEqual({ buildbotURL: SETTINGS.buildbotURL, db_url: SETTINGS.db_url, pb: { port: SETTINGS.pbPort }, www: SETTINGS.wwwPort });
      const repourls = new Set(own(withSettings()).builders.map((b) => b.steps[0]?.attrs.repourl));
      expect([...repourls]).toEqual([SETTINGS.repourl]);
    });

    it('notifies an owner who has an e-mail address, and the status address, about each of their missing workers (§2.1; the status address: issue 13)', () => {
      const { owner, email } = SETTINGS.ownerEmail;
      const problems: string[] = [];
      for (const w of own(withSettings()).workers) {
        const want = w.name.split('-')[0] === owner ? [email, SETTINGS.statusEmail] : [SETTINGS.statusEmail];
        if (!isDeepStrictEqual(w.notify_on_missing, want)) problems.push(`${w.name}: notify_on_missing ${JSON.stringify(w.notify_on_missing)}`);
      }
      expectNoProblems(problems, 'notify_on_missing');
    });

    it('adds the mail and IRC reporters first when they are turned on (§6.3)', () => {
      expectNoProblems(serviceProblems(withSettings().globals.services, [MAIL, IRC, ...SERVICES_ALWAYS]), 'services');
    });

    it('builds the same builders and schedulers as without it (apart from the repository URL)', () => {
      const strip = (bs: DumpBuilder[]) => JSON.stringify(bs).replaceAll(JSON.stringify(SETTINGS.repourl), JSON.stringify(DEFAULT_REPOURL));
      const a = own(withSettings());
      const b = own(load().dump);
      expect(strip(a.builders) === strip(b.builders), 'builders differ with a settings file').toBe(true);
      expect(a.schedulers).toEqual(b.schedulers);
    });
  });
});
