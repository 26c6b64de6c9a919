// The edits a maintainer makes week to week, as text edits of a fleet's two YAML files,
// for measuring how much of out/master.cfg each one changes (bench/diff-size.mjs) and for
// holding that to the size of the change (test/diff-size.test.ts).
//
// Each edit returns the edited { workers, builders } texts and fails loudly when the text it
// edits is not there (a fleet edited since would otherwise measure nothing).
import { diffLines } from 'diff';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** master.cfg and the builders of a fleet given as YAML texts, by the pipeline given (the
 *  benchmark's dist/, the tests' src/). */
export function generateTexts(texts, { loadFleet, renderConfig }) {
  const dir = mkdtempSync(join(tmpdir(), 'bmg-diff-size-'));
  try {
    const paths = { workers: join(dir, 'workers.yaml'), builders: join(dir, 'builders.yaml') };
    writeFileSync(paths.workers, texts.workers);
    writeFileSync(paths.builders, texts.builders);
    const g = loadFleet(paths);
    return { cfg: renderConfig(g, paths), builders: g.matrix.builders };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `text` with the first `from` replaced by `to`. */
function swap(text, from, to) {
  const i = text.indexOf(from);
  if (i < 0) throw new Error(`edit: expected ${JSON.stringify(from)}`);
  return text.slice(0, i) + to + text.slice(i + from.length);
}

/** `text` with the whole line holding `needle` removed; returns [text, line]. */
function cut(text, needle) {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.includes(needle));
  if (at < 0 || lines.findIndex((l, i) => i > at && l.includes(needle)) >= 0) throw new Error(`edit: expected one line with ${JSON.stringify(needle)}`);
  const [line] = lines.splice(at, 1);
  return [lines.join('\n'), line];
}

/** `text` with the block of a list item `- name: <name>` (up to the next item or blank line) removed. */
function cutItem(text, name) {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l === `  - name: ${name}`);
  if (at < 0) throw new Error(`edit: no list item ${name}`);
  let end = at + 1;
  while (end < lines.length && /^ {4}\S/.test(lines[end])) end++;
  lines.splice(at, end - at);
  return lines.join('\n');
}

/** `text` with every line holding `needle` removed. */
const dropLines = (text, needle) => text.split('\n').filter((l) => !l.includes(needle)).join('\n');

/** A new owner's worker (its name sorts before every other) and three builders of it, appended. */
/** workers.yaml with a worker added where an owner adds theirs: at the end of `workers:`,
 *  which is above the `owners:` table and the comment over it when the file has one (else at
 *  the end), and `ownerEntry` (a line of that table, when given) at the table's end, the end
 *  of the file. The one place the tests and benchmarks make this edit. */
