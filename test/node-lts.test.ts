// `engines` is honest: the CLI runs on the Node.js LTS the workflow names (its `node-version`),
// fetched as the npm package of that release (`node-<platform>-<arch>`, the official binary),
// and on the oldest Node.js `engines` allows being the one these tests run on or older.
//
// The binary (about 50 MB) is fetched once with `npm pack` into node_modules/.cache.
// Offline, set BMG_SKIP_NODE_LTS=1 to skip this file (it then says so).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
const workflow = parse(readFileSync(join(ROOT, '.github', 'workflows', 'check.yml'), 'utf8')) as { jobs: Record<string, { steps: { uses?: string; with?: Record<string, unknown> }[] }> };
const setupNode = Object.values(workflow.jobs).flatMap((j) => j.steps).find((s) => s.uses?.startsWith('actions/setup-node@'))!;
const LTS = String(setupNode.with!['node-version']);

/** `>=20.12` -> [20, 12, 0] */
function minimum(range: string): number[] {
  const m = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(range.trim());
  if (!m) throw new Error(`engines.node is \`${range}\`: expected \`>=X.Y\``);
  return [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
}
const atLeast = (v: number[], min: number[]) => v[0]! - min[0]! || v[1]! - min[1]! || v[2]! - min[2]!;

/** The official binary of Node.js `major`, fetched once with npm. */
function nodeBinary(major: string): string {
  const name = `node-${process.platform}-${process.arch}`;
  const dir = join(ROOT, 'node_modules', '.cache', 'buildmaster-gen', `${name}-${major}`);
  const bin = join(dir, 'package', 'bin', 'node');
  if (existsSync(bin)) return bin;
  mkdirSync(dir, { recursive: true });
  const packed = spawnSync('npm', ['pack', `${name}@${major}`, '--silent', '--pack-destination', dir], { encoding: 'utf8', timeout: 280_000 });
  if (packed.status !== 0) throw new Error(`npm pack ${name}@${major} failed (offline? set BMG_SKIP_NODE_LTS=1): ${packed.stderr}`);
  const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
  expect(spawnSync('tar', ['-xzf', join(dir, tgz), '-C', dir]).status).toBe(0);
  rmSync(join(dir, tgz));
  return bin;
}

describe.skipIf(process.env.BMG_SKIP_NODE_LTS === '1')(`the CLI on Node.js ${LTS} (the workflow's LTS)`, () => {
  it('the workflow names a Node.js major that `engines` allows, and current actions', () => {
    expect(LTS).toMatch(/^\d+$/);
    expect(Number(LTS)).toBeGreaterThanOrEqual(24); // 20 reached its end of life in April 2026
    expect(atLeast([Number(LTS), 99, 99], minimum(pkg.engines.node))).toBeGreaterThanOrEqual(0);
    const uses = Object.values(workflow.jobs).flatMap((j) => j.steps).flatMap((s) => (s.uses ? [s.uses] : []));
    expect(uses).toEqual(expect.arrayContaining(['actions/checkout@v7', 'actions/setup-node@v7']));
  });

  it('`engines` allows the Node.js these tests run on', () => {
    expect(atLeast(process.versions.node.split('.').map(Number), minimum(pkg.engines.node))).toBeGreaterThanOrEqual(0);
  });

  it('validate, check, generate, explain, matrix and --version run on it', { timeout: 300_000 }, () => {
    const node = nodeBinary(LTS);
    const version = spawnSync(node, ['--version'], { encoding: 'utf8' });
    expect(version.stdout).toMatch(new RegExp(`^v${LTS}\\.`));
    const dir = mkdtempSync(join(tmpdir(), 'node-lts-'));
    try {
      for (const f of ['workers.yaml', 'builders.yaml', 'out']) cpSync(join(ROOT, f), join(dir, f), { recursive: true });
      const cli = (...args: string[]) => spawnSync(node, [join(ROOT, 'dist', 'cli', 'main.cjs'), ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      expect(cli('--version').stdout).toMatch(/^buildmaster-gen \d+\.\d+\.\d+\n$/);
      expect(cli('validate', '--strict')).toMatchObject({ status: 0, stdout: 'ok: 162 builders on 29 workers\n' });
      expect(cli('check').status).toBe(0);
      expect(cli('generate', '--out', 'fresh').status).toBe(0);
      expect(readFileSync(join(dir, 'fresh', 'master.cfg'), 'utf8')).toBe(readFileSync(join(ROOT, 'out', 'master.cfg'), 'utf8'));
      expect(cli('explain', 'x86 Windows XP VS9.0 3.x').stdout).toContain('is kept off 3.x by a rule');
      expect(cli('matrix').stdout).toMatch(/^worker +2\.7/);
      const bad = cli('validate', '--workers', join(ROOT, 'test', 'lint', 'base', 'workers.yaml'));
      expect(bad.stderr).not.toMatch(/internal error|\n\s+at /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
