// `check`: is the committed master.cfg what the declarations generate? When it is not,
// say what changed in builder terms, then show the diff. `changes`: what the declarations
// change compared with another master.cfg (the pull request's base).
//
// Under GitHub Actions a stale file is also an `::error` annotation on it, and both
// commands append their summary, in Markdown, to the job summary ($GITHUB_STEP_SUMMARY):
// the summary is written to that file directly, so no workflow command can end up in it.
import { appendFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fsStep, FileError, type Context } from './context.js';
import { describeTable, drift, formatDrift, UnreadableConfig, type Drift } from '../explain/drift.js';
import { driftMarkdown } from '../explain/drift-markdown.js';
import { OUTPUT_FILE, readIfExists, sameOnDisk, unifiedDiff } from './out-dir.js';
import { PROGRAM } from './commands.js';
import { annotation } from './print-problems.js';
import { UserError } from '../model/problems.js';
import { NotRegularFile, readRegular } from '../load/regular-file.js';

/** The base file of `changes` cannot be read or is not a master.cfg we can read back. */
export class UnreadableBase extends UserError {}

const onGitHub = (c: Context) => c.io.env.GITHUB_ACTIONS === 'true';

/** Append Markdown to the job summary, when there is one. */
function toJobSummary(c: Context, markdown: string) {
  const file = c.io.env.GITHUB_STEP_SUMMARY;
  if (!onGitHub(c) || !file) return;
  fsStep(`append to the job summary ${file}`, () => appendFileSync(file, markdown));
}

function annotate(c: Context, file: string, line: number, message: string) {
  if (onGitHub(c)) c.io.out(annotation('error', file, line, 1, 'out-of-date', message, { cwd: c.io.cwd, workspace: c.io.env.GITHUB_WORKSPACE }));
}

/** The first line (1-based) where two texts differ. */
export function firstDifference(a: string, b: string): number {
  const x = a.split('\n');
  const y = b.split('\n');
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  return i + 1;
}

/** The first few definitions whose builders differ, and how: what an annotation can say in one line. */
function firstBuilders(d: Drift, max = 4): string {
  const groups = describeTable(d.builders).flatMap(({ verb, groups: gs }) => gs.map((g) => `${verb} ${g.stem}${g.branches.length ? ` (${g.branches.join(', ')})` : ''}${verb === 'renamed' && g.detail ? ` (${g.detail})` : ''}`));
  if (!groups.length) return 'no builder differs (workers, schedulers or the code around them do)';
  return `builders ${groups.slice(0, max).join('; ')}${groups.length > max ? `; and ${groups.length - max} more` : ''}`;
}

/** The drift, or undefined when a file's data tables cannot be read back. */
function tryDrift(before: string, after: string): Drift | UnreadableConfig {
  try {
    return drift(before, after);
  } catch (e) {
    if (e instanceof UnreadableConfig) return e;
    throw e;
  }
}

/** `quiet`: say nothing when the file is up to date (another file of out/ is not). */
export function checkOutput(text: string, summary: string, c: Context, quiet = false): number {
  const { io, fleet, show } = c;
  const outFile = join(fleet.out, OUTPUT_FILE);
  const shownOut = show(outFile);
  const regenerate = c.suggest('generate');
  if (fsStep(`read ${shownOut}`, () => sameOnDisk(outFile, text, regenerate))) {
    if (!quiet) io.out(`${c.prefix}ok: ${shownOut} is up to date (${summary})\n`);
    return 0;
  }
  const onDisk = fsStep(`read ${shownOut}`, () => readIfExists(outFile, regenerate));
  if (onDisk === undefined) {
    io.err(`${shownOut} does not exist: run \`${regenerate}\` and commit it\n`);
    annotate(c, shownOut, 0, `${shownOut} does not exist: run \`${regenerate}\` and commit it`);
    toJobSummary(c, `## ${shownOut} is missing\n\nRun \`${regenerate}\` and commit the result.\n\n`);
    return 1;
  }
  // A CRLF checkout (Git for Windows' default without .gitattributes) differs on every line:
  // say so, instead of a diff of the whole file.
  const crlf = onDisk.includes('\r\n');
  const lf = crlf ? onDisk.replace(/\r\n/g, '\n') : onDisk;
  if (crlf && lf === text) {
    const message =
      `${shownOut} differs only in its line endings: it has CRLF (Windows) line endings, and ${PROGRAM} writes LF. ` +
      'Git converted it on checkout (core.autocrlf): delete it and run ' +
      `\`git checkout -- ${shownOut}\` (this repository's .gitattributes asks for LF), or run \`${regenerate}\``;
    io.err(`${message}\n`);
    annotate(c, shownOut, 1, message);
    toJobSummary(c, `## ${shownOut} has CRLF line endings\n\n${message}.\n\n`);
    return 1;
  }
  io.err(`${shownOut} is out of date: run \`${regenerate}\` and commit the result${crlf ? ' (it also has CRLF line endings, which the diff below leaves out)' : ''}\n`);
  const d = tryDrift(lf, text);
  if (d instanceof UnreadableConfig) {
    io.out(`(cannot summarise the change: the committed file's data tables do not parse: ${d.message})\n`);
    annotate(c, shownOut, firstDifference(lf, text), `${shownOut} is not what the declarations generate (a hand edit?): run \`${regenerate}\` and commit the result`);
  } else {
    io.out(formatDrift(d));
    annotate(c, shownOut, firstDifference(lf, text), `${shownOut} is not what the declarations generate: ${firstBuilders(d)}. Run \`${regenerate}\` and commit the result`);
    toJobSummary(c, driftMarkdown(d, { title: `${shownOut} is out of date: what \`${regenerate}\` would change` }));
  }
  io.out(unifiedDiff(shownOut, lf, text));
  return 1;
}

/** `changes BASE`: what the declarations change compared with BASE (the base branch's master.cfg). */
export function changesReport(base: string, generated: string, builders: number, c: Context): number {
  const { io, show } = c;
  const path = resolve(io.cwd, base);
  let before: string;
  try {
    before = readRegular(path);
  } catch (e) {
    if (e instanceof NotRegularFile) throw new UnreadableBase(`cannot read ${show(path)}: ${e.reason === 'missing' ? 'no such file' : `it is ${e.reason === 'symlink' ? 'a symbolic link' : 'not a regular file'}`}`);
    throw new FileError(`cannot read ${show(path)}: ${(e as Error).message}`);
  }
  const d = tryDrift(before.replace(/\r\n/g, '\n'), generated);
  if (d instanceof UnreadableConfig) throw new UnreadableBase(`${show(path)} is not a master.cfg ${PROGRAM} can read back (${d.message})`);
  const after = builders;
  const beforeCount = after - d.builders.added.length + d.builders.removed.length;
  const title = `What this change does to the fleet (${show(join(c.fleet.out, OUTPUT_FILE))})`;
  const markdown = driftMarkdown(d, { title, builders: { before: beforeCount, after } });
  if (c.values.markdown) io.out(markdown);
  else io.out(`${c.prefix}${formatDrift(d).replace(/^The builders, workers and schedulers are the same; the difference is elsewhere in the file \(comments or code\)\.\n$/, 'No builder, worker or scheduler changes.\n')}`);
  toJobSummary(c, markdown);
  return 0;
}
