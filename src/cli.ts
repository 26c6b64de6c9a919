#!/usr/bin/env node
// The command line: parse options, run the pipeline, print problems, pick the exit code.
// Exit codes: 0 ok, 1 out/ is out of date (check), 2 invalid input or usage, 3 internal error.
import { mkdirSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadFleet, renderConfig, type Inputs } from './pipeline.js';
import { InvalidInput, type Problem } from './problems.js';
import { formatProblems, githubAnnotations } from './report.js';
import { OUTPUT_FILE, readIfExists, unifiedDiff, writeAtomic } from './output.js';
import { buildersSchema, workersSchema } from './validate/schemas.js';

const USAGE = `Usage: buildmaster-gen <command> [options]

Commands:
  generate            validate the declarations and write <out>/master.cfg (atomically)
  check               exit 0 when <out>/master.cfg is current, 1 with a diff when it is not
  validate            report every problem in the declarations, write nothing
  schema              write the JSON Schemas of both files to schema/ (or --out DIR)

Options:
  --workers FILE      workers declaration (default: workers.yaml)
  --builders FILE     builders declaration (default: builders.yaml)
  --out DIR           output directory (default: out)
  --strict            warnings fail too (exit 2)
  -h, --help          this help

Exit codes: 0 ok, 1 out of date (check), 2 invalid input or usage, 3 internal error.
`;

class UsageError extends Error {}

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
  const printProblems = (problems: Problem[]) => {
    if (!problems.length) return;
    io.err(formatProblems(problems, { color }));
    if (io.env.GITHUB_ACTIONS === 'true') io.out(githubAnnotations(problems));
  };
  const paths: Inputs = { workers: resolve(io.cwd, values.workers), builders: resolve(io.cwd, values.builders) };
  const outDir = resolve(io.cwd, values.out ?? (command === 'schema' ? 'schema' : 'out'));
  const outFile = join(outDir, OUTPUT_FILE);

  try {
    if (!command) throw new UsageError('a command is required');
    if (rest.length) throw new UsageError(`unexpected argument: ${rest[0]}`);
    if (command === 'schema') {
      mkdirSync(outDir, { recursive: true });
      for (const [name, schema] of [['workers', workersSchema], ['builders', buildersSchema]] as const) {
        writeFileSync(join(outDir, `${name}.schema.json`), `${JSON.stringify(schema, null, 2)}\n`);
      }
      io.out(`wrote ${show(io.cwd)(join(outDir, 'workers.schema.json'))} and ${show(io.cwd)(join(outDir, 'builders.schema.json'))}\n`);
      return 0;
    }
    if (!['generate', 'check', 'validate'].includes(command)) throw new UsageError(`unknown command: ${command}`);

    const g = loadFleet(paths, show(io.cwd));
    printProblems(g.problems);
    if (values.strict && g.problems.length) {
      io.err('--strict: warnings count as errors\n');
      return 2;
    }
    const summary = `${g.matrix.builders.length} builders on ${g.matrix.workers.length} workers`;
    if (command === 'validate') {
      io.out(`ok: ${summary}\n`);
      return 0;
    }
    const text = renderConfig(g, paths);
    if (command === 'generate') {
      const changed = readIfExists(outFile) !== text;
      if (changed) writeAtomic(outFile, text);
      io.out(`${changed ? 'wrote' : 'unchanged:'} ${show(io.cwd)(outFile)} (${summary})\n`);
      return 0;
    }
    // check
    const onDisk = readIfExists(outFile);
    if (onDisk === text) {
      io.out(`ok: ${show(io.cwd)(outFile)} is up to date (${summary})\n`);
      return 0;
    }
    if (onDisk === undefined) {
      io.err(`${show(io.cwd)(outFile)} does not exist: run \`buildmaster-gen generate\` and commit it\n`);
      return 1;
    }
    io.err(`${show(io.cwd)(outFile)} is out of date: run \`buildmaster-gen generate\` and commit the result\n`);
    io.out(unifiedDiff(show(io.cwd)(outFile), onDisk, text));
    return 1;
  } catch (e) {
    if (e instanceof InvalidInput) {
      printProblems(e.problems);
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

// Run when executed directly (not when imported by the tests).
if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const code = await main(process.argv.slice(2), {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    env: process.env,
    cwd: process.cwd(),
  });
  process.exitCode = code;
}
