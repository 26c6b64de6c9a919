// The dumper and the comparison of exact.test.ts, checked on configs that exist today: a
// small hand-written fixture, five 2026 builders written by hand as the document describes
// them, and the 2017 fleet's generated config.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../pipeline/helpers.js';
import { BUILDBOTS } from '../buildbots.js';
import { builderProblems } from './compare.js';
import { dump } from './dump.js';
import { DEFAULT_REPOURL, SAMPLE_BUILDERS, type Builder } from './expected.js';

const FIXTURE = join(ROOT, 'test/fleet-2026/fixture');

/** Load once, when a test first needs it (a failure then fails the tests, not the file). */
function memo<T>(f: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= f());
}

describe.each(BUILDBOTS)('on Buildbot $id', (bb) => {
  describe('dump_config.py on a small fixture', () => {
    const probes = {
      files: [['Doc/a.rst'], ['Lib/os.py'], []],
      changes: [{ branch: 'main' }, { branch: '3.15' }, { branch: 'refs/pull/1/merge', properties: { should_test_pr: true } }],
    };
    const once = memo(() => dump(bb.python, join(FIXTURE, 'master.cfg'), { probes }).dump);
    const steps = () => once().builders[0].steps;

    it('spells renderables out and renders them with the probe properties', () => {
      expect(steps()[1].attrs.command).toEqual(['./configure', { interpolate: '--build=%(prop:build_triple)s', rendered: '--build=aarch64-unknown-linux-gnu' }]);
      expect((steps()[2].attrs.command as unknown[])[1]).toMatchObject({ transform: 'host_triple', rendered: 'aarch64-linux-android' });
      expect(steps()[4].attrs.masterdest).toEqual({ interpolate: '/r/%(prop:buildername)s/build_%(prop:buildnumber)s.xml', rendered: '/r/PROBE/build_7.xml' });
    });

    it('resolves class defaults and normalises flags and decodeRC', () => {
      expect(steps()[1].attrs).toMatchObject({ name: 'configure', haltOnFailure: true, timeout: 1200, workdir: null });
      expect(steps()[3].attrs).toMatchObject({ decodeRC: { 0: 'success', 5: 'warnings' }, description: ['Display build information'], warnOnWarnings: true });
      expect(steps()[4].attrs.doStepIf_probe).toEqual({ 'want_xml_upload=True': true, 'want_xml_upload=False': false, 'want_xml_upload absent': false });
    });

    it('probes schedulers and reports what the janitor configurator added', () => {
      const d = once();
      expect(d.schedulers[0]).toMatchObject({ important: [false, true, false], accepts: [true, false, false], treeStableTimer: 30 });
      expect(d.schedulers[1]).toMatchObject({ accepts: [false, false, true], fileIsImportant: false });
      expect(d.globals.added_by_configurators).toEqual({ workers: ['__Janitor'], builders: ['__Janitor'], schedulers: ['__Janitor', '__Janitor_force'] });
      expect(d.workers[0]).toMatchObject({ name: 'w1', max_builds: 2, keepalive_interval: 60, notify_on_missing: ['a@example.org'] });
    });
  });

  describe('the comparison of exact.test.ts on 2026 builders written by hand', () => {
    const d = memo(() => dump(bb.python, join(FIXTURE, 'mini-2026.cfg')).dump);
    const names = ['AMD64 Fedora Stable 3.x', 'ARM64 Windows Non-Debug PR', 'aarch64 Android 3.x', 'x86 Debian Installed with X 3.12'];
    const want = (name: string) => SAMPLE_BUILDERS.find((b) => b.name === name)!;
    const got = (name: string) => d().builders.find((b) => b.name === name);

    for (const name of names) {
      it(`finds no difference on ${name}`, () => {
        expect(builderProblems(want(name), got(name), DEFAULT_REPOURL)).toEqual([]);
      });
    }

    it('names the builder, the step and the field of a difference', () => {
      const changed: Builder = structuredClone(want('AMD64 Fedora Stable 3.x'));
      changed.steps[5].timeout = 1900;
      changed.steps[0].source!.branch = null;
      changed.tags = ['3.x', 'stable', 'tier-1'];
      expect(builderProblems(changed, got('AMD64 Fedora Stable 3.x'), DEFAULT_REPOURL)).toEqual([
        'AMD64 Fedora Stable 3.x: tags: expected ["3.x","stable","tier-1"], got ["3.x","tier-1","stable"]',
        'AMD64 Fedora Stable 3.x: step 1 (git): branch argument: expected "(none: PR builders check out the change\'s ref)", got "main"',
        'AMD64 Fedora Stable 3.x: step 6 (test): timeout: expected 1900, got 1800',
      ]);
    });
  });

  describe('dump_config.py on the 2017 fleet (out/master.cfg)', () => {
    it('loads every worker, builder and scheduler with its steps', () => {
      const d = dump(bb.python, join(ROOT, 'out/master.cfg')).dump;
      expect(d.workers.length).toBeGreaterThan(0);
      expect(d.builders.length).toBeGreaterThan(0);
      expect(d.schedulers.map((s) => s.name)).toContain('force');
      for (const b of d.builders) expect(b.steps[0].class, b.name).toBe('Git');
      expect(d.globals.title).toBe('Python');
    });
  });
});
