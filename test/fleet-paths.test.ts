// Finding the fleet: from a subdirectory (as git does), with --fleet (one or several), and
// messages that name the real path.
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { findFleetRoot } from '../src/cli/fleet-paths.js';

const ROOT = join(import.meta.dirname, '..');
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A repository-like directory: the default fleet at its root, and `sub/deeper/`. */
function repo(): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'fleet-paths-')));
  dirs.push(dir);
  for (const f of ['workers.yaml', 'builders.yaml']) copyFileSync(join(ROOT, f), join(dir, f));
  cpSync(join(ROOT, 'out'), join(dir, 'out'), { recursive: true });
  mkdirSync(join(dir, 'sub', 'deeper'), { recursive: true });
  return dir;
}

async function cli(cwd: string, argv: string[], env: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => void (out += s), err: (s) => void (err += s), env: { NO_COLOR: '1', ...env }, cwd });
  return { code, out, err };
}

const committed = readFileSync(join(ROOT, 'out', 'master.cfg'), 'utf8');

describe('from a subdirectory', () => {
  it.each(['sub', 'sub/deeper', 'out'])('validate, check and generate find the fleet from %s', async (where) => {
    const dir = repo();
    const cwd = join(dir, where);
    expect((await cli(cwd, ['validate'])).out).toBe('ok: 162 builders on 29 workers\n');
    // Paths outside the working directory are shown absolute: never read against the wrong directory.
    expect((await cli(cwd, ['check'])).out).toBe(`ok: ${join(dir, 'out', 'master.cfg')} is up to date (162 builders on 29 workers)\n`);
    writeFileSync(join(dir, 'out', 'master.cfg'), 'stale\n');
    const g = await cli(cwd, ['generate']);
    expect(g.out).toBe(`wrote ${join(dir, 'out', 'master.cfg')} (162 builders on 29 workers)\n`);
    expect(readFileSync(join(dir, 'out', 'master.cfg'), 'utf8')).toBe(committed);
    expect(existsSync(join(cwd, 'out', 'out'))).toBe(false);
  });

  it('the trial: --out relative to a subdirectory says exactly where it wrote', async () => {
    const dir = repo();
    const r = await cli(join(dir, 'out'), ['generate', '--out', 'out']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`wrote ${join(dir, 'out', 'out', 'master.cfg')} (162 builders on 29 workers)\n`);
    expect(existsSync(join(dir, 'out', 'out', 'master.cfg'))).toBe(true);
  });

  it('problems name the files by their real (absolute) paths', async () => {
    const dir = repo();
    writeFileSync(join(dir, 'workers.yaml'), readFileSync(join(dir, 'workers.yaml'), 'utf8').replace('arch: ppc64le', 'arch: ppc64le\n    max_builds: 0'));
    const r = await cli(join(dir, 'sub', 'deeper'), ['validate']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`^${join(dir, 'workers.yaml').replace(/[.]/g, '\\.')}:\\d+:\\d+: \`max_builds\` of worker \`edelsohn-fedora-ppc64le\` is 0`, 'm'));
  });

  it('a missing declaration is named by its path, with no invented line:column', async () => {
    const dir = repo();
    rmSync(join(dir, 'builders.yaml'));
    const r = await cli(join(dir, 'sub'), ['validate']);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${join(dir, 'builders.yaml')}: file not found [file-unreadable]`);
    expect(r.err).not.toMatch(/builders\.yaml:1:1/);
  });

  it('says exactly where it looked when there is no fleet', async () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'no-fleet-')));
    dirs.push(dir);
    mkdirSync(join(dir, 'a', 'b'), { recursive: true });
    expect(findFleetRoot(join(dir, 'a', 'b')).root).toBeUndefined();
    const r = await cli(join(dir, 'a', 'b'), ['validate']);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`neither workers.yaml nor builders.yaml is in ${join(dir, 'a', 'b')} or any directory above it (looked in ${join(dir, 'a', 'b')}, ${join(dir, 'a')}, ${dir},`);
    expect(r.err).toContain('--fleet DIR');
  });

  it('the nearest fleet wins (a fleet inside a fleet repository)', async () => {
    const dir = repo();
    const inner = join(dir, 'fleets', 'small');
    mkdirSync(inner, { recursive: true });
    copyFileSync(join(ROOT, 'test/lint/base/workers.yaml'), join(inner, 'workers.yaml'));
    copyFileSync(join(ROOT, 'test/lint/base/builders.yaml'), join(inner, 'builders.yaml'));
    expect((await cli(inner, ['validate'])).out).toMatch(/^ok: 1\d builders on 5 workers\n$/);
    expect((await cli(dir, ['validate'])).out).toBe('ok: 162 builders on 29 workers\n');
  });
});

describe('--fleet', () => {
  function twoFleets() {
    const dir = repo();
    const inner = join(dir, 'fleets', 'small');
    mkdirSync(inner, { recursive: true });
    copyFileSync(join(ROOT, 'test/lint/base/workers.yaml'), join(inner, 'workers.yaml'));
    copyFileSync(join(ROOT, 'test/lint/base/builders.yaml'), join(inner, 'builders.yaml'));
    return { dir, inner };
  }

  it('DIR/workers.yaml, DIR/builders.yaml and DIR/out/, relative to the working directory', async () => {
    const { dir, inner } = twoFleets();
    const g = await cli(dir, ['generate', '--fleet', 'fleets/small']);
    expect(g.out).toMatch(/^wrote fleets\/small\/out\/master\.cfg \(1\d builders on 5 workers\)\n$/);
    expect(existsSync(join(inner, 'out', 'master.cfg'))).toBe(true);
    expect((await cli(join(dir, 'sub'), ['check', '--fleet', '../fleets/small'])).code).toBe(0);
  });

  it('several fleets run one after the other; the worst exit code wins', async () => {
    const { dir, inner } = twoFleets();
    const g = await cli(dir, ['generate', '--fleet', '.', '--fleet', 'fleets/small']);
    expect(g.code).toBe(0);
    expect(g.out).toMatch(/^\.: unchanged: out\/master\.cfg \(162 builders on 29 workers\)\nfleets\/small: wrote fleets\/small\/out\/master\.cfg \(1\d builders on 5 workers\)\n$/);
    expect((await cli(dir, ['check', '--fleet', '.', '--fleet', 'fleets/small'])).code).toBe(0);
    writeFileSync(join(inner, 'out', 'master.cfg'), 'stale\n');
    const c = await cli(dir, ['check', '--fleet', '.', '--fleet', 'fleets/small']);
    expect(c.code).toBe(1);
    expect(c.out).toContain('.: ok: out/master.cfg is up to date');
    // The suggested command works as printed: it names the fleet.
    expect(c.err).toContain('fleets/small/out/master.cfg is out of date: run `npx buildmaster-gen generate --fleet fleets/small` and commit the result');
    writeFileSync(join(inner, 'workers.yaml'), 'workers: [\n');
    expect((await cli(dir, ['check', '--fleet', '.', '--fleet', 'fleets/small'])).code).toBe(2);
  });

  it('--workers, --builders and --out still override one fleet\'s files', async () => {
    const { dir } = twoFleets();
    const r = await cli(dir, ['generate', '--fleet', 'fleets/small', '--out', 'elsewhere']);
    expect(r.out).toMatch(/^wrote elsewhere\/master\.cfg/);
    const w = await cli(dir, ['validate', '--fleet', 'fleets/small', '--workers', 'nope.yaml']);
    expect(w.code).toBe(2);
    expect(w.err).toContain(`nope.yaml: file not found (${join(dir, 'nope.yaml')})`);
  });

  it.each([
    [['--fleet', 'nowhere'], 'is not a directory'],
    [['--fleet', 'sub'], 'holds neither workers.yaml nor builders.yaml'],
    [['--fleet', '.', '--fleet', 'fleets/small', '--out', 'x'], 'give them with a single --fleet'],
  ])('refuses %j with the real path', async (opts, message) => {
    const { dir } = twoFleets();
    const r = await cli(dir, ['generate', ...opts]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('explain looks in every fleet named', async () => {
    const { dir } = twoFleets();
    const r = await cli(dir, ['explain', 'koobs-freebsd10', '--fleet', '.', '--fleet', 'fleets/small']);
    expect(r.code).toBe(0);
    expect(r.out.match(/^== .* ==$/gm)).toEqual(['== . ==', '== fleets/small ==']);
    const none = await cli(dir, ['explain', 'nobody-here', '--fleet', '.', '--fleet', 'fleets/small']);
    expect(none.code).toBe(2);
    expect(none.err).toContain('in none of the 2 fleets');
  });
});
