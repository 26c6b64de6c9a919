// Which Buildbot a trial runs: `--buildbot PATH` (the `buildbot` command, or a directory
// holding `buildbot` and `buildbot-worker`), else $BUILDBOT when it is a path, else the
// `buildbot` and `buildbot-worker` commands on PATH. ($BUILDBOT without a slash, such as
// the test suite's `3.7` or `all`, is not a path and is left alone.)
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';

export interface BuildbotCommands {
  buildbot: string;
  worker: string;
  /** Where they were found, for messages. */
  from: string;
}

export class BuildbotMissing extends Error {}

const executable = (p: string) => {
  try {
    accessSync(p, constants.X_OK);
    return statSync(p).isFile();
  } catch {
    return false;
  }
};

function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && executable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

export function findBuildbot(option: string | undefined, env: NodeJS.ProcessEnv, cwd: string): BuildbotCommands {
  const given = option ?? (env.BUILDBOT?.includes('/') ? env.BUILDBOT : undefined);
  const how = option !== undefined ? '--buildbot' : 'BUILDBOT';
  if (given === undefined) {
    const buildbot = onPath('buildbot', env);
    if (!buildbot) throw new BuildbotMissing('no `buildbot` command on PATH: install Buildbot (Debian: apt-get install buildbot buildbot-worker) or name one with --buildbot PATH');
    return { buildbot, worker: onPath('buildbot-worker', env) ?? join(dirname(buildbot), 'buildbot-worker'), from: 'PATH' };
  }
  const path = resolve(cwd, given);
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    throw new BuildbotMissing(`${how} ${given}: ${path} does not exist`);
  }
  const buildbot = isDir ? join(path, 'buildbot') : path;
  if (!executable(buildbot)) throw new BuildbotMissing(`${how} ${given}: ${buildbot} is not an executable file`);
  return { buildbot, worker: join(dirname(buildbot), 'buildbot-worker'), from: `${how} ${given}` };
}

/** Checks the worker command exists (only a trial that starts its own worker needs it). */
export function requireWorker(b: BuildbotCommands): void {
  if (!executable(b.worker)) throw new BuildbotMissing(`no \`buildbot-worker\` beside ${b.buildbot} (${b.from}): install it (Debian: apt-get install buildbot-worker)`);
}
