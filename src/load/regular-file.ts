// Opening a file we will read and perhaps print: only a regular file, never through a
// symlink (a link in a pull request could make us read, and print in a problem or a
// diff, any file on the CI machine), and non-blocking, so a FIFO cannot hang us.
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';

export type NotRegularReason = 'missing' | 'symlink' | 'directory' | 'special';

export class NotRegularFile extends Error {
  constructor(
    readonly reason: NotRegularReason,
    detail: string,
  ) {
    super(detail);
  }
}

/** An open descriptor and the size of `path`; the caller closes it. Throws NotRegularFile
 *  when `path` is missing or not a regular file, the system's error otherwise. */
export function openRegular(path: string): { fd: number; size: number } {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason = ({ ENOENT: 'missing', ELOOP: 'symlink', EISDIR: 'directory' } as const)[code as 'ENOENT'];
    if (!reason) throw e; // any other failure (EACCES, ...) as the system said it
    throw new NotRegularFile(reason, code!);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new NotRegularFile('directory', 'EISDIR');
    if (!stat.isFile()) throw new NotRegularFile('special', 'not a regular file');
    return { fd, size: stat.size };
  } catch (e) {
    closeSync(fd);
    throw e;
  }
}

/** The whole text of a regular file (for files we wrote, or have already bounded). */
export function readRegular(path: string): string {
  const { fd } = openRegular(path);
  try {
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}
