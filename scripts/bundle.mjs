// Build step after `tsc` and scripts/precompile.mjs: the command line as an entry (in two
// module formats) and one bundle with its code cache.
//
// `tsc` leaves about 90 modules in dist/ and yaml is 70 more: loading them one by one is a
// good part of a cold run on a fleet of CPython's size (Node resolves, reads and compiles
// each), and compiling what runs is another. So:
//   dist/cli/cli.cjs          esbuild joins tsc's dist/cli/main.js and everything it
//                             imports (yaml included) into one CommonJS file;
//   dist/cli/cli.cjs.v8cache  V8's code cache of it, made after running `check` on both
//                             fleets, under the flags such a run has (src/cli/tiering.ts);
//   dist/cli/main.js          the entry (src/cli/launch.ts, bundled): the check gate, then
//                             cli.cjs loaded with its cache (src/validate/cached-script.ts).
//                             The package's bin. It replaces tsc's main.js, so a bare `tsc`
//                             still leaves a working command (the plain modules);
//   dist/cli/main.cjs         the same entry as CommonJS, which Node starts about 15 ms
//                             sooner (no module loader): the npm scripts and the bench run it.
// cli.cjs is CommonJS because only a script (vm.Script) takes a code cache on Node 20. V8 ignores a
// cache made under other flags (a large fleet keeps TurboFan) or by another Node: it then
// compiles as before, never runs wrong code. Measured in docs/performance.md.
//
// A module that must not load for every command (node:net, which `generate` must never
// touch) is imported where it is used. Paths the code finds relative to its own file are
// written so that they hold from dist/cli/ as from any other folder of dist/
// (`../validate/...`), and files loaded at run time by path (the precompiled validators and
// templates, diff, package.json) are left out of the bundle. A bare `tsc` writes the plain
// modules back: slower to start, the same behaviour.
import { build } from 'esbuild';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const cliDir = join(root, 'dist', 'cli');
const main = join(cliDir, 'main.js');
const entry = join(cliDir, 'main.cjs');
const bundle = join(cliDir, 'cli.cjs');
// BMG_BUNDLED: the code knows it is the bundle (src/cli/check-memo.ts: which files are its code).
const common = { bundle: true, platform: 'node', target: 'node20', logLevel: 'warning', legalComments: 'none', define: { BMG_BUNDLED: 'true' } };

// The entry has run the check gate before it loads cli.cjs: main.ts's own import of it is
// left out there (it would hash the inputs a second time).
const gateRan = {
  name: 'gate-ran',
  setup(b) {
    b.onResolve({ filter: /\/check-gate\.js$/ }, () => ({ path: 'check-gate', namespace: 'gate-ran' }));
    b.onLoad({ filter: /.*/, namespace: 'gate-ran' }, () => ({ contents: '', loader: 'js' }));
  },
};

// 1. The CLI as CommonJS. Its `import.meta.url` is main.cjs's (same folder), so that relative
// paths and the "am I the program?" test in main.ts hold as in the ES module.
await build({
  ...common,
  entryPoints: [main],
  outfile: bundle,
  plugins: [gateRan],
  format: 'cjs',
  // A script run by vm.Script cannot import(): such imports (node:net) become require()s.
  supported: { 'dynamic-import': false },
  define: { ...common.define, 'import.meta.url': '__bmgMainUrl' },
  banner: { js: "const __bmgMainUrl = require('node:url').pathToFileURL(require('node:path').join(__dirname, 'main.cjs')).href;" },
});

// Written as loadCached reads it (src/validate/cached-script.ts): already wrapped.
const { loadCached, wrapped, CACHE_SUFFIX } = await import(new URL('../dist/validate/cached-script.js', import.meta.url).href);
writeFileSync(bundle, wrapped(readFileSync(bundle, 'utf8')));

// 2. The entry, twice: over tsc's main.js (the package's bin, an ES module) and as main.cjs.
await build({ ...common, entryPoints: [join(cliDir, 'launch.js')], outfile: main, allowOverwrite: true, format: 'esm' });
await build({
  ...common,
  entryPoints: [join(cliDir, 'launch.js')],
  outfile: entry,
  format: 'cjs',
  define: { ...common.define, 'import.meta.url': '__bmgEntryUrl' },
  banner: { js: "const __bmgEntryUrl = require('node:url').pathToFileURL(__filename).href;" },
});
// Both are run as programs: keep them executable however dist/ was rebuilt.
for (const file of [main, entry]) chmodSync(file, 0o755);

// 3. The code cache: run `check` on both fleets in this process, then save what V8 compiled.
const { setShortRunFlags } = await import(new URL('../dist/cli/tiering.js', import.meta.url).href);
setShortRunFlags();
const { exports: cli, script } = loadCached(bundle);
const memo = mkdtempSync(join(tmpdir(), 'bmg-build-'));
try {
  for (const fleet of ['.', 'fleets/cpython-2026']) {
    // A fleet that does not check (being edited) still compiles what it ran. A bare
    // environment: nothing of CI's (GITHUB_STEP_SUMMARY...) is written to by the build.
    await cli.main(['check', '--fleet', fleet], { out: () => {}, err: () => {}, env: { PATH: process.env.PATH, BUILDMASTER_GEN_CACHE: memo }, cwd: root });
  }
} finally {
  rmSync(memo, { recursive: true, force: true });
}
writeFileSync(bundle + CACHE_SUFFIX, script.createCachedData());
console.log('bundled dist/cli/main.js, dist/cli/main.cjs and dist/cli/cli.cjs (and its V8 code cache)');
