// The live 2026 fleet (fleets/cpython-2026), which its owners change every week, is held by
// invariants, never by its contents (those are pinned on the frozen snapshot: exact.test.ts):
// it validates with --strict, its out/ is what it generates, Buildbot's checkconfig and
// pyflakes accept it. And a new owner's worker with three builders (the YAML and the
// regenerated out/, nothing else) keeps all of that true, changes no other builder as
// Buildbot loads it, and breaks no test. See docs/living-fleet.md.
import { appendFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFleet } from '../../src/pipeline.js';
import { BUILDBOTS, type Buildbot } from '../buildbots.js';
import { cli, tempDir, run } from '../pipeline/helpers.js';
import { dump, type DumpBuilder } from './dump.js';
import { LIVE_2026 } from './snapshot.js';

const LIVE_OUT = join(LIVE_2026, 'out');
const COUNTS = /\((\d+) builders on (\d+) workers\)/;

function checkconfig(bb: Buildbot, out: string, settings?: string) {
  const dir = tempDir('bmg-2026-');
  cpSync(out, dir, { recursive: true });
  const settingsPath = join(dir, 'settings.yaml');
  if (settings !== undefined) writeFileSync(settingsPath, settings);
  return run(bb.buildbot, ['checkconfig', dir], { env: { PYBUILDBOT_SETTINGS_PATH: settingsPath } });
}

describe('the live 2026 fleet as committed', () => {
  it('validates with --strict: no error, no warning', () => {
    const r = cli(['validate', '--strict', '--fleet', 'fleets/cpython-2026']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^ok: \d+ builders on \d+ workers\n$/);
    expect(r.status).toBe(0);
  });

  it('out/master.cfg is what its declarations generate (check exits 0)', () => {
    const r = cli(['check', '--fleet', 'fleets/cpython-2026']);
    expect(r.stdout).toMatch(/^ok: fleets\/cpython-2026\/out\/master\.cfg is up to date \(\d+ builders on \d+ workers\)\n$/);
    expect(r.status).toBe(0);
  });
});

