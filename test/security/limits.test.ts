// Hostile YAML is refused with a located error, quickly and in little memory: each case
// runs the real CLI in a process with a 512 MB heap. Time is bounded as CPU time of that
// process (a quadratic path costs minutes; CI's load does not change CPU time much), and
// wall time is bounded loosely, against hangs.
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MAX_ALIAS_NODES, MAX_FILE_BYTES, MAX_NODES } from '../../src/load/load.js';
import { CLI, ROOT, run, tempDir } from '../pipeline/helpers.js';

const CPU_SECONDS = 5;
const WALL_SECONDS = 60;
const CPU_TIME = pathToFileURL(join(import.meta.dirname, 'cpu-time.mjs')).href;

/** `validate` with `workers` as the workers file; the exit code, stderr and wall time. */
function validate(workers: string | Buffer) {
  const dir = tempDir('bmg-limits-');
  const file = join(dir, 'workers.yaml');
  writeFileSync(file, workers);
  try {
    return validatePath(dir, 'workers.yaml');
  } finally {
    rmSync(dir, { recursive: true, force: true }); // some are 10 MiB
  }
}
function validatePath(cwd: string, workers: string) {
  const cpuDir = tempDir('bmg-cpu-');
  const cpuFile = join(cpuDir, 'cpu');
  const start = process.hrtime.bigint();
  const r = run(process.execPath, ['--max-old-space-size=512', '--stack-size=984', '--import', CPU_TIME, CLI, 'validate', '--workers', workers, '--builders', join(ROOT, 'builders.yaml')], { cwd, env: { BMG_CPU_TIME_FILE: cpuFile } });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpuSeconds = Number(readFileSync(cpuFile, 'utf8'));
  rmSync(cpuDir, { recursive: true, force: true });
  return { ...r, seconds, cpuSeconds };
}

const alias9 = (levels: number) => {
  let text = 'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
  for (let i = 1; i < levels; i++) text += `a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]\n`;
  return `${text}workers: *a${levels - 1}\n`;
};

const CASES: [string, () => string | Buffer, RegExp][] = [
  ['a file over 10 MiB', () => `workers: []\n${'#'.repeat(99)}\n`.repeat(Math.ceil(MAX_FILE_BYTES / 100) + 10), /^workers\.yaml: file is \d+ bytes; the limit is 10485760 \(10 MiB\) \(\/.*\/workers\.yaml\) \[file-too-large\]/m],
  ['billion laughs (9 levels of 9 aliases)', () => alias9(9), /^workers\.yaml:\d+:\d+: (aliases expand to more than|too many aliases).*\[yaml-alias-limit\]/m],
  ['one big list aliased 99 times', () => `a: &a [${Array(MAX_ALIAS_NODES).fill('1').join(',')}]\nworkers: [${Array(99).fill('*a').join(',')}]\n`, /^workers\.yaml:2:\d+: aliases expand to more than 10000 nodes.*\[yaml-alias-limit\]/m],
  ['an alias inside its own anchor', () => 'workers: &w [*w]\n', /^workers\.yaml:1:14: alias \*w refers to a node that contains it \[yaml-alias-limit\]/m],
  ['100000 levels of [', () => `workers: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`, /^workers\.yaml:1:74: the document is nested too deeply \(more than 64 levels\) \[yaml-too-deep\]/m],
  ['100000 unclosed {a: ', () => `workers: ${'{a: '.repeat(100_000)}\n`, /^workers\.yaml:1:\d+: the document is nested too deeply.*\[yaml-too-deep\]/m],
  ['100000 levels of compact - - -', () => `workers:\n${'- '.repeat(100_000)}x\n`, /^workers\.yaml:2:\d+: the document is nested too deeply.*\[yaml-too-deep\]/m],
  ['65 levels, indented', () => `workers:\n${Array.from({ length: 65 }, (_, i) => `${'  '.repeat(i + 1)}- \n`).join('')}`, /^workers\.yaml:\d+:\d+: the document is nested too deeply.*\[yaml-too-deep\]/m],
  ['more than MAX_NODES values in a flat list', () => `workers: [${'1,'.repeat(MAX_NODES + 10)}]\n`, /^workers\.yaml:1:\d+: the file has more than 1000000 values.*\[file-too-large\]/m],
  ['100000 keys in one mapping (yaml\'s own duplicate check is quadratic)', () => `workers: []\nx:\n${Array.from({ length: 100_000 }, (_, i) => `  k${i}: 1\n`).join('')}k: 1\nk: 2\n`, /^workers\.yaml:100004:1: duplicate key: `k` appears twice/m],
  ['1 and "1" as keys of one mapping (the same key once converted)', () => `workers: []\nx: {1: a, "1": b}\n`, /^workers\.yaml:2:11: duplicate key: `1` appears twice/m],
  ['a file that is not UTF-8', () => Buffer.concat([Buffer.from('workers: []\nnotes: ok\nbad: caf'), Buffer.from([0xe9, 0x0a])]), /^workers\.yaml:3:9: the file is not valid UTF-8/m],
];

describe('limits', () => {
  it.each(CASES)('%s: exit 2 with a located error, in bounded time and memory', (_, make, message) => {
    const r = validate(make());
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/internal error|heap|Maximum call stack|\n\s+at /);
    expect(r.status).toBe(2);
    expect(r.cpuSeconds).toBeLessThan(CPU_SECONDS);
    expect(r.seconds).toBeLessThan(WALL_SECONDS);
  });

  it('a symlinked declaration is refused, not followed (it could point at a secret the problems would print)', () => {
    const dir = tempDir('bmg-limits-');
    writeFileSync(join(dir, 'secret.txt'), 'workers: [SECRET-VALUE-123]\n');
    symlinkSync(join(dir, 'secret.txt'), join(dir, 'workers.yaml'));
    const r = validatePath(dir, 'workers.yaml');
    expect(r.stderr).toMatch(/^workers\.yaml: is a symbolic link/m);
    expect(r.stderr + r.stdout).not.toContain('SECRET-VALUE-123');
    expect(r.status).toBe(2);
  });

  it('a FIFO or a directory in place of a declaration is refused without hanging', () => {
    const dir = tempDir('bmg-limits-');
    mkdirSync(join(dir, 'workers.yaml'));
    const r = validatePath(dir, 'workers.yaml');
    expect(r.stderr).toMatch(/^workers\.yaml: is a directory/m);
    expect(r.status).toBe(2);
    const fifo = tempDir('bmg-limits-');
    expect(run('mkfifo', [join(fifo, 'workers.yaml')]).status).toBe(0);
    const f = validatePath(fifo, 'workers.yaml');
    expect(f.stderr).toMatch(/^workers\.yaml: is not a regular file/m);
    expect(f.status).toBe(2);
    expect(f.cpuSeconds).toBeLessThan(CPU_SECONDS);
    expect(f.seconds).toBeLessThan(WALL_SECONDS);
  });
});
