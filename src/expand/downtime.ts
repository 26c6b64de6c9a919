// A builder's downtime: its worker's window, as master.cfg's `downtime(...)` takes it, with
// the drain of its kind (or else of the worker) in seconds. `timezone: local` is the
// master's clock said on purpose: master.cfg gets no zone, as when none is written.
import type { BuilderDowntime, Downtime, Variant } from '../model/types.js';

export const LOCAL_TIME = 'local';

export function builderDowntime(d: Downtime, variant: Variant): BuilderDowntime {
  const minutes = variant.downtime_drain_minutes ?? d.drain_minutes ?? 0;
  return {
    start: d.start,
    end: d.end,
    ...(d.weekday !== undefined ? { weekday: d.weekday } : {}),
    ...(d.timezone !== undefined && d.timezone !== LOCAL_TIME ? { timezone: d.timezone } : {}),
    ...(minutes > 0 ? { drain: minutes * 60 } : {}),
  };
}

const title = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The window in words: `Wednesday 08:00-10:00 America/Los_Angeles`, `every day 22:00-08:00 (past midnight), the master's clock`. */
export function downtimeText(d: { start: string; end: string; weekday?: string; timezone?: string }, drainMinutes = 0): string {
  const days = d.weekday ? `${title(d.weekday)}s` : 'every day';
  const wraps = d.start > d.end ? ' (past midnight)' : '';
  const zone = d.timezone && d.timezone !== LOCAL_TIME ? d.timezone : "the master's clock";
  const drain = drainMinutes > 0 ? `; no build starts in the ${drainMinutes} min before it` : '';
  return `${days} ${d.start}-${d.end}${wraps}, ${zone}${drain}`;
}
