// `check` answers from its memo only when nothing it depends on changed: an edited output,
// an edited declaration file, or a changed generator (dist/) or template always runs the
// full check again. Runs a copy of the built package (dist/, templates/) so the generator
// and templates can be edited without touching the repository's own.
import { appendFileSync, cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, tempDir } from './pipeline/helpers.js';

const ROOT = join(import.meta.dirname, '..');
let work: string;
let pkg: string;
let fleet: string;
let cache: string;

/** `check` of the copied fleet with the copied package; the memo's marker shows a replay. */
function check() {
  const r = run(process.execPath, [join(pkg, 'dist', 'cli', 'main.cjs'), 'check', '--fleet', fleet], { cwd: work, env: { BUILDMASTER_GEN_CACHE: cache, GITHUB_ACTIONS: '' } });
  return { code: r.status, out: r.stdout + r.stderr, replayed: r.stdout.includes('(replayed)') };
}

/** Mark the stored memo's output, so that a later replay is visible. */
function markMemo() {
  const files = readdirSync(cache).filter((f) => f.endsWith('.json'));
  expect(files).toHaveLength(1);
  const file = join(cache, files[0]!);
  const memo = JSON.parse(readFileSync(file, 'utf8')) as { printed: [number, string][] };
  memo.printed = memo.printed.map(([fd, s]) => [fd, fd === 1 ? s.replace('is up to date', 'is up to date (replayed)') : s]);
  writeFileSync(file, JSON.stringify(memo));
}

beforeAll(() => {
  work = tempDir('bmg-memo-');
  pkg = join(work, 'pkg');
  mkdirSync(pkg);
  for (const d of ['dist', 'templates']) cpSync(join(ROOT, d), join(pkg, d), { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(pkg, 'package.json'));
  symlinkSync(join(ROOT, 'node_modules'), join(pkg, 'node_modules'));
  fleet = join(work, 'fleet');
  mkdirSync(fleet, { recursive: true });
  // out/: master.cfg and the package beside it.
  for (const f of ['workers.yaml', 'builders.yaml', 'out']) cpSync(join(ROOT, f), join(fleet, f), { recursive: true });
  cache = join(work, 'cache');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('check memo', () => {
  it('a passing check is remembered and replayed', () => {
    const first = check();
    expect(first.code, first.out).toBe(0);
    expect(first.replayed).toBe(false);
    markMemo();
    const again = check();
    expect(again.code).toBe(0);
    expect(again.replayed).toBe(true);
    expect(again.out).toMatch(/ok: .*master\.cfg is up to date \(replayed\) \(162 builders on 29 workers\)/);
  });

  it('an edited output fails', () => {
    const out = join(fleet, 'out', 'master.cfg');
    const text = readFileSync(out, 'utf8');
    writeFileSync(out, text.replace('"name": "AMD64 Debian root 3.x"', '"name": "AMD64 Debian root 3.y"'));
    const r = check();
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/out of date/);
    writeFileSync(out, text);
    expect(check().replayed).toBe(true);
  });

  it('an edited, missing or extra file of the package beside master.cfg fails', () => {
    const file = join(fleet, 'out', 'buildmaster_gen', 'steps.py');
    const text = readFileSync(file, 'utf8');
    expect(check().code).toBe(0);
    markMemo();
    writeFileSync(file, `${text}# edited\n`);
    const edited = check();
    expect(edited.code).toBe(1);
    expect(edited.out).toMatch(/steps\.py is out of date/);
    rmSync(file);
    expect(check().out).toMatch(/steps\.py does not exist/);
    writeFileSync(file, text);
    const extra = join(fleet, 'out', 'buildmaster_gen', 'extra.py');
    writeFileSync(extra, '');
    expect(check().out).toMatch(/extra\.py is not a file buildmaster-gen writes/);
    rmSync(extra);
    expect(check().replayed).toBe(true);
  });

  it('an edited declaration file fails', () => {
    const file = join(fleet, 'builders.yaml');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('configure_flags: [--with-pydebug]', 'configure_flags: [--with-pydebug, --with-assertions]'));
    const r = check();
    expect(r.code).toBe(1);
    expect(r.out).toContain('debug: configure +--with-assertions');
    // A change that generates the same output still runs the full check (no replay).
    writeFileSync(file, `${text}\n# a comment\n`);
    const same = check();
    expect(same.code).toBe(0);
    expect(same.replayed).toBe(false);
    writeFileSync(file, text);
  });

  it('a changed template or generator runs the full check', () => {
    expect(check().code).toBe(0);
    markMemo();
    expect(check().replayed).toBe(true);
    // The generator: any file of the bundled CLI's code (here a comment, so the output is the same).
    for (const f of ['cli/cli.cjs', 'cli/main.cjs', 'validate/schema-verdict.cjs', 'validate/schema-validators.cjs.v8cache', 'render/templates.cjs']) {
      appendFileSync(join(pkg, 'dist', f), '\n// changed\n');
      const gen = check();
      expect(gen.code, f).toBe(0);
      expect(gen.replayed, f).toBe(false);
      markMemo();
      expect(check().replayed, f).toBe(true);
    }
    // A template: the output changes, and check fails. (templates/python/ too: below.)
    markMemo();
    appendFileSync(join(pkg, 'templates', 'master.cfg.hbs'), '\n# a new line\n');
    const tpl = check();
    expect(tpl.code).toBe(1);
    expect(tpl.replayed).toBe(false);
    expect(tpl.out).toMatch(/out of date/);
    appendFileSync(join(pkg, 'templates', 'python', 'www.py'), '\n# a new line\n');
    const py = check();
    expect(py.replayed).toBe(false);
    expect(py.out).toMatch(/www\.py is out of date/);
  });

  it("tsc's modules (a bare `tsc`, no bundle) take every file under dist/ as the generator", async () => {
    const memo = (await import(join(pkg, 'dist', 'cli', 'check-memo.js'))) as typeof import('../src/cli/check-memo.js');
    const input = { argv: ['check'], cwd: work, env: {}, tty: false, fleets: [{ workers: join(fleet, 'workers.yaml'), builders: join(fleet, 'builders.yaml') }] };
    const before = memo.memoKey(input)!.key;
    // The hash is worked out once per process: a fresh one for the edited tree.
    delete (globalThis as Record<symbol, unknown>)[Symbol.for('buildmaster-gen.generator-hash')];
    appendFileSync(join(pkg, 'dist', 'render', 'render.js'), '\n// changed\n');
    expect(memo.memoKey(input)!.key).not.toBe(before);
    delete (globalThis as Record<symbol, unknown>)[Symbol.for('buildmaster-gen.generator-hash')];
  });

  it('the bundled CLI takes as its code every file the build writes besides tsc\'s modules, no more and no less', async () => {
    const { BUNDLE_FILES } = await import('../src/cli/check-memo.js');
    const dist = join(ROOT, 'dist');
    const built = (readdirSync(dist, { recursive: true }) as string[]).filter((f) => !f.endsWith('.js') && !statSync(join(dist, f)).isDirectory());
    // main.js is tsc's name, written over by the bundled entry.
    expect([...built, 'cli/main.js'].sort()).toEqual([...BUNDLE_FILES].sort());
  });

  it('under GitHub Actions the full check always runs', () => {
    const r = run(process.execPath, [join(pkg, 'dist', 'cli', 'main.cjs'), 'check', '--fleet', fleet], { cwd: work, env: { BUILDMASTER_GEN_CACHE: join(work, 'cache-gha'), GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: '' } });
    expect(r.status).toBe(1); // the template edited above
    expect(() => readdirSync(join(work, 'cache-gha'))).toThrow();
  });
});
