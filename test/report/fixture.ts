// What the report tests share: temporary copies of a fleet (edited or not), the CLI run
// in-process, and the fleet's expanded matrix straight from the pipeline.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { main } from '../../src/cli/main.js';

export const ROOT = join(import.meta.dirname, '..', '..');
export const FLEET_2026 = join(ROOT, 'fleets', 'cpython-2026');
const dirs: string[] = [];

export function cleanup(): void {
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
}

export function tempDir(prefix = 'report-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

export interface Edit {
  file: 'workers.yaml' | 'builders.yaml';
  find: string;
  replace: string;
}

/** A copy of a fleet's two declarations, each edit applied (its text must be there). */
export function fleetCopy(from: string = ROOT, edits: Edit[] = []): string {
  const dir = tempDir('report-fleet-');
  for (const f of ['workers.yaml', 'builders.yaml']) copyFileSync(join(from, f), join(dir, f));
  for (const e of edits) {
    const text = readFileSync(join(dir, e.file), 'utf8');
    expect(text, `${e.file} should contain ${JSON.stringify(e.find)}`).toContain(e.find);
    writeFileSync(join(dir, e.file), text.replace(e.find, e.replace));
  }
  return dir;
}

/** The prepared change on the default fleet: a flag added to a variant (the `shared`
 *  builders change), a builder definition renamed (same directory) and one removed. */
export const CHANGE: Edit[] = [
  { file: 'builders.yaml', find: 'configure_flags: [--with-pydebug, --enable-shared]', replace: 'configure_flags: [--with-pydebug, --enable-shared, --with-lto]' },
  { file: 'builders.yaml', find: '- { name: AMD64 Debian PGO,', replace: '- { name: AMD64 Debian PGO-LTO,' },
  { file: 'builders.yaml', find: '  - { name: s390x SLES, worker: edelsohn-sles-z, variant: debug, stability: stable }\n', replace: '' },
];

/** Hostile text where the schema lets text in: a builder name, notes, a description. */
export const HOSTILE = '<img src=x onerror="window.__pwned=1;alert(1)">';
export const HOSTILE_SCRIPT = '</script><script>window.__pwned=2</script>';
export const HOSTILE_EDITS: Edit[] = [
  {
    file: 'builders.yaml',
    find: '  - { name: AMD64 Debian root,',
    replace: `  - { name: '${HOSTILE}', worker: angelico-debian-amd64, variant: debug, suffix: .hostile, notes: '${HOSTILE_SCRIPT}' }\n  - { name: AMD64 Debian root,`,
  },
  { file: 'builders.yaml', find: 'description: Debug build (--with-pydebug) and the test suite.', replace: `description: 'Debug build ${HOSTILE_SCRIPT}'` },
  { file: 'workers.yaml', find: '  - name: koobs-freebsd10\n    owner: koobs\n', replace: `  - name: koobs-freebsd10\n    owner: koobs\n    notes: '${HOSTILE} ${HOSTILE_SCRIPT}'\n` },
];

export async function cli(cwd: string, argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => void (out += s), err: (s) => void (err += s), env: { NO_COLOR: '1' }, cwd });
  return { code, out, err };
}

/** Write a report with the CLI; returns its path. */
export async function writeReport(fleet: string, extra: string[] = []): Promise<string> {
  const file = join(tempDir('report-out-'), 'report.html');
  const r = await cli(fleet, ['report', '--fleet', fleet, '-o', file, ...extra]);
  expect(r.code, r.err).toBe(0);
  return file;
}
