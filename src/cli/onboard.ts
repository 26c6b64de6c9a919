// `buildmaster-gen onboard WORKER`: what happens after the request form, in CPython's
// order. The owner creates the worker (the master's address, the info/ files, what it
// will run and when it rests); the administrator issues the password and puts it, with
// the owner's e-mail, in the master's settings file. No secret is printed: the password
// is a placeholder, and the settings file is only asked whether an entry is there.
import { resolve } from 'node:path';
import type { Generated } from '../pipeline.js';
import type { Builder, Fleet, Worker, WorkerAddress } from '../model/types.js';
import { branchOrder, byNatural } from '../model/sort.js';
import { closest } from '../model/problems.js';
import { downtimeText } from '../expand/downtime.js';
import { columns, when } from '../explain/describe.js';
import { hasEmail, passwordSource, readSettings, type Settings } from '../validate/settings-check.js';
import { PROGRAM, RUN } from './commands.js';
import type { Context } from './context.js';

const BUILDAREA = '~/buildarea';
/** The worker port master.cfg listens on when the settings file names none (templates/settings.hbs). */
const DEFAULT_WORKER_PORT = 9021;

/** Where the worker connects to, and where that came from. */
function masterAddress(fleet: Fleet, s: Settings | undefined): { text: string; from: string } {
  const declared: WorkerAddress | undefined = fleet.worker_address;
  if (declared) return { text: `${declared.host}:${declared.port}`, from: 'The address is the fleet\'s `master.worker_address` (builders.yaml).' };
  if (s) {
    const port = typeof s.data.worker_port === 'number' ? s.data.worker_port : DEFAULT_WORKER_PORT;
    let host: string | undefined;
    try {
      host = typeof s.data.buildbot_url === 'string' ? new URL(s.data.buildbot_url).hostname : undefined;
    } catch {
      host = undefined;
    }
    if (host) return { text: `${host}:${port}`, from: `The address is from ${s.shown}: the host of \`buildbot_url\` and \`worker_port\`${typeof s.data.worker_port === 'number' ? '' : ` (unset: ${DEFAULT_WORKER_PORT})`}.` };
    return { text: `<MASTER-HOST>:${port}`, from: `${s.shown} has no \`buildbot_url\`: the administrator gives the host.` };
  }
  return { text: `<MASTER-HOST>:<PORT>`, from: 'The fleet declares no `master.worker_address` (builders.yaml): the administrator gives the host and port.' };
}

/** info/host: what the machine is, from the YAML. */
function hostInfo(w: Worker): string {
  const os = [w.os.distribution ?? w.os.family, w.os.version].filter(Boolean).join(' ');
  return `${os}${w.os.distribution ? ` (${w.os.family})` : ''}, ${w.arch}${w.notes ? `; ${w.notes.replace(/\s+/g, ' ').trim()}` : ''}`;
}

/** One line per builder definition: its kind, stability, branches and schedulers. */
function runs(w: Worker, g: Generated): { lines: string[]; pr: Builder[] } {
  const mine = g.matrix.builders.filter((b) => b.worker === w.name);
  const prBranches = new Set(g.matrix.branches.filter((b) => b.git_branch === undefined).map((b) => b.name));
  const order = branchOrder(g.matrix.branches).map((b) => b.name);
  const defs = [...new Set(mine.map((b) => b.def))].sort(byNatural((d) => d));
  const rows = defs.map((def) => {
    const bs = mine.filter((b) => b.def === def).sort((a, b) => order.indexOf(a.branch) - order.indexOf(b.branch));
    const first = bs[0]!;
    const scheds = [...new Set(bs.map((b) => g.matrix.schedulers.find((s) => s.kind !== 'force' && s.builders.includes(b.name))?.name ?? 'force only'))];
    return [`  ${def}`, `${first.variant}, ${first.stability ?? 'unstable'}${first.tier ? `, ${first.tier}` : ''}`, `on ${bs.map((b) => b.branch).join(', ')}`, `(schedulers: ${scheds.join(', ')})`];
  });
  return { lines: columns(rows), pr: mine.filter((b) => prBranches.has(b.branch)) };
}

