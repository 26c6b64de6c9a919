// pyLiteral, the one way a value reaches master.cfg: whatever the value, Python reads
// back exactly that value, and the literal is plain printable ASCII (no bidi tricks or
// invisible characters for a reviewer to miss).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonString, pyJsonTable, pyLiteral, pyString, type Layout } from '../../src/render/python.js';
import { hostileString } from './arbitraries.js';
import { readBack, type ReadbackCase } from './harness.js';

const CASES = 3000;
const ASCII = /^[\x20-\x7e\n]*$/;

/** Literals wrapped as the WORKERS table of an otherwise empty module, for readback.py. */
const asModule = (lit: string) => `SOURCES = []\nWORKERS = ${lit}\nSTEPS = {}\nBUILDERS = []\nSCHEDULERS = []\n`;

const value = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString({ maxLength: 40 }),
    fc.string({ unit: 'binary' }),
    fc.maxSafeInteger(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('v'), { maxLength: 30 }),
    fc.dictionary(hostileString(), tie('v'), { maxKeys: 8 }),
  ),
}));

describe('pyLiteral', () => {
  it(`${CASES} random values (strings of any UTF-16 units, nested lists and dicts) read back equal in Python`, () => {
    const cases: ReadbackCase[] = [];
    fc.assert(
      fc.property(value.v, fc.nat(40), (v, indent) => {
        const lit = pyLiteral(v, indent);
        expect(lit).toMatch(ASCII);
        cases.push({ id: String(cases.length), text: asModule(lit), expect: [['WORKERS', [], v]] });
      }),
      { numRuns: CASES },
    );
    const { checked, failures } = readBack(cases);
    expect(failures).toEqual([]);
    expect(checked).toBe(CASES);
  });

  it('escapes what would end the literal or the line', () => {
    expect(pyString('"')).toBe('"\\""');
    expect(pyString('\\')).toBe('"\\\\"');
    expect(pyString('a\nb\r\0')).toBe('"a\\nb\\r\\x00"');
    expect(pyString('\u2028\ud800\u{1F600}')).toBe('"\\u2028\\ud800\\U0001f600"');
  });

  it('refuses what has no faithful literal instead of writing something else', () => {
    expect(() => pyLiteral(2 ** 53)).toThrow(/safe integer/);
    expect(() => pyLiteral(1.5)).toThrow(/safe integer/);
    expect(() => pyLiteral(NaN)).toThrow();
    expect(() => pyLiteral(() => 1)).toThrow();
    expect(() => pyLiteral(Symbol('x'))).toThrow();
    expect(() => pyLiteral(10n)).toThrow();
    // What a template gets for a misspelt field: an error, not a silent None.
    expect(() => pyLiteral(undefined)).toThrow(/missing field/);
    expect(() => pyLiteral(['a', undefined])).toThrow(/missing field/);
    expect(pyLiteral({ a: 1, b: undefined })).toBe('{"a": 1}');
    // Not plain data: a Map or Date would otherwise render as {} and lose its content.
    expect(() => pyLiteral(new Map([['a', 1]]))).toThrow();
    expect(() => pyLiteral(new Date(0))).toThrow();
    expect(() => pyLiteral(new Uint8Array([1]))).toThrow();
  });
});

describe('pyJsonTable (the big tables: JSON in a raw string, read by json.loads)', () => {
  const layouts: Layout[] = ['literal', 'one-per-line', { expand: 1 }, { expand: 2 }];
  const OPEN = "json.loads(r'''";
  it(`${CASES} random values in every layout read back equal in Python, and no value can end the raw string`, () => {
    const cases: ReadbackCase[] = [];
    fc.assert(
      fc.property(fc.array(value.v, { maxLength: 6 }), fc.constantFrom(...layouts), (v, layout) => {
        const table = pyJsonTable(v, layout);
        expect(table).toMatch(ASCII);
        // Only the closing quotes: a `'` inside would let a value end the string.
        expect(table.startsWith(OPEN) && table.endsWith("''')")).toBe(true);
        expect(table.slice(OPEN.length, -4)).not.toContain("'");
        cases.push({ id: String(cases.length), text: asModule(table), expect: [['WORKERS', [], v]] });
      }),
      { numRuns: CASES },
    );
    const { checked, failures } = readBack(cases);
    expect(failures).toEqual([]);
    expect(checked).toBe(CASES);
  });

  it('escapes quotes, backslashes and everything outside printable ASCII', () => {
    expect(jsonString("'''")).toBe(String.raw`"\u0027\u0027\u0027"`);
    expect(jsonString('"\\')).toBe(String.raw`"\"\\"`);
    expect(jsonString('a\nb\r\0\u2028\ud800\u{1F600}')).toBe(String.raw`"a\nb\r\u0000\u2028\ud800\ud83d\ude00"`);
    expect(pyJsonTable(["x'''); import os #"], 'literal')).toBe(String.raw`json.loads(r'''["x\u0027\u0027\u0027); import os #"]''')`);
  });

  it('refuses what JSON cannot carry faithfully', () => {
    expect(() => pyJsonTable([2 ** 53], 'literal')).toThrow(/safe integer/);
    expect(() => pyJsonTable([{ b: [undefined] }], 'one-per-line')).toThrow(/missing field/);
    expect(() => pyJsonTable({ m: new Map() }, { expand: 2 })).toThrow();
  });
});
