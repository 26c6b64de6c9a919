// The whole pipeline: load -> validate -> expand -> render. (`write` and `check` are in output.ts.)
import { basename } from 'node:path';
import { loadYaml, type SourceFile } from './load/load.js';
import { InvalidInput, sortProblems, type Problem } from './problems.js';
import { render } from './render/render.js';
import type { BuilderMatrix, Fleet } from './types.js';
import { schemaProblems, secretProblems } from './validate/schema-check.js';
import { validate } from './validate/validate.js';
import { textProblems } from './validate/text-checks.js';

export interface Inputs {
  workers: string;
  builders: string;
}

export interface Generated {
  problems: Problem[];
  fleet: Fleet;
  matrix: BuilderMatrix;
  sources: { workers: SourceFile; builders: SourceFile };
}

/** Load and validate both files; throws InvalidInput with every problem of both. */
export function loadFleet(paths: Inputs, show: (path: string) => string = (p) => p): Generated {
  const loaded: Partial<Record<keyof Inputs, SourceFile>> = {};
  const problems: Problem[] = [];
  for (const key of ['workers', 'builders'] as const) {
    try {
      loaded[key] = loadYaml(paths[key], show(paths[key]));
    } catch (e) {
      if (!(e instanceof InvalidInput)) throw e;
      problems.push(...e.problems);
    }
  }
  if (problems.length) {
    // One file is unreadable: still report the other's own (schema) problems in this run.
    for (const key of ['workers', 'builders'] as const) {
      const src = loaded[key];
      if (src) problems.push(...schemaProblems(src, key), ...secretProblems(src), ...textProblems(src));
    }
    throw new InvalidInput(sortProblems(problems));
  }
  const sources = loaded as Record<keyof Inputs, SourceFile>;
  const checked = validate(sources.workers, sources.builders);
  if (!checked.fleet || !checked.matrix) throw new InvalidInput(checked.problems);
  return { problems: checked.problems, fleet: checked.fleet, matrix: checked.matrix, sources };
}

export function renderConfig(g: Generated, paths: Inputs): string {
  return render({ matrix: g.matrix, sources: [basename(paths.workers), basename(paths.builders)] });
}
