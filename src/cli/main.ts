#!/usr/bin/env node
// The command line: parse options, find the fleet, run the pipeline, print problems, pick
// the exit code. Exit codes: 0 ok, 1 out/ is out of date (check), 2 invalid input or
// usage, 3 internal error.
// First: a memoised `check` exits here. The build's entry (launch.ts) runs the same gate
// before it loads this module at all, so that exit comes before yaml, ajv and handlebars load.
import './check-gate.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { parseCommandLine, UsageError, type Values } from './args.js';
import { commandHelp, commandNamed, overallHelp, PROGRAM, RUN, usageLine, type CommandSpec } from './commands.js';
import { displayPath, FleetNotFound, locateFleets, type FleetLocation } from './fleet-paths.js';
import { loadFleet, renderConfig, renderOutputs, type Generated } from '../pipeline.js';
import { InvalidInput, UserError } from '../model/problems.js';
import { listFiles, OUTPUT_FILE, PACKAGE, sameOnDisk, writeAtomicSet } from './out-dir.js';
import { fsStep, type Context, type Io } from './context.js';
import { exitWhenWritten, isTerminal, writeStd } from './std-write.js';
import { startedAsCli } from './entry.js';
import { memoKey, remember, type Printed } from './check-memo.js';
import { formatProblems, githubAnnotations, newInThisJob, withoutEchoes } from './print-problems.js';
// What only some commands need is loaded by the command that needs it.
const explainModule = () => import('../explain/explain.js');
const checkModule = () => import('./check.js');

export const version = (): string => (createRequire(import.meta.url)('../../package.json') as { version: string }).version;

function usage(io: Io, e: UsageError): number {
  const c = e.command;
  io.err(`${PROGRAM}: ${e.message}\nUsage: ${c ? usageLine(c) : `${RUN} <command> [options]`}\nRun \`${RUN} help${c ? ` ${c.name}` : ''}\` for more.\n`);
  return 2;
}

export async function main(argv: string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseCommandLine(argv);
  } catch (e) {
    if (e instanceof UsageError) return usage(io, e);
    throw e;
  }
  const { command, args, values } = parsed;
  if (values.version) {
    io.out(`${PROGRAM} ${version()}\n`);
    return 0;
  }
  if (command?.name === 'help' || values.help) {
    const about = command?.name === 'help' ? (args[0] !== undefined ? commandNamed(args[0]) : undefined) : command;
    io.out(about ? commandHelp(about) : overallHelp());
    return 0;
  }
  if (!command) return usage(io, new UsageError('a command is required'));

  try {
    const fleets = fsStep('look for the fleet', () => locateFleets(values, io.cwd, command.name === 'schema' ? 'schema' : 'out'));
    if (command.name === 'explain' && fleets.length > 1) return await explainAcross(fleets, args.join(' '), values, io);
    if (command.name === 'deploy') return await deployOne(fleets, args[0]!, values, io);
    if (command.name === 'try') return (await import('./try.js')).runTry(args, context(io, values, fleets[0]!, false), fleets.length);
    // A passing `check` is remembered (check-memo.ts), with what it printed.
    const memo = command.name === 'check' ? { argv, cwd: io.cwd, env: io.env, tty: isTerminal(2), fleets } : undefined;
    const key = memo && memoKey(memo);
    const printed: Printed = [];
    const runIo: Io = key ? { ...io, out: (s) => (printed.push([1, s]), io.out(s)), err: (s) => (printed.push([2, s]), io.err(s)) } : io;
    let code = 0;
    for (const fleet of fleets) code = Math.max(code, await runOne(command, args, context(runIo, values, fleet, fleets.length > 1)));
    // Only when nothing changed while it ran.
    if (key && code === 0 && memoKey(memo)?.key === key.key) remember(key, fleets.map((f) => f.out), printed, io.env);
    return code;
  } catch (e) {
    if (e instanceof FleetNotFound) {
      io.err(`${PROGRAM}: ${e.message}\n`);
      return 2;
    }
    if (e instanceof UserError) {
      io.err(`${PROGRAM}: ${e.message}\n`);
      return 2;
    }
    io.err(`${PROGRAM}: internal error (a bug in ${PROGRAM}; please report it with this output):\n${(e as Error)?.stack ?? String(e)}\n`);
    return 3;
  }
}

