// What the CLI prints, written straight to file descriptors 1 and 2. Node's process.stdout
// and process.stderr are streams made on first use; for a pipe (CI, `| head`) that means a
// socket and Node's net and stream modules, a cost every cold run would pay to print one line.
import { fstatSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Whether descriptor `fd` is a terminal (colour, the memo's key). node:tty loads node:net
 *  (2 ms of a cold run), so a pipe or a file, the usual stderr of CI and scripts, is told
 *  by fstat alone: only a character device can be a terminal. */
export function isTerminal(fd: number): boolean {
  try {
    if (!fstatSync(fd).isCharacterDevice()) return false;
  } catch {
    return false; // closed: not a terminal (tty.isatty says the same)
  }
  return (createRequire(import.meta.url)('node:tty') as typeof import('node:tty')).isatty(fd);
}

/** The descriptors that have had to go through Node's stream (see writeStd): from then on,
 *  everything for them does, so that the order holds. */
const streamed = new Set<1 | 2>();
/** The descriptors whose reader has gone (`explain | head`): the rest of the output is
 *  dropped, and the command runs to its end, so that its exit code still says what it found. */
const closed = new Set<1 | 2>();

const stream = (fd: 1 | 2) => (fd === 1 ? process.stdout : process.stderr);

/** Write `text` to stdout (1) or stderr (2) now. When the other end closed (EPIPE:
 *  `explain | head`), quietly write nothing more there. When the descriptor is non-blocking
 *  and full (EAGAIN), the rest goes through Node's stream, which waits. */
export function writeStd(fd: 1 | 2, text: string): void {
  if (closed.has(fd)) return;
  if (streamed.has(fd)) {
    stream(fd).write(text);
    return;
  }
  const bytes = Buffer.from(text);
  for (let off = 0; off < bytes.length; ) {
    try {
      off += writeSync(fd, bytes, off);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') {
        closed.add(fd);
        return;
      }
      if (code !== 'EAGAIN') throw e;
      streamed.add(fd);
      const s = stream(fd);
      s.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code !== 'EPIPE') throw err;
        closed.add(fd);
        s.destroy();
      });
      s.write(bytes.subarray(off));
      return;
    }
  }
}

/** process.exit(code) once everything written is out (at once, unless a stream holds some).
 *  Exiting spares the natural end, where Node tears down V8's heap page by page: 20 ms of a
 *  cold `check`. */
export function exitWhenWritten(code: number): void {
  const pending = [...streamed].filter((fd) => !closed.has(fd)).map(stream).filter((s) => s.writableLength > 0);
  if (!pending.length) process.exit(code);
  let left = pending.length;
  for (const s of pending) s.once('drain', () => --left === 0 && process.exit(code));
}
