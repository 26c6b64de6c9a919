// `explain` and `matrix` must tell a worker owner exactly what master.cfg will run: both
// are checked against the BUILDERS table of the committed out/master.cfg (its step keys
// resolved through STEPS), read back with the Python-literal parser (the committed file is
// current: see `check` in CI).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { commandLine } from '../src/explain/describe.js';
import type { MatrixJson } from '../src/explain/matrix.js';
import { readAssignment } from '../src/explain/pyliteral.js';
import { tableRecords } from '../src/explain/drift.js';
import type { Step } from '../src/model/types.js';
import { naturalCompare } from '../src/model/sort.js';

const ROOT = join(import.meta.dirname, '..');
const cfg = readFileSync(join(ROOT, 'out', 'master.cfg'), 'utf8');
type B = { name: string; worker: string; branch: string; variant: string; builddir: string; scheduler: string; steps: Step[] };
const BUILDERS = tableRecords(cfg, 'BUILDERS') as unknown as B[];
const WORKERS = readAssignment(cfg, 'WORKERS') as { name: string; online: boolean }[];
const SCHEDULERS = tableRecords(cfg, 'SCHEDULERS') as unknown as { name: string; git_branch?: string; builders: string[] }[];
const gitBranch = (b: B) => SCHEDULERS.find((s) => s.builders.includes(b.name) && s.git_branch)!.git_branch!;

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => void (out += s), err: (s) => void (err += s), env: { NO_COLOR: '1' }, cwd: ROOT });
  return { code, out, err };
}

describe('matrix', () => {
  it('--json lists exactly the builders of master.cfg, each in its worker and branch cell', async () => {
    const r = await cli('matrix', '--json');
    expect(r.code).toBe(0);
    const m = JSON.parse(r.out) as MatrixJson;
    const cells = m.workers.flatMap((w) => Object.entries(w.builders).flatMap(([branch, cs]) => cs.map((c) => ({ ...c, worker: w.name, branch }))));
    expect(cells.map((c) => c.name).sort()).toEqual(BUILDERS.map((b) => b.name).sort());
    for (const c of cells) {
      const b = BUILDERS.find((x) => x.name === c.name)!;
      expect({ worker: c.worker, branch: c.branch, variant: c.variant, builddir: c.builddir, scheduler: c.scheduler }).toEqual({
        worker: b.worker,
        branch: b.branch,
        variant: b.variant,
        builddir: b.builddir,
        scheduler: `${b.branch}-${b.scheduler}`,
      });
    }
    // Workers in natural order (bolen-windows8 before bolen-windows10).
    expect(m.workers.map((w) => [w.name, w.online])).toEqual([...WORKERS].sort((a, b) => naturalCompare(a.name, b.name)).map((w) => [w.name, w.online]));
    expect(m.workers.filter((w) => !w.online).map((w) => w.name)).toEqual(['cea-indiana-amd64', 'cea-indiana-x86']);
  });

  it('prints a worker x branch table with offline workers marked', async () => {
    const r = await cli('matrix');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(/^worker +2\.7 +3\.5 +3\.6 +3\.x +custom$/);
    // A cell too wide for 120 columns wraps onto the next line, under its branch.
    const at = lines.findIndex((l) => l.startsWith('bolen-windows '));
    expect(lines[at]).toMatch(/^bolen-windows +win32-debug +- +- +- +-$/);
    expect(lines[at + 1]).toMatch(/^ +win32-vs9$/);
    expect(lines[at + 1]!.indexOf('win32-vs9')).toBe(lines[0]!.indexOf('2.7'));
    expect(lines.find((l) => l.startsWith('cea-indiana-x86'))).toMatch(/^cea-indiana-x86 \(offline\) +debug/);
    expect(r.out).toContain(`${BUILDERS.length} builders on ${WORKERS.length} workers (2 offline)`);
  });
});

