// A fast reader for the plain part of YAML that fleet files are written in: block mappings
// and lists, one-line `[...]` and `{...}`, plain and one-line quoted scalars, comments.
// It returns the data, or NOT_SIMPLE for anything else (anchors, tags, block scalars,
// multi-line scalars or brackets, escapes, empty values, duplicate or non-text keys, tabs,
// aliases inside anchors, syntax errors...), and load.ts then reads the file with the full `yaml` library, which
// also gives every position and message. So this reader never reports a problem: it only
// has to agree with `yaml` on the files it accepts (test/load/simple-yaml.test.ts checks
// that on every YAML file of the project and on mutations of them).
//
// Why: yaml's lexer, parser and composer build a document of a dozen objects per value;
// on CPython's fleet that is a quarter of a cold `check`, and at 100,000 builders 3.7 s of
// 7 (docs/performance.md). Positions are only needed when a problem is reported, and
// load.ts then asks yaml for them.

export const NOT_SIMPLE: unique symbol = Symbol('not simple YAML');

/** load.ts's limits: past them the reader gives up, and load.ts reports them. */
export interface SimpleLimits {
  maxDepth: number;
  maxNodes: number;
  /** Uses of one anchor. */
  maxAliases: number;
  /** Nodes all aliases add. */
  maxAliasNodes: number;
}

/** Anything outside the subset: thrown to the top, where the reader gives up. */
const GIVE_UP = new Error('not simple YAML');

/** Characters that make a file not simple wherever they are: control characters (tab and
 *  CR included), C1 controls, the Unicode line and paragraph separators, BOMs and
 *  non-characters; a directive or a document marker at the start of a line. */
const NOT_SIMPLE_TEXT = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|^(?:%|---(?![^ \n])|\.\.\.(?![^ \n]))/m;

/** YAML's longest implicit key (yaml reports a longer one in strict mode). */
const MAX_KEY = 1024;
/** load.ts calls a block indicator further right than this too deep (`- - - ...`). */
const MAX_INDICATOR_COLUMN = 512;

/** The data of `text`, or NOT_SIMPLE. */
export function readSimpleYaml(text: string, limits: SimpleLimits): unknown {
  if (NOT_SIMPLE_TEXT.test(text)) return NOT_SIMPLE;
  try {
    return new Reader(text, limits).document();
  } catch (e) {
    if (e === GIVE_UP) return NOT_SIMPLE;
    throw e;
  }
}

const SPACE = 0x20;
const NL = 0x0a;
const HASH = 0x23;
const COLON = 0x3a;
const DASH = 0x2d;
const DQ = 0x22;
const SQ = 0x27;
const AMP = 0x26;
const STAR = 0x2a;

/** Characters that may not start a plain scalar here (YAML's indicators), and `?`/`:`,
 *  which may but are left to yaml. `-` is allowed when a non-space follows. */
function badPlainStart(c: number): boolean {
  switch (c) {
    case 0x2c: // ,
    case 0x5b: // [
    case 0x5d: // ]
    case 0x7b: // {
    case 0x7d: // }
    case HASH:
    case 0x26: // &
    case 0x2a: // *
    case 0x21: // !
    case 0x7c: // |
    case 0x3e: // >
    case SQ:
    case DQ:
    case 0x25: // %
    case 0x40: // @
    case 0x60: // `
    case 0x3f: // ?
    case COLON:
      return true;
    default:
      return false;
  }
}

const isFlowEnd = (c: number) => c === 0x2c || c === 0x5d || c === 0x7d || c === 0x5b || c === 0x7b;
const blankOrEnd = (c: number) => c === SPACE || c === NL || Number.isNaN(c);

/** What YAML 1.2's core schema makes of a plain scalar, as yaml resolves it: its tags in
 *  yaml's order (yaml/dist/schema/core), each pattern with its conversion. Scalars that
 *  cannot be a null, boolean or number are text. */
