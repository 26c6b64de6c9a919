// Whether this process was started as the command: dist/cli/main.js (the package's bin, which
// a bare `tsc` also writes) or dist/cli/main.cjs (the same launcher as CommonJS, which Node
// starts sooner: the npm scripts and the benchmark use it), through any symlink (npx, npm link).
import { realpathSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ENTRIES = ['main.js', 'main.cjs'];

/** True when argv[1] is one of the entries in the folder of the module at `moduleUrl`. */
export function startedAsCli(moduleUrl: string): boolean {
  const started = process.argv[1];
  if (!started) return false;
  try {
    const real = realpathSync(started);
    return ENTRIES.includes(basename(real)) && dirname(real) === realpathSync(dirname(fileURLToPath(moduleUrl)));
  } catch {
    return false;
  }
}
