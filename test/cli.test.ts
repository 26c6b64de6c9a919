// The command line in-process: exit codes, --strict, GitHub annotations, the drift summary.
import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, cpSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { isTerminal } from '../src/cli/std-write.js';

const ROOT = join(import.meta.dirname, '..');
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A copy of the default fleet and its out/, optionally edited. */
function fleet(edit?: { file: string; find: string; replace: string }): string {
  const dir = mkdtempSync(join(tmpdir(), 'cli-'));
  dirs.push(dir);
  for (const f of ['workers.yaml', 'builders.yaml']) copyFileSync(join(ROOT, f), join(dir, f));
  cpSync(join(ROOT, 'out'), join(dir, 'out'), { recursive: true });
  if (edit) {
    const text = readFileSync(join(dir, edit.file), 'utf8');
    expect(text).toContain(edit.find);
    writeFileSync(join(dir, edit.file), text.replace(edit.find, edit.replace));
  }
  return dir;
}

async function cli(cwd: string, argv: string[], env: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => void (out += s), err: (s) => void (err += s), env: { NO_COLOR: '1', ...env }, cwd });
  return { code, out, err };
}

const offlineStable = { file: 'builders.yaml', find: 'variant: debug\n    stability: unstable\n    configure_extra: ["CFLAGS=-I/usr/local/include/ncursesw"]', replace: 'variant: debug\n    stability: stable\n    configure_extra: ["CFLAGS=-I/usr/local/include/ncursesw"]' };