function plainValue(s: string): unknown {
  const c = s.charCodeAt(0);
  // Every non-text pattern starts with one of `-+.~0-9nNtTfF`.
  const maybeNotText = c === 0x2d || c === 0x2b || c === 0x2e || c === 0x7e || (c >= 0x30 && c <= 0x39) || c === 0x6e || c === 0x4e || c === 0x74 || c === 0x54 || c === 0x66 || c === 0x46;
  if (!maybeNotText) return s;
  if (/^(?:~|[Nn]ull|NULL)?$/.test(s)) return null;
  if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(s)) return c === 0x74 || c === 0x54;
  if (/^0o[0-7]+$/.test(s)) return parseInt(s.substring(2), 8);
  if (/^[-+]?[0-9]+$/.test(s)) return parseInt(s, 10);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return parseInt(s.substring(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(s) || /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(s)) return parseFloat(s);
  return s;
}

class Reader {
  private i = 0;
  /** Start of the line `i` is on. */
  private ls = 0;
  /** Column of the content `i` points at after next(); -1 at the end of the text. */
  private ind = -1;
  private nodes = 0;
  private size = 0;
  private deepest = 0;
  /** Anchors by name: null while their value is read. */
  private readonly anchors = new Map<string, { value: unknown; size: number; height: number; uses: number } | null>();
  private open = 0;
  private aliasNodes = 0;

  constructor(
    private readonly t: string,
    private readonly limits: SimpleLimits,
  ) {}

  document(): unknown {
    this.next();
    if (this.ind < 0) throw GIVE_UP; // empty: yaml says so
    const data = this.block(this.ind, 1);
    if (this.ind >= 0) throw GIVE_UP; // more after the top node (a dedent that fits nothing)
    return data;
  }

  /** A scalar or a `[`/`{`: what load.ts's token limits count as a value. */
  private count(depth: number): void {
    if (++this.nodes > this.limits.maxNodes) throw GIVE_UP;
    this.deep(depth);
  }

  /** Every node: its depth, and the size and height anchored values are measured by. */
  private deep(depth: number): void {
    if (depth > this.limits.maxDepth) throw GIVE_UP;
    this.size++;
    if (depth > this.deepest) this.deepest = depth;
  }

  /** The text from start to end without trailing spaces (YAML's, not Unicode's). */
  private trimmed(start: number, end: number): string {
    while (end > start && this.t.charCodeAt(end - 1) === SPACE) end--;
    return this.t.slice(start, end);
  }

  /** From the start of a line: skip blank and comment lines; leave i at the first
   *  non-space of the next content line and ind at its column (-1 at the end). */
  private next(): void {
    const t = this.t;
    const n = t.length;
    let i = this.i;
    for (;;) {
      const ls = i;
      while (i < n && t.charCodeAt(i) === SPACE) i++;
      if (i >= n) {
        this.i = n;
        this.ind = -1;
        return;
      }
      const c = t.charCodeAt(i);
      if (c === NL) {
        i++;
        continue;
      }
      if (c === HASH) {
        const e = t.indexOf('\n', i);
        if (e < 0) {
          this.i = n;
          this.ind = -1;
          return;
        }
        i = e + 1;
        continue;
      }
      this.i = i;
      this.ls = ls;
      this.ind = i - ls;
      return;
    }
  }

  /** After a value: spaces, an optional comment, the end of the line; then next(). */
  private endLine(): void {
    const t = this.t;
    let i = this.i;
    const start = i;
    while (t.charCodeAt(i) === SPACE) i++;
    const c = t.charCodeAt(i);
    if (c === HASH) {
      if (i === start) throw GIVE_UP; // `"x"#`: not a comment
      const e = t.indexOf('\n', i);
      i = e < 0 ? t.length : e;
    } else if (c !== NL && i < t.length) throw GIVE_UP;
    this.i = i < t.length ? i + 1 : i;
    this.next();
  }

  /** The node that starts at i, in column c: a list, a mapping, or a one-line value. */
  private block(c: number, depth: number): unknown {
    const t = this.t;
    const ch = t.charCodeAt(this.i);
    if (ch === DASH && blankOrEnd(t.charCodeAt(this.i + 1))) return this.list(c, depth);
    const key = this.key();
    if (key !== undefined) return this.map(c, depth, key);
    this.count(depth);
    const v = this.inline(depth);
    this.endLine();
    return v;
  }

