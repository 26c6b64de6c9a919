// `buildmaster-gen matrix`: the worker x branch table of builders, for people (text) and
// for tools (--json). Built from the expanded matrix, so it lists exactly the builders
// master.cfg holds.
import type { BuilderMatrix } from '../model/types.js';
import { RUN } from '../cli/commands.js';
import { branchOrder, byNatural } from '../model/sort.js';
import { table } from './table.js';

/** The text table's default width: it fits a terminal, a CI log and a pull-request comment. */
export const MATRIX_WIDTH = 120;

export interface MatrixCell {
  name: string;
  /** The builder definition's display name. */
  def: string;
  variant: string;
  builddir: string;
  /** The scheduler's full name in master.cfg (`<branch>-<key>`). */
  scheduler: string;
  /** `stable` gates releases; every other builder is `unstable`. */
  stability: 'stable' | 'unstable';
  tags: string[];
}

export interface MatrixJson {
  /** In version order (2.7, 3.5, ..., 3.x, then branches such as custom). */
  branches: string[];
  /** In natural order of their names. */
  workers: { name: string; online: boolean; os: string; arch: string; builders: Record<string, MatrixCell[]> }[];
}

export function matrixJson(m: BuilderMatrix): MatrixJson {
  const branches = branchOrder(m.branches).map((b) => b.name);
  return {
    branches,
    workers: [...m.workers].sort(byNatural((w) => w.name)).map((w) => ({
      name: w.name,
      online: w.online,
      os: w.os,
      arch: w.arch,
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
              scheduler: `${b.branch}-${b.scheduler}`,
              stability: b.tags.includes('stable') ? 'stable' : 'unstable',
              tags: b.tags,
            })),
        ]),
      ),
    })),
  };
}

/** One row per worker, one column per branch; a cell lists the variants built there. */
export function matrixText(m: BuilderMatrix, width = MATRIX_WIDTH): string {
  const j = matrixJson(m);
  const rows = j.workers.map((w) => [`${w.name}${w.online ? '' : ' (offline)'}`, ...j.branches.map((br) => w.builders[br]!.map((c) => c.variant).join(' ') || '-')]);
  const lines = table(['worker', ...j.branches], rows, width);
  const offline = j.workers.filter((w) => !w.online).length;
  lines.push(
    '',
    `${m.builders.length} builders on ${j.workers.length} workers (${offline} offline) and ${j.branches.length} branches.`,
    'A cell lists the variants built there; `--json` gives each builder with its stability and tags.',
    `\`${RUN} explain <worker>\` shows the builders of a worker, their schedules and commands.`,
  );
  return `${lines.join('\n')}\n`;
}
