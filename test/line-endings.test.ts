// Line endings and generated-file marking: a CRLF checkout of out/master.cfg (Git for
// Windows' default) is named as such by `check`, and .gitattributes keeps LF and marks the
// generated files.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { copyConfig } from './config-copy.js';

const ROOT = join(import.meta.dirname, '..');
const committed = readFileSync(join(ROOT, 'out', 'master.cfg'), 'utf8');
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function fleet(): string {
  const dir = mkdtempSync(join(tmpdir(), 'eol-'));
  dirs.push(dir);
  for (const f of ['workers.yaml', 'builders.yaml']) copyFileSync(join(ROOT, f), join(dir, f));
  cpSync(join(ROOT, 'out'), join(dir, 'out'), { recursive: true });
  return dir;
}

async function cli(cwd: string, argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => void (out += s), err: (s) => void (err += s), env: { NO_COLOR: '1' }, cwd });
  return { code, out, err };
}

const crlf = (s: string) => s.replace(/\n/g, '\r\n');

describe('check on a CRLF checkout', () => {
  it('the trial: only the line endings differ: one message that says so, no 11,000-line diff', async () => {
    const dir = fleet();
    writeFileSync(join(dir, 'out', 'master.cfg'), crlf(committed));
    const r = await cli(dir, ['check']);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    expect(r.err).toContain('out/master.cfg differs only in its line endings: it has CRLF (Windows) line endings, and buildmaster-gen writes LF');
    expect(r.err).toContain('git checkout -- out/master.cfg');
    expect(r.err).toContain('`npx buildmaster-gen generate`');
  });

  it('CRLF and a real change: the summary and the diff show the change only', async () => {
    const dir = fleet();
    writeFileSync(join(dir, 'builders.yaml'), readFileSync(join(dir, 'builders.yaml'), 'utf8').replace('test_timeout: 1800', 'test_timeout: 2400'));
    writeFileSync(join(dir, 'out', 'master.cfg'), crlf(committed));
    const r = await cli(dir, ['check']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('it also has CRLF line endings, which the diff below leaves out');
    expect(r.out).toMatch(/^What changed:\n {2}steps changed \(1\):\n[^\n]*\n {2}builders changed \(5\):\n {4}x86 Tiger/);
    const changed = r.out.split('\n').filter((l) => /^[-+][^-+]/.test(l));
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.length).toBeLessThan(30);
    expect(r.out).not.toContain('\r');
  });

  it('a few CRLF lines among LF ones (an editor on Windows) are named the same way', async () => {
    const dir = fleet();
    const lines = committed.split('\n');
    lines[10] += '\r';
    writeFileSync(join(dir, 'out', 'master.cfg'), lines.join('\n'));
    const r = await cli(dir, ['check']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('differs only in its line endings');
  });

  it('generate rewrites a CRLF file with LF; check then passes', async () => {
    const dir = fleet();
    writeFileSync(join(dir, 'out', 'master.cfg'), crlf(committed));
    expect((await cli(dir, ['generate'])).out).toMatch(/^wrote out\/master\.cfg/);
    expect(readFileSync(join(dir, 'out', 'master.cfg'), 'utf8')).toBe(committed);
    expect((await cli(dir, ['check'])).code).toBe(0);
  });

  it('CRLF declarations give the same master.cfg and the same positions', async () => {
    const dir = fleet();
    for (const f of ['workers.yaml', 'builders.yaml']) writeFileSync(join(dir, f), crlf(readFileSync(join(dir, f), 'utf8')));
    expect((await cli(dir, ['check'])).code).toBe(0);
    writeFileSync(join(dir, 'workers.yaml'), crlf(readFileSync(join(ROOT, 'workers.yaml'), 'utf8').replace('arch: ppc64le', 'arch: ppc64el')));
    const line = readFileSync(join(ROOT, 'workers.yaml'), 'utf8').split('\n').findIndex((l) => l.includes('arch: ppc64le')) + 1;
    expect((await cli(dir, ['validate'])).err).toContain(`workers.yaml:${line}:11: \`ppc64el\` is another name for \`ppc64le\``);
  });
});

describe('.gitattributes', () => {
  const git = (cwd: string, ...args: string[]) => spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: cwd } });

  it('marks every fleet\'s out/master.cfg and the schemas as generated, with LF', () => {
    const files = ['out/master.cfg', 'fleets/cpython-2026/out/master.cfg', 'schema/workers.schema.json', 'schema/builders.schema.json'];
    const r = git(ROOT, 'check-attr', 'linguist-generated', 'eol', '--', ...files);
    expect(r.status).toBe(0);
    for (const f of files) {
      expect(r.stdout).toContain(`${f}: linguist-generated: true\n`);
      expect(r.stdout).toContain(`${f}: eol: lf\n`);
    }
    const yaml = git(ROOT, 'check-attr', 'linguist-generated', 'eol', '--', 'workers.yaml', 'fleets/cpython-2026/builders.yaml');
    expect(yaml.stdout).toContain('workers.yaml: eol: lf');
    expect(yaml.stdout).toContain('fleets/cpython-2026/builders.yaml: eol: lf');
    expect(yaml.stdout).toContain('workers.yaml: linguist-generated: unspecified');
  });

  it('a checkout with core.autocrlf=true (Git for Windows) still has LF files, and check passes', async () => {
    const src = mkdtempSync(join(tmpdir(), 'eol-src-'));
    const clone = mkdtempSync(join(tmpdir(), 'eol-clone-'));
    dirs.push(src, clone);
    for (const f of ['.gitattributes', 'workers.yaml', 'builders.yaml']) copyFileSync(join(ROOT, f), join(src, f));
    mkdirSync(join(src, 'out'));
    copyConfig(join(ROOT, 'out', 'master.cfg'), join(src, 'out'));
    expect(git(src, 'init', '-q').status).toBe(0);
    git(src, 'add', '.');
    expect(git(src, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'fleet').status).toBe(0);
    expect(git(clone, '-c', 'core.autocrlf=true', 'clone', '-q', src, 'repo').status).toBe(0);
    const repo = join(clone, 'repo');
    for (const f of ['out/master.cfg', 'workers.yaml']) expect(readFileSync(join(repo, f), 'utf8')).not.toContain('\r');
    expect((await cli(repo, ['check'])).code).toBe(0);
    // Without .gitattributes the same checkout is CRLF: the case `check` explains.
    rmSync(join(src, '.gitattributes'));
    git(src, 'add', '-A');
    git(src, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'no attributes');
    expect(git(clone, '-c', 'core.autocrlf=true', 'clone', '-q', src, 'plain').status).toBe(0);
    expect(readFileSync(join(clone, 'plain', 'out', 'master.cfg'), 'utf8')).toContain('\r\n');
    expect((await cli(join(clone, 'plain'), ['check'])).err).toContain('differs only in its line endings');
  });
});
