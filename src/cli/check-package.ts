// `check` of the package beside master.cfg (out/buildmaster_gen/): each file the generator
// writes must be there and the same, and no other file may be (a stale module would still
// be importable). Said per file, with a diff of a stale one.
import { join } from 'node:path';
import { fsStep, type Context } from './context.js';
import { listFiles, PACKAGE, readIfExists, unifiedDiff } from './out-dir.js';
import type { OutputFile } from '../render/module.js';

/** 0 when the package on disk is what the generator writes; else 1, having said why. */
export function checkPackage(files: OutputFile[], c: Context): number {
  const { io, fleet, show } = c;
  const regenerate = c.suggest('generate');
  const wanted = new Set(files.map((f) => join(fleet.out, f.path)));
  let bad = 0;
  for (const f of files) {
    const path = join(fleet.out, f.path);
    const onDisk = fsStep(`read ${show(path)}`, () => readIfExists(path, regenerate));
    if (onDisk === f.text) continue;
    bad++;
    if (onDisk === undefined) {
      io.err(`${show(path)} does not exist (master.cfg imports it): run \`${regenerate}\` and commit it\n`);
    } else {
      io.err(`${show(path)} is out of date (it is generated from buildmaster-gen's templates/python/): run \`${regenerate}\` and commit the result\n`);
      io.out(unifiedDiff(show(path), onDisk.replace(/\r\n/g, '\n'), f.text));
    }
  }
  for (const path of listFiles(join(fleet.out, PACKAGE))) {
    if (wanted.has(path)) continue;
    bad++;
    io.err(`${show(path)} is not a file buildmaster-gen writes (master.cfg could import it): remove it, or run \`${regenerate}\`, which removes it\n`);
  }
  return bad ? 1 : 0;
}
