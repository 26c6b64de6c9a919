// Build step after `tsc` and scripts/precompile.mjs: the command line as one file.
//
// `tsc` leaves about 90 modules in dist/ and yaml is 70 more: loading them one by one is a
// good part of a cold run on a fleet of CPython's size (Node resolves, reads and compiles
// each). esbuild joins dist/cli/main.js and everything it imports (yaml included) into one
// ES module written over dist/cli/main.js, so `node dist/cli/main.js` and the package's bin
// load one file. Node's own modules are imported by the bundle's first lines, whichever
// command runs: a module that must not load for every command (node:net, which `generate`
// must never touch) is imported where it is used. Measured with `sh bench/cold-instructions.sh`
// (docs/performance.md).
//
// The rest of dist/ stays as tsc wrote it (the build's other steps, the benchmarks and the
// tests import single modules). Paths the code finds relative to its own file are written so
// that they hold from dist/cli/ as from any other folder of dist/ (`../validate/...`), and
// files loaded at run time by path (the precompiled validators and templates, handlebars,
// diff, package.json) are left out of the bundle. A bare `tsc` writes the plain module back:
// slower to start, the same behaviour.
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
await build({
  entryPoints: [main],
  outfile: main,
  allowOverwrite: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // The packages stay CommonJS inside the bundle; their `require` of Node's own modules needs one.
  banner: { js: "import { createRequire as __bmgRequire } from 'node:module'; const require = __bmgRequire(import.meta.url);" },
  logLevel: 'warning',
  legalComments: 'none',
});
// The CLI is the package's bin: keep it executable however dist/ was rebuilt.
chmodSync(main, 0o755);
console.log('bundled dist/cli/main.js');
