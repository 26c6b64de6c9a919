// The commands and options of the command line, and the help made from them. One table:
// the parser (args.ts), `help`, `help COMMAND`, `COMMAND -h` and the usage line of a usage
// error all read it, so they cannot disagree.

export interface OptionSpec {
  name: string;
  short?: string;
  /** The placeholder of the option's value; a flag has none. */
  value?: string;
  /** May be given more than once (each value is kept). */
  repeat?: boolean;
  help: string;
}

export interface CommandSpec {
  name: string;
  /** The positional arguments, as shown in the usage line. */
  args?: string;
  /** How many positional arguments: [min, max] (max Infinity: the words make one name). */
  arity: [number, number];
  /** What the arguments are, for "`explain` needs ...". */
  needs?: string;
  summary: string;
  /** Said after the usage line by `help COMMAND`. */
  details: string[];
  options: string[];
  examples: string[];
}

export const PROGRAM = 'buildmaster-gen';
/** How people run it: in this repository, and in a fleet repository that depends on it. */
export const RUN = `npx ${PROGRAM}`;

export const OPTIONS: Record<string, OptionSpec> = {
  fleet: { name: 'fleet', value: 'DIR', repeat: true, help: 'the fleet in DIR: DIR/workers.yaml, DIR/builders.yaml, DIR/out/ (repeat it for several fleets; default: the nearest directory, from here upwards, that holds workers.yaml or builders.yaml)' },
  workers: { name: 'workers', value: 'FILE', help: "the workers declaration (default: the fleet's workers.yaml)" },
  builders: { name: 'builders', value: 'FILE', help: "the builders declaration (default: the fleet's builders.yaml)" },
  out: { name: 'out', value: 'DIR', help: "the output directory (default: the fleet's out/; for `schema`, its schema/)" },
  strict: { name: 'strict', help: 'warnings fail too (exit 2); under GitHub Actions they are annotated as errors' },
  json: { name: 'json', help: 'print JSON for tools (stability and tags included)' },
  markdown: { name: 'markdown', help: 'print Markdown (for a pull request or a job summary)' },
  base: { name: 'base', value: 'REF|DIR', help: 'compare with the fleet at git ref REF (the same files, read with `git show`) or in directory DIR' },
  output: { name: 'output', short: 'o', value: 'FILE', help: "the file to write (default: the fleet's out/report.html)" },
  // deploy
  buildbot: { name: 'buildbot', value: 'PATH', help: "the `buildbot` command (deploy: the master's own; try: or a directory holding it and `buildbot-worker`); default: `buildbot` on PATH (try: $BUILDBOT when it is a path)" },
  python: { name: 'python', value: 'PATH', help: "the Python of the master's Buildbot (default: the one the `buildbot` script's #! line names)" },
  timeout: { name: 'timeout', value: 'SECONDS', help: 'how long a reconfig or a start may take (default: 60 + 0.1 a builder)' },
  'wait-idle': { name: 'wait-idle', value: 'SECONDS', help: 'wait up to SECONDS for builders the change removes or renames to finish their builds (default: refuse at once)' },
  'dry-run': { name: 'dry-run', help: 'check and say what would be done; change nothing' },
  settings: { name: 'settings', value: 'FILE', help: "the master's (private) settings file: `validate` checks it gives every worker a password and every owner an e-mail (never printing them); `onboard` reads the master's address and what is already there" },
  branches: { name: 'branches', value: 'LIST', help: 'only these branches, comma-separated (e.g. `3.x,PR`)' },
  // try
  repo: { name: 'repo', value: 'PATH|URL', help: "the CPython repository the builds check out: a directory or a git URL (default: the fleet's, settings `git_url`)" },
  ref: { name: 'ref', value: 'REF', help: "the git ref the builds check out (default: the builder's branch's)" },
  worker: { name: 'worker', value: 'NAME', help: "a master with every builder of worker NAME, for your own buildbot-worker to connect to (it prints the command)" },
  once: { name: 'once', help: 'with --worker: each builder builds once when the worker connects; their results end the command' },
  help: { name: 'help', short: 'h', help: 'this help' },
  version: { name: 'version', short: 'V', help: 'print the version' },
};

const FILES = ['fleet', 'workers', 'builders'];

