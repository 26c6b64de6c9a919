// Stage 1: read a YAML file into plain data that remembers where every node came from.
import { readFileSync, statSync } from 'node:fs';
import { isAlias, isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import { InvalidInput, type Problem } from '../problems.js';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_DEPTH = 64;
export const MAX_ALIASES = 100;

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
}

function problem(file: string, pos: Position, message: string, rule: string): Problem {
  return { file, ...pos, message, rule, severity: 'error' };
}

/** Read and parse `path`; throws InvalidInput with every YAML problem at once. */
export function loadYaml(path: string, shown: string): SourceFile {
  let text: string;
  try {
    const size = statSync(path).size;
    if (size > MAX_FILE_BYTES) {
      throw new InvalidInput([problem(shown, { line: 1, col: 1 }, `file is ${size} bytes; the limit is ${MAX_FILE_BYTES} (10 MiB)`, 'file-too-large')]);
    }
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof InvalidInput) throw e;
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'ENOENT' ? 'file not found' : err.code === 'EISDIR' ? 'is a directory, not a file' : `cannot read the file (${err.code ?? err.message})`;
    throw new InvalidInput([problem(shown, { line: 1, col: 1 }, why, 'file-unreadable')]);
  }
  return parseYaml(text, shown);
}

export function parseYaml(text: string, shown: string): SourceFile {
  const lineCounter = new LineCounter();
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, col };
  };
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  const lines = text.split(/\r\n|\r|\n/);
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true, version: '1.2' });
  } catch (e) {
    if (e instanceof RangeError) {
      throw new InvalidInput([problem(shown, { line: 1, col: 1 }, `the document is nested too deeply (more than ${MAX_DEPTH} levels)`, 'yaml-too-deep')]);
    }
    throw e;
  }
  const problems: Problem[] = [];
  for (const err of doc.errors) {
    const msg = err.code === 'DUPLICATE_KEY' ? `duplicate key: ${err.message.replace(/^Map keys must be unique.*$/s, 'this key appears twice in the same mapping')}` : firstLine(err.message);
    problems.push(problem(shown, at(err.pos[0]), msg, err.code === 'DUPLICATE_KEY' ? 'duplicate-key' : 'yaml-syntax'));
  }
  if (problems.length) throw new InvalidInput(problems);
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    throw new InvalidInput([problem(shown, { line: 1, col: 1 }, 'the file is empty; expected a mapping (see the schema in schema/)', 'empty-file')]);
  }
  checkShape(doc, shown, at);

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    if (e instanceof ReferenceError || /alias/i.test(String((e as Error).message))) {
      throw new InvalidInput([problem(shown, firstAlias(doc, at), `too many aliases: expanding them would exceed ${MAX_ALIASES} nodes (an alias bomb?)`, 'yaml-alias-limit')]);
    }
    if (e instanceof RangeError) {
      throw new InvalidInput([problem(shown, { line: 1, col: 1 }, `the document is nested too deeply (more than ${MAX_DEPTH} levels)`, 'yaml-too-deep')]);
    }
    throw e;
  }

  const locate = (path: Path, opts?: { key?: boolean }): Position => {
    // Walk down as far as the path exists; report the deepest node found.
    let node: unknown = doc.contents;
    let best: Node | undefined = isNode(node) ? node : undefined;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i]!;
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
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
    return best?.range ? at(best.range[0]) : { line: 1, col: 1 };
  };
  return { file: shown, lines, data, locate };
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

/** Refuse documents too deep to walk safely, before converting them. */
function checkShape(doc: Document, shown: string, at: (o: number) => Position) {
  const stack: [unknown, number][] = [[doc.contents, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_DEPTH) {
      const range = isNode(node) ? node.range : undefined;
      throw new InvalidInput([problem(shown, range ? at(range[0]) : { line: 1, col: 1 }, `the document is nested too deeply (more than ${MAX_DEPTH} levels)`, 'yaml-too-deep')]);
    }
    if (isMap(node) || isSeq(node)) {
      for (const item of node.items) {
        if (isPair(item)) {
          stack.push([item.key, depth + 1], [item.value, depth + 1]);
        } else stack.push([item, depth + 1]);
      }
    }
  }
}

function firstAlias(doc: Document, at: (o: number) => Position): Position {
  let pos: Position = { line: 1, col: 1 };
  visit(doc, {
    Alias(_, node) {
      if (isAlias(node) && node.range) {
        pos = at(node.range[0]);
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return pos;
}
