// When YAML does not parse, the parser often reports the line above the mistake, or a
// blank line, with a message about "implicit keys". People make a handful of slips again
// and again: a tab, a field indented one space too far, a list entry at the wrong column,
// `parallel:4`, an unquoted `: ` in a value, an unclosed bracket or quote. This reads the
// lines the way a person does (indentation, `- `, `key:`, value) and names the first such
// slip, at the line and column to change, with a hint that fits.
//
// It runs only after the parser failed, so it never rejects a valid file; it stops (and
// the parser's own message is used) at anything it does not model: `? ` keys, directives.

export interface Slip {
  line: number;
  col: number;
  message: string;
}

type Kind = 'map' | 'seq';

interface Level {
  indent: number;
  kind: Kind;
  /** The last key of a mapping level, for "indented more than `name:` above". */
  key?: { text: string; col: number; line: number };
  /** The line of the first `- ` of a sequence level. */
  line: number;
  /** A list at the column of its mapping key (`key:` then `- x` below it): it ends at the next key. */
  compact?: boolean;
}

interface Pending {
  /** Children of the line just read must be indented more than this... */
  indent: number;
  /** ... or, for a mapping key, be a `- ` list at the same column (a compact list). */
  compact: boolean;
}

class Stop extends Error {}

const SPACE = (c: string | undefined) => c === ' ' || c === '\t';
const END = (line: string, i: number) => i >= line.length || line[i] === '#' && SPACE(line[i - 1]);
const shorten = (s: string) => (s.length > 40 ? `${s.slice(0, 37)}...` : s);

/** Where a quoted scalar starting at `i` ends (the index after its closing quote), or -1 if not on this line. */
function quoteEnd(line: string, i: number): number {
  const q = line[i];
  for (let j = i + 1; j < line.length; j++) {
    if (q === '"' && line[j] === '\\') j++;
    else if (line[j] === q) {
      if (q === "'" && line[j + 1] === "'") j++;
      else return j + 1;
    }
  }
  return -1;
}

interface Flow {
  /** Open brackets: the character and its position. */
  open: { ch: string; line: number; col: number }[];
  /** The indentation of the line that opened it. */
  owner: number;
}

/** Read flow text (`{ ... }`, `[ ... ]`) from `i`; returns the index where the collection closed, or -1 (open past the line). */
function scanFlow(line: string, lineNo: number, i: number, flow: Flow): number {
  // Inside a flow mapping: have we read `key: value` of the current entry?
  let sawValue = false;
  for (; i < line.length; i++) {
    const c = line[i]!;
    if (c === '#' && (i === 0 || SPACE(line[i - 1]))) return -1; // a comment: the rest of the line
    if ((c === '"' || c === "'") && startsToken(line, i)) {
      const end = quoteEnd(line, i);
      if (end < 0) throw new Stop(); // a quoted string over several lines inside brackets: not modelled
      i = end - 1;
      continue;
    }
    if (c === '{' || c === '[') {
      flow.open.push({ ch: c, line: lineNo, col: i + 1 });
      sawValue = false;
      continue;
    }
    if (c === '}' || c === ']') {
      const top = flow.open.pop();
      const want = c === '}' ? '{' : '[';
      if (!top) throw slip(lineNo, i + 1, `an extra \`${c}\`: nothing is open for it to close; remove it`);
      if (top.ch !== want) throw slip(lineNo, i + 1, `\`${c}\` closes the \`${top.ch}\` of line ${top.line}, column ${top.col}: use \`${top.ch === '{' ? '}' : ']'}\``);
      if (!flow.open.length) return i + 1;
      continue;
    }
    if (c === ',') {
      sawValue = false;
      continue;
    }
    if (c === ':' && (SPACE(line[i + 1]) || i + 1 === line.length || ',]}'.includes(line[i + 1]!))) {
      const inMap = flow.open[flow.open.length - 1]?.ch === '{';
      if (inMap && sawValue) {
        // `{ family: linux distribution: debian }`: the second key starts at the last word.
        let k = i;
        while (k > 0 && !SPACE(line[k - 1]) && !',{['.includes(line[k - 1]!)) k--;
        throw slip(lineNo, k + 1, `a \`,\` is missing before \`${line.slice(k, i)}:\`: inside \`{ }\`, separate the entries with commas`);
      }
      if (inMap) sawValue = true;
      continue;
    }
  }
  return -1;
}

