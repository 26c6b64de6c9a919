// `buildmaster-gen matrix`: the worker x branch table of builders, for people (text) and
// for tools (--json). Built from the expanded matrix, so it lists exactly the builders
// master.cfg holds.
import type { BuilderDowntime, BuilderMatrix } from '../model/types.js';
import { RUN } from '../cli/commands.js';
import { downtimeText } from '../expand/downtime.js';
import { branchOrder, byNatural } from '../model/sort.js';
import { SEPARATOR, table } from './table.js';

/** The text table's width: it fits a terminal, a CI log and a pull-request comment. */
export const MATRIX_WIDTH = 120;

export interface MatrixCell {
  name: string;
  /** The builder definition's display name. */
  def: string;
  variant: string;
  builddir: string;
  /** The scheduler that starts it, as master.cfg and `explain` name it (`force` when only by hand). */
  scheduler: string;
  /** `stable` gates releases; every other builder is `unstable`. */
  stability: 'stable' | 'unstable';
  tags: string[];
  /** Seconds before the worker's downtime in which it starts no build. */
  drain?: number;
}

/** A worker's downtime window: no build starts in it (builds wait until it ends). */
export type MatrixDowntime = Omit<BuilderDowntime, 'drain'> & { text: string };

export interface MatrixJson {
  /** In version order (2.7, 3.5, ..., 3.x, then branches such as custom). */
  branches: string[];
  /** In natural order of their names. */
  workers: { name: string; online: boolean; os: string; arch: string; downtime?: MatrixDowntime; builders: Record<string, MatrixCell[]> }[];
}

/** The window of a worker, from its builders (they all carry it). */
function windowOf(m: BuilderMatrix, worker: string): MatrixDowntime | undefined {
  const d = m.builders.find((b) => b.worker === worker && b.downtime)?.downtime;
  if (!d) return undefined;
  const { drain: _, ...window } = d;
  return { ...window, text: downtimeText(window) };
}

/** `only`: these branches (in version order all the same); the caller checks they exist. */
export function matrixJson(m: BuilderMatrix, only?: string[]): MatrixJson {
  const branches = branchOrder(m.branches)
    .map((b) => b.name)
    .filter((b) => !only || only.includes(b));
  const schedulerOf = new Map<string, string>();
  for (const s of m.schedulers) if (s.kind !== 'force') for (const b of s.builders) if (!schedulerOf.has(b)) schedulerOf.set(b, s.name);
  return {
    branches,
    workers: [...m.workers].sort(byNatural((w) => w.name)).map((w) => ({
      name: w.name,
      online: w.online,
      os: w.os,
      arch: w.arch,
      ...(windowOf(m, w.name) ? { downtime: windowOf(m, w.name)! } : {}),
      builders: Object.fromEntries(
        branches.map((br) => [
          br,
          m.builders
            .filter((b) => b.worker === w.name && b.branch === br)
            .sort(byNatural((b) => b.name))
            .map((b) => ({
              name: b.name,
              def: b.def,
              variant: b.variant,
              builddir: b.builddir,
              scheduler: schedulerOf.get(b.name) ?? 'force',
              stability: b.tags.includes('stable') ? 'stable' : 'unstable',
              tags: b.tags,
              ...(b.downtime?.drain ? { drain: b.downtime.drain } : {}),
            })),
        ]),
      ),
    })),
  };
}

/** The branches in groups whose tables fit `width` (each column at least its longest word wide). */
function chunks(header: string[], rows: string[][], width: number): number[][] {
  const longestWord = (c: number) => Math.max(...[header, ...rows].flatMap((r) => r[c]!.split(' ').map((w) => w.length)));
  const first = Math.max(...[header, ...rows].map((r) => r[0]!.length));
  const out: number[][] = [];
  let cur: number[] = [];
  let used = first;
  for (let c = 1; c < header.length; c++) {
    const need = SEPARATOR.length + longestWord(c);
    if (cur.length && used + need > width) {
      out.push(cur);
      cur = [];
      used = first;
    }
    cur.push(c);
    used += need;
  }
  return cur.length ? [...out, cur] : out;
}

/** One row per worker, one column per branch; a cell lists the variants built there. A fleet
 *  whose branches do not fit in `width` gets one table per group of branches that does. */
export function matrixText(m: BuilderMatrix, width = MATRIX_WIDTH, only?: string[]): string {
  const j = matrixJson(m, only);
  const rows = j.workers.map((w) => [`${w.name}${w.online ? '' : ' (offline)'}`, ...j.branches.map((br) => w.builders[br]!.map((c) => c.variant).join(' ') || '-')]);
  const header = ['worker', ...j.branches];
  const lines = chunks(header, rows, width).flatMap((cols, i) => [...(i ? [''] : []), ...table([header[0]!, ...cols.map((c) => header[c]!)], rows.map((r) => [r[0]!, ...cols.map((c) => r[c]!)]), width)]);
  const offline = j.workers.filter((w) => !w.online).length;
  const resting = j.workers.filter((w) => w.downtime);
  const shown = only ? j.workers.reduce((n, w) => n + j.branches.reduce((k, br) => k + w.builders[br]!.length, 0), 0) : m.builders.length;
  lines.push(
    '',
    `${shown} builders on ${j.workers.length} workers (${offline} offline) and ${j.branches.length} branches${only ? ` (of ${m.branches.length})` : ''}.`,
    ...(resting.length
      ? ['Downtime windows (no build starts in them; builds wait until they end):', ...resting.map((w) => `  ${w.name}: ${w.downtime!.text}`)]
      : []),
    'A cell lists the variants built there; `--branches 3.x,PR` shows some branches only;',
    '`--json` gives each builder with its scheduler, stability and tags.',
    `\`${RUN} explain <worker>\` shows the builders of a worker, their schedules and commands.`,
  );
  return `${lines.join('\n')}\n`;
}
