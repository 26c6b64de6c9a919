// Messages say things in words: no regular expression, hidden characters escaped, a builder
// without `stability` visibly unstable, and commands that work as printed.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { formatProblems } from '../src/cli/print-problems.js';
import { patternRule } from '../src/validate/schema-check.js';
import { patternWords } from '../src/validate/pattern-words.js';
import { buildersSchema, workersSchema } from '../src/validate/schemas.js';

const ROOT = join(import.meta.dirname, '..');

/** Every `pattern` of both schemas with the schema that holds it. */
function patterns(node: unknown, out: [string, Record<string, unknown>][] = []): [string, Record<string, unknown>][] {
  if (Array.isArray(node)) node.forEach((n) => patterns(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (typeof o.pattern === 'string') out.push([o.pattern, o]);
    Object.values(o).forEach((v) => patterns(v, out));
  }
  return out;
}

describe('patterns in words', () => {
  const all = [...patterns(workersSchema), ...patterns(buildersSchema)];

  it.each(all.map(([p, s]) => [p, s] as const))('%s', (p, s) => {
    const rule = patternRule(p, s);
    expect(rule.length).toBeGreaterThan(10);
    expect(rule).not.toContain(p);
    // Nothing that only a regular expression would say.
    expect(rule).not.toMatch(/\^\[|\]\*\$|\]\+\$|\(\?[:!<=]|\\p\{|\\\.|must match/);
  });

  it.each([
    ['^[a-z][a-z0-9-]*$', 'it is lower-case letters, digits and `-`, starting with a lower-case letter'],
    ['^[0-9]+\\.[0-9]+$', 'it is one or more digits, then `.`, then one or more digits'],
    ['^[A-Za-z0-9._/-]+$', 'it holds only letters, digits, `.`, `_`, `/` and `-`'],
    ['^\\d{4}$', 'it is 4 digits'],
    ['^[a-z]{2,8}$', 'it is 2 to 8 lower-case letters'],
    ['^(?:a|b)$', undefined],
    ['^[^x]+$', undefined],
  ])('reads %s', (p, words) => expect(patternWords(p)).toBe(words));
});

describe('hidden characters in reports', () => {
  it('are escaped in the message and the source line, and the caret follows the escapes', () => {
    const dir = join(ROOT, 'test', 'lint', 'base');
    const line = readFileSync(join(dir, 'workers.yaml'), 'utf8').split('\n')[2]!; // "  - name: koobs-freebsd10"
    expect(line).toBe('  - name: koobs-freebsd10');
    const text = formatProblems([{ file: 'workers.yaml', line: 3, col: 11, message: 'a\u200bb \u202e c\u00a0d', rule: 'unknown-value', severity: 'error' }], { color: false, cwd: dir });
    expect(text.split('\n')[0]).toBe('workers.yaml:3:11: a\\u200bb \\u202e c\\u00a0d [unknown-value]');
    expect(text).not.toMatch(/[\u200b\u202e\u00a0]/);
  });

  it('a caret after a hidden character moves with its escape', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'hidden-'));
    try {
      writeFileSync(join(dir, 'x.yaml'), 'name: a\u200bb: c\n');
      const text = formatProblems([{ file: 'x.yaml', line: 1, col: 10, message: 'm', rule: 'unknown-value', severity: 'error' }], { color: false, cwd: dir });
      const [, src, caret] = text.split('\n');
      expect(src).toBe('  name: a\\u200bb: c');
      expect(src![caret!.indexOf('^')]).toBe(':'); // col 10 is the second `:`
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('stability', () => {
  it('a builder without `stability` is shown as unstable', async () => {
    let out = '';
    await main(['explain', 'bolen-dmg-3.x'], { out: (s) => void (out += s), err: () => {}, env: { NO_COLOR: '1' }, cwd: ROOT });
    expect(out).toMatch(/^ {2}stability +unstable \(no `stability` given: new builders start unstable\)$/m);
    out = '';
    await main(['explain', 'AMD64 Windows8 3.x'], { out: (s) => void (out += s), err: () => {}, env: { NO_COLOR: '1' }, cwd: ROOT });
    expect(out).toMatch(/^ {2}stability +stable$/m);
    out = '';
    await main(['matrix', '--json'], { out: (s) => void (out += s), err: () => {}, env: { NO_COLOR: '1' }, cwd: ROOT });
    expect(out).toMatch(/"name": "bolen-dmg-3\.x",[^}]*"stability": "unstable"/);
  });
});

describe('suggested commands', () => {
  it('every command a message suggests is one that runs: `npx buildmaster-gen ...` or `npm run ...`', () => {
    const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
    const bare: string[] = [];
    // (schemas.ts names the command in the schemas' `$comment`, for whoever edits them: not a message.)
    for (const f of files(join(ROOT, 'src')).filter((x) => !x.endsWith('schemas.ts'))) {
      for (const line of readFileSync(f, 'utf8').split('\n')) {
        if (/^\s*(\/\/|\*|\/\*\*)/.test(line)) continue; // comments
        for (const m of line.matchAll(/`(buildmaster-gen (?:validate|generate|check|explain|matrix|schema|changes|help)\b)/g)) bare.push(`${f}: ${m[1]}`);
      }
    }
    // `buildmaster-gen` alone is not on PATH after `npm ci`: it must be `npx buildmaster-gen` (or an npm script).
    expect(bare).toEqual([]);
  });
});

describe('the edits of a living fleet (issue 17), on a copy of the 2026 snapshot', () => {
  const SNAPSHOT = join(ROOT, 'test/fixtures/cpython-2026-af48ad7');
  /** `validate` on a copy of the snapshot with `edit` applied to one file; `lines(text)`: the lines of builders.yaml holding `text`. */
  const validateEdited = async (file: 'workers.yaml' | 'builders.yaml', edit: (text: string) => string) => {
    const { mkdtempSync, writeFileSync, rmSync, copyFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'living-'));
    try {
      for (const f of ['workers.yaml', 'builders.yaml']) copyFileSync(join(SNAPSHOT, f), join(dir, f));
      const text = readFileSync(join(dir, file), 'utf8');
      const edited = edit(text);
      expect(edited).not.toBe(text);
      writeFileSync(join(dir, file), edited);
      let err = '';
      const code = await main(['validate'], { out: () => {}, err: (s) => void (err += s), env: { NO_COLOR: '1' }, cwd: dir });
      const builders = readFileSync(join(dir, 'builders.yaml'), 'utf8').split('\n');
      return { code, err, lines: (n: string) => builders.flatMap((l, i) => (l.includes(n) ? [i + 1] : [])) };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it('a worker removed but not its six definitions: one error naming each definition by line, saying to remove or move them', async () => {
    const worker = 'cstratak-fedora-stable-x86_64';
    const r = await validateEdited('workers.yaml', (t) => {
      const at = t.indexOf(`  - name: ${worker}\n`);
      return t.slice(0, at) + t.slice(t.indexOf('  - name:', at + 5));
    });
    expect(r.code).toBe(2);
    const errors = r.err.split('\n').filter((l) => /\[unknown-worker\]$/.test(l));
    expect(errors).toHaveLength(1);
    const lines = r.lines(`worker: ${worker},`);
    expect(lines).toHaveLength(6);
    expect(errors[0]).toMatch(new RegExp(`^builders\\.yaml:${lines[0]}:\\d+: unknown worker \`${worker}\` is named by 6 definitions: builders\\.yaml:${lines[0]} \\(\`AMD64 Fedora Stable\`\\), `));
    for (const l of lines) expect(errors[0]).toContain(`builders.yaml:${l} (\``);
    expect(errors[0]).toContain('`AMD64 Fedora Stable Clang Installed`');
    expect(errors[0]).toContain('if it was removed, remove these definitions or move them to another worker');
    expect(r.err).not.toContain('did you mean');
    expect(r.err).toMatch(/^1 error\(s\), \d+ warning\(s\)$/m); // the snapshot's own warnings (newer rules) aside
  });

  it('`only: [main]`: main is the git ref of branch 3.x', async () => {
    const r = await validateEdited('builders.yaml', (t) => t.replace('variant: valgrind, tier: tier-1, stability: unstable, branches: { only: ["3.x", PR] } }', 'variant: valgrind, tier: tier-1, stability: unstable, branches: { only: [main, PR] } }'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^builders\.yaml:\d+:\d+: unknown branch `main`; `main` is the git ref of branch `3\.x`: write `3\.x` \(branches: [^)]*\) \[unknown-branch\]$/m);
    expect(r.err).not.toContain('did you mean');
  });
});
