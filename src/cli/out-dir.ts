// Writing out/ atomically, and comparing it with what the declarations generate.
import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { InvalidInput } from '../model/problems.js';
import { NotRegularFile, openRegular } from '../load/regular-file.js';

import { OUTPUT_FILE, PACKAGE } from '../render/out-files.js';
import type { OutputFile } from '../render/module.js';

export { OUTPUT_FILE, PACKAGE };
const WRITE_SLICE = 1 << 20;

/** `.<name>.<pid>.<random>.tmp`: the pid says whether the writer is still alive. */
const TEMP = /^\.[^/]+\.(\d+)\.[0-9a-f]{12}\.tmp$/;

/** Write `text` to `path` through a temporary file in the same directory and a rename:
 *  readers see the old file or the new one, never half of one. A process killed before
 *  the rename leaves its temporary file behind; the next write removes it. */
export function writeAtomic(path: string, text: string): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  removeStaleTemps(dir);
  const tmp = writeTemp(path, text);
  try {
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  syncDir(dir);
}

/** Write several files as a set (out/: master.cfg and its package): every file is written
 *  in full to its temporary file first, and only then are they renamed into place, so an
 *  error while writing (disk full, a file in the way) leaves every file as it was. Files
 *  of `owned` directories that the set no longer has (a module the generator dropped) are
 *  removed. */
export function writeAtomicSet(dir: string, files: OutputFile[], owned: string[] = []): void {
  const temps: [string, string][] = [];
  const created: string[] = [];
  try {
    for (const d of new Set(files.map((f) => dirname(join(dir, f.path))))) {
      const first = mkdirSync(d, { recursive: true });
      if (first) created.push(first);
      removeStaleTemps(d);
    }
    for (const f of files) {
      const path = join(dir, f.path);
      temps.push([writeTemp(path, f.text), path]);
    }
  } catch (e) {
    for (const [tmp] of temps) rmSync(tmp, { force: true });
    // The directories this write made (now empty again) go too: out/ is as it was.
    for (const d of created.reverse()) rmSync(d, { recursive: true, force: true });
    throw e;
  }
  for (const [tmp, path] of temps) renameSync(tmp, path);
  const wanted = new Set(files.map((f) => join(dir, f.path)));
  for (const sub of owned) for (const path of listFiles(join(dir, sub))) if (!wanted.has(path)) rmSync(path, { force: true });
  for (const d of new Set(temps.map(([, path]) => dirname(path)))) syncDir(d);
}

/** The files in `dir` (not temporary files; none when it does not exist). */
export function listFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.filter((n) => !TEMP.test(n)).sort().map((n) => join(dir, n));
}

/** `text` in a new temporary file beside `path`, flushed to disk; returns its path. */
function writeTemp(path: string, text: string): string {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    // `wx`: never follow or reuse what is already there (a planted symlink, say).
    const fd = openSync(tmp, 'wx', 0o644);
    try {
      // Encoded a slice at a time: all of it at once is one more copy of the whole text in
      // memory (100+ MiB for 100,000 builders).
      let size = 0;
      for (let i = 0; i < text.length; ) {
        let end = Math.min(i + WRITE_SLICE, text.length);
        if ((text.charCodeAt(end - 1) & 0xfc00) === 0xd800) end++; // never split a surrogate pair
        const bytes = Buffer.from(text.slice(i, end), 'utf8');
        // write(2) may write less than asked (disk full, file size limit): loop, then check.
        for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
        size += bytes.length;
        i = end;
      }
      fsyncSync(fd);
      if (fstatSync(fd).size !== size) throw new Error(`short write to ${tmp}`);
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  return tmp;
}

/** Make the rename itself durable (best effort: not every platform can fsync a directory). */
function syncDir(dir: string) {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // nothing to do: the rename is still atomic, only perhaps not yet on disk
  }
}

/** Temporary files of writers that died (killed mid-write); a live writer's are left alone. */
function removeStaleTemps(dir: string) {
  for (const name of readdirSync(dir)) {
    const m = TEMP.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid !== process.pid && alive(pid)) continue;
    rmSync(join(dir, name), { force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The generated file opened for reading, or undefined when there is none. Only a regular
 *  file counts: `check` prints a diff of it, and a symlink committed in its place could point
 *  at a secret. The caller closes it. */
function openOutput(path: string, regenerate: string): { fd: number; size: number } | undefined {
  try {
    return openRegular(path);
  } catch (e) {
    if (!(e instanceof NotRegularFile)) throw e;
    if (e.reason === 'missing') return undefined;
    throw notAFile(path, e.reason === 'symlink' ? 'a symbolic link' : 'not a regular file', regenerate);
  }
}

/** `f` on the open file `o`, which is then closed. */
function readAndClose<T>(o: { fd: number; size: number }, f: (o: { fd: number; size: number }) => T): T {
  try {
    return f(o);
  } finally {
    closeSync(o.fd);
  }
}

/** The generated file on disk, or undefined when there is none (openOutput). */
export function readIfExists(path: string, regenerate: string): string | undefined {
  const o = openOutput(path, regenerate);
  return o && readAndClose(o, ({ fd }) => readFileSync(fd, 'utf8'));
}

/** Whether the generated file on disk holds exactly `text` (as readIfExists reads it). Its
 *  size answers most changes without reading it (44 MB at 100,000 builders). */
export function sameOnDisk(path: string, text: string, regenerate: string): boolean {
  const o = openOutput(path, regenerate);
  return !!o && readAndClose(o, ({ fd, size }) => size === Buffer.byteLength(text) && readFileSync(fd, 'utf8') === text);
}

/** A problem with the whole file (line 0: no position in it). */
function notAFile(path: string, what: string, regenerate: string) {
  return new InvalidInput([
    { file: path, line: 0, col: 0, rule: 'output-not-a-file', severity: 'error', message: `${path} is ${what}: the generated file must be a regular file; remove it and run \`${regenerate}\`` },
  ]);
}

/** A unified diff from the file on disk to the generated text. */
export function unifiedDiff(shownPath: string, onDisk: string, generated: string): string {
  // Loaded only on drift: most runs never diff, and loading it costs ~5-10 ms at every start.
  const { createTwoFilesPatch } = createRequire(import.meta.url)('diff') as typeof import('diff');
  return createTwoFilesPatch(`${shownPath} (on disk)`, `${shownPath} (generated)`, onDisk, generated, undefined, undefined, { context: 3 });
}
