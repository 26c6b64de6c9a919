// A generated master.cfg is two things: the file and the package it imports beside it
// (buildmaster_gen/, see docs/python-module.md). Tests that run Buildbot on a copy copy both.
import { copyFileSync, cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { moduleFiles } from '../src/render/module.js';
import { PACKAGE } from '../src/render/out-files.js';

/** Copy `cfg` to `dir/name` and the package beside it to `dir/buildmaster_gen/`. */
export function copyConfig(cfg: string, dir: string, name = 'master.cfg'): string {
  copyFileSync(cfg, join(dir, name));
  const pkg = join(dirname(cfg), PACKAGE);
  if (existsSync(pkg)) cpSync(pkg, join(dir, PACKAGE), { recursive: true });
  return join(dir, name);
}

/** Write a rendered master.cfg text to `dir/name` with the package generate writes beside it. */
export function writeConfig(dir: string, text: string, name = 'master.cfg'): string {
  writePackage(dir);
  writeFileSync(join(dir, name), text);
  return join(dir, name);
}

/** The package (as `generate` writes it) in `dir`. */
export function writePackage(dir: string): void {
  for (const f of moduleFiles()) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.text);
  }
}
