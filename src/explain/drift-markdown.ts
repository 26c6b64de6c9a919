// The drift summary in Markdown, for a pull request's job summary: what the change adds,
// removes, renames and changes, in builder terms. Names are code spans (they may hold any
// printable character); every line starts with `#`, `-` or text of ours, never `::`.
import { busyWarning, describeTable, LIMIT, type Drift, type TableDrift } from './drift.js';
import { formatStepChange } from './step-drift.js';

/** A code span that holds `s` whatever backquotes it contains. */
export function code(s: string): string {
  const ticks = Math.max(0, ...(s.match(/`+/g) ?? []).map((t) => t.length)) + 1;
  const fence = '`'.repeat(ticks);
  const pad = ticks > 1 || s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${s}${pad}${fence}`;
}

function table(label: string, d: TableDrift): string[] {
  const out: string[] = [];
  for (const { verb, count, groups } of describeTable(d)) {
    out.push('', `**${label} ${verb} (${count})**`, '');
    for (const g of groups.slice(0, LIMIT)) {
      const branches = g.branches.length ? ` on ${g.branches.map(code).join(', ')}` : '';
      out.push(`- ${code(g.stem)}${branches}${g.detail ? `: ${g.detail.replace(/`/g, "'")}` : ''}`);
    }
    if (groups.length > LIMIT) out.push(`- ... and ${groups.length - LIMIT} more`);
  }
  return out;
}

const counts = (t: TableDrift) => [t.added.length && `${t.added.length} added`, t.removed.length && `${t.removed.length} removed`, t.renamed.length && `${t.renamed.length} renamed`, t.changed.length && `${t.changed.length} changed`].filter(Boolean).join(', ');

/** `## title`, a one-line count, then each table's changes. */
export function driftMarkdown(d: Drift, o: { title: string; builders?: { before: number; after: number } }): string {
  const lines = [`## ${o.title}`, ''];
  const steps = d.steps.length ? ['', `**Steps changed (${d.steps.length})**`, '', ...d.steps.slice(0, LIMIT).map((c) => `- ${code(formatStepChange(c))}`)] : [];
  if (d.steps.length > LIMIT) steps.push(`- ... and ${d.steps.length - LIMIT} more`);
  const body = [...steps, ...table('Builders', d.builders), ...table('Workers', d.workers), ...table('Schedulers', d.schedulers)];
  const total = o.builders ? ` (${o.builders.before} → ${o.builders.after} builders)` : '';
  if (!body.length) lines.push(`No builder, worker or scheduler changes${total}.`);
  else lines.push(`Builders: ${counts(d.builders) || 'no change'}${total}.`, ...body);
  const warning = busyWarning(d);
  if (warning) lines.push('', warning.replace(/^Note:/, '**Note:**'));
  return `${lines.join('\n')}\n\n`;
}
