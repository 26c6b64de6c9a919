// `check`'s summary of what changed, in builder terms.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drift, formatDrift, tableRecords, UnreadableConfig } from '../src/explain/drift.js';
import { formatStepChange } from '../src/explain/step-drift.js';
import { driftMarkdown } from '../src/explain/drift-markdown.js';
import { pyJsonTable, pyLiteral } from '../src/render/python.js';

const ROOT = join(import.meta.dirname, '..');
const committed = readFileSync(join(ROOT, 'out', 'master.cfg'), 'utf8');
type B = { name: string; branch: string; builddir: string; tags: string[]; steps: { name: string; command?: unknown }[] };
const builders = tableRecords(committed, 'BUILDERS') as unknown as B[];

/** The committed file with its BUILDERS table replaced (steps inline, as before the STEPS table). */
function withBuilders(edit: (bs: B[]) => B[]): string {
  const next = edit(structuredClone(builders));
  return committed.replace(/^BUILDERS = [\s\S]*?^\]'''\)$/m, () => `BUILDERS = ${pyJsonTable(next, 'one-per-line')}`);
}

describe('drift', () => {
  it('finds nothing between a file and itself', () => {
    const d = drift(committed, committed);
    expect(d.builders).toEqual({ added: [], removed: [], renamed: [], changed: [] });
    expect(formatDrift(d)).toMatch(/the difference is elsewhere/);
  });

  it('names builders added, removed and changed, with the fields that changed', () => {
    const generated = withBuilders((bs) => {
      const out = bs.filter((b) => !b.name.startsWith('x86 OpenBSD '));
      for (const b of out) {
        if (b.name.startsWith('x86 Gentoo Refleaks ')) b.builddir += 's';
        // Replaced, not edited in place: builders share the step objects read from STEPS.
        if (b.name === 'x86 Tiger 3.x') b.steps = b.steps.map((s) => (s.name === 'test' ? { ...s, command: ['make', 'buildbottest'] } : s));
        if (b.name === 'Docs 2.7') b.tags = [...b.tags, 'new'];
      }
      const extra = structuredClone(out.find((b) => b.name === 'Docs 2.7')!);
      return [...out, { ...extra, name: 'Docs 3.9', branch: '3.9' }];
    });
    const d = drift(committed, generated);
    expect(d.builders.added).toEqual([{ name: 'Docs 3.9', branch: '3.9' }]);
    expect(d.builders.removed.map((e) => e.name)).toEqual(['x86 OpenBSD 2.7', 'x86 OpenBSD 3.5', 'x86 OpenBSD 3.6', 'x86 OpenBSD 3.x', 'x86 OpenBSD custom']);
    expect(d.builders.changed).toContainEqual({ name: 'x86 Tiger 3.x', branch: '3.x', fields: ['steps (test)'] });
    expect(d.builders.changed).toContainEqual({ name: 'Docs 2.7', branch: '2.7', fields: ['tags (+new)'] });
    expect(d.builders.changed.filter((c) => c.fields.includes('builddir'))).toHaveLength(5);

    const text = formatDrift(d);
    expect(text).toContain('builders removed (5):\n    x86 OpenBSD (2.7, 3.5, 3.6, 3.x, custom)\n');
    expect(text).toContain('builders added (1):\n    Docs (3.9)\n');
    expect(text).toMatch(/x86 Gentoo Refleaks \(2\.7, 3\.5, 3\.6, 3\.x, custom\): builddir \(renamed: the worker starts from scratch/);
    expect(text).toContain('x86 Tiger (3.x): steps (test)');
  });

  it('says which steps were added or removed, and when only their order changed', () => {
    const added = drift(committed, withBuilders((bs) => bs.map((b) => (b.name === 'Docs 2.7' ? { ...b, steps: [...b.steps, { name: 'extra', kind: 'shell', command: ['true'] }] } : b))));
    expect(added.builders.changed).toEqual([{ name: 'Docs 2.7', branch: '2.7', fields: ['steps (+extra)'] }]);
    const reordered = drift(committed, withBuilders((bs) => bs.map((b) => (b.name === 'Docs 2.7' ? { ...b, steps: [...b.steps].reverse() } : b))));
    expect(reordered.builders.changed).toEqual([{ name: 'Docs 2.7', branch: '2.7', fields: ['steps (order)'] }]);
  });

  it('tells a changed command once per variant and step, old → new, with the number of builders', () => {
    const debug = builders.filter((b) => (b as B & { variant: string }).variant === 'debug');
    const generated = withBuilders((bs) =>
      bs.map((b) => ((b as B & { variant: string }).variant !== 'debug' ? b : { ...b, steps: b.steps.map((s) => (s.name === 'configure' ? { ...s, command: [...(s.command as string[]), '--with-assertions'] } : s)) })),
    );
    const d = drift(committed, generated);
    expect(d.steps).toEqual([{ variant: 'debug', step: 'configure', change: '+--with-assertions', builders: debug.length }]);
    expect(formatDrift(d)).toContain(`  steps changed (1):\n    debug: configure +--with-assertions (${debug.length} builders)\n`);
    expect(driftMarkdown(d, { title: 't' })).toContain(`**Steps changed (1)**\n\n- \`debug: configure +--with-assertions (${debug.length} builders)\`\n`);
    const timeout = drift(committed, withBuilders((bs) => bs.map((b) => (b.name === 'Docs 2.7' ? { ...b, steps: b.steps.map((s) => (s.name === 'docs-html' ? { ...s, timeout: 4321, command: ['make', 'x'] } : s)) } : b))));
    expect(timeout.steps).toHaveLength(1);
    expect(formatStepChange(timeout.steps[0]!)).toMatch(/^docs: docs-html (.*)timeout \S+ → 4321 \(1 builder\)$/);
  });

  it('tells a changed shell command line (a string) word by word, however long it is', () => {
    const shell = builders.flatMap((b) => b.steps.filter((s) => typeof s.command === 'string').map((s) => [b, s] as const));
    expect(shell.length).toBeGreaterThan(0);
    const [b0, s0] = shell[0]!;
    const long = `${'x'.repeat(80)} ${s0.command as string}`;
    const before = withBuilders((bs) => bs.map((b) => (b.name === b0.name ? { ...b, steps: b.steps.map((s) => (s.name === s0.name ? { ...s, command: long } : s)) } : b)));
    const after = withBuilders((bs) => bs.map((b) => (b.name === b0.name ? { ...b, steps: b.steps.map((s) => (s.name === s0.name ? { ...s, command: `${long} --verbose` } : s)) } : b)));
    const d = drift(before, after);
    expect(d.steps.map(formatStepChange)).toEqual([`${(b0 as B & { variant: string }).variant}: ${s0.name} (shell) +--verbose (1 builder)`]);
  });

  it('says unstable → stable for a promotion, and that a renamed builder starts a new build history', () => {
    const unstable = builders.find((b) => b.tags.includes('unstable'))!;
    const promoted = drift(committed, withBuilders((bs) => bs.map((b) => (b.name === unstable.name ? { ...b, tags: b.tags.map((t) => (t === 'unstable' ? 'stable' : t)) } : b))));
    expect(promoted.builders.changed).toEqual([{ name: unstable.name, branch: unstable.branch, fields: ['tags (unstable → stable)'] }]);
    const renamed = drift(committed, withBuilders((bs) => bs.map((b) => (b.name.startsWith('x86 Tiger ') ? { ...b, name: b.name.replace('x86 Tiger', 'x86 Mac OS X Tiger') } : b))));
    expect(renamed.builders.added).toEqual([]);
    expect(renamed.builders.removed).toEqual([]);
    expect(formatDrift(renamed)).toMatch(/builders renamed \(\d+\):\n    x86 Mac OS X Tiger \([^)]*\): was x86 Tiger; Buildbot starts a new build history under the new name\n/);
  });

  it('reads steps through the STEPS table, and fails on a key that is not in it', () => {
    expect(committed).toMatch(/^STEPS = json\.loads\(r'''\{$/m);
    expect(builders.every((b) => b.steps.every((s) => typeof s === 'object' && typeof s.name === 'string'))).toBe(true);
    expect(() => drift(committed, committed.replace(/^ {4}"debug\/configure": /m, '    "debug/configured": '))).toThrow(/step "debug\/configure" is not in `STEPS`/);
  });

  it('throws on a file without a readable BUILDERS table (the CLI then shows the diff only)', () => {
    expect(() => drift('# hand-edited\n', committed)).toThrow(UnreadableConfig);
    expect(() => drift(committed.replace("BUILDERS = json.loads(r'''[", "BUILDERS = json.loads(r'''[oops"), committed)).toThrow(/`BUILDERS`: BUILDERS: Unexpected token/);
    expect(() => drift(committed.replace("BUILDERS = json.loads(r'''[", 'BUILDERS = [oops'), committed)).toThrow(/`BUILDERS`: expected a literal/);
  });

  it('reads a master.cfg whose tables are Python literals (as before they were JSON) the same', () => {
    const asLiterals = committed.replace(/^(\w+) = json\.loads\(r'''([\s\S]*?)'''\)$/gm, (_, name: string, json: string) => `${name} = ${pyLiteral(JSON.parse(json))}`);
    expect(asLiterals).not.toContain('json.loads(');
    expect(tableRecords(asLiterals, 'BUILDERS')).toEqual(builders);
    expect(drift(asLiterals, committed).builders).toEqual({ added: [], removed: [], renamed: [], changed: [] });
  });
});
