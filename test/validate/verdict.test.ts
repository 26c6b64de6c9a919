// The build's verdict validators (dist/validate/schema-verdict.cjs, src/validate/verdict-code.ts)
// against the full ones (dist/validate/schema-validators.cjs) and against ajv compiling the
// schemas at run time: the same verdict on every input. A file the verdict wrongly passed
// would skip its schema errors; one it wrongly failed would only be slower.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import * as S from '../../src/validate/schemas.js';
import { loadCached } from '../../src/validate/cached-script.js';
import { SHARED_ERROR, sharedErrors, withoutAnnotations } from '../../src/validate/verdict-code.js';
import { loadCases, materialize } from '../lint/corpus.js';
import { applyEdits, editValues, targets, type Fleet } from '../yaml-edits.js';

const ROOT = join(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);
type Validate = ((data: unknown) => boolean) & { errors?: unknown[] | null };
type Validators = { workers: Validate; builders: Validate };
const verdict = loadCached(join(ROOT, 'dist/validate/schema-verdict.cjs'))!.exports as Validators;
const full = loadCached(join(ROOT, 'dist/validate/schema-validators.cjs'))!.exports as Validators;
const Ajv2020 = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
const ajv = new Ajv2020.default({ allErrors: true, strict: true, allowUnionTypes: true });
const runtime: Validators = { workers: ajv.compile(S.workersSchema), builders: ajv.compile(S.buildersSchema) };

/** The three verdicts on one document, which must agree. */
function verdicts(which: keyof Validators, data: unknown): boolean[] {
  return [verdict[which](data), full[which](data), runtime[which](data)];
}
const fleet = (dir: string): Fleet => ({
  workers: parse(readFileSync(join(ROOT, dir, 'workers.yaml'), 'utf8')),
  builders: parse(readFileSync(join(ROOT, dir, 'builders.yaml'), 'utf8')),
});
const FLEETS = { 2017: fleet('.'), 2026: fleet('fleets/cpython-2026') };

describe('the verdict validators', () => {
  it('are made from these schemas, as the full ones: the run uses them (schema-check.ts compares the same hash)', () => {
    const sha = createHash('sha256').update(JSON.stringify([S.workersSchema, S.buildersSchema])).digest('hex');
    expect((verdict as unknown as { schemasSha256: string }).schemasSha256).toBe(sha);
    expect((full as unknown as { schemasSha256: string }).schemasSha256).toBe(sha);
  });

  it('pass both fleets, as the full ones do', () => {
    for (const f of Object.values(FLEETS)) {
      expect(verdicts('workers', f.workers)).toEqual([true, true, true]);
      expect(verdicts('builders', f.builders)).toEqual([true, true, true]);
    }
  });

  it('agree with the full validators on every case of the lint corpus', () => {
    let rejected = 0;
    for (const c of loadCases()) {
      const dir = materialize(c);
      try {
        for (const which of ['workers', 'builders'] as const) {
          let data: unknown;
          try {
            data = parse(readFileSync(join(dir, `${which}.yaml`), 'utf8'));
          } catch {
            continue; // a syntax error or a missing file: no document to validate
          }
          const v = verdicts(which, data);
          expect(new Set(v).size, `${c.name} (${which})`).toBe(1);
          if (!v[0]) rejected++;
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    expect(rejected).toBeGreaterThan(20); // the schema's errors are in the corpus
  });

  // Values near the valid ones and of every type, put anywhere in either file of either fleet.
  const value = editValues('', 'x86-64', 'amd64', 'linux', 'windows', 'debug', 'push', 'nightly', '3.x', 'custom', '..', '{branch}', '__proto__', 'koobs-freebsd10', 'unix', 'description', 'x'.repeat(3000));
  for (const [year, base] of Object.entries(FLEETS)) {
    it(`agree on 1,500 random edits of the ${year} fleet`, () => {
      const counts = { valid: 0, invalid: 0 };
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.constantFrom(...targets(base)), value), { minLength: 1, maxLength: 3 }), (edits) => {
          const docs = applyEdits(base, edits);
          for (const which of ['workers', 'builders'] as const) {
            const v = verdicts(which, docs[which]);
            expect(new Set(v).size, JSON.stringify(edits).slice(0, 500)).toBe(1);
            counts[v[0] ? 'valid' : 'invalid']++;
          }
        }),
        { numRuns: 1500, seed: Number(year) },
      );
      // Both answers are exercised.
      expect(counts.valid).toBeGreaterThan(300);
      expect(counts.invalid).toBeGreaterThan(300);
    });
  }

  it('leave no error to read: a rejection holds the shared constant only', () => {
    expect(verdict.builders({ branches: 1 })).toBe(false);
    expect(verdict.builders.errors).toEqual([{ keyword: 'invalid' }]);
    const code = readFileSync(join(ROOT, 'dist/validate/schema-verdict.cjs'), 'utf8');
    expect(code.includes('instancePath:')).toBe(false);
    expect(code.includes((S.workersSchema as { description: string }).description)).toBe(false);
    expect(code.length).toBeLessThan(readFileSync(join(ROOT, 'dist/validate/schema-validators.cjs'), 'utf8').length / 2);
  });
});

