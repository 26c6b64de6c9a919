// The Python-literal reader `check` uses to compare builders: it must read back exactly
// what render/python.ts writes, and refuse anything else without crashing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePyLiteral, PyLiteralError, readAssignment } from '../src/explain/pyliteral.js';
import { pyLiteral } from '../src/render/python.js';

const ROOT = join(import.meta.dirname, '..');
// Any UTF-16 code unit, lone surrogates included: python.ts escapes them all.
const anyString = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 12 });
const value = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    anyString,
    fc.string({ unit: 'binary' }),
    fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('v'), { maxLength: 30 }),
    fc.dictionary(anyString.filter((k) => k !== '__proto__'), tie('v'), { maxKeys: 6 }),
  ),
})).v;

describe('parsePyLiteral', () => {
  it('reads back whatever pyLiteral writes, at any indentation', () => {
    fc.assert(
      fc.property(value, fc.integer({ min: 0, max: 12 }), (v, indent) => {
        expect(parsePyLiteral(pyLiteral(v, indent)).value).toEqual(v);
      }),
      { numRuns: 400 },
    );
  });

  it('decodes every escape python.ts uses', () => {
    const { value: v } = parsePyLiteral(String.raw`["\\ \" \n \t \r \x00 \x7f \xe9 \u20ac \ud800 \U0001f600"]`);
    expect(v).toEqual(['\\ " \n \t \r \x00 \x7f é € \ud800 😀']);
  });

  it('reads True, False, None, negative ints, trailing commas and comments', () => {
    expect(parsePyLiteral('{"a": [True, False, None, -3,], # note\n "b": {},}').value).toEqual({ a: [true, false, null, -3], b: {} });
  });

  it('keeps a "__proto__" key as data, not as the prototype', () => {
    const v = parsePyLiteral('{"__proto__": {"polluted": True}}').value as Record<string, unknown>;
    expect(Object.keys(v)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
  });

  it.each([
    ['[1, 2', 'expected'],
    ['"abc', 'unterminated string'],
    ['"\\q"', 'unsupported escape'],
    ['"\\x4"', 'bad \\x escape'],
    ['"\\U00110000"', 'out of range'],
    ['{1: 2}', 'dict keys must be strings'],
    ['{"a" 2}', 'expected `:`'],
    ['1.5', 'expected a literal'],
    ['99999999999999999999', 'too large'],
    ['os.system("x")', 'expected a literal'],
    ['['.repeat(300), 'nested too deeply'],
  ])('refuses %j (%s)', (text, why) => {
    expect(() => parsePyLiteral(text)).toThrow(PyLiteralError);
    expect(() => parsePyLiteral(text)).toThrow(why);
  });

  it('finds the data tables of the committed master.cfg', () => {
    const cfg = readFileSync(join(ROOT, 'out', 'master.cfg'), 'utf8');
    const builders = readAssignment(cfg, 'BUILDERS') as { name: string; steps: unknown[] }[];
    expect(builders.length).toBeGreaterThan(100);
    expect(builders.every((b) => typeof b.name === 'string' && Array.isArray(b.steps))).toBe(true);
    expect(readAssignment(cfg, 'WORKERS')).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'bolen-dmg' })]));
    expect(readAssignment(cfg, 'NO_SUCH_TABLE')).toBeUndefined();
  });
});
