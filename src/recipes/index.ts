// The registry of families of steps ("recipes"): the one place a build kind's family is
// defined. The schema's enum, the OS fit, the fields each family reads and the step
// builder all come from here. Adding a family: one entry here plus its tests.
import type { Step } from '../model/types.js';
import type { StepContext } from './context.js';
import { android, emscripten, iosSimulator, wasiCross, wasiPreview1 } from './cross.js';
import * as legacy from './legacy.js';
import { unixInstalled, unixMake, valgrind } from './unix.js';
import { windowsBat } from './windows.js';

/** The fields of a build kind that only some families read. */
export const FAMILY_FIELDS = [
  'configure_flags',
  'test_flags',
  'interpreter_flags',
  'platform',
  'release',
  'timeout_multiplier',
  'compile_env',
  'test_env',
  'out_of_tree',
  'build_flags',
  'clean_flags',
  'arch',
  'legacy_branches',
  'host',
  'host_env',
] as const;
export type FamilyField = (typeof FAMILY_FIELDS)[number];

export interface RecipeDef {
  description: string;
  /** Which OS families it runs on, in words and as a test. */
  os: { label: string; fits: (family: string) => boolean };
  fields: readonly FamilyField[];
  steps: (ctx: StepContext) => Step[];
}

const unixLike = { label: 'a Unix-like OS (not windows)', fits: (f: string) => f !== 'windows' };
const windowsOnly = { label: 'windows', fits: (f: string) => f === 'windows' };
const anyOs = { label: 'any OS', fits: () => true };

export const RECIPES: Record<string, RecipeDef> = {
  // ---- buildmaster-config of July 2017 ----
  unix: { description: '2017: ./configure, make all, make buildbottest, make distclean', os: unixLike, fields: ['configure_flags', 'test_flags', 'interpreter_flags', 'timeout_multiplier'], steps: legacy.unix },
  installed: { description: '2017: make install, then the tests of the installed python', os: unixLike, fields: ['configure_flags', 'test_flags', 'interpreter_flags', 'timeout_multiplier'], steps: legacy.installed },
  windows: { description: '2017: Tools\\buildbot\\*.bat', os: windowsOnly, fields: ['test_flags', 'timeout_multiplier', 'platform', 'release'], steps: legacy.windows },
  vs9: { description: '2017: PC\\VS9.0 (Python 2.7)', os: windowsOnly, fields: ['test_flags', 'timeout_multiplier', 'platform'], steps: legacy.vs9 },
  docs: { description: '2017: make -C Doc/ check, suspicious, html', os: unixLike, fields: [], steps: legacy.docs },
  dmg: { description: '2017: Mac/BuildScript/build-installer.py, uploaded to the master', os: { label: 'macos', fits: (f) => f === 'macos' }, fields: [], steps: legacy.dmg },
  // ---- today's buildmaster-config ----
  'unix-make': {
    description: 'configure (in or out of tree), make, pythoninfo, make buildbottest with a JUnit upload, distclean',
    os: unixLike,
    fields: ['configure_flags', 'test_flags', 'interpreter_flags', 'compile_env', 'test_env', 'out_of_tree'],
    steps: unixMake,
  },
  'unix-installed': {
    description: 'make install into target/, lock it, test the installed interpreter, uninstall',
    os: unixLike,
    fields: ['configure_flags', 'test_flags', 'interpreter_flags'],
    steps: unixInstalled,
  },
  'windows-bat': { description: 'Tools\\buildbot\\build.bat, test.bat, clean.bat', os: windowsOnly, fields: ['build_flags', 'test_flags', 'clean_flags', 'compile_env'], steps: windowsBat },
  'wasi-cross': { description: 'a build Python, then a WASI host Python cross-built with Tools/wasm/wasi-env', os: anyOs, fields: ['configure_flags', 'test_flags', 'host', 'host_env'], steps: wasiCross },
  'wasi-preview1': { description: 'Tools/wasm/wasi.py builds and tests a WASI preview1 Python', os: anyOs, fields: ['configure_flags', 'test_flags'], steps: wasiPreview1 },
  'ios-simulator': { description: 'Platforms/Apple builds and tests an iOS simulator framework (make-based on `legacy_branches`)', os: anyOs, fields: ['configure_flags', 'arch', 'legacy_branches'], steps: iosSimulator },
  android: { description: 'Platforms/Android builds and tests an Android Python on a managed emulator', os: anyOs, fields: [], steps: android },
  emscripten: { description: 'Platforms/emscripten builds; node and browser tests (test_env: every step\'s environment)', os: anyOs, fields: ['test_env'], steps: emscripten },
  valgrind: { description: 'a debug build whose tests run under valgrind (interpreter_flags: valgrind\'s options)', os: unixLike, fields: ['configure_flags', 'test_flags', 'interpreter_flags', 'compile_env', 'test_env'], steps: valgrind },
};

export const RECIPE_NAMES = Object.keys(RECIPES);
