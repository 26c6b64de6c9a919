// The CLI's first import: `check` answers from its memo (check-memo.ts) before the rest of
// the CLI, and with it yaml, ajv and handlebars, is loaded; and V8's compilers are chosen for
// the fleet's size (tiering.ts) before that code is compiled. Anything unusual (another
// command, a usage error, no memo, a changed file) falls through to the full CLI.
import { writeSync } from 'node:fs';
import { startedAsCli } from './entry.js';
import { isTerminal } from './std-write.js';
import { parseCommandLine } from './args.js';
import { memoKey, recall, type Printed } from './check-memo.js';
import { locateFleets, type FleetLocation } from './fleet-paths.js';
import { chooseTiering } from './tiering.js';

/** The command and the fleets it reads, as main() will find them; undefined for help, a
 *  usage error or no fleet (main() says what is wrong). */
function commandOnFleets(argv: string[], cwd: string): { command: string; fleets: FleetLocation[] } | undefined {
  try {
    const { command, values } = parseCommandLine(argv);
    if (!command || values.help || values.version) return undefined;
    return { command: command.name, fleets: locateFleets(values, cwd, 'out') };
  } catch {
    return undefined;
  }
}

/** What a memoised passing `check` printed, or undefined when the full check must run. */
function memoisedCheck(argv: string[], fleets: FleetLocation[], cwd: string, env: NodeJS.ProcessEnv, tty: boolean): Printed | undefined {
  try {
    const key = memoKey({ argv, cwd, env, tty, fleets });
    return key === undefined ? undefined : recall(key, fleets.map((f) => f.out), env);
  } catch {
    return undefined;
  }
}

if (startedAsCli(import.meta.url)) {
  const argv = process.argv.slice(2);
  const found = commandOnFleets(argv, process.cwd());
  if (found) {
    chooseTiering(found.fleets.flatMap((f) => [f.workers, f.builders]));
    const hit = found.command === 'check' ? memoisedCheck(argv, found.fleets, process.cwd(), process.env, isTerminal(2)) : undefined;
    if (hit) {
      for (const [fd, text] of hit) writeSync(fd, text);
      process.exit(0);
    }
  }
}