describe.each(BUILDBOTS)('the live 2026 fleet under Buildbot $id', (bb) => {
  it('checkconfig accepts it with no settings file', () => {
    const r = checkconfig(bb, LIVE_OUT);
    expect(r.stdout + r.stderr).toContain('Config file is good!');
    expect(r.stderr).toContain('no settings file');
    expect(r.status).toBe(0);
  }, 120_000);

  it('checkconfig accepts it with a settings file (passwords, mail and IRC on, a hook secret)', () => {
    const r = checkconfig(bb, LIVE_OUT, `
worker_port: 19021
web_port: 19011
buildbot_url: https://buildbot.example.org/
owners:
  cstratak: { password: owner-secret, email: cstratak@example.org }
send_mail: true
status_email: status@example.org
irc_notice: true
irc_host: irc.example.org
irc_channel: "#python-dev-notifs"
irc_nick: py-bb
github_change_hook_secret: hook-secret
github_status_token: token
discord_webhook: https://discord.example.org/hook
`);
    expect(r.stdout + r.stderr).toContain('Config file is good!');
    expect(r.stderr).not.toContain('no settings file');
    expect(r.status).toBe(0);
  }, 120_000);

  it('pyflakes finds nothing', () => {
    const r = run(bb.python, ['-m', 'pyflakes', join(LIVE_OUT, 'master.cfg')]);
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

// The trial of issue 17: an aarch64 Fedora machine of a new owner, three builders (an owner
// name the live fleet does not use yet, should someone of that name join it).
const liveWorkers = readFileSync(join(LIVE_2026, 'workers.yaml'), 'utf8');
const OWNER = ['newowner', 'newowner2', 'newowner3', 'newowner4'].find((o) => !liveWorkers.includes(`owner: ${o}\n`))!;
const NEW_WORKER = `${OWNER}-fedora-aarch64`;
const WORKER_YAML = `  - name: ${NEW_WORKER}
    owner: ${OWNER}
    os: { family: linux, distribution: fedora, version: "43" }
    arch: aarch64
    tags: [linux, unix, fedora, arm64, aarch64]
    parallel: 4
`;
const NEW_DEFS = ['aarch64 Fedora 43', 'aarch64 Fedora 43 Refleaks', 'aarch64 Fedora 43 Clang'].map((n) => `${n} (${OWNER})`);
const BUILDERS_YAML = [
  `  - { name: ${NEW_DEFS[0]}, worker: ${NEW_WORKER}, variant: fedora, tier: tier-2, stability: unstable }`,
  `  - { name: ${NEW_DEFS[1]}, worker: ${NEW_WORKER}, variant: refleak, tier: tier-2, stability: unstable }`,
  `  - { name: ${NEW_DEFS[2]}, worker: ${NEW_WORKER}, variant: clang, tier: tier-2, stability: unstable }`,
].join('\n') + '\n';

/** `text` added at the start of the top-level list `key:` of `file`. */
function addToList(file: string, key: string, text: string) {
  const yaml = readFileSync(file, 'utf8');
  const at = new RegExp(`^${key}:\\n`, 'm').exec(yaml);
  expect(at, `${file} has a top-level \`${key}:\` list`).not.toBeNull();
  const end = at!.index + at![0].length;
  writeFileSync(file, yaml.slice(0, end) + text + yaml.slice(end));
}

/** A copy of the live fleet (declarations and the committed out/) with the new worker and its builders in the YAML. */
function withNewWorker(): string {
  const dir = tempDir('bmg-live-2026-');
  cpSync(LIVE_2026, dir, { recursive: true });
  addToList(join(dir, 'workers.yaml'), 'workers', WORKER_YAML);
  addToList(join(dir, 'builders.yaml'), 'builders', BUILDERS_YAML);
  // The request form's public half: the new owner in the owners table (the end of the file).
  appendFileSync(join(dir, 'workers.yaml'), `  ${OWNER}: { github: ${OWNER}, name: New Owner }\n`);
  return dir;
}

let regenerated: string | undefined;
/** The copy with out/ regenerated (made once). */
function regeneratedCopy(): string {
  if (regenerated) return regenerated;
  const dir = withNewWorker();
  const r = cli(['generate', '--fleet', '.'], { cwd: dir });
  expect(r.status, r.stderr).toBe(0);
  return (regenerated = dir);
}

describe('a new owner adds a worker with three builders to a copy of the live fleet', () => {
  it('check names the stale out/master.cfg until it is regenerated; then validate --strict and check pass, with the new builders counted', () => {
    const before = COUNTS.exec(cli(['check', '--fleet', 'fleets/cpython-2026']).stdout);
    expect(before).not.toBeNull();
    const dir = withNewWorker();
    const stale = cli(['check', '--fleet', '.'], { cwd: dir });
    expect(stale.stderr).toContain('out/master.cfg is out of date');
    expect(stale.stdout).toContain(NEW_DEFS[0]);
    expect(stale.status).toBe(1);

    const strict = cli(['validate', '--strict', '--fleet', '.'], { cwd: dir });
    expect(strict.stderr).toBe('');
    expect(strict.status).toBe(0);

    const gen = cli(['generate', '--fleet', '.'], { cwd: dir });
    expect(gen.status, gen.stderr).toBe(0);
    const g = loadFleet({ workers: join(dir, 'workers.yaml'), builders: join(dir, 'builders.yaml') });
    const added = g.matrix.builders.filter((b) => b.worker === NEW_WORKER);
    for (const def of NEW_DEFS) expect(added.filter((b) => b.name.startsWith(`${def} `)).length, def).toBeGreaterThan(0);
    expect(COUNTS.exec(gen.stdout)!.slice(1).map(Number)).toEqual([Number(before![1]) + added.length, Number(before![2]) + 1]);

    const check = cli(['check', '--fleet', '.'], { cwd: dir });
    expect(check.stdout).toMatch(/^ok: out\/master\.cfg is up to date/);
    expect(check.status).toBe(0);
  });

  it.each(BUILDBOTS)('Buildbot $id loads it: the new builders on the new worker, every other builder exactly as before', (bb) => {
    const dir = regeneratedCopy();
    const was = dump(bb.python, join(LIVE_OUT, 'master.cfg')).dump;
    const now = dump(bb.python, join(dir, 'out', 'master.cfg')).dump;
    const fresh = now.builders.filter((b) => !was.builders.some((w) => w.name === b.name));
    expect(fresh.length).toBeGreaterThanOrEqual(NEW_DEFS.length);
    for (const b of fresh) expect([b.name, b.workernames], b.name).toEqual([b.name, [NEW_WORKER]]);
    for (const def of NEW_DEFS) expect(fresh.some((b) => b.name.startsWith(`${def} `)), def).toBe(true);
    const byName = new Map<string, DumpBuilder>(now.builders.map((b) => [b.name, b]));
    const differ = was.builders.filter((b) => JSON.stringify(byName.get(b.name)) !== JSON.stringify(b)).map((b) => b.name);
    expect(differ, 'builders that the change does not touch').toEqual([]);
    expect(now.workers.map((w) => w.name).sort()).toEqual([...was.workers.map((w) => w.name), NEW_WORKER].sort());
    const r = run(bb.python, ['-m', 'pyflakes', join(dir, 'out', 'master.cfg')]);
    expect(r.stdout + r.stderr).toBe('');
  }, 400_000); // two loads of the whole fleet: ~6 s each on an idle machine
});
