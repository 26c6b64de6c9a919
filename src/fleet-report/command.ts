// `buildmaster-gen report`: the fleet as one self-contained HTML page (out/report.html),
// and with --base, what a change does to it.
import { basename, join, resolve } from 'node:path';
import { PROGRAM } from '../cli/commands.js';
import { fsStep, type Context } from '../cli/context.js';
import { writeAtomic } from '../cli/out-dir.js';
import type { Generated } from '../pipeline.js';
import { loadBase } from './base.js';
import { diffData, fleetData } from './data.js';
import { reportHtml } from './html.js';

export const REPORT_FILE = 'report.html';

/** The fleet's name in the title: as given to --fleet, else its directory's name. */
const fleetName = (c: Context) => (c.fleet.given !== undefined && c.fleet.given !== '.' ? c.fleet.given : basename(c.fleet.root));

export function writeReport(g: Generated, c: Context): number {
  const { io, values, fleet, show } = c;
  if (values.output !== undefined && values.fleet.length > 1) {
    io.err(`${PROGRAM}: -o/--output names one file: give it with a single --fleet (or none)\n`);
    return 2;
  }
  const name = fleetName(c);
  let data = fleetData(g, name);
  if (values.base !== undefined) {
    const base = loadBase(values.base, fleet, io.cwd);
    data = diffData(data, fleetData(base.g, name), base.name);
  }
  const file = values.output !== undefined ? resolve(io.cwd, values.output) : join(fleet.out, REPORT_FILE);
  const html = reportHtml(data);
  fsStep(`write ${show(file)}`, () => writeAtomic(file, html));
  const changes = data.diff ? `; against ${data.diff.base}: ${data.diff.builders.map((x) => `${x.count} ${x.verb}`).join(', ') || 'no builder changes'}` : '';
  io.out(`${c.prefix}wrote ${show(file)} (${data.builders.length} builders on ${data.workers.length} workers${changes})\n`);
  return 0;
}
