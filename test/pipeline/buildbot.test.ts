// Buildbot itself judges the generated config: checkconfig (no mock), pyflakes, and what
// master.cfg builds from a settings file when Buildbot's own Python loads it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, run, tempDir } from './helpers.js';
import { BUILDBOTS, type Buildbot } from '../buildbots.js';
import { copyConfig } from '../config-copy.js';

const CFG = join(ROOT, 'out/master.cfg');
/** Where test/buildbot_compat.py is: what differs between the Buildbots, read the same way. */
const COMPAT = join(ROOT, 'test');

function masterDir(settings?: string) {
  const dir = tempDir('bmg-master-');
  copyConfig(CFG, dir);
  const settingsPath = join(dir, 'settings.yaml');
  if (settings !== undefined) writeFileSync(settingsPath, settings);
  return { dir, env: { PYBUILDBOT_SETTINGS_PATH: settingsPath } };
}

/** Load master.cfg in Buildbot's Python and print facts about the config it builds. */
function inspect(bb: Buildbot, settings: string | undefined, expr: string) {
  const { dir, env } = masterDir(settings);
  const code = `import json, sys\nsys.path.insert(0, ${JSON.stringify(COMPAT)})\nfrom buildbot_compat import config_arg\nns = {"__file__": "master.cfg"}\nexec(compile(open("master.cfg").read(), "master.cfg", "exec"), ns)\nc = ns["c"]\nprint(json.dumps(${expr}))`;
  const r = run(bb.python, ['-c', code], { cwd: dir, env });
  expect(r.stderr).not.toMatch(/Traceback/);
  expect(r.status).toBe(0);
  return { value: JSON.parse(r.stdout.trim().split('\n').pop()!), stderr: r.stderr };
}

const FULL_SETTINGS = `
worker_port: 19021
web_port: null
listen_interface: 127.0.0.1
buildbot_url: https://buildbot.example.org/
db_url: sqlite:///other.sqlite
git_url: https://example.org/cpython.git
tree_stable_timer: 5
owners:
  koobs: { password: owner-secret, email: koobs@example.org }
workers:
  koobs-freebsd9: { password: worker-secret }
  bolen-ubuntu: { password: ubuntu-secret }
sendchange: { user: change, password: change-secret }
dmg_upload_dir: /tmp/dmg
dmg_python: /usr/bin/python3
send_mail: true
status_email: status@example.org
email_relay_host: mail.example.org
from_email: buildbot@example.org
irc_notice: true
irc_host: irc.example.org
irc_channel: "#python-dev"
irc_nick: py-bb
github_change_hook_secret: hook-secret
`;

