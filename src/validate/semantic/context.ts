// What every semantic check shares: guarded access to data that may still hold schema
// errors, and the Checker that collects located problems from both files.
import type { Path, SourceFile } from '../../load/load.js';
import type { Problem } from '../../model/problems.js';
import { type RuleId, RULES } from '../../model/problem-rules.js';
import type { BranchRule } from '../../model/types.js';
import { WORKER_NAME } from '../schemas.js';

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
// Names come from the YAML: look them up as own keys only (`constructor`, `__proto__` are names too).
export const hasOwn = (o: object, k: string) => Object.hasOwn(o, k);
export const given = (v: unknown) => v !== undefined && v !== null;
export const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
export const entries = (v: unknown): [string, Obj][] => (isObj(v) ? Object.entries(v).filter((e): e is [string, Obj] => isObj(e[1])) : []);
export const items = (v: unknown): [number, Obj][] => (Array.isArray(v) ? v.map((x, i) => [i, x] as [number, unknown]).filter((e): e is [number, Obj] => isObj(e[1])) : []);

export const VALID_WORKER_NAME = new RegExp(WORKER_NAME);

/** Checks a `branches: {only, except}` rule at `path` and returns it typed (undefined if not an object). */
export type CheckRule = (src: SourceFile, path: Path, raw: unknown) => BranchRule | undefined;

/** The two files (`wd`, `bd`: their data, `{}` when not a mapping) and the problems found in them so far. */
export class Checker {
  readonly problems: Problem[] = [];
  readonly wd: Obj;
  readonly bd: Obj;

  constructor(
    readonly w: SourceFile,
    readonly b: SourceFile,
  ) {
    this.wd = isObj(w.data) ? w.data : {};
    this.bd = isObj(b.data) ? b.data : {};
  }

  /** A problem at `path`, with its rule's severity from the registry. */
  report(src: SourceFile, path: Path, message: string, rule: RuleId, opts: { key?: boolean } = {}) {
    this.problems.push({ file: src.file, ...src.locate(path, opts), message, rule, severity: RULES[rule].severity });
  }

  /** `file:line:col` of `path`: where a BranchRule is written, for `explain`. */
  where(src: SourceFile, path: Path) {
    const { line, col } = src.locate(path);
    return `${src.file}:${line}:${col}`;
  }
}
