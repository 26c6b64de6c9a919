// Same input, same bytes: whatever the time zone, locale, working directory, order of
// YAML keys and of the worker/builder lists; and no clock or network on the way.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { readAssignment } from '../../src/explain/pyliteral.js';
import { cli, CLI, ROOT, run, tempDir } from '../pipeline/helpers.js';
import { generateText } from './harness.js';

const PRELOAD = join(import.meta.dirname, 'deny-clock-net.mjs');
const WORKERS = join(ROOT, 'workers.yaml');
const BUILDERS = join(ROOT, 'builders.yaml');

/** `generate` of the repository's fleet into a fresh directory; returns the bytes. */
function generate(opts: { cwd?: string; env?: NodeJS.ProcessEnv; node?: string[] } = {}): Buffer {
  const out = tempDir('bmg-repro-');
  const args = ['generate', '--workers', WORKERS, '--builders', BUILDERS, '--out', out];
  const r = opts.node ? run(process.execPath, [...opts.node, CLI, ...args], opts) : cli(args, opts);
  expect(r.stderr).not.toMatch(/denied|internal error/);
  expect(r.status).toBe(0);
  return readFileSync(join(out, 'master.cfg'));
}

let baseline: Buffer;
beforeAll(() => {
  baseline = generate({ env: { TZ: 'UTC', LANG: 'C', LC_ALL: 'C' } });
});

describe('reproducible output', () => {
  it.each([
    ['a far time zone and a Turkish locale (dotless i)', { TZ: 'Pacific/Kiritimati', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' }],
    ['another time zone and a German locale', { TZ: 'America/St_Johns', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8', LANGUAGE: 'de' }],
  ])('is byte-identical with %s', (_, env) => {
    expect(generate({ env }).equals(baseline)).toBe(true);
  });

  it('is byte-identical from another working directory', () => {
    expect(generate({ cwd: tempDir('bmg-elsewhere-') }).equals(baseline)).toBe(true);
  });

  it('reads no clock and opens no network module (a preload makes either fatal)', () => {
    expect(generate({ node: ['--import', PRELOAD] }).equals(baseline)).toBe(true);
  });

  it('the preload does stop a clock read or a network import', () => {
    for (const code of ['Date.now()', 'new Date()', 'performance.now()', 'process.hrtime()', 'await import("node:dns")', 'await import("https")', 'require("net")', 'await fetch("http://127.0.0.1:9/")']) {
      const dir = tempDir('bmg-preload-');
      const file = join(dir, code.startsWith('require') ? 'probe.cjs' : 'probe.mjs');
      writeFileSync(file, `${code};\n`);
      const r = run(process.execPath, ['--import', PRELOAD, file]);
      expect(r.status, code).not.toBe(0);
      expect(r.stderr, code).toContain('denied');
    }
  });

  it('is byte-identical with the YAML keys reordered; shuffled worker and builder lists give the same builders', () => {
    const texts = { workers: readFileSync(WORKERS, 'utf8'), builders: readFileSync(BUILDERS, 'utf8') };
    const original = generateText(texts.workers, texts.builders);
    if (!original.ok) throw new Error(JSON.stringify(original.problems));
    // The tables follow the declaration order of lists (so a rename stays in place): compare as sets.
    const entries = (text: string, table: string) => (readAssignment(text, table) as unknown[]).map((e) => JSON.stringify(e)).sort();
    for (const seed of [1, 2, 3]) {
      const random = lcg(seed);
      const w = reorder(parse(texts.workers), random);
      const b = reorder(parse(texts.builders), random);
      const keysOnly = generateText(stringify(w), stringify(b));
      if (!keysOnly.ok) throw new Error(JSON.stringify(keysOnly.problems));
      expect(keysOnly.text === original.text, `seed ${seed}: keys reordered`).toBe(true);
      w.workers = shuffle(w.workers, random);
      b.builders = shuffle(b.builders, random);
      const shuffled = generateText(stringify(w), stringify(b));
      if (!shuffled.ok) throw new Error(JSON.stringify(shuffled.problems));
      for (const table of ['WORKERS', 'BUILDERS']) expect(entries(shuffled.text, table), `seed ${seed}: ${table}`).toEqual(entries(original.text, table));
    }
  });
});

/** A small seeded generator: the same shuffles on every run. */
function lcg(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}
function shuffle<T>(xs: T[], random: () => number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}
/** Every mapping's keys in a random order (lists keep theirs: their order has meaning). */
function reorder(v: any, random: () => number): any {
  if (Array.isArray(v)) return v.map((x) => reorder(x, random));
  if (v && typeof v === 'object') return Object.fromEntries(shuffle(Object.keys(v), random).map((k) => [k, reorder(v[k], random)]));
  return v;
}
