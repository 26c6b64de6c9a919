// The pull-request testing runtime (templates/pr-testing.hbs): Python unit tests
// run by Debian's Python and Buildbot (check_pr_testing.py), pyflakes, and the
// partial passing through handlebars unchanged (it holds no handlebars expression).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { TEMPLATES_DIR } from '../../src/render/render.js';
import { run, tempDir } from '../pipeline/helpers.js';
import { BUILDBOTS } from '../buildbots.js';

const PARTIAL = join(TEMPLATES_DIR, 'pr-testing.hbs');
const source = readFileSync(PARTIAL, 'utf8');

/** What master.cfg has before the partial: the header's imports and the settings block's names. */
const PRELUDE = `import os
import re
import secrets
import sys
from datetime import timedelta

import yaml

from buildbot.plugins import reporters, schedulers, steps, util, worker

SETTINGS = {}


def warn(message):
    print(message, file=sys.stderr)


`;

describe.each(BUILDBOTS)('pr-testing partial on Buildbot $id', (bb) => {
  it('passes its Python unit tests (labels, commands, scheduling, log parsing, reporters, downtime)', () => {
    const r = run(bb.python, [join(import.meta.dirname, 'check_pr_testing.py')]);
    expect(r.status, r.stderr + r.stdout).toBe(0);
    expect(r.stderr).toMatch(/^OK$/m);
  });

  it('is pyflakes-clean after the header and settings block it is included after', () => {
    const file = join(tempDir('bmg-prtest-'), 'master.cfg');
    // The names master.cfg defines before it; used after it so that none is "unused".
    writeFileSync(file, `${PRELUDE}${source}\nprint(os, re, secrets, timedelta, yaml, steps, worker, warn)\n`);
    const r = run(bb.python, ['-m', 'pyflakes', file]);
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('loads in Buildbot (checkconfig) with every service on: mail, IRC with SASL, GitHub, PR comments, Discord', () => {
    // The e2e stand-in master.cfg includes the partial as the generated one does.
    const dir = tempDir('bmg-prtest-');
    const hbs = Handlebars.create();
    hbs.registerPartial('pr-testing', source);
    const standin = readFileSync(join(import.meta.dirname, '../e2e/fleet-2026/standin-master.cfg.hbs'), 'utf8');
    writeFileSync(join(dir, 'master.cfg'), hbs.compile(standin, { noEscape: true, strict: true })({}));
    writeFileSync(join(dir, 'settings.yaml'), 'send_mail: true\nirc_notice: true\nirc_password: pw\ngithub_api_url: http://127.0.0.1:9/\n');
    const r = run(bb.buildbot, ['checkconfig', 'master.cfg'], { cwd: dir, env: { PYBUILDBOT_SETTINGS_PATH: join(dir, 'settings.yaml') } });
    expect(r.stdout + r.stderr).toContain('Config file is good!');
    expect(r.status).toBe(0);
  });

  it('comes out of handlebars byte for byte (no handlebars expression, `{{` nowhere)', () => {
    expect(source).not.toContain('{{');
    const hbs = Handlebars.create();
    hbs.registerPartial('pr-testing', source);
    const out = hbs.compile('{{> pr-testing}}\n', { noEscape: true, strict: true })({});
    expect(out).toBe(source);
  });
});
