// Setup off Debian: `npm ci` comes first (it alone makes the CLI), and the apt-get part is
// only for the Buildbot tests: skipped with a note where there is no apt-get. Run with stub
// `npm`, `apt-get` and `sudo` that record their calls, on a PATH that holds nothing else.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function which(tool: string): string {
  const r = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' });
  return r.stdout.trim();
}

/** A PATH with only the tools setup.sh needs, and stubs that log to `log`. */
function stubs(opts: { aptGet: boolean; uid?: number }): { path: string; log: string } {
  const dir = mkdtempSync(join(tmpdir(), 'setup-'));
  dirs.push(dir);
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  const log = join(dir, 'calls.log');
  writeFileSync(log, '');
  for (const tool of ['dirname']) symlinkSync(which(tool), join(bin, tool));
  const stub = (name: string, body = '') => {
    writeFileSync(join(bin, name), `#!${which('sh')}\necho "${name} $*" >> ${log}\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  };
  stub('npm');
  stub('id', `echo ${opts.uid ?? 1000}`);
  stub('sudo', '"$@"');
  if (opts.aptGet) stub('apt-get');
  return { path: bin, log };
}

const setup = (path: string, env: Record<string, string> = {}) =>
  spawnSync(which('sh'), [join(ROOT, 'scripts', 'setup.sh')], { encoding: 'utf8', env: { PATH: path, HOME: tmpdir(), CI: 'true', ...env } });

describe('scripts/setup.sh', () => {
  it('off Debian (no apt-get): npm ci, then a note, exit 0, and no root asked for', () => {
    const { path, log } = stubs({ aptGet: false });
    const r = setup(path);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(log, 'utf8')).toBe('npm ci --no-audit --no-fund\n');
    expect(r.stderr).toContain('the CLI is ready (npm ci). No apt-get here');
    expect(r.stderr).not.toMatch(/sudo/);
  });

  it('on Debian as a user: npm ci first, then apt-get through sudo', () => {
    const { path, log } = stubs({ aptGet: true, uid: 1000 });
    const r = setup(path);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(log, 'utf8').split('\n').filter(Boolean)).toEqual([
      'npm ci --no-audit --no-fund',
      'id -u',
      'sudo apt-get update -q',
      'apt-get update -q',
      'sudo apt-get install -y -q --no-install-recommends buildbot buildbot-worker python3-pyflakes python3-aiosmtpd postgresql python3-psycopg2 git chromium',
      'apt-get install -y -q --no-install-recommends buildbot buildbot-worker python3-pyflakes python3-aiosmtpd postgresql python3-psycopg2 git chromium',
    ]);
  });

  it('a failing npm ci stops it before any apt-get', () => {
    const { path, log } = stubs({ aptGet: true });
    writeFileSync(join(path, 'npm'), `#!${which('sh')}\necho "npm $*" >> ${log}\nexit 1\n`);
    const r = setup(path);
    expect(r.status).not.toBe(0);
    expect(readFileSync(log, 'utf8')).toBe('npm ci --no-audit --no-fund\n');
  });
});

describe('npm ci alone is enough for the CLI', () => {
  it('validate, generate, check, explain and matrix need neither Python nor Buildbot', () => {
    // PATH without python3, buildbot or git: only node itself.
    const dir = mkdtempSync(join(tmpdir(), 'no-python-'));
    dirs.push(dir);
    symlinkSync(process.execPath, join(dir, 'node'));
    const run = (...args: string[]) => spawnSync(join(dir, 'node'), [join(ROOT, 'dist', 'cli', 'main.cjs'), ...args], { cwd: ROOT, encoding: 'utf8', env: { PATH: dir, NO_COLOR: '1' } });
    expect(run('validate')).toMatchObject({ status: 0, stdout: 'ok: 162 builders on 29 workers\n' });
    expect(run('check').status).toBe(0);
    expect(run('generate', '--out', join(dir, 'out')).status).toBe(0);
    expect(run('explain', 'koobs-freebsd10').status).toBe(0);
    expect(run('matrix').status).toBe(0);
    // And the package declares nothing outside npm: its dependencies are plain npm packages.
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; scripts: Record<string, string> };
    expect(Object.keys(pkg.dependencies).sort()).toEqual(['ajv', 'diff', 'handlebars', 'yaml']);
    expect(pkg.scripts.prepare).toBe('npm run build');
  });
});
