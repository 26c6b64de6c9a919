// The one way a value reaches master.cfg: as a Python literal. Strings are escaped to
// printable ASCII (quotes, backslashes, control characters, non-ASCII and lone
// surrogates all become escapes), so no YAML string can end a literal and become code.

const WIDTH = 100;

/** Strings that need no escape at all (printable ASCII but `"` and `\\`): the common case. */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

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

function scalar(v: unknown): string | undefined {
  if (v === null) return 'None';
  // Not None: undefined is what a template gets for a misspelt or missing value.
  if (v === undefined) throw new TypeError('no value to write into master.cfg (undefined: does a template refer to a missing field?)');
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) throw new TypeError(`not a safe integer for master.cfg: ${v}`);
    return String(v);
  }
  if (typeof v === 'string') return pyString(v);
  return undefined;
}

/** A Python literal for `v`: on one line when it fits, else one item per line. */
export function pyLiteral(v: unknown, indent = 0): string {
  const s = scalar(v);
  if (s !== undefined) return s;
  // Only as much of the compact form as can fit is built: building all of it at every
  // level made rendering quadratic in the nesting (and huge for BUILDERS).
  const compact = pyCompactWithin(v, WIDTH - indent);
  if (compact !== undefined) return compact;
  const pad = ' '.repeat(indent + 4);
  const close = ' '.repeat(indent);
  if (Array.isArray(v)) {
    // A short list of scalars (a command line) is filled, several items a line, so it still reads as one.
    if (v.length <= 24 && v.every((x) => scalar(x) !== undefined)) return `[\n${fill(v.map((x) => scalar(x)!), pad)}${close}]`;
    // Concatenated, not joined: the engine keeps the items linked until the text is written
    // out, instead of holding every item and a joined copy at once (BUILDERS: 100+ MiB each).
    let items = '';
    for (const x of v) items += `${pad}${pyLiteral(x, indent + 4)},\n`;
    return `[\n${items}${close}]`;
  }
  const body = entriesOf(v)
    .map(([k, x]) => `${pad}${pyString(k)}: ${pyLiteral(x, indent + 4)},\n`)
    .join('');
  return `{\n${body}${close}}`;
}

/** Like pyLiteral, but the first `levels` levels always one item per line: each entry of
 *  a table such as STEPS keeps one field a line, so an edited field is a one-line diff
 *  instead of a compact entry reflowed into several lines. */
export function pyExpanded(v: unknown, levels: number, indent = 0): string {
  if (levels <= 0 || scalar(v) !== undefined) return pyLiteral(v, indent);
  const pad = ' '.repeat(indent + 4);
  const close = ' '.repeat(indent);
  let items = '';
  if (Array.isArray(v)) {
    for (const x of v) items += `${pad}${pyExpanded(x, levels - 1, indent + 4)},\n`;
    return `[\n${items}${close}]`;
  }
  for (const [k, x] of entriesOf(v)) items += `${pad}${pyString(k)}: ${pyExpanded(x, levels - 1, indent + 4)},\n`;
  return `{\n${items}${close}}`;
}

/** A list with each item on one line of its own, however long (BUILDERS): Python compiles
 *  this ~3x faster than entries spread over lines, and a diff still shows one builder a line. */
export function pyOnePerLine(items: readonly unknown[]): string {
  let out = '[\n';
  for (const x of items) out += `    ${pyCompactWithin(x, Infinity)},\n`;
  return `${out}]`;
}

function fill(items: string[], pad: string): string {
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    if (line && pad.length + line.length + item.length + 2 > WIDTH) {
      lines.push(line);
      line = '';
    }
    line += `${line ? ' ' : ''}${item},`;
  }
  if (line) lines.push(line);
  return lines.map((l) => `${pad}${l}\n`).join('');
}

/** The one-line literal of `v` when it is at most `room` characters long, else undefined
 *  (found without building the rest of it). */
function pyCompactWithin(v: unknown, room: number): string | undefined {
  const s = scalar(v);
  if (s !== undefined) return s.length <= room ? s : undefined;
  if (room < 2) return undefined;
  const parts: string[] = [];
  let used = 2; // the brackets
  const add = (prefix: string, x: unknown): boolean => {
    if (parts.length) used += 2; // ", "
    const item = pyCompactWithin(x, room - used - prefix.length);
    if (item === undefined) return false;
    used += prefix.length + item.length;
    parts.push(prefix + item);
    return true;
  };
  if (Array.isArray(v)) {
    for (const x of v) if (!add('', x)) return undefined;
    return `[${parts.join(', ')}]`;
  }
  for (const [k, x] of entriesOf(v)) if (!add(`${pyString(k)}: `, x)) return undefined;
  return `{${parts.join(', ')}}`;
}

function entriesOf(v: unknown): [string, unknown][] {
  // Plain data only: a Map, Date or typed array would render as something other than it holds.
  const proto: unknown = typeof v === 'object' && v !== null ? Object.getPrototypeOf(v) : undefined;
  if (proto !== Object.prototype && proto !== null) {
    const what = typeof v === 'object' && v !== null ? v.constructor?.name ?? 'object' : typeof v;
    throw new TypeError(`cannot write ${what} into master.cfg`);
  }
  // Keys keep their insertion order (the order the stage built them in), undefined dropped.
  return Object.entries(v as object).filter(([, x]) => x !== undefined);
}
