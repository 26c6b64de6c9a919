// Stage 1: read a YAML file into plain data that remembers where every node came from.
//
// The files come from pull requests, so reading them is bounded: at most 10 MiB and
// MAX_NODES values, nesting at most MAX_DEPTH levels (both checked on the tokens before
// the recursive parser sees them), duplicate keys found in linear time, and aliases that
// cannot blow the data up.
import { closeSync, readSync } from 'node:fs';
import { Composer, isAlias, isMap, isNode, isPair, isScalar, isSeq, Lexer, LineCounter, Parser, YAMLParseError, type Document, type Node, type YAMLError } from 'yaml';
import { InvalidInput, type Problem } from '../model/problems.js';
import type { RuleId } from '../model/problem-rules.js';
import { NotRegularFile, openRegular } from './regular-file.js';
import { keysAsWritten, type KeyNotText } from './key-text.js';
import { findSlip } from './syntax-slips.js';
import { badMerge, isMergeKey, mergedPair, type AliasTarget } from './merge-keys.js';
import { NOT_SIMPLE, readSimpleYaml } from './simple-yaml.js';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_DEPTH = 64;
/** How many aliases may be resolved (yaml's own guard against exponential expansion). */
export const MAX_ALIASES = 100;
/** How many nodes aliases may add in all (a linear "bomb": one big node aliased many times). */
export const MAX_ALIAS_NODES = 10_000;
/** Values (scalars and collections) in one file: about a gigabyte of parser memory.
 *  The 1000x synthetic fleet of bench/ has about 420,000 in its larger file. */
export const MAX_NODES = 1_000_000;
/** Block indicators further right than this mean absurd nesting (`- - - - ...`). */
const MAX_INDICATOR_COLUMN = 8 * MAX_DEPTH;

export type Path = readonly (string | number)[];

export interface Position {
  line: number;
  col: number;
}

/** A parsed YAML file: its data, and where each part of it stands in the text. */
export interface SourceFile {
  /** The path as shown to people (relative to the working directory when inside it). */
  file: string;
  lines: string[];
  data: unknown;
  /** Where the value at `path` starts; with `key`, where its mapping key starts. */
  locate(path: Path, opts?: { key?: boolean }): Position;
  /** Keys YAML read as a number, boolean or null; the data holds them as written. */
  keysNotText: KeyNotText[];
}

function problem(file: string, pos: Position, message: string, rule: RuleId): Problem {
  return { file, ...pos, message, rule, severity: 'error' };
}

const START: Position = { line: 1, col: 1 };
export const SIMPLE_LIMITS = { maxDepth: MAX_DEPTH, maxNodes: MAX_NODES, maxAliases: MAX_ALIASES, maxAliasNodes: MAX_ALIAS_NODES };
const WHOLE_FILE: Position = { line: 0, col: 0 };
const tooDeep = `the document is nested too deeply (more than ${MAX_DEPTH} levels)`;