/** A quote opens a quoted scalar only where a token starts (`it's` is one plain word). */
function startsToken(line: string, i: number): boolean {
  let p = i - 1;
  while (p >= 0 && SPACE(line[p])) p--;
  // `key: "v"` (a `:` then a space); `a:"b"` is one plain word.
  return p < 0 || '{[,'.includes(line[p]!) || (line[p] === ':' && p < i - 1);
}

function slip(line: number, col: number, message: string): Slip & Error {
  return Object.assign(new Error(message), { line, col, message });
}

const isSlip = (e: unknown): e is Slip & Error => e instanceof Error && typeof (e as Partial<Slip>).line === 'number';

/** The first slip in the file, or undefined (the file looks fine to this reader, or holds something it does not model). */
export function findSlip(lines: string[]): Slip | undefined {
  try {
    read(lines);
    return undefined;
  } catch (e) {
    if (isSlip(e)) return { line: e.line, col: e.col, message: e.message };
    if (e instanceof Stop) return undefined;
    throw e;
  }
}

function read(lines: string[]): void {
  const stack: Level[] = [];
  let pending: Pending | undefined;
  /** A plain value was read: more-indented lines without `: ` continue it. */
  let plainAt: number | undefined;
  /** Inside a block scalar (`|`, `>`): lines indented more than this belong to it. */
  let blockAt: number | undefined;
  let flow: Flow | undefined;
  let quote: { ch: string; line: number; col: number; owner: number } | undefined;

  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    const no = n + 1;
    let i = 0;
    while (line[i] === ' ') i++;
    let k = i;
    while (SPACE(line[k])) k++;
    const blank = k === line.length || line[k] === '#';
    if (blockAt !== undefined) {
      if (blank || i > blockAt || line.trim() === '') continue;
      blockAt = undefined;
    }
    if (quote) {
      const close = line.indexOf(quote.ch, 0);
      // A line that reads like the next field while the quote is still open: it was never closed.
      if (!blank && i <= quote.owner && /^(?:- )?[A-Za-z_][\w-]*:(?:\s|$)/.test(line.slice(i))) {
        throw slip(quote.line, quote.col, `this \`${quote.ch}\` is never closed: end the text with \`${quote.ch}\``);
      }
      if (close < 0) continue;
      quote = undefined;
      continue; // the rest of the line after the closing quote is not modelled
    }
    if (flow) {
      if (blank) continue;
      if (i <= flow.owner && !'}]'.includes(line[i]!)) {
        const o = flow.open[0]!;
        throw slip(o.line, o.col, `this \`${o.ch}\` is never closed: end it with \`${o.ch === '{' ? '}' : ']'}\``);
      }
      if (scanFlow(line, no, i, flow) >= 0) flow = undefined;
      continue;
    }
    if (blank) continue;
    if (line[i] === '\t') throw slip(no, i + 1, 'a tab in the indentation: YAML indents with spaces only; replace the tab with spaces');
    if (i === 0 && /^(?:---|\.\.\.)(?:\s|$)/.test(line)) {
      stack.length = 0;
      pending = undefined;
      plainAt = undefined;
      continue;
    }
    if (line[i] === '%' || line[i] === '?' || (line[i] === ':' && SPACE(line[i + 1]))) throw new Stop();

    // `- ` indicators (several for a compact `- - x`).
    const dashes: number[] = [];
    while (line[i] === '-' && (i + 1 === line.length || SPACE(line[i + 1]))) {
      dashes.push(i);
      i++;
      while (SPACE(line[i])) i++;
    }
    const indent = dashes.length ? dashes[0]! : i;
    const content = i;
    // The content: a key (`name:`), a scalar, a flow collection, or nothing.
    const parsed = readContent(line, no, content);

    // A more-indented line after a plain value continues it, unless it reads as a key.
    if (plainAt !== undefined && indent > plainAt && !dashes.length && !parsed.key) continue;
    // `key:` then its (plain) value on the next lines.
    if (pending && indent > pending.indent && !dashes.length && !parsed.key && parsed.plain) {
      plainAt = pending.indent;
      pending = undefined;
      continue;
    }
    placeLine(no, indent, dashes, parsed);
    plainAt = parsed.plain ? (parsed.key ? parsed.key.col - 1 : (dashes[dashes.length - 1] ?? content)) : undefined;
    if (parsed.block) blockAt = parsed.key ? parsed.key.col - 1 : (dashes[dashes.length - 1] ?? indent);
    if (parsed.flow) flow = { ...parsed.flow, owner: indent };
    if (parsed.quote) quote = { ...parsed.quote, owner: indent };
  }
  if (quote) throw slip(quote.line, quote.col, `this \`${quote.ch}\` is never closed: end the text with \`${quote.ch}\``);
  if (flow) {
    const o = flow.open[0]!;
    throw slip(o.line, o.col, `this \`${o.ch}\` is never closed: end it with \`${o.ch === '{' ? '}' : ']'}\``);
  }

  /** Check the line's place in the block structure, then record its levels. */
  function placeLine(no: number, indent: number, dashes: number[], c: Content) {
    const head: Kind | 'scalar' = dashes.length ? 'seq' : c.key ? 'map' : 'scalar';
    const what = c.key ? `\`${shorten(c.key.text)}:\`` : dashes.length ? 'this `- ` entry' : 'this line';
    if (pending && (indent > pending.indent || (pending.compact && indent === pending.indent && head === 'seq'))) {
      stack.push({ indent, kind: head === 'seq' ? 'seq' : 'map', line: no, compact: indent === pending.indent });
    } else {
      let popped: Level | undefined;
      let poppedSeq: Level | undefined;
      const ends = (l: Level) => l.indent > indent || (l.compact === true && l.indent === indent && head !== 'seq');
      while (stack.length && ends(stack[stack.length - 1]!)) {
        popped = stack.pop();
        if (popped!.kind === 'seq') poppedSeq = popped;
      }
      const top = stack[stack.length - 1];
      if (!top) {
        if (indent > 0 && popped) throw slip(no, indent + 1, `${what} is indented (column ${indent + 1}), but the top level starts at column ${popped.indent + 1}: line it up`);
        stack.push({ indent, kind: head === 'seq' ? 'seq' : 'map', line: no });
      } else if (top.indent < indent) {
        // Deeper than the current level, with nothing above that opens a block.
        if (popped) {
          throw slip(no, indent + 1, `${what} at column ${indent + 1} lines up with nothing above it: ${levelHint(popped, top)}`);
        }
        if (top.kind === 'map' && top.key) {
          throw slip(no, indent + 1, `${what} is indented more than \`${shorten(top.key.text)}:\` above it (column ${indent + 1}, not ${top.key.col}): the fields of one mapping line up${dashes.length ? '; a list under a field starts on the line after `key:`' : ''}`);
        }
        throw slip(no, indent + 1, `${what} is indented more than the line above it (column ${indent + 1}, not ${top.indent + 1}): line it up with its siblings`);
      } else if (head === 'seq' && top.kind === 'map') {
        if (poppedSeq) throw slip(no, indent + 1, `this \`- \` entry is at column ${indent + 1}, but the entries of its list start at column ${poppedSeq.indent + 1} (line ${poppedSeq.line}): indent it like them`);
        throw slip(no, indent + 1, `a \`- \` list entry among the fields of a mapping (\`${shorten(top.key?.text ?? '')}:\` is at this column): remove the \`- \`, or put the list under a \`key:\` on the line above`);
      } else if (head !== 'seq' && top.kind === 'seq') {
        if (c.key?.text.startsWith('-')) throw slip(no, indent + 1, `a space is missing after \`-\`: write \`- ${c.key.text.slice(1)}:\``);
        const fields = popped && popped.kind === 'map' ? popped : undefined;
        if (fields) throw slip(no, indent + 1, `${what} lines up with the \`- \` of the list (column ${indent + 1}), not with the fields of its entry (column ${fields.indent + 1}): indent it by ${fields.indent - indent} more space(s), or start a new entry with \`- \``);
        throw slip(no, indent + 1, `${what} is in a list, but has no \`- \`: start it with \`- \``);
      } else if (head === 'scalar' && top.kind === 'map') {
        throw slip(no, c.scalarSlipCol ?? indent + 1, c.scalarSlip ?? `this line is not \`key: value\`: a \`:\` is missing, or it belongs to the line above (then indent it more)`);
      }
    }
    // Record the line's own levels: nested compact `- - `, and the mapping a `- key:` starts.
    let top = stack[stack.length - 1]!;
    for (const d of dashes.slice(1)) {
      top = { indent: d, kind: 'seq', line: no };
      stack.push(top);
    }
    if (c.key && dashes.length) {
      top = { indent: c.key.col - 1, kind: 'map', line: no };
      stack.push(top);
    }
    if (c.key && top.kind === 'map') top.key = { text: c.key.text, col: c.key.col, line: no };
    pending = c.opens ? { indent: c.key ? c.key.col - 1 : dashes[dashes.length - 1]!, compact: c.key !== undefined } : undefined;
  }
}

