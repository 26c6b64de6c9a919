// `buildmaster-gen try BUILDER [BRANCH]`: a builder's own steps, run on this machine by a real
// Buildbot master and worker in a temporary directory, with each step shown as it ends;
// the exit code is the build's (0 green, 1 not). `try --worker NAME`: a master with every
// builder of that worker, for the owner's own buildbot-worker to connect to (a rehearsal);
// with --once each builder builds once and the results end it.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { PROGRAM, RUN, commandNamed, usageLine } from './commands.js';
import type { Context } from './context.js';
import { loadFleet } from '../pipeline.js';
import { InvalidInput } from '../model/problems.js';
import { render } from '../render/render.js';
import { BuildbotMissing, findBuildbot, requireWorker, type BuildbotCommands } from '../try/buildbot.js';
import { chooseBuilder, defaultRef, NothingToTry, workerBuilders } from '../try/choose.js';
import { GREEN, TrialReport } from '../try/report.js';
import { restrictMatrix } from '../try/restrict.js';
import { runTrial, type TrialStart } from '../try/session.js';
import type { Builder, BuilderMatrix } from '../model/types.js';

/** Output lines shown of a step that did not succeed. */
const TAIL = 40;

class UsageProblem extends Error {}

/** A repository path (made absolute) or URL, as the checkout step will fetch it. */
function repository(value: string | undefined, cwd: string): string | undefined {
  if (value === undefined) return undefined;
  const path = resolve(cwd, value);
  if (existsSync(path)) return path;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || /^[\w.-]+@[\w.-]+:/.test(value)) return value;
  throw new UsageProblem(`--repo ${value}: no such directory (${path}), and not a git URL`);
}

