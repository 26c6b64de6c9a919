// The fixed Python of master.cfg: templates/python/*.py, emitted beside master.cfg as the
// package it imports (out/buildmaster_gen/). The same for every fleet: what depends on the
// declarations is master.cfg's data, passed to the package's functions at load time.
// Why a package and not text in master.cfg: docs/python-module.md (a reload keeps it).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE } from './out-files.js';
import { TEMPLATES_DIR } from './templates-dir.js';

/** A file `generate` writes, relative to out/. */
export interface OutputFile {
  path: string;
  text: string;
}

const header = (name: string) =>
  [
    '# GENERATED FILE - DO NOT EDIT.',
    '#',
    `# buildmaster-gen copies this file from its templates/python/${name} into the package`,
    '# master.cfg imports (beside it). Edit the source there, then run `npm run generate`;',
    '# `npm run check` fails when this file differs from what buildmaster-gen writes.',
    '',
    '',
  ].join('\n');

let cached: OutputFile[] | undefined;

/** The package's files, sorted by path; from `dir` (tests) or the templates. */
export function moduleFiles(dir = join(TEMPLATES_DIR, 'python')): OutputFile[] {
  const own = dir === join(TEMPLATES_DIR, 'python');
  if (own && cached) return cached;
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.py'))
    .sort()
    .map((f) => ({ path: `${PACKAGE}/${f}`, text: header(f) + readFileSync(join(dir, f), 'utf8') }));
  if (own) cached = files;
  return files;
}
