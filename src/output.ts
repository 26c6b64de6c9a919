// Writing out/ atomically, and comparing it with what the declarations generate.
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createTwoFilesPatch } from 'diff';

export const OUTPUT_FILE = 'master.cfg';

/** Write `text` to `path` through a temporary file in the same directory and a rename:
 *  readers see the old file or the new one, never half of one. */
export function writeAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${OUTPUT_FILE}.${process.pid}.tmp`);
  try {
    const fd = openSync(tmp, 'w', 0o644);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

export function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** A unified diff from the file on disk to the generated text. */
export function unifiedDiff(shownPath: string, onDisk: string, generated: string): string {
  return createTwoFilesPatch(`${shownPath} (on disk)`, `${shownPath} (generated)`, onDisk, generated, undefined, undefined, { context: 3 });
}