describe.each(BUILDBOTS)('on Buildbot $id', (bb) => {
  describe('buildbot checkconfig', () => {
    it('accepts out/master.cfg with no settings file, warning that defaults are used', () => {
      const { dir, env } = masterDir();
      const r = run(bb.buildbot, ['checkconfig', dir], { env });
      expect(r.stdout + r.stderr).toContain('Config file is good!');
      expect(r.stderr).toContain('no settings file');
      expect(r.status).toBe(0);
    });

    it('accepts out/master.cfg with passwords, web_port null, mail, IRC, sendchange and the GitHub hook', () => {
      const { dir, env } = masterDir(FULL_SETTINGS);
      const r = run(bb.buildbot, ['checkconfig', dir], { env });
      expect(r.stdout + r.stderr).toContain('Config file is good!');
      expect(r.status).toBe(0);
    });

    it('refuses a settings file that is not a mapping, naming it', () => {
      const { dir, env } = masterDir('- just\n- a list\n');
      const r = run(bb.buildbot, ['checkconfig', dir], { env });
      expect(r.status).not.toBe(0);
      expect(r.stdout + r.stderr).toContain('settings file must be a YAML mapping');
    });
  });

  describe('no deprecated Buildbot API (the config must also load on Buildbot 4)', () => {
    it('loads with every setting on and raises no deprecation warning from Buildbot or master.cfg', () => {
      const { dir, env } = masterDir(FULL_SETTINGS);
      const code = [
        'import warnings',
        'warnings.simplefilter("always")',
        'from buildbot.config.master import FileLoader',
        'with warnings.catch_warnings(record=True) as caught:',
        '    warnings.simplefilter("always")',
        '    cfg = FileLoader(".", "master.cfg").loadConfig()',
        'mine = [f"{w.category.__name__}: {w.message}" for w in caught if "buildbot" in w.filename or "master.cfg" in w.filename or "Deprecat" in w.category.__name__ and "cgi" not in str(w.message)]',
        'print(len(cfg.builders), len(cfg.services), len(cfg.change_sources))',
        'print("\\n".join(mine))',
      ].join('\n');
      const r = run(bb.python, ['-c', code], { cwd: dir, env });
      expect(r.stderr).not.toMatch(/Traceback/);
      expect(r.stdout.trim()).toBe('162 2 1');
    });
  });

  describe('pyflakes', () => {
    it('finds nothing in out/master.cfg', () => {
      const r = run(bb.python, ['-m', 'pyflakes', CFG]);
      expect(r.stdout + r.stderr).toBe('');
      expect(r.status).toBe(0);
    });
  });

  describe('settings read by master.cfg at start-up', () => {
    it('defaults: ports 9021/9011, sqlite, no change source, no reporters', () => {
      const { value, stderr } = inspect(bb, undefined, '[c["protocols"]["pb"]["port"], c["www"]["port"], c["db"]["db_url"], len(c["change_source"]), len(c["services"]), c["buildbotURL"]]');
      expect(value).toEqual([9021, 9011, 'sqlite:///state.sqlite', 0, 0, 'http://localhost:9011/']);
      expect(stderr).toContain('no settings file');
    });

    it('passwords: the worker\'s own, else its owner\'s, else unusable and warned about', () => {
      const { value, stderr } = inspect(
        bb,
        FULL_SETTINGS,
        '{w.workername: w.password for w in c["workers"] if w.workername in ("koobs-freebsd9", "koobs-freebsd10", "bolen-ubuntu", "bolen-tiger")}',
      );
      expect(value['koobs-freebsd9']).toBe('worker-secret');
      expect(value['koobs-freebsd10']).toBe('owner-secret');
      expect(value['bolen-ubuntu']).toBe('ubuntu-secret');
      expect(value['bolen-tiger']).toMatch(/^[0-9a-f]{64}$/);
      expect(stderr).toMatch(/no password in the settings for \d+ worker\(s\).*bolen-tiger/);
    });

    it('web_port null: no web server; the other keys reach the config', () => {
      const { value } = inspect(
        bb,
        FULL_SETTINGS,
        '["www" in c, c["protocols"]["pb"]["port"], c["db"]["db_url"], c["buildbotURL"], [type(s).__name__ for s in c["change_source"]], sorted(type(s).__name__ for s in c["services"]), [config_arg(s, "treeStableTimer") for s in c["schedulers"] if s.name == "3.x-push"]]',
      );
      expect(value).toEqual([false, 'tcp:19021:interface=127.0.0.1', 'sqlite:///other.sqlite', 'https://buildbot.example.org/', ['PBChangeSource'], ['IRC', 'MailNotifier'], [5]]);
    });

    it('the git URL reaches the checkout step and the DMG settings reach its steps', () => {
      const { value } = inspect(
        bb,
        FULL_SETTINGS,
        '[[(s.kwargs.get("repourl"), s.kwargs.get("command"), s.kwargs.get("masterdest")) for s in b.factory.steps] for b in c["builders"] if b.name == "bolen-dmg-3.x"][0]',
      );
      expect(value).toEqual([
        ['https://example.org/cpython.git', null, null],
        [null, ['/usr/bin/python3', './build-installer.py', '--build-dir', '../../dmg'], null],
        [null, null, '/tmp/dmg'],
      ]);
    });
  });
});
