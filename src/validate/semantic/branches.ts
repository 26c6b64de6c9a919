// Branches: each needs a git branch of its own and a version (given, taken from the branch
// it `tracks`, or derived for the main branch), or is the pull-request pseudo-branch.
// Also makes the checker for `branches:` rules elsewhere in the files.
import { compareVersions, parseVersion } from '../../model/branch-rules.js';
import { didYouMean } from '../../model/problems.js';
import type { Branch, BranchRule } from '../../model/types.js';
import { type Checker, type CheckRule, entries, given, hasOwn, isObj, type Obj, str, strs } from './context.js';

export interface CheckedBranches {
  /** The complete branches, in build order: newest first, tracking branches, then pull requests. */
  branches: Branch[];
  /** Every declared name, in order, complete or not. */
  names: string[];
  known: Set<string>;
  checkRule: CheckRule;
  /** What to add to "unknown branch `x`": the branch whose git ref `x` is, or the nearest name. */
  hint: (unknown: string) => string;
}

export function checkBranches(c: Checker): CheckedBranches {
  const { b, bd } = c;
  const rawBranches = entries(bd.branches);
  const names = rawBranches.map(([n]) => n);
  const featureNames = isObj(bd.features) ? Object.keys(bd.features) : [];
  const gitBranches = new Map<string, string>();
  // Rules name branches (`3.x`), not the git refs they build (`main`): say so when one is written.
  const hint = (unknown: string) => {
    const of = gitBranches.get(unknown);
    return of !== undefined ? `; \`${unknown}\` is the git ref of branch \`${of}\`: write \`${of}\`` : didYouMean(unknown, names);
  };
  const declaredVersion = (raw: Obj) => (given(raw.version) ? (str(raw.version) ?? '(not a string)') : undefined);
  // The main branch may leave its version out: one more than the newest other branch.
  const newest = rawBranches
    .map(([name, raw]) => str(raw.version) ?? (raw.main !== true && raw.pull_request !== true && raw.tracks === undefined && /^[0-9]+\.[0-9]+$/.test(name) ? name : undefined))
    .filter((v): v is string => v !== undefined && /^[0-9]+\.[0-9]+$/.test(v))
    .sort(compareVersions)
    .pop();
  const mains = rawBranches.filter(([, raw]) => raw.main === true);
  mains.slice(1).forEach(([name]) => c.report(b, ['branches', name, 'main'], `only one branch can be \`main\` (\`${mains[0]![0]}\` already is)`, 'branch-version', { key: true }));
  const branches: (Branch & { rank: number })[] = [];
  for (const [name, raw] of rawBranches) {
    strs(raw.features).forEach((f, i) => {
      if (!featureNames.includes(f)) c.report(b, ['branches', name, 'features', i], `unknown feature \`${f}\`${didYouMean(f, featureNames)} (declare it under \`features\`)`, 'unknown-feature');
    });
    const common = { name, dir: str(raw.dir) ?? name, tag: str(raw.tag) ?? name, features: strs(raw.features) };
    if (raw.pull_request === true) {
      for (const k of ['git_branch', 'version', 'tracks', 'main'] as const) {
        if (given(raw[k])) c.report(b, ['branches', name, k], `the pull-request branch \`${name}\` has no \`${k}\`: its builders build each pull request's merge ref`, 'branch-version', { key: true });
      }
      branches.push({ ...common, rank: 2 });
      continue;
    }
    // A maintenance branch "X.Y" builds git branch X.Y by default.
    const git = given(raw.git_branch) ? str(raw.git_branch) : name;
    if (git !== undefined) {
      const other = gitBranches.get(git);
      if (other !== undefined) c.report(b, ['branches', name, 'git_branch'], `branches \`${other}\` and \`${name}\` both build git branch \`${git}\`: every push would start both`, 'duplicate-git-branch');
      gitBranches.set(git, name);
    }
    // A wrong type (`version: 3.10`) is the schema's error; it still counts as given.
    const tracks = str(raw.tracks);
    // ... and Python X.Y.
    let version = declaredVersion(raw) ?? (tracks === undefined && raw.main !== true && /^[0-9]+\.[0-9]+$/.test(name) ? name : undefined);
    if (version !== undefined && tracks !== undefined) c.report(b, ['branches', name, 'tracks'], `branch \`${name}\` has both \`version\` and \`tracks\`: give one`, 'branch-version', { key: true });
    else if (tracks !== undefined) {
      const target = isObj(bd.branches) && hasOwn(bd.branches, tracks) ? (bd.branches as Obj)[tracks] : undefined;
      version = isObj(target) && given(target.version) ? (str(target.version) ?? '(not a string)') : isObj(target) && target.main === true ? derivedMain(newest) : undefined;
      if (!isObj(target)) c.report(b, ['branches', name, 'tracks'], `branch \`${name}\` tracks unknown branch \`${tracks}\`${hint(tracks)}`, 'unknown-branch');
      else if (version === undefined) c.report(b, ['branches', name, 'tracks'], `branch \`${name}\` tracks \`${tracks}\`, which has no \`version\` of its own`, 'branch-version');
    } else if (version === undefined && raw.main === true) {
      version = derivedMain(newest);
      if (version === undefined) c.report(b, ['branches', name], `main branch \`${name}\` needs a \`version\`: no other branch has one to count from`, 'branch-version');
    } else if (version === undefined) c.report(b, ['branches', name], `branch \`${name}\` needs a \`version\` (the Python version it builds, e.g. "3.13") or \`tracks: <branch>\``, 'branch-version');
    if (git !== undefined && version !== undefined) branches.push({ ...common, git_branch: git, version, rank: tracks !== undefined ? 1 : 0 });
  }
  branches.sort((x, y) => x.rank - y.rank || (x.version && y.version ? compareVersions(y.version, x.version) : 0) || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  const known = new Set(names);
  const checkRule: CheckRule = (src, path, raw) => {
    if (!isObj(raw)) return undefined;
    for (const k of ['only', 'except'] as const) {
      // Indices of the list as written: a non-text entry (the schema's error) must not shift them.
      (Array.isArray(raw[k]) ? (raw[k] as unknown[]) : []).forEach((br, i) => {
        if (typeof br === 'string' && !known.has(br) && isObj(bd.branches)) c.report(src, [...path, k, i], `unknown branch \`${br}\`${hint(br)} (branches: ${names.join(', ')})`, 'unknown-branch');
      });
    }
    const rule: BranchRule = {};
    // Where the rule is written, worked out when a message or `explain` shows it: a
    // position costs a full reading of the file (load.ts). Not enumerable, so copies and
    // the JSON of step keys leave it out.
    const at = [...path];
    let where: string | undefined;
    Object.defineProperty(rule, 'where', { get: () => (where ??= c.where(src, at)), enumerable: false });
    if (Array.isArray(raw.only)) rule.only = strs(raw.only);
    if (Array.isArray(raw.except)) rule.except = strs(raw.except);
    if (typeof raw.since === 'string') rule.since = raw.since;
    if (typeof raw.until === 'string') rule.until = raw.until;
    return rule;
  };
  return { branches: branches.map(({ rank: _r, ...br }) => br), names, known, checkRule, hint };
}

function derivedMain(newest: string | undefined): string | undefined {
  if (newest === undefined) return undefined;
  const [major, minor] = parseVersion(newest);
  return `${major}.${minor + 1}`;
}
