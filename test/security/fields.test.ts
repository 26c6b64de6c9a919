// Property-based: random strings in every free-text and every patterned field, written
// as YAML by `yaml` (so the YAML parse is on the path), run through the pipeline. Each
// case is either rejected with located errors (the CLI's exit-2 path) or generates a
// master.cfg that Python reads back with that exact value and no code of its own.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostileString } from './arbitraries.js';
import { FAMILIES, length, printable } from './fields.js';
import { baseFleet, expectLocated, generateFleet, readBack, type ReadbackCase } from './harness.js';

/** Per family; raise it for a deeper run (SECURITY_CASES=20000 npx vitest run test/security). */
const CASES_PER_FAMILY = Number(process.env.SECURITY_CASES ?? 1000);

describe.each(Object.entries(FAMILIES))('%s fields', (family, fields) => {
  it(`${CASES_PER_FAMILY} random values: rejected with a located error, or read back equal`, () => {
    const names = Object.keys(fields);
    const stats = Object.fromEntries(names.map((n) => [n, { accepted: 0, rejected: 0 }]));
    const cases: ReadbackCase[] = [];
    const base = generateFleet(baseFleet());
    if (!base.ok) throw new Error(`the base fleet is invalid: ${JSON.stringify(base.problems)}`);
    cases.push({ id: 'base', text: base.text, expect: [] });
    const arb = fc.oneof(...names.map((name) => fc.tuple(fc.constant(name), hostileString({ valid: family === 'free text' ? 'aZ0 .-_' : undefined, shape: fields[name]!.shape, maxLength: 30 }))));
    fc.assert(
      fc.property(arb, ([name, v]) => {
        const field = fields[name]!;
        const fleet = baseFleet();
        field.set(fleet, v);
        const out = generateFleet(fleet);
        if (!out.ok) {
          stats[name]!.rejected++;
          expectLocated(out.problems);
          if (field.free) {
            const { maxLength, multiline, also } = field.free;
            // Free text must be accepted when printable: a rejection needs a reason.
            expect(printable(v, multiline) && length(v) <= maxLength && (also?.(v) ?? true), `${name} ${JSON.stringify(v)} rejected`).toBe(false);
          }
          return;
        }
        stats[name]!.accepted++;
        if (field.safe) expect(field.safe(v), `${name} ${JSON.stringify(v)} accepted`).toBe(true);
        cases.push({ id: `${name} ${JSON.stringify(v)}`, text: out.text, expect: field.expect(v) });
      }),
      { numRuns: CASES_PER_FAMILY },
    );
    const { checked, failures } = readBack(cases);
    expect(failures).toEqual([]);
    expect(checked).toBe(cases.length);
    // Both paths ran for every field (else the generator is too narrow to mean anything).
    for (const [name, s] of Object.entries(stats)) {
      expect(s.accepted, `${name} accepted`).toBeGreaterThan(0);
      expect(s.rejected, `${name} rejected`).toBeGreaterThan(0);
    }
    console.log(`${family}: ${JSON.stringify(stats)}`);
  }, 300_000); // a guard against hangs only: 1,000 generations take ~15 s alone, 60 s under load
});
