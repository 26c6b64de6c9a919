// Issue 11's "done when": on the 2017 fleet, a maintainer's edit gives a diff a reviewer can
// trust. One flag added to one variant changes at most 20 lines of out/master.cfg; renaming
// one builder definition changes only lines that carry its name, and `check` says "renamed".
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { unifiedDiff } from '../src/cli/out-dir.js';
import { tempDir } from './pipeline/helpers.js';

const ROOT = join(import.meta.dirname, '..');
const committed = readFileSync(join(ROOT, 'out', 'master.cfg'), 'utf8');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A copy of the default fleet with builders.yaml edited, its out/ holding the committed file. */
function fleetWith(edit: (yaml: string) => string): string {
  const dir = tempDir('bmg-diff-');
  dirs.push(dir);
  copyFileSync(join(ROOT, 'workers.yaml'), join(dir, 'workers.yaml'));
  const yaml = readFileSync(join(ROOT, 'builders.yaml'), 'utf8');
  const edited = edit(yaml);
  expect(edited).not.toBe(yaml);
  writeFileSync(join(dir, 'builders.yaml'), edited);
  mkdirSync(join(dir, 'out'));
  writeFileSync(join(dir, 'out', 'master.cfg'), committed);
  return dir;
}

async function cli(args: string[], cwd: string): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await main(args, { out: (s) => void (out += s), err: (s) => void (out += s), env: { NO_COLOR: '1' }, cwd });
  return { code, out };
}

/** The lines a diff removes and adds (what `git diff` shows as changed). */
function changedLines(before: string, after: string): string[] {
  return unifiedDiff('master.cfg', before, after)
    .split('\n')
    .filter((l) => /^[-+]/.test(l) && !/^(---|\+\+\+) /.test(l));
}

async function generated(dir: string): Promise<string> {
  expect((await cli(['generate'], dir)).code).toBe(0);
  return readFileSync(join(dir, 'out', 'master.cfg'), 'utf8');
}

describe('a reviewable diff of out/master.cfg (2017 fleet)', () => {
  it('adding one flag to one variant changes at most 20 lines, and check tells the change once', async () => {
    const dir = fleetWith((y) => y.replace('configure_flags: [--with-pydebug]', 'configure_flags: [--with-pydebug, --with-assertions]'));
    const check = await cli(['check'], dir);
    expect(check.code).toBe(1);
    // Every debug builder (and the refleaks variant, which extends debug), counted once per step version.
    expect(check.out).toMatch(/steps changed \(\d+\):\n {4}debug: configure \+--with-assertions \(\d+ builders\)\n/);
    const lines = changedLines(committed, await generated(dir));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.length, lines.join('\n')).toBeLessThanOrEqual(20);
    expect(lines.filter((l) => l.includes('--with-assertions')).length).toBeGreaterThan(0);
    // Only STEPS entries (one a line, `"<key>": {...}`): no builder row (`{"name": ...}`) changed.
    expect(lines.filter((l) => /^[-+] {4}\{"name"/.test(l))).toEqual([]);
    expect(lines.every((l) => /^[-+] {4}"(?:[^"\\]|\\.)*": \{"name": "configure"/.test(l)), lines.join('\n')).toBe(true);
  });

  it('renaming one builder definition changes only lines that carry its name, and check reports a rename', async () => {
    const dir = fleetWith((y) => y.replace('name: x86 Tiger,', 'name: x86 Mac OS X Tiger,'));
    const check = await cli(['check'], dir);
    expect(check.code).toBe(1);
    expect(check.out).toMatch(/builders renamed \(5\):\n {4}x86 Mac OS X Tiger \(2\.7, 3\.5, 3\.6, 3\.x, custom\): was x86 Tiger; Buildbot starts a new build history under the new name\n/);
    expect(check.out).not.toMatch(/builders (added|removed)/);
    const lines = changedLines(committed, await generated(dir));
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(l, l).toMatch(l.startsWith('-') ? /x86 Tiger/ : /x86 Mac OS X Tiger/);
    // Each removed line comes back with only the name changed: no directory, step or worker moved.
    const removed = lines.filter((l) => l.startsWith('-')).map((l) => l.slice(1).replaceAll('x86 Tiger', 'x86 Mac OS X Tiger'));
    expect(removed.sort()).toEqual(lines.filter((l) => l.startsWith('+')).map((l) => l.slice(1)).sort());
  });
});
