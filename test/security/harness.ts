// Shared by the security tests: a small fleet as data, the pipeline run in-process on
// YAML text, and one Python process that reads many generated configs back.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { expect } from 'vitest';
import { parseYaml } from '../../src/load/load.js';
import { InvalidInput, type Problem } from '../../src/model/problems.js';
import { render } from '../../src/render/render.js';
import { analyse as validate } from '../../src/pipeline.js';
import { PYTHON } from '../pipeline/helpers.js';

export const WORKERS_FILE = 'workers.yaml';
export const BUILDERS_FILE = 'builders.yaml';

/** The smallest fleet that exercises every rendered table: one worker, branch, variant, builder. */
export function baseFleet() {
  return {
    workers: {
      workers: [
        {
          name: 'alice-linux',
          owner: 'alice',
          os: { family: 'linux', distribution: 'debian', version: '12' },
          arch: 'x86-64',
          notes: 'base notes',
        },
      ],
    },
    builders: {
      branches: { '3.x': { git_branch: 'main', version: '3.14' } },
      schedulers: { push: { on: 'push', ignore_paths: ['Doc/'] } },
      variants: { debug: { recipe: 'unix', description: 'Debug build.', tags: ['debug'], configure_flags: ['--with-pydebug'] } },
      builders: [{ name: 'AMD64 Debian', worker: 'alice-linux', variant: 'debug', notes: 'base notes', configure_extra: ['--with-lto'] }],
    },
  };
}
export type FleetData = ReturnType<typeof baseFleet>;

export type Outcome = { ok: true; text: string; warnings: Problem[] } | { ok: false; problems: Problem[] };

/** load -> validate -> expand -> render on YAML text, as `generate` runs them on files. */
export function generateText(workersYaml: string, buildersYaml: string): Outcome {
  try {
    const w = parseYaml(workersYaml, WORKERS_FILE);
    const b = parseYaml(buildersYaml, BUILDERS_FILE);
    const checked = validate(w, b);
    if (!checked.matrix) return { ok: false, problems: checked.problems };
    return { ok: true, text: render({ matrix: checked.matrix, sources: [WORKERS_FILE, BUILDERS_FILE] }), warnings: checked.problems };
  } catch (e) {
    if (e instanceof InvalidInput) return { ok: false, problems: e.problems };
    throw e;
  }
}

/** The fleet written as YAML by `yaml` itself, so quoting and escaping are YAML's job. */
export const generateFleet = (f: FleetData) => generateText(stringify(f.workers), stringify(f.builders));

/** A rejection must be an error the CLI reports as `file:line:col` (exit 2), never a crash. */
export function expectLocated(problems: Problem[], files: string[] = [WORKERS_FILE, BUILDERS_FILE]) {
  const errors = problems.filter((p) => p.severity === 'error');
  expect(errors.length).toBeGreaterThan(0);
  for (const p of errors) {
    expect(files).toContain(p.file);
    expect(p.line).toBeGreaterThanOrEqual(1);
    expect(p.col).toBeGreaterThanOrEqual(1);
    expect(p.rule).toMatch(/^[a-z-]+$/);
  }
}

/** [table, path, value]: `TABLE[path...]` must read back equal to `value`. */
export type Expectation = [string, (string | number)[], unknown];
export interface ReadbackCase {
  id: string;
  text: string;
  expect: Expectation[];
}

/** Check every case in one Python process (see readback.py); returns the failures. */
export function readBack(cases: ReadbackCase[]): { checked: number; failures: { id: string; why: string }[] } {
  // JSON.stringify writes lone surrogates as \udXXX escapes, which Python's json reads back.
  const r = spawnSync(PYTHON, [join(import.meta.dirname, 'readback.py')], { input: JSON.stringify(cases), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout);
}
