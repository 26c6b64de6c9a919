// The report's HTML: one file, no network. report-templates/report.html.hbs is the page
// (Handlebars escapes every value it prints); the data rides along as JSON in a
// <script type="application/json">, where `<` and the line separators are escaped so no
// string from the YAML can close the element; report.js builds the matrix from it with
// textContent only. A Content-Security-Policy allows no network and only our own script
// and style (by hash): even an injected inline handler would not run.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ReportData } from './data.js';

const dir = new URL('../../report-templates/', import.meta.url);
const read = (f: string) => readFileSync(new URL(f, dir), 'utf8');

/** JSON that is safe inside <script>: no `<`, `>`, `&` or U+2028/2029 left as is. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const hash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

let compiled: ((context: object) => string) | undefined;

export function reportHtml(data: ReportData): string {
  const Handlebars = createRequire(import.meta.url)('handlebars') as typeof import('handlebars');
  compiled ??= Handlebars.compile(read('report.html.hbs'), { strict: true });
  const css = read('report.css');
  const js = read('report.js');
  const csp = `default-src 'none'; img-src data:; style-src ${hash(css)}; script-src ${hash(js)}; base-uri 'none'; form-action 'none'`;
  const d = data.diff;
  return compiled({
    title: d ? `What the change does to the fleet ${data.title} (against ${d.base})` : `The fleet ${data.title}: workers, branches, builders`,
    fleet: data.fleet,
    builders: data.builders.length,
    workers: data.workers.filter((w) => w.change !== 'removed').length,
    branches: data.branches.length,
    base: d?.base ?? '',
    diff: d !== undefined,
    csp,
    css,
    js,
    json: scriptJson(data),
  });
}