describe('exit codes', () => {
  it('0: valid declarations', async () => {
    const r = await cli(fleet(), ['validate']);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(/^ok: \d+ builders on \d+ workers\n$/);
  });

  it.each([
    [[], 'a command is required'],
    [['frobnicate'], 'unknown command `frobnicate`'],
    [['validate', 'extra'], 'unexpected argument `extra`: `validate` takes no arguments'],
    [['validate', '--no-such-option'], 'unknown option `--no-such-option` for `validate`'],
    [['explain'], '`explain` needs a worker, builder or builder definition name'],
  ])('2: usage %j', async (argv, message) => {
    const r = await cli(fleet(), argv);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.err).toContain('Usage: npx buildmaster-gen');
  });

  it('2: invalid input, every problem of both files at once, sorted', async () => {
    const dir = fleet({ file: 'workers.yaml', find: 'arch: ppc64le', replace: 'arch: ppc64el' });
    writeFileSync(join(dir, 'builders.yaml'), readFileSync(join(dir, 'builders.yaml'), 'utf8').replace('variant: pgo', 'variant: pg0'));
    const r = await cli(dir, ['validate']);
    expect(r.code).toBe(2);
    const heads = r.err.split('\n').filter((l) => /^\S+:\d+:\d+: /.test(l));
    expect(heads).toHaveLength(2);
    expect(heads[0]).toMatch(/^builders\.yaml:\d+:\d+: unknown variant `pg0`; did you mean `pgo`\?/);
    // Another name for a known CPU is an error that names the one this tool uses.
    expect(heads[1]).toMatch(/^workers\.yaml:\d+:\d+: `ppc64el` is another name for `ppc64le`: write `ppc64le`/);
    expect(r.err).toMatch(/2 error\(s\), 0 warning\(s\)\n$/);
  });

  it('2: an --out the file system refuses is reported, not a crash', async () => {
    const dir = fleet();
    for (const argv of [['generate', '--out', 'workers.yaml'], ['check', '--out', 'workers.yaml'], ['schema', '--out', 'workers.yaml']]) {
      const r = await cli(dir, argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).toMatch(/^buildmaster-gen: cannot (read|write) workers\.yaml.*: (ENOTDIR|EEXIST)/);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });

  it('1: check on a stale out/, with a summary in builder terms before the diff', async () => {
    const dir = fleet({ file: 'builders.yaml', find: 'test_timeout: 1800', replace: 'test_timeout: 2400' });
    const r = await cli(dir, ['check']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('out/master.cfg is out of date');
    expect(r.out).toMatch(/^What changed:\n {2}steps changed \(1\):\n {4}debug: test .* \(5 builders\)\n {2}builders changed \(5\):\n {4}x86 Tiger \(2\.7, 3\.5, 3\.6, 3\.x, custom\): steps \(test\)\n/);
    expect(r.out.indexOf('What changed')).toBeLessThan(r.out.indexOf('--- out/master.cfg (on disk)'));
    // check never writes.
    expect(readFileSync(join(dir, 'out', 'master.cfg'))).toEqual(readFileSync(join(ROOT, 'out', 'master.cfg')));
  });

  it('1: check names a renamed builder directory', async () => {
    const r = await cli(fleet({ file: 'builders.yaml', find: 'suffix: .installed', replace: 'suffix: .inst' }), ['check']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('x86 Gentoo Installed with X (2.7, 3.5, 3.6, 3.x, custom): builddir (renamed: the worker starts from scratch');
  });

  it('1: check still shows the diff when the committed file cannot be read as data', async () => {
    const dir = fleet();
    writeFileSync(join(dir, 'out', 'master.cfg'), 'hand-edited\n');
    const r = await cli(dir, ['check']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('cannot summarise the change');
    expect(r.out).toContain('-hand-edited');
  });
});

describe('warnings', () => {
  it('are printed but do not fail; --strict makes them fail and writes nothing', async () => {
    const dir = fleet(offlineStable);
    const r = await cli(dir, ['validate']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^builders\.yaml:\d+:\d+: warning: builder `x86 OpenIndiana` is marked stable but its worker `cea-indiana-x86` is offline.* \[offline-stable\]$/m);
    expect(r.err).toContain('0 error(s), 1 warning(s)');

    const strict = await cli(dir, ['generate', '--strict']);
    expect(strict.code).toBe(2);
    expect(strict.err).toContain('--strict: warnings count as errors');
    expect(readFileSync(join(dir, 'out', 'master.cfg'))).toEqual(readFileSync(join(ROOT, 'out', 'master.cfg')));
  });
});

describe('GitHub Actions', () => {
  it('adds ::error and ::warning annotations when GITHUB_ACTIONS=true', async () => {
    const dir = fleet(offlineStable);
    writeFileSync(join(dir, 'builders.yaml'), readFileSync(join(dir, 'builders.yaml'), 'utf8').replace('variant: pgo', 'variant: pg0'));
    const r = await cli(dir, ['validate'], { GITHUB_ACTIONS: 'true' });
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/^::error file=builders\.yaml,line=\d+,col=\d+,title=unknown-variant::unknown variant `pg0`; did you mean `pgo`\?/m);
    expect(r.out).toMatch(/^::warning file=builders\.yaml,line=\d+,col=\d+,title=offline-stable::builder `x86 OpenIndiana`/m);
    const plain = await cli(dir, ['validate']);
    expect(plain.out).not.toContain('::error');
  });
});

describe('colour', () => {
  it('only when asked: FORCE_COLOR on, NO_COLOR off', async () => {
    const dir = fleet({ file: 'workers.yaml', find: 'family: freebsd', replace: 'family: freebds' });
    const colored = await cli(dir, ['validate'], { FORCE_COLOR: '1', NO_COLOR: '' });
    expect(colored.err).toContain('\u001b[');
    expect((await cli(dir, ['validate'])).err).not.toContain('\u001b[');
  });

  it('by default on a terminal, and not on a pipe or /dev/null (a character device that is no terminal)', () => {
    const dir = fleet({ file: 'workers.yaml', find: 'family: freebsd', replace: 'family: freebds' });
    const CLI = join(ROOT, 'dist', 'cli', 'main.cjs');
    const { NO_COLOR: _no, FORCE_COLOR: _force, ...env } = process.env;
    // A pseudo-terminal made by Python: the CLI's stderr (and stdout) is the terminal.
    const pty = spawnSync('python3', ['-c', `import os, pty, sys
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
out = b""
while True:
    try:
        chunk = os.read(fd, 65536)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
os.waitpid(pid, 0)
sys.stdout.buffer.write(out)`, process.execPath, CLI, 'validate'], { cwd: dir, env, encoding: 'utf8' });
    expect(pty.stdout).toContain('freebds');
    expect(pty.stdout).toContain('\u001b[');
    const piped = spawnSync(process.execPath, [CLI, 'validate'], { cwd: dir, env, encoding: 'utf8' });
    expect(piped.stderr).toContain('freebds');
    expect(piped.stderr).not.toContain('\u001b[');
    // /dev/null is a character device, as a terminal is, but no terminal; a closed descriptor neither.
    const fd = openSync('/dev/null', 'w');
    expect(isTerminal(fd)).toBe(false);
    closeSync(fd);
    expect(isTerminal(fd)).toBe(false);
  });
});

describe('.github/workflows/check.yml', () => {
  it('runs validate, check and buildbot checkconfig with commands that exist', async () => {
    const { parse } = await import('yaml');
    const wf = parse(readFileSync(join(ROOT, '.github', 'workflows', 'check.yml'), 'utf8')) as { jobs: Record<string, { steps: { run?: string }[] }> };
    const runs = Object.values(wf.jobs).flatMap((j) => j.steps.map((s) => s.run ?? ''));
    expect(runs.some((r) => /^npm ci\b/.test(r))).toBe(true);
    expect(runs.some((r) => /apt-get install .*\bbuildbot\b/.test(r))).toBe(true);
    expect(runs.some((r) => r.includes('buildbot checkconfig "${fleet}/out/"'))).toBe(true);
    // $FLEET_ARGS: `--fleet DIR` for each fleet the workflow finds (test/github-workflow.test.ts runs it).
    const ours = runs.flatMap((r) => [...r.matchAll(/npx buildmaster-gen ((?:validate|check)[^>|;}\n]*)/g)].map((m) => m[1]!.replace('$FLEET_ARGS', '--fleet .').trim().split(/\s+/)));
    expect(ours.map((a) => a[0])).toEqual(expect.arrayContaining(['validate', 'check']));
    // Each command as the workflow runs it succeeds on the committed fleet.
    for (const argv of ours) expect((await cli(fleet(), argv)).code, argv.join(' ')).toBe(0);
  });
});

describe('report', () => {
  it('shows control characters from the input instead of sending them to the terminal', async () => {
    const { formatProblems } = await import('../src/cli/print-problems.js');
    const dir = fleet();
    writeFileSync(join(dir, 'x.yaml'), 'a: "\u001b[2J"\tb\n');
    const text = formatProblems([{ file: 'x.yaml', line: 1, col: 5, message: 'bad \u001b[2J here', rule: 'unknown-value', severity: 'error' }], { color: false, cwd: dir });
    expect(text).not.toContain('\u001b');
    expect(text).toContain('bad \\u001b[2J here');
    // Each control character escaped, one space per tab: the caret follows the column as shown.
    expect(text.split('\n').slice(1, 3)).toEqual(['  a: "\\u001b[2J" b', '      ^']);
  });

  it('keeps the first YAML syntax error of a file and says how many echoes were left out', async () => {
    const { withoutEchoes } = await import('../src/cli/print-problems.js');
    const p = (file: string, line: number, rule: 'yaml-syntax' | 'duplicate-key') => ({ file, line, col: 1, message: `m${line}`, rule, severity: 'error' as const });
    const out = withoutEchoes([p('a', 1, 'yaml-syntax'), p('a', 2, 'duplicate-key'), p('a', 3, 'yaml-syntax'), p('a', 4, 'yaml-syntax'), p('b', 9, 'yaml-syntax')]);
    expect(out.map((x) => [x.file, x.line, x.message])).toEqual([
      ['a', 1, 'm1 (2 more syntax error(s) after it are not shown: fix this one first)'],
      ['a', 2, 'm2'],
      ['b', 9, 'm9'],
    ]);
  });
});

describe('a pipe read slowly', () => {
  it('gets the whole output, in order (more than a pipe holds, written while nobody reads)', async () => {
    const { spawn } = await import('node:child_process');
    const args = [join(ROOT, 'dist', 'cli', 'main.cjs'), 'matrix', '--json', '--fleet', join(ROOT, 'fleets', 'cpython-2026')];
    const whole = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 26 }).stdout;
    expect(whole.length).toBeGreaterThan(200_000);
    const child = spawn(process.execPath, args);
    child.stdout.pause();
    await new Promise((r) => setTimeout(r, 500));
    let out = '';
    child.stdout.on('data', (d) => void (out += d));
    child.stdout.resume();
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(code).toBe(0);
    expect(out).toBe(whole);
  });

  it('gets the whole output through a non-blocking pipe, which fills (EAGAIN) while nobody reads', () => {
    const args = [join(ROOT, 'dist', 'cli', 'main.cjs'), 'matrix', '--json', '--fleet', join(ROOT, 'fleets', 'cpython-2026')];
    const whole = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 26 }).stdout;
    // Python makes the pipe (Node's own are blocking on the child's side) and reads it late.
    const script = [
      'import os, subprocess, sys, time',
      'r, w = os.pipe()',
      'os.set_blocking(w, False)',
      'p = subprocess.Popen(sys.argv[1:], stdout=w)',
      'os.close(w)',
      'time.sleep(0.5)',
      'chunks = []',
      'while True:',
      '    b = os.read(r, 65536)',
      '    if not b: break',
      '    chunks.append(b)',
      'sys.stdout.buffer.write(b"".join(chunks))',
      'sys.exit(p.wait())',
    ].join('\n');
    const r = spawnSync('python3', ['-c', script, process.execPath, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(whole);
  });
});

describe('a closed pipe (`| head`)', () => {
  it('ends quietly, without a stack trace', async () => {
    const { spawn } = await import('node:child_process');
    // A stale out/ whose diff is larger than a pipe's buffer: writes fail once the reader is gone.
    const dir = fleet({ file: 'builders.yaml', find: 'test_timeout: 1200 ', replace: 'test_timeout: 1500 ' });
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'cli', 'main.cjs'), 'check'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    let err = '';
    child.stderr.on('data', (d) => void (err += d));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(err).toContain('out of date');
    expect(err).not.toMatch(/EPIPE|\n\s+at /);
    expect(code).toBe(1);
  });
});
