// The checks a schema cannot say: references, uniqueness, kind/OS fit, branch features.
// The data may still hold schema errors here, so every access is guarded: we report
// every problem we can find in one run. Each section lives in ./semantic/. The checks that
// need the expanded matrix are in ./semantic/matrix-checks.ts (a later stage).
import type { SourceFile } from '../load/load.js';
import { hasErrors, type Problem } from '../model/problems.js';
import type { Fleet } from '../model/types.js';
import { checkBranches } from './semantic/branches.js';
import { checkBuilders } from './semantic/builders.js';
import { Checker } from './semantic/context.js';
import { checkMaster } from './semantic/master.js';
import { checkOwners } from './semantic/owners.js';
import { checkSchedulers } from './semantic/schedulers.js';
import { checkVariants } from './semantic/variants.js';
import { checkWorkers } from './semantic/workers.js';
import { checkStepNames } from './semantic/step-names.js';
import { changeReader } from './semantic/step-changes.js';
import { isObj } from './semantic/context.js';

export interface Validated {
  problems: Problem[];
  /** Present when there is no error (warnings allowed). */
  fleet?: Fleet;
  /** Each definition's index in the `builders` list of the file, for locating it. */
  defIndex?: number[];
}

export function checkFleet(w: SourceFile, b: SourceFile, schemaOk = true): Validated {
  const c = new Checker(w, b);
  const { master, features } = checkMaster(c);
  const branches = checkBranches(c);
  const { defaults, schedulers } = checkSchedulers(c, branches);
  const reader = changeReader(c, branches.checkRule, isObj(c.bd.features) ? Object.keys(c.bd.features) : []);
  const variants = checkVariants(c, defaults, schedulers, branches.checkRule, reader);
  const workers = checkWorkers(c, branches.checkRule);
  const { defs, defIndex } = checkBuilders(c, workers, variants, branches.checkRule, reader);
  const owners = checkOwners(c);
  if (!schemaOk || hasErrors(c.problems)) return { problems: c.problems };
  const fleet: Fleet = { workers: workers.workers, branches: branches.branches, features, master, variants: variants.variants, schedulers, builders: defs, defaults, ...owners };
  // Step names need the fleet: the families make them.
  checkStepNames(c, fleet);
  if (hasErrors(c.problems)) return { problems: c.problems };
  return { problems: c.problems, fleet, defIndex };
}
