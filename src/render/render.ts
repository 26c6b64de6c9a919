// Stage 4: the matrix through handlebars templates into master.cfg text.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createRequire } from 'node:module';
import type Handlebars from 'handlebars';
// A static import: the bundle (scripts/bundle.mjs) carries handlebars' runtime (18 files that
// Node would otherwise resolve and read one by one on every run).
import handlebarsRuntime from 'handlebars/runtime.js';
import type { Builder, BuilderMatrix, SchedulerOut } from '../model/types.js';
import { pyJsonTable, pyLiteral } from './python.js';
import { stepsTable } from './steps-table.js';

import { TEMPLATES_DIR } from './templates-dir.js';

export { TEMPLATES_DIR };

let compiled: Handlebars.TemplateDelegate | undefined;

/** Compile templates/master.cfg.hbs with the other templates as partials. */
function template(dir = TEMPLATES_DIR): Handlebars.TemplateDelegate {
  if (compiled && dir === TEMPLATES_DIR) return compiled;
  const require = createRequire(import.meta.url);
  const pre = dir === TEMPLATES_DIR ? precompiled(require, dir) : undefined;
  if (pre) {
    // The build's precompiled templates (scripts/precompile.mjs) need only handlebars' runtime.
    const hbs = (handlebarsRuntime as unknown as typeof Handlebars).create();
    registerHelpers(hbs);
    for (const [name, spec] of Object.entries(pre.partials)) hbs.registerPartial(name, hbs.template(spec));
    return (compiled = hbs.template(pre.main));
  }
  // noEscape: handlebars' escaping is for HTML. Values reach Python only through `py`.
  const hbs = (require('handlebars') as typeof Handlebars).create();
  registerHelpers(hbs);
  for (const f of readdirSync(dir).sort()) {
    if (f.endsWith('.hbs') && f !== 'master.cfg.hbs') hbs.registerPartial(basename(f, '.hbs'), readFileSync(join(dir, f), 'utf8'));
  }
  const t = hbs.compile(readFileSync(join(dir, 'master.cfg.hbs'), 'utf8'), { noEscape: true, strict: true });
  if (dir === TEMPLATES_DIR) compiled = t;
  return t;
}

/** A table written one entry a line (STEPS): `{{data}}` writes it so. */
class Table {
  constructor(readonly entries: Record<string, unknown>) {}
}

/** A list written one item a line (BUILDERS, WORKERS, SCHEDULERS): `{{data}}` writes it so. Still an
 *  array, so a template reads it as before. */
class Rows<T> extends Array<T> {}

function registerHelpers(hbs: typeof Handlebars) {
  hbs.registerHelper('py', (value: unknown) => pyLiteral(value));
  // The big tables: JSON that master.cfg reads with json.loads, laid out for one-line diffs.
  hbs.registerHelper('data', (value: unknown) =>
    value instanceof Table ? pyJsonTable(value.entries, 'one-per-line') : value instanceof Rows ? pyJsonTable([...value], 'one-per-line') : pyJsonTable(value, 'literal'),
  );
}

interface Precompiled {
  sources: Record<string, string>;
  main: TemplateSpecification;
  partials: Record<string, TemplateSpecification>;
}

/** dist/render/templates.cjs, when it was made from the templates now in `dir`; else
 *  undefined (missing, or stale: a template was edited, added or removed since the build). */
function precompiled(require: NodeRequire, dir: string): Precompiled | undefined {
  let pre: Precompiled;
  try {
    pre = require('../render/templates.cjs'); // `../render/`: also from the bundle in dist/cli/ (scripts/bundle.mjs)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') return undefined;
    throw e;
  }
  const files = readdirSync(dir).filter((f) => f.endsWith('.hbs')).sort();
  const fresh = files.length === Object.keys(pre.sources).length && files.every((f) => pre.sources[f] === readFileSync(join(dir, f), 'utf8'));
  return fresh ? pre : undefined;
}

export interface RenderInput {
  matrix: BuilderMatrix;
  /** Names of the declaration files (base names only: the output must not depend on paths). */
  sources: string[];
}

/** Builders in the order master.cfg lists them: branch by branch, then by builder directory
 *  (unique, and kept by a rename): never by where a definition is written in the YAML, so
 *  moving one changes nothing. */
export function builderOrder(matrix: Pick<BuilderMatrix, 'branches' | 'builders'>): Builder[] {
  const rank = new Map(matrix.branches.map((b, i) => [b.name, i]));
  const at = (b: Builder) => rank.get(b.branch) ?? matrix.branches.length;
  return [...matrix.builders].sort((x, y) => at(x) - at(y) || (x.builddir < y.builddir ? -1 : x.builddir > y.builddir ? 1 : 0));
}

/** A scheduler as master.cfg's SCHEDULERS holds it: which builders it runs is said by their
 *  rows (branch and schedule key), so each builder is named on one line of the file. */
function schedulerRow({ builders: _members, stable_builders: _stable, ...s }: SchedulerOut): Omit<SchedulerOut, 'builders'> {
  return s;
}

/** A builder as master.cfg's BUILDERS holds it, its steps named by their keys. Fields are
 *  added one by one, the optional ones only when set (in this order: master.cfg lists them
 *  so): no spread of a little object per field and builder. */
function builderRow(b: Builder, steps: string[], descriptions: boolean): Record<string, unknown> {
  const row: Record<string, unknown> = { name: b.name, worker: b.worker };
  if (b.workers) row.workers = b.workers;
  row.branch = b.branch;
  row.variant = b.variant;
  row.builddir = b.builddir;
  row.tags = b.tags;
  if (b.stability) row.stability = b.stability;
  row.scheduler = b.scheduler;
  if (descriptions) row.description = b.description;
  row.steps = steps;
  if (b.downtime) row.downtime = b.downtime;
  return row;
}

export function render({ matrix, sources }: RenderInput, dir?: string): string {
  const { test_warning_patterns, source, ...master } = matrix.master;
  const ordered = builderOrder(matrix);
  const table = stepsTable(ordered);
  const builders = ordered.map((b, i) => builderRow(b, table.keys[i]!, master.builder_descriptions));
  const schedulers = Rows.from(matrix.schedulers.map(schedulerRow));
  // Pools (several workers) add a row field read by make_builder; fleets without one keep theirs.
  return template(dir)({ sources, workers: Rows.from(matrix.workers), steps: new Table(table.steps), builders: Rows.from(builders), schedulers, master, source_step: source.args, test_warning_patterns });
}
