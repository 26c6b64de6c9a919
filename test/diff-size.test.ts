// Issue 17, item 4: an edit of the YAML changes out/master.cfg at the size of the change. For
// each everyday edit (bench/diff-edits.mjs) on both fleets: at most 2·k + 10 lines change for
// an edit that changes k builders; no line of a builder, step, worker or scheduler the edit
// does not affect changes; moving a definition between sections changes nothing; and a
// builder's step keys and steps do not depend on which other builders the fleet has.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffArrays } from 'diff';
import { describe, expect, it } from 'vitest';
import { EDITS, affectedBuilders, generateTexts } from '../bench/diff-edits.mjs';
import type { Builder } from '../src/model/types.js';
import { loadFleet, renderConfig } from '../src/pipeline.js';
import { ROOT } from './pipeline/helpers.js';

const FLEETS = { '2017': ROOT, '2026': join(ROOT, 'fleets/cpython-2026') } as const;
type Texts = { workers: string; builders: string };

const generate = (texts: Texts): { cfg: string; builders: Builder[] } => generateTexts(texts, { loadFleet, renderConfig });

const TABLES = ['WORKERS', 'STEPS', 'BUILDERS', 'SCHEDULERS'] as const;
type Table = (typeof TABLES)[number];

/** Each line of master.cfg with the table it is an entry of (entries are one a line). */
function classify(cfg: string): { line: string; table?: Table }[] {
  let table: Table | undefined;
  return cfg.split('\n').map((line) => {
    const open = TABLES.find((t) => line.startsWith(`${t} = json.loads(r'''`));
    if (open) {
      table = open;
      return { line };
    }
    if (table && line.endsWith("''')")) {
      table = undefined;
      return { line };
    }
    return { line, table };
  });
}

/** A table line's entry: its JSON without the comma JSON puts between entries. */
const entry = (line: string): unknown => JSON.parse(line.trim().replace(/,$/, ''));
const stepKey = (line: string): string => Object.keys(entry(`{${line.trim().replace(/,$/, '')}}`) as object)[0]!;

interface Changed {
  side: '-' | '+';
  line: string;
  table?: Table;
}

/** The lines a diff removes and adds, each with its table; a line that changed only by the
 *  comma after it (an entry appended after it, at the end of a table) is left out. */
function changes(before: string, after: string): Changed[] {
  const a = classify(before);
  const b = classify(after);
  const out: Changed[] = [];
  for (const part of diffArrays(a, b, { comparator: (x, y) => x.line === y.line })) {
    if (part.added || part.removed) for (const x of part.value) out.push({ side: part.added ? '+' : '-', ...x });
  }
  const bare = (c: Changed) => `${c.table}\0${c.line.replace(/,$/, '')}`;
  const removed = new Set(out.filter((c) => c.side === '-').map(bare));
  const added = new Set(out.filter((c) => c.side === '+').map(bare));
  return out.filter((c) => !(c.table && removed.has(bare(c)) && added.has(bare(c))));
}

const texts = (dir: string): Texts => ({ workers: readFileSync(join(dir, 'workers.yaml'), 'utf8'), builders: readFileSync(join(dir, 'builders.yaml'), 'utf8') });

describe.each(Object.entries(FLEETS))('the %s fleet: out/master.cfg changes at the size of the edit', (fleet, dir) => {
  const original = texts(dir);
  let base: ReturnType<typeof generate> | undefined;
  const baseline = () => (base ??= generate(original));

  for (const { id, what, edit } of EDITS[fleet as keyof typeof EDITS]) {
    it(`${id}: ${what}`, () => {
      const before = baseline();
      const after = generate(edit(original));
      const affected = affectedBuilders(before.builders, after.builders);
      const k = affected.size;
      const all = changes(before.cfg, after.cfg);
      const shown = all.map((c) => `${c.side}${c.line}`).join('\n');
      expect(all.length, shown).toBeLessThanOrEqual(2 * k + 10);
      if (id === 'definition-moved') expect(after.cfg).toBe(before.cfg);

      // Which builders, steps, workers and schedulers the edit may touch.
      const side = (c: Changed) => (c.side === '-' ? before.builders : after.builders);
      const usedBy = (builders: Builder[]) => {
        const keys = new Set<string>();
        for (const b of builders) if (affected.has(b.builddir)) for (const k of b.step_keys ?? []) keys.add(k);
        return keys;
      };
      const keysTouched = { '-': usedBy(before.builders), '+': usedBy(after.builders) };
      const workersOf = (bs: Builder[]) => new Set(bs.map((b) => b.worker));
      const workersBefore = workersOf(before.builders);
      const workersAfter = workersOf(after.builders);
      const touchedWorkers = new Set([...before.builders, ...after.builders].filter((b) => affected.has(b.builddir)).map((b) => b.worker));
      const branchesTouched = new Set([...before.builders, ...after.builders].filter((b) => affected.has(b.builddir)).map((b) => b.branch));

      const stray: string[] = [];
      for (const c of all) {
        const where = `${c.side}${c.line}`;
        if (c.table === 'BUILDERS') {
          const row = entry(c.line) as { builddir: string };
          if (!affected.has(row.builddir)) stray.push(`row of an unaffected builder: ${where}`);
          if (!side(c).some((b) => b.builddir === row.builddir)) stray.push(`row of no builder: ${where}`);
        } else if (c.table === 'STEPS') {
          if (!keysTouched[c.side].has(stepKey(c.line))) stray.push(`step no affected builder runs: ${where}`);
        } else if (c.table === 'WORKERS') {
          const w = (entry(c.line) as { name: string }).name;
          if (!touchedWorkers.has(w) && workersBefore.has(w) === workersAfter.has(w)) stray.push(`unaffected worker: ${where}`);
        } else if (c.table === 'SCHEDULERS') {
          const s = entry(c.line) as { branch?: string };
          if (s.branch === undefined || !branchesTouched.has(s.branch)) stray.push(`scheduler of an unaffected branch: ${where}`);
        } else stray.push(`outside the tables: ${where}`);
      }
      expect(stray, shown).toEqual([]);
    });
  }

  it('a builder\'s step keys and steps are the same in a fleet with only its own definition', () => {
    const full = baseline();
    const entries = (cfg: string) => new Map(classify(cfg).filter((l) => l.table === 'STEPS').map((l) => [stepKey(l.line), l.line.replace(/,$/, '')]));
    const fullSteps = entries(full.cfg);
    const lines = original.builders.split('\n');
    const start = lines.indexOf('builders:') + 1;
    // Every fifth one-line definition: enough kinds and workers, in a few seconds.
    const defs = lines.slice(start).filter((l) => /^ {2}- \{ name: .*\}$/.test(l)).filter((_, i) => i % 5 === 0);
    expect(defs.length).toBeGreaterThan(5);
    for (const def of defs) {
      const alone = generate({ ...original, builders: `${lines.slice(0, start).join('\n')}\n${def}\n` });
      const aloneSteps = entries(alone.cfg);
      for (const b of alone.builders) {
        const there = full.builders.find((x) => x.builddir === b.builddir)!;
        expect(b.step_keys, `${b.name}: keys`).toEqual(there.step_keys);
        for (const k of b.step_keys!) expect(aloneSteps.get(k), `${b.name}: ${k}`).toBe(fullSteps.get(k));
      }
    }
  });
});
