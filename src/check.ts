// `check`: is the committed master.cfg what the declarations generate? When it is not,
// say what changed in builder terms, then show the diff.
import { join } from 'node:path';
import { fsStep, type Context } from './context.js';
import { drift, formatDrift, UnreadableConfig } from './explain/drift.js';
import { OUTPUT_FILE, readIfExists, unifiedDiff } from './output.js';
import { PROGRAM } from './commands.js';

/** The base file of `changes` cannot be read or is not a master.cfg we can read back. */
export class UnreadableBase extends Error {}

/** The drift in builder terms; a committed file too old or hand-edited to read says so
 *  instead (the diff below still shows everything). */
function driftSummary(onDisk: string, generated: string): string {
  try {
    return formatDrift(drift(onDisk, generated));
  } catch (e) {
    if (!(e instanceof UnreadableConfig)) throw e;
    return `(cannot summarise the change: the committed file's data tables do not parse: ${e.message})\n`;
  }
}

export function checkOutput(text: string, summary: string, c: Context): number {
  const { io, fleet, show } = c;
  const outFile = join(fleet.out, OUTPUT_FILE);
  const shownOut = show(outFile);
  const onDisk = fsStep(`read ${shownOut}`, () => readIfExists(outFile, c.suggest('generate')));
  if (onDisk === text) {
    io.out(`${c.prefix}ok: ${shownOut} is up to date (${summary})\n`);
    return 0;
  }
  if (onDisk === undefined) {
    io.err(`${shownOut} does not exist: run \`${c.suggest('generate')}\` and commit it\n`);
    return 1;
  }
  // A CRLF checkout (Git for Windows' default without .gitattributes) differs on every line:
  // say so, instead of a diff of the whole file.
  const crlf = onDisk.includes('\r\n');
  const lf = crlf ? onDisk.replace(/\r\n/g, '\n') : onDisk;
  if (crlf && lf === text) {
    io.err(
      `${shownOut} differs only in its line endings: it has CRLF (Windows) line endings, and ${PROGRAM} writes LF. ` +
        'Git converted it on checkout (core.autocrlf): delete it and run ' +
        `\`git checkout -- ${shownOut}\` (this repository's .gitattributes asks for LF), or run \`${c.suggest('generate')}\`\n`,
    );
    return 1;
  }
  io.err(`${shownOut} is out of date: run \`${c.suggest('generate')}\` and commit the result${crlf ? ' (it also has CRLF line endings, which the diff below leaves out)' : ''}\n`);
  io.out(driftSummary(lf, text));
  io.out(unifiedDiff(shownOut, lf, text));
  return 1;
}

export function changesReport(_base: string, _generated: string, _c: Context): number {
  throw new UnreadableBase('not yet');
}