describe('explain <worker>', () => {
  it.each(WORKERS.map((w) => w.name))('%s: every builder master.cfg gives it, with every command', async (worker) => {
    const r = await cli('explain', worker);
    expect(r.code).toBe(0);
    const names = new Set(BUILDERS.map((b) => b.name));
    // A builder's block starts with its name on a line of its own.
    const shown = r.out.split('\n').filter((l) => names.has(l));
    const mine = BUILDERS.filter((b) => b.worker === worker);
    expect(shown.sort()).toEqual(mine.map((b) => b.name).sort());
    for (const b of mine) {
      const start = r.out.indexOf(`\n${b.name}\n`) + 1;
      const block = r.out.slice(start, r.out.indexOf('\n\n', start)); // up to the next blank line
      const stepLines = block.split('\n').filter((l) => /^ {4}\d+\. /.test(l));
      expect(stepLines.length).toBe(b.steps.length);
      b.steps.forEach((s, i) => expect(stepLines[i]!.startsWith(`    ${i + 1}. ${s.name} `) && stepLines[i]!.includes(`  ${commandLine(s, gitBranch(b))}`), stepLines[i]).toBe(true));
      expect(block).toMatch(new RegExp(`directory +${b.builddir.replace(/\./g, '\\.')}\\n`));
    }
  });

  it('shows the schedule: push after the tree-stable timer, nightly HH:MM, push on custom', async () => {
    const gentoo = (await cli('explain', 'ware-gentoo-x86')).out;
    expect(gentoo).toMatch(/schedule +3\.x-refleak-nightly: nightly at 00:00/);
    expect(gentoo).toMatch(/schedule +custom-push: on push to git branch buildbot-custom, once the tree is stable/);
    expect(gentoo).toContain('[killed after 12000 s of silence; under a pseudo-terminal; orange on warnings]');
    const dmg = (await cli('explain', 'bolen-dmg')).out;
    expect(dmg).toMatch(/bolen-dmg-3\.x\n[\s\S]*?schedule +3\.x-dmg-nightly: nightly at 15:00/);
    expect(dmg).toContain('upload dmg/diskimage to <settings: dmg_upload_dir> on the master');
  });

  it('says an offline worker is offline', async () => {
    expect((await cli('explain', 'cea-indiana-x86')).out).toMatch(/status +OFFLINE/);
  });
});

describe('explain <builder>', () => {
  it('a full builder name: its details and its definition on every branch', async () => {
    const r = await cli('explain', 'AMD64 Windows8 3.x');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe('AMD64 Windows8 3.x');
    expect(r.out).toContain('Tools\\buildbot\\test.bat -x64 -j2 --timeout 900');
    expect(r.out).toMatch(/no rule excludes 3\.x/);
    expect(r.out).toMatch(/^ {2}custom +built +AMD64 Windows8 custom/m);
  });

  it('a definition name: why it is absent on a branch, pointing at the rule', async () => {
    const r = await cli('explain', 'x86', 'Windows', 'XP'); // unquoted words make one name
    expect(r.code).toBe(0);
    const m = /^ {2}3\.x +absent +worker `bolen-windows` runs only on 2\.7 \(workers\.yaml:(\d+):(\d+)\)$/m.exec(r.out);
    expect(m, r.out).not.toBeNull();
    const line = readFileSync(join(ROOT, 'workers.yaml'), 'utf8').split('\n')[Number(m![1]) - 1]!;
    expect(line.slice(Number(m![2]) - 1)).toMatch(/^\{ only: \["2\.7"\] \}/);
    expect(r.out).toMatch(/^ {2}2\.7 +built +x86 Windows XP 2\.7/m);
  });

  it('a variant rule: VS9.0 builders exist on 2.7 only', async () => {
    const r = await cli('explain', 'AMD64 Windows7 SP1 VS9.0');
    expect(r.out).toMatch(/^ {2}3\.6 +absent +variant `win64-vs9` runs only on 2\.7 \(builders\.yaml:\d+:\d+\)$/m);
  });

  it('an unknown name: exit 2 with a suggestion', async () => {
    const r = await cli('explain', 'AMD64 Windows 8 3.x');
    expect(r.code).toBe(2);
    expect(r.err).toContain('no worker, builder or builder definition is named `AMD64 Windows 8 3.x`; did you mean `AMD64 Windows8 3.x`?');
    expect((await cli('explain')).code).toBe(2);
  });
});

