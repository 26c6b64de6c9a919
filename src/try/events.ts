// What the trial master reports (buildmaster_try.py's TryEvents writes one JSON object a
// line), and reading that file as it grows.
import { closeSync, openSync, readSync } from 'node:fs';

export type TryEvent =
  | { event: 'ready'; buildbot: string; repository: string }
  | { event: 'worker'; name: string; state: 'connected' | 'disconnected'; info: { admin?: string; host?: string; version?: string } }
  | { event: 'build-start'; builder: string; number: number; buildid: number }
  | { event: 'build-end'; builder: string; number: number; buildid: number; result: string; state: string | null; seconds: number | null }
  | { event: 'step-start'; buildid: number; number: number; name: string }
  | {
      event: 'step-end';
      buildid: number;
      number: number;
      name: string;
      result: string;
      state: string | null;
      hidden: boolean;
      seconds: number | null;
      /** The commands its log shows (a checkout runs several). */
      commands: string[];
      /** The last lines of its output. */
      tail: string[];
    };

/** Reads the complete lines appended to a file since the last call. */
export class EventFile {
  private offset = 0;
  /** Bytes after the last newline (a line still being written). */
  private partial = Buffer.alloc(0);

  constructor(readonly path: string) {}

  read(): TryEvent[] {
    let fd: number;
    try {
      fd = openSync(this.path, 'r');
    } catch {
      return []; // not written yet
    }
    const chunks: Buffer[] = [];
    try {
      const buffer = Buffer.alloc(64 * 1024);
      for (;;) {
        const n = readSync(fd, buffer, 0, buffer.length, this.offset);
        if (n <= 0) break;
        chunks.push(Buffer.from(buffer.subarray(0, n)));
        this.offset += n;
      }
    } finally {
      closeSync(fd);
    }
    const bytes = Buffer.concat([this.partial, ...chunks]);
    const end = bytes.lastIndexOf(0x0a) + 1;
    this.partial = bytes.subarray(end);
    return bytes
      .subarray(0, end)
      .toString('utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as TryEvent);
  }
}
