// Everything the 2026 exactness tests expect, written by hand from ../shared/fleet-2026.md
// (never derived from the generator or its YAML). See expected/ for the parts.
import { ANDROID_BUILDERS, EMSCRIPTEN_BUILDERS, INSTALLED_BUILDERS, IOS_BUILDERS, VALGRIND_BUILDERS, WASI_CROSS_BUILDERS, WASI_PREVIEW1_BUILDERS, WINDOWS_BUILDERS } from './expected/builders-other.js';
import { UNIX_BUILDERS } from './expected/builders-unix.js';
import type { Builder } from './expected/steps.js';

export * from './expected/fleet.js';
export * from './expected/globals.js';
export * from './expected/schedulers.js';
export * from './expected/steps.js';
export { IENV } from './expected/builders-other.js';

/** The sample of builders checked step by step, one group per family of §3. */
export const SAMPLE: Record<string, Builder[]> = {
  'Unix make buildbottest (§3.2)': UNIX_BUILDERS,
  'installed (§3.3)': INSTALLED_BUILDERS,
  'Windows (§3.4)': WINDOWS_BUILDERS,
  'WASI cross build (§3.5)': WASI_CROSS_BUILDERS,
  'WASI preview1 (§3.6)': WASI_PREVIEW1_BUILDERS,
  'iOS simulator (§3.7)': IOS_BUILDERS,
  'Android (§3.8)': ANDROID_BUILDERS,
  'Emscripten (§3.9)': EMSCRIPTEN_BUILDERS,
  'Valgrind (§3.10)': VALGRIND_BUILDERS,
};
export const SAMPLE_BUILDERS: Builder[] = Object.values(SAMPLE).flat();
