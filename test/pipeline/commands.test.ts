// generate / check / validate as a user runs them: exit codes, the diff, and out/ left whole.
import { cpSync, existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT, run, tempDir } from './helpers.js';

/** A copy of the repository's declarations and out/ in a temporary directory. */
function fleetCopy() {
  const dir = tempDir('bmg-fleet-');
  for (const f of ['workers.yaml', 'builders.yaml', 'out']) cpSync(join(ROOT, f), join(dir, f), { recursive: true });
  return dir;
}
const committed = readFileSync(join(ROOT, 'out/master.cfg'), 'utf8');

describe('the installed command', () => {
  it('runs when started through a symlink, as npx and npm link start it', () => {
    const dir = tempDir('bmg-bin-');
    symlinkSync(join(ROOT, 'dist/cli/main.cjs'), join(dir, 'buildmaster-gen'));
    const r = run(process.execPath, [join(dir, 'buildmaster-gen'), 'validate']);
    expect(r.stdout).toContain('ok: 162 builders on 29 workers');
    expect(r.status).toBe(0);
  });
});

describe('check', () => {
  it('passes on the committed out/', () => {
    const r = cli(['check']);
    expect(r.stdout).toContain('up to date');
    expect(r.status).toBe(0);
  });

  it('exits 1 with a unified diff when a YAML file changed, and writes nothing', () => {
    const dir = fleetCopy();
    const builders = readFileSync(join(dir, 'builders.yaml'), 'utf8').replace('version: "3.6"', 'version: "3.9"');
    writeFileSync(join(dir, 'builders.yaml'), builders);
    const r = cli(['check'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('out of date');
    expect(r.stdout).toMatch(/^--- out\/master\.cfg \(on disk\)$/m);
    expect(r.stdout).toMatch(/^-.*"\.\/target\/bin\/python3\.6",/m);
    expect(r.stdout).toMatch(/^\+.*"\.\/target\/bin\/python3\.9",/m);
    expect(readFileSync(join(dir, 'out/master.cfg'), 'utf8')).toBe(committed);
  });

  it('exits 1 when out/master.cfg is missing', () => {
    const dir = fleetCopy();
    const r = cli(['check', '--out', join(dir, 'nowhere')], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('does not exist');
  });
});

describe('generate', () => {
  it('reproduces the committed out/master.cfg byte for byte', () => {
    const dir = fleetCopy();
    const r = cli(['generate', '--out', join(dir, 'fresh')], { cwd: dir });
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, 'fresh/master.cfg'), 'utf8')).toBe(committed);
    expect(readdirSync(join(dir, 'fresh'))).toEqual(['buildmaster_gen', 'master.cfg']);
  });

  it('starts with a generated - do not edit header', () => {
    expect(committed.split('\n').slice(0, 6).join('\n')).toMatch(/GENERATED FILE - DO NOT EDIT/);
  });
});

describe('broken input', () => {
  const broken = {
    'workers.yaml': 'workers:\n  - name: koobs-freebsd9\n    owner: koobs\n    os: { family: linux }\n    arch: x86-64\n  bad: [\n',
  };

  it.each(['generate', 'check', 'validate'])('%s exits 2 naming file:line:column and leaves out/ untouched', (command) => {
    const dir = fleetCopy();
    writeFileSync(join(dir, 'workers.yaml'), broken['workers.yaml']);
    const r = cli([command], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^workers\.yaml:\d+:\d+: /m);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(join(dir, 'out/master.cfg'), 'utf8')).toBe(committed);
    expect(readdirSync(join(dir, 'out'))).toEqual(['buildmaster_gen', 'master.cfg']);
  });

  it('a semantic error (unknown worker) is located in builders.yaml', () => {
    const dir = fleetCopy();
    const text = readFileSync(join(dir, 'builders.yaml'), 'utf8').replace('worker: koobs-freebsd9,', 'worker: koobs-freebsd8,');
    writeFileSync(join(dir, 'builders.yaml'), text);
    const line = text.split('\n').findIndex((l) => l.includes('koobs-freebsd8')) + 1;
    const col = text.split('\n')[line - 1]!.indexOf('koobs-freebsd8') + 1;
    const r = cli(['generate'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`builders.yaml:${line}:${col}: unknown worker \`koobs-freebsd8\``);
    expect(r.stderr).toContain('did you mean `koobs-freebsd9`?');
    expect(readFileSync(join(dir, 'out/master.cfg'), 'utf8')).toBe(committed);
  });

  it('a missing file is reported, not thrown', () => {
    const dir = fleetCopy();
    const r = cli(['validate', '--workers', 'nope.yaml'], { cwd: dir });
    expect(r.status).toBe(2);
    // The whole file is the problem: no invented line:column, and the real path is named.
    expect(r.stderr).toContain(`nope.yaml: file not found (${join(dir, 'nope.yaml')}) [file-unreadable]`);
    expect(existsSync(join(dir, 'nope.yaml'))).toBe(false);
  });

  it('usage errors exit 2', () => {
    expect(cli(['frobnicate']).status).toBe(2);
    expect(cli(['generate', '--bogus']).status).toBe(2);
    expect(cli([]).status).toBe(2);
  });
});
