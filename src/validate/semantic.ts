// The checks a schema cannot say: references, uniqueness, variant/OS fit, and the
// builder-level checks on the expanded matrix (names, directories, schedules).
// The data may still hold schema errors here, so every access is guarded: we report
// every problem we can find in one run. Each section lives in ./semantic/.
import type { SourceFile } from '../load/load.js';
import { hasErrors, type Problem } from '../problems.js';
import type { BuilderMatrix, Fleet } from '../types.js';
import { checkBranches } from './semantic/branches.js';
import { checkBuilders } from './semantic/builders.js';
import { Checker } from './semantic/context.js';
import { checkMatrix } from './semantic/matrix-checks.js';
import { checkSchedulers } from './semantic/schedulers.js';
import { checkVariants } from './semantic/variants.js';
import { checkWorkers } from './semantic/workers.js';

export interface Checked {
  problems: Problem[];
  /** Present when there is no error (warnings allowed). */
  fleet?: Fleet;
  matrix?: BuilderMatrix;
}

export function checkFleet(w: SourceFile, b: SourceFile, schemaOk = true): Checked {
  const c = new Checker(w, b);
  const branches = checkBranches(c);
  const { defaults, schedulers } = checkSchedulers(c, branches);
  const variants = checkVariants(c, defaults, schedulers, branches.checkRule);
  const workers = checkWorkers(c, branches.checkRule);
  const { defs, defIndex } = checkBuilders(c, workers, variants, branches.checkRule);
  if (!schemaOk || hasErrors(c.problems)) return { problems: c.problems };

  const fleet: Fleet = { workers: workers.workers, branches: branches.branches, variants: variants.variants, schedulers, builders: defs, defaults };
  const matrix = checkMatrix(c, fleet, branches.names, defIndex);
  if (hasErrors(c.problems)) return { problems: c.problems };
  return { problems: c.problems, fleet, matrix };
}
