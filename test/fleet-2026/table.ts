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
