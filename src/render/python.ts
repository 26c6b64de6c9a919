// The one way a value reaches master.cfg: as a Python literal, or, for the big data
// tables, as JSON inside a raw string that master.cfg reads with json.loads (Python
// compiles a literal of 1,000 builders ~5x slower than json.loads parses the same data).
// Strings are escaped to printable ASCII (quotes, backslashes, control characters,
// non-ASCII and lone surrogates all become escapes), so no YAML string can end a literal
// and become code; in JSON `'` is escaped too, so nothing can end the raw string.

const WIDTH = 100;

/** Strings that need no escape at all (printable ASCII but `"` and `\\`): the common case. */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
/** The same for JSON in a raw string: nor `'`. */
const PLAIN_JSON = /^[\x20\x21\x23-\x26\x28-\x5b\x5d-\x7e]*$/;

export function pyString(s: string): string {
  if (PLAIN.test(s)) return `"${s}"`;
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c >= 0x20 && c < 0x7f) out += s[i];
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x09) out += '\\t';
    else if (c === 0x0d) out += '\\r';
    else if (c < 0x100) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      const cp = s.codePointAt(i)!;
      out += `\\U${cp.toString(16).padStart(8, '0')}`;
      i++;
    } else out += `\\u${c.toString(16).padStart(4, '0')}`; // BMP, or a lone surrogate
  }
  return `${out}"`;
}

/** A JSON string in printable ASCII without `'` (so it can sit inside r'''...'''). */
export function jsonString(s: string): string {
  if (PLAIN_JSON.test(s)) return `"${s}"`;
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c === 0x27) out += '\\u0027';
    else if (c >= 0x20 && c < 0x7f) out += s[i];
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x09) out += '\\t';
    else if (c === 0x0d) out += '\\r';
    else out += `\\u${c.toString(16).padStart(4, '0')}`; // surrogate pairs stay pairs; json.loads joins them
  }
  return `${out}"`;
}

/** How scalars are spelt: Python's literals, or JSON's. */
interface Dialect {
  null: string;
  true: string;
  false: string;
  string: (s: string) => string;
}
const PY: Dialect = { null: 'None', true: 'True', false: 'False', string: pyString };
const JSON_: Dialect = { null: 'null', true: 'true', false: 'false', string: jsonString };

function scalar(v: unknown, d: Dialect = PY): string | undefined {
  if (v === null) return d.null;
  // Not None: undefined is what a template gets for a misspelt or missing value.
  if (v === undefined) throw new TypeError('no value to write into master.cfg (undefined: does a template refer to a missing field?)');
  if (v === true) return d.true;
  if (v === false) return d.false;
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) throw new TypeError(`not a safe integer for master.cfg: ${v}`);
    return String(v);
  }
  if (typeof v === 'string') return d.string(v);
  return undefined;
}

/** A Python literal for `v`: on one line when it fits, else one item per line. */
export function pyLiteral(v: unknown, indent = 0): string {
  return literal(v, indent, PY);
}

/** Items one a line: Python's trailing comma after each (an appended item is a one-line
 *  diff); JSON allows commas only between items. */
function lines(items: string[], pad: string, d: Dialect): string {
  let out = '';
  const last = items.length - 1;
  items.forEach((x, i) => (out += `${pad}${x}${d === PY || i < last ? ',' : ''}\n`));
  return out;
}

function literal(v: unknown, indent: number, d: Dialect): string {
  const s = scalar(v, d);
  if (s !== undefined) return s;
  // Only as much of the compact form as can fit is built: building all of it at every
  // level made rendering quadratic in the nesting (and huge for BUILDERS).
  const compact = compactWithin(v, WIDTH - indent, d);
  if (compact !== undefined) return compact;
  const pad = ' '.repeat(indent + 4);
  const close = ' '.repeat(indent);
  if (Array.isArray(v)) {
    // A short list of scalars (a command line) is filled, several items a line, so it still reads as one.
    if (v.length <= 24 && v.every((x) => scalar(x, d) !== undefined)) return `[\n${fill(v.map((x) => scalar(x, d)!), pad, d)}${close}]`;
    return `[\n${lines(v.map((x) => literal(x, indent + 4, d)), pad, d)}${close}]`;
  }
  return `{\n${lines(entriesOf(v).map(([k, x]) => `${d.string(k)}: ${literal(x, indent + 4, d)}`), pad, d)}${close}}`;
}

/** The first `levels` levels always one item per line: each entry of a table keeps one
 *  field a line, so an edited field is a one-line diff instead of a compact entry
 *  reflowed into several lines. */
function expanded(v: unknown, levels: number, indent: number, d: Dialect): string {
  if (levels <= 0 || scalar(v, d) !== undefined) return literal(v, indent, d);
  const pad = ' '.repeat(indent + 4);
  const close = ' '.repeat(indent);
  if (Array.isArray(v)) return `[\n${lines(v.map((x) => expanded(x, levels - 1, indent + 4, d)), pad, d)}${close}]`;
  return `{\n${lines(entriesOf(v).map(([k, x]) => `${d.string(k)}: ${expanded(x, levels - 1, indent + 4, d)}`), pad, d)}${close}}`;
}

/** A list with each item, or a dict with each entry, on one line of its own however long
 *  (BUILDERS, STEPS, WORKERS): a line of the diff is one builder, step or worker, and no
 *  line (not even a closing bracket) is shared by two of them. */
