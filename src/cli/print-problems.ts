// Printing problems for people (with the source line and a caret) and for GitHub Actions.
import { readRegular } from '../load/regular-file.js';
import { appendFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { styleText } from 'node:util';
import type { Problem } from '../model/problems.js';
import { escapeHidden } from '../model/hidden-chars.js';

// The caller decides (from its env: NO_COLOR, FORCE_COLOR, a TTY); styleText alone would judge by this process's stdout.
const color = (format: Parameters<typeof styleText>[0], s: string, on: boolean) => (on ? styleText(format, s, { validateStream: false }) : s);

function sourceLine(file: string, line: number, cache: Map<string, string[] | null>, cwd: string): string | undefined {
  if (!cache.has(file)) {
    try {
      // Never through a symlink (or from a FIFO): a problem about one must not print what it points at.
      cache.set(file, readRegular(resolve(cwd, file)).replace(/^\uFEFF/, '').split(/\r\n|\r|\n/));
    } catch {
      cache.set(file, null);
    }
  }
  return cache.get(file)?.[line - 1];
}

// Input text reaches a terminal or a CI log: control characters (escape sequences) are
// shown, never sent, and so are invisible and bidirectional ones (`\u200b`, `\u202e`): a
// reader must see what is there. A message is one line: a newline in a quoted value could
// start a line of its own (a GitHub Actions `::command` on stderr, say).
const visible = (s: string) => escapeHidden(s).replace(/\n/g, '\\n');
/** A source line as shown under a problem (tabs as one space each). */
const inPlace = (s: string) => escapeHidden(s).replace(/\t/g, ' ');

/** After a YAML syntax error the parser's later complaints about that file are mostly
 *  echoes of it: keep the first (as compilers do) and say that the rest were left out. */
export function withoutEchoes(problems: Problem[]): Problem[] {
  const seen = new Map<string, Problem>();
  const dropped = new Map<string, number>();
  const out: Problem[] = [];
  for (const p of problems) {
    if (p.rule !== 'yaml-syntax') out.push(p);
    else if (!seen.has(p.file)) {
      seen.set(p.file, p);
      out.push(p);
    } else dropped.set(p.file, (dropped.get(p.file) ?? 0) + 1);
  }
  return out.map((p) => (p.rule === 'yaml-syntax' && dropped.has(p.file) ? { ...p, message: `${p.message} (${dropped.get(p.file)} more syntax error(s) after it are not shown: fix this one first)` } : p));
}

/** `file:line:col: message [rule]`, the offending line, and a caret under the column.
 *  Problem files are shown relative to `cwd` (the CLI's working directory). */
export function formatProblems(problems: Problem[], opts: { color: boolean; cwd?: string }): string {
  const cache = new Map<string, string[] | null>();
  const out: string[] = [];
  for (const p of problems) {
    const label = p.severity === 'warning' ? `${color('yellow', 'warning', opts.color)}: ` : '';
    const at = p.line > 0 ? `${visible(p.file)}:${p.line}:${p.col}:` : `${visible(p.file)}:`;
    out.push(`${color('bold', at, opts.color)} ${label}${visible(p.message)} ${color('gray', `[${p.rule}]`, opts.color)}`);
    if (p.line < 1) continue;
    const src = sourceLine(p.file, p.line, cache, opts.cwd ?? process.cwd());
    if (src !== undefined && src.trim() !== '') {
      out.push(`  ${inPlace(src)}`);
      // The caret goes under the column as shown: an escape before it moves it along.
      const before = inPlace(src.slice(0, Math.max(0, p.col - 1))).length;
      out.push(`  ${' '.repeat(before)}${color(p.severity === 'warning' ? 'yellow' : 'red', '^', opts.color)}`);
    }
  }
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  out.push(`${errors} error(s), ${warnings} warning(s)`);
  return out.join('\n') + '\n';
}

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export interface AnnotationOptions {
  /** The working directory the problem files are relative to. */
  cwd: string;
  /** $GITHUB_WORKSPACE: GitHub resolves `file=` against it, wherever the command ran. */
  workspace?: string;
  /** --strict: warnings fail the run, so they are annotated as errors. */
  strict?: boolean;
}

/** The path GitHub needs: relative to the workspace (the repository's root). */
export function workspacePath(file: string, o: AnnotationOptions): string {
  const abs = resolve(o.cwd, file);
  if (!o.workspace) return file;
  const rel = relative(resolve(o.workspace), abs);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : file;
}

/** One GitHub Actions workflow command (`::error file=...,line=...::message`). */
export function annotation(severity: 'error' | 'warning', file: string, line: number, col: number, title: string, message: string, o: AnnotationOptions): string {
  const where = [`file=${escapeProperty(visible(workspacePath(file, o)))}`, ...(line > 0 ? [`line=${line}`, `col=${col}`] : []), `title=${escapeProperty(title)}`];
  return `::${severity} ${where.join(',')}::${escapeData(visible(message))}\n`;
}

/** GitHub Actions workflow commands, so a pull request shows each problem on its line. */
export function githubAnnotations(problems: Problem[], o: AnnotationOptions): string {
  return problems.map((p) => annotation(o.strict ? 'error' : p.severity, p.file, p.line, p.col, p.rule, p.message, o)).join('');
}

/** Annotations not yet printed in this job. A workflow runs validate, then check (and
 *  more), and each reports the same warnings: GitHub would show every one several times.
 *  What was printed is remembered in $RUNNER_TEMP, which the runner empties for each job. */
export function newInThisJob(annotations: string, env: NodeJS.ProcessEnv): string {
  if (!env.RUNNER_TEMP || !annotations) return annotations;
  const file = join(env.RUNNER_TEMP, 'buildmaster-gen-annotations.txt');
  // The same problem once, whatever its severity (`validate --strict` makes a warning an error).
  const key = (l: string) => l.replace(/^::\w+ /, '');
  let seen = new Set<string>();
  try {
    seen = new Set(readRegular(file).split('\n'));
  } catch {
    // none yet (or unreadable): print everything
  }
  const fresh = annotations.split('\n').filter((l) => l && !seen.has(key(l)));
  try {
    if (fresh.length) appendFileSync(file, `${fresh.map(key).join('\n')}\n`);
  } catch {
    // best effort: a duplicate annotation is better than none
  }
  return fresh.map((l) => `${l}\n`).join('');
}
