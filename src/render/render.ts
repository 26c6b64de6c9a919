// Stage 4: the matrix through handlebars templates into master.cfg text.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import type { BuilderMatrix } from '../types.js';
import { pyLiteral } from './python.js';

export const TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

let compiled: Handlebars.TemplateDelegate | undefined;

/** Compile templates/master.cfg.hbs with the other templates as partials. */
function template(dir = TEMPLATES_DIR): Handlebars.TemplateDelegate {
  if (compiled && dir === TEMPLATES_DIR) return compiled;
  // noEscape: handlebars' escaping is for HTML. Values reach Python only through `py`.
  const hbs = Handlebars.create();
  hbs.registerHelper('py', (value: unknown) => pyLiteral(value));
  for (const f of readdirSync(dir).sort()) {
    if (f.endsWith('.hbs') && f !== 'master.cfg.hbs') hbs.registerPartial(basename(f, '.hbs'), readFileSync(join(dir, f), 'utf8'));
  }
  const t = hbs.compile(readFileSync(join(dir, 'master.cfg.hbs'), 'utf8'), { noEscape: true, strict: true });
  if (dir === TEMPLATES_DIR) compiled = t;
  return t;
}

export interface RenderInput {
  matrix: BuilderMatrix;
  /** Names of the declaration files (base names only: the output must not depend on paths). */
  sources: string[];
}

export function render({ matrix, sources }: RenderInput, dir?: string): string {
  const builders = matrix.builders.map(({ name, worker, branch, variant, builddir, tags, scheduler, description, steps }) => ({
    name,
    worker,
    branch,
    variant,
    builddir,
    tags,
    scheduler,
    description,
    steps,
  }));
  return template(dir)({ sources, workers: matrix.workers, builders, schedulers: matrix.schedulers });
}