export const COMMANDS: CommandSpec[] = [
  {
    name: 'validate',
    arity: [0, 0],
    summary: 'report every problem in the declarations; write nothing',
    details: ['Problems come as `file:line:column: message [rule]`, with the line and a caret.'],
    options: [...FILES, 'strict', 'settings'],
    examples: ['validate', 'validate --strict', 'validate --fleet fleets/cpython-2026', 'validate --settings /etc/buildbot/settings.yaml'],
  },
  {
    name: 'generate',
    arity: [0, 0],
    summary: 'validate, then write <out>/master.cfg (atomically: a broken input never touches out/)',
    details: [],
    options: [...FILES, 'out', 'strict'],
    examples: ['generate', 'generate --fleet . --fleet fleets/cpython-2026'],
  },
  {
    name: 'check',
    arity: [0, 0],
    summary: 'exit 0 when <out>/master.cfg is what the declarations generate; 1, with what changed and a diff, when not',
    details: ['Under GitHub Actions a stale file is also an `::error` annotation on it, and the job summary says which builders differ.'],
    options: [...FILES, 'out', 'strict'],
    examples: ['check', 'check --strict'],
  },
  {
    name: 'explain',
    args: 'NAME',
    arity: [1, Infinity],
    needs: 'a worker, builder or builder definition name',
    summary: 'what a worker builds (builders, schedules, commands), or why a builder exists on a branch or which rule keeps it off',
    details: ['NAME is a worker, a builder ("AMD64 Windows8 3.x") or a builder definition ("AMD64 Windows8"); the words may come without quotes.'],
    options: FILES,
    examples: ['explain koobs-freebsd10', 'explain "AMD64 Windows8 3.x"'],
  },
  // Worker onboarding (src/cli/onboard.ts).
  {
    name: 'onboard',
    args: 'WORKER',
    arity: [1, 1],
    needs: 'the worker to onboard (WORKER)',
    summary: "a new worker's next steps: for its owner (create-worker, info/ files, what it will run, downtime) and for the administrator (the settings entries)",
    details: ['The password is never printed: the administrator issues it and sends it privately.'],
    options: [...FILES, 'settings'],
    examples: ['onboard jdoe-fedora-aarch64 --fleet fleets/cpython-2026'],
  },
  {
    name: 'matrix',
    arity: [0, 0],
    summary: 'the worker x branch table of builders (--json for tools), with the downtime windows',
    details: ['The table is at most 120 columns wide: the branches that do not fit go to a second table (and a third ...); `--branches` picks some.'],
    options: [...FILES, 'json', 'branches'],
    examples: ['matrix', 'matrix --branches 3.x,PR', 'matrix --json'],
  },
  {
    name: 'changes',
    args: 'BASE',
    arity: [1, 1],
    needs: 'the master.cfg to compare with (BASE)',
    summary: 'what the declarations change compared with BASE, a master.cfg (e.g. the base branch\'s): builders added, removed, renamed, changed',
    details: ['Under GitHub Actions (GITHUB_STEP_SUMMARY set) the Markdown form is also appended to the job summary.'],
    options: [...FILES, 'markdown'],
    examples: ['changes /tmp/base-master.cfg --markdown'],
  },
  {
    name: 'report',
    arity: [0, 0],
    summary: 'write the fleet as one self-contained HTML page (out/report.html): the worker x branch matrix, filters, every builder\'s commands; with --base, what a change does',
    details: ['Open it in a browser (no network needed). The URL fragment keeps the filters: a link to it shows the same view.'],
    options: [...FILES, 'base', 'output'],
    examples: ['report', 'report --fleet fleets/cpython-2026 --base origin/main', 'report --base ../old-fleet -o /tmp/fleet.html'],
  },
  {
    name: 'deploy',
    args: 'BASEDIR',
    arity: [1, 1],
    needs: "the master's directory (BASEDIR)",
    summary: "apply out/ to the running master in BASEDIR without losing a build: checkconfig, what changes, then a reconfig (or, for a database change, a clean restart); exit 0 only once the master says it is done",
    details: [
      'Builders that are building and would be removed or renamed hold the deploy (--wait-idle) or refuse it. The files replaced are kept in BASEDIR/.deploy-previous/. See docs/deploying.md.',
      'Exit codes: 0 applied, 1 refused or failed (the message says whether anything changed), 2 usage or invalid input.',
    ],
    options: [...FILES, 'out', 'buildbot', 'python', 'timeout', 'wait-idle', 'dry-run'],
    examples: ['deploy /srv/buildbot/master', 'deploy /srv/buildbot/master --fleet fleets/cpython-2026 --wait-idle 3600'],
  },
  {
    name: 'try',
    args: '[BUILDER [BRANCH]]',
    arity: [0, Infinity],
    summary: "run a builder's steps on this machine (a real Buildbot master and worker in a temporary directory), showing each step; exit 0 when the build is green",
    details: [
      'BUILDER is a builder ("AMD64 Debian root 3.x"), or a builder definition and a branch ("AMD64 Debian root" 3.14, or its git ref). Nothing is left running or written outside the temporary directory.',
      'With --worker NAME there is no BUILDER: a master with every builder of NAME waits for your own buildbot-worker (the command to start it is printed).',
      'Exit codes: 0 green (success or warnings), 1 a build was not green or the master failed, 2 invalid input or usage, 130 interrupted.',
    ],
    options: [...FILES, 'repo', 'ref', 'buildbot', 'worker', 'once', 'strict'],
    examples: ['try "AMD64 Debian root 3.x" --repo ~/cpython', 'try "AMD64 Debian root" 3.14 --fleet fleets/cpython-2026', 'try --worker angelico-debian-amd64 --once'],
  },
  {
    name: 'schema',
    arity: [0, 0],
    summary: 'write the JSON Schemas of both files (for editors) to schema/ (or --out DIR)',
    details: [],
    options: ['fleet', 'out'],
    examples: ['schema'],
  },
  {
    name: 'help',
    args: '[COMMAND]',
    arity: [0, 1],
    summary: 'this help, or the help of one command',
    details: [],
    options: [],
    examples: ['help explain'],
  },
];

