// The pull-request runtime (templates/python/github.py, reports.py, downtime.py, emitted
// in the package beside master.cfg): Python unit tests run by each Buildbot's Python
// (check_pr_testing.py), pyflakes on the files, and Buildbot's checkconfig of the
// generated 2026 config with every service on.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEMPLATES_DIR } from '../../src/render/render.js';
import { ROOT, run, tempDir } from '../pipeline/helpers.js';
import { BUILDBOTS } from '../buildbots.js';
import { copyConfig } from '../config-copy.js';

const FILES = ['github.py', 'reports.py', 'downtime.py'].map((f) => join(TEMPLATES_DIR, 'python', f));

describe.each(BUILDBOTS)('pull-request runtime on Buildbot $id', (bb) => {
  it('passes its Python unit tests (labels, commands, scheduling, log parsing, reporters, downtime)', () => {
    const r = run(bb.python, [join(import.meta.dirname, 'check_pr_testing.py')]);
    expect(r.status, r.stderr + r.stdout).toBe(0);
    expect(r.stderr).toMatch(/^OK$/m);
  });

  it('is pyflakes-clean as files', () => {
    const r = run(bb.python, ['-m', 'pyflakes', ...FILES]);
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('loads in Buildbot (checkconfig of the 2026 config) with every service on: mail, IRC with SASL, GitHub, PR comments, Discord', () => {
    const dir = tempDir('bmg-prtest-');
    copyConfig(join(ROOT, 'fleets/cpython-2026/out/master.cfg'), dir);
    writeFileSync(join(dir, 'settings.yaml'), 'send_mail: true\nirc_notice: true\nirc_host: irc.example.org\nirc_channel: "#x"\nirc_nick: bb\nirc_password: pw\ngithub_change_hook_secret: s\ngithub_api_url: http://127.0.0.1:9/\n');
    const r = run(bb.buildbot, ['checkconfig', 'master.cfg'], { cwd: dir, env: { PYBUILDBOT_SETTINGS_PATH: join(dir, 'settings.yaml') } });
    expect(r.stdout + r.stderr).toContain('Config file is good!');
    expect(r.status).toBe(0);
  }, 120_000);
});
