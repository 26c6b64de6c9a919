// The fast reader (src/load/simple-yaml.ts) against the full one (yaml's document, as
// load.ts reads it): on every file it accepts, the two must give the same data. It may give
// up on anything; it must accept the fleets, or the speed it exists for is lost.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_DEPTH, parseFully, parseYaml, SIMPLE_LIMITS } from '../../src/load/load.js';
import { InvalidInput } from '../../src/model/problems.js';
import { NOT_SIMPLE, readSimpleYaml } from '../../src/load/simple-yaml.js';

const ROOT = join(import.meta.dirname, '..', '..');
const LIMITS = SIMPLE_LIMITS;

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...yamlFiles(p));
    else if (/\.ya?ml$/.test(name)) out.push(p);
  }
  return out;
}

/** The full reader's data, or 'rejected' when it reports a problem. */
function fully(text: string): unknown {
  try {
    return parseFully(text.startsWith('\uFEFF') ? text.slice(1) : text, 'f.yaml').data;
  } catch (e) {
    if (e instanceof InvalidInput) return 'rejected';
    throw e;
  }
}

/** Same data, key order included (the expansion follows it), NaN and -0 told apart. */
function sameData(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Object.is(a, b);
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameData(x, b[i]));
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return Object.getPrototypeOf(a) === Object.getPrototypeOf(b) && ka.length === kb.length && ka.every((k, i) => k === kb[i] && sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}

/** The property the fast reader must hold: give up, or agree with the full reader. */
function agrees(text: string): { fast: boolean } {
  const fast = readSimpleYaml(text, LIMITS);
  if (fast === NOT_SIMPLE) return { fast: false };
  const full = fully(text);
  if (full === 'rejected' || !sameData(fast, full)) {
    throw new Error(`the readers disagree on:\n${text}\nfast: ${JSON.stringify(fast)}\nfull: ${JSON.stringify(full)}`);
  }
  return { fast: true };
}