describe('precompiled validators made from other schemas', () => {
  it('are not used: a copy of the package with both marked stale still passes the fleet and names a broken file\'s error', () => {
    const work = mkdtempSync(join(tmpdir(), 'bmg-stale-'));
    try {
      const pkg = join(work, 'pkg');
      cpSync(join(ROOT, 'dist'), join(pkg, 'dist'), { recursive: true });
      cpSync(join(ROOT, 'templates'), join(pkg, 'templates'), { recursive: true });
      cpSync(join(ROOT, 'package.json'), join(pkg, 'package.json'));
      symlinkSync(join(ROOT, 'node_modules'), join(pkg, 'node_modules'));
      for (const f of ['schema-verdict.cjs', 'schema-validators.cjs']) {
        const file = join(pkg, 'dist', 'validate', f);
        const code = readFileSync(file, 'utf8');
        expect(code).toMatch(/exports\.schemasSha256 = "[0-9a-f]{64}"/);
        expect(code.match(/exports\.(workers|builders)=validate\d+;/g)).toHaveLength(2);
        // Marked stale, and made to pass anything: used anyway, either would let the broken file through.
        writeFileSync(file, code.replace(/exports\.schemasSha256 = "[0-9a-f]{64}"/, `exports.schemasSha256 = "${'0'.repeat(64)}"`).replace(/exports\.(workers|builders)=validate\d+;/g, 'exports.$1=(()=>true);'));
        rmSync(`${file}.v8cache`); // V8 matches a cache by the source's length only: it would run the old code
      }
      const fleet = join(work, 'fleet');
      mkdirSync(fleet);
      for (const f of ['workers.yaml', 'builders.yaml']) cpSync(join(ROOT, f), join(fleet, f));
      const cli = (...args: string[]) => spawnSync(process.execPath, [join(pkg, 'dist', 'cli', 'main.cjs'), ...args, '--fleet', fleet], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      expect(cli('validate').stdout).toMatch(/^ok: 162 builders/);
      // An error only the schema finds (the semantic checks see other ones too).
      writeFileSync(join(fleet, 'workers.yaml'), readFileSync(join(fleet, 'workers.yaml'), 'utf8').replace('family: freebsd', 'family: FreeBSD'));
      const broken = cli('validate');
      expect(broken.status).toBe(2);
      expect(broken.stderr).toMatch(/workers\.yaml:\d+:\d+: `FreeBSD` is not a valid `os\.family`.*\[bad-format\]/);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

describe('sharedErrors', () => {
  it('replaces each error object, whatever brackets and quotes its strings hold', () => {
    const code = `"use strict";function v(data){if(a){v.errors = [{instancePath:instancePath+"/a{[(" + k.replace(/~/g, "~0"),schemaPath:"#/x\\"}",keyword:"k",params:{p: {q: [1]}},message:"m)"}];return false;}const err0 = {instancePath,schemaPath:"#/y",keyword:"z",params:{}};return true;}`;
    const out = sharedErrors(code);
    expect(out).toBe(`"use strict";const ${SHARED_ERROR} = Object.freeze({ keyword: "invalid" });function v(data){if(a){v.errors = [${SHARED_ERROR}];return false;}const err0 = ${SHARED_ERROR};return true;}`);
  });

  it('refuses code it cannot read rather than emit a broken validator', () => {
    expect(() => sharedErrors('x = {instancePath:"abc')).toThrow(/unclosed/);
    expect(() => sharedErrors('x = {instancePath:(a')).toThrow(/unclosed/);
  });
});

describe('withoutAnnotations', () => {
  it('drops annotations at schema positions only: a property or a const named like one stays', () => {
    const schema = {
      $id: 'x',
      title: 't',
      description: 'd',
      type: 'object',
      properties: { description: { type: 'string', description: 'text', default: 'a' }, title: { const: { description: 'kept' } } },
      anyOf: [{ $comment: 'c', required: ['description'] }],
      items: { examples: [1], type: 'integer' },
      $defs: { d: { deprecated: true, enum: [{ default: 1 }] } },
    };
    expect(withoutAnnotations(schema)).toEqual({
      $id: 'x',
      type: 'object',
      properties: { description: { type: 'string' }, title: { const: { description: 'kept' } } },
      anyOf: [{ required: ['description'] }],
      items: { type: 'integer' },
      $defs: { d: { enum: [{ default: 1 }] } },
    });
  });
});
