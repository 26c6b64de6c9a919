// Reading back the data tables of a generated master.cfg. render/python.ts writes the big
// ones as JSON (read by JSON.parse below) and the rest as a small subset of Python literals: double-quoted strings (\\ \" \n \t \r \xNN
// \uNNNN \UNNNNNNNN), ints, True/False/None, lists and dicts with trailing commas.
// This parses exactly that subset (plus single quotes and comments, which cost nothing),
// so `check` can say what changed in builder terms without running Python.

export type PyValue = string | number | boolean | null | PyValue[] | { [key: string]: PyValue };

export class PyLiteralError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const SIMPLE_ESCAPES: Record<string, string> = { '\\': '\\', '"': '"', "'": "'", n: '\n', t: '\t', r: '\r', '0': '\0', a: '\x07', b: '\b', f: '\f', v: '\v' };
const HEX_ESCAPES: Record<string, number> = { x: 2, u: 4, U: 8 };

/** Parse one literal starting at `start`; returns the value and the offset just after it. */
export function parsePyLiteral(text: string, start = 0): { value: PyValue; end: number } {
  let i = start;
  const fail = (what: string): never => {
    throw new PyLiteralError(`${what} at offset ${i}`, i);
  };
  const skip = () => {
    for (;;) {
      while (i < text.length && /\s/.test(text[i]!)) i++;
      if (text[i] !== '#') return;
      while (i < text.length && text[i] !== '\n') i++;
    }
  };
  const str = (): string => {
    const quote = text[i++]!;
    let out = '';
    for (;;) {
      if (i >= text.length || text[i] === '\n') fail('unterminated string');
      const c = text[i++]!;
      if (c === quote) return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = text[i++] ?? fail('unterminated escape');
      if (e in SIMPLE_ESCAPES) out += SIMPLE_ESCAPES[e];
      else if (e in HEX_ESCAPES) {
        const digits = text.slice(i, i + HEX_ESCAPES[e]!);
        if (!/^[0-9a-fA-F]+$/.test(digits) || digits.length !== HEX_ESCAPES[e]) fail(`bad \\${e} escape`);
        const cp = parseInt(digits, 16);
        if (cp > 0x10ffff) fail(`code point out of range in \\${e} escape`);
        // \u may encode a lone surrogate (python.ts writes them that way): keep it as one unit.
        out += e === 'U' ? String.fromCodePoint(cp) : String.fromCharCode(cp);
        i += digits.length;
      } else fail(`unsupported escape \\${e}`);
    }
  };
  const value = (depth: number): PyValue => {
    if (depth > 200) fail('nested too deeply');
    skip();
    const c = text[i];
    if (c === '"' || c === "'") return str();
    if (c === '[' || c === '{') {
      const close = c === '[' ? ']' : '}';
      i++;
      const list: PyValue[] = [];
      const dict: Record<string, PyValue> = {};
      for (;;) {
        skip();
        if (text[i] === close) {
          i++;
          return c === '[' ? list : dict;
        }
        if (c === '[') list.push(value(depth + 1));
        else {
          const key = value(depth + 1);
          if (typeof key !== 'string') fail('dict keys must be strings');
          skip();
          if (text[i++] !== ':') fail('expected `:`');
          Object.defineProperty(dict, key as string, { value: value(depth + 1), enumerable: true, writable: true, configurable: true });
        }
        skip();
        if (text[i] === ',') i++;
        else if (text[i] !== close) fail(`expected \`,\` or \`${close}\``);
      }
    }
    const word = /^(?:-?\d+|True|False|None)(?![\w.])/.exec(text.slice(i, i + 40));
    if (!word) return fail('expected a literal');
    i += word[0].length;
    if (word[0] === 'True') return true;
    if (word[0] === 'False') return false;
    if (word[0] === 'None') return null;
    const n = Number(word[0]);
    if (!Number.isSafeInteger(n)) fail('integer too large');
    return n;
  };
  const v = value(0);
  return { value: v, end: i };
}

const JSON_TABLE = "json.loads(r'''";

/** The value of a top-level `NAME = <literal>` assignment in Python source, or undefined.
 *  The big tables are `NAME = json.loads(r'''<JSON>''')` (render/python.ts pyJsonTable);
 *  older master.cfg files wrote them as literals, and `check` reads both. */
export function readAssignment(source: string, name: string): PyValue | undefined {
  const m = new RegExp(`^${name} = `, 'm').exec(source);
  if (!m) return undefined;
  const start = m.index + m[0].length;
  if (!source.startsWith(JSON_TABLE, start)) return parsePyLiteral(source, start).value;
  const from = start + JSON_TABLE.length;
  const end = source.indexOf("''')", from);
  if (end < 0) throw new PyLiteralError('unterminated json.loads table', from);
  try {
    return JSON.parse(source.slice(from, end)) as PyValue;
  } catch (e) {
    throw new PyLiteralError(`${name}: ${(e as Error).message}`, from);
  }
}
