// `deploy`'s checks that need no running master: what it refuses before touching anything,
// which files it copies, how it reads Buildbot's logged database URL, and the warning that
// `changes` gives for a removed or renamed builder. (The master's side: deploy.test.ts.)
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { BuildbotFailed, loggedDbUrl, runningBuilds } from '../../src/deploy/buildbot-python.js';
import { deployableFiles, install, PREVIOUS, rollBack } from '../../src/deploy/files.js';
import { defaultTimeout } from '../../src/cli/deploy.js';
import { BUILDBOTS } from '../buildbots.js';

const REPO = join(import.meta.dirname, '../..');
const dirs: string[] = [];
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'deploy-checks-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function run(argv: string[], cwd: string) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => void (out += s), err: (s) => void (err += s), env: { ...process.env, NO_COLOR: '1' }, cwd });
  return { code, out, err };
}

/** A copy of the 2017 fleet (small) and an empty master directory. */
function setup() {
  const root = temp();
  const fleet = join(root, 'fleet');
  mkdirSync(join(fleet, 'out'), { recursive: true });
  // out/ is master.cfg and the package beside it (buildmaster_gen/), as generate writes it.
  for (const f of ['workers.yaml', 'builders.yaml', 'out/master.cfg', 'out/buildmaster_gen']) cpSync(join(REPO, f), join(fleet, f), { recursive: true });
  const master = join(root, 'master');
  mkdirSync(master);
  writeFileSync(join(master, 'buildbot.tac'), '# stand-in: deploy only looks for it here\n');
  return { root, fleet, master };
}

describe('deploy: refused before anything changes', () => {
  it('BASEDIR must be a master directory', async () => {
    const { fleet, root } = setup();
    const r = await run(['deploy', join(root, 'nowhere'), '--fleet', fleet], root);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/is not a Buildbot master directory \(no buildbot\.tac\)/);
  });

  it('a bad --timeout or --wait-idle is a usage error (exit 2)', async () => {
    const { fleet, master, root } = setup();
    for (const [opt, value] of [['--timeout', 'soon'], ['--wait-idle', '-1']]) {
      const r = await run(['deploy', master, '--fleet', fleet, opt!, value!], root);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`${opt} takes a number of seconds, not "${value}"`);
    }
  });

  it('out/ must be what the declarations generate', async () => {
    const { fleet, master, root } = setup();
    writeFileSync(join(fleet, 'out/master.cfg'), `${readFileSync(join(fleet, 'out/master.cfg'), 'utf8')}\n# a hand edit\n`);
    const r = await run(['deploy', master, '--fleet', fleet], root);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/out\/master\.cfg is not what the declarations generate: run `.*generate.*` \(and commit it\) first/);
  });

  it('--buildbot must exist, and a non-Python `buildbot` needs --python', async () => {
    const { fleet, master, root } = setup();
    expect((await run(['deploy', master, '--fleet', fleet, '--buildbot', join(root, 'no-buildbot')], root)).err).toMatch(/cannot find .*no-buildbot: give the master's own with --buildbot PATH/);
    writeFileSync(join(root, 'buildbot'), '#!/bin/sh\nexec true\n');
    expect((await run(['deploy', master, '--fleet', fleet, '--buildbot', join(root, 'buildbot')], root)).err).toMatch(/is not a Python script .*--python PATH/);
  });

  it.each(BUILDBOTS.map((bb) => [bb.id, bb] as const))('a config the master\'s Buildbot %s does not load is refused, and BASEDIR keeps its files', async (_id, bb) => {
    const { fleet, master, root } = setup();
    writeFileSync(join(master, 'master.cfg'), 'old\n');
    // A settings file that makes master.cfg fail to load (not a mapping).
    const settings = join(root, 'settings.yaml');
    writeFileSync(settings, '- a list\n');
    let err = '';
    const code = await main(['deploy', master, '--fleet', fleet, '--buildbot', bb.buildbot, '--python', bb.python], {
      out: () => {},
      err: (s) => void (err += s),
      env: { ...process.env, NO_COLOR: '1', PYBUILDBOT_SETTINGS_PATH: settings },
      cwd: root,
    });
    expect(code).toBe(1);
    expect(err).toMatch(/does not load with .* \(nothing was changed\)|failed \(exit/);
    expect(err).toContain('the settings file must be a YAML mapping');
    expect(readFileSync(join(master, 'master.cfg'), 'utf8')).toBe('old\n');
  }, 60_000);
});