describe('explain <builder> that a rule keeps off its branch', () => {
  /** The rule's file:line:col must point at the rule itself. */
  const ruleAt = (text: string, re: RegExp, base = ROOT) => {
    const m = re.exec(text);
    expect(m, text).not.toBeNull();
    const [file, line, col] = [m![1]!, Number(m![2]), Number(m![3])];
    return readFileSync(join(base, file), 'utf8').split('\n')[line - 1]!.slice(col - 1);
  };

  it('the trial: "x86 Windows XP VS9.0 3.x" is kept off 3.x by its worker\'s rule', async () => {
    const r = await cli('explain', 'x86 Windows XP VS9.0 3.x');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const first = r.out.split('\n')[0]!;
    expect(first).toMatch(/^`x86 Windows XP VS9\.0 3\.x` is not a builder: definition `x86 Windows XP VS9\.0` \(builders\.yaml:\d+:\d+\) is kept off 3\.x by a rule: worker `bolen-windows` runs only on 2\.7 \(workers\.yaml:\d+:\d+\)\.$/);
    expect(ruleAt(first, /\((workers\.yaml):(\d+):(\d+)\)\.$/)).toMatch(/^\{ only: \["2\.7"\] \}/);
    expect(r.out).toContain('It builds on 2.7.');
    expect(r.out).toMatch(/^ {2}2\.7 +built +x86 Windows XP VS9\.0 2\.7/m);
  });

  it('a variant\'s rule (`dmg` excludes custom), in any letter case', async () => {
    const r = await cli('explain', 'BOLEN-DMG-CUSTOM');
    expect(r.code).toBe(0);
    const first = r.out.split('\n')[0]!;
    expect(first).toMatch(/^`bolen-dmg-custom` is not a builder: definition `bolen-dmg` .* kept off custom by a rule: variant `dmg` excludes custom \(builders\.yaml:\d+:\d+\)\.$/);
    expect(ruleAt(first, /\((builders\.yaml):(\d+):(\d+)\)\.$/)).toMatch(/^\{ except: \[custom\] \}/);
    expect(r.out).toContain('It builds on 2.7, 3.5, 3.6, 3.x.');
  });

  it('a definition\'s own rule', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'explain-'));
    try {
      writeFileSync(join(dir, 'workers.yaml'), readFileSync(join(ROOT, 'workers.yaml')));
      const builders = readFileSync(join(ROOT, 'builders.yaml'), 'utf8').replace('{ name: AMD64 Windows8, worker: bolen-windows8, variant: win64-debug, stability: stable }', '{ name: AMD64 Windows8, worker: bolen-windows8, variant: win64-debug, stability: stable, branches: { except: ["2.7"] } }');
      expect(builders).toContain('except: ["2.7"]');
      writeFileSync(join(dir, 'builders.yaml'), builders);
      let out = '';
      const code = await main(['explain', 'AMD64 Windows8 2.7'], { out: (s) => void (out += s), err: () => {}, env: { NO_COLOR: '1' }, cwd: dir });
      expect(code).toBe(0);
      const first = out.split('\n')[0]!;
      expect(first).toMatch(/is kept off 2\.7 by a rule: builder `AMD64 Windows8` excludes 2\.7 \(builders\.yaml:\d+:\d+\)\.$/);
      expect(ruleAt(first, /\((builders\.yaml):(\d+):(\d+)\)\.$/, dir)).toMatch(/^\{ except: \["2\.7"\] \}/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a branch that does not exist is named as such, with the branches', async () => {
    const r = await cli('explain', 'x86 Windows XP VS9.0 3.9');
    expect(r.code).toBe(2);
    expect(r.err).toBe('buildmaster-gen: no worker, builder or builder definition is named `x86 Windows XP VS9.0 3.9`: definition `x86 Windows XP VS9.0` exists, but there is no branch `3.9` (branches: 2.7, 3.5, 3.6, 3.x, custom)\n');
  });
});

