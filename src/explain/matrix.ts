// `buildmaster-gen matrix`: the worker x branch table of builders, for people (text) and
// for tools (--json). Built from the expanded matrix, so it lists exactly the builders
// master.cfg holds.
import type { BuilderMatrix } from '../types.js';
import { columns } from './describe.js';

export interface MatrixCell {
  name: string;
  /** The builder definition's display name. */
  def: string;
  variant: string;
  builddir: string;
  /** The scheduler's full name in master.cfg (`<branch>-<key>`). */
  scheduler: string;
}

export interface MatrixJson {
  branches: string[];
  workers: { name: string; online: boolean; os: string; arch: string; builders: Record<string, MatrixCell[]> }[];
}

export function matrixJson(m: BuilderMatrix): MatrixJson {
  // Presentation order: by name (the matrix itself is in declaration order).
  const branches = m.branches.map((b) => b.name).sort();
  return {
    branches,
    workers: m.workers.map((w) => ({
      name: w.name,
      online: w.online,
      os: w.os,
      arch: w.arch,
      builders: Object.fromEntries(
        branches.map((br) => [
          br,
          m.builders
            .filter((b) => b.worker === w.name && b.branch === br)
            .map((b) => ({ name: b.name, def: b.def, variant: b.variant, builddir: b.builddir, scheduler: `${b.branch}-${b.scheduler}` })),
        ]),
      ),
    })),
  };
}

/** One row per worker, one column per branch; a cell lists the variants built there. */
export function matrixText(m: BuilderMatrix): string {
  const j = matrixJson(m);
  const rows = [
    ['worker', ...j.branches],
    ...j.workers.map((w) => [`${w.name}${w.online ? '' : ' (offline)'}`, ...j.branches.map((br) => w.builders[br]!.map((c) => c.variant).join(' ') || '-')]),
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const lines = columns([rows[0]!, widths.map((n) => '-'.repeat(n)), ...rows.slice(1)]);
  const offline = j.workers.filter((w) => !w.online).length;
  lines.push(
    '',
    `${m.builders.length} builders on ${j.workers.length} workers (${offline} offline) and ${j.branches.length} branches. A cell lists the variants built there;`,
    'see `buildmaster-gen explain <worker>` for the builders, their schedules and commands.',
  );
  return `${lines.join('\n')}\n`;
}
