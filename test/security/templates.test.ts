// Every value reaches master.cfg through `{{py ...}}` (a Python literal) or `{{data ...}}` (JSON in
// a raw string, for the big tables): the templates are linted for any other interpolation, and a render with sentinel values shows none slipped past `py`.
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { render, TEMPLATES_DIR } from '../../src/render/render.js';
import { jsonString, pyString } from '../../src/render/python.js';
import type { BuilderMatrix } from '../../src/model/types.js';
import { tempDir } from '../pipeline/helpers.js';
import { readBack } from './harness.js';

type Node = hbs.AST.Node & Record<string, unknown>;

/** What is wrong with a template: anything that is not text, a comment, a partial, `{{py <path>}}`, `{{data <path>}}`,
 *  or an `{{#if <path>}}...{{else}}...{{/if}}` around those (it tests a value, never writes it). */
export function lintTemplate(source: string): string[] {
  const problems: string[] = [];
  const visit = (node: Node) => {
    const at = `line ${(node.loc as hbs.AST.SourceLocation | undefined)?.start.line ?? '?'}`;
    switch (node.type) {
      case 'Program':
        (node.body as Node[]).forEach(visit);
        return;
      case 'ContentStatement':
      case 'CommentStatement':
        return;
      case 'PartialStatement': {
        const name = node.name as Node;
        if (name.type !== 'PathExpression' || (node.params as Node[]).length || node.hash) problems.push(`${at}: a partial must be a plain {{> name}}`);
        return;
      }
      case 'MustacheStatement': {
        const path = node.path as Node;
        const params = node.params as Node[];
        const ok = node.escaped === true && path.type === 'PathExpression' && (path.original === 'py' || path.original === 'data') && params.length === 1 && params[0]!.type === 'PathExpression' && !node.hash;
        if (!ok) problems.push(`${at}: only {{py <value>}} or {{data <value>}} may interpolate a value`);
        return;
      }
      case 'BlockStatement': {
        const path = node.path as Node;
        const params = node.params as Node[];
        const ok = path.type === 'PathExpression' && path.original === 'if' && params.length === 1 && params[0]!.type === 'PathExpression' && !node.hash;
        if (!ok) problems.push(`${at}: only {{#if <value>}} blocks are allowed (other block helpers bypass py)`);
        else for (const body of [node.program, node.inverse] as (Node | null)[]) if (body) visit(body);
        return;
      }
      default:
        problems.push(`${at}: ${node.type} is not allowed (block helpers and raw output bypass py)`);
    }
  };
  visit(Handlebars.parse(source) as unknown as Node);
  return problems;
}

const templates = readdirSync(TEMPLATES_DIR).filter((f) => f.endsWith('.hbs'));

/** Whether a template holds a Handlebars expression (anything but text and comments). */
export function fillsIn(source: string): boolean {
  return (Handlebars.parse(source).body as Node[]).some((n) => n.type !== 'ContentStatement' && n.type !== 'CommentStatement');
}

describe('templates', () => {
  it.each(templates)('%s interpolates values only through {{py ...}} or {{data ...}}', (file) => {
    expect(lintTemplate(readFileSync(join(TEMPLATES_DIR, file), 'utf8'))).toEqual([]);
  });

  // Fixed Python lives in templates/python/*.py (a package beside master.cfg); a template
  // is only what is filled in from data.
  it.each(templates)('%s fills in something from data (fixed code belongs in templates/python/)', (file) => {
    expect(fillsIn(readFileSync(join(TEMPLATES_DIR, file), 'utf8')), `${file} has no Handlebars expression: move it to templates/python/`).toBe(true);
  });

  it('the fill-in test tells a template from fixed text', () => {
    expect(fillsIn('x = 1\n{{! only a comment }}\n')).toBe(false);
    expect(fillsIn('x = {{py x}}\n')).toBe(true);
    expect(fillsIn('{{#if a}}y = 1{{/if}}\n')).toBe(true);
  });

  it('the lint catches every other way to interpolate', () => {
    for (const bad of ['{{name}}', '{{{name}}}', '{{& name}}', '{{#each xs}}{{py this}}{{/each}}', '{{#if x}}{{x}}{{/if}}', '{{#if x}}{{else}}{{{x}}}{{/if}}', '{{#if (f x)}}{{/if}}', '{{#unless x}}{{/unless}}', '{{py a b}}', '{{py "lit"}}', '{{py (lookup a "b")}}', '{{data a b}}', '{{{data a}}}', '{{> (dyn) }}', '{{> part x=y}}', '{{{{raw}}}}{{x}}{{{{/raw}}}}']) {
      expect(lintTemplate(bad), bad).not.toEqual([]);
    }
    expect(lintTemplate('x = {{py workers}}\ny = {{data steps}}\n{{! note }}\n{{> settings}}')).toEqual([]);
  });
});

