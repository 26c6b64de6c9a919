#!/usr/bin/env node
// The command line: parse options, run the pipeline, print problems, pick the exit code.
// Exit codes: 0 ok, 1 out/ is out of date (check), 2 invalid input or usage, 3 internal error.
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { loadFleet, renderConfig, type Inputs } from './pipeline.js';
import { InvalidInput, type Problem } from './problems.js';
import { formatProblems, githubAnnotations, withoutEchoes } from './report.js';
import { OUTPUT_FILE, readIfExists, unifiedDiff, writeAtomic } from './output.js';
import { buildersSchema, workersSchema } from './validate/schemas.js';
import { drift, formatDrift, UnreadableConfig } from './explain/drift.js';
import { explain, UnknownName } from './explain/explain.js';
import { matrixJson, matrixText } from './explain/matrix.js';

const USAGE = `Usage: buildmaster-gen <command> [options]

Commands:
  generate            validate the declarations and write <out>/master.cfg (atomically)
  check               exit 0 when <out>/master.cfg is current; 1 when it is not, with
                      the builders added, removed and changed, and a diff
  validate            report every problem in the declarations, write nothing
  explain NAME        what a worker builds (every builder, branch, schedule and command),
                      or why a builder ("AMD64 Windows8 3.x" or "AMD64 Windows8") exists
                      on a branch or not
  matrix              the worker x branch table of builders (--json for tools)
  schema              write the JSON Schemas of both files to schema/ (or --out DIR)

Options:
  --workers FILE      workers declaration (default: workers.yaml)
  --builders FILE     builders declaration (default: builders.yaml)
  --out DIR           output directory (default: out)
  --strict            warnings fail too (exit 2)
  --json              matrix: print JSON
  -h, --help          this help

Exit codes: 0 ok, 1 out of date (check), 2 invalid input or usage, 3 internal error.
`;

class UsageError extends Error {}

/** The file system refused (`--out` is a file, a read-only directory, ...): the user's to fix, not a bug. */
class FileError extends Error {}

function fsStep<T>(what: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (typeof err.code === 'string' && err.syscall !== undefined) throw new FileError(`cannot ${what}: ${err.code} (${err.message})`);
    throw e;
  }
}

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

const show = (cwd: string) => (p: string) => {
  const rel = relative(cwd, resolve(cwd, p));
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : resolve(cwd, p);
};

export async function main(argv: string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        workers: { type: 'string', default: 'workers.yaml' },
        builders: { type: 'string', default: 'builders.yaml' },
        out: { type: 'string' },
        strict: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    io.err(`buildmaster-gen: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  const color = !io.env.NO_COLOR && io.env.FORCE_COLOR !== '0' && (io.env.FORCE_COLOR !== undefined || process.stderr.isTTY === true);
  const printProblems = (all: Problem[]) => {
    const problems = withoutEchoes(all);
    if (!problems.length) return;
    io.err(formatProblems(problems, { color, cwd: io.cwd }));
    if (io.env.GITHUB_ACTIONS === 'true') io.out(githubAnnotations(problems));
  };
  const paths: Inputs = { workers: resolve(io.cwd, values.workers), builders: resolve(io.cwd, values.builders) };
  const outDir = resolve(io.cwd, values.out ?? (command === 'schema' ? 'schema' : 'out'));
  const outFile = join(outDir, OUTPUT_FILE);
  const shownOut = show(io.cwd)(outFile);

  try {
    if (!command) throw new UsageError('a command is required');
    // `explain AMD64 Windows8 3.x` works without quotes: the words make one name.
    if (command === 'explain' && !rest.length) throw new UsageError('explain needs a worker or builder name');
    if (command !== 'explain' && rest.length) throw new UsageError(`unexpected argument: ${rest[0]}`);
    if (command === 'schema') {
      fsStep(`write ${show(io.cwd)(outDir)}`, () => {
        mkdirSync(outDir, { recursive: true });
        for (const [name, schema] of [['workers', workersSchema], ['builders', buildersSchema]] as const) {
          writeFileSync(join(outDir, `${name}.schema.json`), `${JSON.stringify(schema, null, 2)}\n`);
        }
      });
      io.out(`wrote ${show(io.cwd)(join(outDir, 'workers.schema.json'))} and ${show(io.cwd)(join(outDir, 'builders.schema.json'))}\n`);
      return 0;
    }
    if (!['generate', 'check', 'validate', 'explain', 'matrix'].includes(command)) throw new UsageError(`unknown command: ${command}`);

    const g = loadFleet(paths, show(io.cwd));
    printProblems(g.problems);
    if (values.strict && g.problems.length) {
      io.err('--strict: warnings count as errors\n');
      return 2;
    }
    const summary = `${g.matrix.builders.length} builders on ${g.matrix.workers.length} workers`;
    if (command === 'explain') {
      io.out(explain(rest.join(' '), g));
      return 0;
    }
    if (command === 'matrix') {
      io.out(values.json ? `${JSON.stringify(matrixJson(g.matrix), null, 2)}\n` : matrixText(g.matrix));
      return 0;
    }
    if (command === 'validate') {
      io.out(`ok: ${summary}\n`);
      return 0;
    }
    const text = renderConfig(g, paths);
    if (command === 'generate') {
      const changed = fsStep(`read ${shownOut}`, () => readIfExists(outFile)) !== text;
      if (changed) fsStep(`write ${shownOut}`, () => writeAtomic(outFile, text));
      io.out(`${changed ? 'wrote' : 'unchanged:'} ${shownOut} (${summary})\n`);
      return 0;
    }
    // check
    const onDisk = fsStep(`read ${shownOut}`, () => readIfExists(outFile));
    if (onDisk === text) {
      io.out(`ok: ${shownOut} is up to date (${summary})\n`);
      return 0;
    }
    if (onDisk === undefined) {
      io.err(`${shownOut} does not exist: run \`buildmaster-gen generate\` and commit it\n`);
      return 1;
    }
    io.err(`${shownOut} is out of date: run \`buildmaster-gen generate\` and commit the result\n`);
    io.out(driftSummary(onDisk, text));
    io.out(unifiedDiff(shownOut, onDisk, text));
    return 1;
  } catch (e) {
    if (e instanceof InvalidInput) {
      printProblems(e.problems);
      return 2;
    }
    if (e instanceof UnknownName || e instanceof FileError) {
      io.err(`buildmaster-gen: ${e.message}\n`);
      return 2;
    }
    if (e instanceof UsageError) {
      io.err(`buildmaster-gen: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    io.err(`buildmaster-gen: internal error (a bug in buildmaster-gen; please report it with this output):\n${(e as Error)?.stack ?? String(e)}\n`);
    return 3;
  }
}

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

// Run when executed directly (not when imported by the tests).
// Compare real paths: npx and npm link start us through a symlink in node_modules/.bin.
if (process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url))) {
  // `explain ... | head` closes the pipe early: stop quietly, as other command-line tools do.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
      process.exit(process.exitCode ?? 0);
    });
  }
  const code = await main(process.argv.slice(2), {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    env: process.env,
    cwd: process.cwd(),
  });
  process.exitCode = code;
}
