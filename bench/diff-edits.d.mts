// Types of diff-edits.mjs (a plain module, so the benchmark runs without a build).
export interface FleetTexts {
  workers: string;
  builders: string;
}
export interface Edit {
  id: string;
  what: string;
  edit: (f: FleetTexts) => FleetTexts;
}
export const EDITS: Record<'2017' | '2026', Edit[]>;
export function generateTexts<G extends { matrix: { builders: unknown[] } }>(
  texts: FleetTexts,
  pipeline: { loadFleet: (paths: FleetTexts) => G; renderConfig: (g: G, paths: FleetTexts) => string },
): { cfg: string; builders: G['matrix']['builders'] };
export function addWorkerText(yaml: string, worker: string, ownerEntry?: string): string;
export function changedLineCount(before: string, after: string): number;
export function changedLines(before: string, after: string): string[];
export function affectedBuilders(before: readonly { builddir: string }[], after: readonly { builddir: string }[]): Set<string>;