/** Read and parse `path`; throws InvalidInput with every YAML problem at once. */
export function loadYaml(path: string, shown: string): SourceFile {
  // About the whole file: no line or column in it to point at; the message names the real path.
  const real = shown === path ? '' : ` (${path})`;
  const fail = (message: string, rule: RuleId = 'file-unreadable') => new InvalidInput([problem(shown, WHOLE_FILE, `${message}${real}`, rule)]);
  let fd: number;
  let size: number;
  try {
    ({ fd, size } = openRegular(path));
  } catch (e) {
    if (!(e instanceof NotRegularFile)) throw fail(`cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    throw fail(
      {
        missing: 'file not found',
        symlink: 'is a symbolic link: the declarations must be regular files',
        directory: 'is a directory, not a file',
        special: 'is not a regular file',
      }[e.reason],
    );
  }
  let bytes: Buffer;
  try {
    if (size > MAX_FILE_BYTES) throw fail(`file is ${size} bytes; the limit is ${MAX_FILE_BYTES} (10 MiB)`, 'file-too-large');
    // Read at most one byte past the limit, whatever the size said a moment ago.
    bytes = Buffer.alloc(Math.min(size, MAX_FILE_BYTES) + 1);
    let n = 0;
    for (let got; n < bytes.length && (got = readSync(fd, bytes, n, bytes.length - n, null)) > 0; ) n += got;
    if (n > MAX_FILE_BYTES) throw fail(`file is larger than the limit of ${MAX_FILE_BYTES} bytes (10 MiB)`, 'file-too-large');
    bytes = bytes.subarray(0, n);
  } catch (e) {
    if (e instanceof InvalidInput) throw e;
    throw fail(`cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  } finally {
    closeSync(fd);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = invalidUtf8At(bytes);
    throw new InvalidInput([problem(shown, at, 'the file is not valid UTF-8 (save it as UTF-8)', 'yaml-syntax')]);
  }
  return parseYaml(text, shown);
}

/** Line and column of the first byte that is not part of valid UTF-8. */
function invalidUtf8At(bytes: Buffer): Position {
  const strict = new TextDecoder('utf-8', { fatal: true });
  let lo = 0;
  let hi = bytes.length;
  // The longest valid prefix, by bisection (a valid prefix may end inside a character).
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    try {
      strict.decode(bytes.subarray(0, mid));
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  const before = bytes.subarray(0, lo).toString('utf8');
  const lines = before.split(/\r\n|\r|\n/);
  return { line: lines.length, col: [...lines[lines.length - 1]!].length + 1 };
}

export function parseYaml(text: string, shown: string): SourceFile {
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  // Most files are plain YAML, which simple-yaml.ts reads several times faster; positions
  // (and the lines) are only needed for a problem, and yaml's document then gives them.
  const data = readSimpleYaml(text, SIMPLE_LIMITS);
  if (data === NOT_SIMPLE) return parseFully(text, shown);
  let full: SourceFile | undefined;
  let lines: string[] | undefined;
  const split = () => (lines ??= text.split(/\r\n|\r|\n/));
  const read = () => (full ??= parseFully(text, shown, split())); // the same text: yaml reads the same data (the tests hold the two readers to that)
  return {
    file: shown,
    get lines() {
      return split();
    },
    data,
    locate: (path, opts) => read().locate(path, opts),
    keysNotText: [],
  };
}

/** The full reading, by yaml's document: the data, every position and every problem. */
export function parseFully(text: string, shown: string, lines: string[] = text.split(/\r\n|\r|\n/)): SourceFile {
  const lineCounter = new LineCounter();
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, col };
  };
  // uniqueKeys: false, because yaml's own check is quadratic (100k keys take minutes);
  // checkShape finds duplicate keys in linear time.
  // merge: `<<: *defaults` merge keys are read (they are not YAML 1.2, but people use them).
  const parsed = parseWithinLimits(text, lineCounter, { uniqueKeys: false, prettyErrors: false, strict: true, version: '1.2', merge: true });
  if ('limit' in parsed) throw new InvalidInput([problem(shown, positionIn(text, parsed.limit.offset), parsed.limit.message, parsed.limit.rule)]);
  const { doc } = parsed;
  if (doc.errors.length) throw new InvalidInput(syntaxProblems(doc.errors, lines, shown, at));
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    throw new InvalidInput([problem(shown, START, 'the file is empty; expected a mapping (see the schema in schema/)', 'empty-file')]);
  }
  const keysNotText = keysAsWritten(doc, text, at);
  const { problems: shape, aliasTarget } = checkShape(doc, shown, at);
  if (shape.length) throw new InvalidInput(shape);
  const merge = badMerge(doc, aliasTarget);
  if (merge) {
    const where = merge.range ? at(merge.range[0]) : START;
    throw new InvalidInput([problem(shown, where, 'a merge key (`<<`) takes a mapping, or an alias of one (`<<: *defaults`, with `&defaults` on a mapping above), or a list of such aliases', 'yaml-merge')]);
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    // checkShape bounds what aliases add; this is yaml's own guard, kept as a second line.
    if (e instanceof ReferenceError) throw new InvalidInput([problem(shown, START, `too many aliases (more than ${MAX_ALIASES} uses; an alias bomb?)`, 'yaml-alias-limit')]);
    throw e;
  }

  const locate = (path: Path, opts?: { key?: boolean }): Position => {
    // Walk down as far as the path exists; report the deepest node found.
    let node: unknown = doc.contents;
    let best: Node | undefined = isNode(node) ? node : undefined;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i]!;
      const last = i === path.length - 1;
      if (isAlias(node)) node = aliasTarget(node);
      if (isMap(node)) {
        // A field written here, or else one that came through a merge key (located in its anchor).
        const pair = node.items.find((p) => isScalar(p.key) && !isMergeKey(p.key) && String(p.key.value) === String(seg)) ?? mergedPair(node, String(seg), aliasTarget);
        if (!pair) break;
        if (last && opts?.key && isNode(pair.key)) return at(pair.key.range![0]);
        node = pair.value;
        if (!isNode(node)) {
          if (isNode(pair.key)) return at(pair.key.range![0]);
          break;
        }
      } else if (isSeq(node) && /^\d+$/.test(String(seg))) {
        node = node.items[Number(seg)];
        if (!isNode(node)) break;
      } else break;
      best = node as Node;
    }
    return best?.range ? at(best.range[0]) : START;
  };
  return { file: shown, lines, data, locate, keysNotText };
}

