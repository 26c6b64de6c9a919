// The builders that §4.1's rules make from the §4.2 table: for each branch in order, each
// definition whose "Effective branches" lists it. No filtering is computed here: the table
// already says where each definition runs.
import { BRANCHES, BRANCH_INFO, type Branch, DEFINITIONS } from './expected.js';

export interface TableBuilder {
  name: string; definition: string; branch: Branch; worker: string; builddir: string; tags: string[];
  refleak: boolean; stable: boolean;
}

export const TABLE_BUILDERS: TableBuilder[] = BRANCHES.flatMap((branch) =>
  DEFINITIONS.filter((d) => d[5].includes(branch)).map(([definition, worker, , tier, stability, , suffix, classTags]) => ({
    name: `${definition} ${branch}`,
    definition,
    branch,
    worker,
    builddir: `${BRANCH_INFO[branch].dir}.${worker}${suffix}`,
    tags: [BRANCH_INFO[branch].tag, ...(tier ? [tier] : []), stability, ...classTags],
    refleak: classTags.includes('refleak'),
    stable: stability === 'stable',
  })));

export const TABLE_BY_NAME = new Map(TABLE_BUILDERS.map((b) => [b.name, b]));
export const onBranch = (branch: Branch) => TABLE_BUILDERS.filter((b) => b.branch === branch);

/** Builders in the order the generated master.cfg lists them (issue 17: never the order of the
 *  YAML, so moving a definition changes nothing): branch by branch as §1 orders them, then by
 *  builder directory (code-unit order). The document's own order is upstream's list order. */
export function inConfigOrder<T extends { branch: Branch; builddir: string }>(builders: readonly T[]): T[] {
  const at = (b: T) => BRANCHES.indexOf(b.branch);
  return [...builders].sort((x, y) => at(x) - at(y) || (x.builddir < y.builddir ? -1 : x.builddir > y.builddir ? 1 : 0));
}
