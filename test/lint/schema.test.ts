// The JSON Schemas are what editors show a worker owner while typing: every property
// needs a description, and the committed schema/*.json must be what `schema` writes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildersSchema, workersSchema } from '../../src/validate/schemas.js';
import { ROOT } from './corpus.js';

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

/** JSON pointers of every property (and every map entry or list item schema of objects) without a description. */
function undocumented(schema: unknown, at = '#'): string[] {
  if (!isNode(schema)) return [];
  const out: string[] = [];
  const need = (s: unknown, where: string) => {
    if (isNode(s) && typeof s.description !== 'string') out.push(where);
  };
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'properties' && isNode(v)) {
      for (const [name, p] of Object.entries(v)) {
        need(p, `${at}/properties/${name}`);
        out.push(...undocumented(p, `${at}/properties/${name}`));
      }
    } else if ((k === 'additionalProperties' || k === 'items') && isNode(v)) {
      if (v.type === 'object') need(v, `${at}/${k}`);
      out.push(...undocumented(v, `${at}/${k}`));
    } else if (['then', 'else'].includes(k) && isNode(v)) {
      // `if` only tests a value; `then`/`else` describe the fields people write.
      out.push(...undocumented(v, `${at}/${k}`));
    }
  }
  return out;
}

describe('JSON Schemas', () => {
  it.each([
    ['workers', workersSchema],
    ['builders', buildersSchema],
  ])('every property of the %s schema has a description', (_name, schema) => {
    expect(undocumented(schema)).toEqual([]);
  });

  it('the walker notices a property without a description', () => {
    expect(undocumented({ type: 'object', properties: { a: { type: 'string' }, b: { type: 'object', properties: { c: { description: 'x' } }, description: 'y' } } })).toEqual(['#/properties/a']);
  });

  it('the committed schema/*.json are what `buildmaster-gen schema` writes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'schema-'));
    try {
      execFileSync(process.execPath, [join(ROOT, 'dist', 'cli', 'main.cjs'), 'schema', '--out', dir]);
      for (const f of ['workers.schema.json', 'builders.schema.json']) {
        expect(readFileSync(join(ROOT, 'schema', f), 'utf8'), `schema/${f} is stale: run \`node dist/cli/main.cjs schema\``).toBe(readFileSync(join(dir, f), 'utf8'));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the YAML files point editors at the committed schemas', () => {
    expect(readFileSync(join(ROOT, 'workers.yaml'), 'utf8')).toMatch(/^# yaml-language-server: \$schema=\.\/schema\/workers\.schema\.json$/m);
    expect(readFileSync(join(ROOT, 'builders.yaml'), 'utf8')).toMatch(/^# yaml-language-server: \$schema=\.\/schema\/builders\.schema\.json$/m);
  });
});
