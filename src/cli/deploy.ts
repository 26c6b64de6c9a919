// `deploy BASEDIR`: put the fleet's generated files into a running master without losing a
// build. In order: out/ must be what the declarations generate; the master's own Buildbot
// loads the new config (what `buildbot checkconfig` does); the drift against the deployed
// BASEDIR/master.cfg is shown; then
//   - a change Buildbot cannot reconfigure (the database: master.py refuses a new db_url)
//     is applied by a clean shutdown (SIGUSR1: running builds finish, none start) and a start;
//   - anything else by a reconfig (SIGHUP), waiting in twistd.log for "configuration update
//     complete" with a timeout sized to the fleet (`buildbot reconfig` gives up after 10 s
//     without a progress line and exits 1 although the master goes on and applies it).
// A builder that is building and would be removed or renamed (its running build would be
// lost) holds the deploy until it is idle (--wait-idle) or refuses it, naming the builds.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import type { Context } from './context.js';
import { OUTPUT_FILE } from './out-dir.js';
import { PROGRAM } from './commands.js';
import { drift, formatDrift, UnreadableConfig, type Drift } from '../explain/drift.js';
import { BuildbotFailed, loadConfig, runningBuilds, loggedDbUrl, type RunningBuild } from '../deploy/buildbot-python.js';
import { changedFiles, deployableFiles, install, PREVIOUS, rollBack } from '../deploy/files.js';
import { logOffset, masterPid, RECONFIG, runCommand, runningDbUrl, sleep, START, waitForExit, waitForLog, type Outcome } from '../deploy/master-process.js';

/** The options only `deploy` takes (read from the parsed values by name). */
interface DeployValues {
  buildbot?: string;
  python?: string;
  timeout?: string;
  'wait-idle'?: string;
  'dry-run'?: boolean;
}

/** Seconds a reconfig or a start may take: a minute, plus 0.1 s a builder (1,037 builders: ~2.7 min;
 *  measured: 3-35 s to reconfigure, 34-49 s to start). */
export const defaultTimeout = (builders: number) => 60 + Math.ceil(builders / 10);

class DeployError extends Error {
  readonly code: number = 1;
}
/** A bad option value: a usage error (exit 2). */
class DeployUsage extends DeployError {
  override readonly code = 2;
}

/** `buildbot` on PATH (or as given), and the Python its `#!` line names. */
function findBuildbot(given: string | undefined, python: string | undefined, env: NodeJS.ProcessEnv, cwd: string): { buildbot: string; python: string } {
  const name = given ?? 'buildbot';
  const candidates = name.includes('/') ? [resolve(cwd, name)] : (env.PATH ?? '').split(delimiter).filter(Boolean).map((d) => join(d, name));
  const buildbot = candidates.find((p) => existsSync(p) && statSync(p).isFile());
  if (!buildbot) throw new DeployError(`cannot find ${given ? given : '`buildbot` on PATH'}: give the master's own with --buildbot PATH`);
  if (python) return { buildbot, python };
  const first = readFileSync(buildbot, 'utf8').split('\n', 1)[0] ?? '';
  const m = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(first);
  const interp = m && (m[1]!.endsWith('/env') ? m[2] : m[1]);
  if (!interp || !/python/.test(interp)) throw new DeployError(`${buildbot} is not a Python script (its first line: ${JSON.stringify(first)}): give the Python of the master's Buildbot with --python PATH`);
  return { buildbot, python: interp };
}

function seconds(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new DeployUsage(`--${name} takes a number of seconds, not ${JSON.stringify(value)}`);
  return n;
}

const names = (builds: RunningBuild[]) => builds.map((b) => `${b.builder} #${b.number}`).join(', ');

export async function deployCommand(basedirArg: string, generated: string, c: Context): Promise<number> {
  try {
    return await deploy(basedirArg, generated, c);
  } catch (e) {
    if (e instanceof DeployError || e instanceof BuildbotFailed) {
      c.io.err(`${PROGRAM} deploy: ${e.message}\n`);
      return e instanceof DeployError ? e.code : 1;
    }
    throw e;
  }
}