function levelHint(popped: Level, top: Level): string {
  const inner = popped.kind === 'map' && popped.key ? `the fields above (\`${shorten(popped.key.text)}:\`) are at column ${popped.indent + 1}` : `the entries above are at column ${popped.indent + 1}`;
  const outer = top.kind === 'map' && top.key ? `\`${shorten(top.key.text)}:\` at column ${top.indent + 1}` : `the list at column ${top.indent + 1}`;
  return `${inner}, ${outer}; use one of those columns`;
}

interface Content {
  key?: { text: string; col: number };
  /** The line ends with `key:` or `-` and nothing else: a block follows. */
  opens: boolean;
  /** A plain (unquoted) value. */
  plain: boolean;
  block: boolean;
  flow?: Omit<Flow, 'owner'>;
  quote?: { ch: string; line: number; col: number };
  /** For a line that is a bare scalar where a field was expected: what is likely wrong. */
  scalarSlip?: string;
  scalarSlipCol?: number;
}

/** Read what follows the indentation and the `- `s: a key and its value, or a lone value. */
function readContent(line: string, no: number, start: number): Content {
  const c: Content = { opens: false, plain: false, block: false };
  let i = start;
  if (END(line, i) || i >= line.length) {
    c.opens = true;
    return c;
  }
  // Anchors and tags before a key or value.
  const props = () => {
    while (line[i] === '&' || line[i] === '!') {
      while (i < line.length && !SPACE(line[i])) i++;
      while (SPACE(line[i])) i++;
    }
  };
  props();
  if (END(line, i)) {
    c.opens = true;
    return c;
  }
  // A quoted key?
  if (line[i] === '"' || line[i] === "'") {
    const end = quoteEnd(line, i);
    if (end >= 0) {
      let j = end;
      while (SPACE(line[j])) j++;
      if (line[j] === ':' && (j + 1 === line.length || SPACE(line[j + 1]))) {
        c.key = { text: line.slice(i, end), col: i + 1 };
        i = j + 1;
        return readValue(line, no, i, c);
      }
    }
    return readValue(line, no, i, c);
  }
  if (line[i] === '{' || line[i] === '[' || line[i] === '*' || line[i] === '|' || line[i] === '>' || line[i] === '@' || line[i] === '`') return readValue(line, no, i, c);
  // A plain key: up to the first `: ` (or a `:` ending the line), before any ` #`.
  for (let j = i; j < line.length; j++) {
    if (line[j] === '#' && SPACE(line[j - 1])) break;
    if (line[j] === ':' && (j + 1 === line.length || SPACE(line[j + 1]))) {
      c.key = { text: line.slice(i, j).trimEnd(), col: i + 1 };
      return readValue(line, no, j + 1, c);
    }
  }
  // A bare scalar: say what a field would need.
  const text = line.slice(i).replace(/\s+#.*$/, '').trimEnd();
  const noSpace = /^([A-Za-z_][\w.-]*):(\S.*)$/.exec(text);
  const missing = /^([A-Za-z_][\w-]*)\s+(\S.*)$/.exec(text);
  if (noSpace) {
    c.scalarSlip = `a space is missing after the colon: write \`${noSpace[1]}: ${noSpace[2]}\``;
    c.scalarSlipCol = i + noSpace[1]!.length + 1;
  } else if (missing) {
    c.scalarSlip = `a \`:\` is missing after \`${missing[1]}\`: write \`${missing[1]}: ${missing[2]}\``;
    c.scalarSlipCol = i + missing[1]!.length + 1;
  }
  c.plain = true;
  return c;
}

/** Read a value from `i` (after `key:`, or a lone value). */
function readValue(line: string, no: number, i: number, c: Content): Content {
  while (SPACE(line[i])) i++;
  const props = () => {
    while (line[i] === '&' || line[i] === '!') {
      while (i < line.length && !SPACE(line[i])) i++;
      while (SPACE(line[i])) i++;
    }
  };
  props();
  if (END(line, i)) {
    c.opens = true;
    return c;
  }
  const ch = line[i]!;
  if (ch === '|' || ch === '>') {
    c.block = true;
    return c;
  }
  if (ch === '@' || ch === '`') throw slip(no, i + 1, `a value cannot start with ${ch === '@' ? '`@`' : 'a backtick'} (YAML reserves it): put the value in quotes`);
  if (ch === '"' || ch === "'") {
    const end = quoteEnd(line, i);
    if (end < 0) {
      c.quote = { ch, line: no, col: i + 1 };
      return c;
    }
    let j = end;
    while (SPACE(line[j])) j++;
    if (!END(line, j)) {
      const inside = ch === "'" ? "to put a `'` inside single quotes, write it twice (`''`), or use double quotes" : 'to put a `"` inside double quotes, write `\\"`, or use single quotes';
      throw slip(no, i + 1, `text after the closing \`${ch}\` of this value: ${inside}`);
    }
    return c;
  }
  if (ch === '{' || ch === '[') {
    const flow: Flow = { open: [], owner: 0 };
    const end = scanFlow(line, no, i, flow);
    if (end < 0) {
      c.flow = { open: flow.open };
      return c;
    }
    let j = end;
    while (SPACE(line[j])) j++;
    if (!END(line, j)) {
      if (line[j] === '}' || line[j] === ']') throw slip(no, j + 1, `an extra \`${line[j]}\`: nothing is open for it to close; remove it`);
      throw slip(no, j + 1, `text after the closing \`${line[end - 1]}\`: put it inside the brackets, or remove it`);
    }
    return c;
  }
  if (ch === '*') return c;
  // A plain value: `: ` inside it would start another key.
  for (let j = i; j < line.length; j++) {
    if (line[j] === '#' && SPACE(line[j - 1])) break;
    if (line[j] === ':' && (j + 1 === line.length || SPACE(line[j + 1]))) {
      const value = line.slice(i).replace(/\s+#.*$/, '').trimEnd();
      throw slip(no, i + 1, `this value contains \`: \`, which YAML reads as another key: put the value in quotes${c.key ? `: \`${c.key.text}: ${JSON.stringify(value)}\`` : ''}`);
    }
  }
  c.plain = true;
  return c;
}