describe('the fast YAML reader', () => {
  const files = yamlFiles(ROOT);

  it('agrees with yaml on every YAML file of the project, and reads the fleets itself', () => {
    expect(files.length).toBeGreaterThan(100);
    const accepted = files.filter((f) => agrees(readFileSync(f, 'utf8')).fast).map((f) => relative(ROOT, f));
    for (const fleet of ['workers.yaml', 'builders.yaml', 'fleets/cpython-2026/workers.yaml', 'fleets/cpython-2026/builders.yaml']) expect(accepted).toContain(fleet);
    // Most of the lint corpus is broken on purpose; the fast reader takes a good share of the rest.
    expect(accepted.length).toBeGreaterThanOrEqual(15);
  });

  it('agrees with yaml on thousands of mutations of the fleets (seeded)', () => {
    let seed = 20261206;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const bits = ['":', '":1', ':"', '""', ':', ': ', ' #', '#', '-', '- ', ' ', '  ', '"', "'", "''", '[', ']', '{', '}', ',', ', ', '&a ', '*a', '!x ', '|', '>', '?', '? ', '\\', '\t', '%', '@', '`', '\u00a0', '\n', '\n  ', '\n- ', 'x: ', '~', '1', '0x1', '.5', 'true', 'null', '<<: ', '---', '...', '\r\n', '\u2028', '1e3', 'No', '3.10'];
    // The fleets as written, and as bench/fleet.mjs writes its synthetic ones: JSON in YAML.
    const json = (f: string) =>
      Object.entries(parseYaml(readFileSync(join(ROOT, f), 'utf8'), f).data as object)
        .map(([k, v]) => (Array.isArray(v) ? `${k}:\n${v.map((x) => `  - ${JSON.stringify(x)}`).join('\n')}` : `${k}: ${JSON.stringify(v)}`))
        .join('\n');
    const sources = ['workers.yaml', 'fleets/cpython-2026/builders.yaml'].map((f) => readFileSync(join(ROOT, f), 'utf8'));
    sources.push(json('fleets/cpython-2026/workers.yaml'));
    let fast = 0;
    const N = 4000;
    for (let n = 0; n < N; n++) {
      const src = sources[n % sources.length]!;
      // A window of the file around the change keeps each case small and readable.
      const lines = src.split('\n');
      const from = rand(lines.length - 12);
      let text = lines.slice(from, from + 12).join('\n');
      for (let k = 1 + rand(3); k > 0; k--) {
        const at = rand(text.length + 1);
        const op = rand(3);
        const bit = bits[rand(bits.length)]!;
        text = op === 0 ? text.slice(0, at) + bit + text.slice(at) : op === 1 ? text.slice(0, at) + text.slice(at + 1 + rand(3)) : text.slice(0, at) + bit + text.slice(at + bit.length);
      }
      if (agrees(text).fast) fast++;
    }
    // Both sides of the property are exercised: many mutants are still simple, many are not.
    expect(fast).toBeGreaterThan(N / 10);
    expect(fast).toBeLessThan(N - N / 10);
  });

  const scalars = ['0x1F', '0X1F', '0o17', '017', '+1', '-1', '-0', '+0', '.5', '5.', '-.5', '1e3', '1E-3', '1.5e+3', '1_000', '0b1', '12:30', '3.10', '3.x', '~', 'null', 'Null', 'NULL', 'nULL', 'true', 'True', 'TRUE', 'tRUE', 'false', 'FALSE', 'yes', 'No', 'on', '.inf', '-.Inf', '+.INF', '.nan', '.NaN', '.NAN', 'nan', '-R 3:3', 'a:b', 'a :b', 'http://x/y#z', 'a#b', 'x-y', '-x', "it's", '99999999999999999999', '1.0', '0.10', 'tRue', 'f', 'n', 't', '0o8', '0o', '0x', '0xg', '1e', 'e3', '.', '-', '+', '+-1', '1.e5', '.e5', '00', '0x00FF', '-0x1', '+0o7', '.Inf', '-.nan', 'Nan', 'NaN', '1__0'];
  it.each(scalars)('reads %j as yaml does, in every place', (s) => {
    for (const text of [`k: ${s}\n`, `- ${s}\n`, `k: [${s}]\n`, `k: {a: ${s}}\n`, `${s}: v\n`, `k: {${s}: v}\n`, `k:\n  - ${s}  # c\n`, `k: "${s}"\n`, `k: '${s}'\n`]) agrees(text);
  });

  it('reads the shapes fleet files use', () => {
    const accept = [
      'a: 1\nb:\n- x\n- y\nc: 2\n',
      'workers:\n  - name: a\n    os: { family: linux }\n    tags: [x, "y z", \'w\']\n  -   name: b\n      n: 2\n',
      '# head\n\na:   # about a\n  # inside\n    b: "x y"   # c\n    c: \'it\'\'s\'\n\n# between\nd: [[1, 2], {e: f}, []]\ne: {}\n',
      '"quoted key": 1\n\'single\' : 2\n- x: 1\n'.replace('- x: 1\n', ''),
      '- - a\n  - b\n- c\n',
      '-\n  a: 1\n- # note\n  b: 2\n',
      'k: a, b [c] {d}\n',
      'k: x # trailing\n',
      '  indented: top\n  more: 1\n',
      'k: \u00e9t\u00e9 \u00a0\n',
      'a: &x [1, 2]\nb: *x\nc: [*x, *x]\nd: {e: *x}\n',
      'a: &x\n  b: 1\nc:\n  - *x\n  - &y 2\n  - *y\n',
      '- &x\n  - 1\n- *x\n',
      'a: &x 1\na2: &x 2\nb: *x\n',
      'a: {"b":1,"c":"d","e":[1,"f",{"g":null}],"h":true, "i": -2.5e3}\n- {"j":"k"}\n'.replace('- {"j":"k"}\n', ''),
      'w:\n  - {"name":"x","os":{"family":"linux"}}\n',
    ];
    for (const text of accept) expect(agrees(text), text).toEqual({ fast: true });
  });

  it('gives up on what it leaves to yaml', () => {
    const giveUp = [
      'a: &x [*x]\n',
      'a: &x [1, *x]\n',
      'a: *x\n',
      '&x a: 1\n',
      'a: &x\nb: 1\n',
      'a: &x &y 1\n',
      'a: !!str 1\n',
      'a: !x 1\n',
      'a: !!str 1\n',
      'a: |\n  x\n',
      'a: >\n  x\n',
      'a: b\n  c\n',
      'a: "x\n  y"\n',
      'a: "\\t"\n',
      'a: [1,\n  2]\n',
      'a: 1\na: 2\n',
      'a:\nb: 1\n',
      '- \n- x\n',
      '<<: {a: 1}\n',
      'a:\tb\n',
      'a: b\r\nc: d\r\n',
      '3.10: x\n',
      'true: x\n',
      '? a\n: b\n',
      '---\na: 1\n',
      'a: 1\n---\nb: 2\n',
      '%YAML 1.2\n---\na: 1\n',
      '__proto__: 1\n',
      'a: [1, 2,]\n',
      'a: b: c\n',
      'a: "x"y\n',
      'a: "x"#y\n',
      '',
      '# only a comment\n',
      `a: ${'['.repeat(MAX_DEPTH + 1)}${']'.repeat(MAX_DEPTH + 1)}\n`,
    ];
    for (const text of giveUp) expect(readSimpleYaml(text, LIMITS), JSON.stringify(text)).toBe(NOT_SIMPLE);
  });

  it('gives up past the node limit, where load.ts reports it', () => {
    expect(readSimpleYaml('a: [1, 2, 3]\n', { ...LIMITS, maxNodes: 4 })).toBe(NOT_SIMPLE); // a, [, 1, 2, 3
    expect(readSimpleYaml('a: [1, 2, 3]\n', { ...LIMITS, maxNodes: 5 })).toEqual({ a: [1, 2, 3] });
  });

  it('still locates every path of a simply read file, through yaml', () => {
    const src = parseYaml('workers:\n  - name: a\n    tags: [x, y]\n', 'w.yaml');
    expect(src.data).toEqual({ workers: [{ name: 'a', tags: ['x', 'y'] }] });
    expect(src.locate(['workers', 0, 'tags', 1])).toEqual({ line: 3, col: 15 });
    expect(src.locate(['workers', 0, 'tags'], { key: true })).toEqual({ line: 3, col: 5 });
    expect(src.locate(['workers', 0, 'nothing'])).toEqual({ line: 2, col: 5 });
  });

  it('reads a long line of quoted scalars in one pass (a hostile file cannot make it quadratic)', () => {
    const n = 200_000; // 2 MB on one line: a search to the line's end per scalar would not finish
    const text = `a: [${Array.from({ length: n }, (_, i) => (i % 2 ? `"x${i}"` : "'it''s'")).join(', ')}]\n`;
    const data = readSimpleYaml(text, LIMITS) as { a: string[] };
    expect(data.a.length).toBe(n);
    expect(data.a.slice(0, 2)).toEqual(["it's", 'x1']);
    expect(agrees(text.slice(0, 2000).replace(/, [^,]*$/, ']\n'))).toEqual({ fast: true });
  });

  it('gives an alias the anchored value itself, as yaml does', () => {
    const data = readSimpleYaml('a: &x [1]\nb: *x\n', LIMITS) as { a: unknown; b: unknown };
    expect(data.b).toBe(data.a);
    expect(readSimpleYaml(`a: &x 1\nb: [${'*x, '.repeat(SIMPLE_LIMITS.maxAliases)}*x]\n`, LIMITS)).toBe(NOT_SIMPLE);
  });
});
