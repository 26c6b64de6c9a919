// Checks only the expanded matrix can answer: unique builder names and directories, safe
// directory names, an hour for every branch a nightly scheduler serves, no idle definitions.
import type { SourceFile } from '../../load/load.js';
import type { Problem } from '../../model/problems.js';
import type { BuilderMatrix, Fleet } from '../../model/types.js';
import { Checker, hasOwn } from './context.js';

/** A safe directory name: letters, digits, `.`, `_`, `-`, not starting with `.`, no `..`
 *  (a character class and a search: a third of the time of one regex with lookaheads). */
const BUILDDIR_CHARS = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;
const safeDir = (d: string) => BUILDDIR_CHARS.test(d) && !d.includes('..') && d.length <= 200;

/** What is wrong in the expansion of `fleet` (whose `builders` came from `defIndex` in the file). */
export function checkMatrix(w: SourceFile, b: SourceFile, fleet: Fleet, defIndex: number[], matrix: BuilderMatrix): Problem[] {
  const c = new Checker(w, b);
  const { schedulers, builders: defs } = fleet;
  const defPath = (source: number, field: string) => ['builders', defIndex[source]!, field];
  const defLine = (source: number) => b.locate(defPath(source, 'name')).line;
  // Clashes are reported once per pair of definitions, not once per branch.
  const clashes = new Map<string, { first: number; source: number; rule: string; items: [string, string][] }>();
  const clash = (rule: string, first: number, source: number, item: [string, string]) => {
    const key = `${rule}\0${first}\0${source}`;
    const entry = clashes.get(key) ?? { first, source, rule, items: [] };
    entry.items.push(item);
    clashes.set(key, entry);
  };
  const names = new Map<string, number>();
  const dirs = new Map<string, { name: string; source: number }>();
  const missingHours = new Map<string, Set<string>>();
  const unsafeDir = new Set<number>();
  for (const bl of matrix.builders) {
    const first = names.get(bl.name);
    if (first !== undefined) clash('duplicate-builder', first, bl.source, [bl.branch, bl.name]);
    else names.set(bl.name, bl.source);
    const other = dirs.get(bl.builddir);
    if (other !== undefined && other.name !== bl.name) clash('builddir-collision', other.source, bl.source, [bl.branch, bl.builddir]);
    else dirs.set(bl.builddir, { name: bl.name, source: bl.source });
    if (!safeDir(bl.builddir) && !unsafeDir.has(bl.source)) {
      unsafeDir.add(bl.source); // once per definition: the format is the problem
      c.report(b, defPath(bl.source, 'dir_format'), `builder \`${bl.name}\` gets the directory \`${bl.builddir}\`, which is not a safe directory name (letters, digits, \`.\`, \`_\`, \`-\`; no \`..\`, no leading \`.\`)`, 'bad-builddir');
    }
    if (bl.name.startsWith('_')) c.report(b, defPath(bl.source, 'name'), `builder names must not start with \`_\` (Buildbot reserves them): \`${bl.name}\``, 'bad-name');
    const sched = schedulers[bl.scheduler];
    if (sched?.on === 'nightly' && typeof sched.hour === 'object' && !hasOwn(sched.hour, bl.branch)) {
      missingHours.set(bl.scheduler, (missingHours.get(bl.scheduler) ?? new Set()).add(bl.branch));
    }
  }
  for (const [key, missing] of missingHours) {
    const list = [...missing].sort();
    c.report(b, ['schedulers', key, 'hour'], `scheduler \`${key}\` has no hour for branch${list.length > 1 ? 'es' : ''} ${list.map((x) => `\`${x}\``).join(', ')}, where its builders run: add \`"${list[0]}": <hour>\` (or exclude the branch in the variant's \`branches\`)`, 'schedule-hour');
  }
  for (const cl of clashes.values()) {
    const def = defs[cl.source]!;
    const [[branch, what]] = cl.items as [[string, string]];
    const more = cl.items.length > 1 ? ` (and on ${cl.items.slice(1).map(([br]) => br).join(', ')})` : '';
    if (cl.rule === 'duplicate-builder') {
      c.report(b, defPath(cl.source, 'name'), cl.first === cl.source
        ? `definition \`${def.name}\` gives the same builder name \`${what}\` on several branches: its \`name_format\` needs \`{branch}\``
        : `duplicate builder \`${what}\`${more}: the definition at line ${defLine(cl.first)} makes a builder of the same name`, 'duplicate-builder');
    } else {
      const other = defs[cl.first]!;
      c.report(b, defPath(cl.source, 'name'), cl.first === cl.source
        ? `definition \`${def.name}\` gives the same builder directory \`${what}\` on several branches: its \`dir_format\` needs \`{branch}\` or \`{builder}\``
        : `builders of \`${other.name}\` (line ${defLine(cl.first)}) and \`${def.name}\` would share the builder directory \`${what}\` on ${branch}${more}: give one of them a \`suffix\` (e.g. \`.${def.variant}\`)`, 'builddir-collision');
    }
  }
  const productive = new Set(matrix.builders.map((x) => x.source));
  defs.forEach((def, source) => {
    if (!productive.has(source)) {
      c.report(b, defPath(source, 'name'), `builder \`${def.name}\` runs on no branch: its worker, variant and own branch rules exclude every branch`, 'no-builders');
    }
  });
  return c.problems;
}