/** A local repository must have the refs (said now, not after a master has started). */
function checkRefs(repo: string | undefined, refs: Record<string, string>): void {
  if (repo === undefined || !existsSync(repo)) return;
  const missing = new Map<string, string[]>();
  for (const [builder, ref] of Object.entries(refs)) {
    if (missing.has(ref)) {
      missing.get(ref)!.push(builder);
      continue;
    }
    try {
      execFileSync('git', ['-C', repo, 'rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { stdio: 'ignore' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return; // no git here: the worker's checkout will say
      missing.set(ref, [builder]);
    }
  }
  if (missing.size) {
    const which = [...missing].map(([ref, builders]) => `\`${ref}\` (for ${builders.join(', ')})`).join(', ');
    throw new UsageProblem(`--repo ${repo} has no ${which}: give a ref it has with --ref`);
  }
}

interface Plan {
  builders: Builder[];
  /** Builder name -> the git ref it checks out. */
  refs: Record<string, string>;
  notes: string[];
  worker: string;
  rehearsal: boolean;
}

/** Each builder's ref: --ref, else its branch's (notes say what a pull-request builder takes). */
function refsOf(builders: Builder[], matrix: BuilderMatrix, ref: string | undefined): { refs: Record<string, string>; notes: string[] } {
  const refs: Record<string, string> = {};
  const notes = new Set<string>();
  for (const b of builders) {
    const d = defaultRef(b, matrix);
    refs[b.name] = ref ?? d.ref;
    if (ref === undefined && d.note) notes.add(d.note);
  }
  return { refs, notes: [...notes] };
}

function plan(args: string[], c: Context, matrix: BuilderMatrix): Plan {
  const { values } = c;
  if (values.worker !== undefined) {
    if (args.length) throw new UsageProblem(`give a builder or --worker NAME, not both (\`try ${args.join(' ')}\` tries one builder)`);
    const builders = workerBuilders(values.worker, matrix);
    return { builders, ...refsOf(builders, matrix, values.ref), worker: builders[0]!.worker, rehearsal: true };
  }
  if (values.once) throw new UsageProblem('--once goes with --worker NAME (`try BUILDER` builds once already)');
  if (!args.length) throw new UsageProblem('`try` needs a builder (or --worker NAME)');
  const { builder, note } = chooseBuilder(args, matrix);
  const { refs, notes } = refsOf([builder], matrix, values.ref);
  return { builders: [builder], refs, notes: [...(note ? [note] : []), ...notes], worker: builder.worker, rehearsal: false };
}

function usageProblem(c: Context, message: string): number {
  c.io.err(`${PROGRAM}: ${message}\nUsage: ${usageLine(commandNamed('try')!)}\nRun \`${RUN} help try\` for more.\n`);
  return 2;
}

export async function runTry(args: string[], c: Context, fleets: number): Promise<number> {
  const { io, values } = c;
  if (fleets > 1) return usageProblem(c, '`try` works on one fleet: give a single --fleet');
  let p: Plan;
  let repo: string | undefined;
  let buildbot: BuildbotCommands;
  let g;
  try {
    g = loadFleet(c.fleet, c.show);
    c.printProblems(g.problems);
    if (values.strict && g.problems.length) {
      io.err('--strict: warnings count as errors\n');
      return 2;
    }
    p = plan(args, c, g.matrix);
    repo = repository(values.repo, io.cwd);
    checkRefs(repo, p.refs);
    buildbot = findBuildbot(values.buildbot, io.env, io.cwd);
    if (!p.rehearsal) requireWorker(buildbot);
  } catch (e) {
    if (e instanceof InvalidInput) {
      c.printProblems(e.problems);
      return 2;
    }
    if (e instanceof UsageProblem || e instanceof NothingToTry) return usageProblem(c, e.message);
    if (e instanceof BuildbotMissing) {
      io.err(`${PROGRAM}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }

  const names = p.builders.map((b) => b.name);
  const config = render({ matrix: restrictMatrix(g.matrix, names), sources: [basename(c.fleet.workers), basename(c.fleet.builders)] });
  const worker = g.matrix.workers.find((w) => w.name === p.worker)!;
  const from = repo ?? "the fleet's repository (settings `git_url`)";
  const refs = [...new Set(Object.values(p.refs))];
  io.out(
    p.rehearsal
      ? `${PROGRAM} try --worker ${p.worker}: ${names.length} builder(s): ${names.join(', ')}\n  checking out ${refs.join(', ')} of ${from}\n`
      : `${PROGRAM} try: ${names[0]} (worker ${p.worker}), checking out ${refs[0]} of ${from}\n`,
  );
  for (const note of p.notes) io.out(`  note: ${note}\n`);
  if (!p.rehearsal && /windows/i.test(worker.os) !== (process.platform === 'win32')) io.out(`  note: ${p.worker} runs ${worker.os}; its steps may not run on this machine\n`);

  const controller = new AbortController();
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    // A second Ctrl-C does not wait: the exit hook kills what is left.
    if (signals++) process.exit(130);
    io.err(`\n${PROGRAM}: ${signal}: stopping the trial (Ctrl-C again to stop at once)\n`);
    controller.abort();
  };
  const handled = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  for (const s of handled) process.on(s, onSignal);
  const report = new TrialReport(io.out, names.length > 1);
  let again: (() => void) | undefined;
  const onEnter = () => {
    if (!again) return;
    again();
    io.out(`building every builder once (they start when ${p.worker} is connected)\n`);
  };
  const interactive = p.rehearsal && !values.once && process.stdin.isTTY === true;
  const started = (s: TrialStart) => {
    if (!p.rehearsal) return;
    again = s.buildAgain;
    io.out(
      [
        `A master with ${p.worker}'s builders listens on 127.0.0.1:${s.port}. Connect your worker to it`,
        '(a new worker directory; the password is for this trial only):',
        '',
        `  buildbot-worker create-worker try-worker 127.0.0.1:${s.port} ${p.worker} ${s.password}`,
        '  buildbot-worker start try-worker',
        '',
        `Put who you are in try-worker/info/admin and the machine in try-worker/info/host.`,
        values.once
          ? `Each builder builds once when ${p.worker} connects; their results end this command (Ctrl-C stops it sooner).`
          : `Waiting for ${p.worker}; ${interactive ? 'press Enter to build every builder once; ' : ''}Ctrl-C stops.`,
        '',
      ].join('\n'),
    );
    if (interactive) process.stdin.on('data', onEnter);
  };
  try {
    const result = await runTrial(
      {
        config,
        refs: p.refs,
        repository: repo,
        worker: p.worker,
        startWorker: !p.rehearsal,
        keepSchedulers: p.rehearsal && !values.once,
        buildNow: !p.rehearsal || values.once,
        exitAfter: p.rehearsal && !values.once ? null : names.length,
        buildbot,
        tail: TAIL,
        env: io.env,
        signal: controller.signal,
        connectTimeoutMs: 120_000,
      },
      {
        prepared: (root) => io.out(`  trial directory ${root} (removed at the end)\n`),
        started,
        event: (e) => {
          if (e.event === 'ready') io.out(`  Buildbot ${e.buildbot} (${buildbot.buildbot}); master up${repo === undefined ? `; repository ${e.repository}` : ''}\n`);
          report.event(e);
        },
      },
    );
    if (result.strays.length) io.err(`${PROGRAM}: killed ${result.strays.length} process(es) left in the trial directory: ${result.strays.join(', ')}\n`);
    if (result.failure) {
      io.err(`${PROGRAM}: ${result.failure}\n`);
      return 1;
    }
    if (result.interrupted) return 130;
    const red = result.builds.filter((b) => !GREEN.has(b.result));
    if (names.length > 1) {
      io.out(`\n${result.builds.length - red.length} of ${result.builds.length} build(s) green${red.length ? `; not green: ${red.map((b) => `${b.builder} (${b.result})`).join(', ')}` : ''}\n`);
    }
    return red.length ? 1 : 0;
  } finally {
    for (const s of handled) process.removeListener(s, onSignal);
    if (interactive) {
      process.stdin.removeListener('data', onEnter);
      process.stdin.pause();
    }
  }
}
