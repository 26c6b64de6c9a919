// Which of V8's compilers a run uses. A command on a fleet of CPython's size is over in well
// under a second, before V8's optimising compiler (TurboFan) pays for itself: compiling hot
// functions costs more than running them in the interpreter and the baseline compiler
// (Sparkplug). Measured with `node bench/tiering.mjs`, cold `check`: the 2026 fleet (51 KB
// of YAML) takes 40% less CPU without TurboFan, a 245 KB fleet 25–35% less, and from about
// 800 KB up TurboFan wins (the 100,000-builder fleet runs twice as long without it).
import { statSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

/** Declarations at least this large (both files of every fleet) keep TurboFan. */
export const OPTIMISE_FROM_BYTES = 512 * 1024;

/** Whether a run on these declaration files is long enough for TurboFan to pay. */
export function turbofanPays(inputs: readonly string[]): boolean {
  let bytes = 0;
  for (const f of inputs) {
    try {
      bytes += statSync(f).size;
    } catch {
      // A missing file is reported by the command itself; it does not make the run long.
    }
  }
  return bytes >= OPTIMISE_FROM_BYTES;
}

/** Turn TurboFan off (and keep the young generation small) when the inputs are small. Must run before the
 *  pipeline's code is loaded (flags apply to what is compiled after). */
export function chooseTiering(inputs: readonly string[]): void {
  if (!turbofanPays(inputs)) setShortRunFlags();
}

/** The flags of a short run. The build sets them too when it saves V8's code caches of the
 *  validators and of the CLI (validate/cached-script.ts): V8 accepts a cache only under the
 *  flags it was made with.
 *  - `--no-turbofan`: see above.
 *  - `--semi-space-growth-factor=1`: the young generation keeps its first size (1 MB)
 *    instead of doubling as objects survive. Each first touch of a page of memory costs a
 *    process about 25 µs on a VM like CI's (Firecracker), and the grown young generation was
 *    the largest memory a cold `check` touched: on the 2026 fleet, 8,490 page faults become
 *    6,560, and the run 30 ms shorter, though it collects three times as often
 *    (docs/performance.md). */
export function setShortRunFlags(): void {
  setFlagsFromString('--no-turbofan --semi-space-growth-factor=1');
}
