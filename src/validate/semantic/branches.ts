// Branches: each needs a git branch of its own and a version (given, or taken from the
// branch it `tracks`). Also makes the checker for `branches:` rules elsewhere in the files.
import { didYouMean } from '../../problems.js';
import type { Branch, BranchRule } from '../../types.js';
import { type Checker, type CheckRule, entries, given, hasOwn, isObj, type Obj, str, strs } from './context.js';

export interface CheckedBranches {
  /** The complete branches, for the fleet. */
  branches: Branch[];
  /** Every declared name, in order, complete or not. */
  names: string[];
  known: Set<string>;
  checkRule: CheckRule;
}

export function checkBranches(c: Checker): CheckedBranches {
  const { b, bd } = c;
  const rawBranches = entries(bd.branches);
  const names = rawBranches.map(([n]) => n);
  const branches: Branch[] = [];
  const gitBranches = new Map<string, string>();
  for (const [name, raw] of rawBranches) {
    const git = str(raw.git_branch);
    if (git !== undefined) {
      const other = gitBranches.get(git);
      if (other !== undefined) c.report(b, ['branches', name, 'git_branch'], `branches \`${other}\` and \`${name}\` both build git branch \`${git}\`: every push would start both`, 'duplicate-git-branch');
      gitBranches.set(git, name);
    }
    // A wrong type (`version: 3.10`) is the schema's error; it still counts as given.
    let version = given(raw.version) ? (str(raw.version) ?? '(not a string)') : undefined;
    const tracks = str(raw.tracks);
    if (version !== undefined && tracks !== undefined) c.report(b, ['branches', name, 'tracks'], `branch \`${name}\` has both \`version\` and \`tracks\`: give one`, 'branch-version', { key: true });
    else if (tracks !== undefined) {
      const target = isObj(bd.branches) && hasOwn(bd.branches, tracks) ? (bd.branches as Obj)[tracks] : undefined;
      version = isObj(target) && given(target.version) ? (str(target.version) ?? '(not a string)') : undefined;
      if (!isObj(target)) c.report(b, ['branches', name, 'tracks'], `branch \`${name}\` tracks unknown branch \`${tracks}\`${didYouMean(tracks, names)}`, 'unknown-branch');
      else if (version === undefined) c.report(b, ['branches', name, 'tracks'], `branch \`${name}\` tracks \`${tracks}\`, which has no \`version\` of its own`, 'branch-version');
    } else if (version === undefined) c.report(b, ['branches', name], `branch \`${name}\` needs a \`version\` (the Python version it builds, e.g. "3.7") or \`tracks: <branch>\``, 'branch-version');
    if (git !== undefined && version !== undefined) branches.push({ name, git_branch: git, version });
  }
  const known = new Set(names);
  const checkRule: CheckRule = (src, path, raw) => {
    if (!isObj(raw)) return undefined;
    for (const k of ['only', 'except'] as const) {
      // Indices of the list as written: a non-text entry (the schema's error) must not shift them.
      (Array.isArray(raw[k]) ? (raw[k] as unknown[]) : []).forEach((br, i) => {
        if (typeof br === 'string' && !known.has(br) && isObj(bd.branches)) c.report(src, [...path, k, i], `unknown branch \`${br}\`${didYouMean(br, names)} (branches: ${names.join(', ')})`, 'unknown-branch');
      });
    }
    const rule: BranchRule = { where: c.where(src, path) };
    if (Array.isArray(raw.only)) rule.only = strs(raw.only);
    if (Array.isArray(raw.except)) rule.except = strs(raw.except);
    return rule;
  };
  return { branches, names, known, checkRule };
}
