// Words for the parts of a builder that `explain` shows: its commands and its schedule.
import type { SchedulerOut, Step, StepValue } from '../model/types.js';

/** An argument as a POSIX shell would need it written (Windows commands read the same). */
function quote(a: StepValue): string {
  if (typeof a !== 'string') {
    if ('setting' in a) return `<settings: ${a.setting}>`;
    if ('interpolate' in a) return `<at build time: ${a.interpolate}>`;
    return `<at build time: field ${a.index} of property ${a.property}, then ${a.suffix}>`;
  }
  return a !== '' && /^[A-Za-z0-9_@%+=:,./\\-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}

/** The command a step runs, as one line (a string command runs through the worker's shell). */
export function commandLine(step: Step, git_branch: string | undefined): string {
  if (step.kind === 'git') return `git checkout of <settings: git_url>, branch ${git_branch} (full, fresh)`;
  if (step.kind === 'GitHub') {
    const args = Object.entries(step.args ?? {}).filter(([k]) => k !== 'branch').map(([k, v]) => `${k}=${JSON.stringify(v)}`);
    return `git checkout of <settings: git_url>, ${git_branch !== undefined ? `branch ${git_branch}` : "the pull request's merge ref"}${args.length ? ` (${args.join(', ')})` : ''}`;
  }
  if (step.kind === 'UploadTestResults') return `upload ${step.src} to ${quote(step.dest ?? '')} on the master (when the tests failed, or warned on a stable 3.x builder)`;
  if (step.command === undefined && STEP_DEFAULTS[step.kind]) return STEP_DEFAULTS[step.kind]!;
  if (step.kind === 'upload') return `upload ${step.src} to ${quote(step.dest ?? '')} on the master`;
  if (typeof step.command === 'string') return step.command;
  return (step.command ?? []).map(quote).join(' ');
}

/** The commands of step classes that have one of their own. */
const STEP_DEFAULTS: Record<string, string> = {
  Clean: 'make distclean',
  LockInstall: 'chmod -R -w target/',
  Uninstall: 'chmod -R +w target/ &&  rm -rf target/',
};

const KIND_NOTE: Record<string, string> = {
  shell: 'stops the build on failure',
  test: 'orange on warnings',
  docs: 'orange on warnings',
  clean: 'always runs; only warns on failure',
  Configure: 'stops the build on failure',
  Compile: 'stops the build on failure',
  Install: 'stops the build on failure',
  Test: 'orange on warnings and on exit code 5',
  Clean: 'always runs; only warns on failure',
  Uninstall: 'always runs',
};

/** Notes on how a step behaves: workdir, timeout, pty, failure handling. */
export function stepNotes(step: Step): string[] {
  return [
    ...(step.workdir ? [`in ${step.workdir}`] : []),
    ...(step.timeout ? [`killed after ${step.timeout} s of silence`] : []),
    ...(step.pty ? ['under a pseudo-terminal'] : []),
    ...(step.env && Object.keys(step.env).length ? [`env ${Object.entries(step.env).map(([k, v]) => `${k}=${quote(v)}`).join(' ')}`] : []),
    ...(step.property ? [`sets property ${step.property}`] : []),
    ...(step.flags?.haltOnFailure ? ['stops the build on failure'] : []),
    ...(step.flags?.warnOnFailure ? ['warns on failure'] : []),
    ...(KIND_NOTE[step.kind] ? [KIND_NOTE[step.kind]!] : []),
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
  if (s.kind === 'pull_request') return `on a pull request, when a label or a \`!buildbot\` comment asks for it (${s.name})`;
  const paths = s.ignore_paths ?? [];
  const suffixes = s.ignore_suffixes ?? [];
  const files = [paths.join(', '), suffixes.length ? `files ending in ${suffixes.join(', ')}` : ''].filter(Boolean).join(', or ');
  const ignored = !files
    ? '; every file counts'
    : s.only_important === false
      ? `; ${files} do not count: a push of only those waits for the next one that does`
      : `; a push touching only ${files} starts nothing`;
  const timer = s.tree_stable_timer !== undefined ? `${s.tree_stable_timer} s` : 'tree_stable_timer, 30 s by default';
  return `on push to git branch ${s.git_branch}, once the tree is stable (${timer})${ignored}`;
}
