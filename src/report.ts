// Printing problems for people (with the source line and a caret) and for GitHub Actions.
import { readFileSync } from 'node:fs';
import { styleText } from 'node:util';
import type { Problem } from './problems.js';

const color = (format: Parameters<typeof styleText>[0], s: string, on: boolean) => (on ? styleText(format, s) : s);

function sourceLine(file: string, line: number, cache: Map<string, string[] | null>): string | undefined {
  if (!cache.has(file)) {
    try {
      cache.set(file, readFileSync(file, 'utf8').split(/\r\n|\r|\n/));
    } catch {
      cache.set(file, null);
    }
  }
  return cache.get(file)?.[line - 1];
}

/** `file:line:col: message [rule]`, the offending line, and a caret under the column. */
export function formatProblems(problems: Problem[], opts: { color: boolean }): string {
  const cache = new Map<string, string[] | null>();
  const out: string[] = [];
  for (const p of problems) {
    const label = p.severity === 'warning' ? `${color('yellow', 'warning', opts.color)}: ` : '';
    out.push(`${color('bold', `${p.file}:${p.line}:${p.col}:`, opts.color)} ${label}${p.message} ${color('gray', `[${p.rule}]`, opts.color)}`);
    const src = sourceLine(p.file, p.line, cache);
    if (src !== undefined && src.trim() !== '') {
      const shown = src.replace(/\t/g, ' ');
      out.push(`  ${shown}`);
      out.push(`  ${' '.repeat(Math.max(0, p.col - 1))}${color(p.severity === 'warning' ? 'yellow' : 'red', '^', opts.color)}`);
    }
  }
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  out.push(`${errors} error(s), ${warnings} warning(s)`);
  return out.join('\n') + '\n';
}

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitHub Actions workflow commands, so a pull request shows each problem on its line. */
export function githubAnnotations(problems: Problem[]): string {
  return problems
    .map((p) => `::${p.severity} file=${escapeProperty(p.file)},line=${p.line},col=${p.col},title=${escapeProperty(p.rule)}::${escapeData(p.message)}\n`)
    .join('');
}
