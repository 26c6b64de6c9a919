// A Problem is what every stage reports about bad input: located, human, never a stack.
import type { RuleId } from './problem-rules.js';

export type Severity = 'error' | 'warning';

export interface Problem {
  file: string;
  /** 1-based; 0 (with col 0) when the problem is the whole file (missing, unreadable). */
  line: number;
  col: number;
  message: string;
  /** The check that found it (src/model/problem-rules.ts), shown as `[rule]`. */
  rule: RuleId;
  severity: Severity;
}

/** Something the user is to fix that is not in the declarations (a name, a file, a setting):
 *  the command line prints its message and exits 2. */
export class UserError extends Error {}

/** Thrown by a stage that cannot go on; carries every problem found so far. */
export class InvalidInput extends Error {
  constructor(readonly problems: Problem[]) {
    super(`${problems.length} problem(s) in the input`);
  }
}

export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.col - b.col ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
}

export const hasErrors = (problems: Problem[]) => problems.some((p) => p.severity === 'error');

/** Levenshtein distance, for "did you mean" hints. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/** The closest candidate to `value`, if it is close enough to be a likely typo. */
export function closest(value: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  const v = value.toLowerCase();
  for (const c of candidates) {
    const d = distance(v, c.toLowerCase());
    if (d < bestD || (d === bestD && best !== undefined && c < best)) {
      best = c;
      bestD = d;
    }
  }
  if (best === undefined) return undefined;
  return bestD <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

/** " (did you mean `x`?)" or "" */
export function didYouMean(value: string, candidates: Iterable<string>): string {
  const c = closest(value, candidates);
  return c !== undefined ? `; did you mean \`${c}\`?` : '';
}
