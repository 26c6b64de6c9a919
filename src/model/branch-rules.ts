// Whether a branch rule (`only`, `except`, `since`, `until`) lets a branch in, and why not.
import type { Branch, BranchRule } from './types.js';

/** `X.Y` as a comparable number pair. */
export function parseVersion(v: string): [number, number] {
  const [major, minor] = v.split('.').map(Number);
  return [major ?? 0, minor ?? 0];
}

export function compareVersions(a: string, b: string): number {
  const [am, an] = parseVersion(a);
  const [bm, bn] = parseVersion(b);
  return am - bm || an - bn;
}

/** Why `rule` keeps `branch` out (a phrase after "`owner` ..."), or undefined when it lets it in. */
export function ruleExcludes(rule: BranchRule | undefined, branch: Branch): string | undefined {
  if (!rule) return undefined;
  const name = branch.name;
  if (rule.only && !rule.only.includes(name)) return `runs only on ${rule.only.join(', ')}`;
  if (rule.except?.includes(name)) return `excludes ${name}`;
  // A branch without a version (pull requests) is newer than every version.
  if (rule.since !== undefined && branch.version !== undefined && compareVersions(branch.version, rule.since) < 0) return `runs only since ${rule.since}`;
  if (rule.until !== undefined && (branch.version === undefined || compareVersions(branch.version, rule.until) > 0)) {
    return branch.version === undefined ? `runs only until ${rule.until} (not on ${name}, which has no version)` : `runs only until ${rule.until}`;
  }
  return undefined;
}
