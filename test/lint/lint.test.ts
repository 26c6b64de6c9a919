// Runs the real CLI (a process, as a worker owner would) on every case of the corpus.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { RULES } from '../../src/model/problem-rules.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCases, materialize, parseReport, ROOT, type Case } from './corpus.js';

const run = promisify(execFile);
const CLI = join(ROOT, 'dist', 'cli', 'main.cjs');
const cases = loadCases();
const dirs: string[] = [];

async function cli(dir: string, args: string[]) {
  const env = { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '' };
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { cwd: dir, env });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout: string; stderr: string };
    return { code: typeof err.code === 'number' ? err.code : -1, stdout: err.stdout, stderr: err.stderr };
  }
}

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('dist/cli/main.cjs is missing: run `npx tsc -p .` first');
});
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('lint corpus', () => {
  it('has at least 40 cases, each with a description and a distinct name', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    for (const c of cases) expect(c.description, c.name).toMatch(/\w/);
  });

  it('covers every rule of the registry (src/model/problem-rules.ts), each with its registered severity', () => {
    // Refusals too big to keep in a corpus (a 10 MiB file, 100 000 workers), ajv's catch-all,
    // and the output refusal (test/security/atomic.test.ts).
    // settings-password: an error of `validate --settings` (which `generate` does not take); test/onboard.test.ts.
    const untested = new Set(['file-too-large', 'too-many', 'schema', 'output-not-a-file', 'settings-password']);
    const covered = new Set(cases.map((c) => c.expect.rule));
    expect(Object.keys(RULES).filter((r) => !covered.has(r) && !untested.has(r)).sort()).toEqual([]);
    for (const c of cases) {
      expect(Object.hasOwn(RULES, c.expect.rule), `${c.name}: rule ${c.expect.rule} is not in the registry`).toBe(true);
      expect(c.expect.severity ?? 'error', c.name).toBe(RULES[c.expect.rule as keyof typeof RULES].severity);
    }
  });

  it('finds every rule the source reports in the registry', () => {
    const files = (dir: string): string[] => readdirSync(join(ROOT, 'src', dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(`${dir}/${e.name}`) : e.name.endsWith('.ts') ? [`${dir}/${e.name}`] : []));
    const src = ['load', 'validate'].flatMap(files).map((f) => readFileSync(join(ROOT, 'src', f), 'utf8')).join('\n');
    const reported = new Set([...src.matchAll(/(?:report\([^;]*?|rule: |mk\([^;]*?)'([a-z]+(?:-[a-z]+)+)'/g)].map((m) => m[1]!));
    expect(reported.size).toBeGreaterThan(20);
    expect([...reported].filter((r) => !Object.hasOwn(RULES, r))).toEqual([]);
  });

  it('starts from a base fleet that is valid', async () => {
    const dir = materialize({ name: 'base', description: 'base', expect: { exit: 0, at: '', rule: '', message: '' } });
    dirs.push(dir);
    const r = await cli(dir, ['validate', '--strict']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it.concurrent.each(cases.map((c) => [c.name, c] as [string, Case]))('%s', async (_name, c) => {
    const dir = materialize(c);
    dirs.push(dir);
    const args = ['--workers', 'workers.yaml', '--builders', 'builders.yaml', ...(c.args ?? [])];
    const r = await cli(dir, ['validate', ...args]);
    const all = r.stdout + r.stderr;
    expect(all, 'no stack trace').not.toMatch(/\n\s+at /);
    expect(all).not.toMatch(/internal error/);
    expect(r.code, all).toBe(c.expect.exit);

    const [file, line = '0', col = '0'] = c.expect.at.split(':');
    const reported = parseReport(r.stderr);
    const here = reported.filter((p) => p.file === file && p.line === Number(line) && p.col === Number(col) && p.rule === c.expect.rule);
    expect(here.length, `no [${c.expect.rule}] at ${c.expect.at} in:\n${r.stderr}`).toBeGreaterThan(0);
    const p = here[0]!;
    for (const m of [c.expect.message].flat()) expect(p.message).toContain(m);
    expect(p.severity).toBe(c.expect.severity ?? 'error');
    for (const other of c.expect.also ?? []) expect(reported.map((x) => `${x.file}:${x.line}:${x.col} [${x.rule}]`)).toContain(other);
    for (const absent of c.expect.none ?? []) expect(all).not.toContain(absent);

    // The offending line and a caret under the column, unless the line is blank (end of file).
    const text = existsSync(join(dir, file!)) ? readFileSync(join(dir, file!), 'utf8').split(/\r\n|\r|\n/)[p.line - 1] : undefined;
    if (text !== undefined && text.trim() !== '') {
      expect(p.source).toBe(text.replace(/\t/g, ' '));
      expect(p.caret).toBe(`${' '.repeat(p.col - 1)}^`);
    }
    // Problems come sorted by file and position.
    const keys = reported.map((x) => [x.file, x.line, x.col] as const);
    const sorted = [...keys].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || a[2] - b[2]));
    expect(keys).toEqual(sorted);

    if (c.expect.exit !== 0) {
      // Bad input never touches out/: `generate` refuses with the same report.
      const before = readFileSync(join(dir, 'out', 'master.cfg'));
      const g = await cli(dir, ['generate', '--out', 'out', ...args]);
      expect(g.code).toBe(c.expect.exit);
      expect(g.stderr).toBe(r.stderr);
      expect(readFileSync(join(dir, 'out', 'master.cfg')).equals(before)).toBe(true);
    }
  });
});
