// The web side of master.cfg as Buildbot's own loader builds it (test/pipeline/www_probe.py):
// sign-in from the settings, the declared policy (builders.yaml `master.www`) as Buildbot
// Authz rules and role matchers, the GitHub hook only with its secret, and missing-worker
// mail. What the rules do on a running master: test/e2e/web-access.test.ts.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILDBOTS, type Buildbot } from '../buildbots.js';
import { cli, ROOT, run, tempDir } from './helpers.js';
import { snapshotConfig } from '../fleet-2026/snapshot.js';
import { copyConfig } from '../config-copy.js';

const PROBE = join(ROOT, 'test/pipeline/www_probe.py');
const CFG_2017 = join(ROOT, 'out/master.cfg');
const NOBODY = 'nobody (read-only)';
const READ_ONLY = 'no sign-in configured';
// Secrets the settings give: none may appear in what the master prints.
const SECRETS = ['gh-client-secret-9f8e7d', 'hook-secret-1a2b3c', 'worker-secret-4d5e6f'];

interface Probe {
  auth: { class: string; clientId?: string; clientSecret_set?: boolean; apiVersion?: number; getTeamsMembership?: boolean; file?: string } | null;
  authz: { class: string; rules: [string, string, boolean][]; roleMatchers: Record<string, unknown>[] };
  hook: string[];
  workers: Record<string, { notify: string[]; missing_timeout: number | null }>;
  mail: { smtpPort: number; generators: string[] }[];
}

function probe(bb: Buildbot, cfg: string, settings: string): { value: Probe; stderr: string } {
  const dir = tempDir('bmg-www-');
  copyConfig(cfg, dir);
  writeFileSync(join(dir, 'settings.yaml'), settings);
  const r = run(bb.python, [PROBE, join(dir, 'master.cfg'), join(dir, 'settings.yaml')], { cwd: dir });
  expect(r.stderr).not.toMatch(/Traceback/);
  expect(r.status, r.stderr).toBe(0);
  for (const secret of SECRETS) expect(r.stdout + r.stderr).not.toContain(secret);
  return { value: JSON.parse(r.stdout) as Probe, stderr: r.stderr };
}

const count = (text: string, part: string) => text.split(part).length - 1;

describe.each(BUILDBOTS)('on Buildbot $id', (bb) => {
  describe('2017 fleet (no `master.www`: the default policy)', () => {
    it('without sign-in the web UI is read-only: one rule refuses every control action, and the master says so once', () => {
      const { value, stderr } = probe(bb, CFG_2017, '{}\n');
      expect(value.auth, "Buildbot's default: no sign-in").toEqual({ class: 'NoAuth' });
      expect(value.authz.rules).toEqual([['AnyControlEndpointMatcher', NOBODY, true]]);
      expect(count(stderr, READ_ONLY)).toBe(1);
      expect(value.hook, 'no GitHub hook without its secret').toEqual([]);
    });

    it('with an htpasswd file, the admins named in the settings may do anything and no one else anything', () => {
      const settings = `web_htpasswd: /etc/buildbot/htpasswd\nweb_admins: [alice, "42"]\ngithub_change_hook_secret: ${SECRETS[1]}\n`;
      const { value, stderr } = probe(bb, CFG_2017, settings);
      expect(value.auth).toEqual({ class: 'HTPasswdAuth', file: '/etc/buildbot/htpasswd' });
      expect(value.authz.rules).toEqual([
        ['AnyControlEndpointMatcher', 'admins', false],
        ['AnyControlEndpointMatcher', NOBODY, true],
      ]);
      expect(value.authz.roleMatchers).toEqual([{ class: 'RolesFromUsername', roles: ['admins'], usernames: ['42', 'alice'] }]);
      expect(stderr).not.toContain(READ_ONLY);
      expect(value.hook).toEqual(['github']);
    });

    it('mails a missing worker to its owner and the status address, after the timeout and on the port of the settings', () => {
      const settings = [
        'send_mail: true',
        'status_email: status@example.org',
        'email_relay_port: 2525',
        'worker_missing_timeout: 600',
        'owners: { koobs: { email: koobs@example.org } }',
        `workers: { koobs-freebsd9: { password: ${SECRETS[2]} } }`,
      ].join('\n');
      const { value } = probe(bb, CFG_2017, settings);
      expect(value.workers['koobs-freebsd9']).toEqual({ notify: ['koobs@example.org', 'status@example.org'], missing_timeout: 600 });
      expect(value.workers['bolen-ubuntu']).toEqual({ notify: ['status@example.org'], missing_timeout: 600 });
      expect(value.mail).toEqual([{ smtpPort: 2525, generators: ['BuildStatusGenerator', 'WorkerMissingGenerator'] }]);
    });
  });

  // The policy as of the frozen snapshot (test/fixtures/cpython-2026-af48ad7), which the document describes.
  describe('2026 fleet (production policy, fleet-2026.md §6.2)', () => {
    it('signs in with GitHub (API v4, teams as roles) and grants per role as production does; the rest is refused', () => {
      const settings = `github_auth_id: gh-client-id\ngithub_auth_secret: ${SECRETS[0]}\nweb_admins: [zware, vstinner]\n`;
      const { value } = probe(bb, snapshotConfig(), settings);
      expect(value.auth).toEqual({ class: 'GitHubAuth', clientId: 'gh-client-id', clientSecret_set: true, apiVersion: 4, getTeamsMembership: true });
      const grant = (cls: string, roles: string[]) => roles.map((role) => [cls, role, false]);
      expect(value.authz.rules).toEqual([
        ...grant('AnyControlEndpointMatcher', ['admins']),
        ...grant('StopBuildEndpointMatcher', ['owner', 'buildbot-owners', 'python-triage', 'python-core']),
        ...grant('RebuildBuildEndpointMatcher', ['owner', 'python-triage', 'buildbot-owners', 'python-core']),
        ...grant('ForceBuildEndpointMatcher', ['owner', 'python-triage', 'python-core']),
        ...grant('EnableSchedulerEndpointMatcher', ['python-release-managers']),
        ['AnyControlEndpointMatcher', NOBODY, true],
      ]);
      expect(value.authz.roleMatchers).toEqual([
        { class: 'RolesFromUsername', roles: ['admins'], usernames: ['vstinner', 'zware'] },
        { class: 'RolesFromGroups', groupPrefix: 'python/' },
        { class: 'RolesFromOwner', role: 'owner' },
      ]);
      expect(value.hook, 'no GitHub hook without its secret').toEqual([]);
    }, 120_000);
  });

  describe('a policy that opens control explicitly', () => {
    it('is warned by validate, rendered without the refusing rule, and open without sign-in (with a warning at start)', () => {
      const dir = tempDir('bmg-www-open-');
      for (const f of ['workers.yaml', 'builders.yaml']) copyFileSync(join(ROOT, 'test/lint/base', f), join(dir, f));
      writeFileSync(join(dir, 'builders.yaml'), readFileSync(join(dir, 'builders.yaml'), 'utf8') + 'master:\n  www:\n    allow: { force: [release] }\n    unmatched_control: allow\n');
      const r = cli(['generate', '--fleet', dir]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout + r.stderr).toContain('[www-open-control]');
      const { value, stderr } = probe(bb, join(dir, 'out/master.cfg'), '{}\n');
      expect(value.authz.rules).toEqual([['ForceBuildEndpointMatcher', 'release', false]]);
      expect(stderr).toContain('opens the web UI');
      expect(stderr).not.toContain(READ_ONLY);
    });
  });
});