async function deploy(basedirArg: string, generated: string, c: Context): Promise<number> {
  const { io, fleet, show } = c;
  const v = c.values as unknown as DeployValues;
  const basedir = resolve(io.cwd, basedirArg);
  const say = (s: string) => io.out(`${s}\n`);
  const timeoutGiven = seconds('timeout', v.timeout);
  const waitIdle = seconds('wait-idle', v['wait-idle']) ?? 0;
  if (!existsSync(join(basedir, 'buildbot.tac'))) throw new DeployError(`${show(basedir)} is not a Buildbot master directory (no buildbot.tac): create it with \`buildbot create-master\``);

  // 1. What is deployed is what is committed in out/, and it must be what the declarations make.
  const outCfg = join(fleet.out, OUTPUT_FILE);
  if (!existsSync(outCfg) || readFileSync(outCfg, 'utf8') !== generated) {
    throw new DeployError(`${show(outCfg)} is not what the declarations generate: run \`${c.suggest('generate')}\` (and commit it) first`);
  }
  const files = deployableFiles(fleet.out);

  // 2. The master's own Buildbot loads the new config, as checkconfig does, in BASEDIR.
  const { buildbot, python } = findBuildbot(v.buildbot, v.python, io.env, io.cwd);
  const { answer: loaded, printed } = await loadConfig(python, basedir, io.env, outCfg);
  if (printed) io.err(`${printed}\n`);
  if (loaded.errors) {
    io.err(`${PROGRAM} deploy: ${show(outCfg)} does not load with ${buildbot} (nothing was changed):\n${loaded.errors.map((e) => `  ${e}`).join('\n')}\n`);
    return 1;
  }
  const builders = loaded.builders!.length;
  const timeout = timeoutGiven ?? defaultTimeout(builders);
  say(`checkconfig: ${show(outCfg)} loads (${builders} builders)`);

  // 3. What changes, against what the master runs.
  const deployedCfg = join(basedir, OUTPUT_FILE);
  let changes: Drift | undefined;
  if (existsSync(deployedCfg)) {
    try {
      changes = drift(readFileSync(deployedCfg, 'utf8'), generated);
      io.out(formatDrift(changes).replace(/^What changed:/, `What changes in ${show(deployedCfg)}:`));
    } catch (e) {
      if (!(e instanceof UnreadableConfig)) throw e;
      say(`(no summary: ${show(deployedCfg)} is not a generated master.cfg: ${e.message})`);
    }
  }
  // 4. Which files change, whether the master runs, and whether a reconfig can apply it.
  const changed = changedFiles(fleet.out, basedir, files);
  const pid = masterPid(basedir);
  // A database change (in the settings file, say) needs a restart: Buildbot refuses it in a reconfig.
  const runningDb = pid === undefined ? undefined : runningDbUrl(basedir);
  const newDb = loggedDbUrl(loaded.db_url!);
  const restart = runningDb !== undefined && loggedDbUrl(runningDb) !== newDb ? `the database changes (${runningDb} -> ${newDb}), which a reconfig cannot apply` : undefined;
  if (!changed.length && pid !== undefined && !restart) {
    say(`nothing to deploy: ${show(basedir)} already has these files`);
    return 0;
  }

  if (pid === undefined) {
    if (v['dry-run']) return (say(`dry run: the master is not running; would copy ${changed.join(', ')} and start it`), 0);
    install(fleet.out, basedir, changed);
    say(`the master is not running: copied ${changed.join(', ')}; starting it`);
    return started(await start(buildbot, basedir, timeout, say, io.env), timeout, c);
  }

  if (restart) {
    if (v['dry-run']) return (say(`dry run: ${restart}; would shut the master down cleanly and start it`), 0);
    return cleanRestart(restart, pid, buildbot, basedir, changed, timeout, c);
  }

  // 5. A builder that is building and is removed or renamed would lose its build. When the
  // deployed master.cfg (what the master runs) is readable and the change removes and renames
  // no builder, no build can be lost and the database is not asked.
  const keep = new Set(loaded.builders);
  const lost = async () => (await runningBuilds(python, basedir, io.env, loaded.db_url!)).filter((b) => !keep.has(b.builder));
  const dropsBuilders = !changes || changes.builders.removed.length + changes.builders.renamed.length > 0;
  let busy = dropsBuilders ? await lost() : [];
  if (busy.length && waitIdle > 0) {
    say(`held: builders this change removes or renames are building (${names(busy)}); waiting up to ${waitIdle} s for them to finish`);
    const deadline = Date.now() + waitIdle * 1000;
    while (busy.length && Date.now() < deadline) {
      await sleep(Math.min(5_000, Math.max(0, deadline - Date.now())));
      busy = await lost();
    }
  }
  if (busy.length) {
    io.err(
      `${PROGRAM} deploy: refused (nothing was changed): this change removes or renames builders that are building, and their builds would be lost: ${names(busy)}.\n` +
        `Run it again when they are idle, or with --wait-idle SECONDS to wait for them.\n`,
    );
    return 1;
  }
  if (v['dry-run']) return (say(`dry run: would copy ${changed.join(', ')} and reconfigure the master (pid ${pid})`), 0);

  // 6. Reconfig: SIGHUP, then read what the master says.
  install(fleet.out, basedir, changed);
  const offset = logOffset(basedir);
  process.kill(pid, 'SIGHUP');
  say(`copied ${changed.join(', ')}; reconfiguring the master (pid ${pid}), waiting up to ${timeout} s`);
  const outcome = await waitForLog(basedir, offset, RECONFIG, timeout * 1000, (line) => {
    if (/reconfig is ongoing/.test(line)) say(`  ${line}`);
  }, pid);
  if (outcome.ok) {
    say(outcome.line.replace(/^.*?(configuration update complete)/, '$1'));
    return 0;
  }
  if (outcome.why === 'failed') {
    rollBack(basedir, changed);
    io.err(`${PROGRAM} deploy: the master refused the new config and keeps running the previous one (its files are back in ${show(basedir)}):\n${tail(basedir, offset)}\n`);
  } else if (outcome.why === 'exited') {
    io.err(`${PROGRAM} deploy: the master exited during the reconfig:\n${tail(basedir, offset)}\n`);
  } else {
    io.err(
      `${PROGRAM} deploy: the master has not said "configuration update complete" after ${timeout} s; it may still be applying the change ` +
        `(see ${show(join(basedir, 'twistd.log'))}; the previous files are in ${show(join(basedir, PREVIOUS))}). Give more time with --timeout SECONDS.\n`,
    );
  }
  return 1;
}

