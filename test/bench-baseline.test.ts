// The benchmark's hand-written baselines (bench/baseline.mjs for the 2017 fleet,
// bench/baseline-2026.mjs for the 2026 fleet) give Buildbot the same workers, builders
// (with their steps), locks and schedulers as the generated configs, by
// bench/compare_configs.py `same` on Debian's Buildbot 3.7; and the comparison is strict:
// a baseline altered in one place (a flag, a downtime window, a computed argument, an
// ignored file suffix, a worker option) is reported as different. The 2026 fleet is its
// frozen snapshot (test/fixtures/cpython-2026-af48ad7), whose counts the tests pin.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript modules of the benchmark, without types
import { baselineConfig } from '../bench/baseline.mjs';
// @ts-expect-error: as above
import { baseline2026Config } from '../bench/baseline-2026.mjs';
import { loadFleet } from '../src/pipeline.js';
import { PYTHON, ROOT, run, tempDir } from './pipeline/helpers.js';
import { SETTINGS_YAML as SETTINGS_2026 } from './fleet-2026/expected/globals.js';
import { SNAPSHOT_BUILDERS, SNAPSHOT_WORKERS, snapshotConfig } from './fleet-2026/snapshot.js';

const COMPARE = join(ROOT, 'bench/compare_configs.py');
// No settings file: both configs start with the defaults.
const ENV = { PYBUILDBOT_SETTINGS_PATH: '/nonexistent/settings.yaml' };

const FLEETS = {
  '2017': {
    generated: () => join(ROOT, 'out/master.cfg'),
    baseline: () => baselineConfig(loadFleet({ workers: join(ROOT, 'workers.yaml'), builders: join(ROOT, 'builders.yaml') }).fleet) as string,
  },
  '2026': {
    generated: snapshotConfig,
    baseline: () => baseline2026Config(loadFleet({ workers: SNAPSHOT_WORKERS, builders: SNAPSHOT_BUILDERS }).fleet) as string,
  },
};

const texts = new Map<string, string>();
const baselineText = (fleet: keyof typeof FLEETS) => {
  if (!texts.has(fleet)) texts.set(fleet, FLEETS[fleet].baseline());
  return texts.get(fleet)!;
};

function same(fleet: keyof typeof FLEETS, text: string, settings?: string) {
  const dir = tempDir('bmg-baseline-');
  const file = join(dir, 'master.cfg');
  writeFileSync(file, text);
  let env = ENV;
  if (settings !== undefined) {
    env = { PYBUILDBOT_SETTINGS_PATH: join(dir, 'settings.yaml') };
    writeFileSync(env.PYBUILDBOT_SETTINGS_PATH, settings);
  }
  const r = run(PYTHON, [COMPARE, 'same', FLEETS[fleet].generated(), file], { env });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, summary: r.status === 0 || r.status === 1 ? JSON.parse(r.stdout) : undefined };
}

/** `text` with `from` (which must occur exactly once) replaced by `to`. */
function alter(text: string, from: string, to: string): string {
  expect(text.split(from).length - 1, `${JSON.stringify(from)} occurs once in the baseline`).toBe(1);
  return text.replace(from, to);
}

describe('the hand-written baselines', () => {
  it.each([
    { fleet: '2017' as const, workers: 29, builders: 162 },
    // + Buildbot's janitor (a worker, a builder and two schedulers of its own)
    { fleet: '2026' as const, workers: 58, builders: 1037 },
  ])('give Buildbot the same objects as the generated $fleet config', ({ fleet, workers, builders }) => {
    const r = same(fleet, baselineText(fleet));
    expect(r.stderr).toBe('');
    expect(r.summary).toMatchObject({ same: true, workers, builders, differences: 0 });
    expect(r.status).toBe(0);
  }, 120_000);

  it('give Buildbot the same objects as the generated 2026 config with a settings file (passwords, reporters, web hooks)', () => {
    const r = same('2026', baselineText('2026'), SETTINGS_2026);
    expect(r.stderr).toBe('');
    expect(r.summary).toMatchObject({ same: true, differences: 0 });
    expect(r.status).toBe(0);
  }, 120_000);

  it('the 2026 baseline writes its steps with factory classes, not the generated tables', () => {
    const text = baselineText('2026');
    expect(text).toMatch(/^class UnixBuild\(BaseBuild\):$/m);
    expect(text).toMatch(/^class Windows64RefleakBuild\(Windows64Build\):$/m);
    expect(text).toContain('("AMD64 Arch Linux TraceRefs", "pablogsal-arch-x86_64", UnixTraceRefsBuild,');
    expect(text).not.toMatch(/^STEPS = /m);
  });

  it.each([
    { fleet: '2017' as const, what: 'the test runner -j flag removed', from: ' + ["-j%d" % TEST_JOBS] + jobs)', to: ' + jobs)', differs: /builders '.*' differs/ },
    { fleet: '2026' as const, what: 'a configure flag removed', from: ', "--with-trace-refs"]', to: ']', differs: /builders 'AMD64 Arch Linux TraceRefs 3\.x' differs/ },
    { fleet: '2026' as const, what: 'a downtime window moved', from: 'downtime=downtime("22:00"', to: 'downtime=downtime("23:00"', differs: /builders 'aarch64 Ubuntu 24\.04 BigMem 3\.x' differs/ },
    { fleet: '2026' as const, what: 'the Android host triple computed differently', from: '+ "-linux-android"', to: '+ "-linux-androideabi"', differs: /builders 'AMD64 Android 3\.x' differs/ },
    { fleet: '2026' as const, what: 'an ignored file suffix dropped', from: '".md", ".rst"', to: '".rst"', differs: /schedulers '3\.10' differs/ },
    { fleet: '2026' as const, what: 'the workers\u2019 keepalive interval dropped', from: '            keepalive_interval=MASTER["keepalive_interval"],\n', to: '', differs: /workers 'angelico-debian-amd64' differs/ },
    { fleet: '2026' as const, what: 'the stable builders left out of the reporters', from: '(STABLE_PR_BUILDERS if branch.is_pr else STABLE_BUILDERS).append', to: '(STABLE_PR_BUILDERS if branch.is_pr else []).append', differs: /services 'GitHubStatusPush' differs/ },
  ])('report the $fleet baseline with $what as different', ({ fleet, from, to, differs }) => {
    const r = same(fleet, alter(baselineText(fleet), from, to));
    expect(r.stderr).toMatch(differs);
    expect(r.summary?.same).toBe(false);
    expect(r.status).toBe(1);
  }, 120_000);
});