/** `suggest`: a command line that finds this fleet (`npx buildmaster-gen explain X --fleet ...`). */
export function onboardText(name: string, g: Generated, s: Settings | undefined, suggest: (command: string) => string = (c) => `${RUN} ${c}`): string {
  const { fleet, matrix } = g;
  const w = fleet.workers.find((x) => x.name === name)!;
  const owner = fleet.owners[w.owner];
  const i = fleet.workers.indexOf(w);
  const at = g.sources.workers.locate(['workers', i]);
  const others = fleet.workers.filter((x) => x.owner === w.owner && x.name !== w.name).map((x) => x.name);
  const addr = masterAddress(fleet, s);
  const who = owner ? [owner.name ?? 'name not recorded', owner.github ? `GitHub @${owner.github}` : 'GitHub user name not recorded'].join(', ') : 'not in the `owners` table';
  const { lines: runLines, pr } = runs(w, g);
  const mine = matrix.builders.filter((b) => b.worker === w.name);
  const branchWords = branchOrder(matrix.branches)
    .filter((b) => mine.some((x) => x.branch === b.name))
    .map((b) => (b.git_branch !== undefined ? `${b.name} (git ${b.git_branch}, Python ${b.version})` : `${b.name} (pull requests)`));
  const prSched = matrix.schedulers.find((x) => x.kind === 'pull_request');
  const drains = [...new Set(mine.map((b) => b.downtime?.drain ?? 0))];
  const downtime = w.downtime
    ? [
        `Downtime: ${downtimeText(w.downtime)}.`,
        '  No build starts inside the window: builds wait in the queue until it ends. A build that',
        '  started before it is not stopped.',
        ...(drains.some((d) => d > 0)
          ? [`  Drain: no new build starts ${drains.map((d) => `${d / 60} min`).join(' or ')} before the window (per build kind), so none runs into it.`]
          : ['  No drain: a long build started just before the window runs into it (`downtime.drain_minutes` stops new builds earlier).']),
      ]
    : ['Downtime: none; builds may start at any time (a `downtime` entry on the worker declares a window).'];

  const password = s ? passwordSource(s, w.name, w.owner) : undefined;
  const email = s ? hasEmail(s, w.owner) : undefined;
  const settingsState = s
    ? [
        `Now in ${s.shown}: ${password === 'worker' ? `a password for this worker (workers.${w.name}.password)` : password === 'owner' ? `a password for its owner (owners.${w.owner}.password), which it uses` : 'no password for this worker or its owner'}; ${email ? `an e-mail for ${w.owner}` : `no e-mail for ${w.owner}`}.`,
      ]
    : [`(\`--settings FILE\` says which of these the settings file already has.)`];

  const lines = [
    `Onboarding worker ${w.name} (${g.sources.workers.file}:${at.line}:${at.col})`,
    `Owner: ${w.owner} (${who})${others.length ? `; their other workers: ${others.join(', ')}` : '; no other worker of theirs'}`,
    '',
    '== For the owner ==',
    '',
    '1. Install the Buildbot worker (Python 3), e.g. `python3 -m pip install buildbot-worker`,',
    "   or your system's package (Debian and Fedora: buildbot-worker).",
    '',
    '2. Create the worker, with the password the administrator sends you (never in the pull',
    '   request or the issue):',
    '',
    `     buildbot-worker create-worker ${BUILDAREA} ${addr.text} ${w.name} '<PASSWORD>'`,
    '',
    `   ${addr.from}`,
    '',
    `3. Describe the machine: Buildbot shows these files on the worker's page.`,
    '',
    `     ${BUILDAREA}/info/admin:  ${owner?.name ?? '<your name>'} <your e-mail address>`,
    `     ${BUILDAREA}/info/host:   ${hostInfo(w)}`,
    '',
    `4. Start it: \`buildbot-worker start ${BUILDAREA}\` (and again after each reboot: a systemd`,
    '   unit, launchd job or scheduled task).',
    '',
    `What it will run: ${mine.length} builder(s) from ${new Set(mine.map((b) => b.def)).size} definition(s), on ${branchWords.join(', ') || 'no branch'}.`,
    ...runLines,
    ...(pr.length
      ? [
          `Its ${pr.length} PR builder(s) (${pr.map((b) => b.name).join(', ')})`,
          'run pull-request code on your machine: changes from anyone, not yet reviewed or merged,',
          `${prSched ? when(prSched) : 'when a label or a `!buildbot` comment asks for it'}.`,
          'If the machine must not, leave the PR branch out: `branches: { except: [PR] }` on the worker.',
        ]
      : ['None of its builders runs pull-request code.']),
    "Every builder, its schedule and each step's exact command:",
    `  ${suggest(`explain ${w.name}`)}`,
    '',
    ...downtime,
    '',
    '== For the administrator ==',
    '',
    'Issue the password (the owner never chooses or sends one), e.g.',
    '',
    `     python3 -c 'import secrets; print(secrets.token_urlsafe(24))'`,
    '',
    `and add to the master's settings file ($PYBUILDBOT_SETTINGS_PATH, default /etc/buildbot/settings.yaml),`,
    'as the request form\'s password status says:',
    '',
    ...(others.length
      ? [
          `  reuse an owner password: nothing to add if owners.${w.owner}.password is set (their other workers use it);`,
          '  new worker password:',
          '',
          '     workers:',
          `       ${w.name}:`,
          "         password: '<NEW PASSWORD>'",
          '',
          '  new owner password:',
          '',
          '     owners:',
          `       ${w.owner}:`,
          "         password: '<NEW PASSWORD>'   # every worker of theirs without its own",
          "         email: '<E-MAIL FROM THE REQUEST FORM>'",
        ]
      : [
          '     owners:',
          `       ${w.owner}:`,
          "         password: '<NEW PASSWORD>'   # or workers." + `${w.name}.password for this worker only`,
          "         email: '<E-MAIL FROM THE REQUEST FORM>'   # mailed when the worker goes missing",
        ]),
    '',
    ...settingsState,
    `Then send the password to the owner privately, merge the pull request and reload the master`,
    `(\`buildbot reconfig\`). \`${suggest('validate --settings <FILE>')}\` checks that every`,
    'worker has a password and every owner an e-mail, without printing them.',
  ];
  return `${lines.join('\n')}\n`;
}

export function onboard(name: string, g: Generated, c: Context): number {
  const { io, values } = c;
  if (!g.fleet.workers.some((w) => w.name === name)) {
    const guess = closest(name, g.fleet.workers.map((w) => w.name));
    io.err(`${PROGRAM}: no worker is named \`${name}\`${guess ? `; did you mean \`${guess}\`?` : ''} (add it to ${c.show(c.fleet.workers)} first)\n`);
    return 2;
  }
  const s = values.settings !== undefined ? readSettings(resolve(io.cwd, values.settings), c.show(resolve(io.cwd, values.settings))) : undefined;
  io.out(onboardText(name, g, s, c.suggest));
  return 0;
}
