// `changes BASE`: what the declarations change compared with another master.cfg, in text
// and in Markdown (a pull request's job summary), with renamed builders recognised.
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { code } from '../src/explain/drift-markdown.js';

const ROOT = join(import.meta.dirname, '..');
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function fleet(edit?: (builders: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'changes-'));
  dirs.push(dir);
  copyFileSync(join(ROOT, 'workers.yaml'), join(dir, 'workers.yaml'));
  cpSync(join(ROOT, 'out'), join(dir, 'out'), { recursive: true });
  copyFileSync(join(ROOT, 'out', 'master.cfg'), join(dir, 'base.cfg'));
  const builders = readFileSync(join(ROOT, 'builders.yaml'), 'utf8');
  const edited = edit ? edit(builders) : builders;
  if (edit) expect(edited).not.toBe(builders);
  writeFileSync(join(dir, 'builders.yaml'), edited);
  return dir;
}

async function cli(cwd: string, argv: string[], env: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => void (out += s), err: (s) => void (err += s), env: { NO_COLOR: '1', ...env }, cwd });
  return { code, out, err };
}

describe('changes', () => {
  it('no change: says so', async () => {
    const r = await cli(fleet(), ['changes', 'base.cfg']);
    expect(r).toMatchObject({ code: 0, out: 'No builder, worker or scheduler changes.\n' });
    const md = await cli(fleet(), ['changes', 'base.cfg', '--markdown']);
    expect(md.out).toBe('## What this change does to the fleet (out/master.cfg)\n\nNo builder, worker or scheduler changes (162 → 162 builders).\n\n');
  });

  it('a renamed definition is a rename (its directories stay), not five removals and five additions', async () => {
    const dir = fleet((b) => b.replace('{ name: AMD64 Windows8, worker', '{ name: AMD64 Windows 8, worker'));
    const r = await cli(dir, ['changes', 'base.cfg']);
    expect(r.out).toContain('builders renamed (5):\n    AMD64 Windows 8 (2.7, 3.5, 3.6, 3.x, custom): was AMD64 Windows8; Buildbot starts a new build history under the new name\n');
    expect(r.out).not.toContain('builders added');
    const md = await cli(dir, ['changes', 'base.cfg', '--markdown']);
    expect(md.out).toContain('**Builders renamed (5)**\n\n- `AMD64 Windows 8` on `2.7`, `3.5`, `3.6`, `3.x`, `custom`: was AMD64 Windows8; Buildbot starts a new build history under the new name\n');
  });

  it('a new directory is not a rename: removed and added, and the directory change flagged on a rename that also moves', async () => {
    const dir = fleet((b) => b.replace('{ name: x86 Gentoo Installed with X, worker: ware-gentoo-x86, variant: installed, stability: stable, suffix: .installed }', '{ name: x86 Gentoo Installed, worker: ware-gentoo-x86, variant: installed, stability: stable, suffix: .inst }'));
    const r = await cli(dir, ['changes', 'base.cfg']);
    expect(r.out).toMatch(/builders added \(5\):\n {4}x86 Gentoo Installed \(2\.7, 3\.5, 3\.6, 3\.x, custom\)\n/);
    expect(r.out).toMatch(/builders removed \(5\):\n {4}x86 Gentoo Installed with X \(2\.7, 3\.5, 3\.6, 3\.x, custom\)\n/);
  });

  it('under GitHub Actions the Markdown goes to the job summary, and the log keeps the text', async () => {
    const dir = fleet((b) => b.replace('test_timeout: 1800', 'test_timeout: 2400'));
    const summary = join(dir, 'summary.md');
    writeFileSync(summary, '# earlier steps\n');
    const r = await cli(dir, ['changes', 'base.cfg'], { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary });
    expect(r.code).toBe(0);
    // What changed inside the step comes first, once, with how many builders it touches.
    expect(r.out).toMatch(/^What changed:\n {2}steps changed \(1\):\n {4}debug: test \+TESTTIMEOUT=\d+ -TESTTIMEOUT=\d+, timeout \d+ → \d+ \(5 builders\)\n {2}builders changed \(5\):\n {4}x86 Tiger/);
    const md = readFileSync(summary, 'utf8');
    expect(md).toMatch(/^# earlier steps\n## What this change does to the fleet \(out\/master\.cfg\)\n\nBuilders: 5 changed \(162 → 162 builders\)\.\n/);
    expect(md).toContain('- `x86 Tiger` on `2.7`, `3.5`, `3.6`, `3.x`, `custom`: steps (test)');
    expect(md).not.toMatch(/^::/m);
  });

  it.each([
    ['nowhere.cfg', 'cannot read nowhere.cfg: no such file'],
    ['workers.yaml', 'workers.yaml is not a master.cfg buildmaster-gen can read back'],
  ])('a base that is not a master.cfg (%s) is a clear error', async (base, message) => {
    const r = await cli(fleet(), ['changes', base]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('names with backquotes stay whole in Markdown code spans', () => {
    expect(code('x86 Tiger')).toBe('`x86 Tiger`');
    expect(code('a`b')).toBe('`` a`b ``');
    expect(code('``x')).toBe('``` ``x ```');
  });
});
