// Sorting for people: natural order of names, version order of branches, and a matrix that
// fits in 120 columns.
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import type { MatrixJson } from '../src/explain/matrix.js';
import { table } from '../src/explain/table.js';
import { branchOrder, naturalCompare } from '../src/model/sort.js';

const ROOT = join(import.meta.dirname, '..');
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

async function cli(cwd: string, ...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => void (out += s), err: (s) => void (err += s), env: { NO_COLOR: '1' }, cwd });
  return { code, out, err };
}

/** The default fleet with 3.x moved on to 3.11 and branches 3.9 and 3.10 added. */
function fleetWith310(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sort-'));
  dirs.push(dir);
  copyFileSync(join(ROOT, 'workers.yaml'), join(dir, 'workers.yaml'));
  cpSync(join(ROOT, 'out'), join(dir, 'out'), { recursive: true });
  const builders = readFileSync(join(ROOT, 'builders.yaml'), 'utf8')
    .replace('    version: "3.7"          # bump with each release', '    version: "3.11"')
    .replace('  "3.6":\n', '  "3.10":\n    git_branch: "3.10"\n    version: "3.10"\n  "3.9":\n    git_branch: "3.9"\n    version: "3.9"\n  "3.6":\n')
    .replace('hour: { "2.7": 12, "3.5": 13, "3.6": 14, "3.x": 15 }', 'hour: { "2.7": 12, "3.5": 13, "3.6": 14, "3.9": 16, "3.10": 17, "3.x": 15 }');
  expect(builders).toContain('"3.10": 17');
  expect(builders).toContain('version: "3.11"');
  writeFileSync(join(dir, 'builders.yaml'), builders);
  return dir;
}

describe('natural order', () => {
  it.each([
    ['AMD64 Windows8 3.x', 'AMD64 Windows10 3.x'],
    ['koobs-freebsd9', 'koobs-freebsd10'],
    ['koobs-freebsd10', 'koobs-freebsd-current'],
    ['x86 Tiger 3.9', 'x86 Tiger 3.10'],
    ['x86 Tiger 3.10', 'x86 Tiger 3.x'],
    ['x86 Tiger 3.x', 'x86 Tiger custom'],
    ['bolen-dmg-3.9', 'bolen-dmg-3.10'],
    ['a', 'B'],
    ['v7', 'v07'],
  ])('%s before %s', (a, b) => {
    expect(naturalCompare(a, b)).toBeLessThan(0);
    expect(naturalCompare(b, a)).toBeGreaterThan(0);
  });

  it('is a total order that sorts the same whatever the input order', () => {
    const names = ['x86 Tiger 3.10', 'x86 Tiger custom', 'x86 Tiger 2.7', 'x86 Tiger 3.x', 'x86 Tiger 3.9', 'X86 tiger 3.9'];
    const once = [...names].sort(naturalCompare);
    expect([...names].reverse().sort(naturalCompare)).toEqual(once);
    expect(once).toEqual(['x86 Tiger 2.7', 'X86 tiger 3.9', 'x86 Tiger 3.9', 'x86 Tiger 3.10', 'x86 Tiger 3.x', 'x86 Tiger custom']);
  });
});

