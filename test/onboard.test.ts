// The request form's data and a new owner's path on today's fleet (issue 20): a copy of
// fleets/cpython-2026 with a new owner (jdoe), their aarch64 Fedora worker and three
// builders, as the request form and a pull request would add them. `onboard` prints the
// owner's and the administrator's next steps; `validate` holds the owners table and, given
// the settings file, the private half (never printing it).
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { tempDir } from './pipeline/helpers.js';

const FLEET_2026 = join(import.meta.dirname, '..', 'fleets', 'cpython-2026');

const WORKER = `  - name: jdoe-fedora-aarch64
    owner: jdoe
    os: { family: linux, distribution: fedora, version: "41" }
    arch: aarch64
    parallel: 8
    notes: Ampere Altra, 32 GB
`;
const OWNER = '  jdoe: { github: jdoe, name: Jane Doe }\n';
const BUILDERS = `  - { name: aarch64 Fedora Jdoe, worker: jdoe-fedora-aarch64, variant: fedora, tier: tier-2, stability: unstable }
  - { name: aarch64 Fedora Jdoe Refleaks, worker: jdoe-fedora-aarch64, variant: refleak, tier: tier-2, stability: unstable }
  - { name: aarch64 Fedora Jdoe Clang, worker: jdoe-fedora-aarch64, variant: clang, tier: tier-2, stability: unstable }
`;
const SECRET = 'correct-horse-battery-staple-42';

/** The 2026 fleet plus jdoe's worker (first in `workers`), owner (last in `owners`) and builders. */
function newOwnerFleet(edit: (workers: string) => string = (w) => w): string {
  const dir = tempDir('bmg-onboard-');
  const workers = readFileSync(join(FLEET_2026, 'workers.yaml'), 'utf8').replace('\nworkers:\n', `\nworkers:\n${WORKER}`);
  writeFileSync(join(dir, 'workers.yaml'), edit(`${workers}${OWNER}`));
  writeFileSync(join(dir, 'builders.yaml'), `${readFileSync(join(FLEET_2026, 'builders.yaml'), 'utf8')}${BUILDERS}`);
  mkdirSync(join(dir, 'out'));
  copyFileSync(join(FLEET_2026, 'out', 'master.cfg'), join(dir, 'out', 'master.cfg'));
  return dir;
}

async function cli(dir: string, ...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => void (out += s), err: (s) => void (err += s), env: { NO_COLOR: '1' }, cwd: dir });
  return { code, out, err };
}

/** 1-based line of the first line of `file` that contains `text`. */
const lineOf = (file: string, text: string) => readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(text)) + 1;

