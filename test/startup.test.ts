// What makes a cold run start fast (issue 19, item 4; docs/performance.md), checked on the
// build: the CLI is two files (an entry and one bundle), V8's code caches are ones a run accepts, and the
// choice of V8's compilers follows the size of the declarations.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPTIMISE_FROM_BYTES, turbofanPays } from '../src/cli/tiering.js';
import { CACHE_SUFFIX, loadCached } from '../src/validate/cached-script.js';

const ROOT = join(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');

describe('start-up', () => {
  it('the entries (main.js, the bin; main.cjs) and cli.cjs are the whole CLI: they import none of dist/ (scripts/bundle.mjs ran)', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(pkg.bin['buildmaster-gen']).toBe('dist/cli/main.js');
    for (const entry of ['main.js', 'main.cjs']) expect(readFileSync(join(DIST, 'cli', entry), 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
    for (const file of ['main.js', 'main.cjs', 'cli.cjs']) {
      const text = readFileSync(join(DIST, 'cli', file), 'utf8');
      const relative = [...text.matchAll(/(?:^|\n)\s*import\b[^;]*?from\s*["'](\.[^"']*)["']|import\(\s*["'](\.[^"']*)["']\s*\)|require\(\s*["'](\.[^"']*)["']\s*\)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
      expect(relative, file).toEqual([]);
    }
    // and it is the program: the same answer as the modules it was made from
    for (const entry of ['main.js', 'main.cjs']) {
      const r = spawnSync(process.execPath, [join(DIST, 'cli', entry), 'validate', '--fleet', ROOT], { encoding: 'utf8' });
      expect(r.stdout, entry).toMatch(/^ok: 162 builders on 29 workers$/m);
    }
  });

  it("the code caches (the validators', the CLI's) are accepted by a run on a fleet of CPython's size, and a wrong cache is ignored", () => {
    // Made by scripts/precompile.mjs and scripts/bundle.mjs under the flags tiering.ts sets for small fleets.
    const probe = `
      const { setShortRunFlags } = await import(${JSON.stringify(join(DIST, 'cli', 'tiering.js'))});
      setShortRunFlags();
      const { loadCached } = await import(${JSON.stringify(join(DIST, 'validate', 'cached-script.js'))});
      const { script, exports } = loadCached(${JSON.stringify(join(DIST, 'validate', 'schema-validators.cjs'))});
      const cli = loadCached(${JSON.stringify(join(DIST, 'cli', 'cli.cjs'))});
      const verdict = loadCached(${JSON.stringify(join(DIST, 'validate', 'schema-verdict.cjs'))});
      console.log(JSON.stringify({ rejected: script.cachedDataRejected, validates: exports.workers({ workers: [] }), verdict: verdict.script.cachedDataRejected, cli: cli.script.cachedDataRejected, main: typeof cli.exports.main }));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ rejected: false, validates: expect.any(Boolean), verdict: false, cli: false, main: 'function' });

    const dir = mkdtempSync(join(tmpdir(), 'bmg-cache-'));
    const file = join(dir, 'm.cjs');
    writeFileSync(file, 'exports.twice = (x) => 2 * x; exports.dir = __dirname;');
    writeFileSync(file + CACHE_SUFFIX, 'not a code cache');
    const loaded = loadCached(file)!;
    expect(loaded.script.cachedDataRejected).toBe(true);
    expect((loaded.exports as { twice: (x: number) => number }).twice(21)).toBe(42);
    expect((loaded.exports as { dir: string }).dir).toBe(dir);
    expect(loadCached(join(dir, 'missing.cjs'))).toBeUndefined();
  });

  it('TurboFan is kept from OPTIMISE_FROM_BYTES of declarations up, counting every file, missing ones as 0', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bmg-tiering-'));
    const [a, b] = [join(dir, 'workers.yaml'), join(dir, 'builders.yaml')];
    writeFileSync(a, '');
    writeFileSync(b, '');
    truncateSync(a, OPTIMISE_FROM_BYTES / 2);
    truncateSync(b, OPTIMISE_FROM_BYTES / 2 - 1);
    expect(turbofanPays([a, b])).toBe(false);
    truncateSync(b, OPTIMISE_FROM_BYTES / 2);
    expect(turbofanPays([a, b])).toBe(true);
    expect(turbofanPays([a, join(dir, 'missing.yaml')])).toBe(false);
    expect(turbofanPays([join(ROOT, 'fleets/cpython-2026/workers.yaml'), join(ROOT, 'fleets/cpython-2026/builders.yaml')])).toBe(false);
  });

  it('a short run keeps the young generation at its first size, where a long one lets it grow', () => {
    // V8 takes the flag at run time: a change of V8 that ignored it would show here, not as a slower check.
    const probe = (short: boolean) => `
      import { getHeapSpaceStatistics } from 'node:v8';
      ${short ? `(await import(${JSON.stringify(join(DIST, 'cli', 'tiering.js'))})).setShortRunFlags();` : ''}
      const keep = [];
      for (let i = 0; i < 300000; i++) keep.push({ i, s: 'x' + i });
      console.log(getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size);`;
    const size = (short: boolean) => Number(spawnSync(process.execPath, ['--input-type=module', '-e', probe(short)], { encoding: 'utf8' }).stdout);
    // Node 20: 2 MB against 32 MB; Node 24's V8 counts its new space differently (5 MB against 32).
    expect(size(true) * 4).toBeLessThan(size(false));
  });
});
