// A large CommonJS file loaded with V8's code cache: the ajv validators (700 KB of generated
// code) and the bundled CLI (dist/cli/cli.cjs). scripts/precompile.mjs and scripts/bundle.mjs
// run each file once and save V8's compiled code beside it (`<file>.v8cache`); a run then
// skips parsing and compiling what it calls (docs/performance.md). V8 ignores a cache made
// by another V8, under other flags or for a source of another length (it costs the compile
// then); it does not compare the source itself, so the build always writes a file and its
// cache together, and a hand edit of a built file that keeps its length must rebuild.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

export const CACHE_SUFFIX = '.v8cache';

/** CommonJS's own wrapper, so a file runs exactly as `require` would run it. The build writes
 *  its files already wrapped (`wrapped`): V8 then compiles the string read from disk, where
 *  wrapping at load time made a second copy of it (725 KB for the CLI), and on this kind of
 *  machine every megabyte a process touches first costs it about 6 ms. */
export const WRAPPER_HEAD = '(function (exports, require, module, __filename, __dirname) { ';
const WRAPPER_TAIL = '\n})';

/** `source` (a CommonJS module) as the build writes it for loadCached. A `#!` first line is
 *  kept as a comment (require ignores it), so line numbers hold. */
export function wrapped(source: string): string {
  return `${WRAPPER_HEAD}${source.startsWith('#!') ? `//${source.slice(2)}` : source}${WRAPPER_TAIL}`;
}

export interface Loaded {
  exports: unknown;
  /** For the build: `script.createCachedData()` once the code has run. */
  script: Script;
}

/** `require(file)` with its code cache, or undefined when the file does not exist. The file
 *  is a CommonJS module, written by the build already wrapped (or not: it is wrapped here). */
export function loadCached(file: string): Loaded | undefined {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(file + CACHE_SUFFIX);
  } catch {
    // No cache (a bare `tsc` build): compile as require would.
  }
  const script = new Script(source.startsWith(WRAPPER_HEAD) ? source : wrapped(source), { filename: file, cachedData });
  const module = { exports: {} as unknown };
  (script.runInThisContext() as (...a: unknown[]) => void)(module.exports, createRequire(file), module, file, dirname(file));
  return { exports: module.exports, script };
}