describe('onboard: a new owner on the 2026 fleet', () => {
  const dir = newOwnerFleet();
  const settings = join(dir, 'settings.yaml');
  writeFileSync(settings, 'buildbot_url: https://buildbot.example.org/\nworker_port: 9020\n');

  it('prints the owner\'s steps: create-worker with the address from the settings, a password placeholder, info/admin and info/host from the YAML', async () => {
    const r = await cli(dir, 'onboard', 'jdoe-fedora-aarch64', '--settings', 'settings.yaml');
    // The fleet passes --strict as shipped: nothing to report.
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Onboarding worker jdoe-fedora-aarch64 (workers.yaml:7:5)');
    expect(r.out).toContain('Owner: jdoe (Jane Doe, GitHub @jdoe); no other worker of theirs');
    expect(r.out).toContain("     buildbot-worker create-worker ~/buildarea buildbot.example.org:9020 jdoe-fedora-aarch64 '<PASSWORD>'\n");
    expect(r.out).toContain('The address is from settings.yaml: the host of `buildbot_url` and `worker_port`.');
    expect(r.out).toContain('     ~/buildarea/info/admin:  Jane Doe <your e-mail address>\n');
    expect(r.out).toContain('     ~/buildarea/info/host:   fedora 41 (linux), aarch64; Ampere Altra, 32 GB\n');
  });

  it('lists the builders and branches it will run, and says plainly that PR runs pull-request code on the machine', async () => {
    const { out } = await cli(dir, 'onboard', 'jdoe-fedora-aarch64');
    expect(out).toContain('What it will run: 24 builder(s) from 3 definition(s), on 3.10 (git 3.10, Python 3.10)');
    expect(out).toContain('3.x (git main, Python 3.16), PR (pull requests).');
    expect(out).toMatch(/^ {2}aarch64 Fedora Jdoe Refleaks +refleak, unstable, tier-2 +on 3\.10, 3\.11, 3\.12, 3\.13, 3\.14, 3\.15, 3\.x, PR +\(schedulers: 3\.10-refleak, .*3\.x-refleak, pull-request-scheduler\)$/m);
    expect(out).toContain(
      [
        'Its 3 PR builder(s) (aarch64 Fedora Jdoe PR, aarch64 Fedora Jdoe Refleaks PR, aarch64 Fedora Jdoe Clang PR)',
        'run pull-request code on your machine: changes from anyone, not yet reviewed or merged,',
        'on a pull request, when a label or a `!buildbot` comment asks for it (pull-request-scheduler).',
      ].join('\n'),
    );
    expect(out).toContain('Downtime: none; builds may start at any time');
    // Without --settings or a declared address, the host and port are placeholders.
    expect(out).toContain("create-worker ~/buildarea <MASTER-HOST>:<PORT> jdoe-fedora-aarch64 '<PASSWORD>'");
  });

  it('tells the administrator to issue the password and which settings entries to add (a new owner: password and e-mail)', async () => {
    const { out } = await cli(dir, 'onboard', 'jdoe-fedora-aarch64');
    const admin = out.slice(out.indexOf('== For the administrator =='));
    expect(admin).toContain('Issue the password (the owner never chooses or sends one)');
    expect(admin).toContain(["     owners:", '       jdoe:', "         password: '<NEW PASSWORD>'   # or workers.jdoe-fedora-aarch64.password for this worker only", "         email: '<E-MAIL FROM THE REQUEST FORM>'   # mailed when the worker goes missing"].join('\n'));
    expect(admin).toContain('send the password to the owner privately');
  });

  it('with the settings file: says what is there, never what it is', async () => {
    writeFileSync(join(dir, 'with-secret.yaml'), `owners:\n  jdoe:\n    password: ${SECRET}\n`);
    const r = await cli(dir, 'onboard', 'jdoe-fedora-aarch64', '--settings', 'with-secret.yaml');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Now in with-secret.yaml: a password for its owner (owners.jdoe.password), which it uses; no e-mail for jdoe.');
    expect(r.out + r.err).not.toContain(SECRET);
  });

  it('for an owner with other workers, offers the three password statuses of the request form', async () => {
    const { out } = await cli(join(FLEET_2026), 'onboard', 'itamaro-centos-aws');
    expect(out).toContain('their other workers: itamaro-win64-srv-22-aws, itamaro-macos-intel-aws, itamaro-macos-arm64-aws');
    expect(out).toContain('reuse an owner password: nothing to add if owners.itamaro.password is set');
    expect(out).toContain('       itamaro-centos-aws:\n');
    // Its weekly window, and that nothing drains before it.
    expect(out).toContain('Downtime: Wednesdays 08:00-10:00, America/Los_Angeles.');
    expect(out).toContain('No drain: a long build started just before the window runs into it');
  });

  it('an unknown worker is an error with a suggestion', async () => {
    const r = await cli(dir, 'onboard', 'jdoe-fedora-arch64');
    expect(r.code).toBe(2);
    expect(r.err).toContain('no worker is named `jdoe-fedora-arch64`; did you mean `jdoe-fedora-aarch64`?');
  });
});

describe('validate: the owners table and the settings file', () => {
  it('reports a missing required owner field at file:line:column', async () => {
    const dir = newOwnerFleet((w) => w.replace(OWNER, '  jdoe: { github: jdoe }\n'));
    const r = await cli(dir, 'validate');
    expect(r.code).toBe(2);
    const line = lineOf(join(dir, 'workers.yaml'), '  jdoe: { github: jdoe }');
    expect(r.err).toMatch(new RegExp(`^workers\\.yaml:${line}:9: .*\`name\`.*\\[missing-field\\]$`, 'm'));
  });

  it('reports a worker whose owner is not in the table, at its owner field', async () => {
    const dir = newOwnerFleet((w) => w.replace(OWNER, ''));
    const r = await cli(dir, 'validate');
    expect(r.code).toBe(2);
    expect(r.err).toContain('workers.yaml:8:12: owner `jdoe` is not in `owners`');
    expect(r.err).toContain('[unknown-owner]');
  });

  it('a GitHub user name is checked; null says "not recorded"', async () => {
    const bad = await cli(newOwnerFleet((w) => w.replace(OWNER, '  jdoe: { github: "@jdoe", name: Jane Doe }\n')), 'validate');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('[bad-format]');
    const ok = await cli(newOwnerFleet((w) => w.replace(OWNER, '  jdoe: { github: null, name: null }\n')), 'validate');
    expect(ok.code, ok.err).toBe(0);
  });

  it('--settings: every worker needs a password, every owner an e-mail; the values are never printed', async () => {
    const dir = newOwnerFleet();
    writeFileSync(join(dir, 'settings.yaml'), `owners:\n  jdoe:\n    email: jdoe@example.org\n  itamaro:\n    password: ${SECRET}\nworkers:\n  jdoe-fedora-aarch64:\n    password: ${SECRET}\n`);
    const r = await cli(dir, 'validate', '--settings', 'settings.yaml');
    expect(r.code).toBe(2);
    expect(r.out + r.err).not.toContain(SECRET);
    // jdoe's worker has its own password and jdoe an e-mail: nothing about them.
    expect(r.err).not.toMatch(/jdoe/);
    // Another worker has none: an error at its name.
    const line = lineOf(join(dir, 'workers.yaml'), 'name: angelico-debian-amd64');
    expect(r.err).toContain(`workers.yaml:${line}:11: worker \`angelico-debian-amd64\` has no password in settings.yaml`);
    expect(r.err).toMatch(/\[settings-password\]/);
    // itamaro's workers use the owner's password, but itamaro has no e-mail: a warning at the owner.
    expect(r.err).not.toContain('worker `itamaro-centos-aws` has no password');
    const owner = lineOf(join(dir, 'workers.yaml'), '  itamaro: {');
    expect(r.err).toContain(`workers.yaml:${owner}:3: warning: owner \`itamaro\` has no e-mail in settings.yaml`);
  });

  it('--settings: a complete settings file passes', async () => {
    const dir = newOwnerFleet();
    const owners = [...new Set([...readFileSync(join(dir, 'workers.yaml'), 'utf8').matchAll(/^ {4}owner: (\S+)$/gm)].map((m) => m[1]!))];
    writeFileSync(join(dir, 'settings.yaml'), `owners:\n${owners.map((o) => `  ${o}: { password: pw-${o}, email: ${o}@example.org }\n`).join('')}`);
    const r = await cli(dir, 'validate', '--settings', 'settings.yaml');
    expect(r.err).not.toMatch(/settings-/);
    expect(r.code).toBe(0);
  });

  it('--settings: an unreadable or malformed file is a clear error', async () => {
    const dir = newOwnerFleet();
    expect((await cli(dir, 'validate', '--settings', 'nope.yaml')).err).toContain('cannot read the settings file nope.yaml: ENOENT');
    writeFileSync(join(dir, 'list.yaml'), '- a\n');
    const r = await cli(dir, 'validate', '--settings', 'list.yaml');
    expect(r.code).toBe(2);
    expect(r.err).toContain('the settings file list.yaml must be a YAML mapping');
  });
});