function context(io: Io, values: Values, fleet: FleetLocation, several: boolean): Context {
  const show = displayPath(io.cwd, fleet.root);
  const color = !io.env.NO_COLOR && io.env.FORCE_COLOR !== '0' && (io.env.FORCE_COLOR !== undefined || isTerminal(2));
  const q = (s: string) => (/^[\w./@:=+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  const opts = [
    ...(fleet.given !== undefined ? [`--fleet ${q(fleet.given)}`] : []),
    ...(['workers', 'builders', 'out'] as const).filter((k) => values[k] !== undefined).map((k) => `--${k} ${q(values[k]!)}`),
  ];
  return {
    io,
    values,
    fleet,
    show,
    suggest: (c) => [RUN, c, ...opts].join(' '),
    prefix: several ? `${fleet.given ?? show(fleet.root)}: ` : '',
    printProblems: (all) => {
      const problems = withoutEchoes(all);
      if (!problems.length) return;
      io.err(formatProblems(problems, { color, cwd: io.cwd }));
      if (io.env.GITHUB_ACTIONS === 'true') io.out(newInThisJob(githubAnnotations(problems, { cwd: io.cwd, workspace: io.env.GITHUB_WORKSPACE, strict: values.strict }), io.env));
    },
  };
}

/** Run one command on one fleet; bad input is reported here, so the next fleet still runs. */
async function runOne(command: CommandSpec, args: string[], c: Context): Promise<number> {
  const { io, values, fleet, show } = c;
  try {
    if (command.name === 'schema') {
      const { buildersSchema, workersSchema } = await import('../validate/schemas.js');
      fsStep(`write ${show(fleet.out)}`, () => {
        mkdirSync(fleet.out, { recursive: true });
        for (const [name, schema] of [['workers', workersSchema], ['builders', buildersSchema]] as const) {
          writeFileSync(join(fleet.out, `${name}.schema.json`), `${JSON.stringify(schema, null, 2)}\n`);
        }
      });
      io.out(`${c.prefix}wrote ${show(join(fleet.out, 'workers.schema.json'))} and ${show(join(fleet.out, 'builders.schema.json'))}\n`);
      return 0;
    }
    const g = loadFleet(fleet, show);
    c.printProblems(g.problems);
    if (values.strict && g.problems.length) {
      io.err('--strict: warnings count as errors\n');
      return 2;
    }
    return await runLoaded(command, args, g, c);
  } catch (e) {
    if (e instanceof InvalidInput) {
      c.printProblems(e.problems);
      return 2;
    }
    if (e instanceof UserError) {
      io.err(`${PROGRAM}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

async function runLoaded(command: CommandSpec, args: string[], g: Generated, c: Context): Promise<number> {
  const { io, values, fleet, show } = c;
  const summary = `${g.matrix.builders.length} builders on ${g.matrix.workers.length} workers`;
  const outFile = join(fleet.out, OUTPUT_FILE);
  const shownOut = show(outFile);
  switch (command.name) {
    case 'explain':
      io.out((await explainModule()).explain(args.join(' '), g));
      return 0;
    case 'matrix': {
      const only = values.branches?.split(',').map((b) => b.trim()).filter(Boolean);
      const unknown = only?.filter((b) => !g.matrix.branches.some((x) => x.name === b)) ?? [];
      if (unknown.length || (only && !only.length)) {
        io.err(`${PROGRAM}: --branches: no branch \`${unknown[0] ?? ''}\` (branches: ${g.matrix.branches.map((b) => b.name).join(', ')})\n`);
        return 2;
      }
      const { matrixJson, matrixText } = await import('../explain/matrix.js');
      io.out(values.json ? `${JSON.stringify(matrixJson(g.matrix, only), null, 2)}\n` : matrixText(g.matrix, undefined, only));
      return 0;
    }
    case 'validate': {
      if (values.settings !== undefined) {
        const path = resolve(io.cwd, values.settings);
        const { readSettings, settingsProblems } = await import('../validate/settings-check.js');
        const problems = settingsProblems(readSettings(path, show(path)), g.fleet, g.sources.workers);
        c.printProblems(problems);
        if (problems.some((p) => p.severity === 'error') || (values.strict && problems.length)) return 2;
      }
      io.out(`${c.prefix}ok: ${summary}\n`);
      return 0;
    }
    case 'onboard':
      return (await import('./onboard.js')).onboard(args[0]!, g, c);
    case 'changes':
      return (await checkModule()).changesReport(args[0]!, renderConfig(g, fleet), g.matrix.builders.length, c);
    case 'generate': {
      // master.cfg and the package it imports, written as a set (out-dir.ts writeAtomicSet).
      const files = renderOutputs(g, fleet);
      const changed = files.filter((f) => {
        const path = join(fleet.out, f.path);
        return !fsStep(`read ${show(path)}`, () => sameOnDisk(path, f.text, c.suggest('generate')));
      });
      const wanted = new Set(files.map((f) => join(fleet.out, f.path)));
      const extra = listFiles(join(fleet.out, PACKAGE)).filter((p) => !wanted.has(p));
      if (changed.length || extra.length) fsStep(`write ${show(fleet.out)}`, () => writeAtomicSet(fleet.out, files, [PACKAGE]));
      const shown = changed.some((f) => f.path === OUTPUT_FILE) || !(changed.length || extra.length) ? shownOut : show(join(fleet.out, PACKAGE));
      io.out(`${c.prefix}${changed.length || extra.length ? 'wrote' : 'unchanged:'} ${shown} (${summary})\n`);
      return 0;
    }
    case 'report':
      return (await import('../fleet-report/command.js')).writeReport(g, c);
    case 'check': {
      const [{ checkOutput }, { checkPackage }] = await Promise.all([checkModule(), import('./check-package.js')]);
      const [config, ...pkg] = renderOutputs(g, fleet);
      const stale = checkPackage(pkg, c);
      return Math.max(checkOutput(config!.text, summary, c, stale !== 0), stale);
    }
    default:
      throw new Error(`internal: command ${command.name} has no implementation`);
  }
}

/** `deploy BASEDIR`: one fleet into one master (asynchronous: it waits for the master). */
async function deployOne(fleets: FleetLocation[], basedir: string, values: Values, io: Io): Promise<number> {
  if (fleets.length !== 1) return usage(io, new UsageError('`deploy` takes one fleet (one master runs one fleet)', commandNamed('deploy')));
  const c = context(io, values, fleets[0]!, false);
  try {
    const g = loadFleet(fleets[0]!, c.show);
    c.printProblems(g.problems);
    if (values.strict && g.problems.length) return (io.err('--strict: warnings count as errors\n'), 2);
    return await (await import('./deploy.js')).deployCommand(basedir, renderConfig(g, fleets[0]!), c);
  } catch (e) {
    if (e instanceof InvalidInput) return (c.printProblems(e.problems), 2);
    throw e;
  }
}

/** `explain NAME` over several fleets: every fleet that knows the name answers. */
async function explainAcross(fleets: FleetLocation[], name: string, values: Values, io: Io): Promise<number> {
  const { explain, UnknownName } = await explainModule();
  let found = 0;
  let first: InstanceType<typeof UnknownName> | undefined;
  let code = 0;
  for (const fleet of fleets) {
    const c = context(io, values, fleet, true);
    try {
      const g = loadFleet(fleet, c.show);
      const text = explain(name, g);
      io.out(`${found++ ? '\n' : ''}== ${fleet.given ?? c.show(fleet.root)} ==\n${text}`);
    } catch (e) {
      if (e instanceof UnknownName) first ??= e;
      else if (e instanceof InvalidInput) {
        c.printProblems(e.problems);
        code = 2;
      } else throw e;
    }
  }
  if (!found && first) {
    io.err(`${PROGRAM}: ${first.message} (in none of the ${fleets.length} fleets)\n`);
    return 2;
  }
  return code;
}

// Run when executed directly (not when imported by the tests).
if (startedAsCli(import.meta.url)) {
  // No top-level await: the build loads this module as CommonJS (scripts/bundle.mjs).
  void main(process.argv.slice(2), {
    out: (s) => writeStd(1, s),
    err: (s) => writeStd(2, s),
    env: process.env,
    cwd: process.cwd(),
  }).then((code) => {
    process.exitCode = code;
    exitWhenWritten(code);
  });
}
