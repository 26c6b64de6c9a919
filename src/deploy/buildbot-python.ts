// What `deploy` asks the master's own Buildbot, in its own Python: load a config exactly as
// `buildbot checkconfig` does (FileLoader(...).loadConfig()) and say what a reconfig cannot
// change; list the builds that are running, from the master's database (works with the web
// server off, on SQLite and PostgreSQL alike, through Buildbot's own SQLAlchemy).
import { spawn } from 'node:child_process';

const SCRIPT = String.raw`
import json, os, sys

def load(path):
    from buildbot.config import ConfigErrors
    from buildbot.config.master import FileLoader
    basedir, name = os.path.split(os.path.abspath(path))
    try:
        cfg = FileLoader(basedir, name).loadConfig()
    except ConfigErrors as e:
        return {"errors": [str(m) for m in e.errors]}
    db = cfg.db
    url = db.get("db_url") if isinstance(db, dict) else getattr(db, "db_url", None)
    mq = cfg.mq.get("type") if isinstance(cfg.mq, dict) else getattr(cfg.mq, "type", None)
    return {"db_url": str(url), "mq": str(mq), "builders": sorted(b.name for b in cfg.builders)}

def running(patience):
    # The URL arrives on stdin: never on a command line, where ps shows it with its password.
    url = sys.stdin.read().strip()
    import time
    import sqlalchemy as sa
    # A busy master holds SQLite's locks for a moment ("database is locked", or "locking
    # protocol" in WAL mode; PostgreSQL has its own transient errors): ask again until
    # patience runs out, then say why in one line.
    connect_args = {"timeout": min(5.0, patience)} if url.startswith("sqlite") else {}
    engine = sa.create_engine(url, connect_args=connect_args)
    query = sa.text("SELECT builders.name, builds.number FROM builds"
                    " JOIN builders ON builders.id = builds.builderid"
                    " WHERE builds.complete_at IS NULL ORDER BY builders.name, builds.number")
    deadline = time.monotonic() + patience
    wait = 0.2
    try:
        while True:
            try:
                with engine.connect() as conn:
                    rows = conn.execute(query).fetchall()
                break
            except sa.exc.OperationalError as e:
                if time.monotonic() + wait > deadline:
                    return {"error": "%s (asked for %g s)" % (str(e.orig).strip() or type(e.orig).__name__, patience)}
                time.sleep(wait)
                wait = min(wait * 2, 2.0)
    finally:
        engine.dispose()
    return {"running": [{"builder": r[0], "number": r[1]} for r in rows]}

mode = sys.argv[1]
print("\x1eJSON" + json.dumps(load(sys.argv[2]) if mode == "load" else running(float(sys.argv[2]))))
`;

export interface LoadedConfig {
  errors?: string[];
  db_url?: string;
  mq?: string;
  builders?: string[];
}

export interface RunningBuild {
  builder: string;
  number: number;
}

export class BuildbotFailed extends Error {}

/** Runs SCRIPT with `python` in `cwd`; its JSON answer, and what it printed besides. */
async function ask<T>(python: string, cwd: string, env: NodeJS.ProcessEnv, args: string[], stdin = ''): Promise<{ answer: T; printed: string }> {
  const child = spawn(python, ['-c', SCRIPT, ...args], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  child.stdin.end(stdin);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  const at = out.lastIndexOf('\x1eJSON');
  if (code !== 0 || at < 0) throw new BuildbotFailed(`${python} ${args[0]} failed (exit ${code}):\n${(out + err).trim()}`);
  return { answer: JSON.parse(out.slice(at + 5)) as T, printed: (out.slice(0, at) + err).trim() };
}

/** Load a master.cfg as checkconfig does (the settings file is found through the environment, as the master finds it). */
export const loadConfig = (python: string, basedir: string, env: NodeJS.ProcessEnv, cfg: string) => ask<LoadedConfig>(python, basedir, env, ['load', cfg]);

/** The builds the master's database has as running. `basedir`: where a relative SQLite path is;
 *  `patience`: seconds to keep asking while the database is locked by a busy master. */
export async function runningBuilds(python: string, basedir: string, env: NodeJS.ProcessEnv, dbUrl: string, patience = 30): Promise<RunningBuild[]> {
  const { answer } = await ask<{ running?: RunningBuild[]; error?: string }>(python, basedir, env, ['running', String(patience)], dbUrl);
  if (answer.error !== undefined) throw new BuildbotFailed(`cannot read the running builds from the master's database (nothing was changed): ${answer.error}`);
  return answer.running!;
}

/** A database URL as Buildbot logs it at start-up (util.stripUrlPassword): the password as
 *  `xxxx`, and, since Python's urlunsplit drops an empty host, `sqlite:///state.sqlite` as
 *  `sqlite:/state.sqlite` (Python 3.11; newer ones keep it: both are made the same here). */
export function loggedDbUrl(url: string): string {
  return url.replace(/^([^:/]+:\/\/[^:@/]*):[^@/]*@/, '$1:xxxx@').replace(/^([a-z][a-z0-9+.-]*):\/\/(?=\/|$)/i, '$1:');
}
