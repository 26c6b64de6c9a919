// Workers: names are unique, and a well-formed `<owner>-<suffix>` name agrees with its
// `owner`. Fills in each worker's defaults.
import type { Worker } from '../../model/types.js';
import { ARCHES, OS_FAMILIES } from '../schemas.js';
import { didYouMean } from '../../model/problems.js';
import { type CheckRule, type Checker, hasOwn, isObj, items, type Obj, str, strs, VALID_WORKER_NAME } from './context.js';

/** Other names of known architectures. */
const ARCH_ALIASES: Record<string, string> = { amd64: 'x86-64', x86_64: 'x86-64', i386: 'x86', i686: 'x86', arm64: 'aarch64', ppc64el: 'ppc64le', armhf: 'armv7', armv7l: 'armv7' };

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
    // Open vocabularies: a value the tool has not seen is fine, but may be a typo or another name.
    const family = isObj(raw.os) ? str(raw.os.family) : undefined;
    if (family !== undefined && !(OS_FAMILIES as readonly string[]).includes(family)) c.report(w, ['workers', i, 'os', 'family'], `OS family \`${family}\` is new to this tool${didYouMean(family, OS_FAMILIES)} (known: ${OS_FAMILIES.join(', ')}); fine if it is right`, 'unknown-os');
    const arch = str(raw.arch);
    // Another spelling of a known CPU is an error: two names for one CPU would split the
    // fleet's tags, filters and matrix rows.
    if (arch !== undefined && hasOwn(ARCH_ALIASES, arch)) c.report(w, ['workers', i, 'arch'], `\`${arch}\` is another name for \`${ARCH_ALIASES[arch]}\`: write \`${ARCH_ALIASES[arch]}\` (one name per CPU architecture; known: ${ARCHES.join(', ')})`, 'arch-alias');
    else if (arch !== undefined && !(ARCHES as readonly string[]).includes(arch)) c.report(w, ['workers', i, 'arch'], `CPU architecture \`${arch}\` is new to this tool${didYouMean(arch, ARCHES)} (known: ${ARCHES.join(', ')}); fine if it is right`, 'unknown-arch');
    workers.push(<Worker>{
      max_builds: 1,
      pty: false,
      online: true,
      tags: [],
      timeout_factor: 1,
      exclude_test_resources: [],
      ...(raw as Partial<Worker>),
      capabilities: strs(raw.capabilities), // read by the checks even when the schema refused it
      ...(branchesRule ? { branches: branchesRule } : {}),
    });
  }
  return { raw: rawWorkers, workers, at: workerAt };
}