describe('branch order', () => {
  it('version order, the main branch by its version, tracking branches last', () => {
    const b = (name: string, version: string) => ({ name, version });
    const order = branchOrder([b('custom', '3.11'), b('3.x', '3.11'), b('3.10', '3.10'), b('2.7', '2.7'), b('3.9', '3.9'), b('main', '3.12'), b('3.6', '3.6')]);
    expect(order.map((x) => x.name)).toEqual(['2.7', '3.6', '3.9', '3.10', '3.x', 'custom', 'main']);
  });

  it('the trial: matrix columns, explain rows and messages list 3.10 after 3.9', async () => {
    const dir = fleetWith310();
    const m = await cli(dir, 'matrix');
    expect(m.code).toBe(0);
    // Branches that do not fit in 120 columns go on in a second table, in the same order.
    const headers = m.out.split('\n').filter((l) => l.startsWith('worker '));
    expect(headers.flatMap((h) => h.split(/ +/).slice(1)).join(' ')).toBe('2.7 3.5 3.6 3.9 3.10 3.x custom');
    const j = JSON.parse((await cli(dir, 'matrix', '--json')).out) as MatrixJson;
    expect(j.branches).toEqual(['2.7', '3.5', '3.6', '3.9', '3.10', '3.x', 'custom']);
    const e = await cli(dir, 'explain', 'x86 Tiger');
    expect(e.out.match(/^ {2}(\S+) +built /gm)!.map((l) => l.trim().split(/\s+/)[0])).toEqual(['2.7', '3.5', '3.6', '3.9', '3.10', '3.x', 'custom']);
    const w = await cli(dir, 'explain', 'bolen-tiger');
    expect(w.out.split('\n').filter((l) => /^x86 Tiger \S+$/.test(l))).toEqual(['x86 Tiger 2.7', 'x86 Tiger 3.5', 'x86 Tiger 3.6', 'x86 Tiger 3.9', 'x86 Tiger 3.10', 'x86 Tiger 3.x', 'x86 Tiger custom']);
    const none = await cli(dir, 'explain', 'x86 Tiger 4.0');
    expect(none.err).toContain('(branches: 2.7, 3.5, 3.6, 3.9, 3.10, 3.x, custom)');
  });

  it('the drift summary groups branches in the same order', async () => {
    const dir = fleetWith310();
    const r = await cli(dir, 'check');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^ {4}x86 Tiger \(3\.9, 3\.10\)$/m);
    expect(r.out).toMatch(/^ {4}x86 Gentoo Installed with X \(3\.x, custom\): steps \(test\)$/m);
    // Names in natural order: Windows8, Windows8.1, Windows10.
    const added = r.out.split('\n').filter((l) => /^ {4}AMD64 Windows/.test(l));
    expect(added).toEqual(['    AMD64 Windows7 SP1 (3.9, 3.10)', '    AMD64 Windows8 (3.9, 3.10)', '    AMD64 Windows8.1 Non-Debug (3.9, 3.10)', '    AMD64 Windows8.1 Refleaks (3.9, 3.10)', '    AMD64 Windows10 (3.9, 3.10)']);
  });
});

describe('matrix width', () => {
  it('the trial: the 2017 fleet\'s matrix fits in 120 columns', async () => {
    const r = await cli(ROOT, 'matrix');
    const widest = Math.max(...r.out.split('\n').map((l) => l.length));
    expect(widest).toBeLessThanOrEqual(120);
    // Nothing is lost: every variant of every cell is still there, in its column.
    const j = JSON.parse((await cli(ROOT, 'matrix', '--json')).out) as MatrixJson;
    for (const w of j.workers) {
      const start = r.out.split('\n').findIndex((l) => l.startsWith(`${w.name} `));
      expect(start, w.name).toBeGreaterThan(1);
    }
  });

  it('with more branches than fit, every column narrows to its longest word, and no word is cut', async () => {
    const r = await cli(fleetWith310(), 'matrix');
    // ... and the branches that still do not fit go to the next table: none is wider than 120.
    const rules = r.out.split('\n').filter((l) => /^-+ /.test(l));
    expect(rules.length).toBeGreaterThan(1);
    const widths = rules.flatMap((rule) => rule.split('  ').slice(1).map((c) => c.length));
    expect(widths).toHaveLength(7);
    for (const w of widths) expect(w).toBeGreaterThanOrEqual('win64-refleaks'.length);
    expect(Math.max(...r.out.split('\n').map((l) => l.length))).toBeLessThanOrEqual(120);
    expect(r.out).toContain(' win64-refleaks');
  });

  it('wraps cells at spaces, never below their longest word, and keeps columns aligned', () => {
    const lines = table(['worker', 'a', 'b'], [['w1', 'one two three', 'x'], ['w2', 'four', 'five six']], 16);
    expect(lines).toEqual(['worker  a      b', '------  -----  ----', 'w1      one    x', '        two', '        three', 'w2      four   five', '               six']);
  });

  it('--json carries each builder\'s stability and tags', async () => {
    const j = JSON.parse((await cli(ROOT, 'matrix', '--json')).out) as MatrixJson;
    const cells = j.workers.flatMap((w) => Object.values(w.builders).flat());
    expect(cells.find((c) => c.name === 'AMD64 Windows8 3.x')).toMatchObject({ stability: 'stable', tags: expect.arrayContaining(['3.x', 'stable']) });
    expect(cells.find((c) => c.name === 'x86 Windows XP VS9.0 2.7')).toMatchObject({ stability: 'unstable', tags: expect.arrayContaining(['unstable', 'vs9']) });
    expect(cells.every((c) => c.stability === 'stable' || c.stability === 'unstable')).toBe(true);
    expect(j.workers.map((w) => w.name).filter((n) => n.startsWith('bolen-windows'))).toEqual(['bolen-windows', 'bolen-windows7', 'bolen-windows8', 'bolen-windows10']);
  });
});
