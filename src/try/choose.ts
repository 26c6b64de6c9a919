// Which builders a trial runs, from the words on the command line: a builder's name, or a
// builder definition's name and a branch (`"AMD64 Debian root" 3.14`, or its git ref
// `main`), or a definition alone (its first branch); or, for `--worker`, every builder of
// a worker. And which git ref each trial checks out by default.
import { closest } from '../model/problems.js';
import type { Branch, Builder, BuilderMatrix } from '../model/types.js';

/** The words name nothing the fleet builds; the message says what is there. */
export class NothingToTry extends Error {}

export interface Chosen {
  builder: Builder;
  /** Said before the trial when the choice needs explaining (which branch was taken). */
  note?: string;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function chooseBuilder(words: string[], matrix: BuilderMatrix): Chosen {
  const wanted = words.join(' ').trim();
  const builders = matrix.builders;
  const exact = builders.find((b) => b.name === wanted) ?? builders.find((b) => same(b.name, wanted));
  if (exact) return { builder: exact };

  // `<definition> <branch>`, the branch by name or by git ref.
  const cut = wanted.lastIndexOf(' ');
  if (cut > 0) {
    const def = wanted.slice(0, cut);
    const word = wanted.slice(cut + 1);
    const branch = matrix.branches.find((b) => b.name === word) ?? matrix.branches.find((b) => b.git_branch === word);
    const ofDef = builders.filter((b) => same(b.def, def));
    if (branch && ofDef.length) {
      const found = ofDef.find((b) => b.branch === branch.name);
      if (found) return { builder: found };
      throw new NothingToTry(`definition \`${ofDef[0]!.def}\` has no builder on branch ${branch.name} (it builds on ${ofDef.map((b) => b.branch).join(', ')}; \`explain "${ofDef[0]!.def} ${branch.name}"\` says why)`);
    }
  }

  // A definition alone: its builder on the first branch it builds on.
  const first = builders.find((b) => same(b.def, wanted));
  if (first) {
    const others = builders.filter((b) => b.def === first.def && b !== first).map((b) => b.branch);
    return { builder: first, note: `\`${first.def}\` builds on ${[first.branch, ...others].join(', ')}: trying ${first.branch} (name another branch after it to try that one)` };
  }

  const guess = closest(wanted, [...builders.map((b) => b.name), ...new Set(builders.map((b) => b.def))]);
  throw new NothingToTry(`no builder or builder definition is named \`${wanted}\`${guess ? `; did you mean \`${guess}\`?` : ''} (\`matrix\` lists them)`);
}

/** Every builder of a worker, in master.cfg's order. */
export function workerBuilders(name: string, matrix: BuilderMatrix): Builder[] {
  const worker = matrix.workers.find((w) => w.name === name) ?? matrix.workers.find((w) => same(w.name, name));
  if (!worker) {
    const guess = closest(name, matrix.workers.map((w) => w.name));
    throw new NothingToTry(`no worker is named \`${name}\`${guess ? `; did you mean \`${guess}\`?` : ''}`);
  }
  const builders = matrix.builders.filter((b) => b.worker === worker.name);
  if (!builders.length) throw new NothingToTry(`worker \`${worker.name}\` has no builder: there is nothing to try on it (\`explain ${worker.name}\` says why)`);
  return builders;
}

/** The git ref a builder checks out: its branch's; for the pull-request pseudo-branch, which has
 *  none, the first declared branch's (the main branch), with a note saying so. */
export function defaultRef(builder: Builder, matrix: BuilderMatrix): { ref: string; note?: string } {
  const branch = matrix.branches.find((b) => b.name === builder.branch);
  if (branch?.git_branch) return { ref: branch.git_branch };
  const main = matrix.branches.find((b: Branch) => b.git_branch !== undefined);
  if (!main?.git_branch) throw new NothingToTry(`branch ${builder.branch} has no git ref and no other branch has one: give --ref REF`);
  return {
    ref: main.git_branch,
    note: `${builder.branch} builds pull requests (a pull request's merge commit): trying ${main.git_branch}; give --ref to try another ref (e.g. refs/pull/N/merge)`,
  };
}