  /** A block list whose dashes are in column c; i is at the first dash. */
  private list(c: number, depth: number): unknown[] {
    this.deep(depth);
    if (c > MAX_INDICATOR_COLUMN) throw GIVE_UP;
    const t = this.t;
    const out: unknown[] = [];
    for (;;) {
      this.i++; // past the dash
      out.push(this.valueAfter(c, depth + 1, false, false));
      if (this.ind > c) throw GIVE_UP;
      if (this.ind < c || t.charCodeAt(this.i) !== DASH || !blankOrEnd(t.charCodeAt(this.i + 1))) return out;
    }
  }

  /** A block mapping whose keys are in column c; i is just past the first key's `:`. */
  private map(c: number, depth: number, first: string): Record<string, unknown> {
    this.deep(depth);
    const out: Record<string, unknown> = {};
    let key: string | undefined = first;
    for (;;) {
      if (key === '__proto__' || Object.prototype.hasOwnProperty.call(out, key)) throw GIVE_UP;
      this.count(depth + 1); // the key
      out[key] = this.valueAfter(c, depth + 1, true, false);
      if (this.ind > c) throw GIVE_UP;
      if (this.ind < c) return out;
      key = this.key();
      if (key === undefined) throw GIVE_UP;
    }
  }

  /** The value after a `key:` or a `- ` of a collection in column c, to the end of it: on
   *  this line, or below it (further right; a mapping's list may also stand in column c). */
  private valueAfter(c: number, depth: number, mapValue: boolean, anchored: boolean): unknown {
    const t = this.t;
    let j = this.i;
    while (t.charCodeAt(j) === SPACE) j++;
    const ch = t.charCodeAt(j);
    if (ch === AMP && !anchored) {
      this.i = j;
      return this.anchored(this.name(false), depth, () => this.valueAfter(c, depth, mapValue, true));
    }
    if (ch === NL || ch === HASH || j >= t.length) {
      this.endLine(); // from before the spaces: they make the `#` a comment
      if (this.ind > c) return this.block(this.ind, depth);
      if (mapValue && this.ind === c && t.charCodeAt(this.i) === DASH && blankOrEnd(t.charCodeAt(this.i + 1))) return this.list(c, depth);
      throw GIVE_UP; // an empty value
    }
    this.i = j;
    let value: unknown;
    if (ch === STAR) value = this.alias(depth);
    // A list's entry may be a list or a mapping on the dash's line; a value after an anchor
    // or a key's `:` may not (props before a key belong to the key: left to yaml).
    else if (!mapValue && !anchored) return this.block(j - this.ls, depth);
    else {
      this.count(depth);
      value = this.inline(depth);
    }
    this.endLine();
    return value;
  }