describe("the owners' guide (docs/add-your-worker.md) on the 2026 fleet", () => {
  const GUIDE = readFileSync(join(import.meta.dirname, '..', 'docs', 'add-your-worker.md'), 'utf8');
  const blocks = (lang: string) => [...GUIDE.matchAll(new RegExp(`^\`\`\`${lang}\\n([\\s\\S]*?)^\`\`\``, 'gm'))].map((m) => m[1]!);
  const [worker, owner, builders, downtime] = blocks('yaml');
  /** A checkout with the guide's edits made where it says (cwd: the repository root). */
  function withGuide(edit: (workers: string) => string = (w) => w): string {
    const root = tempDir('bmg-guide-');
    const fleet = join(root, 'fleets', 'cpython-2026');
    mkdirSync(join(fleet, 'out'), { recursive: true });
    const text = readFileSync(join(FLEET_2026, 'workers.yaml'), 'utf8');
    const at = text.indexOf('\nowners:\n');
    writeFileSync(join(fleet, 'workers.yaml'), edit(`${text.slice(0, at + 1)}${worker}${text.slice(at + 1)}${owner}`));
    writeFileSync(join(fleet, 'builders.yaml'), `${readFileSync(join(FLEET_2026, 'builders.yaml'), 'utf8')}${builders}`);
    copyFileSync(join(FLEET_2026, 'out', 'master.cfg'), join(fleet, 'out', 'master.cfg'));
    return root;
  }
  const commands = (block: string) =>
    block
      .split('\n')
      .map((l) => l.replace(/\s+#.*$/, '').trim())
      .filter((l) => l.startsWith('npx buildmaster-gen '))
      .map((l) => l.slice('npx buildmaster-gen '.length).split(/\s+/));

  it('its worker, owner and builders make a valid fleet, and its commands run as printed', async () => {
    expect([worker, owner, builders, downtime].every(Boolean)).toBe(true);
    const root = withGuide();
    const run = blocks('sh').flatMap(commands);
    expect(run.map((a) => a[0])).toEqual(['validate', 'explain', 'matrix', 'generate', 'onboard', 'validate']);
    writeFileSync(join(root, 'settings.yaml'), 'owners:\n  jdoe: { password: pw, email: jdoe@example.org }\n');
    for (const argv of run) {
      const r = await cli(root, ...argv.map((a) => (a === '/etc/buildbot/settings.yaml' ? 'settings.yaml' : a)));
      if (argv.includes('--settings')) {
        // Only jdoe is in this settings file: every other worker lacks a password, jdoe's does not.
        expect(r.code).toBe(2);
        expect(r.err).not.toContain('`jdoe-fedora-aarch64` has no password');
        continue;
      }
      expect(r.code, `${argv.join(' ')}\n${r.err}`).toBe(0);
      expect(r.err).not.toMatch(/[1-9]\d* error\(s\)/);
    }
    const explained = await cli(root, 'explain', 'jdoe-fedora-aarch64', '--fleet', 'fleets/cpython-2026');
    expect(explained.out).toContain('aarch64 Fedora Jdoe Refleaks PR');
  });

  it('its downtime line is valid on the worker and shows in explain', async () => {
    const root = withGuide((w) => w.replace('    notes: Ampere Altra, 32 GB      # optional: shown in info/host, explain and the report\n', (m) => `${m}${downtime}`));
    const r = await cli(root, 'explain', 'jdoe-fedora-aarch64', '--fleet', 'fleets/cpython-2026');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('downtime        Wednesdays 08:00-10:00, America/Los_Angeles: no build starts in it');
  });
});
