// No input may crash validation: whatever a pull request puts anywhere in either file,
// the answer is a list of located problems (or a fleet), never an exception.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { parseYaml } from '../../src/load/load.js';
import { explain } from '../../src/explain/explain.js';
import { matrixText } from '../../src/explain/matrix.js';
import { render } from '../../src/render/render.js';
import { analyse as validate } from '../../src/pipeline.js';
import { HERE } from './corpus.js';
import { applyEdits, editValues, targets } from '../yaml-edits.js';

const base = {
  workers: parse(readFileSync(join(HERE, 'base', 'workers.yaml'), 'utf8')) as unknown,
  builders: parse(readFileSync(join(HERE, 'base', 'builders.yaml'), 'utf8')) as unknown,
};

const value = editValues('', 'x86-64', 'amd64', 'linux', 'windows', 'macos', 'debug', 'push', 'nightly', '2.7', '3.x', 'custom', '..', '../x', '{branch}', '{nope}', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'koobs-freebsd10', 'bolen-dmg', 'dmg-nightly', 'unix', 'vs9');

describe('validation never crashes', () => {
  it('on any few edits anywhere in either file', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...targets(base)), value), { minLength: 1, maxLength: 3 }), (edits) => {
        const docs = applyEdits(base, edits);
        const w = parseYaml(stringify(docs.workers), 'workers.yaml');
        const b = parseYaml(stringify(docs.builders), 'builders.yaml');
        const checked = validate(w, b);
        for (const p of checked.problems) {
          expect(p.line).toBeGreaterThanOrEqual(1);
          expect(p.col).toBeGreaterThanOrEqual(1);
          expect(p.message).not.toMatch(/undefined|\[object Object\]|NaN/);
        }
        // No error means a fleet that renders.
        if (checked.matrix && checked.fleet) {
          expect(render({ matrix: checked.matrix, sources: ['workers.yaml', 'builders.yaml'] })).toContain("BUILDERS = json.loads(r'''[");
          // The previews work on whatever validates.
          for (const wk of checked.fleet.workers) expect(explain(wk.name, { fleet: checked.fleet, matrix: checked.matrix, sources: { workers: w, builders: b } })).toContain(`Worker ${wk.name}`);
          expect(matrixText(checked.matrix)).toMatch(/^worker /);
        }
        else expect(checked.problems.some((p) => p.severity === 'error')).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});
