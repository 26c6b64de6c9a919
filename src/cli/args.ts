// argv -> a command, its arguments and its options, or a UsageError that says what was
// wrong in our words (with "did you mean" for a mistyped command or option). Each command
// accepts only the options commands.ts gives it.
import { closest } from '../model/problems.js';
import { COMMANDS, commandNamed, OPTIONS, type CommandSpec } from './commands.js';

export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose usage line to show (none: the general one). */
    readonly command?: CommandSpec,
  ) {
    super(message);
  }
}

export interface Values {
  fleet: string[];
  workers?: string;
  builders?: string;
  out?: string;
  strict: boolean;
  json: boolean;
  markdown: boolean;
  base?: string;
  output?: string;
  settings?: string;
  branches?: string;
  help: boolean;
  version: boolean;
  // try
  repo?: string;
  ref?: string;
  buildbot?: string;
  worker?: string;
  once: boolean;
}

export interface Parsed {
  /** Undefined when argv names none (then `help` or `version` may still be asked for). */
  command?: CommandSpec;
  args: string[];
  values: Values;
}

interface Given {
  name: string;
  /** As written (`--stirct`, `-x`), for messages. */
  raw: string;
  value?: string;
  /** `--strict=yes`: a value given to a flag. */
  inline: boolean;
}

const SHORT = new Map(Object.values(OPTIONS).flatMap((o) => (o.short ? [[o.short, o.name] as const] : [])));
const ANYWHERE = new Set(['help', 'version']);

function tokens(argv: string[]): { given: Given[]; positionals: string[] } {
  const given: Given[] = [];
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const spec = OPTIONS[name];
      if (eq >= 0) given.push({ name, raw: `--${name}`, value: a.slice(eq + 1), inline: true });
      else if (spec?.value && i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) given.push({ name, raw: a, value: argv[++i], inline: false });
      else given.push({ name, raw: a, inline: false });
    } else if (a.startsWith('-') && a.length > 1) {
      // `-o FILE`: a short option that takes a value stands alone, its value next.
      const spec = a.length === 2 ? OPTIONS[SHORT.get(a[1]!) ?? ''] : undefined;
      if (spec?.value) {
        given.push({ name: spec.name, raw: a, value: i + 1 < argv.length ? argv[++i] : undefined, inline: false });
        continue;
      }
      // `-hV`: short flags may be grouped.
      for (const ch of a.slice(1)) given.push({ name: SHORT.get(ch) ?? `-${ch}`, raw: `-${ch}`, inline: false });
    } else positionals.push(a);
  }
  return { given, positionals };
}

const known = (c: CommandSpec) => [...c.options, ...ANYWHERE];

function unknownCommand(word: string): UsageError {
  const guess = closest(word, COMMANDS.map((c) => c.name));
  return new UsageError(`unknown command \`${word}\`${guess ? `; did you mean \`${guess}\`?` : ''} (commands: ${COMMANDS.map((c) => c.name).join(', ')})`);
}

function checkOption(g: Given, command: CommandSpec | undefined): void {
  const spec = OPTIONS[g.name];
  const allowed = command ? known(command) : [...ANYWHERE];
  if (!spec || !allowed.includes(g.name)) {
    if (!spec && command === undefined) throw new UsageError(`unknown option \`${g.raw}\``);
    // A near miss of an option this command takes (`--worker` for `--workers`) is likelier than another command's option.
    const guess = command && closest(g.raw.replace(/^-+/, ''), allowed);
    if (!spec || guess) {
      throw new UsageError(`unknown option \`${g.raw}\` for \`${command!.name}\`${guess ? `; did you mean \`--${guess}\`?` : ''}`, command);
    }
    const users = COMMANDS.filter((c) => c.options.includes(g.name)).map((c) => c.name);
    const where = command ? `\`${command.name}\` does not take \`--${g.name}\`` : `\`--${g.name}\` needs a command`;
    throw new UsageError(`${where} (it is an option of ${users.join(', ')})`, command);
  }
  if (spec.value && g.value === undefined) throw new UsageError(`\`--${g.name}\` needs a value: \`--${g.name} ${spec.value}\``, command);
  if (!spec.value && g.inline) throw new UsageError(`\`--${g.name}\` is a flag and takes no value (given \`${g.raw}=${g.value}\`)`, command);
  if (spec.value && g.value === '') throw new UsageError(`\`--${g.name}\` needs a value: \`--${g.name} ${spec.value}\`, not an empty one`, command);
}

/** Parse argv; throws UsageError. `-h`/`--help` and `-V`/`--version` win over every other mistake. */
export function parseCommandLine(argv: string[]): Parsed {
  const { given, positionals } = tokens(argv);
  const values: Values = { fleet: [], strict: false, json: false, markdown: false, help: false, version: false, once: false };
  values.help = given.some((g) => g.name === 'help');
  values.version = given.some((g) => g.name === 'version');
  const [word, ...args] = positionals;
  const command = word === undefined ? undefined : commandNamed(word);
  if (values.version) return { command, args, values };
  if (word !== undefined && !command) throw unknownCommand(word);
  if (values.help) return { command, args, values };

  const seen = new Set<string>();
  for (const g of given) {
    checkOption(g, command);
    const spec = OPTIONS[g.name]!;
    if (seen.has(g.name) && !spec.repeat && !ANYWHERE.has(g.name)) throw new UsageError(`\`--${g.name}\` is given twice`, command);
    seen.add(g.name);
    if (spec.repeat) (values[g.name as 'fleet'] as string[]).push(g.value!);
    else if (spec.value) (values as unknown as Record<string, string>)[g.name] = g.value!;
    else (values as unknown as Record<string, boolean>)[g.name] = true;
  }
  if (!command) throw new UsageError('a command is required');
  const [min, max] = command.arity;
  if (args.length < min) throw new UsageError(`\`${command.name}\` needs ${command.needs ?? command.args}`, command);
  if (args.length > max) throw new UsageError(`unexpected argument \`${args[max]}\`: \`${command.name}\` takes ${max ? `only ${command.args}` : 'no arguments'}`, command);
  if (command.name === 'help' && args[0] !== undefined && !commandNamed(args[0])) throw unknownCommand(args[0]);
  return { command, args, values };
}

