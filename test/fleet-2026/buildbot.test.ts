// Buildbot judges the 2026 config too: checkconfig with and without a settings file, and pyflakes.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, run, tempDir } from '../pipeline/helpers.js';
import { BUILDBOTS, type Buildbot } from '../buildbots.js';
import { copyConfig } from '../config-copy.js';

const CFG = join(ROOT, 'fleets/cpython-2026/out/master.cfg');

function checkconfig(bb: Buildbot, settings?: string) {
  const dir = tempDir('bmg-2026-');
  copyConfig(CFG, dir);
  const settingsPath = join(dir, 'settings.yaml');
  if (settings !== undefined) writeFileSync(settingsPath, settings);
  return run(bb.buildbot, ['checkconfig', dir], { env: { PYBUILDBOT_SETTINGS_PATH: settingsPath } });
}

describe.each(BUILDBOTS)('the 2026 fleet under Buildbot $id', (bb) => {
  it('checkconfig accepts it with no settings file', () => {
    const r = checkconfig(bb);
    expect(r.stdout + r.stderr).toContain('Config file is good!');
    expect(r.stderr).toContain('no settings file');
    expect(r.status).toBe(0);
  }, 120_000);

  it('checkconfig accepts it with a settings file (passwords, mail and IRC on, a hook secret)', () => {
    const r = checkconfig(bb, `
worker_port: 19021
web_port: 19011
buildbot_url: https://buildbot.example.org/
owners:
  cstratak: { password: owner-secret, email: cstratak@example.org }
send_mail: true
status_email: status@example.org
irc_notice: true
irc_host: irc.example.org
irc_channel: "#python-dev-notifs"
irc_nick: py-bb
github_change_hook_secret: hook-secret
github_status_token: token
discord_webhook: https://discord.example.org/hook
`);
    expect(r.stdout + r.stderr).toContain('Config file is good!');
    expect(r.stderr).not.toContain('no settings file');
    expect(r.status).toBe(0);
  }, 120_000);

  it('pyflakes finds nothing', () => {
    const r = run(bb.python, ['-m', 'pyflakes', CFG]);
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('the committed 2026 config', () => {
  it('is what the 2026 declarations generate (check exits 0)', () => {
    const r = run(process.execPath, [join(ROOT, 'dist/cli/main.js'), 'check', '--workers', 'fleets/cpython-2026/workers.yaml', '--builders', 'fleets/cpython-2026/builders.yaml', '--out', 'fleets/cpython-2026/out']);
    expect(r.stdout).toContain('is up to date (1036 builders on 57 workers)');
    expect(r.status).toBe(0);
  });
});