export function addWorkerText(yaml, worker, ownerEntry) {
  const lines = yaml.trimEnd().split('\n');
  let at = lines.findIndex((l) => l.startsWith('owners:'));
  if (at < 0) return `${lines.join('\n')}\n${worker.trimEnd()}\n`;
  while (at > 0 && /^(#.*)?$/.test(lines[at - 1])) at--;
  lines.splice(at, 0, ...worker.trimEnd().split('\n'));
  return `${lines.join('\n')}\n${ownerEntry ? `${ownerEntry.trimEnd()}\n` : ''}`;
}

/** A worker (and its owner, new in the table) with its definitions at the end of `builders:`. */
function addWorker(f, worker, defs) {
  const owner = /owner: (\S+)/.exec(worker)[1];
  return { workers: addWorkerText(f.workers, worker, `  ${owner}: { github: ${owner}, name: null }`), builders: `${f.builders.trimEnd()}\n${defs}\n` };
}

export const EDITS = {
  '2017': [
    {
      id: 'worker-add',
      what: 'a new owner\'s worker with three builders',
      edit: (f) =>
        addWorker(
          f,
          '  - name: aaron-fedora-aarch64\n    owner: aaron\n    os: { family: linux, distribution: fedora }\n    arch: aarch64\n    parallel: 4',
          [
            '  - { name: aarch64 Fedora, worker: aaron-fedora-aarch64, variant: debug, stability: unstable }',
            '  - { name: aarch64 Fedora Non-Debug, worker: aaron-fedora-aarch64, variant: nondebug, stability: unstable, suffix: .nondebug }',
            '  - { name: aarch64 Fedora Shared, worker: aaron-fedora-aarch64, variant: shared, stability: unstable, suffix: .shared }',
          ].join('\n'),
        ),
    },
    {
      id: 'worker-removed',
      what: 'a worker and its builders removed',
      edit: (f) => ({ workers: cutItem(f.workers, 'koobs-freebsd-current'), builders: dropLines(f.builders, 'worker: koobs-freebsd-current') }),
    },
    {
      id: 'timeout',
      what: 'one definition\'s test timeout changed',
      edit: (f) => ({ ...f, builders: swap(f.builders, 'variant: debug, stability: stable, test_timeout: 1800', 'variant: debug, stability: stable, test_timeout: 2400') }),
    },
    {
      id: 'parallel',
      what: 'one worker\'s -jN changed',
      edit: (f) => ({ ...f, workers: swap(f.workers, '    arch: armv7\n    parallel: 8', '    arch: armv7\n    parallel: 6') }),
    },
    {
      id: 'variant-flag',
      what: 'one flag added to one variant',
      edit: (f) => ({ ...f, builders: swap(f.builders, 'configure_flags: [--with-pydebug]', 'configure_flags: [--with-pydebug, --with-assertions]') }),
    },
    {
      id: 'stability-in-place',
      what: 'a definition made unstable, in place',
      edit: (f) => ({ ...f, builders: swap(f.builders, 'variant: debug, stability: stable }\n  - { name: s390x Debian', 'variant: debug, stability: unstable }\n  - { name: s390x Debian') }),
    },
    {
      id: 'definition-moved',
      what: 'a definition moved to another section',
      edit: (f) => {
        const [rest, line] = cut(f.builders, '{ name: s390x SLES,');
        return { ...f, builders: swap(rest, '  # ---- unstable ----\n', `  # ---- unstable ----\n${line}\n`) };
      },
    },
    {
      id: 'stability-moved',
      what: 'a definition made unstable and moved to that section',
      edit: (f) => {
        const [rest, line] = cut(f.builders, '{ name: s390x SLES,');
        return { ...f, builders: swap(rest, '  # ---- unstable ----\n', `  # ---- unstable ----\n${line.replace('stability: stable', 'stability: unstable')}\n`) };
      },
    },
    {
      id: 'rename',
      what: 'one definition renamed',
      edit: (f) => ({ ...f, builders: swap(f.builders, 'name: x86 Tiger,', 'name: x86 Mac OS X Tiger,') }),
    },
    {
      id: 'branch-added',
      what: 'a branch added (3.7 forks off 3.x)',
      edit: (f) => ({
        ...f,
        builders: swap(
          swap(f.builders, '    version: "3.7"          # bump with each release\n', '    version: "3.8"          # bump with each release\n  "3.7":\n    git_branch: "3.7"\n    version: "3.7"\n'),
          '"3.x": 15 }',
          '"3.x": 15, "3.7": 16 }',
        ),
      }),
    },
  ],
  '2026': [
    {
      id: 'worker-add',
      what: 'a new owner\'s worker with three builders',
      edit: (f) =>
        addWorker(
          f,
          '  - name: aaron-fedora-aarch64\n    owner: aaron\n    os: { family: linux, distribution: fedora }\n    arch: aarch64\n    parallel: 4\n    tags: [linux, unix, fedora, aarch64]',
          [
            '  - { name: aarch64 Aaron Fedora, worker: aaron-fedora-aarch64, variant: fedora, stability: unstable }',
            '  - { name: aarch64 Aaron Fedora Refleaks, worker: aaron-fedora-aarch64, variant: refleak, stability: unstable }',
            '  - { name: aarch64 Aaron Fedora LTO, worker: aaron-fedora-aarch64, variant: lto, stability: unstable }',
          ].join('\n'),
        ),
    },
    {
      id: 'worker-removed',
      what: 'a worker and its builders removed',
      edit: (f) => ({ workers: cutItem(f.workers, 'bolen-ubuntu'), builders: dropLines(f.builders, 'worker: bolen-ubuntu,') }),
    },
    {
      id: 'timeout',
      what: 'a timeout factor removed from three workers',
      edit: (f) => {
        const lines = f.workers.split('\n');
        let n = 0;
        const kept = lines.filter((l) => !(l === '    timeout_factor: 2' && n++ < 3));
        if (n < 3) throw new Error('edit: fewer than three timeout factors');
        return { ...f, workers: kept.join('\n') };
      },
    },
    {
      id: 'variant-flag',
      what: 'one flag added to one variant',
      edit: (f) => ({ ...f, builders: swap(f.builders, '    configure_flags: [--with-pydebug]\n  trace-refs:', '    configure_flags: [--with-pydebug, --with-assertions]\n  trace-refs:') }),
    },
    {
      id: 'tier-in-place',
      what: 'a definition moved to tier-2, in place',
      edit: (f) => ({ ...f, builders: swap(f.builders, 'variant: shared, tier: tier-1,', 'variant: shared, tier: tier-2,') }),
    },
    {
      id: 'definition-moved',
      what: 'a definition moved to another section',
      edit: (f) => {
        const [rest, line] = cut(f.builders, '{ name: AMD64 Ubuntu Shared,');
        return { ...f, builders: swap(rest, '  # ---- stable, tier-2 ----\n', `  # ---- stable, tier-2 ----\n${line}\n`) };
      },
    },
    {
      id: 'tier-moved',
      what: 'a definition moved to tier-2 and to that section',
      edit: (f) => {
        const [rest, line] = cut(f.builders, '{ name: AMD64 Ubuntu Shared,');
        return { ...f, builders: swap(rest, '  # ---- stable, tier-2 ----\n', `  # ---- stable, tier-2 ----\n${line.replace('tier: tier-1', 'tier: tier-2')}\n`) };
      },
    },
    {
      id: 'rename',
      what: 'one definition renamed',
      edit: (f) => ({ ...f, builders: swap(f.builders, 'name: AMD64 Debian root,', 'name: AMD64 Debian Root,') }),
    },
    {
      id: 'branch-added',
      what: 'a branch added ("3.16": {})',
      edit: (f) => ({ ...f, builders: swap(f.builders, '  "3.15": {}\n', '  "3.16": {}\n  "3.15": {}\n') }),
    },
  ],
};

/** How many lines a diff of the two texts removes and adds (what `git diff --numstat` counts). */
export function changedLineCount(before, after) {
  let n = 0;
  for (const part of diffLines(before, after)) if (part.added || part.removed) n += part.count ?? 0;
  return n;
}

/** The lines a diff of the two texts removes (`-…`) and adds (`+…`). */
export function changedLines(before, after) {
  const out = [];
  for (const part of diffLines(before, after)) {
    if (!part.added && !part.removed) continue;
    const lines = part.value.split('\n');
    if (lines.at(-1) === '') lines.pop();
    for (const l of lines) out.push(`${part.added ? '+' : '-'}${l}`);
  }
  return out;
}

/** Builders, by builder directory (which a rename keeps), whose definition in Buildbot the edit
 *  changed: added, removed, or with another name, worker, tags, steps or scheduler. */
export function affectedBuilders(before, after) {
  const text = (b) => {
    const { source: _source, ...rest } = b;
    return JSON.stringify(rest);
  };
  const a = new Map(before.map((b) => [b.builddir, text(b)]));
  const b = new Map(after.map((x) => [x.builddir, text(x)]));
  const changed = new Set();
  for (const [dir, t] of a) if (b.get(dir) !== t) changed.add(dir);
  for (const dir of b.keys()) if (!a.has(dir)) changed.add(dir);
  return changed;
}
