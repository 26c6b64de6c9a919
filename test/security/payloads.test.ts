// Injection payloads in every free-text field: the configs generated from them are loaded
// the way the master loads master.cfg (Buildbot's Python, real buildbot), and nothing
// happens: no module imported, no file created, every value read back as written.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { PAYLOADS } from './arbitraries.js';
import { FAMILIES, length, printable } from './fields.js';
import { baseFleet, expectLocated, generateFleet, type ReadbackCase } from './harness.js';
import { cli, run, tempDir } from '../pipeline/helpers.js';
import { BUILDBOTS, type Buildbot } from '../buildbots.js';
import { writePackage } from '../config-copy.js';

/** A scratch directory where `import pwnmod` works and leaves a trace. */
function scratch() {
  const dir = tempDir('bmg-payload-');
  const lib = join(dir, 'lib');
  const work = join(dir, 'work');
  mkdirSync(lib);
  mkdirSync(work);
  writePackage(work); // the package every master.cfg imports, beside it
  writeFileSync(join(lib, 'pwnmod.py'), `open(${JSON.stringify(join(dir, 'imported'))}, "w").close()\n`);
  const env = { PYTHONPATH: lib, PYBUILDBOT_SETTINGS_PATH: join(dir, 'no-settings.yaml') };
  return { dir, work, env, hit: () => existsSync(join(dir, 'imported')) || existsSync(join(work, 'pwned')) };
}

function load(bb: Buildbot, cases: ReadbackCase[]) {
  const s = scratch();
  const r = spawnSync(bb.python, [join(import.meta.dirname, 'load_configs.py')], { cwd: s.work, env: { ...process.env, ...s.env }, input: JSON.stringify(cases), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  expect(r.status, r.stderr).toBe(0);
  return { ...(JSON.parse(r.stdout) as { loaded: number; failures: unknown[]; imported: string[]; created: string[] }), hit: s.hit() };
}

const freeText = Object.entries(FAMILIES['free text']!);
const cases: ReadbackCase[] = [];
const wrongVerdict: string[] = [];
for (const [field, spec] of freeText) {
  for (const payload of PAYLOADS) {
    const fleet = baseFleet();
    spec.set(fleet, payload);
    const out = generateFleet(fleet);
    const id = `${field}: ${JSON.stringify(payload)}`;
    const { maxLength, multiline, also } = spec.free!;
    const text = printable(payload, multiline) && length(payload) <= maxLength && (also?.(payload) ?? true);
    if (out.ok) cases.push({ id, text: out.text, expect: spec.expect(payload) });
    else expectLocated(out.problems);
    // Printable payloads are text like any other: accepted, and made harmless by escaping.
    if (out.ok !== text) wrongVerdict.push(id);
  }
}

describe.each(BUILDBOTS)('injection payloads in Buildbot $id', (bb) => {
  it('the harness notices a payload that works', () => {
    const base = generateFleet(baseFleet());
    if (!base.ok) throw new Error('base fleet invalid');
    const pasted = `${base.text}\n__import__("pwnmod")\nopen("pwned", "w").close()\n`;
    const r = load(bb, [{ id: 'pasted', text: pasted, expect: [] }]);
    expect(r.imported).toEqual(['pwnmod']);
    expect(r.created).toEqual(['pwned']);
    expect(r.hit).toBe(true);
  });

  it(`${PAYLOADS.length} payloads x ${freeText.length} free-text fields: each config loads in Buildbot's Python, runs nothing, and reads back the payload`, () => {
    expect(wrongVerdict).toEqual([]);
    const r = load(bb, cases);
    expect(r.failures).toEqual([]);
    expect(r.loaded).toBe(cases.length);
    expect(r.imported).toEqual([]);
    expect(r.created).toEqual([]);
    expect(r.hit).toBe(false);
  });

  it('buildbot checkconfig accepts a fleet with a payload in every free-text field at once, and nothing runs', () => {
    const fleet = baseFleet();
    const payload = PAYLOADS[0]!;
    for (const [, spec] of freeText) spec.set(fleet, payload);
    const out = generateFleet(fleet);
    if (!out.ok) throw new Error(JSON.stringify(out.problems));
    const s = scratch();
    writeFileSync(join(s.work, 'master.cfg'), out.text);
    const r = run(bb.buildbot, ['checkconfig', s.work], { cwd: s.work, env: s.env });
    expect(r.stdout + r.stderr).toContain('Config file is good!');
    expect(r.status).toBe(0);
    expect(s.hit()).toBe(false);
  });
});

describe('injection payloads', () => {
  it('through the CLI: a payload that is not printable text exits 2 at its line and writes nothing', () => {
    const dir = tempDir('bmg-payload-cli-');
    const fleet = baseFleet();
    fleet.workers.workers[0]!.notes = PAYLOADS.find((p) => p.includes('\r'))!;
    writeFileSync(join(dir, 'workers.yaml'), stringify(fleet.workers));
    writeFileSync(join(dir, 'builders.yaml'), stringify(fleet.builders));
    const r = cli(['generate'], { cwd: dir });
    expect(r.status).toBe(2);
    const line = readFileSync(join(dir, 'workers.yaml'), 'utf8').split('\n').findIndex((l) => l.includes('notes:')) + 1;
    expect(r.stderr).toMatch(new RegExp(`^workers\\.yaml:${line}:\\d+: .*notes`, 'm'));
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('a problem about a hostile value prints no control character and no line of its own (terminal escapes, CI commands)', () => {
    const dir = tempDir('bmg-payload-cli-');
    const fleet = baseFleet();
    fleet.workers.workers[0]!.notes = 'x\x1b]0;PWNED\x07\x1b[2J\r\n::error file=x::fake annotation\n::add-mask::y';
    writeFileSync(join(dir, 'workers.yaml'), stringify(fleet.workers));
    writeFileSync(join(dir, 'builders.yaml'), stringify(fleet.builders));
    const r = cli(['validate'], { cwd: dir, env: { GITHUB_ACTIONS: 'true' } });
    expect(r.status).toBe(2);
    expect(r.stdout + r.stderr).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
    // Only the CLI's own annotation starts a line with `::`.
    expect((r.stdout + r.stderr).split('\n').filter((l) => l.startsWith('::'))).toEqual([expect.stringMatching(/^::error file=workers\.yaml,line=\d+,col=\d+,/)]);
  });
});