describe('deploy: the files', () => {
  it('copies what generate writes to out/ (not the report, caches or temporary files), keeps what it replaces, and rolls back', () => {
    const out = temp();
    const base = temp();
    mkdirSync(join(out, 'fleet_support/__pycache__'), { recursive: true });
    writeFileSync(join(out, 'master.cfg'), 'new cfg\n');
    writeFileSync(join(out, 'fleet_support/__init__.py'), 'new module\n');
    writeFileSync(join(out, 'fleet_support/__pycache__/x.pyc'), '');
    writeFileSync(join(out, 'report.html'), '<html>');
    writeFileSync(join(out, '.master.cfg.1.ab.tmp'), '');
    const files = deployableFiles(out);
    expect(files).toEqual(['fleet_support/__init__.py', 'master.cfg']);
    writeFileSync(join(base, 'master.cfg'), 'old cfg\n');
    install(out, base, files);
    expect(readFileSync(join(base, 'master.cfg'), 'utf8')).toBe('new cfg\n');
    expect(readFileSync(join(base, 'fleet_support/__init__.py'), 'utf8')).toBe('new module\n');
    expect(readFileSync(join(base, PREVIOUS, 'master.cfg'), 'utf8')).toBe('old cfg\n');
    rollBack(base, files);
    expect(readFileSync(join(base, 'master.cfg'), 'utf8')).toBe('old cfg\n');
    expect(() => readFileSync(join(base, 'fleet_support/__init__.py'))).toThrow();
  });
});

describe('deploy: small rules', () => {
  it('reads database URLs as Buildbot logs them (password hidden, an empty host dropped)', () => {
    expect(loggedDbUrl('postgresql://buildbot:s3cret@db.example:5432/buildbot')).toBe('postgresql://buildbot:xxxx@db.example:5432/buildbot');
    expect(loggedDbUrl('sqlite:///state.sqlite')).toBe('sqlite:/state.sqlite');
    expect(loggedDbUrl('sqlite:/state.sqlite')).toBe('sqlite:/state.sqlite');
    expect(loggedDbUrl('sqlite:///./state.sqlite')).not.toBe(loggedDbUrl('sqlite:///state.sqlite'));
  });

  it('gives a reconfig or a start a minute plus 0.1 s a builder', () => {
    expect(defaultTimeout(0)).toBe(60);
    expect(defaultTimeout(1037)).toBe(164);
  });

  it('`changes` warns that removing or renaming a busy builder loses its running build', async () => {
    const { fleet, root } = setup();
    const base = join(root, 'base.cfg');
    cpSync(join(fleet, 'out/master.cfg'), base);
    const text = readFileSync(join(fleet, 'builders.yaml'), 'utf8');
    const name = /name: "?([^",\n]+)"?/.exec(text.slice(text.indexOf('builders:')))![1]!;
    writeFileSync(join(fleet, 'builders.yaml'), text.replace(`name: ${name}`, `name: ${name} Renamed`).replace(`name: "${name}"`, `name: "${name} Renamed"`));
    const r = await run(['changes', base, '--fleet', fleet], root);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/builders (renamed|removed|added)/);
    expect(r.out).toContain('Note: removing or renaming a builder that is building loses its running build; `buildmaster-gen deploy` holds such a change until those builders are idle');
    const md = await run(['changes', base, '--fleet', fleet, '--markdown'], root);
    expect(md.out).toContain('**Note:** removing or renaming a builder that is building loses its running build');
  });
});

describe('deploy: reading the running builds from a database a busy master has locked', () => {
  /** A SQLite database with Buildbot's two tables that deploy reads, one build running. */
  function database(): string {
    const path = join(temp(), 'state.sqlite');
    execFileSync('python3', ['-c', `import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.executescript("CREATE TABLE builders (id INTEGER PRIMARY KEY, name TEXT); CREATE TABLE builds (id INTEGER PRIMARY KEY, number INTEGER, builderid INTEGER, complete_at INTEGER);"
                "INSERT INTO builders VALUES (1, 'AMD64 Debian 3.x'); INSERT INTO builds VALUES (1, 7, 1, NULL), (2, 6, 1, 100);")
c.close()`, path]);
    return path;
  }
  /** Another process holds an exclusive lock on `path` for `seconds` (resolves once it holds it). */
  async function lock(path: string, seconds: number): Promise<ChildProcess> {
    const child = spawn('python3', ['-c', `import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
c.execute("COMMIT")`, path, String(seconds)], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout!.on('data', (d: Buffer) => d.toString().includes('locked') && resolve()));
    return child;
  }

  it.each(BUILDBOTS.map((bb) => [bb.id, bb] as const))('Buildbot %s: waits while the lock is held, then reads', async (_id, bb) => {
    const db = database();
    const holder = await lock(db, 2);
    const started = Date.now();
    expect(await runningBuilds(bb.python, tmpdir(), process.env, `sqlite:///${db}`, 30)).toEqual([{ builder: 'AMD64 Debian 3.x', number: 7 }]);
    expect(Date.now() - started).toBeGreaterThan(1_000);
    holder.kill();
  }, 60_000);

  it.each(BUILDBOTS.map((bb) => [bb.id, bb] as const))('Buildbot %s: a lock held longer than its patience is a one-line error, not a traceback', async (_id, bb) => {
    const db = database();
    const holder = await lock(db, 60);
    try {
      const e = await runningBuilds(bb.python, tmpdir(), process.env, `sqlite:///${db}`, 1).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(BuildbotFailed);
      expect((e as Error).message).toBe("cannot read the running builds from the master's database (nothing was changed): database is locked (asked for 1 s)");
    } finally {
      holder.kill();
    }
  }, 60_000);
});