/** The parser's errors as one problem a person can act on: the first slip of the kinds
 *  people make (syntax-slips.ts) when there is one where the parser gave up, else the
 *  parser's first error, moved off indentation and blank lines, with a hint. */
function syntaxProblems(errors: readonly YAMLError[], lines: string[], shown: string, at: (o: number) => Position): Problem[] {
  const deep = errors.find((e) => e.code === 'RESOURCE_EXHAUSTION');
  if (deep) return [problem(shown, at(deep.pos[0]), tooDeep, 'yaml-too-deep')];
  const first = [...errors].sort((a, b) => a.pos[0] - b.pos[0])[0]!;
  const others = errors.length - 1;
  const more = others ? ` (${others} more syntax error(s) after it are not shown: fix this one first)` : '';
  if (first.code === 'MULTIPLE_DOCS') return [problem(shown, at(first.pos[0]), `${syntaxMessage(first.code, first.message)}${more}`, 'yaml-syntax')];
  const pos = onContent(at(first.pos[0]), lines);
  const slip = findSlip(lines);
  // A slip on a later line than where the parser gave up (plus the line or two it may
  // overshoot by) is not what stopped it.
  if (slip && slip.line <= pos.line + 2) return [problem(shown, slip, `${slip.message}${more}`, 'yaml-syntax')];
  return [problem(shown, pos, `${syntaxMessage(first.code, first.message)}${more}`, 'yaml-syntax')];
}

/** A position on a blank line or in a line's indentation is moved to the text it is about. */
function onContent(pos: Position, lines: string[]): Position {
  let { line, col } = pos;
  while (line <= lines.length && (lines[line - 1] ?? '').trim() === '' && line < lines.length) {
    line++;
    col = 1;
  }
  const text = lines[line - 1] ?? '';
  const indent = text.length - text.trimStart().length;
  return { line, col: col <= indent ? indent + 1 : col };
}

/** yaml's message, made to speak YAML rather than the library's API, with a hint. */
const SYNTAX_HINTS: Partial<Record<string, string>> = {
  TAB_AS_INDENT: 'YAML indents with spaces only: replace the tab with spaces',
  BLOCK_AS_IMPLICIT_KEY: 'check the indentation of this line and the next; a value containing `: ` must be quoted',
  BAD_SCALAR_START: 'quote the value',
  MULTILINE_IMPLICIT_KEY: 'a key and its `:` are on one line: check for a missing `:` or a line indented too far',
  BAD_INDENT: 'check the indentation and the closing bracket',
  BAD_DQ_ESCAPE: 'inside double quotes `\\` starts an escape: write `\\\\` for a backslash, or use single quotes',
  BLOCK_IN_FLOW: 'inside `{ }` and `[ ]`, separate the entries with `,`',
  MISSING_CHAR: 'something is not closed: a quote or a bracket',
  UNEXPECTED_TOKEN: 'check the quotes and brackets of this line',
};

