// Workers: names are unique, and a well-formed `<owner>-<suffix>` name agrees with its
// `owner`. Fills in each worker's defaults.
import type { Worker } from '../../types.js';
import { type CheckRule, type Checker, items, type Obj, str, VALID_WORKER_NAME } from './context.js';

export interface CheckedWorkers {
  /** The entries of `workers` that are mappings, with their index. */
  raw: [number, Obj][];
  /** One per distinct name, defaults filled in. */
  workers: Worker[];
  /** Each name's first index in `workers`. */
  at: Map<string, number>;
}

export function checkWorkers(c: Checker, checkRule: CheckRule): CheckedWorkers {
  const { w, wd } = c;
  const rawWorkers = items(wd.workers);
  const workers: Worker[] = [];
  const workerAt = new Map<string, number>();
  for (const [i, raw] of rawWorkers) {
    const name = str(raw.name);
    if (name === undefined) continue;
    const first = workerAt.get(name);
    if (first !== undefined) {
      c.report(w, ['workers', i, 'name'], `duplicate worker \`${name}\`: already declared at line ${w.locate(['workers', first, 'name']).line}`, 'duplicate-worker');
      continue;
    }
    workerAt.set(name, i);
    const owner = str(raw.owner);
    const prefix = name.split('-')[0]!;
    // A malformed name is the schema's error; comparing the owner with it would only add noise.
    if (owner !== undefined && owner !== prefix && VALID_WORKER_NAME.test(name)) {
      c.report(w, ['workers', i, 'owner'], `owner \`${owner}\` does not match the worker name \`${name}\`: worker names are \`<owner>-<suffix>\`, so the owner should be \`${prefix}\` (or the name \`${owner}-${name.split('-').slice(1).join('-')}\`)`, 'owner-mismatch');
    }
    const branchesRule = raw.branches !== undefined ? checkRule(w, ['workers', i, 'branches'], raw.branches) : undefined;
    workers.push(<Worker>{
      max_builds: 1,
      pty: false,
      online: true,
      ...(raw as Partial<Worker>),
      ...(branchesRule ? { branches: branchesRule } : {}),
    });
  }
  return { raw: rawWorkers, workers, at: workerAt };
}
