// No step change, extra, capability or pool crashes validation: random edits of the fleet
// that uses them all (steps-fleet/) give located problems or a fleet that renders.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { parseYaml } from '../../src/load/load.js';
import { render } from '../../src/render/render.js';
import { analyse } from '../../src/pipeline.js';
import { ROOT } from './helpers.js';
import { applyEdits, targets } from '../yaml-edits.js';

const DIR = join(ROOT, 'test/pipeline/steps-fleet');
const base = {
  workers: parse(readFileSync(join(DIR, 'workers.yaml'), 'utf8')) as unknown,
  builders: parse(readFileSync(join(DIR, 'builders.yaml'), 'utf8')) as unknown,
};

// The names these features read: steps, capabilities, workers, pools, branches, features.
const words = fc.constantFrom('', 'git', 'compile', 'test', 'clean', 'upload', 'pythoninfo', 'Compile build Python', 'lto-toolchain', 'ccache', 'ramdisk', 'pool-member', 'carol-ubuntu1', 'carol-ubuntu2', 'alice-debian', 'lto', '3.13', '3.x', 'PR', 'gil-only', 'unix', 'debug', 'wasi-cross', 'unix-make', '__proto__', 'constructor');
const leaf = fc.oneof(words, fc.string(), fc.integer({ min: -5, max: 100000 }), fc.boolean(), fc.constant(null));
const op = fc.oneof(
  fc.record({ drop: words }),
  fc.record({ rename: fc.record({ from: words, to: words }) }),
  fc.record({ replace: words, with: fc.dictionary(fc.constantFrom('command', 'env', 'timeout', 'workdir', 'step'), leaf, { maxKeys: 2 }) }),
  fc.record({ add: fc.record({ step: fc.constantFrom('Test', 'ShellCommand'), name: words, command: fc.array(words, { minLength: 1, maxLength: 2 }) }), after: words }),
);
const value = fc.oneof(
  leaf,
  fc.array(leaf, { maxLength: 3 }),
  fc.array(op, { maxLength: 3 }),
  fc.record({ capabilities: fc.array(words, { maxLength: 2 }) }),
  fc.dictionary(fc.oneof(words, fc.constantFrom('when', 'capability', 'since', 'feature', 'before', 'after')), leaf, { maxKeys: 3 }),
  fc.constant(undefined),
);

describe('step changes, capabilities and pools never crash validation', () => {
  it('on any few edits anywhere in either file', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...targets(base)), value), { minLength: 1, maxLength: 3 }), (edits) => {
        const docs = applyEdits(base, edits);
        const checked = analyse(parseYaml(stringify(docs.workers), 'workers.yaml'), parseYaml(stringify(docs.builders), 'builders.yaml'));
        for (const p of checked.problems) {
          expect(p.line).toBeGreaterThanOrEqual(1);
          expect(p.message).not.toMatch(/undefined|\[object Object\]|NaN/);
        }
        if (checked.matrix) expect(render({ matrix: checked.matrix, sources: ['workers.yaml', 'builders.yaml'] })).toContain('BUILDERS = json.loads');
        else expect(checked.problems.some((p) => p.severity === 'error')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
