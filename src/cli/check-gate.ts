// The CLI's first import: `check` answers from its memo (check-memo.ts) before the rest of
// the CLI, and with it yaml, ajv and handlebars, is loaded; and V8's compilers are chosen for
// the fleet's size (tiering.ts) before that code is compiled. Anything unusual (another
// command, a usage error, no memo, a changed file) falls through to the full CLI.
import { realpathSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCommandLine } from './args.js';
import { memoKey, recall, type Printed } from './check-memo.js';
import { locateFleets } from './fleet-paths.js';
import { chooseTiering } from './tiering.js';

/** What a memoised passing `check` printed, or undefined when the full check must run.
 *  Any command that reads fleets also picks V8's compilers for their size (tiering.ts). */
export function memoisedCheck(argv: string[], cwd: string, env: NodeJS.ProcessEnv, tty: boolean): Printed | undefined {
  try {
    const { command, values } = parseCommandLine(argv);
    if (!command || values.help || values.version) return undefined;
    const fleets = locateFleets(values, cwd, 'out');
    chooseTiering(fleets.flatMap((f) => [f.workers, f.builders]));
    if (command.name !== 'check') return undefined;
    const key = memoKey({ argv, cwd, env, tty, fleets });
    return key === undefined ? undefined : recall(key, fleets.map((f) => f.out), env);
  } catch {
    return undefined;
  }
}

/** Whether this process runs the CLI (not a test importing it). */
function runAsCli(): boolean {
  try {
    return !!process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(new URL('./main.js', import.meta.url)));
  } catch {
    return false;
  }
}

if (runAsCli()) {
  const hit = memoisedCheck(process.argv.slice(2), process.cwd(), process.env, process.stderr.isTTY === true);
  if (hit) {
    for (const [fd, text] of hit) writeSync(fd, text);
    process.exit(0);
  }
}
