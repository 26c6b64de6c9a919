// A text table no wider than a limit: the widest wrappable columns give up a character at a
// time (never below their longest word), and a cell that no longer fits wraps onto more lines
// at its spaces. The first column (the row's name) is never wrapped.

export const SEPARATOR = '  ';

function wrap(cell: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of cell.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line];
}

/** Column widths whose sum (with separators) is at most `max` where the words allow. */
function fit(rows: string[][], max: number): number[] {
  const n = rows[0]?.length ?? 0;
  const widths = Array.from({ length: n }, (_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const floor = Array.from({ length: n }, (_, c) => (c === 0 ? widths[0]! : Math.max(1, ...rows.flatMap((r) => (r[c] ?? '').split(' ').map((w) => w.length)))));
  const total = () => widths.reduce((a, b) => a + b, 0) + SEPARATOR.length * (n - 1);
  // The widest columns give up a character together, so that like columns stay alike.
  while (total() > max) {
    const shrinkable = widths.map((w, c) => (c > 0 && w > floor[c]! ? w : -1));
    const widest = Math.max(...shrinkable);
    if (widest < 0) break; // every column is down to its longest word
    shrinkable.forEach((w, c) => w === widest && widths[c]!--);
  }
  return widths;
}

/** The table as lines: a header, a rule under it, then the rows (a wrapped row takes several lines). */
export function table(header: string[], rows: string[][], max: number): string[] {
  const widths = fit([header, ...rows], max);
  const render = (r: string[]) => {
    const cells = r.map((cell, c) => (c === 0 ? [cell] : wrap(cell, widths[c]!)));
    const height = Math.max(...cells.map((l) => l.length));
    return Array.from({ length: height }, (_, i) => cells.map((l, c) => (c === cells.length - 1 ? (l[i] ?? '') : (l[i] ?? '').padEnd(widths[c]!))).join(SEPARATOR).trimEnd());
  };
  return [...render(header), widths.map((w) => '-'.repeat(w)).join(SEPARATOR), ...rows.flatMap(render)];
}