  /** An anchor's or an alias's name at i (`&name`, `*name`), with i left after it. Names are
   *  letters, digits, `_` and `-`; what follows is a space, the line's end, or (an alias's)
   *  `,`, `]`, `}`. */
  private name(alias: boolean): string {
    const t = this.t;
    let j = this.i + 1;
    for (let c = t.charCodeAt(j); (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === DASH; c = t.charCodeAt(++j));
    const end = t.charCodeAt(j);
    if (j === this.i + 1 || !(blankOrEnd(end) || (alias && (end === 0x2c || end === 0x5d || end === 0x7d)))) throw GIVE_UP;
    const name = t.slice(this.i + 1, j);
    this.i = j;
    return name;
  }

  /** Read an anchored value, measured as load.ts measures what its aliases add. */
  private anchored(name: string, depth: number, read: () => unknown): unknown {
    this.anchors.set(name, null); // open: an alias inside it would contain itself
    this.open++;
    const size = this.size;
    const deepest = this.deepest;
    this.deepest = depth;
    const value = read();
    this.anchors.set(name, { value, size: this.size - size, height: this.deepest - depth + 1, uses: 0 });
    this.deepest = Math.max(this.deepest, deepest);
    this.open--;
    return value;
  }

  /** `*name`: the anchored value itself, as yaml's toJS gives it (the same object). Only
   *  aliases of finished anchors that hold no alias, within load.ts's limits. */
  private alias(depth: number): unknown {
    this.count(depth);
    const a = this.anchors.get(this.name(true));
    if (!a || this.open > 0) throw GIVE_UP;
    this.aliasNodes += a.size;
    if (++a.uses > this.limits.maxAliases || this.aliasNodes > this.limits.maxAliasNodes || depth - 1 + a.height > this.limits.maxDepth) throw GIVE_UP;
    return a.value;
  }

  /** A mapping key at i (plain or quoted, then `:` and a space or the line's end): its
   *  text, with i just past the `:`; or undefined, with i unchanged. */
  private key(): string | undefined {
    const t = this.t;
    const start = this.i;
    const ch = t.charCodeAt(start);
    let key: string;
    let j: number;
    if (ch === DQ || ch === SQ) {
      key = this.quoted();
      j = this.i;
      this.i = start;
      while (t.charCodeAt(j) === SPACE) j++;
      if (t.charCodeAt(j) !== COLON || !blankOrEnd(t.charCodeAt(j + 1))) return undefined;
    } else {
      if (badPlainStart(ch) || (ch === DASH && blankOrEnd(t.charCodeAt(start + 1)))) return undefined;
      j = this.plainEnd(start, false);
      if (t.charCodeAt(j) !== COLON) return undefined;
      key = this.trimmed(start, j);
      // `3.10:` yaml reads as a number, `<<:` as a merge: load.ts reports the one, resolves the other.
      if (key === '<<' || typeof plainValue(key) !== 'string') throw GIVE_UP;
    }
    if (j - start > MAX_KEY || j - this.ls > MAX_INDICATOR_COLUMN) throw GIVE_UP;
    this.i = j + 1;
    return key;
  }

  /** Where a plain scalar starting at i ends: at `: ` (or `:` before the line's end, or
   *  in brackets before `,]}`), at ` #`, at the line's end, and in brackets at `,[]{}`. */
  private plainEnd(i: number, flow: boolean): number {
    const t = this.t;
    const n = t.length;
    for (; i < n; i++) {
      const c = t.charCodeAt(i);
      if (c === NL) return i;
      if (c === COLON) {
        const d = t.charCodeAt(i + 1);
        if (blankOrEnd(d) || (flow && isFlowEnd(d))) return i;
      } else if (c === HASH) {
        if (t.charCodeAt(i - 1) === SPACE) return i;
      } else if (flow && isFlowEnd(c)) return i;
    }
    return n;
  }

  /** A value on the rest of this line: brackets, a quoted or a plain scalar. */
  private inline(depth: number): unknown {
    const t = this.t;
    const ch = t.charCodeAt(this.i);
    if (ch === 0x5b || ch === 0x7b) return this.flow(depth);
    if (ch === DQ || ch === SQ) return this.quoted();
    return this.plain(false);
  }

  /** A plain scalar at i, with i left after it (before trailing spaces). */
  private plain(flow: boolean): unknown {
    const t = this.t;
    const start = this.i;
    const ch = t.charCodeAt(start);
    if (badPlainStart(ch) || (ch === DASH && (blankOrEnd(t.charCodeAt(start + 1)) || (flow && isFlowEnd(t.charCodeAt(start + 1)))))) throw GIVE_UP;
    const end = this.plainEnd(start, flow);
    const c = t.charCodeAt(end);
    // Stopped by `:` here is a key where none may be (`a: b: c`, `[a: b]`); by `#` inside
    // brackets, a comment that leaves them open on this line.
    if (c === COLON || (flow && c === HASH)) throw GIVE_UP;
    const s = this.trimmed(start, end);
    this.i = start + s.length;
    return plainValue(s);
  }

  /** A one-line quoted scalar at i without escapes, with i left after its closing quote. */
  private quoted(): string {
    const t = this.t;
    const q = t.charCodeAt(this.i);
    // One pass to the closing quote (a search for the line's end per scalar would make a long
    // line of quoted scalars quadratic).
    let from = this.i + 1;
    let s: string | undefined; // only when a `''` was read
    for (let i = from; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c === NL) break;
      if (c === 0x5c && q === DQ) throw GIVE_UP; // escapes are yaml's to read
      if (c !== q) continue;
      if (q === SQ && t.charCodeAt(i + 1) === SQ) {
        s = `${s ?? ''}${t.slice(from, i)}'`;
        from = i + 2;
        i++;
        continue;
      }
      this.i = i + 1;
      return s === undefined ? t.slice(from, i) : s + t.slice(from, i);
    }
    throw GIVE_UP; // runs on to another line
  }