/** A different sentinel for every string in the matrix: quotes and a newline, so a raw paste shows. */
function sentinelMatrix(): { matrix: BuilderMatrix; sentinels: string[] } {
  const sentinels: string[] = [];
  const s = () => {
    const v = `S${sentinels.length}"\n'\\{{é`;
    sentinels.push(v);
    return v;
  };
  const matrix: BuilderMatrix = {
    master: {
      test_warning_patterns: [s()],
      source: { step: 'GitHub', args: { mode: s() } },
      test_results_dest: s(),
      worker_properties: true,
      cpu_lock: true,
      builder_descriptions: true,
      github: false,
      www_plugins: [s()],
      www: { roles: { admins: s(), owner: s(), teams_prefix: s() }, allow: { force: [s()], control: [s(), s()] }, unmatched_control: 'deny' },
    },
    branches: [],
    exclusions: [],
    workers: [{ name: s(), owner: s(), os: s(), arch: s(), max_builds: 1, online: true, notes: s() }],
    builders: [
      {
        name: s(),
        source: 0,
        def: s(),
        worker: s(),
        branch: s(),
        variant: s(),
        builddir: s(),
        tags: [s(), s()],
        scheduler: s(),
        description: s(),
        steps: [
          { name: s(), kind: 'git' },
          { name: s(), kind: 'shell', command: [s(), { setting: 'dmg_python' }], workdir: s(), timeout: 5, pty: true },
          { name: s(), kind: 'clean', command: s() },
          { name: s(), kind: 'upload', src: s(), dest: { setting: 'dmg_upload_dir' } },
        ],
      },
    ],
    schedulers: [
      { kind: 'change', name: s(), branch: s(), git_branch: s(), ignore_paths: [s()], builders: [s()] },
      { kind: 'nightly', name: s(), branch: s(), git_branch: s(), hour: 1, minute: 2, builders: [s()] },
      { kind: 'force', name: s(), builders: [s()] },
    ],
  };
  return { matrix, sentinels };
}

describe('rendering sentinel values', () => {
  const { matrix, sentinels } = sentinelMatrix();
  const sources = [`W"\n`, `B'\n\\`];
  const text = render({ matrix, sources });
  const rendered = sentinels.filter((v) => text.includes(pyString(v)) || text.includes(jsonString(v)));

  it('never pastes a value raw, and escapes each one it writes', () => {
    for (const v of [...sentinels, ...sources]) expect(text).not.toContain(v);
    // Not rendered: `def` and `source` (they serve problems and explain), and the schedulers'
    // member lists (master.cfg takes them from the BUILDERS rows: one line per builder).
    expect(sentinels.length - rendered.length).toBe(4);
    expect(text).toMatch(/^[\x20-\x7e\n]*$/);
  });

  it('would show a raw paste (a template copy that pastes one value)', () => {
    const dir = tempDir('bmg-templates-');
    cpSync(TEMPLATES_DIR, dir, { recursive: true });
    writeFileSync(join(dir, 'master.cfg.hbs'), `# {{{builders.0.description}}}\n${readFileSync(join(dir, 'master.cfg.hbs'), 'utf8')}`);
    expect(render({ matrix, sources }, dir)).toContain(matrix.builders[0]!.description);
  });

  it('reads back in Python as exactly the data given', () => {
    const builders = matrix.builders.map(({ source: _s, def: _d, ...rest }) => rest);
    const { failures } = readBack([
      {
        id: 'sentinels',
        text,
        expect: [
          ['SOURCES', [], sources],
          ['WORKERS', [], matrix.workers],
          ['BUILDERS', [], builders],
          // Members as master.cfg takes them from the rows (the sentinels' keys match no row; force runs all).
          ['SCHEDULERS', [], matrix.schedulers.map((s) => ({ ...s, builders: s.kind === 'force' ? builders.map((b) => b.name) : [] }))],
        ],
      },
    ]);
    expect(failures).toEqual([]);
  });
});
