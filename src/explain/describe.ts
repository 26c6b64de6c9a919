// Words for the parts of a builder that `explain` shows: its commands and its schedule.
import type { Arg, SchedulerOut, Step } from '../types.js';

/** An argument as a POSIX shell would need it written (Windows commands read the same). */
function quote(a: Arg): string {
  if (typeof a !== 'string') return `<settings: ${a.setting}>`;
  return a !== '' && /^[A-Za-z0-9_@%+=:,./\\-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}

/** The command a step runs, as one line (a string command runs through the worker's shell). */
export function commandLine(step: Step, git_branch: string): string {
  if (step.kind === 'git') return `git checkout of <settings: git_url>, branch ${git_branch} (full, fresh)`;
  if (step.kind === 'upload') return `upload ${step.src} to ${quote(step.dest ?? '')} on the master`;
  if (typeof step.command === 'string') return step.command;
  return (step.command ?? []).map(quote).join(' ');
}

const KIND_NOTE: Record<Step['kind'], string> = {
  git: '',
  configure: '',
  shell: 'stops the build on failure',
  test: 'orange on warnings',
  docs: 'orange on warnings',
  clean: 'always runs; only warns on failure',
  upload: '',
};

/** Notes on how a step behaves: workdir, timeout, pty, failure handling. */
export function stepNotes(step: Step): string[] {
  return [
    ...(step.workdir ? [`in ${step.workdir}`] : []),
    ...(step.timeout ? [`killed after ${step.timeout} s of silence`] : []),
    ...(step.pty ? ['under a pseudo-terminal'] : []),
    ...(KIND_NOTE[step.kind] ? [KIND_NOTE[step.kind]] : []),
  ];
}

/** Rows as aligned columns (the last column is not padded). */
export function columns(rows: string[][], indent = ''): string[] {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  return rows.map((r) => `${indent}${r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ')}`.trimEnd());
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** When a scheduler starts its builders, in words. */
export function when(s: SchedulerOut): string {
  if (s.kind === 'nightly') return `nightly at ${pad2(s.hour ?? 0)}:${pad2(s.minute ?? 0)} (master's time), from git branch ${s.git_branch}`;
  if (s.kind === 'force') return 'by hand (force) only';
  const ignored = s.ignore_paths?.length ? `; a push touching only ${s.ignore_paths.join(', ')} starts nothing` : '; every file counts';
  return `on push to git branch ${s.git_branch}, once the tree is stable (tree_stable_timer, 30 s by default)${ignored}`;
}