  /** `[...]` or `{...}` closed on this line, with i left after it. */
  private flow(depth: number): unknown {
    const t = this.t;
    const list = t.charCodeAt(this.i) === 0x5b;
    const close = list ? 0x5d : 0x7d;
    this.i++;
    this.spaces();
    const out: unknown[] | Record<string, unknown> = list ? [] : {};
    if (t.charCodeAt(this.i) === close) {
      this.i++;
      return out;
    }
    for (;;) {
      if (list) {
        (out as unknown[]).push(this.flowItem(depth + 1));
      } else {
        const key = this.flowKey(depth + 1);
        if (key === '__proto__' || Object.prototype.hasOwnProperty.call(out, key)) throw GIVE_UP;
        this.spaces();
        (out as Record<string, unknown>)[key] = this.flowItem(depth + 1);
      }
      this.spaces();
      const c = t.charCodeAt(this.i);
      this.i++;
      if (c === close) return out;
      if (c !== 0x2c) throw GIVE_UP;
      this.spaces();
      if (t.charCodeAt(this.i) === close) throw GIVE_UP; // a trailing comma: left to yaml
    }
  }

  private flowItem(depth: number): unknown {
    const ch = this.t.charCodeAt(this.i);
    if (ch === AMP) {
      const name = this.name(false);
      this.spaces();
      if (this.t.charCodeAt(this.i) === AMP) throw GIVE_UP;
      return this.anchored(name, depth, () => this.flowItem(depth));
    }
    if (ch === STAR) return this.alias(depth);
    this.count(depth);
    if (ch === 0x5b || ch === 0x7b) return this.flow(depth);
    if (ch === DQ || ch === SQ) return this.quoted();
    return this.plain(true);
  }

  /** A key in `{...}`: plain or quoted, then `: ` (or `:` after a quoted key); i is left
   *  after them. */
  private flowKey(depth: number): string {
    const t = this.t;
    const ch = t.charCodeAt(this.i);
    let key: string;
    this.count(depth);
    const json = ch === DQ || ch === SQ;
    if (json) {
      key = this.quoted();
    } else {
      const start = this.i;
      if (badPlainStart(ch) || ch === DASH) throw GIVE_UP;
      key = this.trimmed(start, this.plainEnd(start, true));
      this.i = start + key.length;
      if (key === '<<' || typeof plainValue(key) !== 'string') throw GIVE_UP;
    }
    if (key.length > MAX_KEY) throw GIVE_UP;
    this.spaces();
    if (t.charCodeAt(this.i) !== COLON) throw GIVE_UP;
    this.i++;
    // After a quoted key the value may follow the `:` at once, as in JSON (`{"a":1}`).
    if (t.charCodeAt(this.i) === SPACE) this.i++;
    else if (!json) throw GIVE_UP;
    return key;
  }

  /** Spaces inside brackets; the line may not end there (brackets stay on one line). */
  private spaces(): void {
    const t = this.t;
    while (t.charCodeAt(this.i) === SPACE) this.i++;
    const c = t.charCodeAt(this.i);
    if (c === NL || c === HASH || this.i >= t.length) throw GIVE_UP;
  }
}