export const commandNamed = (name: string) => COMMANDS.find((c) => c.name === name);

const optionText = (o: OptionSpec) => `${o.short ? `-${o.short}, ` : ''}--${o.name}${o.value ? ` ${o.value}` : ''}`;

/** `npx buildmaster-gen explain NAME [--fleet DIR] ...` */
export function usageLine(c: CommandSpec): string {
  const opts = c.options.map((n) => `[${optionText(OPTIONS[n]!)}]`).join(' ');
  return `${RUN} ${c.name}${c.args ? ` ${c.args}` : ''}${opts ? ` ${opts}` : ''}`;
}

function rows(pairs: [string, string][], indent = '  '): string[] {
  const width = Math.max(...pairs.map(([a]) => a.length));
  return pairs.map(([a, b]) => `${indent}${a.padEnd(width)}  ${b}`);
}

export function overallHelp(): string {
  const commands = COMMANDS.map((c): [string, string] => [`${c.name}${c.args ? ` ${c.args}` : ''}`, c.summary]);
  const common = ['fleet', 'workers', 'builders', 'out', 'strict', 'help', 'version'].map((n): [string, string] => [optionText(OPTIONS[n]!), OPTIONS[n]!.help]);
  return [
    `Usage: ${RUN} <command> [options]`,
    '',
    'Generates the Buildbot master.cfg of a fleet from workers.yaml and builders.yaml.',
    '',
    'Commands:',
    ...rows(commands),
    '',
    'Options (each command takes the ones its help lists):',
    ...rows(common),
    '',
    `\`${RUN} help COMMAND\` (or \`COMMAND -h\`) shows a command's options and examples.`,
    'Exit codes: 0 ok, 1 out of date (check), 2 invalid input or usage, 3 internal error (a bug).',
    '',
  ].join('\n');
}

export function commandHelp(c: CommandSpec): string {
  const opts = [...c.options, 'help'].map((n): [string, string] => [optionText(OPTIONS[n]!), OPTIONS[n]!.help]);
  return [
    `Usage: ${usageLine(c)}`,
    '',
    `${c.summary[0]!.toUpperCase()}${c.summary.slice(1)}.`,
    ...c.details,
    '',
    'Options:',
    ...rows(opts),
    '',
    'Examples:',
    ...c.examples.map((e) => `  ${RUN} ${e}`),
    '',
  ].join('\n');
}
