// A large CommonJS file loaded with V8's code cache: the ajv validators (700 KB of generated
// code) and the bundled CLI (dist/cli/cli.cjs). scripts/precompile.mjs and scripts/bundle.mjs
// run each file once and save V8's compiled code beside it (`<file>.v8cache`); a run then
// skips parsing and compiling what it calls (docs/performance.md). V8 checks the cache against the source, its own version and its flags, and ignores
// a cache that does not match: a stale or foreign cache costs the compile, never a wrong result.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

export const CACHE_SUFFIX = '.v8cache';

export interface Loaded {
  exports: unknown;
  /** For the build: `script.createCachedData()` once the code has run. */
  script: Script;
}

/** `require(file)` with its code cache, or undefined when the file does not exist. */
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
  // CommonJS's own wrapper, so the file runs exactly as `require` would run it (which also
  // ignores a `#!` first line: kept as a comment, so line numbers hold).
  if (source.startsWith('#!')) source = `//${source.slice(2)}`;
  const script = new Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n})`, { filename: file, cachedData });
  const module = { exports: {} as unknown };
  (script.runInThisContext() as (...a: unknown[]) => void)(module.exports, createRequire(file), module, file, dirname(file));
  return { exports: module.exports, script };
}
