// The whole pipeline, stage by stage: load -> validate -> expand -> check the matrix ->
// render. (`write` and `check` of out/ are in output.ts.)
import { basename } from 'node:path';
import { expand } from './expand/expand.js';
import { loadYaml, type SourceFile } from './load/load.js';
import { hasErrors, InvalidInput, sortProblems, type Problem } from './model/problems.js';
import { render } from './render/render.js';
import { moduleFiles, type OutputFile } from './render/module.js';
import { OUTPUT_FILE } from './render/out-files.js';
import type { BuilderMatrix, Fleet } from './model/types.js';
import { schemaProblems, secretProblems } from './validate/schema-check.js';
import { checkMatrix } from './validate/semantic/matrix-checks.js';
import { validate } from './validate/validate.js';
import { textProblems } from './validate/text-checks.js';

export interface Inputs {
  workers: string;
  builders: string;
}

export interface Analysed {
  problems: Problem[];
  /** Both present when there is no error (warnings allowed). */
  fleet?: Fleet;
  matrix?: BuilderMatrix;
}

/** Stages 2-4 on loaded files: validate, expand, check the matrix. */
export function analyse(workers: SourceFile, builders: SourceFile): Analysed {
  const validated = validate(workers, builders);
  if (!validated.fleet || !validated.defIndex) return { problems: validated.problems };
  const matrix = expand(validated.fleet);
  const problems = sortProblems([...validated.problems, ...checkMatrix(workers, builders, validated.fleet, validated.defIndex, matrix)]);
  if (hasErrors(problems)) return { problems };
  return { problems, fleet: validated.fleet, matrix };
}

export interface Generated {
  problems: Problem[];
  fleet: Fleet;
  matrix: BuilderMatrix;
  sources: { workers: SourceFile; builders: SourceFile };
}

/** Load and analyse both files; throws InvalidInput with every problem of both. */
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
  const checked = analyse(sources.workers, sources.builders);
  if (!checked.fleet || !checked.matrix) throw new InvalidInput(checked.problems);
  return { problems: checked.problems, fleet: checked.fleet, matrix: checked.matrix, sources };
}

export function renderConfig(g: Generated, paths: Inputs): string {
  return render({ matrix: g.matrix, sources: [basename(paths.workers), basename(paths.builders)] });
}

/** Every file of out/: master.cfg, then the package of fixed Python it imports. */
export function renderOutputs(g: Generated, paths: Inputs): OutputFile[] {
  return [{ path: OUTPUT_FILE, text: renderConfig(g, paths) }, ...moduleFiles()];
}