function onePerLine(v: unknown, d: Dialect): string {
  const w: Written = { lists: new Map(), keys: new Map(), strings: new Map() };
  // One string made line by line, with no array of the lines.
  const comma = d === PY ? ',' : '';
  let out: string;
  if (Array.isArray(v)) {
    out = '[\n';
    for (let i = 0; i < v.length; i++) out += `    ${compact(v[i], d, w)}${i < v.length - 1 ? ',' : comma}\n`;
    return `${out}]`;
  }
  const keys = keysOf(v);
  out = '{\n';
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    out += `    ${d.string(k)}: ${compact((v as Record<string, unknown>)[k], d, w)}${i < keys.length - 1 ? ',' : comma}\n`;
  }
  return `${out}}`;
}

/** What one table has written already: each list, by identity (builders made alike share
 *  their list of step keys), and each dict key (the rows' field names). */
interface Written {
  lists: Map<readonly unknown[], string>;
  keys: Map<string, string>;
  strings: Map<string, string>;
}

/** The one-line literal of `v` however long: compactWithin without a limit, made directly. */
function compact(v: unknown, d: Dialect, w: Written): string {
  if (typeof v === 'string') {
    let t = w.strings.get(v);
    if (t === undefined) w.strings.set(v, (t = d.string(v)));
    return t;
  }
  const s = scalar(v, d);
  if (s !== undefined) return s;
  // Parts joined (not `+=`): each level's string is then flat, not a tree of pieces that is
  // slower to flatten later and holds far more memory (100,000 rows in BUILDERS).
  if (Array.isArray(v)) {
    let list = w.lists.get(v);
    if (list === undefined) {
      const parts: string[] = new Array(v.length);
      for (let i = 0; i < v.length; i++) parts[i] = compact(v[i], d, w);
      w.lists.set(v, (list = `[${parts.join(', ')}]`));
    }
    return list;
  }
  const keys = keysOf(v);
  const parts: string[] = new Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    let key = w.keys.get(k);
    if (key === undefined) w.keys.set(k, (key = `${d.string(k)}: `));
    parts[i] = key + compact((v as Record<string, unknown>)[k], d, w);
  }
  return `{${parts.join(', ')}}`;
}

/** How a data table is laid out: one field a line for the first `expand` levels, one
 *  item (or entry) a line, or as any literal (pyLiteral's layout). */
export type Layout = { expand: number } | 'one-per-line' | 'literal';

/** A Python expression for a big data table: its JSON, laid out like the literal would be,
 *  in a raw string read by json.loads. The JSON holds no `'` (escaped), so nothing in it
 *  can end the string; master.cfg must `import json`. */
export function pyJsonTable(v: unknown, layout: Layout): string {
  const text =
    layout === 'one-per-line' ? onePerLine(v, JSON_) : layout === 'literal' ? literal(v, 0, JSON_) : expanded(v, layout.expand, 0, JSON_);
  return `json.loads(r'''${text}''')`;
}

function fill(items: string[], pad: string, d: Dialect): string {
  const out: string[] = [];
  let line = '';
  items.forEach((item, i) => {
    const sep = d === PY || i < items.length - 1 ? ',' : '';
    if (line && pad.length + line.length + item.length + 2 > WIDTH) {
      out.push(line);
      line = '';
    }
    line += `${line ? ' ' : ''}${item}${sep}`;
  });
  if (line) out.push(line);
  return out.map((l) => `${pad}${l}\n`).join('');
}

/** The one-line literal of `v` when it is at most `room` characters long, else undefined
 *  (found without building the rest of it). */
function compactWithin(v: unknown, room: number, d: Dialect): string | undefined {
  const s = scalar(v, d);
  if (s !== undefined) return s.length <= room ? s : undefined;
  if (room < 2) return undefined;
  const parts: string[] = [];
  let used = 2; // the brackets
  const add = (prefix: string, x: unknown): boolean => {
    if (parts.length) used += 2; // ", "
    const item = compactWithin(x, room - used - prefix.length, d);
    if (item === undefined) return false;
    used += prefix.length + item.length;
    parts.push(prefix + item);
    return true;
  };
  if (Array.isArray(v)) {
    for (const x of v) if (!add('', x)) return undefined;
    return `[${parts.join(', ')}]`;
  }
  for (const [k, x] of entriesOf(v)) if (!add(`${d.string(k)}: `, x)) return undefined;
  return `{${parts.join(', ')}}`;
}

/** The keys of a plain object whose value is not undefined, in insertion order (the order
 *  the stage built them in). */
function keysOf(v: unknown): string[] {
  // Plain data only: a Map, Date or typed array would render as something other than it holds.
  const proto: unknown = typeof v === 'object' && v !== null ? Object.getPrototypeOf(v) : undefined;
  if (proto !== Object.prototype && proto !== null) {
    const what = typeof v === 'object' && v !== null ? v.constructor?.name ?? 'object' : typeof v;
    throw new TypeError(`cannot write ${what} into master.cfg`);
  }
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  // An index loop: with TurboFan off (cli/tiering.ts), `for...of` allocates at every step.
  for (let i = 0; i < keys.length; i++) if (o[keys[i]!] === undefined) return keys.filter((x) => o[x] !== undefined);
  return keys;
}

function entriesOf(v: unknown): [string, unknown][] {
  const o = v as Record<string, unknown>;
  return keysOf(v).map((k) => [k, o[k]]);
}