describe('explain <name> made by several definitions (a builder split by branch range between workers)', () => {
  // AMD64 Windows8 on bolen-windows8 for 2.7 and 3.5; a second definition of that name on
  // bolen-windows10 for 3.x and custom; neither on 3.6.
  const SPLIT = '  - { name: AMD64 Windows8, worker: bolen-windows8, variant: win64-debug, stability: stable, branches: { only: ["2.7", "3.5"] } }\n  - { name: AMD64 Windows8, worker: bolen-windows10, variant: win64-debug, stability: stable, suffix: .w8, branches: { only: ["3.x", custom] } }\n';
  let dir: string;
  const split = async (...argv: string[]) => {
    dir ??= (() => {
      const d = mkdtempSync(join(tmpdir(), 'explain-split-'));
      writeFileSync(join(d, 'workers.yaml'), readFileSync(join(ROOT, 'workers.yaml')));
      const text = readFileSync(join(ROOT, 'builders.yaml'), 'utf8');
      const edited = text.replace('  - { name: AMD64 Windows8, worker: bolen-windows8, variant: win64-debug, stability: stable }\n', SPLIT);
      expect(edited).not.toBe(text);
      writeFileSync(join(d, 'builders.yaml'), edited);
      return d;
    })();
    let out = '';
    let err = '';
    const code = await main(argv, { out: (s) => void (out += s), err: (s) => void (err += s), env: { NO_COLOR: '1' }, cwd: dir });
    return { code, out, err };
  };
  afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));
  const lineOf = (i: number) => readFileSync(join(ROOT, 'builders.yaml'), 'utf8').split('\n').findIndex((l) => l.startsWith('  - { name: AMD64 Windows8,')) + 1 + i;

  it('the definition name: both definitions, and which one builds it on each branch (none marked absent where the other builds)', async () => {
    const r = await split('explain', 'AMD64 Windows8');
    expect(r.code, r.err).toBe(0);
    const [a, b] = [lineOf(0), lineOf(1)];
    expect(r.out.split('\n')[0]).toBe('2 builder definitions are named `AMD64 Windows8`; together they make its builders:');
    expect(r.out).toContain(`Builder definition \`AMD64 Windows8\` (builders.yaml:${a}:5): worker bolen-windows8, variant win64-debug, stable`);
    expect(r.out).toContain(`Builder definition \`AMD64 Windows8\` (builders.yaml:${b}:5): worker bolen-windows10, variant win64-debug, stable`);
    expect(r.out).toMatch(new RegExp(`^ {2}2\\.7 +built +AMD64 Windows8 2\\.7 +\\(2\\.7\\.bolen-windows8; 2\\.7-push\\) +by builders\\.yaml:${a}:5 \\(worker bolen-windows8\\)$`, 'm'));
    expect(r.out).toMatch(new RegExp(`^ {2}3\\.x +built +AMD64 Windows8 3\\.x +\\(3\\.x\\.bolen-windows10\\.w8; 3\\.x-push\\) +by builders\\.yaml:${b}:5 \\(worker bolen-windows10\\)$`, 'm'));
    expect(r.out).toMatch(new RegExp(`^ {2}3\\.6 +absent +builders\\.yaml:${a}:5: builder \`AMD64 Windows8\` runs only on 2\\.7, 3\\.5 .*; builders\\.yaml:${b}:5: builder \`AMD64 Windows8\` runs only on 3\\.x, custom`, 'm'));
    expect(r.out).not.toMatch(/^ {2}(2\.7|3\.5|3\.x|custom) +absent/m);
    // Every builder of both, in detail.
    for (const br of ['2.7', '3.5', '3.x', 'custom']) expect(r.out).toMatch(new RegExp(`^AMD64 Windows8 ${br.replace('.', '\\.')}$`, 'm'));
  });

  it('a builder name: the definition that makes it, and the other one on each branch', async () => {
    const r = await split('explain', 'AMD64 Windows8 custom');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^ {2}worker +bolen-windows10$/m);
    expect(r.out).toContain(`definition \`AMD64 Windows8\` at builders.yaml:${lineOf(1)}:5 (one of the 2 definitions of that name)`);
    expect(r.out).toMatch(/^ {2}2\.7 +built +AMD64 Windows8 2\.7 .* \(worker bolen-windows8\)$/m);
  });

  it('a branch neither builds on: both rules', async () => {
    const r = await split('explain', 'AMD64 Windows8 3.6');
    expect(r.code, r.err).toBe(0);
    expect(r.out.split('\n')[0]).toMatch(new RegExp(`^\`AMD64 Windows8 3\\.6\` is not a builder: none of the 2 definitions named \`AMD64 Windows8\` builds on 3\\.6: builders\\.yaml:${lineOf(0)}:5 is kept off by a rule: .*; builders\\.yaml:${lineOf(1)}:5 is kept off by a rule: `));
    expect(r.out).toContain('They build on 2.7, 3.5, 3.x, custom.');
  });
});

describe('explain <idle worker>', () => {
  it('shows why it has no builder (`idle`), and no builder', async () => {
    // The frozen snapshot: the live fleet may give it builders one day.
    const r = await cli('explain', '--fleet', 'test/fixtures/cpython-2026-af48ad7', 'pablogsal-rasp');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^ {2}idle +python\/buildmaster-config declares it, and no builder uses it \(no builder, on purpose\)$/m);
    expect(r.out).toContain('It gets 0 builder(s) from 0 definition(s)');
  });
});