function syntaxMessage(code: string, message: string): string {
  if (code === 'MULTIPLE_DOCS') return 'the file holds more than one YAML document (a second `---`): keep everything in one document';
  const hint = SYNTAX_HINTS[code];
  return hint ? `${firstLine(message)} (${hint})` : firstLine(message);
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

function positionIn(text: string, offset: number): Position {
  const before = text.slice(0, offset).split(/\r\n|\r|\n/);
  return { line: before.length, col: [...before[before.length - 1]!].length + 1 };
}

interface Limit {
  offset: number;
  message: string;
  rule: RuleId;
}

/** A token past the limits: thrown out of the token stream to stop the parse at once. */
class OverLimit extends Error {
  constructor(readonly limit: Limit) {
    super(limit.message);
  }
}

/** What yaml's parseDocument does, with its pass of the lexer watched by tokenLimits: the
 *  parser and composer never see a token past the first one over the limits. */
function parseWithinLimits(text: string, lineCounter: LineCounter, options: ConstructorParameters<typeof Composer>[0]): { doc: Document } | { limit: Limit } {
  if (text.length > MAX_NODES) {
    // A text this long could hold more than MAX_NODES values (a shorter one cannot: each
    // token is at least one character), and a parser holding a million is slow: count
    // them in a pass of their own first.
    const over = tokenLimits();
    for (const lexeme of new Lexer().lex(text)) {
      const limit = over(lexeme);
      if (limit) return { limit };
    }
  }
  const parser = new Parser(lineCounter.addNewLine);
  const over = tokenLimits();
  function* tokens() {
    lineCounter.addNewLine(0); // as Parser.parse does for the start of the input
    for (const lexeme of new Lexer().lex(text)) {
      const limit = over(lexeme);
      if (limit) throw new OverLimit(limit);
      yield* parser.next(lexeme);
    }
    yield* parser.end();
  }
  let doc: Document | undefined;
  try {
    for (const next of new Composer(options).compose(tokens(), true, text.length)) {
      if (!doc) doc = next;
      else {
        doc.errors.push(new YAMLParseError(next.range.slice(0, 2) as [number, number], 'MULTIPLE_DOCS', 'Source contains multiple documents'));
        break;
      }
    }
  } catch (e) {
    if (e instanceof OverLimit) return { limit: e.limit };
    throw e;
  }
  return { doc: doc! }; // compose(..., forceDoc = true) always makes one
}

/** A watch on the lexer's tokens, in order: the first place where they nest deeper than
 *  anyone writes by hand, or hold more nodes than MAX_NODES. yaml's parser recurses and
 *  allocates per level (10 MiB of `[` takes a minute and gigabytes) and costs about 1 kB a
 *  node (10 MiB of `[1,1,...` runs out of memory); its lexer does neither, and the parse
 *  stops at the first sign of either. */
function tokenLimits(): (tok: string) => Limit | undefined {
  let flow = 0;
  let col = 0;
  let offset = 0;
  let nodes = 0;
  // Called for every token of the file: characters are compared, not strings hashed.
  return (tok) => {
    const c = tok.charCodeAt(0);
    const n = tok.length;
    // The lexer's own markers (document, flow error end, scalar, byte order mark), not source text.
    if (n === 1 && (c === 0x02 || c === 0x18 || c === 0x1f || c === 0xfeff)) return undefined;
    if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++flow > MAX_DEPTH) return { offset, message: tooDeep, rule: 'yaml-too-deep' };
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      if (flow > 0) flow--;
    } else if (flow === 0 && n === 1 && (c === 0x2d /* - */ || c === 0x3f /* ? */ || c === 0x3a /* : */) && col > MAX_INDICATOR_COLUMN) {
      // Each block level is indented further; a compact `- - -` takes two columns a level.
      return { offset, message: tooDeep, rule: 'yaml-too-deep' };
    }
    if (!notANode(tok, c, n) && ++nodes > MAX_NODES) {
      return { offset, message: `the file has more than ${MAX_NODES} values; split the fleet or write it more simply`, rule: 'file-too-large' };
    }
    offset += n;
    const nl = Math.max(tok.lastIndexOf('\n'), tok.lastIndexOf('\r'));
    col = nl < 0 ? col + n : n - nl - 1;
    return undefined;
  };
}

/** Whether a token is space, a comment, an anchor or tag, or punctuation: not a value. */
function notANode(tok: string, c: number, n: number): boolean {
  switch (c) {
    case 0x20: // space
    case 0x09: // tab
    case 0x0a: // newline
    case 0x0d:
    case 0x23: // # comment
    case 0x26: // & anchor
    case 0x21: // ! tag
      return true;
    case 0x2c: // ,
    case 0x3a: // :
    case 0x2d: // - (and ---)
    case 0x3f: // ?
    case 0x5d: // ]
    case 0x7d: // }
      return n === 1 || tok === '---';
    case 0x2e: // ...
      return tok === '...';
    default:
      return false;
  }
}