/** The master's log since `offset`, its last lines. */
function tail(basedir: string, offset: number, lines = 30): string {
  const text = readFileSync(join(basedir, 'twistd.log')).subarray(offset).toString('utf8').trimEnd();
  return text.split('\n').slice(-lines).map((l) => `  ${l}`).join('\n');
}

async function start(buildbot: string, basedir: string, timeout: number, say: (s: string) => void, env: NodeJS.ProcessEnv): Promise<Outcome> {
  const offset = logOffset(basedir);
  // --quiet: return once launched; `buildbot start` itself gives up after 10 s without a
  // progress line, which a large fleet's start-up outlasts. The log says when it is up.
  const { code, output } = await runCommand(buildbot, ['start', '--quiet', basedir], basedir, env);
  if (code !== 0) return { ok: false, line: `buildbot start exited ${code}: ${output.trim()}`, why: 'failed' };
  say(`starting the master, waiting up to ${timeout} s for "BuildMaster is running"`);
  return waitForLog(basedir, offset, START, timeout * 1000);
}

function started(outcome: Outcome, timeout: number, c: Context): number {
  if (outcome.ok) {
    c.io.out('BuildMaster is running\n');
    return 0;
  }
  c.io.err(`${PROGRAM} deploy: the master did not start: ${outcome.why === 'timeout' ? `no "BuildMaster is running" after ${timeout} s` : outcome.line}\n`);
  return 1;
}

/** Shut down cleanly (running builds finish, no new one starts), copy, upgrade the database, start. */
async function cleanRestart(reason: string, pid: number, buildbot: string, basedir: string, changed: string[], timeout: number, c: Context): Promise<number> {
  const say = (s: string) => c.io.out(`${s}\n`);
  say(`${reason}: shutting the master (pid ${pid}) down cleanly; running builds finish first, queued ones wait for the restart`);
  process.kill(pid, 'SIGUSR1');
  const since = Date.now();
  await waitForExit(pid, () => say(`  still shutting down after ${Math.round((Date.now() - since) / 1000)} s (waiting for running builds)`));
  install(c.fleet.out, basedir, changed);
  say(`the master stopped; ${changed.length ? `copied ${changed.join(', ')}; ` : ''}upgrading the database`);
  const upgrade = await runCommand(buildbot, ['upgrade-master', basedir], basedir, c.io.env);
  if (upgrade.code !== 0) {
    c.io.err(`${PROGRAM} deploy: buildbot upgrade-master failed (the master is stopped):\n${upgrade.output.trim()}\n`);
    return 1;
  }
  return started(await start(buildbot, basedir, timeout, say, c.io.env), timeout, c);
}