/** Before converting to plain data, in one linear walk without recursion: duplicate keys,
 *  nesting deeper than MAX_DEPTH (aliases included), aliases that contain themselves, and
 *  aliases that would add more than MAX_ALIAS_NODES nodes. On the way, the node each alias
 *  stands for: the last node before it with its anchor, as yaml resolves it (yaml's own
 *  Alias.resolve walks the whole document for each alias). */
function checkShape(doc: Document, shown: string, at: (o: number) => Position): { problems: Problem[]; aliasTarget: AliasTarget } {
  const problems: Problem[] = [];
  const anchored = new Map<string, unknown>();
  const targets = new Map<unknown, unknown>();
  const aliasTarget: AliasTarget = (alias) => targets.get(alias);
  const stop = (p: Problem) => ({ problems: [p], aliasTarget });
  const where = (node: unknown) => (isNode(node) && node.range ? at(node.range[0]) : START);
  /** Expanded size and height of each finished collection (aliases count what they stand for). */
  const done = new Map<unknown, { size: number; height: number }>();
  const open = new Set<unknown>();
  let added = 0;
  // Post-order walk: each node is pushed to enter, then again to finish.
  const stack: { node: unknown; depth: number; exit?: boolean }[] = [{ node: doc.contents, depth: 1 }];
  while (stack.length) {
    const { node, depth, exit } = stack.pop()!;
    if (exit) {
      open.delete(node);
      let size = 1;
      let height = 0;
      for (const child of children(node)) {
        const d = measured(child);
        size += d.size;
        height = Math.max(height, d.height);
      }
      done.set(node, { size, height: height + 1 });
      continue;
    }
    if (depth > MAX_DEPTH) return stop(problem(shown, where(node), tooDeep, 'yaml-too-deep'));
    if (isAlias(node)) {
      const target = anchored.get(node.source);
      targets.set(node, target);
      if (target === undefined) return stop(problem(shown, where(node), `unknown alias *${node.source}: no anchor &${node.source} comes before it`, 'yaml-syntax'));
      if (open.has(target)) return stop(problem(shown, where(node), `alias *${node.source} refers to a node that contains it`, 'yaml-alias-limit'));
      const d = measured(target);
      added += d.size;
      if (depth - 1 + d.height > MAX_DEPTH) return stop(problem(shown, where(node), tooDeep, 'yaml-too-deep'));
      if (added > MAX_ALIAS_NODES) return stop(problem(shown, where(node), `aliases expand to more than ${MAX_ALIAS_NODES} nodes (an alias bomb?)`, 'yaml-alias-limit'));
      continue;
    }
    if (isNode(node) && node.anchor) anchored.set(node.anchor, node); // visible from here on, itself included
    if (!isMap(node) && !isSeq(node)) continue;
    open.add(node);
    stack.push({ node, depth, exit: true });
    if (isMap(node)) {
      const seen = new Map<string, number>();
      for (const pair of node.items) {
        if (!isScalar(pair.key)) continue;
        // Keys become object keys: `1` and "1" collide as surely as two "1"s.
        const key = String(pair.key.value);
        const first = seen.get(key);
        if (first === undefined) seen.set(key, pair.key.range![0]);
        else problems.push(problem(shown, where(pair.key), `duplicate key: \`${key}\` appears twice in the same mapping (first at line ${at(first).line}); YAML would keep only the last`, 'duplicate-key'));
      }
    }
    // Reversed, so children come off the stack in document order: an anchor before its aliases.
    const kids = children(node);
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i], depth: depth + 1 });
  }
  return { problems, aliasTarget };

  function children(node: unknown): unknown[] {
    if (isSeq(node)) return node.items;
    if (isMap(node)) return node.items.flatMap((p) => (isPair(p) ? [p.key, p.value] : [p]));
    return [];
  }
  function measured(node: unknown): { size: number; height: number } {
    if (isAlias(node)) return measured(targets.get(node)); // a finished anchor: no cycle here
    return done.get(node) ?? { size: 1, height: 1 };
  }
}
